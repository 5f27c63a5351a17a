"""The service view of staff qualifications: per unit the share, its change and the target."""

from __future__ import annotations

from html import escape

import numpy as np
import pandas as pd

from kitlib.analysis import area as analysis
from kitlib.analysis.codes import Status
from kitlib.report.area.wording import QUALIFICATION, _name
from kitlib.report.briefing import scrolling
from kitlib.report.formatting import row_decimals
from kitlib.report.i18n import STATUS_SYMBOL, tr


class QualificationView:
    """The service view of staff qualifications: per unit the share, its change and the target."""

    def _qualification(self):
        """Staff qualifications: the share per unit, its change since last year, the target, and
        the KOSTRA group and the country below; the sentence counts units below the country."""
        lang = self.lang
        for row in self._indicators_matching(QUALIFICATION, unit="%"):
            indicator_id = row["indicator_id"]
            recent = self._qualification_recent(indicator_id)
            bench = self._benchmark_years(indicator_id, [self.year - 1, self.year])
            lines = [self._qualification_unit_line(r, row) for _, r in recent.iterrows()]
            lines += self._qualification_benchmark_lines(bench, row)
            table = self._qualification_table(indicator_id, lines)
            text = self._qualification_text(recent, bench, row)
            title = tr("area_qualification_title", lang, name=_name(row["name"], lang))
            html = (
                f'<h2 id="area-qualification-{escape(indicator_id)}">{escape(title)}</h2>'
                + "".join(self._note(t) for t in text)
                + scrolling(table)
            )
            yield html, recent.assign(indicator_id=indicator_id), []

    def _qualification_recent(self, indicator_id: str) -> pd.DataFrame:
        """The units' shares this year and last, with name, status and target, best first."""
        recent = analysis.recent_values(self.values, self.units["unit_id"], indicator_id, self.year, 2)
        ranks = self.ranks[self.ranks["indicator_id"] == indicator_id].set_index("unit_id")
        return recent.assign(
            name=recent["unit_id"].map(self.units.set_index("unit_id")["name"]),
            status=recent["unit_id"].map(ranks["status"]),
            target=recent["unit_id"].map(ranks["target"]),
            position=recent["unit_id"].map(ranks["position"]),
        ).sort_values("position", kind="stable")

    def _qualification_unit_line(self, r: pd.Series, row: pd.Series) -> str:
        """One unit's row: its share, the change since last year, its target and status."""
        now, before = f"value_{self.year}", f"value_{self.year - 1}"
        status = r["status"] if isinstance(r["status"], str) else Status.NO_TARGET
        label = f"{STATUS_SYMBOL[status]} {tr(status, self.lang)}"
        status_html = (
            f'<td class="status status-{status}">{escape(label)}</td>'
            if status != Status.NO_TARGET else "<td></td>"
        )  # fmt: skip
        return (
            f'<tr><th scope="row">{escape(str(r["name"]))}</th>'
            f'<td class="num">{self._year_cell(r[now], r[f"status_{self.year}"], row)}</td>'
            f'<td class="num">{self._signed(r[now] - r[before], row)}</td>'
            f'<td class="num">{escape(self._fmt(r["target"], row))}</td>{status_html}</tr>'
        )

    def _qualification_benchmark_lines(self, bench: dict[str, dict[int, float]], row: pd.Series) -> list[str]:
        """The KOSTRA group's and the country's rows under the units', where they have the year."""
        lines = []
        for role in ("peer_group", "national"):
            figures = bench.get(role, {})
            if self.year not in figures:
                continue
            label = self.groups.get(role) or tr(role, self.lang)
            change = figures[self.year] - figures.get(self.year - 1, np.nan)
            lines.append(
                f'<tr class="benchmark-row"><th scope="row" class="benchmark">{escape(label)}</th>'
                f'<td class="num">{escape(self._fmt(figures[self.year], row))}</td>'
                f'<td class="num">{self._signed(change, row)}</td><td></td><td></td></tr>'
            )
        return lines

    def _qualification_table(self, indicator_id: str, lines: list[str]) -> str:
        """The table of the units' and the benchmarks' rows, under headers for this year and last."""
        lang = self.lang
        head = [tr("unit", lang), str(self.year), tr("area_change_since", lang, year=self.year - 1),
                tr("target", lang), tr("status", lang)]  # fmt: skip
        head_html = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
        return (
            f'<table class="kit-table qualification" data-indicator="{escape(indicator_id)}">'
            f"<thead><tr>{head_html}</tr></thead><tbody>{''.join(lines)}</tbody></table>"
        )

    def _qualification_text(self, recent: pd.DataFrame, bench: dict[str, dict[int, float]], row) -> list[str]:
        """How many units are below the country (at the figure's decimals), where it has the year."""
        national = bench.get("national", {}).get(self.year)
        shown = recent[f"value_{self.year}"].dropna()
        if national is None or not len(shown):
            return []
        places = row_decimals(row)
        below = int((shown.round(places) < round(national, places)).sum())
        group = self._national_in_sentence()
        return [tr("area_qualification_below", self.lang, below=below, n=len(shown), group=group,
                   name=_name(row["name"], self.lang), value=self._fmt(national, row))]  # fmt: skip
