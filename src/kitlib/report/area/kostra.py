"""The service-area note's table of the area in KOSTRA's four dimensions (seed 004)."""

from __future__ import annotations

import math
from html import escape

import pandas as pd

from kitlib.analysis import area as analysis
from kitlib.data.contract import NOT_YET_AVAILABLE
from kitlib.report.area.wording import _name, _some
from kitlib.report.briefing import scrolling, section
from kitlib.report.formatting import (
    format_against,
    format_period,
    format_text,
    row_decimals,
)
from kitlib.report.i18n import tr
from kitlib.report.views import Section


class KostraSection:
    """The service-area note's table of the area in KOSTRA's four dimensions (seed 004)."""

    @section
    def kostra_section(self) -> Section:
        """The area as a whole in seed 004's four dimensions, each named as the seed names it, with
        the KOSTRA group and the country; a dimension the data has no figure for says so."""
        frame = self.kostra
        lang = self.lang
        groups = self.groups
        head = [tr("area_dimension", lang), tr("indicator", lang), tr("area_value", lang)]
        head += [
            groups.get("peer_group") or tr("peer_group", lang),
            groups.get("national") or tr("national", lang),
        ]
        head_html = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
        lines = []
        for dimension in analysis.DIMENSIONS:
            rows = frame[frame["dimension"] == dimension]
            label = (
                f'<th scope="rowgroup" rowspan="{len(rows)}" class="dimension">'
                f'{escape(tr(f"area_dim_{dimension}", lang))}<br><small class="dimension-note">'
                f"{escape(tr(f'area_dim_{dimension}_note', lang))}</small></th>"
            )
            for i, (_, row) in enumerate(rows.iterrows()):
                first = label if i == 0 else ""
                if pd.isna(row["indicator_id"]):
                    text = tr("area_no_dimension", lang, dimension=tr(f"area_dim_{dimension}", lang).lower())
                    lines.append(f'<tr>{first}<td colspan="4" class="empty">{escape(text)}</td></tr>')
                    continue
                period = (
                    f' <span class="period">{escape(format_period(row["period"], lang))}</span>'
                    if str(row["period"]) != str(self.year)
                    else ""
                )
                lines.append(
                    f'<tr data-indicator="{escape(str(row["indicator_id"]))}">{first}'
                    f'<td class="indicator">{escape(format_text(str(row["name"]), lang))}</td>'
                    f'<td class="num">{escape(self._fmt(row["value"], row))}{period}</td>'
                    f'<td class="num">{self._kostra_benchmark(row, "peer_group")}</td>'
                    f'<td class="num">{self._kostra_benchmark(row, "national")}</td></tr>'
                )
        table = (
            f'<table class="kit-table kostra" id="kostra"><thead><tr>{head_html}</tr></thead>'
            f"<tbody>{''.join(lines)}</tbody></table>"
        )
        notes = [tr("area_kostra_note", lang)]
        late = frame[(frame["year_status"] == NOT_YET_AVAILABLE) & frame["value"].notna()]
        if len(late):
            names = [_name(n, lang) for n in late["name"]]
            notes.append(tr("area_kostra_late", lang, year=self.year, items=_some(names, lang)))
        html = self._h2("kostra") + scrolling(table) + "".join(self._note(n) for n in notes)
        return Section(html, frame=frame)

    def _kostra_benchmark(self, row, role: str) -> str:
        """The benchmark, and in brackets how far the area lies from it: '(4 % bedre)'."""
        value = row[f"{role}_value"]
        if pd.isna(value):
            return ""
        lang, diff, gap = self.lang, row[f"{role}_diff"], row[f"{role}_gap"]
        judged = not pd.isna(gap)
        # in words, as the unit notes: direction-aware where the indicator has a better side
        signed = math.copysign(abs(diff), gap) if judged else diff
        unit = str(row["unit_of_measure"]).strip().lower()
        if unit in ("nok", "kr", "dkk") and value:  # kroner: in per cent of the benchmark
            share = 100 * signed / abs(value)
            inside = format_against(share, 0 if abs(share) >= 10 else 1, lang, unit="%", judged=judged)
        else:  # the figure beside it says the unit (a share's difference is in percentage points)
            inside = format_against(signed, row_decimals(row), lang, judged=judged, measure=unit)
        if not inside:  # the area has no figure to compare
            return escape(self._fmt(value, row))
        if row.get(f"{role}_gap_clear") is False:
            inside = "≈"  # the benchmark lies inside the area's own interval: no certain difference
        return f'{escape(self._fmt(value, row))} <span class="gap">({escape(inside)})</span>'
