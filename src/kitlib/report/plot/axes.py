"""The axes of a chart in the briefs' look: categories, limits that show every value, round
ticks, no box, and a fixed place for an axis name that is never drawn."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator


def category_axis(ax: Axes, labels, *, axis: str = "x", pad: float = 0.45, every: int = 1) -> Axes:
    """Categories at 0, 1, 2, ... labelled `labels`, with `pad` to the edges; only every
    `every`-th is labelled, counted back from the last (the latest period is always named)."""
    labels = list(labels)
    last = len(labels) - 1
    # ticks only where a label stands: each tick is a costly artist, and an unlabelled
    # category needs none (the points and lines are drawn at their positions all the same)
    positions = [i for i, label in enumerate(labels) if (last - i) % every == 0 and label != ""]
    shown = [labels[i] for i in positions]
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
