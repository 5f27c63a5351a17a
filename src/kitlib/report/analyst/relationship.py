"""Two indicators across the units: do the units that have more of one have more of the other?"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from kitlib.data.contract import AREA_LEVEL, MUNICIPALITY_LEVEL, UNIT_LEVEL
from kitlib.report.analyst import common
from kitlib.report.formatting import format_number
from kitlib.report.i18n import tr

MIN_PAIRS = 5  # below five points a correlation's interval spans nearly everything
# Rows plotted: the result units, the service areas and the municipality, and the comparison
# groups (benchmarks.csv) where both indicators have a figure for them.
LEVELS = (UNIT_LEVEL, AREA_LEVEL, MUNICIPALITY_LEVEL, "kostra_group", "country", "benchmark")


def pairs(frame: pd.DataFrame, x: str, y: str, year: int | None = None) -> tuple[pd.DataFrame, int | None]:
    """(one row per unit with figures for both x and y in `year`, the year): columns unit_id,
    short_name, level, x, y. Without a year: the latest year with the most pairs."""
    rows = common.yearly(frame, LEVELS)
    rows = rows[rows["value"].notna()]
    wide = rows.pivot_table(index=["unit_id", "short_name", "level", "year"], columns="indicator_id",
                            values="value", aggfunc="first")  # fmt: skip
    if x not in wide or y not in wide:
        return pd.DataFrame(columns=["unit_id", "short_name", "level", "x", "y"]), year
    both = wide[[x, y]].dropna().reset_index().rename(columns={x: "x", y: "y"})
    if year is None and len(both):
        counts = both.groupby("year").size()
        year = int(counts[counts == counts.max()].index.max())
    return both[both["year"] == year].reset_index(drop=True), year


def correlation(xs, ys, z: float = 1.96) -> tuple[float, float, float]:
    """Pearson's r with its 95 % interval by Fisher's z transformation (n >= 4)."""
    r = float(np.corrcoef(np.asarray(xs, float), np.asarray(ys, float))[0, 1])
    if math.isnan(r):
        return r, math.nan, math.nan
    clipped = min(max(r, -0.999999), 0.999999)
    half = z / math.sqrt(len(xs) - 3)
    centre = math.atanh(clipped)
    return r, math.tanh(centre - half), math.tanh(centre + half)


def relationship(frame: pd.DataFrame, x: str, y: str, year: int | None = None, *, ax=None, lang: str = "nb"):
    """Scatter of indicator `y` against `x`, one labelled point per unit (and comparison group),
    seaborn's regression line with its 95 % band, and Pearson's r with its interval and n
    under the chart. Fewer than 5 pairs: ChartDataError naming both indicators."""
    common.language(lang)
    x_info, y_info = common.indicator_info(frame, x), common.indicator_info(frame, y)
    both, year = pairs(frame, x, y, year)
    if len(both) < MIN_PAIRS:
        raise common.ChartDataError(
            f"'{x}' and '{y}' both have figures for {len(both)} units in {year or 'any year'}; a "
            f"relationship needs at least {MIN_PAIRS} pairs. Choose another year (year=...) or "
            "two indicators that more units report (kitlib.tidy(data) lists them)."
        )
    r, low, high = correlation(both["x"], both["y"])
    with common.styled() as sns:
        ax = common.new_axes(ax)
        sns.regplot(data=both, x="x", y="y", ci=95, ax=ax, color=common.MUTED, seed=0,
                    scatter_kws={"s": 40, "zorder": 3}, line_kws={"linewidth": 1.5})  # fmt: skip
        _label_points(ax, both)
        ax.set_xlabel(_axis_label(x_info, lang))
        ax.set_ylabel(_axis_label(y_info, lang))
        common.reader_ticks(ax.xaxis, lang)
        common.reader_ticks(ax.yaxis, lang)
        ax.set_title(common.sentence(_title(x_info, y_info, low, high, lang)), loc="left", fontweight="bold")
        ax.text(0, -0.14, _caption(r, low, high, len(both), year, lang), transform=ax.transAxes,
                va="top", fontsize="small", wrap=True)  # fmt: skip
    return ax


def _label_points(ax, both: pd.DataFrame) -> None:
    labels = []
    for row in both.itertuples(index=False):
        style = "italic" if row.level != UNIT_LEVEL else "normal"  # a group or total, not a unit
        label = ax.annotate(str(row.short_name), (row.x, row.y), xytext=(4, 3), textcoords="offset points",
                            fontsize="x-small", fontstyle=style)  # fmt: skip
        labels.append(label)
    _apart(ax, labels)


def _apart(ax, labels) -> None:
    """Units with nearly the same pair of figures: each label below the one it would overlap,
    from the top down, measured as drawn (the names must stay readable)."""
    canvas = ax.figure.canvas
    if not hasattr(canvas, "get_renderer"):
        return
    renderer, placed = canvas.get_renderer(), []
    to_points = 72 / ax.figure.dpi
    for label in sorted(labels, key=lambda t: (-t.xy[1], t.xy[0])):
        box, shift = label.get_window_extent(renderer), 0.0
        while any(box.translated(0, -shift).overlaps(other) for other in placed) and shift < 8 * box.height:
            shift += box.height * 1.1
        if shift:
            label.set_position((4, 3 - shift * to_points))
        placed.append(box.translated(0, -shift))


def _axis_label(info: pd.Series, lang: str) -> str:
    unit = common.value_text(1, info, lang).removeprefix(common.number(1, info, lang)).strip()
    return f"{common.name(info, lang)} ({unit})" if unit else common.name(info, lang)


def _title(x_info, y_info, low: float, high: float, lang: str) -> str:
    """A message only where the interval excludes no relationship; else both names."""
    names = {"x": common.name(x_info, lang).lower(), "y": common.name(y_info, lang).lower()}
    if low > 0:
        return tr("analyst_rel_title_together", lang, **names)
    if high < 0:
        return tr("analyst_rel_title_opposite", lang, **names)
    return tr("analyst_rel_title_neutral", lang, **names)


def _caption(r: float, low: float, high: float, n: int, year, lang: str) -> str:
    figures = {k: format_number(v, 2, lang) for k, v in {"r": r, "low": low, "high": high}.items()}
    return tr("analyst_rel_caption", lang, n=n, year=year, **figures)
