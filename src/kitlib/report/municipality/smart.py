"""The municipality note's SMART check of the targets, per unit: how many of its targets have
findings, and for which reasons (kitlib.analysis.smart)."""

from __future__ import annotations

from collections import Counter
from html import escape

import pandas as pd

from kitlib.analysis.smart import SMART_CHECKS
from kitlib.report.audit_tables import flagged_frame, frame_html, reason_heading
from kitlib.report.briefing import scrolling, section
from kitlib.report.formatting import format_number, format_text
from kitlib.report.i18n import tr
from kitlib.report.municipality.wording import _capital
from kitlib.report.views import Section

NUM = ' class="num"'


class SmartSection:
    """The municipality note's SMART check, a row per unit with targets."""

    def smart_per_unit(self) -> pd.DataFrame:
        """Per unit with targets for `target_year` (in the order of units.csv): how many, how
        many with findings, and per reason how many targets fail a check for it (a column per
        reason that occurs, most frequent first, headed by the reader's words)."""
        lang = self.lang
        order = {u: i for i, u in enumerate(self.data.units["unit_id"])}
        counted = [
            (order.get(unit_id, len(order)), targets.iloc[0], len(targets), targets, _failed_reasons(targets))
            for unit_id, targets in self.check.groupby("unit_id", sort=False)
        ]
        counted.sort(key=lambda item: item[0])
        total: Counter = sum((item[4] for item in counted), Counter())
        codes = [code for code, _ in total.most_common()]
        rows = []
        for _, first, n, targets, reasons in counted:
            rows.append([
                format_text(str(first["unit_name"] or first["unit_id"]), lang),
                self._area_label(first["service_area"]), n, int(targets["flagged"].sum()),
                *[reasons.get(code, 0) for code in codes],
            ])  # fmt: skip
        columns = [tr("unit", lang), tr("service_area", lang), tr("muni_targets", lang),
                   tr("muni_with_findings", lang),
                   *[_capital(reason_heading(code, lang)) for code in codes]]  # fmt: skip
        return pd.DataFrame(rows, columns=columns)

    @section
    def smart_section(self) -> Section:
        """The SMART check of the targets, per unit: how many of its targets have findings, and
        for which reasons; every target with its checks is in ``.frame``."""
        lang, check = self.lang, self.check
        heading = self._h2("smart_title", year=self.target_year)
        if check.empty:
            empty = tr("smart_nothing", lang, year=self.target_year)
            return Section(f'{heading}<p class="empty">{escape(empty)}</p>', frame=check)
        summary = tr("smart_summary", lang, flagged=int(check["flagged"].sum()), total=len(check))
        lead = f"<p>{escape(tr('smart_intro', lang))} {escape(summary)}</p>"
        per_unit = self.smart_per_unit()
        flagged = per_unit[per_unit[tr("muni_with_findings", lang)] > 0]  # the others pass every check
        table = _count_table(flagged, first_count=2, table_id="smart-units", lang=lang)
        targets = frame_html(flagged_frame(check, lang), table_id="smart-flagged", css_class="smart")
        return Section(heading + lead + scrolling(table) + scrolling(targets), frame=check)


def _failed_reasons(targets: pd.DataFrame) -> Counter:
    """Per reason, how many of a unit's targets fail a SMART check for it (a target counts once
    per reason, however many checks give it)."""
    reasons: Counter = Counter()
    for _, row in targets.iterrows():
        failed = set()
        for c in SMART_CHECKS:
            verdict = row[str(c)]
            if verdict is pd.NA or pd.isna(verdict) or bool(verdict):
                continue
            failed.update(code for code in str(row[f"{c}_reason"]).split(";") if code)
        reasons.update(failed)
    return reasons


def _count_table(frame: pd.DataFrame, *, first_count: int, table_id: str, lang: str) -> str:
    """A table of names then counts: the first column as row headers, the counts from column
    `first_count` right-aligned in the language's digits, a zero shown pale."""
    head = "".join(
        f'<th scope="col"{NUM if i >= first_count else ""}>{escape(str(c))}</th>'
        for i, c in enumerate(frame.columns)
    )
    lines = []
    for values in frame.itertuples(index=False):
        cells = [f'<th scope="row">{escape(str(values[0]))}</th>']
        for i, value in enumerate(values[1:], 1):
            if i < first_count:
                cells.append(f"<td>{escape(str(value))}</td>")
            else:
                zero = " zero" if value == 0 else ""
                cells.append(f'<td class="num{zero}">{format_number(value, 0, lang)}</td>')
        lines.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<table class="kit-table counts" id="{escape(table_id)}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(lines)}</tbody></table>"
    )
