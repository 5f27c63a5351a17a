"""The service-area note's list of the units that most need attention, and why."""

from __future__ import annotations

from html import escape

import pandas as pd

from kitlib.analysis import area as analysis
from kitlib.analysis.codes import Status, Trend
from kitlib.report.area.wording import (
    _figure,
    _name,
    _some,
)
from kitlib.report.briefing import section
from kitlib.report.formatting import (
    format_period,
)
from kitlib.report.i18n import STATUS_SYMBOL, TREND_SYMBOL, tr
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
        return Section("".join(html), frame=found, markdown=markdown_list(markdown))

    def _attention_bullets(self, rows: pd.DataFrame) -> list[str]:
        lang, out = self.lang, []
        for _, r in rows[rows["reason"] == analysis.Reason.MOST_NOT_MET].iterrows():
            out.append(tr("area_reason_not_met", lang, symbol=STATUS_SYMBOL[Status.NOT_MET],
                          count=int(r["count"]), total=int(r["total"])))  # fmt: skip
        worse = rows[rows["reason"] == analysis.Reason.WORSENING]
        if len(worse):
            items = []
            for _, r in worse.iterrows():
                info = self._info(r["indicator_id"])
                items.append(tr(
                    "area_moved", lang, name=_name(r["name"], lang),
                    start=_figure(r["trend_from_value"], info, lang),
                    start_period=format_period(r["trend_from_period"], lang),
                    value=_figure(r["value"], info, lang), period=format_period(r["period"], lang),
                ))  # fmt: skip
            out.append(tr("area_reason_worsening", lang, symbol=TREND_SYMBOL[Trend.WORSENING],
                          items=_some(items, lang)))  # fmt: skip
        below = rows[rows["reason"] == analysis.Reason.BELOW_MEDIAN]
        if len(below):
            items = []
            for _, r in below.iterrows():
                info = self._info(r["indicator_id"])
                value, median = _figure(r["value"], info, lang), _figure(r["median"], info, lang)
                name = _name(r["name"], lang)
                items.append(tr("area_against_median", lang, name=name, value=value, median=median))
            out.append(tr("area_reason_below_median", lang, items=_some(items, lang)))
        return out
