"""What each output of the explorer shows, as an HTML fragment: a function of the session
(data and cached analyses) and the selection, nothing else, so the app can render a view
only when its inputs changed, and a static export can show them all.

Every word comes from kitlib.report.i18n, every number from kitlib.report.formatting, every
chart from kitlib.report.charts or kitlib.explorer.plots (embedded SVG with alt text that
states the figures, so a reader without the picture, or a test, reads the same).
"""

from __future__ import annotations

import math
from html import escape

import numpy as np
import pandas as pd

from kitlib.analysis.audit import KS_TESTS
from kitlib.analysis.codes import JUDGED, Status
from kitlib.analysis.peers import MIN_OTHER_UNITS
from kitlib.analysis.scorecard import BUDGET_TYPE
from kitlib.analysis.status import better_sign
from kitlib.data.contract import CONTEXT_TYPE, MISSING_SYMBOLS
from kitlib.data.periods import YEARLY, parse_period
from kitlib.explorer.plots import ranking_figure
from kitlib.explorer.session import COMPARISONS, Selection, Session
from kitlib.report import charts
from kitlib.report.audit_tables import verdict_text
from kitlib.report.formatting import format_date, format_indicator_value, format_period, format_text
from kitlib.report.i18n import STATUS_SYMBOL, TEXT, status_label, tr, trend_label
from kitlib.report.narrative import summary_sentences
from kitlib.report.tables import SCORECARD_HEADERS, scorecard_table

MARKED = ' class="chosen" style="background:#fff4d6"'  # the chosen units' and indicator's cells
LIVE_CLASS = "kit-explore-app"  # the class of the rendered app (see static_html)
MAX_PANELS = 6  # trend panels in one figure: one page of A4, as in the briefing
# the comparison keys -> the phrase that names them, and the scorecard's column of their value
COMPARISON_WORDS = {"peers": "other_units", "peer_group": "peer_group", "national": "national"}
GRID_PALETTE = {
    Status.MET: charts.PALETTE[Status.MET], Status.NEAR: charts.PALETTE[Status.NEAR],
    Status.UNCERTAIN: charts.PALETTE[Status.UNCERTAIN], Status.NOT_MET: charts.PALETTE[Status.NOT_MET],
    Status.NO_DATA: charts.PALETTE[Status.NO_DATA], Status.NO_TARGET: "#c4cbd1",
}  # fmt: skip


def block(html: str, css: str = "") -> str:
    """A view's fragment; its text is the data's, so JupyterLab must not typeset '$...$' in it."""
    classes = " ".join(filter(None, ("kit-explore", css, "tex2jax_ignore mathjax_ignore")))
    return f'<div class="{classes}">{html}</div>'


def _empty(text: str) -> str:
    return f'<p class="empty">{escape(text)}</p>'


def _decimals(row) -> int:
    return 1 if pd.isna(row["decimals"]) else int(row["decimals"])


def _results(own: pd.DataFrame) -> pd.DataFrame:
    """The unit's results: its own rows without key figures (never judged, ranked or counted)."""
    return own[own["indicator_type"] != CONTEXT_TYPE]


def _row(session: Session, unit_id: str, sel: Selection):
    """The unit's scorecard row of the selected indicator for the results year, or None."""
    return session.row(unit_id, sel.end, sel.indicator)


def _unit_name(session: Session, unit_id: str) -> str:
    return str(session.names.get(unit_id, unit_id))


def indicator_name(session: Session, indicator_id: str) -> str:
    if indicator_id not in session.indicators.index:
        return indicator_id
    return format_text(str(session.indicators.at[indicator_id, "name"]), session.lang)


def _missing_text(row, lang: str, min_n: int) -> str:
    """Why a row has no figure, in words: too few answers, not yet available, no data."""
    if row is None:
        return f"– {tr('no_data', lang)}"
    if bool(row.get("suppressed", False)):
        return tr("too_few", lang, n=min_n)
    status = row.get("value_status") or ""
    return "– " + tr(f"missing_{status}" if status in MISSING_SYMBOLS else "no_data", lang)


def selection_title(session: Session, sel: Selection) -> str:
    names = ", ".join(_unit_name(session, u) for u in sel.units)
    parts = [names, sel.area, indicator_name(session, sel.indicator), f"{sel.start}–{sel.end}"]
    return " · ".join(p for p in parts if p)


# -- the unit: sentences and scorecard -----------------------------------------------------------


def sentences_html(session: Session, sel: Selection) -> str:
    """The current unit's sentences ("Kort fortalt") for the results year (kitlib.report.narrative)."""
    lang = session.lang
    if not sel.unit:
        return block(_empty(tr("explore_pick_unit", lang)), "sentences")
    cfg = session.data.config
    sentences = summary_sentences(
        _results(session.own(sel.unit, sel.end)), sel.end, lang, session.groups["peer_group"],
        cfg.setting("budget.underspend_warning"), cfg.thresholds.min_respondents,
    )  # fmt: skip
    heading = f"{tr('summary', lang)}: {_unit_name(session, sel.unit)}, {sel.end}"
    items = "".join(f"<li>{escape(s)}</li>" for s in sentences)
    return block(f'<h3>{escape(heading)}</h3><ul class="summary">{items}</ul>', "sentences")


def scorecard_html(session: Session, sel: Selection) -> str:
    """The current unit's scorecard for the results year (kitlib.report.tables), the selected
    indicator's row marked."""
    lang = session.lang
    if not sel.unit:
        return block(_empty(tr("explore_pick_unit", lang)), "scorecard")
    own = _results(session.own(sel.unit, sel.end))
    cfg = session.data.config
    names = {p: cfg.perspective_label(p, lang) for p in own["perspective"].unique()}
    compared = own["peer_median"].notna().any()
    headers = SCORECARD_HEADERS if compared else tuple(h for h in SCORECARD_HEADERS if h != "units")
    table = scorecard_table(own, names, lang, min_n=cfg.thresholds.min_respondents, headers=headers)
    row = f'<tr data-indicator="{escape(sel.indicator)}"'
    table = table.replace(f"{row}>", f"{row}{MARKED}>", 1)
    heading = f"{tr('scorecard', lang)}: {_unit_name(session, sel.unit)}, {sel.end}"
    return block(f"<h3>{escape(heading)}</h3>{table}", "scorecard")


# -- the indicator: figures, definition, audit ------------------------------------------------


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
        ("perspective", cfg.perspective_label(str(ind["perspective"]), lang)),
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


# -- the trend chart ----------------------------------------------------------------------------


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
        message=message, decimals=_decimals(row), kind="budget" if budget else "trend",
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


# -- the service area: ranking and status grid -------------------------------------------------


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


# -- everything, for a static page ---------------------------------------------------------------


def static_html(session: Session, sel: Selection, outputs: dict[str, str]) -> str:
    """The current selection's outputs as one static fragment: what a notebook exported to
    HTML shows where the live widgets cannot (they need a running kernel, and the page's
    widget scripts the internet). Its style rule hides it in an output area where the live
    app has rendered (JupyterLab, the classic notebook): there it would say everything twice."""
    lang = session.lang
    hide = (
        f"<style>.jp-OutputArea:has(.{LIVE_CLASS}) .kit-explore-static, "
        f".output:has(.{LIVE_CLASS}) .kit-explore-static {{ display: none; }}</style>"
    )
    head = hide + (
        f"<h2>{escape(tr('explore_title', lang))}: {escape(selection_title(session, sel))}</h2>"
        f'<p class="note">{escape(tr("explore_static_note", lang))}</p>'
    )
    order = ("sentences", "trend", "facts", "scorecard", "ranking", "heatmap")
    body = "".join(outputs[k] for k in order if k in outputs)
    return f'<section class="kit-explore-static tex2jax_ignore mathjax_ignore">{head}{body}</section>'
