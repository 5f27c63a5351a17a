"""The views of the selected indicator: the chosen units' figures, what the indicator is,
and its audit on KS's seven tests."""

from __future__ import annotations

from html import escape

import pandas as pd

from kitlib.analysis.audit import KS_TESTS
from kitlib.analysis.codes import Status
from kitlib.data.periods import YEARLY, parse_period
from kitlib.explorer.session import COMPARISONS, Selection, Session
from kitlib.explorer.views.base import _empty, _missing_text, _row, _unit_name, block, indicator_name
from kitlib.report.audit_tables import verdict_text
from kitlib.report.formatting import format_date, format_indicator_value, format_period, format_text
from kitlib.report.i18n import TEXT, perspective_name, status_label, tr, trend_label


def figure_line(session: Session, sel: Selection, unit_id: str) -> str:
    """The unit's figure of the year with its target, status, trend and the chosen
    comparisons: 'Lia skole: 4,4 % · mål 7,0 % · ✔ nådd · → stabil · KOSTRA-gruppe 13 5,6 %'."""
    lang, row = session.lang, _row(session, unit_id, sel)
    min_n = session.data.config.thresholds.min_respondents
    if row is None or pd.isna(row["value"]):
        return f"{_unit_name(session, unit_id)}: {_missing_text(row, lang, min_n)}"
    value = format_indicator_value(row["value"], row, lang)
    if not pd.isna(row.get("ci_low")) and not pd.isna(row.get("ci_high")):
        low, high = (
            format_indicator_value(row[c], row, lang, with_unit=False) for c in ("ci_low", "ci_high")
        )
        value += f" ({low}–{high})"
    if parse_period(row["period"]).freq != YEARLY:
        value += f" {format_period(row['period'], lang)}"
    parts = [value]
    if not pd.isna(row["target"]):
        parts.append(f"{tr('target', lang).lower()} {format_indicator_value(row['target'], row, lang)}")
    if row["status"] != Status.NO_TARGET:
        parts.append(status_label(row["status"], lang))
    parts.append(trend_label(row["trend"], lang))
    for key in sel.comparisons:
        column = COMPARISONS[key]
        if not pd.isna(row.get(column)):
            name = session.groups[key] if key != "peers" else tr("other_units", lang)
            parts.append(f"{name} {format_indicator_value(row[column], row, lang)}")
    return f"{_unit_name(session, unit_id)}: " + " · ".join(parts)


def _influence(value: str, lang: str) -> str:
    """ja, delvis, nei (indicators.csv) in the reader's language."""
    key = f"explore_influence_{value}"
    return tr(key, lang) if key in TEXT[lang] else value


def facts_html(session: Session, sel: Selection) -> str:
    """The indicator: the selected units' figures, then what it is (definition, direction,
    unit of measure, source, whether the unit can influence it, perspective, data date)."""
    lang = session.lang
    if not sel.indicator or sel.indicator not in session.indicators.index:
        return block(_empty(tr("explore_no_indicator", lang)), "facts")
    ind = session.indicators.loc[sel.indicator]
    cfg = session.data.config
    lines = "".join(f"<li>{escape(figure_line(session, sel, u))}</li>" for u in sel.units)
    direction = str(ind["direction"])
    date = ind.get("data_date")
    date = date if isinstance(date, str) and date else cfg.data_date
    facts = [
        ("definition", str(ind["definition"])),
        ("explore_direction", tr(f"explore_{direction}", lang) if direction in ("higher", "lower") else
         tr("explore_none", lang)),
        ("explore_measure", format_text(str(ind["unit"]), lang)),
        ("source", str(ind["source"])),
        ("explore_influenceable", _influence(str(ind["influenceable"]), lang)),
        ("perspective", perspective_name(str(ind["perspective"]), lang, cfg)),
        ("data_date", format_date(date, lang)),
    ]  # fmt: skip
    rows = "".join(
        f'<tr><th scope="row">{escape(tr(key, lang))}</th><td>{escape(text)}</td></tr>'
        for key, text in facts
        if text and text != "nan"
    )
    return block(
        f"<h3>{escape(indicator_name(session, sel.indicator))}</h3>"
        f'<ul class="figures">{lines}</ul>'
        f'<table class="kit-table facts"><tbody>{rows}</tbody></table>' + audit_html(session, sel),
        "facts",
    )


def audit_html(session: Session, sel: Selection) -> str:
    """The indicator's result on KS's seven tests for the results year (kitlib.analysis.audit):
    each test passed, failed with why, or not judged; '' for a figure that is not audited."""
    lang, row = session.lang, session.audit(sel.indicator, sel.end)
    if row is None:
        return ""
    passed = tr("audit_passed_n", lang, passed=int(row["passed"]), judged=int(row["judged"]))
    verdicts = {test: verdict_text(row[str(test)], row[f"{test}_reason"], lang, n=row["median_n"])
                for test in KS_TESTS}  # fmt: skip
    cells = "".join(
        f'<tr><th scope="row">{escape(tr(f"audit_{test}", lang))}</th><td>{escape(text)}</td></tr>'
        for test, text in verdicts.items()
    )
    return (
        f"<h4>{escape(tr('audit_title', lang, year=sel.end))}</h4>"
        f'<table class="kit-table audit"><tbody>{cells}</tbody><tfoot><tr><th scope="row">'
        f"{escape(tr('audit_passed', lang))}</th><td>{escape(passed)}</td></tr></tfoot></table>"
    )
