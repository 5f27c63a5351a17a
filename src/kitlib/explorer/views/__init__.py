"""What each output of the explorer shows, as an HTML fragment: a function of the session
(data and cached analyses) and the selection, nothing else, so the app can render a view
only when its inputs changed, and a static export can show them all.

Every word comes from kitlib.report.i18n, every number from kitlib.report.formatting, every
chart from kitlib.report.charts or kitlib.explorer.plots (embedded SVG with alt text that
states the figures, so a reader without the picture, or a test, reads the same).

A module per part of the selection a view shows: `unit` (sentences, scorecard), `indicator`
(figures, definition, audit), `trend` (the chart over the years), `area` (ranking, status
grid), `static` (all of them for an exported page), and `base`, what they share. Every name
is importable from here, as before the views were split.
"""

# the names with an underscore (noqa) are no API, but stay importable from here as before the split
from kitlib.explorer.views.area import (
    GRID_PALETTE,
    _references,  # noqa: F401
    heatmap_html,
    heatmap_rows,
    ranking_html,
    ranking_rows,
    tint,
)
from kitlib.explorer.views.base import (  # noqa: F401
    COMPARISON_WORDS,
    LIVE_CLASS,
    MARKED,
    _empty,
    _missing_text,
    _results,
    _row,
    _unit_name,
    block,
    indicator_name,
    selection_title,
)
from kitlib.explorer.views.indicator import (
    _influence,  # noqa: F401
    audit_html,
    facts_html,
    figure_line,
)
from kitlib.explorer.views.static import static_html
from kitlib.explorer.views.trend import (
    MAX_PANELS,
    _alt,  # noqa: F401
    trend_html,
    trend_panel,
)
from kitlib.explorer.views.unit import scorecard_html, sentences_html

__all__ = [
    "COMPARISON_WORDS", "GRID_PALETTE", "LIVE_CLASS", "MARKED", "MAX_PANELS",
    "audit_html", "block", "facts_html", "figure_line", "heatmap_html", "heatmap_rows",
    "indicator_name", "ranking_html", "ranking_rows", "scorecard_html", "selection_title",
    "sentences_html", "static_html", "tint", "trend_html", "trend_panel",
]  # fmt: skip
