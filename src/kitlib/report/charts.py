"""Charts of the briefing, in the manner of the statistical briefs (ONS, FT, SSB): a title
that states the message, the indicator's name under it, lines labelled at their ends
instead of a legend, numbers in the note's language, and small multiples with shared
axes where several indicators are shown together.

Each chart function takes a DataFrame and ``ax=`` and returns the Axes; `panel_figure` and
`distance_figure` lay whole figures out without constrained layout (text is measured, not
drawn twice); `figure_html` turns a finished figure into an embedded, alt-texted <figure>.
The layers themselves are drawn by kitlib.report.plot (plain matplotlib).
"""

from __future__ import annotations

import base64
import io
import math
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import escape

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import Formatter

from kitlib.analysis.codes import JUDGED, Status, Trend
from kitlib.analysis.status import better_sign
from kitlib.data.periods import YEARLY, parse_period
from kitlib.report import plot
from kitlib.report.formatting import format_number, format_period, format_text, format_value
from kitlib.report.i18n import STATUS_SYMBOL, tr, unit_word

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = {
    "unit": "#0072B2", "target": "#000000", "peers": "#E69F00", "peer_group": "#009E73",
    "national": "#CC79A7", Status.MET: "#0072B2", Status.NEAR: "#E69F00", Status.UNCERTAIN: "#56B4E9",
    Status.NOT_MET: "#D55E00",
    Status.NO_DATA: "#999999",
}  # fmt: skip
INK, MUTED = "#1d2327", "#5b6770"  # the note's text colours (templates/briefing/static/briefing.css)
STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 110,
    "font.size": 8.5,
    "axes.titlesize": 8.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "svg.hashsalt": "kitlib",  # the same ids in every run: byte-identical SVG
    "svg.fonttype": "path",  # text as outlines: the same letters in every browser and on paper
}
FORMAT = "svg"  # see figure_html
# matplotlib reads its style from the process-wide rcParams while it makes and saves a
# figure; `styled` sets STYLE for the time it takes, one thread at a time (the explorer draws
# the likely next charts in a background thread while the analyst reads).
_STYLE_LOCK = threading.RLock()


@contextmanager
def styled():
    """A context in which figures are made and saved in the briefing's look (STYLE): the
    process's rcParams are set for its duration and restored after, and no other thread
    draws meanwhile (two overlapping ``rc_context`` in two threads would restore each
    other's values and leave the style changed for good)."""
    with _STYLE_LOCK, matplotlib.rc_context(STYLE):
        yield


# The lines of a trend chart: history column -> (phrase key, colour, width, dashes, label ink).
# The label ink is the line's colour darkened to 4.5:1 against white, for text of 8 points.
SERIES = {
    "value": ("this_unit", PALETTE["unit"], 2.2, "", "#005a8c"),
    "peer_median": ("other_units", PALETTE["peers"], 1.2, (1.5, 1.5), "#8a5a00"),
    "peer_group_value": ("peer_group", PALETTE["peer_group"], 1.2, (5, 1.5, 1.5, 1.5), "#00704f"),
    "national_value": ("national", PALETTE["national"], 1.2, (4, 2), "#9c4479"),
}
MESSAGE_SIZE, NAME_SIZE, UNIT_SIZE, TICK_SIZE, LABEL_SIZE, NOTE_SIZE = 9.5, 8.5, 7.5, 8.0, 8.0, 7.5


@contextmanager
def briefing_figure(width: float = 7.0, height: float = 3.0):
    """A new Figure and Axes in the briefing's look, with room for a title block above and
    line labels to the right. Made without pyplot, so no backend or global state is touched
    and nothing is shown twice in a notebook; fixed margins, so no layout engine runs."""
    with styled():
        fig = Figure(figsize=(width, height))
        left, right, top, bottom = 0.5, 1.45, 0.75, 0.35  # inches
        fig.subplots_adjust(
            left=left / width, right=1 - right / width, top=1 - top / height, bottom=bottom / height
        )
        yield fig, fig.add_subplot()


class NumberFormatter(Formatter):
    """Axis numbers in the note's language (``4,5`` and ``1 000`` in Norwegian), with as many
    decimals as the tick spacing needs and no more."""

    def __init__(self, lang: str):
        self.lang = lang
        self.decimals = 0

    def set_locs(self, locs):
        super().set_locs(locs)
        steps = np.diff(np.sort(np.asarray(locs, dtype=float)))
        step = float(steps[steps > 0].min()) if (steps > 0).any() else 1.0
        # as many decimals as the step has: 2,5 keeps its 5 (rounded to 3 it would mislabel)
        self.decimals = next(
            d for d in range(7) if abs(round(step, d) - step) <= 1e-9 * max(1, step) or d == 6
        )

    def __call__(self, x, pos=None):
        return format_number(x, self.decimals, self.lang)


def plain(text: object) -> str:
    """Text from the data as matplotlib must show it: literally. A name is never math, so
    '$' is escaped (matplotlib would typeset '$x^2$' as TeX, or fail on a lone '$')."""
    return str(text).replace("$", r"\$")


# -- the message of a chart ------------------------------------------------------------------


def _count(n: int, lang: str) -> str:
    words = tr("number_words", lang).split(",")
    return words[n] if 0 <= n < len(words) else str(n)


def run_length(yearly: pd.DataFrame, decimals: int = 1) -> int:
    """How many of the latest yearly changes went the same way in a row (no gap between the
    years, each change visible at `decimals`); signed: negative for falls."""
    if yearly is None or yearly.empty:
        return 0
    years = pd.to_numeric(yearly["period"].astype(str).str[:4], errors="coerce").to_numpy()
    values = yearly["value"].to_numpy(dtype=float)
    run, sign = 0, 0
    for i in range(len(values) - 1, 0, -1):
        if years[i] - years[i - 1] != 1 or np.isnan(values[i]) or np.isnan(values[i - 1]):
            break
        step = np.sign(round(values[i] - values[i - 1], decimals))
        if step == 0 or (sign and step != sign):
            break
        sign, run = step, run + 1
    return int(sign * run)


def _is_budget_share(row) -> bool:
    return (
        row.get("indicator_type") == "okonomi" and row.get("unit_of_measure") == "%" and row["target"] == 100
    )


def chart_message(row, yearly: pd.DataFrame | None, lang: str = "nb") -> str:
    """The chart's title: what the figures say, in the note's language, without the name (the
    subtitle carries it): "Ned tre år på rad, men fortsatt over målet", "Stabil og over målet".

    Built from the scorecard row (status, trend, trend_change, last_change, value, target)
    and the unit's yearly values (for "n years in a row"). It claims only what the row
    claims: a movement only where the trend is beyond noise, a run only where every change
    in it went the trend's way, and nothing about a trend whose latest change went the other.
    """
    decimals = 1 if pd.isna(row.get("decimals")) else int(row["decimals"])
    period = str(row.get("period") or "")
    if pd.isna(row["value"]):
        return tr("msg_no_data", lang, period=period)
    movement, m_valence = "", 0
    trend, change = row.get("trend"), row.get("trend_change")
    if trend in (Trend.IMPROVING, Trend.WORSENING, Trend.RISING, Trend.FALLING) and not pd.isna(change):
        up = change > 0
        since = str(row.get("trend_from_period") or "")
        last = row.get("last_change")
        if not pd.isna(last) and round(last, decimals) != 0 and (last > 0) != up:
            # the trend as the scorecard reads it, and the latest change that went against it
            movement = tr(
                "msg_mixed", lang,
                movement=tr("msg_up_since" if up else "msg_down_since", lang, period=since),
                turn=tr("msg_turn_down" if up else "msg_turn_up", lang), period=format_period(period, lang),
            )  # fmt: skip
        else:
            run = run_length(yearly, decimals)
            if abs(run) >= 3 and (run > 0) == up:
                key = "msg_run_up" if up else "msg_run_down"
                movement = tr(key, lang, count=_count(abs(run), lang))
            else:
                movement = tr("msg_up_since" if up else "msg_down_since", lang, period=since)
            m_valence = {Trend.IMPROVING: 1, Trend.WORSENING: -1}.get(trend, 0)
    elif trend == Trend.STABLE:
        movement = tr("msg_stable", lang)

    position, p_valence = "", 0
    status = row.get("status")
    if status in JUDGED and not pd.isna(row["target"]):
        ref = tr("msg_ref_budget" if _is_budget_share(row) else "msg_ref_target", lang)
        diff = round(float(row["value"]) - float(row["target"]), decimals)
        side = "above" if diff > 0 else "below" if diff < 0 else "on"
        if status == Status.NEAR and side != "on":
            position, p_valence = tr(f"msg_just_{side}", lang, ref=ref), -1
        else:
            position = tr(f"msg_{side}", lang, ref=ref)
            p_valence = {Status.MET: 1, Status.NOT_MET: -1, Status.NEAR: -1}.get(status, 0)
        if status == Status.UNCERTAIN:
            position = tr("msg_uncertain", lang, position=position)

    if movement and position:
        if m_valence * p_valence < 0:
            text = tr("msg_but_still", lang, movement=movement, position=position)
        elif m_valence == 0 and p_valence < 0:
            text = tr("msg_but", lang, movement=movement, position=position)
        else:
            text = tr("msg_and", lang, movement=movement, position=position)
    elif position:
        text = tr("msg_in_period", lang, position=position, period=period)
    elif movement:
        text = movement
    else:
        shown = format_value(row["value"], row.get("unit_of_measure", ""), decimals, lang)
        text = tr("msg_value", lang, value=shown, period=period)
    return text[:1].upper() + text[1:]


# -- trend, bars, budget: one indicator on one Axes ------------------------------------------


def _axis_label(unit: str, lang: str) -> str:
    """The unit in the note's language ("dager", "kr", "%"); a score keeps its scale ("score 1-6")."""
    word = unit_word(unit, lang) or (unit if (unit or "").lower().startswith("score") else "")
    return format_text(word, lang)


def period_labels(periods) -> list[str]:
    """Tick labels: years as they are; a tertial, quarter or month by its part ("T2", "K3",
    "M07"), with the year under the first of each year and under the first shown."""
    labels = []
    for i, text in enumerate(map(str, periods)):
        try:
            period = parse_period(text)
        except ValueError:
            labels.append(text)
            continue
        if period.freq == YEARLY:
            labels.append(text)
        else:
            part = text[4:]
            labels.append(f"{part}\n{period.year}" if i == 0 or period.sub == 1 else part)
    return labels


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
    plot.category_axis(ax, period_labels(history["period"]), pad=0.35, every=1 if len(history) <= 12 else 3)
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


def _title_lines(name: str, message: str, width: float | None) -> tuple[list[str], list[str]]:
    width = width or math.inf
    names = plot.wrap(plain(name), width, NAME_SIZE)
    messages = plot.wrap(plain(message), width, MESSAGE_SIZE, "bold") if message else []
    return names, messages


def title_height(
    *, name: str, message: str = "", unit_line: bool = True, width: float | None = None
) -> float:
    """The height in points of a title block (see `titles`), for a figure's layout."""
    names, messages = _title_lines(name, message, width)
    height = 6 + len(names) * NAME_SIZE * plot.LINE_HEIGHT
    height += (UNIT_SIZE * plot.LINE_HEIGHT + 2) if unit_line else 0
    return height + ((1 + len(messages) * MESSAGE_SIZE * plot.LINE_HEIGHT) if messages else 0)


def titles(
    ax,
    *,
    name: str,
    message: str = "",
    unit_line: bool = True,
    width: float | None = None,
    block: float | None = None,
) -> float:
    """The title block above an Axes: the message in bold, the indicator's name under it,
    and the unit of the axis (its y label) just above the plot; wrapped to `width` points.

    The block is `block` points tall (its natural height when None or less), its text hung
    from the top, so that panels side by side start their titles on one line. Returns the
    natural height.
    """
    names, messages = _title_lines(name, message, width)
    natural = title_height(name=name, message=message, unit_line=unit_line, width=width)
    top = max(block or 0, natural) - 4  # points above the plot
    if messages:
        ax.annotate(
            "\n".join(messages),
            xy=(0, 1),
            xycoords="axes fraction",
            xytext=(0, top),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=MESSAGE_SIZE,
            fontweight="bold",
            color=INK,
            annotation_clip=False,
        )
        top -= 1 + len(messages) * MESSAGE_SIZE * plot.LINE_HEIGHT
    # y given: the title stays where it is put (matplotlib would measure the axes' decorations
    # on every draw to move it clear of them, and find nothing above the plot to avoid)
    ax.set_title("\n".join(names), loc="left", fontsize=NAME_SIZE, color=MUTED, va="top", pad=top, y=1.0)
    return natural


COMPARED = {  # the comparison lines each kind of chart draws
    "trend": ("peer_median", "peer_group_value", "national_value"),
    "bars": ("peer_median",),
    "budget": (),
}


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
    rows.append((value, format_value(value, unit, decimals, lang), SERIES["value"][4], "bold"))
    if reference is not None:
        rows.append((reference[0], reference[1], PALETTE["target"], "normal"))
    target = last("target")
    if not math.isnan(target) and (reference is None or target != reference[0]):
        rows.append(
            (
                target,
                f"{tr('target_line', lang)} {format_number(target, decimals, lang)}",
                PALETTE["target"],
                "normal",
            )
        )
    for column in comparisons:
        key, _colour, _width, _dash, ink = SERIES[column]
        rows.append((last(column), tr(key, lang), ink, "normal"))
    return pd.DataFrame(rows, columns=["y", "text", "color", "weight"]).dropna(subset=["y"])


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


# -- figures of one or more panels -------------------------------------------------------------


@dataclass
class Panel:
    """One indicator's chart in a figure: `kind` is "trend", "bars" or "budget"."""

    history: pd.DataFrame
    name: str
    unit: str = ""
    message: str = ""
    decimals: int = 1
    kind: str = "trend"
    options: dict = field(default_factory=dict)


CHARTS = {"trend": trend_chart, "bars": period_bars, "budget": budget_chart}


def share_y(ranges, ratio: float = 3.0) -> bool:
    """Whether panels read well on one shared value axis: the span of them all is at most
    `ratio` times the widest panel's own span (4,1-5,3 and 4,4-5,0 share; 5 % and 90 % do not)."""
    ranges = [r for r in ranges if r is not None]
    if len(ranges) < 2:
        return False
    widest = max(high - low for low, high in ranges)
    total = max(h for _, h in ranges) - min(low for low, _ in ranges)
    return widest > 0 and total <= ratio * widest


def _limits_of(panel: Panel) -> tuple[float, float]:
    if panel.kind == "bars":
        return (0.0, _limits(panel.history, include=[0], pad=0.06, kind="bars")[1])
    if panel.kind == "budget":
        return _limits(panel.history, include=[panel.options.get("budget", 100.0)], pad=0.2, kind="budget")
    return _limits(panel.history)


def _tick_label_width(ax) -> float:
    low, high = sorted(ax.get_ylim())
    locs = [v for v in ax.yaxis.get_majorticklocs() if low - 1e-9 <= v <= high + 1e-9]
    texts = ax.yaxis.get_major_formatter().format_ticks(locs)
    return max((plot.text_width(t, TICK_SIZE) for t in texts), default=0.0)


def panel_figure(
    panels: list[Panel],
    lang: str = "nb",
    *,
    width: float = 7.0,
    ncols: int | None = None,
    sharey: bool | None = None,
    plot_height: float | None = None,
) -> Figure:
    """Small multiples: the panels in a grid (two columns when there are several) on shared
    period and, where they read well together (`share_y`), shared value axes.

    Laid out by measuring its texts, not by a layout engine: y ticks on the left, end labels
    in a gutter on the right, title blocks above, a note on the survey intervals below.
    """
    n = len(panels)
    ncols = ncols or (1 if n == 1 else 2)
    nrows = math.ceil(n / ncols)
    plot_h = 72 * (plot_height or (1.75 if n == 1 else 1.45))
    with styled():
        fig = Figure(figsize=(width, 3.0))
        ranges = [_limits_of(p) for p in panels]
        # a value axis is shared only by panels in one unit of measure that read well together
        one_unit = len({p.unit for p in panels}) == 1
        shared = (one_unit and share_y(ranges)) if sharey is None else sharey
        union = (min(r[0] for r in ranges), max(r[1] for r in ranges))
        axes = []
        for panel, own in zip(panels, ranges):
            ax = fig.add_axes((0, 0, 1, 1))
            CHARTS[panel.kind](
                panel.history,
                ax=ax,
                name=panel.name,
                unit=panel.unit,
                lang=lang,
                decimals=panel.decimals,
                labels=False,
                limits=union if shared else own,
                **panel.options,
            )
            axes.append(ax)
        # measure: tick column, label gutter, title blocks, tick rows
        left = max(_tick_label_width(ax) for ax in axes) + 5
        label_rows = [_panel_labels(p, lang) for p in panels]
        gutter = (
            max(
                plot.text_width(t, LABEL_SIZE, w)
                for rows in label_rows
                for t, w in zip(rows["text"], rows["weight"])
            )
            + 9
            if any(len(r) for r in label_rows)
            else 8
        )
        col_gap = 14.0
        cell_w = (width * 72 - (ncols - 1) * col_gap) / ncols
        plot_w = cell_w - left - gutter
        unit_lines = [bool(_axis_label(p.unit, lang)) for p in panels]
        row_units = [any(unit_lines[i // ncols * ncols :][:ncols]) for i in range(n)]
        title_h = [
            title_height(name=p.name, message=p.message, unit_line=u, width=plot_w + gutter)
            for p, u in zip(panels, row_units)
        ]
        tick_h = [max(t.count("\n") + 1 for t in period_labels(p.history["period"])) for p in panels]
        note = any(_columns(p.history, ["ci_low"]) for p in panels)
        rows_h = []
        for r in range(nrows):
            cells = range(r * ncols, min(n, (r + 1) * ncols))
            rows_h.append((max(title_h[i] for i in cells), max(tick_h[i] for i in cells)))
        row_gap = 10.0
        total = 6 + sum(t + plot_h + k * TICK_SIZE * plot.LINE_HEIGHT + 5 for t, k in rows_h)
        total += row_gap * (nrows - 1) + (NOTE_SIZE * plot.LINE_HEIGHT + 6 if note else 2)
        fig.set_size_inches(width, total / 72)
        top = total - 6
        for r, (t_h, k) in enumerate(rows_h):
            bottom = top - t_h - plot_h
            for c in range(ncols):
                i = r * ncols + c
                if i < n:
                    x0 = c * (cell_w + col_gap) + left
                    axes[i].set_position(
                        (x0 / (width * 72), bottom / total, plot_w / (width * 72), plot_h / total)
                    )
            top = bottom - k * TICK_SIZE * plot.LINE_HEIGHT - 5 - row_gap
        for i, (ax, panel) in enumerate(zip(axes, panels)):
            titles(
                ax,
                name=panel.name,
                message=panel.message,
                unit_line=row_units[i],
                width=plot_w + gutter,
                block=rows_h[i // ncols][0],
            )
        for ax, panel in zip(axes, panels):  # as many period labels as fit side by side
            labels = period_labels(panel.history["period"])
            widest = max(plot.text_width(part, TICK_SIZE) for label in labels for part in label.split("\n"))
            every = max(1, math.ceil((widest + 6) / (plot_w / len(labels))))
            plot.category_axis(ax, labels, pad=0.35, every=every)
        for ax, rows in zip(axes, label_rows):
            plot.end_labels(rows, y="y", text="text", color="color", weight="weight", ax=ax, size=LABEL_SIZE)
            plot.settle(ax)
        if note:
            fig.text(
                left / (width * 72),  # under the first plot's left edge, where the titles start
                2 / total,
                tr("interval_note", lang),
                fontsize=NOTE_SIZE,
                color=MUTED,
                ha="left",
                va="bottom",
            )
    return fig


def _panel_labels(panel: Panel, lang: str) -> pd.DataFrame:
    reference = None
    if panel.kind == "budget":
        reference = (panel.options.get("budget", 100.0), tr("budget_line", lang))
    elif panel.options.get("reference") is not None:
        reference = panel.options["reference"]
    return end_label_rows(
        panel.history,
        unit=panel.unit,
        lang=lang,
        decimals=panel.decimals,
        reference=reference,
        comparisons=COMPARED[panel.kind],
    )


# -- distance to target ------------------------------------------------------------------------


def distance_rows(card: pd.DataFrame) -> pd.DataFrame:
    """Indicators with a judged status and a target: the distance chart's rows, best status
    first. `gap` is the distance to target signed so that positive is better, and `measure`
    says how it is read:

    - ``pp`` for shares (unit %): the difference in percentage points, which a target of 0
      has as well as any other;
    - ``pct`` for other units: the difference in per cent of the target, which a target of 0
      does not have: such indicators are read in the scorecard and left out here.

    `tolerance` (how far short still counts as near) and `ci_low`/`ci_high` (the survey
    interval) come in the same measure, as distances.
    """

    # the rows are chosen and ordered on plain arrays and taken from the (wide) card once: each
    # boolean mask, copy or sort of the card copies all its columns
    def numbers(column, at=slice(None)):
        if column not in card:
            return np.full(len(card), np.nan)[at]
        return pd.to_numeric(card[column], errors="coerce").to_numpy(dtype=float)[at]

    share = (card["unit_of_measure"] == "%").to_numpy(dtype=bool)
    value, target = numbers("value"), numbers("target")
    chosen = card["status"].isin(JUDGED).to_numpy(dtype=bool) & ~np.isnan(target) & ~np.isnan(value)
    chosen &= share | (target != 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        scale = np.where(share, 1.0, 100 / np.abs(np.where(share, 1.0, target)))
        sign = better_sign(card["direction"]).to_numpy(dtype=float)
        gap = sign * (value - target) * scale
    rank = card["status"].map({s: i for i, s in enumerate(JUDGED)}).to_numpy(dtype=float)
    where = np.flatnonzero(chosen)
    # best status first, then the largest gap; ties keep the card's order (lexsort is stable)
    order = where[np.lexsort((-gap[where], rank[where]))]
    scale, sign, target = scale[order], sign[order], target[order]
    low, high = (sign * (numbers(c, order) - target) * scale for c in ("ci_low", "ci_high"))
    return card.take(order).assign(
        measure=np.where(share[order], "pp", "pct"),
        gap=gap[order],
        distance=gap[order],
        tolerance=numbers("tolerance", order) * scale,
        ci_low=np.fmin(low, high),
        ci_high=np.fmax(low, high),
    )


def _gap_text(gap: float, measure: str, decimals: int, lang: str) -> str:
    decimals = decimals if measure == "pp" else (0 if abs(gap) >= 10 else 1)
    number = format_number(gap, decimals, lang)
    sign = "+" if number.strip("0,.") and not number.startswith("−") else ""
    return sign + number + (("%" if lang == "en" else "\u00a0%") if measure == "pct" else "")


def gap_texts(rows: pd.DataFrame, lang: str) -> list[str]:
    """The gap of each distance row as its label: ``−4,4`` (percentage points), ``−11 %``."""
    decimals = rows["decimals"].fillna(1).astype(int)
    return [_gap_text(g, m, d, lang) for g, m, d in zip(rows["gap"], rows["measure"], decimals)]


def _row_names(rows: pd.DataFrame, lang: str, width: float) -> list[list[str]]:
    """Each row's status symbol and name, wrapped to `width` points: the distance chart's y labels."""
    return [
        plot.wrap(f"{STATUS_SYMBOL[s]} {plain(format_text(n, lang))}", width, TICK_SIZE)
        for s, n in zip(rows["status"], rows["name"])
    ]


def _label_anchor(rows: pd.DataFrame) -> np.ndarray:
    """Where each gap label starts: past the dot, or past the interval's end on that side."""
    gap = rows["gap"].to_numpy(dtype=float)
    low, high = rows["ci_low"].to_numpy(dtype=float), rows["ci_high"].to_numpy(dtype=float)
    right = np.where(np.isnan(high), gap, np.fmax(gap, high))
    left = np.where(np.isnan(low), gap, np.fmin(gap, low))
    return np.where(gap >= 0, right, left)


def distance_chart(card: pd.DataFrame, *, ax, lang: str = "nb", measure: str = "pp", name_width: float = 200):
    """One dot per indicator at its distance to target (0 = the target; right = better), on a
    stem from the target and coloured by status, with the survey's interval as a whisker and
    the tolerance ("nesten") as a light band short of the target.

    Rows go best status first, so every "nesten nådd" stands above every "ikke nådd", and a
    near dot always lies inside its band: a far-off-looking "nesten" is explained by its
    tolerance, never mistaken for a miss. `measure` picks the rows: "pp" (shares, in
    percentage points) or "pct" (other units, in per cent of the target).
    """
    rows = _measured(distance_rows(card), measure)
    return _distance_axes(rows, ax=ax, lang=lang, measure=measure, name_width=name_width)


# the columns a distance chart draws: a narrow frame is cheap to filter, copy and extend
_DRAWN = ["name", "status", "decimals", "measure", "gap", "tolerance", "ci_low", "ci_high"]


def _measured(rows: pd.DataFrame, measure: str) -> pd.DataFrame:
    """The distance rows of one measure, narrowed to what the chart draws, numbered from 0."""
    rows = rows[_DRAWN]
    return rows[rows["measure"] == measure].reset_index(drop=True)


def _distance_axes(rows: pd.DataFrame, *, ax, lang: str, measure: str, name_width: float):
    """`distance_chart` drawn from its rows (`_measured`)."""
    y = np.arange(len(rows))[::-1].astype(float)  # the first row on top
    data = rows.assign(y=y, band_low=-rows["tolerance"], band_high=0.0)
    plot.spans(data, y="y", low="band_low", high="band_high", ax=ax, color="#fbf1d8", height=0.7)
    plot.intervals(
        data,
        x="y",
        low="ci_low",
        high="ci_high",
        ax=ax,
        orient="h",
        alpha=0.8,
        linewidth=1.0,
        color=[PALETTE[s] for s in data["status"]],
        label=tr("interval", lang),
    )
    plot.stems(
        data,
        x="gap",
        y="y",
        base=0.0,
        ax=ax,
        color=PALETTE["unit"],
        orient="h",
        hue="status",
        palette={s: PALETTE[s] for s in JUDGED},
    )
    ax.axvline(0, color=PALETTE["target"], linewidth=1.0)
    ax.set_yticks(y, ["\n".join(lines) for lines in _row_names(rows, lang, name_width)])
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ends = np.concatenate(
        [[0.0], rows["gap"], rows["ci_low"].dropna(), rows["ci_high"].dropna(), -rows["tolerance"].dropna()]
    )
    low, high = float(ends.min()), float(ends.max())
    span = (high - low) or 1.0
    ax.set_xlim(low - 0.04 * span, high + 0.04 * span)
    plot.nice_ticks(ax, "x", bins=5)
    ax.xaxis.set_major_formatter(NumberFormatter(lang))
    plot.tidy(ax, grid="x")
    ax.set_title(
        tr("distance_pp" if measure == "pp" else "distance_pct", lang),
        loc="left",
        fontsize=NAME_SIZE,
        color=MUTED,
        pad=4,
        y=1.0,  # placed, not moved clear of the axes' decorations at every draw (there are none above)
    )
    for gap, at, yi, text in zip(rows["gap"], _label_anchor(rows), y, gap_texts(rows, lang)):
        outward = gap >= 0
        ax.annotate(
            text,
            (at, yi),
            xytext=(5 if outward else -5, 0),
            textcoords="offset points",
            va="center",
            ha="left" if outward else "right",
            fontsize=LABEL_SIZE,
            color=INK,
        )
    for text, at, align in ((f"← {tr('worse', lang)}", 0, "left"), (f"{tr('better', lang)} →", 1, "right")):
        ax.annotate(
            text,
            xy=(at, 0),
            xycoords="axes fraction",
            xytext=(0, -14),
            textcoords="offset points",
            ha=align,
            va="top",
            fontsize=NOTE_SIZE,
            color=MUTED,
        )
    return ax


def _fit_gap_labels(ax, rows: pd.DataFrame, lang: str) -> None:
    """Widen the x limits until every gap label fits inside the Axes: none runs into the
    names on the left or off the figure on the right."""
    anchors, gaps = _label_anchor(rows), rows["gap"].to_numpy(dtype=float)
    widths = np.array([plot.text_width(t, LABEL_SIZE) + 8 for t in gap_texts(rows, lang)])
    for _ in range(4):  # the limits change the scale: settle in a few rounds
        low, high = ax.get_xlim()
        per_point = 1 / plot.points_per_unit(ax, "x")
        need_low = min([low, *(anchors - widths * per_point)[gaps < 0]])
        need_high = max([high, *(anchors + widths * per_point)[gaps >= 0]])
        if need_low >= low and need_high <= high:
            break
        ax.set_xlim(need_low, need_high)


def distance_figure(card: pd.DataFrame, lang: str = "nb", *, width: float = 7.0) -> Figure:
    """Every indicator with a target at its distance to target: shares in percentage points,
    other units in per cent of the target, each on its own axis; the title counts the
    targets met."""
    rows = distance_rows(card)
    measures = [m for m in ("pp", "pct") if (rows["measure"] == m).any()]
    chosen_rows = {m: _measured(rows, m) for m in measures}
    name_width = 150.0
    with styled():
        fig = Figure(figsize=(width, 3.0))
        heights = []
        for m in measures:
            chosen = chosen_rows[m]
            two_lines = max(len(lines) for lines in _row_names(chosen, lang, name_width)) > 1
            heights.append(max(len(chosen) * (24.0 if two_lines else 17.0), 36.0))
        message = tr("msg_targets_met", lang, met=int((rows["status"] == Status.MET).sum()), total=len(rows))
        head = 6 + (MESSAGE_SIZE + NAME_SIZE) * plot.LINE_HEIGHT + 10
        panel_head, panel_foot = NAME_SIZE * plot.LINE_HEIGHT + 6, TICK_SIZE * plot.LINE_HEIGHT + 22
        note = NOTE_SIZE * plot.LINE_HEIGHT + 4
        total = head + sum(h + panel_head + panel_foot for h in heights) + note
        fig.set_size_inches(width, total / 72)
        left, right = name_width + 12, 8.0
        top = total - head
        for measure, h in zip(measures, heights):
            ax = fig.add_axes(
                (
                    left / (width * 72),
                    (top - panel_head - h) / total,
                    (width * 72 - left - right) / (width * 72),
                    h / total,
                )
            )
            _distance_axes(chosen_rows[measure], ax=ax, lang=lang, measure=measure, name_width=name_width)
            _fit_gap_labels(ax, chosen_rows[measure], lang)
            plot.settle(ax)
            top -= panel_head + h + panel_foot
        x0, subtitle = 6 / (width * 72), 1 - (8 + MESSAGE_SIZE * plot.LINE_HEIGHT) / total
        fig.text(
            x0,
            1 - 6 / total,
            plain(message),
            ha="left",
            va="top",
            fontsize=MESSAGE_SIZE,
            fontweight="bold",
            color=INK,
        )
        fig.text(
            x0, subtitle, tr("share_of_target", lang), ha="left", va="top", fontsize=NAME_SIZE, color=MUTED
        )
        fig.text(
            x0, 3 / total, tr("distance_note", lang), ha="left", va="bottom", fontsize=NOTE_SIZE, color=MUTED
        )
    return fig


# -- HTML ----------------------------------------------------------------------------------------


def figure_html(fig, alt: str, caption: str = "") -> str:
    """The figure as an embedded image <figure> with alt text.

    SVG with its text as outlines (see FORMAT and the report's measurements): sharp on screen
    and on paper at any zoom, and byte-identical across runs (svg.hashsalt fixes the ids,
    the date is left out).
    """
    buffer = io.BytesIO()
    with styled():
        if FORMAT == "svg":
            fig.savefig(buffer, format="svg", metadata={"Date": None})
            mime = "image/svg+xml"
        else:
            fig.savefig(buffer, format="png", metadata={"Software": None})
            mime = "image/png"
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    cap = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return f'<figure class="chart"><img src="data:{mime};base64,{data}" alt="{escape(alt)}">{cap}</figure>'
