"""The XmR (process-behaviour) chart of a frequent series, as NHS England's *Making Data
Count* draws it: the points joined by a line, the centre line, both process limits dashed,
the target, and the points a rule flags in colour and with their own marker (never colour
alone: a diamond for an improvement, a square for a concern, a triangle where no side is
better). Lines are labelled at their ends, not in a legend. The figures come from
kitlib.analysis.variation.xmr; provisional limits (fewer than 20 points) are dotted.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kitlib.analysis.variation import Limits, Point
from kitlib.report import plot
from kitlib.report.charts.style import INK, LABEL_SIZE, MUTED, PALETTE, SERIES
from kitlib.report.charts.title_block import titles
from kitlib.report.charts.trend import _frame, _last_value_text
from kitlib.report.formatting import format_number, format_value
from kitlib.report.i18n import tr

# point type -> (colour, marker, size in points²): the marker says it without the colour
POINT_STYLE = {
    Point.IMPROVEMENT.value: ("#0072B2", "D", 30),
    Point.CONCERN.value: ("#D55E00", "s", 30),
    Point.NEUTRAL.value: ("#7D3C98", "^", 34),
    Point.COMMON.value: ("#8a949b", "o", 12),
}
LIMIT_DASHES = {Limits.FINAL.value: (4, 2), Limits.PROVISIONAL.value: (1, 2)}


def xmr_chart(
    chart: pd.DataFrame,
    *,
    ax,
    name: str,
    unit: str = "",
    lang: str = "nb",
    message: str = "",
    decimals: int = 1,
    target: float | None = None,
    labels: bool = True,
    limits=None,
):
    """Draw `chart` (a frame `xmr` returned, with ``period`` and ``value``) on `ax`; return `ax`.
    `limits` are the value axis' (a panel among others), else those `xmr_limits` gives."""
    chart = chart.reset_index(drop=True)
    x = np.arange(len(chart), dtype=float)
    y = chart["value"].to_numpy(dtype=float)
    ax.plot(x, y, color=SERIES["value"][1], linewidth=1.3, label="value", zorder=2)
    for _, rows in chart.groupby("segment", sort=True):  # limits afresh from each rebase
        where = rows.index.to_numpy()
        dashes = LIMIT_DASHES.get(str(rows["limits"].iat[0]))
        if dashes is None:  # too few points: no limits to draw
            continue
        ax.plot(x[where], rows["centre"], color=INK, linewidth=1.0, label="centre", zorder=1.5)
        for side in ("lower", "upper"):
            ax.plot(x[where], rows[side], color=MUTED, linewidth=0.9, dashes=dashes, label=side, zorder=1.5)
    if target is not None and not pd.isna(target):
        ax.axhline(float(target), color=PALETTE["target"], linestyle="--", linewidth=1.1, label="target")
    for point, (colour, marker, size) in POINT_STYLE.items():
        mine = (chart["point"] == point).to_numpy()
        if mine.any():
            ax.scatter(
                x[mine], y[mine], s=size, marker=marker, color=colour, label=point, zorder=3, linewidths=0
            )
    _frame(ax, chart, unit, lang, limits or xmr_limits(chart, target))
    titles(ax, name=name, message=message, unit_line=bool(unit))
    if labels:
        rows = end_rows(chart, unit=unit, lang=lang, decimals=decimals, target=target)
        plot.end_labels(rows, y="y", text="text", color="color", weight="weight", ax=ax, size=LABEL_SIZE)
    return ax


def xmr_limits(chart: pd.DataFrame, target=None) -> tuple[float, float]:
    """Value limits that show the points, both process limits and the target."""
    drawn = [chart["value"], chart["lower"], chart["upper"]] + ([[float(target)]] if _known(target) else [])
    values = np.concatenate([np.asarray(v, dtype=float) for v in drawn])
    return plot.value_limits(values[~np.isnan(values)], pad=0.08)


def _known(value) -> bool:
    return value is not None and not pd.isna(value)


def end_rows(chart: pd.DataFrame, *, unit: str, lang: str, decimals: int, target=None) -> pd.DataFrame:
    """The labels at the lines' ends: the last value (bold), the centre, the limits and the target."""
    rows = []
    present = chart.dropna(subset=["value"])
    if len(present):
        value = float(present["value"].iat[-1])
        rows.append(
            (value, _last_value_text(present, value, unit, decimals, lang), SERIES["value"][4], "bold")
        )
    last = chart.iloc[-1] if len(chart) else None
    if last is not None and not pd.isna(last["centre"]):
        for column, key, colour in (("centre", "xmr_centre", INK), ("upper", "xmr_upper", MUTED),
                                    ("lower", "xmr_lower", MUTED)):  # fmt: skip
            if not pd.isna(last[column]):
                text = f"{tr(key, lang)} {format_number(float(last[column]), decimals, lang)}"
                rows.append((float(last[column]), text, colour, "normal"))
    if _known(target):
        text = f"{tr('target_line', lang)} {format_value(float(target), unit, decimals, lang)}"
        rows.append((float(target), text, PALETTE["target"], "normal"))
    return pd.DataFrame(rows, columns=["y", "text", "color", "weight"])
