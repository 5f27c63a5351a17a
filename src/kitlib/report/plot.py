"""Plot functions of the briefing's charts, in seaborn's convention: a DataFrame, its columns
named by keyword, ``ax=``, and the Axes back.

Drawn with plain matplotlib (``ax.plot``, ``ax.bar``, ``ax.scatter``), in the look seaborn's
functions gave them before: seaborn's lineplot cost six times as much per chart, and importing
seaborn (with the scipy.stats it loads) cost every worker kernel more than the rest of kitlib.
Never pyplot: nothing here creates a figure, shows one, or changes rcParams
(charts.briefing_figure draws inside an ``rc_context``). The functions know nothing of
indicators or languages; kitlib.report.charts composes them into the briefing's charts.

Two rules the briefing relies on:
- a gap stays a gap: a line plot joins the points either side of a missing value, so
  `lines` draws every run of consecutive values as its own segment (seaborn's ``units``);
- labels never collide: `nudge` spreads label positions at least a font height apart.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.font_manager import FontProperties
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import offset_copy

LINE_HEIGHT = 1.25  # a line of text is this many font sizes tall
LABEL_GAP = 1.15  # direct labels sit at least this many font sizes apart


# -- text measurement (points), for layout and wrapping without drawing the figure ----------


@functools.cache
def _renderer() -> RendererAgg:
    return RendererAgg(1, 1, 72)  # 72 dpi: one pixel is one point


@functools.cache
def text_width(text: str, size: float, weight: str = "normal") -> float:
    """The width of one line of `text` in points, as matplotlib will draw it."""
    if not text:
        return 0.0
    prop = FontProperties(size=size, weight=weight)
    return _renderer().get_text_width_height_descent(text, prop, ismath=False)[0]


def wrap(text: str, width: float, size: float, weight: str = "normal") -> list[str]:
    """`text` broken at spaces into lines no wider than `width` points (a longer word keeps its
    line). Only plain spaces break: a no-break space ("1 000", "10,1 %") holds."""
    lines: list[str] = []
    for word in filter(None, str(text).replace("\n", " ").split(" ")):
        if lines and text_width(f"{lines[-1]} {word}", size, weight) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


# -- label placement ----------------------------------------------------------------------


def nudge(positions, min_gap: float, low: float = -math.inf, high: float = math.inf) -> np.ndarray:
    """Positions moved apart so that neighbours are at least `min_gap` apart, each moving as
    little as it can (labels that crowd are spread around their common centre), kept within
    [`low`, `high`] where there is room. Returned in the order given; ties keep that order."""
    pos = np.asarray(positions, dtype=float)
    if len(pos) < 2:
        return np.clip(pos, low, high) if len(pos) else pos
    order = np.argsort(pos, kind="stable")
    wanted = pos[order]
    # clusters of labels that touch: [start, end) into `wanted`, placed evenly around their mean
    clusters = [[i, i + 1, wanted[i]] for i in range(len(wanted))]
    merged = True
    while merged:
        merged = False
        for k in range(len(clusters) - 1):
            a, b = clusters[k], clusters[k + 1]
            top_of_a = a[2] + (a[1] - a[0] - 1) * min_gap
            if b[2] - top_of_a < min_gap - 1e-12:
                start, end = a[0], b[1]
                centre = wanted[start:end].mean()
                clusters[k : k + 2] = [[start, end, centre - (end - start - 1) * min_gap / 2]]
                merged = True
                break
    placed = np.empty_like(wanted)
    for start, end, bottom in clusters:
        placed[start:end] = bottom + min_gap * np.arange(end - start)
    # keep inside the bounds where the span allows it: push up from below, then down from above
    if np.isfinite(low):
        placed = np.maximum(placed, low + min_gap * np.arange(len(placed)))
    if np.isfinite(high):
        placed = np.minimum(placed, high - min_gap * np.arange(len(placed))[::-1])
    out = np.empty_like(placed)
    out[order] = placed
    return out


def points_per_unit(ax: Axes, axis: str = "y") -> float:
    """Points per data unit along `axis`, from the Axes' position and limits (no drawing needed)."""
    fig = ax.get_figure()
    box = ax.get_position()
    width, height = fig.get_size_inches()
    if axis == "y":
        low, high = ax.get_ylim()
        return box.height * height * 72 / abs(high - low)
    low, high = ax.get_xlim()
    return box.width * width * 72 / abs(high - low)


def end_labels(
    data: pd.DataFrame,
    *,
    y: str,
    text: str,
    ax: Axes,
    color: str | None = None,
    weight: str | None = None,
    size: float = 8.0,
    offset: float = 5.0,
) -> Axes:
    """Labels in the right margin at the height of each line's end, nudged apart by at least
    a font height (`LABEL_GAP` sizes), so the chart needs no legend.

    `color` and `weight` name optional columns of `data`. Call it when the Axes has its
    final position and y limits: the gap in data units depends on both.
    """
    rows = data.dropna(subset=[y])
    if rows.empty:
        return ax
    low, high = sorted(ax.get_ylim())
    gap = LABEL_GAP * size / points_per_unit(ax, "y")
    placed = nudge(rows[y].to_numpy(dtype=float), gap, low, high)
    transform = offset_copy(ax.get_yaxis_transform(), fig=ax.get_figure(), x=offset, y=0, units="points")
    n = len(rows)
    colours = rows[color].tolist() if color else [None] * n
    weights = rows[weight].tolist() if weight else ["normal"] * n
    for label, at, colour, bold in zip(rows[text].tolist(), placed, colours, weights):
        ax.text(
            1.0,
            at,
            str(label),
            transform=transform,
            ha="left",
            va="center",
            fontsize=size,
            color=colour,
            fontweight=bold,
            clip_on=False,
        )
    return ax


# -- layers ---------------------------------------------------------------------------------


def lines(
    data: pd.DataFrame,
    *,
    x: str,
    y: str,
    hue: str,
    ax: Axes,
    palette: dict,
    widths: dict | None = None,
    dashes: dict | None = None,
    markers: tuple = (),
    labels: dict | None = None,
) -> Axes:
    """One line per value of `hue`, broken at every missing `y`: each run of consecutive
    values is its own Line2D, as seaborn's lineplot draws it with ``units`` (and in its look:
    dots edged in white), but through matplotlib's ``ax.plot`` directly, one call per line
    (a sixth of what the lineplot's grouping machinery cost).

    `data` is long: one row per line and x, in x order within each line. `palette`,
    `widths` and `dashes` map `hue` values to colour, line width and dash pattern ("" =
    solid); the lines whose `hue` is in `markers` get a dot at each value. The lines are
    drawn in `palette`'s order (the last on top). Each Line2D is labelled with
    ``labels[hue]`` (default: the hue value), so a test can find it.
    """
    xs, ys = data[x].to_numpy(), data[y].to_numpy(dtype=float)
    keys = data[hue].to_numpy(dtype=object)
    for name in palette:
        mine = keys == name
        if not mine.any():
            continue
        line_x, line_y = xs[mine], ys[mine]
        present = ~np.isnan(line_y)
        # a run of consecutive values: every missing value ends the one before it
        starts = np.flatnonzero(present & ~np.concatenate([[False], present[:-1]]))
        stops = np.flatnonzero(present & ~np.concatenate([present[1:], [False]])) + 1
        if not len(starts):
            continue
        runs = [arg for a, b in zip(starts, stops) for arg in (line_x[a:b], line_y[a:b])]
        style = {
            "color": palette[name],
            "label": (labels or {}).get(name, name),
            "markeredgewidth": 0.75,
            "markeredgecolor": "w",
        }
        if widths and name in widths:
            style["linewidth"] = widths[name]
        if dashes and dashes.get(name):
            style["dashes"] = dashes[name]
        for line in ax.plot(*runs, **style):
            single = len(line.get_xdata()) == 1  # a value alone between two gaps: keep its dot
            if name in markers or single:
                line.set_marker("o")
                line.set_markersize(4 if name in markers else 2.5)
    return ax


def steps(data: pd.DataFrame, *, x: str, y: str, ax: Axes, color: str, label: str = "", **kws) -> Axes:
    """A value that holds for its whole period (a target) as a step over each x's whole
    width (x ± 0.5, consecutive x one apart), rising or falling where it changes; a period
    without a value is a gap, and a single period still gets its line."""
    xs = data[x].to_numpy(dtype=float)
    ys = data[y].to_numpy(dtype=float)
    if np.isnan(ys).all():
        return ax
    # two points per period, and a break (NaN) after every period that is not followed by the next
    ends = np.append((xs[1:] - xs[:-1] != 1) | np.isnan(ys[:-1]) | np.isnan(ys[1:]), False)
    path_x, path_y = [], []
    for xi, yi, end in zip(xs, ys, ends):
        path_x += [xi - 0.5, xi + 0.5] + ([np.nan] if end else [])
        path_y += [yi, yi] + ([np.nan] if end else [])
    ax.plot(path_x, path_y, color=color, label=label, **kws)
    return ax


def intervals(
    data: pd.DataFrame,
    *,
    x: str,
    low: str,
    high: str,
    ax: Axes,
    color,
    label: str = "",
    orient: str = "v",
    **kws,
) -> Axes:
    """Error bars from `low` to `high` (a survey's interval) at each `x`; ``orient="h"`` draws
    them across, at each `x` taken as the row's y."""
    if low in data and data[low].notna().any():
        kws = {"linewidth": 1.2, "alpha": 0.55} | kws
        draw = ax.vlines if orient == "v" else ax.hlines
        draw(data[x], data[low], data[high], color=color, label=label, **kws)
    return ax


def spans(
    data: pd.DataFrame,
    *,
    y: str,
    low: str,
    high: str,
    ax: Axes,
    color: str,
    height: float = 0.62,
    label: str = "",
) -> Axes:
    """A light band from `low` to `high` on each row `y` (a tolerance around a target)."""
    present = data.dropna(subset=[low, high])
    if len(present):
        ax.barh(
            present[y],
            present[high] - present[low],
            left=present[low],
            height=height,
            color=color,
            linewidth=0,
            label=label,
            zorder=0.5,
        )
    return ax


def bars(data: pd.DataFrame, *, x: str, y: str, ax: Axes, color: str, order=None) -> Axes:
    """One bar per category of `x` (one row each), 0.62 wide at the category's place in `order`
    (0, 1, 2, ...; default: the rows' order), drawn in that order; a missing value leaves its
    slot empty. In seaborn's barplot look (``width=0.62, saturation=1``), through ``ax.bar``."""
    order = list(data[x]) if order is None else list(order)
    slot = {category: i for i, category in enumerate(order)}
    present = data.dropna(subset=[y])
    present = present[present[x].isin(slot)]
    if present.empty:
        return ax
    at = present[x].map(slot).to_numpy(dtype=float)
    by_slot = np.argsort(at, kind="stable")
    width = 0.62
    ax.bar(
        at[by_slot] - width / 2,
        present[y].to_numpy(dtype=float)[by_slot],
        width=width,
        align="edge",
        color=color,
        facecolor=color,
    )
    return ax


def stems(
    data: pd.DataFrame,
    *,
    x: str,
    y: str,
    base: float,
    ax: Axes,
    color: str,
    orient: str = "v",
    hue: str | None = None,
    palette: dict | None = None,
    label: str = "",
) -> Axes:
    """A dot per row on a stem from `base`: a dot plot read against a reference (100 % of
    budget, a target at 0 distance). ``orient="h"`` draws horizontal stems (x is the value).
    The dots are seaborn's scatterplot look (42 pt², edged in white, above the lines), drawn
    with ``ax.scatter``; with `hue`, each dot takes ``palette[hue]``."""
    present = data.dropna(subset=[y if orient == "v" else x])
    if present.empty:
        return ax
    colours = present[hue].map(palette) if hue else color
    if orient == "v":
        ax.vlines(present[x], base, present[y], color=colours, linewidth=1.6, label=label)
    else:
        ax.hlines(present[y], base, present[x], color=colours, linewidth=1.6, label=label)
    dots = present.dropna(subset=[x, y])
    if len(dots):
        ax.scatter(
            dots[x].to_numpy(dtype=float),
            dots[y].to_numpy(dtype=float),
            s=42,
            c=list(dots[hue].map(palette)) if hue else None,
            color=None if hue else color,
            linewidth=0.8,
            edgecolor="white",
            zorder=3,
        )
    return ax


# -- axes -----------------------------------------------------------------------------------


def category_axis(ax: Axes, labels, *, axis: str = "x", pad: float = 0.45, every: int = 1) -> Axes:
    """Categories at 0, 1, 2, ... labelled `labels`, with `pad` to the edges; only every
    `every`-th is labelled, counted back from the last (the latest period is always named)."""
    labels = list(labels)
    positions = np.arange(len(labels))
    last = len(labels) - 1
    shown = [label if (last - i) % every == 0 else "" for i, label in enumerate(labels)]
    if axis == "x":
        ax.set_xticks(positions, shown)
        ax.set_xlim(-pad, len(labels) - 1 + pad)
    else:
        ax.set_yticks(positions, shown)
        ax.set_ylim(-pad, len(labels) - 1 + pad)
    return ax


def value_limits(values, *, include=(), pad: float = 0.08) -> tuple[float, float]:
    """Limits that show every value and every number in `include` (a target, 100 % of budget),
    with `pad` of the span to spare; a flat series gets a little room around it."""
    found = np.concatenate([np.ravel(np.asarray(values, dtype=float)), np.asarray(include, dtype=float)])
    found = found[~np.isnan(found)]
    if not len(found):
        return (0.0, 1.0)
    low, high = float(found.min()), float(found.max())
    span = high - low
    if span == 0:
        span = max(abs(high) * 0.1, 1.0)
    return (low - pad * span, high + pad * span)


def nice_ticks(ax: Axes, axis: str = "y", bins: int = 4) -> Axes:
    """At most `bins` + 1 round ticks (steps of 1, 2 or 5 x 10^n) inside the limits."""
    locator = MaxNLocator(nbins=bins, steps=[1, 2, 5, 10], min_n_ticks=3)
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_locator(locator)
    return ax


def tidy(ax: Axes, grid: str = "y") -> Axes:
    """The briefs' look: no box, light rules along `grid` only, no tick marks, muted numbers."""
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color("#9aa5ae")
    ax.grid(False)
    ax.grid(True, axis=grid, color="#e3e7ea", linewidth=0.7)
    ax.set_axisbelow(True)
    ax.tick_params(length=0, labelsize=8, labelcolor="#3b454d", pad=3)
    if grid == "x":
        ax.spines["bottom"].set_visible(False)
    return ax


def settle(ax: Axes) -> Axes:
    """Call on a finished Axes: an axis without a name gets a fixed place for it. The empty name
    is never drawn, but while its place is automatic matplotlib measures every tick label of
    the axis again at each draw to move it clear of them (a tenth of a chart's drawing)."""
    for axis in (ax.xaxis, ax.yaxis):
        if not axis.label.get_text():
            axis.set_label_coords(0.5, 0.5)
    return ax
