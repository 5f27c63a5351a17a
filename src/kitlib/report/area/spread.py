"""The service-area note's table of how far apart the units lie, per indicator."""

from __future__ import annotations

from html import escape

import pandas as pd

from kitlib.analysis import area as analysis
from kitlib.report.briefing import scrolling, section
from kitlib.report.formatting import (
    format_number,
    format_text,
    row_decimals,
)
from kitlib.report.i18n import tr
from kitlib.report.views import Section


class SpreadSection:
    """The service-area note's table of how far apart the units lie, per indicator."""

    @section
    def spread_section(self) -> Section:
        lang = self.lang
        rows = self.spread[self.spread["units_with_figure"] > 0]
        if rows.empty:
            return ""
        names = self.units.set_index("unit_id")["name"]
        heads = ["indicator", "area_units_with_figure", "area_lowest", "median", "area_highest",
                 "area_middle_half", "peer_group", "national"]  # fmt: skip
        words = [tr(h, lang) for h in heads]
        head = "".join(f'<th scope="col">{escape(w[:1].upper() + w[1:])}</th>' for w in words)
        lines = []
        for _, r in rows.iterrows():

            def fig(value, row=r):
                return escape(self._fmt(value, row))

            def with_unit(value, unit_id):
                return (
                    f'{fig(value)}<br><small class="unit-ref">{escape(str(names.get(unit_id, "")))}</small>'
                )

            low = format_number(r["q1"], row_decimals(r), lang)
            middle = f"{low}–{self._fmt(r['q3'], r)}" if not pd.isna(r["q1"]) else ""
            counted = (
                f"{format_number(r['units_with_figure'], 0, lang)} / {format_number(r['units'], 0, lang)}"
            )
            lines.append(
                f'<tr data-indicator="{escape(r["indicator_id"])}">'
                f'<th scope="row" class="indicator">{escape(format_text(str(r["name"]), lang))}</th>'
                f'<td class="num">{counted}</td>'
                f'<td class="num">{with_unit(r["min"], r["lowest_unit"])}</td>'
                f'<td class="num">{fig(r["median"])}</td>'
                f'<td class="num">{with_unit(r["max"], r["highest_unit"])}</td>'
                f'<td class="num">{escape(middle)}</td><td class="num">{fig(r["peer_group_value"])}</td>'
                f'<td class="num">{fig(r["national_value"])}</td></tr>'
            )
        table = (
            f'<table class="kit-table spread" id="spread"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(lines)}</tbody></table>"
        )
        note = tr("area_spread_note", lang, median=analysis.MIN_UNITS_FOR_MEDIAN,
                  quartiles=analysis.MIN_UNITS_FOR_QUARTILES)  # fmt: skip
        return Section(self._h2("spread") + scrolling(table) + self._note(note), frame=rows)
