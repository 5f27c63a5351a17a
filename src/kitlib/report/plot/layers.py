"""The layers of a chart, in seaborn's convention (a DataFrame, its columns named by keyword,
``ax=``, the Axes back) and its look, drawn with plain matplotlib: lines broken at every gap,
target steps, intervals, bands, bars and dots on stems."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes


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
