"""The municipality note's counts of the frequent series per service area, as the area notes'
Making Data Count tables show them (kitlib.report.variation_table draws both), and each target
the process cannot meet as a choice for the dialogue seminar."""

from __future__ import annotations

from html import escape

from kitlib.report import variation_table
from kitlib.report.briefing import section
from kitlib.report.i18n import tr
from kitlib.report.municipality.wording import _md
from kitlib.report.views import Section, markdown_list


class MunicipalityVariationSection(variation_table.VariationRows):
    """Variation and assurance counted per service area, and the choices failing targets ask for."""

    def choices(self) -> list[str]:
        """'Med dagens variasjon nås målet på 7,0 % for sykefravær ved Fjordglimt barnehage ikke
        (...): endre arbeidsmåten, eller målet.' per failing target."""
        return variation_table.fail_choices(self.variation_frame, self.lang)

    def choices_html(self) -> tuple[str, str]:
        """The challenge note's choices for the seminar, as HTML and as Markdown; empty without."""
        items = self.choices()
        if not items:
            return "", ""
        title, note = tr("muni_choices", self.lang), tr("muni_choices_note", self.lang)
        # paragraphs, not list items: the challenge note's list is its numbered challenges only
        listed = "".join(f'<p class="choice">{escape(item)}</p>' for item in items)
        html = f'<h3 class="choices">{escape(title)}</h3><p class="note">{escape(note)}</p>{listed}'

        return html, f"### {_md(title)}\n\n{_md(note)}\n\n{markdown_list(items)}"

    @section
    def variation_section(self) -> Section:
        frame = self.variation_frame
        if frame.empty:
            return ""
        html = self._h2("muni_variation") + variation_table.counts_html(frame, self.lang)
        note = f'<p class="note">{escape(tr("var_muni_note", self.lang))}</p>'
        return Section(html + note, frame=variation_table.counts(frame, "service_area"))
