"""The analyst's views in the explorer: a relationship between two indicators and the
distribution of one across a service area's units, drawn by kitlib.plots on the tidy table.

Each view draws into a Figure of its own (never pyplot's list of open figures), embedded as
the notes embed theirs; a choice the data cannot chart shows the chart's error in words.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from kitlib.data.contract import UNIT_LEVEL
from kitlib.explorer.views.base import _empty, block
from kitlib.report.analyst import distribution, relationship
from kitlib.report.analyst.common import ChartDataError
from kitlib.report.charts import figure_html


@dataclass(frozen=True)
class RelationshipChoice:
    x: str
    y: str
    year: int | None = None  # None: the latest year with the most pairs


@dataclass(frozen=True)
class DistributionChoice:
    indicator: str
    unit: str
    year: int | None = None  # None: the indicator's latest year


def chart_indicators(frame: pd.DataFrame) -> list[str]:
    """Indicators with yearly figures for at least two result units, in the table's order."""
    rows = frame[(frame["frequency"] == "year") & (frame["level"] == UNIT_LEVEL) & frame["value"].notna()]
    counts = rows.groupby("indicator_id", sort=False)["unit_id"].nunique()
    return [i for i in dict.fromkeys(rows["indicator_id"]) if counts[i] >= 2]


def units_with(frame: pd.DataFrame, indicator: str) -> list[str]:
    """The result units with a yearly figure of `indicator`."""
    rows = frame[(frame["indicator_id"] == indicator) & (frame["frequency"] == "year")
                 & (frame["level"] == UNIT_LEVEL) & frame["value"].notna()]  # fmt: skip
    return list(dict.fromkeys(rows["unit_id"]))


def relationship_html(frame: pd.DataFrame, choice: RelationshipChoice, lang: str) -> str:
    return _chart_html(lambda ax: relationship(frame, choice.x, choice.y, choice.year, ax=ax, lang=lang),
                       (8, 5.2), "relationship")  # fmt: skip


def distribution_html(frame: pd.DataFrame, choice: DistributionChoice, lang: str) -> str:
    draw = lambda ax: distribution(frame, choice.indicator, highlight=choice.unit, year=choice.year,  # noqa: E731
                                   ax=ax, lang=lang)  # fmt: skip
    return _chart_html(draw, (8, 3.4), "distribution")


def _chart_html(draw, size, css: str) -> str:
    figure = Figure(figsize=size, layout="constrained")
    try:
        ax = draw(figure.add_subplot())
    except ChartDataError as exc:
        return block(_empty(str(exc)), css)
    return block(figure_html(figure, ax.get_title(loc="left")), css)
