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
# # Briefing note for one result unit
#
# Run by `kitlib briefings` (papermill) once per unit and rendered without code for the
# dialogue seminar. Every figure and sentence comes from kitlib; this notebook only
# displays. Cells tagged `notebook-only` (like this one) are left out of the briefing,
# whose headings kitlib writes in the chosen language.
#
# Each cell shows one section as the reader's page shows it and keeps the objects behind
# it: `scorecard.frame` is the scorecard as a DataFrame, `charts.figures` the matplotlib
# figures, `summary.markdown` the summary as Markdown, `briefing.card` every figure.

# %% tags=["parameters"]
data_dir: str = ""  # data folder, empty for the embedded sample municipality
unit_id: str = ""  # result unit (unit_id in units.csv), empty for the first unit
year: int = 0  # results year, 0 for the latest year with yearly figures
lang: str = ""  # language of the note (nb, da or en), empty for the language in kit.toml

# %% [markdown] tags=["notebook-only"]
# ## Load the data and compute the unit's scorecard

# %%
from kitlib import prepare_briefing

briefing = prepare_briefing(data_dir, unit_id, year, lang)

# %% [markdown] tags=["notebook-only"]
# ## Title: municipality, unit, service area, year, date of the data, key figures (`.frame`)

# %%
title = briefing.title_section()
title

# %% [markdown] tags=["notebook-only"]
# ## In short: targets met, largest improvements and concerns (`.markdown`)

# %%
summary = briefing.summary_section()
summary

# %% [markdown] tags=["notebook-only"]
# ## Status at a glance: counts per perspective (`.frame`)

# %%
overview = briefing.overview_section()
overview

# %% [markdown] tags=["notebook-only"]
# ## Questions for the dialogue meeting: drafts from the figures, or the analyst's own
# (comments.csv, kind `sporsmal`: about an indicator it replaces the draft, else it is added)

# %%
questions = briefing.questions_section()
questions

# %% [markdown] tags=["notebook-only"]
# ## Scorecard by perspective, with peers and benchmarks (`.frame`: one row per indicator)

# %%
scorecard = briefing.scorecard_section()
scorecard

# %% [markdown] tags=["notebook-only"]
# ## The unit's own assessment and planned measures (comments.csv), whole unit and per indicator

# %%
comments = briefing.comments_section()
comments

# %% [markdown] tags=["notebook-only"]
# ## Figures of the service area and the municipality: context, not ranked among units

# %%
context = briefing.context_section()
context

# %% [markdown] tags=["notebook-only"]
# ## Trend charts for every indicator not met or worsening (`.figures`, plotted rows in `.frame`)

# %%
charts = briefing.trend_charts_section()
charts

# %% [markdown] tags=["notebook-only"]
# ## Distance to target, every indicator at a glance

# %%
distance = briefing.distance_section()
distance

# %% [markdown] tags=["notebook-only"]
# ## User surveys per question, with respondents (small groups hidden)

# %%
survey = briefing.survey_section()
survey

# %% [markdown] tags=["notebook-only"]
# ## Variation over time: XmR charts of monthly and tertial series (`variation.figures`)

# %%
variation = briefing.variation_section()
variation

# %% [markdown] tags=["notebook-only"]
# ## Sick leave per tertial, where there are too few tertials for process limits

# %%
sick_leave = briefing.sick_leave_section()
sick_leave

# %% [markdown] tags=["notebook-only"]
# ## Spending against budget

# %%
budget = briefing.budget_section()
budget

# %% [markdown] tags=["notebook-only"]
# ## Notes: definition, source and data date of every indicator

# %%
notes = briefing.notes_section()
notes
