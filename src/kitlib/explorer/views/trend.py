"""The trend chart of the selected indicator: a panel per chosen unit over the selected
years, each with alt text that states its figures."""

from __future__ import annotations

from html import escape

import pandas as pd

from kitlib.analysis.scorecard import BUDGET_TYPE
from kitlib.explorer.session import COMPARISONS, Selection, Session
from kitlib.explorer.views.base import _empty, _row, _unit_name, block, indicator_name
from kitlib.report import charts
from kitlib.report.formatting import format_indicator_value, format_period, row_decimals
from kitlib.report.i18n import status_label, tr, trend_label

MAX_PANELS = 6  # trend panels in one figure: one page of A4, as in the briefing


def _alt(session: Session, unit_id: str, row, history: pd.DataFrame) -> str:
    """The panel in words: unit, first and last figure of the range, target, status and trend."""
    lang = session.lang
    shown = history.dropna(subset=["value"])
    first, last = shown.iloc[0], shown.iloc[-1]
    text = (
        f"{_unit_name(session, unit_id)}, {format_period(first['period'], lang)}–"
        f"{format_period(last['period'], lang)}: {format_indicator_value(first['value'], row, lang)} → "
        f"{format_indicator_value(last['value'], row, lang)}"
    )
    if not pd.isna(row["target"]):
        text += f"; {tr('target', lang).lower()} {format_indicator_value(row['target'], row, lang)}"
    return f"{text}. {status_label(row['status'], lang)}, {trend_label(row['trend'], lang)}."


def trend_panel(session: Session, sel: Selection, unit_id: str):
    """(the unit's chart panel of the indicator over the selected years, its alt text), or
    None without figures; the comparisons not chosen are left out."""
    row = _row(session, unit_id, sel)
    if row is None:
        return None
    history = session.history(unit_id, sel.indicator)
    history = history[(history["year"] >= sel.start) & (history["year"] <= sel.end)]
    history = history.drop(columns=[c for k, c in COMPARISONS.items() if k not in sel.comparisons])
    if history["value"].notna().sum() == 0:
        return None
    lang = session.lang
    message = charts.chart_message(row, session.yearly(unit_id, sel.indicator, sel.end), lang)
    budget = row["indicator_type"] == BUDGET_TYPE and row["unit_of_measure"] == "%"
    panel = charts.Panel(
        history.reset_index(drop=True), name=_unit_name(session, unit_id), unit=row["unit_of_measure"],
        message=message, decimals=row_decimals(row), kind="budget" if budget else "trend",
    )  # fmt: skip
    return panel, f"{message}. {_alt(session, unit_id, row, history)}"


def trend_html(session: Session, sel: Selection) -> str:
    """The indicator over the selected years for every selected unit (small multiples on
    shared axes, at most six), with target, the chosen comparisons and survey intervals."""
    lang = session.lang
    if not sel.unit or not sel.indicator:
        key = "explore_pick_unit" if not sel.unit else "explore_no_indicator"
        return block(_empty(tr(key, lang)), "trend")
    heading = f"<h3>{escape(indicator_name(session, sel.indicator))}</h3>"
    panels = [p for p in (trend_panel(session, sel, u) for u in sel.units[:MAX_PANELS]) if p]
    if not panels:
        return block(heading + _empty(tr("no_data_section", lang)), "trend")
    fig = charts.panel_figure([panel for panel, _ in panels], lang)
    return block(heading + charts.figure_html(fig, " ".join(alt for _, alt in panels)), "trend")
