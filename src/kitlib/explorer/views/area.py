"""The views of the service area: every unit ranked on the selected indicator, and the
status grid of its units against their indicators."""

from __future__ import annotations

import math
from html import escape

import numpy as np
import pandas as pd

from kitlib.analysis.codes import JUDGED, Status
from kitlib.analysis.peers import MIN_OTHER_UNITS
from kitlib.analysis.status import better_sign
from kitlib.data.contract import CONTEXT_TYPE
from kitlib.explorer.plots import ranking_figure
from kitlib.explorer.session import COMPARISONS, Selection, Session
from kitlib.explorer.views.base import MARKED, _empty, _missing_text, _row, _unit_name, block, indicator_name
from kitlib.report import charts
from kitlib.report.formatting import format_indicator_value
from kitlib.report.i18n import STATUS_SYMBOL, status_label, tr

GRID_PALETTE = {
    Status.MET: charts.PALETTE[Status.MET], Status.NEAR: charts.PALETTE[Status.NEAR],
    Status.UNCERTAIN: charts.PALETTE[Status.UNCERTAIN], Status.NOT_MET: charts.PALETTE[Status.NOT_MET],
    Status.NO_DATA: charts.PALETTE[Status.NO_DATA], Status.NO_TARGET: "#c4cbd1",
}  # fmt: skip


def ranking_rows(session: Session, sel: Selection) -> pd.DataFrame:
    """Every result unit of the area on the indicator in the results year, best first
    (direction-aware; by value, highest first, where neither way is better), units without
    a figure last. Columns: unit_id, name, value, ci_low, ci_high, status, text, colour, chosen."""
    lang, min_n = session.lang, session.data.config.thresholds.min_respondents
    rows = []
    for unit in session.units_of(sel.area):
        row = _row(session, unit, sel)
        value = np.nan if row is None else float(row["value"]) if not pd.isna(row["value"]) else np.nan
        status = Status.NO_DATA if row is None else row["status"]
        if math.isnan(value):
            text = _missing_text(row, lang, min_n)
        else:
            shown = format_indicator_value(value, row, lang)
            text = f"{STATUS_SYMBOL[status]} {shown}" if status in JUDGED else shown
        rows.append({
            "unit_id": unit, "name": _unit_name(session, unit), "value": value,
            "ci_low": np.nan if row is None else row["ci_low"],
            "ci_high": np.nan if row is None else row["ci_high"],
            "status": str(status), "text": text, "chosen": unit in sel.units,
            "colour": charts.PALETTE.get(status, charts.MUTED),
        })  # fmt: skip
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    sign = better_sign(str(session.indicators.at[sel.indicator, "direction"]))
    score = frame["value"] * (1.0 if pd.isna(sign) else sign)
    order = np.lexsort((-score.fillna(-np.inf).to_numpy(), frame["value"].isna().to_numpy()))
    return frame.iloc[order].reset_index(drop=True).astype({"ci_low": float, "ci_high": float})


def _references(session: Session, sel: Selection, rows: pd.DataFrame) -> pd.DataFrame:
    """The vertical lines of the ranking: the units' median (with enough units), the KOSTRA
    group and the country, where present and chosen."""
    lang = session.lang
    refs = []
    card_rows = [r for r in (_row(session, u, sel) for u in rows["unit_id"]) if r is not None]
    fmt_row = card_rows[0] if card_rows else None
    values = rows["value"].dropna()
    if "peers" in sel.comparisons and len(values) > MIN_OTHER_UNITS and fmt_row is not None:
        median = float(values.median())
        refs.append((median, tr("explore_median_units", lang), "peer_median"))
    for key in ("peer_group", "national"):
        column = COMPARISONS[key]
        found = [r[column] for r in card_rows if not pd.isna(r.get(column))]
        if key in sel.comparisons and found:
            refs.append((float(found[0]), session.groups[key], column))
    return pd.DataFrame(
        [
            {
                "value": value,
                "label": f"{label} {format_indicator_value(value, fmt_row, lang)}",
                "colour": charts.SERIES[column][4],
                "dashes": charts.SERIES[column][3],
            }
            for value, label, column in refs
        ],
        columns=["value", "label", "colour", "dashes"],
    )


def ranking_html(session: Session, sel: Selection) -> str:
    """Every unit of the service area on the selected indicator, best first, with the units'
    median, the KOSTRA group and the country as lines (the chosen comparisons)."""
    lang = session.lang
    if not sel.indicator or sel.indicator not in session.indicators.index:
        return block(_empty(tr("explore_no_indicator", lang)), "ranking")
    name = indicator_name(session, sel.indicator)
    rows = ranking_rows(session, sel)
    if rows.empty or rows["value"].notna().sum() == 0:
        return block(_empty(tr("explore_no_figures", lang, area=sel.area, year=sel.end)), "ranking")
    direction = str(session.indicators.at[sel.indicator, "direction"])
    key = "explore_ranked_best" if direction in ("higher", "lower") else "explore_ranked_value"
    subtitle = tr(key, lang, area=sel.area, year=sel.end)
    refs = _references(session, sel, rows)
    note = tr("interval", lang) if rows["ci_low"].notna().any() else ""
    fig = ranking_figure(rows, title=name, subtitle=subtitle, lang=lang, refs=refs, note=note)
    ranked = "; ".join(f"{i}. {n}: {t}" for i, (n, t) in enumerate(zip(rows["name"], rows["text"]), start=1))
    alt = f"{name}. {subtitle}: {ranked}." + "".join(f" {label}." for label in refs["label"])
    return block(charts.figure_html(fig, alt), "ranking")


def heatmap_rows(session: Session, sel: Selection) -> pd.DataFrame:
    """Status of every result unit of the area (column) on every indicator of its results
    (line) in the results year: columns column, line, status, text (symbol and figure)."""
    lang, rows = session.lang, []
    for unit in session.units_of(sel.area):
        for row in session.rows(unit, sel.end).values():
            if row["indicator_type"] == CONTEXT_TYPE:
                continue
            shown = "" if pd.isna(row["value"]) else format_indicator_value(row["value"], row, lang)
            symbol = STATUS_SYMBOL[row["status"]]
            rows.append({"column": unit, "line": row["indicator_id"], "status": str(row["status"]),
                         "text": f"{symbol} {shown}".strip()})  # fmt: skip
    return pd.DataFrame(rows, columns=["column", "line", "status", "text"])


def tint(colour: str, share: float = 0.3) -> str:
    """`colour` mixed with white (`share` of the colour): a cell background dark text reads on."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(255 - share * (255 - c)):02x}" for c in (r, g, b))


def heatmap_html(session: Session, sel: Selection) -> str:
    """The service area at a glance, as a table: its units (columns) against the indicators
    of their results (lines, in the scorecard's order), each cell the status symbol and the
    figure on a tint of the status's colour (the symbol says it without the colour), the
    status in words as the cell's title; the chosen units and indicator marked. A table, not
    a picture: it is drawn at once, its text can be read, searched and copied, and it stays
    sharp at any zoom."""
    lang = session.lang
    rows = heatmap_rows(session, sel)
    if rows.empty:
        return block(_empty(tr("explore_no_figures", lang, area=sel.area, year=sel.end)), "heatmap")
    data = session.data
    order = data.config.perspective_order(data.indicators["perspective"])
    position = {
        i: (order.index(p) if p in order else len(order), k)
        for k, (i, p) in enumerate(zip(data.indicators["indicator_id"], data.indicators["perspective"]))
    }
    lines = sorted(dict.fromkeys(rows["line"]), key=lambda i: position.get(i, (len(order), 0)))
    units = session.units_of(sel.area)
    cells = rows.set_index(["line", "column"])
    head = "".join(
        f'<th scope="col"{MARKED if u in sel.units else ""}>{escape(_unit_name(session, u))}</th>'
        for u in units
    )
    body = []
    for line in lines:
        tds = []
        for unit in units:
            if (line, unit) not in cells.index:
                tds.append("<td></td>")
                continue
            status, shown = cells.at[(line, unit), "status"], cells.at[(line, unit), "text"]
            style = f"background:{tint(GRID_PALETTE[status])};text-align:center;white-space:nowrap"
            tds.append(f'<td class="status-{status}" style="{style}" '
                       f'title="{escape(status_label(status, lang))}">{escape(shown)}</td>')  # fmt: skip
        marked = MARKED if line == sel.indicator else ""
        name = f'<th scope="row"{marked}>{escape(indicator_name(session, line))}</th>'
        body.append(f"<tr>{name}{''.join(tds)}</tr>")
    legend = " · ".join(status_label(s, lang) for s in GRID_PALETTE)
    title = tr("explore_heatmap_title", lang, area=sel.area, year=sel.end)
    return block(
        f"<h3>{escape(title)}</h3>"
        f'<table class="kit-table heatmap"><caption class="legend" style="caption-side:bottom">'
        f"{escape(legend)}</caption><thead><tr><th>{escape(tr('indicator', lang))}</th>{head}</tr>"
        f"</thead><tbody>{''.join(body)}</tbody></table>",
        "heatmap",
    )
