"""The variation view: any frequent series of a unit (months, quarters, tertials) as an XmR
chart (kitlib.analysis.xmr), read in words as the unit note reads it (variation_sentences,
variation_message as the chart's title), with what the analyst chose: new limits from
periods they name (a reorganisation, a new system), seasonal adjustment on or off, the
target line on or off.

`variation_view` returns the objects behind the fragment, for an analyst's own work: the
xmr frame (a DataFrame), its summary, the sentences and the matplotlib Figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

import pandas as pd
from matplotlib.figure import Figure

from kitlib.analysis.frequent import seasonal_flags  # as the scorecard reads the flag
from kitlib.analysis.variation import (
    VariationSummary,
    earlier_signal,
    seasonally_adjusted,
    variation_summary,
    xmr,
)
from kitlib.analysis.yearly import PARTS_PER_YEAR
from kitlib.data.periods import parse_period
from kitlib.errors import SeriesError
from kitlib.explorer.session import Session
from kitlib.explorer.views.base import _empty, _unit_name, block, indicator_name
from kitlib.report import charts
from kitlib.report.formatting import format_period, format_text
from kitlib.report.i18n import tr
from kitlib.report.narrative import series_name
from kitlib.report.variation_words import seasonal_definition, variation_message, variation_sentences


@dataclass(frozen=True)
class VariationChoice:
    """What the analyst chose: the unit, its indicator, the periods from which the limits are
    computed afresh, seasonal adjustment (None: the indicator's ``seasonal`` flag) and
    whether the target is drawn and read."""

    unit: str
    indicator: str
    rebase: tuple[str, ...] = ()
    seasonal: bool | None = None
    target: bool = True


@dataclass
class VariationView:
    """The chart as read: `chart` is the frame `xmr` returned (period, value, centre, lower,
    upper, signal, point, limits, segment; values seasonally adjusted where `seasonal`),
    `raw` the figures as reported, `notes` what the reader must know besides the sentences."""

    choice: VariationChoice
    chart: pd.DataFrame
    raw: pd.DataFrame
    summary: VariationSummary
    seasonal: bool
    name: str
    message: str
    sentences: list[str]
    notes: list[str] = field(default_factory=list)
    target: float | None = None
    unit: str = ""
    decimals: int = 1
    figure: Figure | None = None


def frequent_indicators(session: Session, unit_id: str) -> list[str]:
    """The unit's indicators with figures below a year, in indicators.csv's order."""
    found = session.frequent(unit_id)
    return [i for i in session.indicators.index if i in found]


def seasonal_default(session: Session, indicator_id: str) -> bool:
    """The indicator's ``seasonal`` flag in indicators.csv; off where the column is absent."""
    return seasonal_flags(session.data.indicators).get(indicator_id, False)


def _facts(session: Session, choice: VariationChoice) -> tuple[str, float | None, int, str]:
    """(direction, target, decimals, unit of measure): the scorecard row's of the latest year,
    else indicators.csv's (an indicator whose series ended before it)."""
    ind = session.indicators.loc[choice.indicator]
    row = session.row(choice.unit, session.data.latest_year, choice.indicator)
    source = ind if row is None else row
    target = None if row is None or pd.isna(row["target"]) else float(row["target"])
    decimals = 1 if pd.isna(source["decimals"]) else int(source["decimals"])
    unit = source["unit_of_measure"] if row is not None else ind["unit"]
    return str(ind["direction"]), target, decimals, "" if pd.isna(unit) else str(unit)


def _adjusted(raw: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, bool, str]:
    """(the figures to read, whether adjusted, why not): adjustment needs two full years."""
    try:
        return seasonally_adjusted(raw), True, ""
    except SeriesError:
        freq = parse_period(str(raw["period"].iat[0])).freq
        note = tr("explore_no_season", lang, needed=2 * PARTS_PER_YEAR[freq], n=len(raw),
                  periods=tr(f"xmr_periods_{freq}", lang))  # fmt: skip
        return raw, False, note


def _name(session: Session, indicator_id: str, seasonal: bool, in_sentence: bool) -> str:
    """The indicator's name as the unit note's variation section writes it."""
    name = str(session.indicators.at[indicator_id, "name"])
    return series_name(name, session.lang, seasonal=seasonal, in_sentence=in_sentence)


def _notes(session: Session, chart: pd.DataFrame, choice: VariationChoice, seasonal_note: str) -> list[str]:
    """The series' length and span, the rebase periods with the last segment's length, and
    why the series is not adjusted."""
    lang, periods = session.lang, chart["period"].astype(str)
    freq = parse_period(periods.iat[0]).freq
    notes = [tr("explore_series", lang, n=len(periods), periods=tr(f"xmr_periods_{freq}", lang),
                first=format_period(periods.iat[0], lang),
                last=format_period(periods.iat[-1], lang))]  # fmt: skip
    if choice.rebase:
        shown = ", ".join(format_period(p, lang) for p in sorted(choice.rebase, key=list(periods).index))
        last = int((chart["segment"] == chart["segment"].max()).sum())
        notes.append(tr("explore_rebased", lang, periods=shown, n=last, unit=tr(f"xmr_periods_{freq}", lang)))
    return [*notes, seasonal_note] if seasonal_note else notes


def _definitions(session: Session, view: VariationView) -> list[str]:
    """What the chart's lines and markers mean, and the adjustment, as the unit note says it."""
    notes = [tr("xmr_definition", session.lang)]
    if view.seasonal:
        name = format_text(str(session.indicators.at[view.choice.indicator, "name"]), session.lang)
        notes.append(seasonal_definition(name, str(view.raw["period"].iat[-1]), session.lang))
    return notes


def variation_view(session: Session, choice: VariationChoice, *, figure: bool = True) -> VariationView:
    """The unit's series of the indicator read as an XmR chart, as chosen; raises SeriesError
    for a rebase period the series does not have. `figure` draws the matplotlib Figure."""
    lang = session.lang
    raw = session.frequent(choice.unit)[choice.indicator][["period", "value"]]
    direction, target, decimals, unit = _facts(session, choice)
    target = target if choice.target else None
    wanted = seasonal_default(session, choice.indicator) if choice.seasonal is None else choice.seasonal
    frame, seasonal, why = _adjusted(raw, lang) if wanted else (raw, False, "")
    chart = xmr(frame, direction=direction, rebase=list(choice.rebase), decimals=decimals)
    summary = variation_summary(chart, direction, target)
    message = variation_message(summary, lang=lang, target=target)
    shown = chart["value"].dropna()
    sentences = variation_sentences(
        summary, name=_name(session, choice.indicator, seasonal, True), unit=unit, decimals=decimals,
        lang=lang, target=target, value=float(shown.iat[-1]) if len(shown) else None,
        earlier=earlier_signal(chart, summary),
    )  # fmt: skip
    view = VariationView(
        choice, chart, raw, summary, seasonal, _name(session, choice.indicator, seasonal, False), message,
        [s[:1].upper() + s[1:] for s in sentences], _notes(session, chart, choice, why), target, unit,
        decimals,
    )  # fmt: skip
    if figure:
        view.figure = charts.panel_figure([panel(view)], lang)
    return view


def panel(view: VariationView) -> charts.Panel:
    """The view's chart as a panel of kitlib.report.charts (one of several in a figure)."""
    return charts.Panel(view.chart, name=view.name, unit=view.unit, message=view.message,
                        decimals=view.decimals, kind="xmr", options={"target": view.target})  # fmt: skip


def variation_html(session: Session, choice: VariationChoice) -> str:
    """The chart with its sentences and notes as an HTML fragment (alt text: title and sentences)."""
    lang = session.lang
    if not choice.unit:
        return block(_empty(tr("explore_pick_unit", lang)), "variation")
    heading = f"<h3>{escape(tr('explore_variation_title', lang, unit=_unit_name(session, choice.unit)))}</h3>"
    if not choice.indicator:
        return block(heading + _empty(tr("explore_no_frequent", lang)), "variation")
    view = variation_view(session, choice)
    alt = ". ".join(t for t in (view.message, " ".join(view.sentences)) if t)
    sentences = "".join(f"<p>{escape(s)}</p>" for s in view.sentences)
    notes = "".join(f'<p class="note">{escape(n)}</p>' for n in view.notes + _definitions(session, view))
    body = f"<h4>{escape(indicator_name(session, choice.indicator))}</h4>"
    body += charts.figure_html(view.figure, alt) + f'<div class="variation-text">{sentences}</div>{notes}'
    return block(heading + body, "variation")
