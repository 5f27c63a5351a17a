"""The service view of staff qualifications: per unit the share, its change and the target."""

from __future__ import annotations

from html import escape

import numpy as np

from kitlib.analysis import area as analysis
from kitlib.analysis.codes import Status
from kitlib.report.area.wording import (
    QUALIFICATION,
    _decimals,
    _name,
)
from kitlib.report.briefing import scrolling
from kitlib.report.i18n import STATUS_SYMBOL, tr


class QualificationView:
    """The service view of staff qualifications: per unit the share, its change and the target."""

    def _qualification(self):
        """Staff qualifications: the share per unit, its change since last year, the target, and
        the KOSTRA group and the country below; the sentence counts units below the country."""
        lang = self.lang
        for row in self._indicators_matching(QUALIFICATION, unit="%"):
            indicator_id = row["indicator_id"]
            recent = analysis.recent_values(self.values, self.units["unit_id"], indicator_id, self.year, 2)
            ranks = self.ranks[self.ranks["indicator_id"] == indicator_id].set_index("unit_id")
            recent = recent.assign(
                name=recent["unit_id"].map(self.units.set_index("unit_id")["name"]),
                status=recent["unit_id"].map(ranks["status"]),
                target=recent["unit_id"].map(ranks["target"]),
                position=recent["unit_id"].map(ranks["position"]),
            ).sort_values("position", kind="stable")
            now, before = f"value_{self.year}", f"value_{self.year - 1}"
            head = [tr("unit", lang), str(self.year), tr("area_change_since", lang, year=self.year - 1),
                    tr("target", lang), tr("status", lang)]  # fmt: skip
            lines = []
            for _, r in recent.iterrows():
                status = r["status"] if isinstance(r["status"], str) else Status.NO_TARGET
                label = f"{STATUS_SYMBOL[status]} {tr(status, lang)}"
                status_html = (
                    f'<td class="status status-{status}">{escape(label)}</td>'
                    if status != Status.NO_TARGET else "<td></td>"
                )  # fmt: skip
                lines.append(
                    f'<tr><th scope="row">{escape(str(r["name"]))}</th>'
                    f'<td class="num">{self._year_cell(r[now], r[f"status_{self.year}"], row)}</td>'
                    f'<td class="num">{self._signed(r[now] - r[before], row)}</td>'
                    f'<td class="num">{escape(self._fmt(r["target"], row))}</td>{status_html}</tr>'
                )
            bench = self._benchmark_years(indicator_id, [self.year - 1, self.year])
            for role in ("peer_group", "national"):
                figures = bench.get(role, {})
                if self.year not in figures:
                    continue
                label = self.groups.get(role) or tr(role, lang)
                change = figures[self.year] - figures.get(self.year - 1, np.nan)
                lines.append(
                    f'<tr class="benchmark-row"><th scope="row" class="benchmark">{escape(label)}</th>'
                    f'<td class="num">{escape(self._fmt(figures[self.year], row))}</td>'
                    f'<td class="num">{self._signed(change, row)}</td><td></td><td></td></tr>'
                )
            head_html = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
            table = (
                f'<table class="kit-table qualification" data-indicator="{escape(indicator_id)}">'
                f"<thead><tr>{head_html}</tr></thead><tbody>{''.join(lines)}</tbody></table>"
            )
            text = []
            national = bench.get("national", {}).get(self.year)
            shown = recent[now].dropna()
            if national is not None and len(shown):
                places = _decimals(row)
                below = int((shown.round(places) < round(national, places)).sum())
                group = self._national_in_sentence()
                text.append(tr("area_qualification_below", lang, below=below, n=len(shown), group=group,
                               name=_name(row["name"], lang), value=self._fmt(national, row)))  # fmt: skip
            title = tr("area_qualification_title", lang, name=_name(row["name"], lang))
            html = (
                f'<h2 id="area-qualification-{escape(indicator_id)}">{escape(title)}</h2>'
                + "".join(self._note(t) for t in text)
                + scrolling(table)
            )
            yield html, recent.assign(indicator_id=indicator_id), []
