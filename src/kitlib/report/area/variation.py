"""The service-area note's table of frequent indicators as Making Data Count sums them up: one
row per unit and indicator with process limits, its variation and assurance icons, and a legend
in words (kitlib.report.variation_table draws it, the municipality note counts the same rows)."""

from __future__ import annotations

import functools

import pandas as pd

from kitlib.report import variation_table
from kitlib.report.briefing import section
from kitlib.report.i18n import tr
from kitlib.report.views import Section


class AreaVariationSection:
    """The variation table of the service-area note, and its sentence for 'Kort fortalt'."""

    @functools.cached_property
    def variation_frame(self) -> pd.DataFrame:
        """The units' series with process limits, as the table shows them (one row each)."""
        return variation_table.variation_frame(self.own, self.values, self.year)

    def variation_sentence(self) -> str:
        """'Av 7 indikatorer med tertialtall ved enhetene viser ...'; empty without limits."""
        return variation_table.count_sentence(self.variation_frame, self.lang)

    @section
    def variation_section(self) -> Section:
        frame = self.variation_frame
        if frame.empty:
            return ""
        html = self._h2("variation") + variation_table.table_html(frame, self.lang)
        return Section(html + self._note(tr("var_note", self.lang)), frame=frame)
