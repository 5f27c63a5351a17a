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

The package holds one module per concern: text measured in points (text), label placement
(labels), the layers (layers) and the axes (axes). Every name is exported here, and callers
use them from here (``plot.wrap(...)``), as while the package was one module.
"""

from kitlib.report.plot.axes import category_axis, nice_ticks, settle, tidy, value_limits
from kitlib.report.plot.labels import LABEL_GAP, end_labels, nudge, points_per_unit
from kitlib.report.plot.layers import bars, intervals, lines, spans, stems, steps
from kitlib.report.plot.text import LINE_HEIGHT, text_width, wrap

__all__ = [
    "LABEL_GAP",
    "LINE_HEIGHT",
    "bars",
    "category_axis",
    "end_labels",
    "intervals",
    "lines",
    "nice_ticks",
    "nudge",
    "points_per_unit",
    "settle",
    "spans",
    "stems",
    "steps",
    "text_width",
    "tidy",
    "value_limits",
    "wrap",
]
