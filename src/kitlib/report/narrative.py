""" "Kort fortalt": a few generated sentences with numbers, for a reader with two minutes.

Every sentence is built only from rows that hold the figures it names, so no sentence
can carry an empty slot; what it claims is what the analysis supports:
- improvements and concerns are trends the noise test passed (analysis.trend), named with
  their first and last figure and period, and never one whose latest change went the
  other way;
- they are ranked by how clearly they stand out from their noise, and concerns below
  target by how many noise units they fall short, not by relative change (which would
  favour small percentages);
- spending against budget is met at or under its ceiling; spending further under it is
  not an improvement to celebrate.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from kitlib.analysis.codes import Status, Trend
from kitlib.analysis.frequent import VARIATION_BASIS, summary_of
from kitlib.analysis.nameable import nameable_trends
from kitlib.analysis.scorecard import BUDGET_TYPE
from kitlib.analysis.status import better_sign
from kitlib.data.contract import NOT_APPLICABLE, NOT_YET_AVAILABLE
from kitlib.data.periods import parse_period
from kitlib.report.formatting import (
    format_indicator_value,
    format_number,
    format_period,
    format_text,
    format_value,
    row_decimals,
)
from kitlib.report.i18n import check_language, tr, unit_word
from kitlib.report.variation_words import limit_decimals, run_clause, run_item

MAX_ITEMS = 2  # improvements or concerns named in one sentence


def in_sentence(name: str) -> str:
    """A name as it reads inside a sentence: 'Sykefravær' -> 'sykefravær'; a name that starts
    with an acronym or a word with capitals inside ('KOSTRA-...', 'NAV', 'SkoleArena') stays."""
    text = str(name)
    first_word = re.split(r"[\s\-–/]", text, maxsplit=1)[0]
    if len(text) > 1 and text[0].isupper() and not any(c.isupper() or c.isdigit() for c in first_word[1:]):
        return text[0].lower() + text[1:]
    return text


def sentence_name(name: str, lang: str) -> str:
    """An indicator's name inside a sentence: lower case, en dashes in ranges, thousands marks."""
    return in_sentence(format_text(str(name), lang))


def _plain(text: str) -> str:
    """Text compared as words: lower case, one space, no grouping inside numbers, no brackets."""
    text = " ".join(str(text).casefold().split())
    return re.sub(r"(?<=\d)[\s.,](?=\d{3}\b)", "", text).strip("() ")


def names_its_unit(row, lang: str) -> bool:
    """Whether the indicator's name already says its unit of measure: it ends with it
    ('Saksbehandlingstid i dager', 'Sykefravær (%)') or holds its 'per ...' phrase
    ('Legemiddelavvik per 1000 liggedøgn'). A sentence then gives the figures without it."""
    name = _plain(row["name"])
    unit = "" if pd.isna(row["unit_of_measure"]) else str(row["unit_of_measure"]).strip()
    for said in {_plain(unit), _plain(unit_word(unit, lang))} - {""}:
        if said.startswith("per ") and re.search(rf"(?<!\w){re.escape(said)}(?!\w)", name):
            return True
        if name.endswith(said) and (len(name) == len(said) or not name[-len(said) - 1].isalnum()):
            return True
    return False


def figure_text(value, row, lang: str) -> str:
    """A figure of `row` in a sentence: with its unit unless the name already says it."""
    return format_indicator_value(value, row, lang, with_unit=not names_its_unit(row, lang))


def _join(items: list[str], lang: str, clauses: bool = False) -> str:
    """'a, b og c'; `clauses` (each item a clause with its own verb): 'a, b, og c', as a careful
    writer puts a comma before the 'og' that joins two main clauses."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + tr("summary_and_clauses" if clauses else "summary_and", lang) + items[-1]


def moved_clause(row, lang: str) -> str:
    """'sykefravær har gått ned fra 9,1 % i 2023 til 7,9 % i 2025': start and end, with periods.

    Kroner read in fixed prices say so: the start figure is then in the results year's prices.
    A trend read from the XmR chart (trend_basis ``variation``) is told as its run:
    'sykefravær, sesongjustert, har ligget under snittet (12,3 %) i 9 måneder på rad siden april 2025'.
    """
    if row.get("trend_basis") == VARIATION_BASIS:
        return variation_clause(row, lang)
    verb = tr("summary_up" if row["trend_change"] > 0 else "summary_down", lang)
    fixed = row.get("fixed_prices")
    year = parse_period(row["period"]).year  # the prices of the results year
    prices = f" ({tr('summary_fixed_prices', lang, year=year)})" if _is_true(fixed) else ""
    return (
        tr(
            "summary_moved",
            lang,
            name=sentence_name(row["name"], lang),
            verb=verb,
            start=figure_text(row["trend_from_value"], row, lang),
            start_period=format_period(row["trend_from_period"], lang),
            value=figure_text(row["value"], row, lang),
            period=format_period(row["period"], lang),
        )
        + prices
    )


def series_name(name: str, lang: str, *, seasonal: bool, in_sentence: bool = True) -> str:
    """A series' name as the variation texts write it: 'sykefravær, sesongjustert,' in a
    sentence, 'Sykefravær, sesongjustert' as a chart's name; the plain name if not adjusted."""
    shown = sentence_name(name, lang) if in_sentence else format_text(str(name), lang)
    if not seasonal:
        return shown
    adjusted = tr("xmr_adjusted_name", lang, name=shown)
    return adjusted if in_sentence else adjusted.rstrip(",")


def row_unit(row) -> str:
    """The unit of measure of a scorecard row ('' where it has none)."""
    return "" if pd.isna(row["unit_of_measure"]) else str(row["unit_of_measure"])


def variation_clause(row, lang: str, *, name: str | None = None) -> str:
    """The run an XmR chart found in `row`'s series, as a clause (empty when it found none);
    its subject is the indicator's name unless `name` is given ('Tallet')."""
    seasonal = _is_true(row.get("variation_seasonal"))
    if name is None:
        name = series_name(row["name"], lang, seasonal=seasonal)
    elif seasonal:
        name = tr("xmr_adjusted_name", lang, name=name)
    return run_clause(summary_of(row), name=name, lang=lang, **_unit_decimals(row))


def variation_item(row, lang: str) -> str:
    """The run without a subject, for a list of units: 'over snittet (12,3 %) i 8 måneder på rad
    siden mai 2025', seasonally adjusted where the chart was."""
    item = run_item(summary_of(row), lang=lang, **_unit_decimals(row))
    if item and _is_true(row.get("variation_seasonal")):
        item = tr("xmr_item_adjusted", lang, item=item)
    return item


def _unit_decimals(row) -> dict:
    return {"unit": row_unit(row), "decimals": row_decimals(row)}


def _is_true(flag) -> bool:
    """A boolean cell that is True (not NA, not False)."""
    return flag is not None and not pd.isna(flag) and bool(flag)


def _short(row, lang: str) -> str:
    return tr(
        "summary_short",
        lang,
        name=sentence_name(row["name"], lang),
        value=figure_text(row["value"], row, lang),
        target=figure_text(row["target"], row, lang),
    )


def trend_rows(card: pd.DataFrame, code: str) -> pd.DataFrame:
    """Rows with trend `code` that a text may name (kitlib.analysis.nameable), the clearest first."""
    rows = card[nameable_trends(card, code)]  # the one rule for every text (analysis.nameable)
    # computed on the filtered rows: assigning a longer Series to an empty frame adds rows of NaN
    # a run beyond the process limits is the clearest evidence there is: it comes first
    strength = rows["trend_change"].abs() / rows["trend_noise"].where(rows["trend_noise"] > 0)
    if "trend_basis" in rows:
        strength = strength.where(rows["trend_basis"] != VARIATION_BASIS, np.inf)
    return rows.assign(_size=strength.to_numpy()).sort_values("_size", ascending=False, kind="stable")


def concerns(card: pd.DataFrame) -> pd.DataFrame:
    """Not met, ranked by shortfall in units of the figure's noise (else of its target)."""
    rows = card[(card["status"] == Status.NOT_MET) & card["value"].notna() & card["target"].notna()]
    shortfall = better_sign(rows["direction"]) * (rows["target"] - rows["value"])
    scale = rows["trend_noise"].where(rows["trend_noise"] > 0).fillna(rows["target"].abs())
    size = shortfall / scale.where(scale > 0)
    return rows.assign(_size=size.fillna(math.inf).to_numpy()).sort_values(
        "_size", ascending=False, kind="stable"
    )


def summary_sentences(
    card: pd.DataFrame,
    year: int,
    lang: str = "nb",
    peer_group: str = "",
    underspend_warning=None,
    min_respondents: int | None = None,
) -> list[str]:
    """2-6 sentences: targets met, the largest improvements and concerns, peers, gaps in data.

    `underspend_warning` (kit.toml's, in % of budget) names spending below it as worth a question.
    """
    check_language(lang)
    sentences = [
        _count_sentence(card, year, lang),
        *_improvement_sentences(card, lang),
        *_concern_sentences(card, lang),
        *_special_sentences(card, lang),
        *_peer_sentences(card, lang, peer_group),
        *_underspend_sentences(card, lang, underspend_warning),
        *_gap_sentences(card, lang, min_respondents),
    ]
    return sentences[:6]


def _improving(card: pd.DataFrame) -> pd.DataFrame:
    """The improvements "Kort fortalt" names (spending is not one: under budget is no achievement)."""
    return trend_rows(card[card["indicator_type"] != BUDGET_TYPE], Trend.IMPROVING).head(MAX_ITEMS)


def _improvement_sentences(card: pd.DataFrame, lang: str) -> list[str]:
    """The clearest improvements; one still short of its target says so in the same breath,
    instead of standing among the concerns as well."""
    items = []
    for _, row in _improving(card).iterrows():
        clause = moved_clause(row, lang)
        if row["status"] == Status.NOT_MET and not pd.isna(row["target"]):
            clause = tr("summary_still", lang, clause=clause, target=figure_text(row["target"], row, lang))
        items.append(clause)
    return [tr("summary_better", lang, items=_join(items, lang, clauses=True))] if items else []


def _concern_sentences(card: pd.DataFrame, lang: str) -> list[str]:
    """The largest shortfalls first, then worsening among the rest; or that all is well."""
    improving = _improving(card)
    worst = concerns(card.drop(index=improving.index))  # told with their improvement
    worsening = trend_rows(card[card["status"] != Status.NOT_MET], Trend.WORSENING)
    items = [_short(row, lang) for _, row in worst.head(MAX_ITEMS).iterrows()]
    items += [moved_clause(row, lang) for _, row in worsening.head(MAX_ITEMS - len(items)).iterrows()]
    all_met = (card["status"] != Status.NO_TARGET).any() and card["status"].isin(
        [Status.MET, Status.NO_TARGET]
    ).all()
    if items:
        return [tr("summary_worse", lang, items=_join(items, lang, clauses=True))]
    if (improving["status"] == Status.NOT_MET).any():  # told with its improvement: not all is well
        return []
    if card["value"].notna().any() and not all_met:  # "all met" already says it
        return [tr("summary_all_fine", lang)]
    return []


def _special_sentences(card: pd.DataFrame, lang: str) -> list[str]:
    """A latest point of concern that is no run (beyond a limit, or two of three near one): not
    a trend, so the trend says stable, but the chart colours it, and the reader should hear of it."""
    if "variation_signal" not in card:
        return []
    rows = card[(card["variation"] == "concern") & card["variation_signal"].isin(["outside", "two_of_three"])]
    items = [special_clause(row, lang) for _, row in rows.head(MAX_ITEMS).iterrows()]
    return [tr("summary_special", lang, items=_join(items, lang, clauses=True))] if items else []


def special_clause(row, lang: str) -> str:
    """'sykefravær lå utenfor kontrollgrensene (5,8–8,1 %) i 3. tertial 2025'."""
    summary = summary_of(row)
    name = series_name(row["name"], lang, seasonal=_is_true(row.get("variation_seasonal")))
    shown = _unit_decimals(row)
    decimals = limit_decimals(summary.lower, summary.upper, row.get("target"), shown["decimals"])
    fields = {
        "name": name, "period": format_period(summary.period, lang),
        "lower": format_number(summary.lower, decimals, lang),
        "upper": format_value(summary.upper, shown["unit"], decimals, lang),
    }  # fmt: skip
    if summary.signal == "outside":
        return tr("summary_special_outside", lang, **fields)
    side = tr("xmr_upper_limit" if summary.side > 0 else "xmr_lower_limit", lang)
    periods = tr(f"xmr_periods_{parse_period(summary.period).freq}", lang)
    return tr("summary_special_two_of_three", lang, **fields, side_limit=side, periods=periods)


def _peer_sentences(card: pd.DataFrame, lang: str, peer_group: str) -> list[str]:
    """How many indicators are clearly better or worse than the peer group's (two at least)."""
    gaps = card["peer_group_gap"]
    if not (peer_group and gaps.notna().sum() >= 2):
        return []
    # a survey gap inside the unit's interval is no certain difference: not counted as better
    clear = card.get("peer_group_gap_clear", pd.Series(True, card.index)).fillna(True).astype(bool)
    # a gap that rounds to 0 on the figures as shown is the same result, as the tables say ("likt")
    places = card["decimals"].fillna(1).astype(int) if "decimals" in card else pd.Series(1, card.index)
    same = gaps.notna() & clear & (gaps.abs() < 0.5 * 10.0 ** -places.to_numpy())
    better, worse = int(((gaps > 0) & clear & ~same).sum()), int(((gaps < 0) & clear & ~same).sum())
    total, unclear = int(gaps.notna().sum()), int((gaps.notna() & ~clear).sum())
    unclear_text = tr("summary_peers_unclear", lang, n=unclear) if unclear else ""
    if same.any():  # every indicator is in one of the counts: they add up to the total
        unclear_text += tr("summary_peers_same", lang, n=int(same.sum()))
    # "better on 0 and worse on 4 of 7" reads as a riddle: a side with none is said as none
    key = {(True, True): "summary_peers", (True, False): "summary_peers_better_only",
           (False, True): "summary_peers_worse_only", (False, False): "summary_peers_even"}  # fmt: skip
    return [
        tr(key[better > 0, worse > 0], lang, group=peer_group, better=better, worse=worse,
           total=total, unclear=unclear_text)
    ]  # fmt: skip


def _underspend_sentences(card: pd.DataFrame, lang: str, underspend_warning) -> list[str]:
    """Spending so far under budget that it is worth a question (kit.toml's warning)."""
    if "underspend" not in card or underspend_warning is None:
        return []
    sentences = []
    for _, row in card[card["underspend"].fillna(False).astype(bool)].iterrows():
        limit = figure_text(underspend_warning, row, lang)
        value = figure_text(row["value"], row, lang)
        name = format_text(str(row["name"]), lang)  # it opens the sentence
        sentences.append(tr("summary_underspend", lang, name=name, value=value, limit=limit) + ".")
    return sentences


def _gap_sentences(card: pd.DataFrame, lang: str, min_respondents: int | None) -> list[str]:
    """The figures the note lacks: hidden for too few respondents, not yet published, missing."""
    sentences = []
    suppressed = card["suppressed"].fillna(False).astype(bool) if "suppressed" in card else False
    hidden = [sentence_name(n, lang) for n in card.loc[suppressed & card["value"].isna(), "name"]]
    if hidden and min_respondents:
        sentences.append(tr("summary_suppressed", lang, n=min_respondents, items=_join(hidden[:3], lang)))
    absent = card["value"].isna() & (card["value_status"] != NOT_APPLICABLE) & ~suppressed
    # "not yet available" (..) is a figure still to come (KOSTRA publishes in March and June,
    # a survey not yet run), not a gap in the unit's reporting: said as such
    for key, rows in (
        ("summary_not_yet", card[absent & (card["value_status"] == NOT_YET_AVAILABLE)]),
        ("summary_missing", card[absent & (card["value_status"] != NOT_YET_AVAILABLE)]),
    ):
        names = [sentence_name(n, lang) for n in rows["name"]]
        if names:
            shown = names[:3] + ([tr("summary_more", lang, n=len(names) - 3)] if len(names) > 3 else [])
            sentences.append(tr(key, lang, items=_join(shown, lang)))
    return sentences


def _count_sentence(card: pd.DataFrame, year: int, lang: str) -> str:
    counts = card["status"].value_counts()
    judged = card[card["status"] != Status.NO_TARGET]
    if judged.empty:
        return tr("summary_no_targets", lang, year=year)
    total, met = len(judged), int(counts.get(Status.MET, 0))
    if met == total:
        return tr("summary_all_met", lang, total=total, year=year)
    rest = [
        tr(f"summary_{code}", lang, n=int(counts[code]))
        for code in (Status.NEAR, Status.UNCERTAIN, Status.NOT_MET, Status.NO_DATA)
        if counts.get(code)
    ]
    # the others follow the first clause as clauses of their own: ', 2 er nesten nådd, og 1 er ikke nådd'
    others = _join(["", *rest], lang, clauses=True)
    return tr("summary_count", lang, met=met, total=total, year=year, rest=others)
