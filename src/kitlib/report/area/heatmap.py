"""The service-area note's status heatmap: units x indicators with a target, status and
figure in every cell."""

from __future__ import annotations

from html import escape
from itertools import product

import pandas as pd

from kitlib.analysis import area as analysis
from kitlib.analysis.codes import Status
from kitlib.data.contract import NOT_APPLICABLE, NOT_YET_AVAILABLE
from kitlib.report.briefing import scrolling, section
from kitlib.report.formatting import (
    format_text,
)
from kitlib.report.i18n import STATUS_SYMBOL, tr
from kitlib.report.legend import heatmap_legend, legend_caption
from kitlib.report.views import Section


def _cell_kind(row) -> str:
    """What a heatmap cell shows: 'not_applicable', 'suppressed' or the row's status."""
    if row is None or row["value_status"] == NOT_APPLICABLE:
        return "not_applicable"
    if bool(row["suppressed"]) and pd.isna(row["value"]):
        return "suppressed"
    return row["status"]


class HeatmapSection:
    """The status heatmap: units x indicators with a target, status and figure in every cell."""

    @section
    def heatmap_section(self) -> Section:
        """Units (columns) × indicators with a target (rows, by perspective): in every cell the
        status as symbol, word and colour, and the figure."""
        matrix = analysis.status_matrix(self.cards)
        if matrix.empty or not len(matrix.columns):
            return ""
        html = self._h2("heatmap", year=self.year) + scrolling(self._heatmap_table(matrix))
        return Section(html, frame=matrix)

    def _heatmap_table(self, matrix: pd.DataFrame) -> str:
        lang = self.lang
        own = self.own.set_index(["indicator_id", "unit_id"])
        names = self.units.set_index("unit_id")["name"]
        head = f'<th scope="col" class="indicator">{escape(tr("indicator", lang))}</th>' + "".join(
            f'<th scope="col" class="unit" data-unit="{escape(u)}">{escape(str(names[u]))}</th>'
            for u in matrix.index
        )
        perspectives = self._perspective_names()
        first = self.own.drop_duplicates("indicator_id").set_index("indicator_id")
        bodies, current, lines = [], None, []
        for indicator_id in matrix.columns:
            info = first.loc[indicator_id]
            if info["perspective"] != current:
                if lines:
                    bodies.append(f"<tbody>{''.join(lines)}</tbody>")
                current = info["perspective"]
                label = escape(perspectives.get(current, current))
                lines = [f'<tr class="perspective"><th colspan="{len(matrix.index) + 1}" scope="rowgroup">'
                         f"{label}</th></tr>"]  # fmt: skip
            spread_row = self._info(indicator_id)
            if spread_row["targets_differ"]:
                target = tr("area_targets_differ", lang)
            elif not pd.isna(spread_row["target"]):
                target = f"{tr('target', lang).lower()} {self._fmt(spread_row['target'], info)}"
            else:
                target = ""
            target_html = f'<br><small class="target-note">{escape(target)}</small>' if target else ""
            name = escape(format_text(str(info["name"]), lang))
            cells = [f'<th scope="row" class="indicator">{name}{target_html}</th>']
            for unit_id in matrix.index:
                key = (indicator_id, unit_id)
                cells.append(self._heat_cell(own.loc[key] if key in own.index else None, unit_id))
            lines.append(f'<tr data-indicator="{escape(indicator_id)}">{"".join(cells)}</tr>')
        bodies.append(f"<tbody>{''.join(lines)}</tbody>")
        cells = [own.loc[key] if key in own.index else None for key in product(matrix.columns, matrix.index)]
        figures = any(row is not None and not pd.isna(row["value"]) for row in cells)
        entries = heatmap_legend(map(_cell_kind, cells), lang, min_n=self.min_n, figures=figures)
        legend = legend_caption(entries)
        return (
            f'<table class="kit-table area-heatmap" id="heatmap">{legend}'
            f"<thead><tr>{head}</tr></thead>{''.join(bodies)}</table>"
        )

    def _heat_cell(self, row, unit_id: str) -> str:
        """Symbol and word on the status's colour, the figure under them."""
        lang = self.lang
        attrs = f'data-unit="{escape(unit_id)}"'
        status = _cell_kind(row)
        if status == "not_applicable":
            word, symbol, figure = tr("heat_not_applicable", lang), "", ""
        elif status == "suppressed":
            word, symbol = tr("heat_suppressed", lang), STATUS_SYMBOL[Status.NO_DATA]
            figure = tr("too_few", lang, n=self.min_n)
        else:
            word, symbol = tr(f"heat_{status}", lang), STATUS_SYMBOL[status]
            figure = "" if pd.isna(row["value"]) else self._fmt(row["value"], row)
            if pd.isna(row["value"]) and row["value_status"] == NOT_YET_AVAILABLE:
                figure = tr("missing_..", lang)
        css = {"suppressed": "no_data", "not_applicable": "no_target"}.get(status, status)
        figure_html = f'<span class="heat-value">{escape(figure)}</span>' if figure else ""
        return (
            f'<td class="heat status status-{css}" {attrs}><span class="heat-status">'
            f"{escape(symbol) + '&nbsp;' if symbol else ''}{escape(word)}</span>{figure_html}</td>"
        )
