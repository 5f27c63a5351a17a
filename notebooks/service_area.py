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
# # Briefing note for one service area
#
# All units of one service area side by side, for the dialogue seminar: which targets they
# meet, how they rank per indicator, how far apart they are, which units most need attention
# and why, the area in KOSTRA's four dimensions, and the indicators the service is usually
# discussed by. Every figure and sentence comes from kitlib (`kitlib.report.area`); this
# notebook only displays. Cells tagged `notebook-only` (like this one) are left out of the
# rendered note, whose headings kitlib writes in the chosen language.
#
# Each cell shows one section as the reader's page shows it and keeps the objects behind
# it: `heatmap.frame` is the status matrix (units × indicators), `rankings.frame` every unit's
# rank per indicator, `rankings.figures` the matplotlib figures, `summary.markdown` the
# summary as Markdown, `area.cards` every unit's scorecard in one frame.

# %% tags=["parameters"]
data_dir: str = ""  # data folder, empty for the embedded sample municipality
service_area: str = ""  # service area (service_area in units.csv), empty for the first one
year: int = 0  # results year, 0 for the latest year with yearly figures
lang: str = ""  # language of the note (nb, da or en), empty for the language in kit.toml

# %% [markdown] tags=["notebook-only"]
# ## Load the data and compute every unit's scorecard

# %%
from kitlib.report.area import prepare_area_briefing

area = prepare_area_briefing(data_dir, service_area, year, lang)

# %% [markdown] tags=["notebook-only"]
# ## Title: municipality, service area, year, number of units, data date (`.frame`: the units' sizes summed)

# %%
title = area.title_section()
title

# %% [markdown] tags=["notebook-only"]
# ## In short: targets met, targets most units miss, who needs attention (`.markdown`)

# %%
summary = area.summary_section()
summary

# %% [markdown] tags=["notebook-only"]
# ## Status heatmap: units × indicators, symbol, word and colour (`.frame`: the status matrix)

# %%
heatmap = area.heatmap_section()
heatmap

# %% [markdown] tags=["notebook-only"]
# ## The units that most need attention, and why (`.frame`: one row per unit and reason)

# %%
attention = area.attention_section()
attention

# %% [markdown] tags=["notebook-only"]
# ## The area in KOSTRA's four dimensions against the KOSTRA group and the country

# %%
kostra = area.kostra_section()
kostra

# %% [markdown] tags=["notebook-only"]
# ## What the service is usually discussed by: national tests, staff qualifications, processing time

# %%
service = area.service_section()
service

# %% [markdown] tags=["notebook-only"]
# ## Frequent indicators as Making Data Count sums them up: variation and assurance icons per unit (`.frame`)

# %%
variation = area.variation_section()
variation

# %% [markdown] tags=["notebook-only"]
# ## Per indicator the units best first, with the median, the KOSTRA group and the country (`.figures`)

# %%
rankings = area.rankings_section()
rankings

# %% [markdown] tags=["notebook-only"]
# ## Spread over the units: lowest, median, highest, middle half

# %%
spread = area.spread_section()
spread

# %% [markdown] tags=["notebook-only"]
# ## Notes: definition, source and data date of every indicator

# %%
notes = area.notes_section()
notes
