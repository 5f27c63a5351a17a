# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.7
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown] tags=["notebook-only"]
# # Briefing note for the whole municipality, with the challenge note
#
# The municipality's note for the dialogue seminar: status across all result units, one
# line per service area, and a draft of the chief executive's challenge note
# (*utfordringsnotat*): the 5-10 largest challenges across units and areas, in prose to
# edit. Every figure and sentence comes from kitlib; this notebook only displays. Cells
# tagged `notebook-only` (like this one) are left out of the rendered page.
#
# Each cell shows one section as the reader's page shows it and keeps the objects behind
# it: `challenges.markdown` is the challenge note as Markdown to copy and edit,
# `challenges.frame` the ranked challenges, `municipality.cards` every unit's scorecard,
# `municipality.ranked` every challenge found (not only those in the note).

# %% tags=["parameters"]
data_dir: str = ""  # data folder, empty for the embedded sample municipality
year: int = 0  # results year, 0 for the latest year with yearly figures
lang: str = ""  # language of the note (nb, da or en), empty for the language in kit.toml

# %% [markdown] tags=["notebook-only"]
# ## Load the data and compute every result unit's scorecard, the challenges, the audit

# %%
from kitlib.report.municipality import prepare_municipality_briefing

municipality = prepare_municipality_briefing(data_dir, year, lang)

# %% [markdown] tags=["notebook-only"]
# ## Title: municipality, year, units and service areas, date of the data

# %%
title = municipality.title_section()
title

# %% [markdown] tags=["notebook-only"]
# ## In short: targets met across the units, the largest challenges, trends (`.markdown`)

# %%
summary = municipality.summary_section()
summary

# %% [markdown] tags=["notebook-only"]
# ## Status by perspective: every unit's indicators with a target, counted (`.frame`)

# %%
overview = municipality.overview_section()
overview

# %% [markdown] tags=["notebook-only"]
# ## One line per service area: targets met and its largest challenge (`.frame`)

# %%
areas = municipality.areas_section()
areas

# %% [markdown] tags=["notebook-only"]
# ## Frequent series per service area by variation and assurance (`.frame`: the counts)

# %%
variation = municipality.variation_section()
variation

# %% [markdown] tags=["notebook-only"]
# ## The challenge note: the draft to edit is `challenges.markdown`, the ranking `challenges.frame`

# %%
challenges = municipality.challenges_section()
challenges

# %% [markdown] tags=["notebook-only"]
# ## Indicator audit (KS's seven tests) and indicators per unit (`.frame`: the whole audit)

# %%
audit = municipality.audit_section()
audit

# %% [markdown] tags=["notebook-only"]
# ## SMART check of the targets, per unit (`.frame`: every target with its checks)

# %%
smart = municipality.smart_section()
smart
