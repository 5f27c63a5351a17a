"""The briefing note of one service area: all its units side by side, section by section.

For the dialogue seminar, where politicians, the chief executive and the unit leaders set
priorities: which targets the units meet (a status heatmap, symbol and colour), how they
rank per indicator against the median, the KOSTRA group and the country, how far apart they
are, which units most need attention and why, the area as a whole in KOSTRA's four
dimensions (seed 004: prioritering, dekningsgrad, produktivitet, kvalitet), and the
indicators the service is usually discussed by (national tests, staff qualifications,
processing time against the statutory limit) where the data folder has them.

As in kitlib.report.briefing, the notebook (notebooks/service_area.py) calls one
``*_section`` method per cell and shows the `Section` it returns; the figures come from
kitlib.analysis.area, every word from kitlib.report.i18n.

The package holds one module per section (summary, heatmap, attention, kostra, service with
national_tests, qualification and processing_time, rankings, spread), the ranking figure
(ranking_chart), the words they share (wording) and the note that assembles them (note).
"""

from kitlib.report.area.note import AreaBriefing, prepare_area_briefing
from kitlib.report.area.ranking_chart import (
    REFERENCES,
    RankingPanel,
    ranking_chart,
    ranking_figure,
    row_layout,
)
from kitlib.report.area.wording import (
    DAY_UNITS,
    MAX_NAMED,
    MAX_PANELS,
    NATIONAL_TESTS,
    QUALIFICATION,
    WITHIN_LIMIT,
    statutory_limit,
)

__all__ = [
    "DAY_UNITS",
    "MAX_NAMED",
    "MAX_PANELS",
    "NATIONAL_TESTS",
    "QUALIFICATION",
    "REFERENCES",
    "WITHIN_LIMIT",
    "AreaBriefing",
    "RankingPanel",
    "prepare_area_briefing",
    "ranking_chart",
    "ranking_figure",
    "row_layout",
    "statutory_limit",
]
