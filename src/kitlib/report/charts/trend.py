"""The charts of one indicator over its periods, each on one Axes: the trend (lines), bars per
period from 0 (sick leave per tertial) and spending against budget (dots on stems); with the
target as a dashed step, the comparisons as thin lines and labels at the lines' ends.

`panel_figure` (kitlib.report.charts.panel) lays several of them out and places their end
labels after layout; alone, each chart labels its own ends.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from kitlib.data.periods import YEARLY, parse_period
from kitlib.report import plot
from kitlib.report.charts.style import COMPARED, LABEL_SIZE, MUTED, PALETTE, SERIES, TICK_SIZE, UNIT_SIZE
from kitlib.report.charts.ticks import NumberFormatter, _axis_label, period_labels, period_part
from kitlib.report.charts.title_block import titles
from kitlib.report.formatting import format_value
from kitlib.report.i18n import tr


def _columns(history: pd.DataFrame, columns) -> list[str]:
    return [c for c in columns if c in history and history[c].notna().any()]


def _limits(history: pd.DataFrame, include=(), pad: float = 0.1, kind: str = "trend") -> tuple[float, float]:
    """Value limits that show every drawn value: the unit's, its interval, target and comparisons."""
    cols = _columns(history, ["value", "ci_low", "ci_high", "target", *COMPARED[kind]])
    return plot.value_limits(history[cols].to_numpy(dtype=float) if cols else [], include=include, pad=pad)


def _frame(ax, history: pd.DataFrame, unit: str, lang: str, limits) -> None:
    """Period ticks, the value axis in the note's numbers, the briefs' look (set before the
    ticks are made: each tick made after takes it, instead of every tick being changed)."""
    plot.tidy(ax)
    ax.tick_params(axis="x", labelsize=TICK_SIZE)
    plot.category_axis(
        ax, period_labels(history["period"], lang, every=1 if len(history) <= 12 else 3), pad=0.35
    )
    ax.set_ylim(*limits)
    plot.nice_ticks(ax)
    ax.yaxis.set_major_formatter(NumberFormatter(lang))
    ax.set_ylabel(
        _axis_label(unit, lang),
        rotation=0,
        ha="left",
        va="bottom",
        fontsize=UNIT_SIZE,
        color=MUTED,
        labelpad=0,
    )
    ax.yaxis.set_label_coords(0, 1)


def end_label_rows(
    history: pd.DataFrame,
    *,
    unit: str,
    lang: str,
    decimals: int = 1,
    reference: tuple[float, str] | None = None,
    comparisons=COMPARED["trend"],
) -> pd.DataFrame:
    """The labels at the lines' ends: the unit's last value (bold, with its unit), the target
    with its value, the budget line, and the `comparisons` drawn, by name."""
    rows = []

    def last(column):
        present = history[column].dropna() if column in history else pd.Series(dtype=float)
        return float(present.iat[-1]) if len(present) else math.nan

    value = last("value")
    rows.append((value, _last_value_text(history, value, unit, decimals, lang), SERIES["value"][4], "bold"))
    if reference is not None:
        rows.append((reference[0], reference[1], PALETTE["target"], "normal"))
    target = last("target")
    if not math.isnan(target) and (reference is None or target != reference[0]):
        rows.append(
            (
                target,
                f"{tr('target_line', lang)} {format_value(target, unit, decimals, lang)}",
                PALETTE["target"],
                "normal",
            )
        )
    for column in comparisons:
        key, _colour, _width, _dash, ink = SERIES[column]
        rows.append((last(column), tr(key, lang), ink, "normal"))
    return pd.DataFrame(rows, columns=["y", "text", "color", "weight"]).dropna(subset=["y"])


def _last_value_text(history: pd.DataFrame, value: float, unit: str, decimals: int, lang: str) -> str:
    """The unit's last value as its end label; a tertial's, quarter's or month's says which
    part of the year it is ("7,2 % (T3)"), so that it is not read as the year's figure the
    note's table gives."""
    text = format_value(value, unit, decimals, lang)
    periods = history.loc[history["value"].notna(), "period"] if "period" in history else []
    if not len(periods):
        return text
    try:
        period = parse_period(str(periods.iat[-1]))
    except ValueError:
        return text
    return (
        text
        if period.freq == YEARLY
        else tr("end_label_part", lang, value=text, part=period_part(period, lang))
    )


def _label_ends(ax, history, unit, lang, decimals, reference=None, kind="trend") -> None:
    rows = end_label_rows(
        history, unit=unit, lang=lang, decimals=decimals, reference=reference, comparisons=COMPARED[kind]
    )
    plot.end_labels(rows, y="y", text="text", color="color", weight="weight", ax=ax, size=LABEL_SIZE)


def _comparisons(history: pd.DataFrame, x, ax, lang: str, columns) -> None:
    columns = _columns(history, columns)
    if not columns:
        return
    long = pd.concat(
        [pd.DataFrame({"x": x, "y": history[c].to_numpy(dtype=float), "series": c}) for c in columns]
    )
    plot.lines(
        long,
        x="x",
        y="y",
        hue="series",
        ax=ax,
        palette={c: SERIES[c][1] for c in columns},
        widths={c: SERIES[c][2] for c in columns},
        dashes={c: SERIES[c][3] for c in columns},
        markers=("value",),
        labels={c: tr(SERIES[c][0], lang) for c in columns},
    )


def _target_step(data: pd.DataFrame, ax, lang: str) -> None:
    """The target as a dashed step over each period (its x column), as every chart draws it."""
    plot.steps(
        data, x="x", y="target", ax=ax, color=PALETTE["target"], linestyle="--", linewidth=1.1,
        label=tr("target_line", lang),
    )  # fmt: skip


def trend_chart(
    history: pd.DataFrame,
    *,
    ax,
    name: str,
    unit: str = "",
    lang: str = "nb",
    message: str = "",
    decimals: int = 1,
    labels: bool = True,
    limits=None,
):
    """The unit's values with its target as a dashed step and the comparisons as thin lines,
    each labelled at its end; a message above the indicator's name when given.

    `history` comes from kitlib.analysis.history.indicator_history: period, value, target,
    peer_median, peer_group_value, national_value, and ci_low/ci_high for survey figures
    (drawn as error bars). Gaps stay gaps: no line across a missing year.
    `labels=False` leaves the end labels to `panel_figure`, which places them after layout.
    """
    history = history.reset_index(drop=True)
    x = np.arange(len(history))
    data = history.assign(x=x)
    plot.intervals(
        data, x="x", low="ci_low", high="ci_high", ax=ax, color=PALETTE["unit"], label=tr("interval", lang)
    )
    if "target" in data:
        _target_step(data, ax, lang)
    _comparisons(history, x, ax, lang, [*COMPARED["trend"], "value"])
    _frame(ax, history, unit, lang, limits or _limits(history))
    titles(ax, name=name, message=message, unit_line=bool(_axis_label(unit, lang)))
    if labels:
        _label_ends(ax, history, unit, lang, decimals)
    return ax


def period_bars(
    history: pd.DataFrame,
    *,
    ax,
    name: str,
    unit: str = "",
    lang: str = "nb",
    reference=None,
    message: str = "",
    decimals: int = 1,
    labels: bool = True,
    limits=None,
):
    """Bars per period from 0 (sick leave per tertial), with the target as a dashed step and
    the other units' median as a line, labelled at their ends."""
    history = history.reset_index(drop=True)
    x = np.arange(len(history))
    data = history.assign(x=x, label=[str(p) for p in history["period"]])
    plot.bars(data, x="label", y="value", order=data["label"], ax=ax, color=PALETTE["unit"])
    if reference is not None:
        ax.axhline(reference[0], color=PALETTE["target"], linestyle="--", linewidth=1.1, label=reference[1])
    elif "target" in data:
        _target_step(data, ax, lang)
    _comparisons(history, x, ax, lang, COMPARED["bars"])
    low, high = limits or _limits(
        history, include=[0] + ([reference[0]] if reference else []), pad=0.06, kind="bars"
    )
    _frame(ax, history, unit, lang, (0.0, high))
    titles(ax, name=name, message=message, unit_line=bool(_axis_label(unit, lang)))
    if labels:
        _label_ends(ax, history, unit, lang, decimals, reference, "bars")
    return ax


def budget_chart(
    history: pd.DataFrame,
    *,
    ax,
    name: str,
    unit: str = "%",
    lang: str = "nb",
    message: str = "",
    decimals: int = 1,
    labels: bool = True,
    limits=None,
    budget: float = 100.0,
):
    """Spending in per cent of budget as dots on stems from the budget line (100 %): 101,4 %
    stands clearly above it and 97 % below, where a bar from 0 would hide the difference."""
    history = history.reset_index(drop=True)
    x = np.arange(len(history))
    data = history.assign(x=x)
    reference = (budget, tr("budget_line", lang))
    ax.axhline(budget, color=PALETTE["target"], linewidth=1.0, label=reference[1], zorder=2.5)
    if "target" in data and (data["target"].dropna() != budget).any():
        _target_step(data, ax, lang)
    plot.stems(data, x="x", y="value", base=budget, ax=ax, color=PALETTE["unit"], label=tr("this_unit", lang))
    _frame(ax, history, unit, lang, limits or _limits(history, include=[budget], pad=0.2, kind="budget"))
    titles(ax, name=name, message=message, unit_line=bool(_axis_label(unit, lang)))
    if labels:
        _label_ends(ax, history, unit, lang, decimals, reference, "budget")
    return ax
