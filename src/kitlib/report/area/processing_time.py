"""The service view of processing time against the statutory limit the indicator states."""

from __future__ import annotations

import functools
from html import escape

import numpy as np
import pandas as pd

from kitlib.analysis.codes import Status
from kitlib.report.area.ranking_chart import _figure_block, ranking_figure
from kitlib.report.area.wording import DAY_UNITS, WITHIN_LIMIT, _name, statutory_limit
from kitlib.report.briefing import scrolling
from kitlib.report.formatting import (
    format_number,
    format_text,
    row_decimals,
)
from kitlib.report.i18n import STATUS_SYMBOL, tr


class ProcessingTimeView:
    """The service view of processing time against the statutory limit the indicator states."""

    @functools.cached_property
    def _timed(self) -> list[tuple[pd.Series, float]]:
        """The units' processing times in days with the statutory limit their indicator states."""
        definitions = self.data.indicators.set_index("indicator_id")["definition"]
        timed = []
        for _, row in self.own.drop_duplicates("indicator_id").iterrows():
            if str(row["unit_of_measure"]).strip().lower() not in DAY_UNITS:
                continue
            limit = statutory_limit(row["name"], definitions.get(row["indicator_id"], ""))
            shown = self.ranks.loc[self.ranks["indicator_id"] == row["indicator_id"], "shown"]
            if limit is not None and shown.notna().any():
                timed.append((row, limit))
        return timed

    def _processing_time(self):
        """Processing time in days against the statutory limit the indicator states, per unit
        (a chart with the limit as a line, and a table with the days over or under it), and the
        share decided within the limit: an average within the limit can hide cases beyond it."""
        lang = self.lang
        timed = self._timed
        if not timed:
            return
        within = [r for r in self._indicators_matching(WITHIN_LIMIT, unit="%")]
        panels, alts, lines_of = [], [], {}
        head = [tr("unit", lang)]
        for row, limit in timed:
            head.append(format_text(row["name"], lang))
            panel, alt = self._ranking_panel(row["indicator_id"], limit=limit)
            panels.append(panel)
            alts.append(alt)
        head += [format_text(r["name"], lang) for r in within]
        names = self.units.set_index("unit_id")["name"]
        for unit_id in self.units["unit_id"]:
            cells = [f'<th scope="row">{escape(str(names[unit_id]))}</th>']
            for row, limit in timed:
                rank = self.ranks[
                    (self.ranks["indicator_id"] == row["indicator_id"]) & (self.ranks["unit_id"] == unit_id)
                ]
                cells.append(f'<td class="num">{self._limit_cell(rank, row, limit)}</td>')
            for r in within:
                rank = self.ranks[
                    (self.ranks["indicator_id"] == r["indicator_id"]) & (self.ranks["unit_id"] == unit_id)
                ]
                value = rank["shown"].iat[0] if len(rank) else np.nan
                cells.append(f'<td class="num">{escape(self._fmt(value, r))}</td>')
            lines_of[unit_id] = f"<tr>{''.join(cells)}</tr>"
        head_html = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
        table = (
            f'<table class="kit-table processing-time"><thead><tr>{head_html}</tr></thead>'
            f"<tbody>{''.join(lines_of.values())}</tbody></table>"
        )
        text = []
        for row, limit in timed:
            shown = self.ranks[(self.ranks["indicator_id"] == row["indicator_id"])]["shown"].dropna()
            inside = int((shown.round(row_decimals(row)) <= limit).sum())
            text.append(tr("area_time_within", lang, name=format_text(row["name"], lang), inside=inside,
                           n=len(shown), limit=format_number(limit, 0, lang)))  # fmt: skip
        if within:
            text.append(tr("area_time_share_note", lang, name=_name(within[0]["name"], lang)))
        fig = ranking_figure(panels, lang)
        html = (
            self._h2("processing_time")
            + "".join(self._note(t) for t in text)
            + _figure_block(fig, " ".join(alts))
            + scrolling(table)
        )
        frame = self.ranks[self.ranks["indicator_id"].isin([r["indicator_id"] for r, _ in timed])]
        yield html, frame, [fig]

    def _limit_cell(self, rank: pd.DataFrame, row, limit: float) -> str:
        if rank.empty:
            return ""
        value = rank["shown"].iat[0]
        if pd.isna(value):
            return self._year_cell(value, rank["value_status"].iat[0], row)
        days = round(float(value), row_decimals(row)) - limit
        status = Status.MET if days <= 0 else Status.NOT_MET
        key = "area_days_under" if days < 0 else "area_days_over" if days > 0 else "area_days_on"
        key = key.replace("days", "day") if abs(days) == 1 else key
        words = tr(key, self.lang, days=format_number(abs(days), row_decimals(row), self.lang))
        return (
            f'{escape(self._fmt(value, row))}<br><small class="limit status-{status}">'
            f"{escape(STATUS_SYMBOL[status])} {escape(words)}</small>"
        )
