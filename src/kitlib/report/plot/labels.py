"""Direct labels that never collide: `nudge` spreads label positions at least a font height
apart, and `end_labels` puts a label at each line's end so that a chart needs no legend."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.transforms import offset_copy

LABEL_GAP = 1.15  # direct labels sit at least this many font sizes apart


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
