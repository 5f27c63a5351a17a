"""The service-area note's table of frequent indicators as Making Data Count sums them up: one
row per unit and indicator with process limits, its variation and assurance icons, and a legend
in words (kitlib.report.variation_table draws it, the municipality note counts the same rows)."""

from __future__ import annotations

from kitlib.report import variation_table
from kitlib.report.briefing import section
from kitlib.report.i18n import tr
from kitlib.report.views import Section


class AreaVariationSection(variation_table.VariationRows):
    """The variation table of the service-area note, and its sentence for 'Kort fortalt'."""

    @section
    def variation_section(self) -> Section:
        frame = self.variation_frame
        if frame.empty:
            return ""
        html = self._h2("variation") + variation_table.table_html(frame, self.lang)
        return Section(html + self._note(tr("var_note", self.lang)), frame=frame)
