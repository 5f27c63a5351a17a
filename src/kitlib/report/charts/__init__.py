"""Charts of the briefing, in the manner of the statistical briefs (ONS, FT, SSB): a title
that states the message, the indicator's name under it, lines labelled at their ends
instead of a legend, numbers in the note's language, and small multiples with shared
axes where several indicators are shown together.

Each chart function takes a DataFrame and ``ax=`` and returns the Axes; `panel_figure` and
`distance_figure` lay whole figures out without constrained layout (text is measured, not
drawn twice); `figure_html` turns a finished figure into an embedded, alt-texted <figure>.
The layers themselves are drawn by kitlib.report.plot (plain matplotlib).

The package holds one module per concern: the look (style: palette, lines, text sizes,
matplotlib's settings), the axes' numbers and periods (ticks), the title block
(title_block), the chart's message (message), the charts of one indicator (trend: trend,
bars, budget), the small multiples (panel), distance to target (distance), the figure
as HTML (output) and figures drawn again by a batch worker (recycle). Every name is
exported here, and callers use them from here (``charts.figure_html(...)``), so a test
that patches ``charts.figure_html`` or ``charts.panel_figure`` on this package reaches
every caller.
"""

from kitlib.analysis.codes import JUDGED as JUDGED  # reachable here while charts was one module
from kitlib.report.charts.distance import distance_chart, distance_figure, distance_rows, gap_texts
from kitlib.report.charts.message import chart_message, run_length
from kitlib.report.charts.output import FORMAT, figure_html
from kitlib.report.charts.panel import CHARTS, Panel, panel_figure, share_y
from kitlib.report.charts.process import POINT_STYLE, xmr_chart
from kitlib.report.charts.style import (
    COMPARED,
    INK,
    LABEL_SIZE,
    MESSAGE_SIZE,
    MUTED,
    NAME_SIZE,
    NOTE_SIZE,
    PALETTE,
    SERIES,
    STYLE,
    TICK_SIZE,
    UNIT_SIZE,
    briefing_figure,
    styled,
)
from kitlib.report.charts.ticks import NumberFormatter, period_labels
from kitlib.report.charts.title_block import plain, title_height, titles
from kitlib.report.charts.trend import budget_chart, end_label_rows, period_bars, trend_chart

__all__ = [
    "CHARTS",
    "POINT_STYLE",
    "COMPARED",
    "FORMAT",
    "INK",
    "LABEL_SIZE",
    "MESSAGE_SIZE",
    "MUTED",
    "NAME_SIZE",
    "NOTE_SIZE",
    "PALETTE",
    "SERIES",
    "STYLE",
    "TICK_SIZE",
    "UNIT_SIZE",
    "NumberFormatter",
    "Panel",
    "briefing_figure",
    "budget_chart",
    "chart_message",
    "distance_chart",
    "distance_figure",
    "distance_rows",
    "end_label_rows",
    "figure_html",
    "gap_texts",
    "panel_figure",
    "period_bars",
    "period_labels",
    "plain",
    "run_length",
    "share_y",
    "styled",
    "title_height",
    "titles",
    "trend_chart",
    "xmr_chart",
]
