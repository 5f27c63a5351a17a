"""The municipality note's service areas: a line per area with its units, its targets met by
status and its largest challenge."""

from __future__ import annotations

from html import escape

from kitlib.analysis.codes import Status
from kitlib.report.briefing import section
from kitlib.report.formatting import format_number, format_text
from kitlib.report.i18n import STATUS_SYMBOL, tr
from kitlib.report.municipality.wording import _md
from kitlib.report.narrative import sentence_name
from kitlib.report.views import Section


class AreasSection:
    """The municipality note's line per service area."""

    def area_lines(self) -> list[tuple[str, str, str]]:
        """(area, its units, its line) per service area: 'Barnehage', '7 enheter', '✔ 12 av 56
        mål nådd · ◐ 5 nesten · ... · størst utfordring: sykefravær'."""
        lang, lines = self.lang, []
        for _, area in self.areas.iterrows():
            units = self._units_text(int(area["units"]))
            parts = self._status_parts(area)
            top = area["top_name"]
            parts.append(
                tr("muni_area_top", lang, name=sentence_name(top, lang))
                if top
                else tr("muni_area_none", lang)
            )
            lines.append((format_text(str(area["service_area"]), lang), units, " · ".join(parts)))
        return lines

    def _status_parts(self, area) -> list[str]:
        """An area's targets met, then the count of each other status it has; or that it has
        no targets this year."""
        lang = self.lang
        if not area["targets"]:
            return [tr("summary_no_targets", lang, year=self.year).rstrip(".")]
        met = tr("muni_area_met", lang, met=int(area["met"]), total=int(area["targets"]))
        parts = [f"{STATUS_SYMBOL[Status.MET]} {met}"]
        for code in (Status.NEAR, Status.UNCERTAIN, Status.NOT_MET, Status.NO_DATA):
            if area[str(code)]:
                count = format_number(area[str(code)], 0, lang)
                parts.append(f"{STATUS_SYMBOL[code]} {count} {tr(code, lang)}")
        return parts

    @section
    def areas_section(self) -> Section:
        lines = self.area_lines()
        if not lines:
            return ""
        items = "".join(
            f"<li><strong>{escape(name)}</strong> ({escape(units)}): {escape(text)}</li>"
            for name, units, text in lines
        )
        markdown = "\n".join(f"- **{_md(name)}** ({_md(units)}): {_md(text)}" for name, units, text in lines)
        html = f'{self._h2("muni_areas")}<ul class="area-lines">{items}</ul>'
        return Section(html, frame=self.areas, markdown=f"## {tr('muni_areas', self.lang)}\n\n{markdown}")
