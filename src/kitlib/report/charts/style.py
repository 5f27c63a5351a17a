"""The briefing charts' look: the palette, the lines' colours and dashes, the text sizes and
colours, matplotlib's settings (`styled`) and the blank figure every trend chart starts from.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

import matplotlib
from matplotlib.figure import Figure

from kitlib.analysis.codes import Status

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
    # text as text, not outlines: about half the time to write an SVG and a smaller file
    # (benchmarks/bench_charts.py). The SVG names DejaVu Sans, the font the layout measured,
    # then Verdana, Arial ... and sans-serif: a system without it draws narrower letters, so
    # nothing is clipped. (In an <img> the text is not selectable; the alt text is read.)
    "svg.fonttype": "none",
}
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
COMPARED = {  # the comparison lines each kind of chart draws
    "trend": ("peer_median", "peer_group_value", "national_value"),
    "bars": ("peer_median",),
    "budget": (),
    "xmr": (),
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
