"""The municipality note's indicator audit: KS's seven tests per indicator, and the units whose
scorecards hold more or fewer indicators than KS advises (kitlib.analysis.audit)."""

from __future__ import annotations

from html import escape

import pandas as pd

from kitlib.report.audit_tables import audit_findings, frame_html, reasons_text
from kitlib.report.briefing import scrolling, section
from kitlib.report.formatting import format_number, format_text
from kitlib.report.i18n import tr
from kitlib.report.municipality.wording import _capital
from kitlib.report.views import Section


class AuditSection:
    """The municipality note's indicator audit and indicators-per-unit check."""

    @section
    def audit_section(self) -> Section:
        """KS's seven tests: the indicators with findings, and the units whose scorecards hold
        more or fewer indicators than KS advises; the whole audit is in ``.frame``."""
        lang, audit, load = self.lang, self.audit, self.load
        flagged = audit[audit["failed"] > 0]
        parts = [
            self._h2("audit_title", year=self.year),
            f"<p>{escape(tr('audit_summary', lang, flagged=len(flagged), total=len(audit)))}</p>",
        ]
        if len(flagged):
            parts.append(scrolling(self._audit_table(flagged)))
        units = load[load["flags"] != ""]
        parts.append(f'<h3 id="audit-load">{escape(tr("load_title", lang, year=self.year))}</h3>')
        summary = tr("muni_load_summary", lang, flagged=len(units), total=len(load))
        parts.append(f"<p>{escape(tr('load_advice', lang))} {escape(summary)}</p>")
        if len(units):
            parts.append(
                scrolling(frame_html(self.load_findings(), table_id="audit-load", css_class="audit-load"))
            )
        return Section("".join(parts), frame=audit)

    def _audit_table(self, flagged: pd.DataFrame) -> str:
        """The indicators with findings: name, area, tests passed, and the findings in words."""
        lang = self.lang
        columns = [tr("indicator", lang), tr("service_area", lang), tr("audit_passed", lang),
                   tr("audit_findings", lang)]  # fmt: skip
        rows = [
            [format_text(str(r["name"]), lang), self._area_label(r["service_area"]),
             tr("audit_passed_n", lang, passed=int(r["passed"]), judged=int(r["judged"])),
             audit_findings(r, lang)]
            for _, r in flagged.iterrows()
        ]  # fmt: skip
        return frame_html(pd.DataFrame(rows, columns=columns), table_id="audit", css_class="audit")

    def load_findings(self) -> pd.DataFrame:
        """Per finding of the indicators-per-unit check, the units that have it: 'færre enn 3
        indikatorer på målt kvalitet (17)' | 'Solsikken barnehage, Tusenfryd barnehage, ...'."""
        lang, found = self.lang, {}
        for name, flags in zip(self.load["name"], self.load["flags"]):
            for flag in (f for f in str(flags).split(";") if f):
                found.setdefault(flag, []).append(format_text(str(name), lang))
        rows = [
            [f"{_capital(reasons_text(flag, lang))} ({format_number(len(names), 0, lang)})", ", ".join(names)]
            for flag, names in sorted(found.items(), key=lambda item: -len(item[1]))
        ]
        return pd.DataFrame(rows, columns=[tr("audit_findings", lang), tr("explore_units", lang)])
