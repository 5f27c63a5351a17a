"""The municipality note's overview: every unit's own indicators with a target, counted per
perspective and status."""

from __future__ import annotations

from html import escape

from kitlib.analysis.scorecard import TOTAL, status_overview
from kitlib.report.briefing import scrolling, section
from kitlib.report.i18n import perspective_name, tr
from kitlib.report.tables import overview_table
from kitlib.report.views import Section


class OverviewSection:
    """The municipality note's table of targets per perspective and status."""

    @section
    def overview_section(self) -> Section:
        """Every unit's own indicators with a target, counted per perspective (the folder's
        perspectives, in kit.toml's order) and status; symbol and word in every header."""
        counts = status_overview(self.own)
        if counts.empty:
            return ""
        cfg = self.data.config
        labels = {p: perspective_name(p, self.lang, cfg) for p in counts.index if p != TOTAL}
        counts = counts.rename(index={**labels, TOTAL: tr("total", self.lang)})
        note = f'<p class="note">{escape(tr("muni_overview_note", self.lang))}</p>'
        return Section(
            self._h2("overview") + note + scrolling(overview_table(counts, self.lang)), frame=counts
        )
