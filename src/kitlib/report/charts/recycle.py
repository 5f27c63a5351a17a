"""Figures drawn again instead of anew, where nobody keeps them: a batch worker's notes.

Most of a briefing chart's cost is matplotlib making objects, not drawing data: each Axes
(~3 ms) and each tick on it (~0.4 ms, five artists). A worker that writes hundreds of notes
makes the same figures again and again: the same kinds of charts in the same grid. Inside
`recycled_figures()` a figure of an earlier note comes back with Axes (and their ticks) on
which the same kinds of chart were drawn, emptied and reset to what a new one holds, and
every chart function sets the rest again
(limits, ticks, labels, formatters, titles, look), so its SVG is byte for byte a fresh
figure's (tests/report/test_recycle.py, and same_notes.py over every level).

Outside that context (an analyst's notebook, the explorer, a test), each figure is new, and a
figure a caller keeps is never changed behind its back. A batch worker enters it for each
note: the figures that note drew are given back when the note is written.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

KEEP = 8  # figures kept: a note draws three to six, one after the other
_local = threading.local()  # per thread: the explorer draws its next charts in a background thread


@dataclass
class _Drawn:
    """A figure handed out: its Axes with the kind of chart each holds, and those set aside."""

    fig: Figure
    placed: list[tuple[Hashable, object]] = field(default_factory=list)  # (kind, Axes) in the figure
    spare: dict[Hashable, list] = field(default_factory=dict)  # kind -> Axes taken out of it


@contextmanager
def recycled_figures() -> Iterator[None]:
    """Within this context `new_figure` may hand out a figure drawn before, with Axes on
    which the same kinds of chart were drawn; the figures handed out are taken back when it
    ends, so nothing made inside may be kept after it (a batch note: its charts are encoded in
    the page by then). When it ends with an exception they are not: one may be half drawn."""
    if getattr(_local, "lent", None) is not None:  # nested: the outer context gives them back
        yield
        return
    pool = _local.__dict__.setdefault("pool", [])
    _local.lent = []
    try:
        yield
    except BaseException:
        _local.lent = None
        raise
    lent, _local.lent = _local.lent, None
    pool.extend(lent[: max(0, KEEP - len(pool))])


def new_figure(kinds: list[Hashable], width: float) -> tuple[Figure, list]:
    """A figure `width` inches wide with an Axes for each of `kinds` (what will be drawn on
    it: "trend", "distance", ...), each at (0, 0, 1, 1) for the caller to place, as a new
    figure is. Within `recycled_figures`, a figure given back is drawn on again, and on it
    an Axes on which the same kind of chart was drawn."""
    lent = getattr(_local, "lent", None)
    pool = _local.__dict__.get("pool") if lent is not None else None
    if pool:
        drawn = pool.pop()
        drawn.fig.set_size_inches(width, 3.0)
        for text in list(drawn.fig.texts):
            text.remove()
        for kind, ax in drawn.placed:  # set aside by kind, to be drawn on by the same kind
            drawn.fig.delaxes(ax)
            drawn.spare.setdefault(kind, []).append(ax)
        drawn.placed = []
    else:
        drawn = _Drawn(Figure(figsize=(width, 3.0)))
    for kind in kinds:
        if drawn.spare.get(kind):
            ax = drawn.spare[kind].pop(0)
            _empty(ax)
            drawn.fig.add_axes(ax)
        else:
            ax = drawn.fig.add_axes((0, 0, 1, 1))
        drawn.placed.append((kind, ax))
    if lent is not None:
        lent.append(drawn)
    return drawn.fig, [ax for _, ax in drawn.placed]


def _empty(ax) -> None:
    """Remove what was drawn on `ax` and reset what a chart function may leave to
    matplotlib's defaults; everything else, each chart of the same kind sets again."""
    for group in (ax.lines, ax.collections, ax.patches, ax.texts, ax.images, ax.tables, ax.artists):
        for artist in list(group):
            artist.remove()
    ax.containers.clear()
    for title in (ax.title, ax._left_title, ax._right_title):  # noqa: SLF001 - no public handle
        title.set_text("")
    ax.set_prop_cycle(None)  # colours not given take the cycle from its start
    ax.dataLim.set(Bbox.null())
    ax.ignore_existing_data_limits = True
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_autoscale_on(True)
    ax.set_position((0, 0, 1, 1))
