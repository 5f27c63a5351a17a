"""Small multiples: several indicators' charts (`Panel`) in one figure, on shared period and,
where they read well together, shared value axes; laid out by measuring their texts, not by
a layout engine (`panel_figure`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd
from matplotlib.figure import Figure

from kitlib.report import plot
from kitlib.report.charts.process import end_rows, xmr_chart, xmr_limits
from kitlib.report.charts.recycle import new_figure
from kitlib.report.charts.style import COMPARED, LABEL_SIZE, MUTED, NOTE_SIZE, TICK_SIZE, styled
from kitlib.report.charts.ticks import _axis_label, period_labels
from kitlib.report.charts.title_block import title_height, titles
from kitlib.report.charts.trend import (
    _columns,
    _limits,
    budget_chart,
    end_label_rows,
    period_bars,
    trend_chart,
)
from kitlib.report.i18n import tr


@dataclass
class Panel:
    """One indicator's chart in a figure: `kind` is "trend", "bars", "budget" or "xmr" (its
    history a frame kitlib.analysis.xmr returned, its target in ``options``)."""

    history: pd.DataFrame
    name: str
    unit: str = ""
    message: str = ""
    decimals: int = 1
    kind: str = "trend"
    options: dict = field(default_factory=dict)


CHARTS = {"trend": trend_chart, "bars": period_bars, "budget": budget_chart, "xmr": xmr_chart}


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
    if panel.kind == "xmr":
        return xmr_limits(panel.history, panel.options.get("target"))
    return _limits(panel.history)


def _tick_label_width(ax) -> float:
    low, high = sorted(ax.get_ylim())
    locs = [v for v in ax.yaxis.get_majorticklocs() if low - 1e-9 <= v <= high + 1e-9]
    texts = ax.yaxis.get_major_formatter().format_ticks(locs)
    return max((plot.text_width(t, TICK_SIZE) for t in texts), default=0.0)


COL_GAP, ROW_GAP = 14.0, 10.0  # points between the panels of a row, and between rows


@dataclass
class _Layout:
    """The measures of a panel figure, in points, taken from its texts before anything is placed."""

    ncols: int
    left: float  # the y tick labels, left of each plot
    gutter: float  # the end labels, right of each plot
    cell_w: float  # a plot with its tick labels and end labels
    plot_w: float
    plot_h: float
    row_units: list[bool]  # per panel: whether its row has a unit line in its title blocks
    rows: list[tuple[float, int]]  # per row: the height of its title blocks, its lines of period labels
    note: bool  # whether the figure ends in the note on survey intervals


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
    # an XmR chart stands beside its words: no taller than they are
    single = 1.45 if panels and panels[0].kind == "xmr" else 1.75
    plot_h = 72 * (plot_height or (single if n == 1 else 1.45))
    with styled():
        fig, axes = new_figure([p.kind for p in panels], width)
        _draw_panels(axes, panels, lang, sharey)
        label_rows = [_panel_labels(p, lang) for p in panels]
        layout = _measure(axes, panels, label_rows, lang, width=width, ncols=ncols, plot_h=plot_h)
        total = _place(fig, axes, layout, width)
        _label(axes, panels, label_rows, layout, lang)
        if layout.note:
            fig.text(
                layout.left / (width * 72),  # under the first plot's left edge, where the titles start
                2 / total,
                tr("interval_note", lang),
                fontsize=NOTE_SIZE,
                color=MUTED,
                ha="left",
                va="bottom",
            )
    return fig


def _draw_panels(axes: list, panels: list[Panel], lang: str, sharey: bool | None) -> None:
    """Each panel drawn on its own Axes (placed later), without its end labels, on the
    shared value limits where the panels share a value axis."""
    ranges = [_limits_of(p) for p in panels]
    # a value axis is shared only by panels in one unit of measure that read well together
    one_unit = len({p.unit for p in panels}) == 1
    shared = (one_unit and share_y(ranges)) if sharey is None else sharey
    union = (min(r[0] for r in ranges), max(r[1] for r in ranges))
    for ax, panel, own in zip(axes, panels, ranges):
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


def _measure(axes, panels: list[Panel], label_rows, lang: str, *, width: float, ncols: int, plot_h: float):
    """The figure's measures (`_Layout`): tick column, label gutter, title blocks, tick rows."""
    n = len(panels)
    left = max(_tick_label_width(ax) for ax in axes) + 5
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
    cell_w = (width * 72 - (ncols - 1) * COL_GAP) / ncols
    plot_w = cell_w - left - gutter
    unit_lines = [bool(_axis_label(p.unit, lang)) for p in panels]
    row_units = [any(unit_lines[i // ncols * ncols :][:ncols]) for i in range(n)]
    title_h = [
        title_height(name=p.name, message=p.message, unit_line=u, width=plot_w + gutter)
        for p, u in zip(panels, row_units)
    ]
    tick_h = [max(t.count("\n") + 1 for t in period_labels(p.history["period"], lang)) for p in panels]
    rows = []
    for r in range(math.ceil(n / ncols)):
        cells = range(r * ncols, min(n, (r + 1) * ncols))
        rows.append((max(title_h[i] for i in cells), max(tick_h[i] for i in cells)))
    note = any(_columns(p.history, ["ci_low"]) for p in panels)
    return _Layout(ncols, left, gutter, cell_w, plot_w, plot_h, row_units, rows, note)


def _place(fig: Figure, axes, layout: _Layout, width: float) -> float:
    """The figure sized to its rows and each Axes put in its cell; returns the height in points."""
    total = 6 + sum(t + layout.plot_h + k * TICK_SIZE * plot.LINE_HEIGHT + 5 for t, k in layout.rows)
    total += ROW_GAP * (len(layout.rows) - 1) + (NOTE_SIZE * plot.LINE_HEIGHT + 6 if layout.note else 2)
    fig.set_size_inches(width, total / 72)
    top = total - 6
    for r, (t_h, k) in enumerate(layout.rows):
        bottom = top - t_h - layout.plot_h
        for c in range(layout.ncols):
            i = r * layout.ncols + c
            if i < len(axes):
                x0 = c * (layout.cell_w + COL_GAP) + layout.left
                axes[i].set_position(
                    (x0 / (width * 72), bottom / total, layout.plot_w / (width * 72), layout.plot_h / total)
                )
        top = bottom - k * TICK_SIZE * plot.LINE_HEIGHT - 5 - ROW_GAP
    return total


def _label(axes, panels: list[Panel], label_rows, layout: _Layout, lang: str = "nb") -> None:
    """The texts that need the final layout: title blocks hung from one line per row, as many
    period labels as fit side by side, and the end labels, nudged apart where they would overlap."""
    for i, (ax, panel) in enumerate(zip(axes, panels)):
        titles(
            ax,
            name=panel.name,
            message=panel.message,
            unit_line=layout.row_units[i],
            width=layout.plot_w + layout.gutter,
            block=layout.rows[i // layout.ncols][0],
        )
    for ax, panel in zip(axes, panels):
        labels = period_labels(panel.history["period"], lang)
        widest = max(plot.text_width(part, TICK_SIZE) for label in labels for part in label.split("\n"))
        every = max(1, math.ceil((widest + 6) / (layout.plot_w / len(labels))))
        plot.category_axis(ax, period_labels(panel.history["period"], lang, every), pad=0.35)
    for ax, rows in zip(axes, label_rows):
        plot.end_labels(rows, y="y", text="text", color="color", weight="weight", ax=ax, size=LABEL_SIZE)
        plot.settle(ax)


def _panel_labels(panel: Panel, lang: str) -> pd.DataFrame:
    if panel.kind == "xmr":
        return end_rows(panel.history, unit=panel.unit, lang=lang, decimals=panel.decimals,
                        target=panel.options.get("target"))  # fmt: skip
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
