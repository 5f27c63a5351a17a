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

# %% [markdown]
# # Explore a municipality's indicators
#
# For analysts in JupyterLab: choose a service area, one or more of its units, an indicator,
# a range of years and what to compare with, and the charts, the scorecard and the sentences
# follow. The tabs show the trend with its target, the unit's scorecard, every unit of the
# service area ranked on the indicator, and the service area's status grid. The button makes
# the current unit's briefing note, as `kitlib briefings` does, and links to it.
#
# Run all cells, then use the controls. Saved and exported to HTML, the notebook shows a
# static copy of the last selection (the live controls need a running kernel);
# `app.snapshot()` in a new cell keeps one with every tab drawn.

# %% tags=["parameters"]
data_dir: str = ""  # data folder, empty for the embedded sample municipality
unit_id: str = ""  # result unit to open on (unit_id in units.csv), empty for the first unit
indicator_id: str = ""  # indicator to open on (indicator_id), empty for the unit's first
year: int = 0  # results year, 0 for the latest year with yearly figures
lang: str = ""  # language of the labels (nb, da or en), empty for the language in kit.toml
out_dir: str = ""  # folder the briefing button writes to, empty for output/briefings

# %% [markdown]
# ## The explorer

# %%
from kitlib import explore

app = explore(data_dir, unit_id=unit_id, indicator_id=indicator_id, year=year, lang=lang, out=out_dir)
app

# %% [markdown]
# ## Variation over time
#
# Any monthly, quarterly or tertial series of a unit as an XmR chart (process-behaviour chart,
# as NHS England's *Making Data Count*): the mean, the control limits (mean ± 2.66 × the mean
# moving range), and the points a rule flags as special cause. Choose the unit and the
# indicator, the periods from which the limits are computed afresh (a known change of the way
# of working), seasonal adjustment and the target line.

# %%
from kitlib.explorer import explore_variation

variation = explore_variation(data_dir, lang=lang)
variation

# %% [markdown]
# ## The chart's reading as a table
#
# The XmR frame of the current choice: one row per period with its centre, limits, the rule
# that flags it (`signal`) and what the point means (`point`), for your own work in pandas.

# %%
variation.view.chart.tail(12) if variation.view is not None else None
