# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
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

# %% tags=["parameters"]
data_dir: str = ""  # data folder, empty for the embedded sample municipality
unit_id: str = ""  # result unit (unit_id in units.csv), empty for the first unit
year: int = 0  # results year, 0 for the latest year with yearly figures
lang: str = ""  # language of the note (nb, da or en), empty for the language in kit.toml

# %% [markdown] tags=["notebook-only"]
# ## Load the data and compute the unit's scorecard

# %%
from IPython.display import HTML, display

from kitlib import prepare_briefing

briefing = prepare_briefing(data_dir, unit_id, year, lang)

# %% [markdown] tags=["notebook-only"]
# ## Title: municipality, unit, service area, year, date of the data

# %%
display(HTML(briefing.title_html()))

# %% [markdown] tags=["notebook-only"]
# ## In short: targets met, largest improvements and concerns

# %%
display(HTML(briefing.summary_html()))

# %% [markdown] tags=["notebook-only"]
# ## Status at a glance: counts per perspective (the end of the first page)

# %%
display(HTML(briefing.overview_html()))

# %% [markdown] tags=["notebook-only"]
# ## Scorecard by perspective, with peers and benchmarks

# %%
display(HTML(briefing.scorecard_html()))

# %% [markdown] tags=["notebook-only"]
# ## The unit's own assessment and planned measures (comments.csv), whole unit and per indicator

# %%
display(HTML(briefing.comments_html()))

# %% [markdown] tags=["notebook-only"]
# ## Figures of the service area and the municipality: context, not ranked among units

# %%
display(HTML(briefing.context_html()))

# %% [markdown] tags=["notebook-only"]
# ## Trend charts for every indicator not met or worsening

# %%
display(HTML(briefing.trend_charts_html()))

# %% [markdown] tags=["notebook-only"]
# ## Distance to target, every indicator at a glance

# %%
display(HTML(briefing.distance_html()))

# %% [markdown] tags=["notebook-only"]
# ## User surveys per question, with respondents (small groups hidden)

# %%
display(HTML(briefing.survey_html()))

# %% [markdown] tags=["notebook-only"]
# ## Sick leave per tertial

# %%
display(HTML(briefing.sick_leave_html()))

# %% [markdown] tags=["notebook-only"]
# ## Spending against budget

# %%
display(HTML(briefing.budget_html()))

# %% [markdown] tags=["notebook-only"]
# ## Notes: definition, source and data date of every indicator

# %%
display(HTML(briefing.notes_html()))
