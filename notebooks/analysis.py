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

# %% [markdown]
# # Analyse a municipality's indicators
#
# For analysts: every figure of the data folder as one tidy table (`kitlib.tidy`), and the
# four statistical charts of `kitlib.plots` on it. Each chart answers one question: do the
# units that spend more get better results? how far apart are the units? how have they moved?
# which survey questions are weak everywhere? The table is plain pandas: pivot it, filter it,
# export it. The columns are described in docs/analysis.md.

# %% tags=["parameters"]
data_dir: str = ""  # data folder, empty for the embedded sample municipality
year: int = 0  # year of the relationship, distribution and heatmap, 0 for the latest
x_indicator: str = "bhg_kostnad_barn"  # indicator on the relationship's x axis (indicator_id)
y_indicator: str = "bhg_bu_helhet"  # indicator on the relationship's y axis (indicator_id)
indicator_id: str = "sykefravaer"  # indicator of the distribution and the trends
unit_id: str = "shj-berg-dal"  # unit marked in the distribution, its service area's units in the trends
survey_area: str = "Barnehage"  # service area of the survey heatmap
lang: str = "nb"  # language of the charts' words: nb, da or en
excel_path: str = "output/analysis/tidy.xlsx"  # where the Excel export is written

# %%
from pathlib import Path

import kitlib
from kitlib import plots

data = kitlib.load_data(data_dir or kitlib.sample_folder())
chosen_year = year or None  # None: each chart takes the latest year with figures

# %% [markdown]
# ## The tidy table
#
# One row per unit (or comparison group), indicator and period. A survey figure from too few
# respondents keeps its row, with value, n, sd and interval empty and `suppressed` True.

# %%
frame = kitlib.tidy(data)
frame.head()

# %% [markdown]
# ## Do the units that have more of one have more of the other?
#
# A correlation across the units, with its 95 % interval: a relationship, not a cause.

# %%
ax = plots.relationship(frame, x=x_indicator, y=y_indicator, year=chosen_year, lang=lang)

# %% [markdown]
# ## How far apart are the units?

# %%
ax = plots.distribution(frame, indicator=indicator_id, highlight=unit_id, year=chosen_year, lang=lang)

# %% [markdown]
# ## How have the units moved?

# %%
units = data.units.query("level == 'enhet' and service_area == @data.unit(@unit_id).service_area")
grid = plots.trends(frame, indicators=indicator_id, units=list(units["unit_id"]), lang=lang)

# %% [markdown]
# ## Which survey questions are weak everywhere?
#
# Distance to target in the direction of the indicator: blue is better than the target, red
# worse. Hatched cells with "–" are hidden: too few answers.

# %%
least = data.config.thresholds.min_respondents  # the suppression rule, for the note
ax = plots.survey_heatmap(frame, service_area=survey_area, year=chosen_year, lang=lang, min_respondents=least)

# %% [markdown]
# ## A pivot: the status of every unit's indicators in one year

# %%
latest = chosen_year or data.latest_year
yearly = frame[(frame["frequency"] == "year") & (frame["year"] == latest) & (frame["level"] == "enhet")]
yearly.pivot_table(index="unit", columns="status", values="indicator_id", aggfunc="count", fill_value=0)

# %% [markdown]
# ## Export to Excel
#
# The whole table, for a spreadsheet; suppressed figures stay empty there too.

# %%
export = Path(excel_path)
export.parent.mkdir(parents=True, exist_ok=True)
frame.to_excel(export, index=False, sheet_name="tidy")
print(f"{len(frame)} rows written to {export}")
