"""The service-area note's list of the units that most need attention, and why."""

from __future__ import annotations

from html import escape

import pandas as pd

from kitlib.analysis.attention import Reason
from kitlib.analysis.codes import Status, Trend
from kitlib.analysis.frequent import VARIATION_BASIS
from kitlib.report.area.wording import (
    _figure,
    _join,
    _name,
    _some,
)
from kitlib.report.briefing import section
from kitlib.report.formatting import (
    format_period,
)
from kitlib.report.i18n import STATUS_SYMBOL, TREND_SYMBOL, tr
from kitlib.report.narrative import variation_clause
from kitlib.report.views import Section, markdown_list


class AttentionSection:
    """The service-area note's list of the units that most need attention, and why."""

    @section
    def attention_section(self) -> Section:
        lang = self.lang
        found = self.attention
        html = [self._h2("attention")]
        if found.empty:
            html.append(f'<p class="empty">{escape(tr("area_attention_none", lang))}</p>')
            return Section("".join(html), frame=found)
        html.append(self._note(tr("area_attention_note", lang)))
        html.append('<ol class="attention">')
        markdown = []
        for _, rows in found.groupby("priority", sort=True):
            name = rows["unit_name"].iat[0]
            bullets = self._attention_bullets(rows)
            items = "".join(f"<li>{escape(b)}</li>" for b in bullets)
            html.append(f'<li class="attention-unit"><strong>{escape(name)}</strong><ul>{items}</ul></li>')
            markdown.append(f"{name}: " + "; ".join(bullets))
        html.append("</ol>")
        more = self._attention_more()
        if more:
            html.append(self._note(more))
            markdown.append(more)
        return Section("".join(html), frame=found, markdown=markdown_list(markdown))

    def _attention_more(self) -> str:
        """The other units with a target not met or a worsening, by name and count: the list
        names the few that need it most, and says who else there is instead of leaving them out."""
        everyone = self.attention_all
        rest = everyone[~everyone["unit_id"].isin(self.attention["unit_id"])]
        items = []
        for _, rows in rest.groupby("priority", sort=True):
            missed = rows[rows["reason"] == Reason.NOT_MET]
            worse = rows[rows["reason"] == Reason.WORSENING]
            counts = [tr("area_more_not_met", self.lang, n=len(missed)) if len(missed) else "",
                      tr("area_more_worse", self.lang, n=len(worse)) if len(worse) else ""]  # fmt: skip
            items.append(f"{rows['unit_name'].iat[0]} ({', '.join(c for c in counts if c)})")
        return tr("area_attention_more", self.lang, items=_join(items, self.lang)) if items else ""

    def _attention_bullets(self, rows: pd.DataFrame) -> list[str]:
        """The reasons beside a unit's name: the targets not met, the results worsening, and
        where it lies far below the median, each with its figures."""
        lang, out = self.lang, []
        missed = rows[rows["reason"] == Reason.NOT_MET]
        if len(missed):
            items = [tr("area_against_target", lang, name=_name(r["name"], lang),
                        value=self._figure_of(r, "value"), target=self._figure_of(r, "target"))
                     for _, r in missed.iterrows()]  # fmt: skip
            out.append(tr("area_reason_not_met", lang, symbol=STATUS_SYMBOL[Status.NOT_MET],
                          count=int(missed["count"].iat[0]), total=int(missed["total"].iat[0]),
                          items=_some(items, lang, limit=len(items))))  # fmt: skip
        worse = rows[rows["reason"] == Reason.WORSENING]
        if len(worse):
            items = [self._worse_item(r) for _, r in worse.iterrows()]
            out.append(tr("area_reason_worsening", lang, symbol=TREND_SYMBOL[Trend.WORSENING],
                          items=_some(items, lang)))  # fmt: skip
        below = rows[rows["reason"] == Reason.BELOW_MEDIAN]
        if len(below):
            items = [tr("area_against_median", lang, name=_name(r["name"], lang),
                        value=self._figure_of(r, "value"), median=self._figure_of(r, "median"))
                     for _, r in below.iterrows()]  # fmt: skip
            out.append(tr("area_reason_below_median", lang, items=_some(items, lang)))
        return out

    def _worse_item(self, r) -> str:
        """'andel barnehagelærere fra 46,5 % i 2021 til 39,4 % i 2025', or the run an XmR chart
        found: 'sykefravær, sesongjustert, har ligget over snittet (12,7 %) i 8 måneder ...'."""
        lang = self.lang
        if r.get("trend_basis") == VARIATION_BASIS:
            info = self._info(r["indicator_id"])
            row = {**r.to_dict(), "unit_of_measure": info.get("unit_of_measure", ""),
                   "decimals": info.get("decimals", 1)}  # fmt: skip
            return variation_clause(pd.Series(row), lang)
        return tr("area_moved", lang, name=_name(r["name"], lang),
                  start=self._figure_of(r, "trend_from_value"),
                  start_period=format_period(r["trend_from_period"], lang),
                  value=self._figure_of(r, "value"), period=format_period(r["period"], lang))  # fmt: skip

    def _figure_of(self, r, column: str) -> str:
        return _figure(r[column], self._info(r["indicator_id"]), self.lang)
