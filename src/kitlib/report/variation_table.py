"""The summary table of frequent indicators as NHS England's *Making Data Count* draws it, shared
by the service-area and the municipality notes: one row per unit and indicator whose monthly,
quarterly or tertial series has process limits, with its latest figure, centre, limits, target
and two icons, variation (improvement, concern, common cause, neutral) and assurance (pass,
fail, hit and miss).

An icon is a small coloured circle as Making Data Count's, but never colour alone: it carries
a symbol and the word beside it, and a legend in words under the table explains each icon shown.
Every function is pure: scorecard rows (and the prepared values, for the latest point as the
chart reads it) in, a DataFrame, HTML or sentences out. `VariationRows` gives a note (with
`own`, `values`, `year`, `lang`) its rows and its sentence for "Kort fortalt".
"""

from __future__ import annotations

import functools
from html import escape

import pandas as pd

from kitlib.analysis.frequent import VARIATION_BASIS, frequent_series, read_series
from kitlib.data.periods import PeriodError, parse_period
from kitlib.report.formatting import format_number, format_period, format_text, format_value, row_decimals
from kitlib.report.i18n import tr
from kitlib.report.narrative import _join, row_unit, sentence_name
from kitlib.report.variation_words import limit_decimals

VARIATIONS = ("improvement", "concern", "neutral", "common_cause")
ASSURANCES = ("fail", "hit_and_miss", "pass")  # the choice a failing target asks for first
# Making Data Count's colours: blue improvement, orange concern, grey common cause, purple neutral
COLOURS = {"improvement": "#1f5fa8", "concern": "#b85400", "common_cause": "#5f6368", "neutral": "#6a3d9a",
           "pass": "#1f5fa8", "fail": "#b85400", "hit_and_miss": "#5f6368"}  # fmt: skip
FREQ_ORDER = ("M", "K", "T")
COLUMNS = [
    "unit_id", "unit_name", "service_area", "indicator_id", "name", "seasonal", "period", "latest",
    "centre", "lower", "upper", "target", "variation", "assurance", "side", "decimals", "unit_of_measure",
]  # fmt: skip


def variation_frame(cards: pd.DataFrame, values: pd.DataFrame, year: int) -> pd.DataFrame:
    """One row per scorecard row whose frequent series has process limits (trend_basis
    ``variation``): the unit, the indicator, the latest period and figure as the chart reads it
    (seasonally adjusted where the limits are), centre, limits, target and the two codes."""
    rows = cards[cards["trend_basis"] == VARIATION_BASIS] if "trend_basis" in cards else cards.iloc[:0]
    latest = _latest(rows, values, year)
    area = rows["unit_service_area"] if "unit_service_area" in rows else pd.Series("", index=rows.index)
    frame = pd.DataFrame({
        "unit_id": rows["unit_id"], "unit_name": rows.get("unit_name", rows["unit_id"]),
        "service_area": area, "indicator_id": rows["indicator_id"], "name": rows["name"],
        "seasonal": rows["variation_seasonal"].astype(bool), "period": rows["variation_period"],
        "latest": latest, "centre": rows["variation_centre"], "lower": rows["variation_lower"],
        "upper": rows["variation_upper"], "target": rows["target"], "variation": rows["variation"],
        "assurance": rows["assurance"].fillna(""), "side": rows["variation_side"],
        "decimals": rows["decimals"], "unit_of_measure": rows["unit_of_measure"],
    }, columns=COLUMNS)  # fmt: skip
    return frame.reset_index(drop=True)


def _latest(rows: pd.DataFrame, values: pd.DataFrame, year: int) -> list[float]:
    """Each row's latest point as its XmR chart shows it: the scorecard's own reading."""
    if rows.empty:
        return []
    series = frequent_series(values[values["unit_id"].isin(set(rows["unit_id"]))], year)
    groups = series.groupby(["unit_id", "indicator_id"], sort=False).indices
    out = []
    for _, row in rows.iterrows():
        at = groups.get((row["unit_id"], row["indicator_id"]))
        if at is None:
            out.append(float("nan"))
            continue
        seasonal = bool(row["variation_seasonal"])
        reading = read_series(series.iloc[at], row["direction"], row["target"], seasonal=seasonal,
                              decimals=row["decimals"])  # fmt: skip
        chart = reading.chart
        shown = chart["value"].dropna()
        out.append(float(shown.iat[-1]) if len(shown) else float("nan"))
    return out


def _freq(period: str) -> str:
    try:
        return parse_period(str(period)).freq
    except PeriodError:
        return "M"


def _periods(frame: pd.DataFrame, lang: str) -> str:
    """'tertialer' where every series is read per tertial; 'målinger' where they are mixed."""
    freqs = set(frame["period"].map(_freq))
    return tr(f"xmr_periods_{freqs.pop()}", lang) if len(freqs) == 1 else tr("var_periods_mixed", lang)


def series_words(frame: pd.DataFrame, lang: str) -> str:
    """'indikatorer med tertialtall ved enhetene', '... med måneds- eller tertialtall ...'."""
    freqs = [f for f in FREQ_ORDER if f in set(frame["period"].map(_freq))] or ["M"]
    # 'måneds- eller tertialtall': every kind but the last as it stands before 'eller'
    kinds = [tr(f"var_freq_{f}_first", lang) for f in freqs[:-1]] + [tr(f"var_freq_{freqs[-1]}", lang)]
    joined = ", ".join(kinds[:-1]) + tr("var_or", lang) + kinds[-1] if len(kinds) > 1 else kinds[0]
    return tr("var_series", lang, kinds=joined)


# -- icons -----------------------------------------------------------------------------------
def _symbol(kind: str, code: str, side, lang: str) -> str:
    if kind == "assurance":  # NHS's P and F in English; a tick and a cross where those mean nothing
        return tr(f"var_symbol_{code}", lang)
    if code == "common_cause":
        return "–"
    side = 0 if side is None or pd.isna(side) else float(side)
    return "↑" if side > 0 else "↓" if side < 0 else "↕"  # high, low; a column head: either


def icon(kind: str, code: str, lang: str, side=0, head: bool = False) -> str:
    """A circle with its symbol and the word beside it; the word is the icon's meaning, so the
    colour is never alone (and the SVG is hidden from screen readers, which read the word)."""
    if not code:
        return ""
    symbol, word = _symbol(kind, code, side, lang), tr(f"var_{code}", lang)
    svg = (
        '<svg class="mdc-icon" width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" '
        'style="vertical-align:middle">'
        f'<circle cx="9" cy="9" r="8.5" fill="{COLOURS[code]}"/><text x="9" y="13" text-anchor="middle" '
        f'font-size="11" font-weight="700" fill="#fff" font-family="sans-serif">{escape(symbol)}</text></svg>'
    )
    # inline styles, not a <style> block: the note stays one file and its text has no CSS in it
    if head:  # a column head: the word under the circle, free to wrap, so the table fits the page
        return (
            f'<span class="mdc mdc-{escape(code)}" data-code="{escape(code)}">{svg}<br>{escape(word)}</span>'
        )
    return (
        # the word may wrap beside its circle: a tablet's 820 px hold the table without scrolling
        f'<span class="mdc mdc-{escape(code)}" data-code="{escape(code)}">{svg} {escape(word)}</span>'
    )


# -- the table -------------------------------------------------------------------------------
def _fig(value, row, lang: str) -> str:
    if pd.isna(value):
        return "–"
    return format_value(float(value), row_unit(row), row_decimals(row), lang)


def _limits(row, lang: str) -> str:
    shown = limit_decimals(row["lower"], row["upper"], row["target"], row_decimals(row))
    unit = row_unit(row)
    lower, upper = (
        format_number(float(row["lower"]), shown, lang),
        format_value(float(row["upper"]), unit, shown, lang),
    )
    return f"{lower}–{upper}"


def indicator_label(row, lang: str, in_sentence: bool = False) -> str:
    """The indicator's name, 'sesongjustert' where its limits are on adjusted figures."""
    name = sentence_name(row["name"], lang) if in_sentence else format_text(str(row["name"]), lang)
    return tr("var_adjusted", lang, name=name) if bool(row["seasonal"]) else name


def table_html(frame: pd.DataFrame, lang: str, *, unit_column: bool = True) -> str:
    """The Making Data Count summary table, one row per unit and indicator, and its legend."""
    if frame.empty:
        return ""
    heads = [*(["var_unit"] if unit_column else []), "var_indicator", "var_latest",
             "var_centre", "var_limits", "var_target", "var_variation", "var_assurance"]  # fmt: skip
    head = "".join(f'<th scope="col">{escape(tr(h, lang))}</th>' for h in heads)
    lines = []
    for _, r in frame.iterrows():
        cells = [
            *([f'<th scope="row">{escape(format_text(str(r["unit_name"]), lang))}</th>'] * unit_column),
            f'<td class="indicator">{escape(indicator_label(r, lang))}</td>',
            # the period under the figure, not a column of its own: the table fits a tablet
            f'<td class="num">{escape(_fig(r["latest"], r, lang))}<br>'
            f'<span class="period">{escape(format_period(r["period"], lang))}</span></td>',
            f'<td class="num">{escape(_fig(r["centre"], r, lang))}</td>',
            f'<td class="num">{escape(_limits(r, lang))}</td>',
            f'<td class="num">{escape(_fig(r["target"], r, lang)) if pd.notna(r["target"]) else ""}</td>',
            f"<td>{icon('variation', r['variation'], lang, r['side'] or 0)}</td>",
            f"<td>{icon('assurance', r['assurance'], lang)}</td>",
        ]  # fmt: skip
        lines.append(f'<tr data-unit="{escape(str(r["unit_id"]))}" data-indicator='
                     f'"{escape(str(r["indicator_id"]))}">{"".join(cells)}</tr>')  # fmt: skip
    table = (f'<table class="kit-table variation-table"><thead><tr>{head}</tr></thead>'
             f"<tbody>{''.join(lines)}</tbody></table>")  # fmt: skip
    return f'<div class="table-scroll">{table}</div>{legend_html(frame, lang)}'


def _sides(shown: pd.DataFrame, code: str) -> list[int]:
    """The arrows a table's rows of `code` show: up for a high figure, down for a low one."""
    if code == "common_cause" or code in ASSURANCES:
        return [0]
    return sorted({(side > 0) - (side < 0) for side in shown["side"].fillna(0).astype(float)}, reverse=True)


def legend_html(frame: pd.DataFrame, lang: str, columns: list[str] | None = None) -> str:
    """Each icon the table shows (or, for the counts, each column's icon), explained in words;
    icons not shown are not explained."""
    periods = _periods(frame, lang) if len(frame) else tr("var_periods_mixed", lang)
    items = []
    order = columns or [*VARIATIONS, *ASSURANCES]  # the legend in the order of the columns
    for code in order:
        kind = "assurance" if code in ASSURANCES else "variation"
        shown = frame[frame[kind] == code]
        if columns is None and shown.empty:
            continue
        sides = [0] if columns is not None else _sides(shown, code)
        marks = " ".join(icon(kind, code, lang, side) for side in sides)
        words = tr(f"var_legend_{code}", lang, periods=periods)
        if any(side != 0 for side in sides):  # the arrows are explained where they are shown
            words += tr("var_legend_arrow", lang)
        items.append(f"<li>{marks}: {escape(words)}</li>")
    if not items:
        return ""
    label = escape(tr("var_legend", lang))
    style = "list-style:none;padding-left:0"
    return f'<ul class="mdc-legend" aria-label="{label}" style="{style}">{"".join(items)}</ul>'


# -- counts ----------------------------------------------------------------------------------
def counts(frame: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Series read, and how many show each variation and each assurance; per `by` (e.g.
    service_area) or for all. The variation columns add up to `series`; the assurance columns
    to `with_target` (a series without a target has no assurance)."""
    groups = frame.groupby(by, sort=False) if by else [("", frame)]
    rows = []
    for key, part in groups:
        row = {"group": key, "series": len(part), "with_target": int((part["assurance"] != "").sum())}
        row.update({code: int((part["variation"] == code).sum()) for code in VARIATIONS})
        row.update({code: int((part["assurance"] == code).sum()) for code in ASSURANCES})
        rows.append(row)
    return pd.DataFrame(rows, columns=["group", "series", "with_target", *VARIATIONS, *ASSURANCES])


def counts_html(frame: pd.DataFrame, lang: str) -> str:
    """Per service area: series read, and each variation and assurance counted; the legend under."""
    if frame.empty:
        return ""
    table = counts(frame, "service_area")
    codes = [c for c in VARIATIONS if c != "neutral" or table[c].any()] + ["pass", "fail", "hit_and_miss"]
    head = "".join(f'<th scope="col">{escape(tr(h, lang))}</th>' for h in ("var_area", "var_read"))
    head += "".join(f'<th scope="col">{icon(k, c, lang, head=True)}</th>' for c in codes
                    for k in ["assurance" if c in ASSURANCES else "variation"])  # fmt: skip
    body = "".join(
        f'<tr><th scope="row">{escape(format_text(str(r["group"]), lang))}</th>'
        + "".join(f'<td class="num">{format_number(r[c], 0, lang)}</td>' for c in ("series", *codes))
        + "</tr>"
        for _, r in table.iterrows()
    )
    html = f'<table class="kit-table variation-counts"><thead><tr>{head}</tr></thead><tbody>{body}</tbody>'
    html += "</table>"
    return f'<div class="table-scroll">{html}</div>{legend_html(frame, lang, codes)}'


def count_sentence(frame: pd.DataFrame, lang: str) -> str:
    """'Av 11 indikatorer med månedstall ved enhetene viser 3 en forbedring og 8 naturlig
    variasjon; av de 9 med mål: for 2 kan målet ikke nås uten å endre arbeidsmåten, og for 7
    nås det bare enkelte måneder.' Every category with a count is named, so the parts add up."""
    if frame.empty:
        return ""
    total = counts(frame).iloc[0]
    series = series_words(frame, lang)
    shown = [c for c in VARIATIONS if total[c]]
    if total["series"] == 1:
        text = tr("var_count_one", lang, what=tr(f"var_what_{shown[0]}", lang))
    elif len(shown) == 1:
        text = tr("var_count_all", lang, total=int(total["series"]), series=series,
                  what=tr(f"var_what_{shown[0]}", lang))  # fmt: skip
    else:
        parts = [tr("var_part", lang, n=int(total[c]), what=tr(f"var_what_{c}", lang)) for c in shown]
        text = tr("var_count", lang, total=int(total["series"]), series=series, parts=_join(parts, lang))
    if total["with_target"]:
        periods = _periods(frame, lang)
        parts = [tr(f"var_part_{c}", lang, n=int(total[c]), periods=periods) for c in ASSURANCES if total[c]]
        if total["series"] > total["with_target"]:  # named too, so the parts add up to the series
            parts.append(tr("var_part_none", lang, n=int(total["series"] - total["with_target"])))
        text += tr("var_count_targets", lang, parts=_join(parts, lang, clauses=True))
    return text + "."


def fail_choices(frame: pd.DataFrame, lang: str) -> list[str]:
    """Each target the process cannot meet as it runs, as a choice for the dialogue seminar:
    'Med dagens variasjon nås målet på 7,0 % for sykefravær ved Lia barnehage ikke (snitt 8,6 %,
    kontrollgrenser 4,7–12,4 %): endre arbeidsmåten, eller målet.'"""
    out = []
    for _, r in frame[frame["assurance"] == "fail"].iterrows():
        fields = {"target": _fig(r["target"], r, lang), "name": indicator_label(r, lang, True),
                  "unit": format_text(str(r["unit_name"]), lang), "centre": _fig(r["centre"], r, lang),
                  "limits": _limits(r, lang)}  # fmt: skip
        out.append(tr("var_choice", lang, **fields))
    return out


class VariationRows:
    """A base of the area and municipality notes: their series with process limits, once."""

    @functools.cached_property
    def variation_frame(self) -> pd.DataFrame:
        """The units' series with process limits, as the tables show them (one row each)."""
        return variation_frame(self.own, self.values, self.year)

    def variation_sentence(self) -> str:
        """'Av 7 serier (enhet og indikator) med tertialtall viser ...'; empty without limits."""
        return count_sentence(self.variation_frame, self.lang)
