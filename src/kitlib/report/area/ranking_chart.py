"""The ranking figure of the service-area note: per indicator the units best first as dots on
one value axis, with the median, the target, the limit, the KOSTRA group and the country as
reference lines, laid out as small multiples by measuring their texts."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from kitlib.report import charts, plot
from kitlib.report.area.wording import (
    _unit_label,
)
from kitlib.report.charts import INK, LABEL_SIZE, MESSAGE_SIZE, MUTED, NAME_SIZE, NOTE_SIZE, PALETTE, styled
from kitlib.report.formatting import (
    format_number,
)

# Reference lines of a ranking: line colour, dashes ("" = solid), label ink (4.5:1 on white).
REFERENCES = {
    "median": ("#5b6770", (1.5, 1.5), "#4a545c"),
    "target": (PALETTE["target"], (4, 2), INK),
    "limit": ("#D55E00", "", "#a33f00"),
    "peer_group": (PALETTE["peer_group"], (5, 1.5, 1.5, 1.5), "#00704f"),
    "national": (PALETTE["national"], (4, 2), "#9c4479"),
}


@dataclass
class RankingPanel:
    """One indicator's units, best first: `rows` has ``label`` (the unit, with its status
    symbol), ``value`` (NaN: missing), ``status``, ``ci_low``/``ci_high`` and ``missing`` (the
    words shown in place of a missing figure). `references` are (kind, label, value) for the
    vertical lines: the median, the target, the statutory limit, the KOSTRA group, the country."""

    rows: pd.DataFrame
    name: str
    message: str = ""
    unit: str = ""
    decimals: int = 1
    references: list = field(default_factory=list)
    coloured: bool = True  # dots coloured by status; False: the unit's colour (a listing)


def _dot_colours(panel: RankingPanel) -> list[str]:
    if not panel.coloured:
        return [PALETTE["unit"]] * len(panel.rows)
    return [PALETTE.get(s, PALETTE["unit"]) for s in panel.rows["status"]]


def row_layout(labels, name_width: float) -> tuple[list[str], np.ndarray, float]:
    """The units' names wrapped to `name_width` points, the height (in points, from the bottom)
    of each row's centre, best on top, and the rows' total height: a row is as tall as its name."""
    names = ["\n".join(plot.wrap(charts.plain(t), name_width, charts.TICK_SIZE)) for t in labels]
    heights = np.array([(n.count("\n") + 1) * charts.TICK_SIZE * plot.LINE_HEIGHT + 5.0 for n in names])
    total = float(heights.sum())
    centres = total - (np.cumsum(heights) - heights / 2)
    return names, centres, total


def ranking_chart(panel: RankingPanel, *, ax, lang: str = "nb", name_width: float = 110.0):
    """The units of one indicator as dots on one value axis, best on top, each named on the
    left (with its status symbol) and its figure at the right of the dot; a survey's interval as
    a whisker; the references as vertical lines named above the plot (`reference_labels`). A
    unit without a figure keeps its row, with the reason where the dot would be."""
    rows = panel.rows.reset_index(drop=True)
    names, y, total = row_layout(rows["label"], name_width)
    data = rows.assign(y=y)
    known = [*rows["value"], *rows["ci_low"], *rows["ci_high"], *(v for _, _, v in panel.references)]
    ax.set_xlim(*plot.value_limits(known, pad=0.06))
    ax.set_ylim(0, total)
    colours = _dot_colours(panel)
    for kind, _, value in panel.references:
        colour, dashes, _ = REFERENCES[kind]
        line = ax.axvline(value, color=colour, linewidth=1.1, zorder=1.5, label=kind)
        if dashes:
            line.set_dashes(dashes)
    plot.intervals(data, x="y", low="ci_low", high="ci_high", ax=ax, orient="h", color=colours,
                   linewidth=1.2, alpha=0.7)  # fmt: skip
    present = data["value"].notna().to_numpy()
    if present.any():
        ax.scatter(data["value"][present], data["y"][present], s=38, c=np.array(colours)[present],
                   edgecolors="white", linewidths=0.8, zorder=3, label="units")  # fmt: skip
    ax.set_yticks(y, names)
    plot.nice_ticks(ax, "x", bins=4)
    ax.xaxis.set_major_formatter(charts.NumberFormatter(lang))
    plot.tidy(ax, grid="x")
    ax.tick_params(axis="y", labelsize=charts.TICK_SIZE, labelcolor=INK)
    return ax


def _value_labels(panel: RankingPanel, ax, lang: str, name_width: float) -> None:
    """Each unit's figure right of its dot (or its whisker), or the reason for none at the left
    edge; the x limits widen until every label fits inside the plot."""
    rows = panel.rows.reset_index(drop=True)
    _, y, _ = row_layout(rows["label"], name_width)
    texts = [
        format_number(v, panel.decimals, lang) if not pd.isna(v) else str(m)
        for v, m in zip(rows["value"], rows["missing"])
    ]
    ends = np.fmax(rows["value"].to_numpy(dtype=float), rows["ci_high"].to_numpy(dtype=float))
    widths = np.array([plot.text_width(t, LABEL_SIZE) + 9 for t in texts])
    low, high = ax.get_xlim()
    span_points = plot.points_per_unit(ax, "x") * (high - low)  # the plot's width in points
    # the right limit at which each label ends inside the plot: end + w * (high - low) / P <= high
    fits = (ends * span_points - low * widths) / np.maximum(span_points - widths, 1.0)
    ax.set_xlim(low, float(np.nanmax(np.append(fits, high))))
    for text, value, end, yi in zip(texts, rows["value"], ends, y):
        missing = pd.isna(value)
        ax.annotate(
            text, (low if missing else end, yi), xytext=(2 if missing else 5, 0), textcoords="offset points",
            ha="left", va="center", fontsize=LABEL_SIZE, color=MUTED if missing else INK,
            fontstyle="italic" if missing else "normal", annotation_clip=False, zorder=4,
            bbox={"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
        )  # fmt: skip


def _reference_labels(panel: RankingPanel, ax, lang: str) -> None:
    """The references' names and figures above the plot, one to a line of text, each at its
    line (left-aligned on the left half, right-aligned on the right), so none overlap."""
    low, high = ax.get_xlim()
    count = len(panel.references)
    for i, (kind, label, value) in enumerate(panel.references):
        at = (value - low) / (high - low)
        text = f"{label} {format_number(value, panel.decimals, lang)}"
        ax.annotate(
            charts.plain(text), (value, 1.0), xycoords=("data", "axes fraction"),
            xytext=(0, 3 + (count - 1 - i) * LABEL_SIZE * plot.LINE_HEIGHT), textcoords="offset points",
            ha="left" if at < 0.5 else "right", va="bottom", fontsize=LABEL_SIZE,
            color=REFERENCES[kind][2], annotation_clip=False,
        )  # fmt: skip


def _title_lines(panel: RankingPanel, width: float, lang: str) -> tuple[list[str], list[str]]:
    unit = _unit_label(panel.unit, lang)
    name = panel.name if not unit or unit.casefold() in panel.name.casefold() else f"{panel.name} · {unit}"
    names = plot.wrap(charts.plain(name), width, NAME_SIZE)
    messages = plot.wrap(charts.plain(panel.message), width, MESSAGE_SIZE, "bold") if panel.message else []
    return messages, names


COL_GAP, ROW_GAP = 18.0, 12.0  # points between the small multiples' columns and rows


@dataclass(frozen=True)
class _Grid:
    """Where the small multiples go, in points: the figure's width and height, a cell's width,
    the units' names column (its width and the width a name is wrapped to), the plot's width."""

    width: float
    total: float
    cell_w: float
    name_w: float
    name_cap: float
    plot_w: float


def ranking_figure(
    panels: list[RankingPanel], lang: str = "nb", *, width: float = 7.0, note: str = ""
) -> Figure:
    """Small multiples of `ranking_chart`, two to a row (one alone), laid out by measuring their
    texts: the message in bold and the indicator's name above each panel, the references'
    names under them, the units' names on the left. `note` goes under the figure."""
    n = len(panels)
    ncols = 1 if n == 1 else 2
    nrows = math.ceil(n / ncols)
    with styled():
        fig = Figure(figsize=(width, 3.0))
        cell_w = (width * 72 - (ncols - 1) * COL_GAP) / ncols
        name_cap, name_w = _name_column(panels, cell_w)
        heights = [_panel_heights(p, cell_w, name_cap, lang) for p in panels]
        tick_h = charts.TICK_SIZE * plot.LINE_HEIGHT + 6
        grid = []
        for r in range(nrows):
            cells = heights[r * ncols : (r + 1) * ncols]
            grid.append(tuple(max(c[k] for c in cells) for k in range(3)))
        note_h = (
            NOTE_SIZE * plot.LINE_HEIGHT * len(plot.wrap(note, width * 72 - 8, NOTE_SIZE)) + 6 if note else 2
        )
        total = 4 + sum(t + f + p + tick_h for t, f, p in grid) + ROW_GAP * (nrows - 1) + note_h
        fig.set_size_inches(width, total / 72)
        layout = _Grid(width, total, cell_w, name_w, name_cap, cell_w - name_w - 6)
        top = total - 4
        for r, (title_h, refs_h, plot_h) in enumerate(grid):
            bottom = top - title_h - refs_h - plot_h
            for c in range(ncols):
                i = r * ncols + c
                if i < n:
                    x0, own_h = c * (cell_w + COL_GAP), heights[i][2]
                    _draw_panel(fig, panels[i], lang, layout, x0, top, bottom + plot_h - own_h, own_h)
            top = bottom - tick_h - ROW_GAP
        if note:
            fig.text(4 / (width * 72), 3 / total, "\n".join(plot.wrap(note, width * 72 - 8, NOTE_SIZE)),
                     ha="left", va="bottom", fontsize=NOTE_SIZE, color=MUTED)  # fmt: skip
    return fig


def _name_column(panels: list[RankingPanel], cell_w: float) -> tuple[float, float]:
    """(the width the units' names wrap to, the names column's width): as wide as the widest
    wrapped name, at most 120 points or 42 % of a cell."""
    name_cap = min(120.0, 0.42 * cell_w)
    labels = [plot.wrap(charts.plain(t), name_cap, charts.TICK_SIZE) for p in panels for t in p.rows["label"]]
    name_w = max((plot.text_width(line, charts.TICK_SIZE) for lines in labels for line in lines), default=0)
    return name_cap, min(name_w, name_cap) + 6


def _panel_heights(panel: RankingPanel, cell_w: float, name_cap: float, lang: str) -> tuple:
    """(title block, reference names, plot) heights of one panel in points."""
    messages, names = _title_lines(panel, cell_w, lang)
    title = (
        4
        + len(names) * NAME_SIZE * plot.LINE_HEIGHT
        + (len(messages) * MESSAGE_SIZE * plot.LINE_HEIGHT + 2 if messages else 0)
    )
    refs = len(panel.references) * LABEL_SIZE * plot.LINE_HEIGHT + (5 if panel.references else 2)
    return (title, refs, row_layout(panel.rows["label"], name_cap)[2])


def _draw_panel(
    fig: Figure,
    panel: RankingPanel,
    lang: str,
    grid: _Grid,
    x0: float,
    top: float,
    bottom: float,
    height: float,
) -> None:
    """One panel: its chart at `bottom` (points) `height` tall, its value and reference labels,
    and its message and name from `top` down, in the cell that starts at `x0`."""
    width, total = grid.width, grid.total
    ax = fig.add_axes(((x0 + grid.name_w) / (width * 72), bottom / total,
                       grid.plot_w / (width * 72), height / total))  # fmt: skip
    ranking_chart(panel, ax=ax, lang=lang, name_width=grid.name_cap)
    _value_labels(panel, ax, lang, grid.name_cap)
    _reference_labels(panel, ax, lang)
    plot.settle(ax)
    messages, names = _title_lines(panel, grid.cell_w, lang)
    y_text = top / total
    if messages:
        fig.text(x0 / (width * 72), y_text, "\n".join(messages), ha="left", va="top",
                 fontsize=MESSAGE_SIZE, fontweight="bold", color=INK)  # fmt: skip
        y_text -= (len(messages) * MESSAGE_SIZE * plot.LINE_HEIGHT + 2) / total
    fig.text(x0 / (width * 72), y_text, "\n".join(names), ha="left", va="top", fontsize=NAME_SIZE,
             color=MUTED)  # fmt: skip


def _figure_block(fig, alt: str) -> str:
    """A ranking figure as the page shows it: at the column's full width on paper too (the
    units' names and figures must stay readable), kept whole on one page."""
    return f'<div class="area-figure">{charts.figure_html(fig, alt)}</div>'
