"""Publication-quality HTML tables for the briefing: escaped text, symbols with words."""

from __future__ import annotations

from collections.abc import Collection
from html import escape

import numpy as np
import pandas as pd

from kitlib.analysis.status import better_sign
from kitlib.data.contract import MISSING_SYMBOLS
from kitlib.data.periods import YEARLY, parse_period
from kitlib.report.formatting import (
    format_against,
    format_date,
    format_gap,
    format_indicator_value,
    format_number,
    format_period,
    format_text,
    format_value,
)
from kitlib.report.i18n import perspective_name, status_label, tr, trend_label
from kitlib.report.legend import legend_caption, scorecard_legend


def value_cell(row, lang: str, min_n: int = 5) -> str:
    """The figure, or why there is none: suppressed, not yet available, not applicable."""
    if row.get("suppressed", False):
        return f'<span class="missing">{escape(tr("too_few", lang, n=min_n))}</span>'
    if pd.isna(row["value"]):
        status = row.get("value_status") or ""
        reason = tr(f"missing_{status}", lang) if status in MISSING_SYMBOLS else tr("no_data", lang)
        return f'<span class="missing">– {escape(reason)}</span>'
    shown = escape(format_indicator_value(row["value"], row, lang))
    low, high = row.get("ci_low"), row.get("ci_high")
    if low is None or high is None or pd.isna(low) or pd.isna(high):
        return shown
    # The survey's 95 % interval: where the true figure lies, given how many answered.
    interval = f"{_number(low, row, lang)}–{_number(high, row, lang)}"
    return f'{shown} <span class="interval">({escape(interval)})</span>'


def _number(value, row, lang: str) -> str:
    """A figure in the indicator's decimals, without its unit (for ranges and intervals)."""
    decimals = 1 if pd.isna(row["decimals"]) else int(row["decimals"])
    return format_number(value, decimals, lang)


def _fmt(row, column: str, lang: str) -> str:
    return escape(format_indicator_value(row[column], row, lang))


def _benchmark(row, role: str, lang: str) -> str:
    value = row[f"{role}_value"]
    if pd.isna(value):
        return ""
    decimals = 1 if pd.isna(row["decimals"]) else int(row["decimals"])
    # '27 dager svakere', '6,9 svakere' (percentage points beside a share): no sign to decode;
    # without a better direction the plain difference, '4,0 høyere' (the area note shows it too)
    judged = row.get("direction") != "none"
    difference = row[f"{role}_gap"] if judged else row["value"] - value
    gap = format_against(difference, decimals, lang, measure=str(row["unit_of_measure"]), judged=judged)
    if row.get(f"{role}_gap_clear") is False or row.get(f"{role}_gap_clear") is np.False_:
        gap = "≈"  # the benchmark lies inside the survey's interval: no certain difference
    gap_html = f' <span class="gap">({escape(gap)})</span>' if gap else ""
    return _fmt(row, f"{role}_value", lang) + gap_html


def _peers(row, lang: str) -> str:
    if pd.isna(row["peer_median"]):
        return ""
    parts = []
    if not pd.isna(row["peer_rank"]) and not pd.isna(row["value"]):
        parts.append(tr("rank", lang, rank=int(row["peer_rank"]), count=int(row["peer_count"])))
    parts.append(f"{tr('median', lang)} {format_indicator_value(row['peer_median'], row, lang)}")
    return escape(" · ".join(parts))


SCORECARD_HEADERS = (
    "indicator", "value", "target", "status", "trend", "peer_group", "national", "units", "next_target",
)  # fmt: skip
CONTEXT_HEADERS = ("indicator", "value", "target", "status", "trend", "peer_group", "national")


def comment_marker(indicator_id: str, lang: str) -> str:
    """A line under an indicator's name: the unit has commented on it (a link on screen; in
    print the words say where to look)."""
    href = escape(f"#comment-{indicator_id}")
    return f'<br><small class="comment-ref"><a href="{href}">{escape(tr("comment_marker", lang))}</a></small>'


def _scorecard_cells(row, lang: str, min_n: int, commented: bool = False) -> dict[str, str]:
    period = (
        ""
        if parse_period(row["period"]).freq == YEARLY
        else f' <span class="period">{escape(format_period(row["period"], lang))}</span>'
    )
    status, trend = row["status"], row["trend"]
    return {
        "indicator": f'<th scope="row" class="indicator">{escape(format_text(str(row["name"]), lang))}'
        f"{comment_marker(row['indicator_id'], lang) if commented else ''}</th>",
        "value": f'<td class="num">{value_cell(row, lang, min_n)}{period}</td>',
        "target": f'<td class="num">{_fmt(row, "target", lang)}</td>',
        "status": f'<td class="status status-{status}">{escape(status_label(status, lang))}</td>',
        "trend": f'<td class="trend trend-{trend}">{escape(trend_label(trend, lang))}</td>',
        "peer_group": f'<td class="num">{_benchmark(row, "peer_group", lang)}</td>',
        "national": f'<td class="num">{_benchmark(row, "national", lang)}</td>',
        "units": f'<td class="peers">{_peers(row, lang)}</td>',
        "next_target": f'<td class="num">{_fmt(row, "next_target", lang)}</td>',
    }


def scorecard_table(
    card: pd.DataFrame,
    perspective_names: dict[str, str],
    lang: str = "nb",
    *,
    table_id: str = "scorecard",
    min_n: int = 5,
    headers: tuple[str, ...] = SCORECARD_HEADERS,
    commented: Collection[str] = (),
    legend: bool = True,
) -> str:
    """The scorecard grouped by perspective; status and trend as symbol and word.

    `headers` picks the columns: CONTEXT_HEADERS leaves out the comparison with other units
    and next year's target, for figures of a service area or the municipality. The indicators
    in `commented` get a line under their name pointing to the unit's comments.
    """
    head = "".join(f'<th scope="col">{escape(tr(h, lang))}</th>' for h in headers)
    bodies = []
    for perspective, rows in card.groupby("perspective", sort=False):
        label = escape(perspective_names.get(perspective) or perspective_name(perspective, lang))
        lines = [f'<tr class="perspective"><th colspan="{len(headers)}" scope="rowgroup">{label}</th></tr>']
        for _, row in rows.iterrows():
            cells = _scorecard_cells(row, lang, min_n, row["indicator_id"] in commented)
            lines.append(
                f'<tr data-indicator="{escape(str(row["indicator_id"]))}">'
                f"{''.join(cells[h] for h in headers)}</tr>"
            )
        bodies.append(f"<tbody>{''.join(lines)}</tbody>")
    legend = legend_caption(scorecard_legend(card, headers, lang)) if legend else ""
    return (
        f'<table class="kit-table scorecard" id="{escape(table_id)}">{legend}'
        f"<thead><tr>{head}</tr></thead>{''.join(bodies)}</table>"
    )


def _survey_change(row, lang: str) -> str:
    """The change since the last survey, called better or worse only beyond its sampling error."""
    change, noise = row.get("last_change"), row.get("last_change_noise")
    if change is None or pd.isna(change) or pd.isna(row["value"]):
        return ""
    decimals = 1 if pd.isna(row["decimals"]) else int(row["decimals"])
    shown = format_gap(change, row["unit_of_measure"], decimals, lang)
    if not pd.isna(noise) and abs(change) <= noise:
        verdict = tr("no_clear_change", lang)
    else:
        sign = better_sign(row["direction"])
        verdict = "" if pd.isna(sign) else tr("better" if sign * change > 0 else "worse", lang)
    verdict_html = f' <span class="verdict">{escape(verdict)}</span>' if verdict else ""
    return f"{escape(shown)}{verdict_html}"


def response_rate(row, lang: str) -> str:
    """Respondents of the people asked, ``86 %`` (at most 100 %); empty where either is unknown."""
    n, asked = row.get("n"), row.get("population")
    if n is None or asked is None or pd.isna(n) or pd.isna(asked) or asked <= 0:
        return ""
    return format_value(100 * min(float(n) / float(asked), 1.0), "%", 0, lang)


def survey_table(card: pd.DataFrame, lang: str = "nb", *, table_id: str = "survey", min_n: int = 5) -> str:
    """Survey questions with result, respondents (and the response rate where the people asked
    are known) and national average; small groups hidden."""
    if card.empty:
        return f'<p class="empty">{escape(tr("no_survey", lang))}</p>'
    asked = "population" in card and bool(pd.to_numeric(card["population"], errors="coerce").notna().any())
    headers = ["question", "value", "respondents", *(["response_rate"] if asked else []), "change", "target",
               "national", "trend"]  # fmt: skip
    head = "".join(f'<th scope="col">{escape(tr(h, lang))}</th>' for h in headers)
    lines = []
    for _, row in card.iterrows():
        n = "" if pd.isna(row["n"]) else escape(format_value(row["n"], "", 0, lang))
        rate = f'<td class="num">{escape(response_rate(row, lang))}</td>' if asked else ""
        lines.append(
            f'<tr><th scope="row">{escape(format_text(str(row["name"]), lang))}</th>'
            f'<td class="num">{value_cell(row, lang, min_n)}</td><td class="num">{n}</td>{rate}'
            f'<td class="num">{_survey_change(row, lang)}</td>'
            f'<td class="num">{_fmt(row, "target", lang)}</td>'
            f'<td class="num">{_benchmark(row, "national", lang)}</td>'
            f'<td class="trend trend-{row["trend"]}">{escape(trend_label(row["trend"], lang))}</td></tr>'
        )
    # where everyone (or nearly everyone) asked answered, say why the intervals are narrow
    corrected = f'<p class="note">{escape(tr("survey_population_note", lang))}</p>' if asked else ""
    return (
        f'<table class="kit-table survey" id="{escape(table_id)}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(lines)}</tbody></table>{corrected}"
    )


def notes_table(card: pd.DataFrame, lang: str = "nb", *, data_date: str = "", table_id: str = "notes") -> str:
    """Definition, source and data date of every indicator shown (the date as readers write it)."""
    headers = ["indicator", "definition", "source", "data_date"]
    head = "".join(f'<th scope="col">{escape(tr(h, lang))}</th>' for h in headers)
    lines = []
    for _, row in card.iterrows():
        date = row["data_date"] if isinstance(row["data_date"], str) and row["data_date"] else data_date
        lines.append(
            f'<tr><th scope="row">{escape(format_text(str(row["name"]), lang))}</th>'
            f"<td>{escape(format_text(str(row['definition']), lang))}</td>"
            f"<td>{escape(str(row['source']))}</td><td>{escape(format_date(date, lang))}</td></tr>"
        )
    return (
        f'<table class="kit-table notes" id="{escape(table_id)}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(lines)}</tbody></table>"
    )


def overview_table(counts: pd.DataFrame, lang: str = "nb", *, table_id: str = "overview") -> str:
    """Status counts per perspective (rows, already named) and status code (columns), with
    symbol and word in each header; a zero is shown pale, so the eye finds the numbers."""
    head = "".join(f'<th scope="col" class="num">{escape(status_label(c, lang))}</th>' for c in counts)
    lines = []
    for i, (label, row) in enumerate(counts.iterrows()):
        last = ' class="total"' if i == len(counts) - 1 else ""
        cells = "".join(
            f'<td class="num{" zero" if n == 0 else ""}">{format_number(n, 0, lang)}</td>' for n in row
        )
        lines.append(f'<tr{last}><th scope="row">{escape(str(label))}</th>{cells}</tr>')
    return (
        f'<table class="kit-table overview" id="{escape(table_id)}"><thead><tr>'
        f'<th scope="col">{escape(tr("perspective", lang))}</th>{head}</tr></thead>'
        f"<tbody>{''.join(lines)}</tbody></table>"
    )
