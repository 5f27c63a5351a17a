"""Survey questions by units: which questions are weak everywhere, which units everywhere?"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kitlib.analysis.status import better_sign
from kitlib.data.contract import SURVEY_TYPE
from kitlib.report.analyst import common
from kitlib.report.i18n import tr

SUPPRESSED_MARK = "–"  # a suppressed cell: no number, and a note says why


def survey_grid(frame: pd.DataFrame, service_area: str, year: int | None = None):
    """(rows of the survey indicators of `service_area` for its result units in `year`, year).
    Default year: the latest with a survey figure."""
    rows = common.yearly(frame)
    rows = rows[(rows["indicator_type"] == SURVEY_TYPE) & (rows["service_area"] == service_area)]
    year = common.latest_year_with(rows) if year is None else int(year)
    rows = rows[rows["year"] == year]
    if rows.empty:
        raise common.ChartDataError(
            f"no survey figures for the units of '{service_area}' in {year or 'any year'}; choose a "
            "service area of units.csv (service_area=...) or another year (year=...)"
        )
    return rows, year


def survey_heatmap(frame: pd.DataFrame, service_area: str, year: int | None = None, *, ax=None,
                   lang: str = "nb", min_respondents: int = 5):  # fmt: skip
    """seaborn.heatmap of the distance to target in the indicator's direction (positive =
    better) of each survey question (rows) and unit (columns), each cell with its figure in the
    reader's format. Cells without a target show the figure on grey; suppressed cells (too few
    answers) are masked, hatched and marked "–", with a note. Returns the Axes."""
    common.language(lang)
    rows, year = survey_grid(frame, service_area, year)
    rows = rows.assign(distance=better_sign(rows["direction"]) * (rows["value"] - rows["target"]))
    questions = list(dict.fromkeys(rows["indicator_id"]))
    columns = list(dict.fromkeys(rows["short_name"]))
    wide = {c: rows.pivot_table(index="indicator_id", columns="short_name", values=c, aggfunc="first",
                                dropna=False).reindex(index=questions, columns=columns)
            for c in ("distance", "value")}  # fmt: skip
    hidden = rows.pivot_table(index="indicator_id", columns="short_name", values="suppressed", aggfunc="any")
    hidden = hidden.reindex(index=questions, columns=columns).fillna(False).astype(bool)
    infos = {q: common.indicator_info(frame, q) for q in questions}
    labels = np.array([[common.number(v, infos[q], lang) for v in wide["value"].loc[q]] for q in questions])
    mask = wide["distance"].isna().to_numpy()
    spread = float(np.nanmax(np.abs(wide["distance"].to_numpy()))) if (~mask).any() else 1.0
    with common.styled() as sns:
        ax = common.new_axes(ax, (1.3 * len(columns) + 4, 0.55 * len(questions) + 2))
        ax.set_facecolor("#eeeeee")  # a masked cell shows this, never a colour of the scale
        sns.heatmap(wide["distance"], mask=mask, annot=labels, fmt="", cmap="RdBu", center=0,
                    vmin=-spread, vmax=spread, linewidths=1, linecolor="white", ax=ax,
                    cbar_kws={"label": tr("analyst_heat_scale", lang), "shrink": 0.8})  # fmt: skip
        _mark_masked(ax, mask, hidden.to_numpy(), labels)
        ax.set_yticks(np.arange(len(questions)) + 0.5, [common.name(infos[q], lang) for q in questions])
        ax.set_ylabel("")
        ax.tick_params(axis="x", rotation=30)
        for label in ax.get_xticklabels():
            label.set_horizontalalignment("right")
        common.reader_ticks(ax.collections[0].colorbar.ax.yaxis, lang)
        ax.set_title(
            tr("analyst_heat_title", lang, area=service_area, year=year), loc="left", fontweight="bold"
        )
        # the note as the axis label, so that the layout keeps it clear of the units' names
        note = tr("analyst_heat_suppressed_note", lang, mark=SUPPRESSED_MARK, n=min_respondents)
        ax.set_xlabel(note if hidden.to_numpy().any() else "", loc="left", fontsize="small")
    return ax


def _mark_masked(ax, mask: np.ndarray, hidden: np.ndarray, labels: np.ndarray) -> None:
    """Masked cells get no colour: a suppressed one is hatched and shows "–"; one with a figure
    but no target shows the figure (grey); one without a figure stays empty."""
    from matplotlib.patches import Rectangle

    for i, j in zip(*np.nonzero(mask)):
        if hidden[i, j]:
            ax.add_patch(Rectangle((j, i), 1, 1, fill=False, hatch="//", edgecolor="#999999", linewidth=0))
            box = {"facecolor": "#eeeeee", "edgecolor": "none", "pad": 1}
            ax.text(j + 0.5, i + 0.5, SUPPRESSED_MARK, ha="center", va="center", color="#333333",
                    fontsize="large", bbox=box)  # fmt: skip
        elif labels[i, j]:
            ax.text(j + 0.5, i + 0.5, labels[i, j], ha="center", va="center", color="#555555")
