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

import numpy as np
import pandas as pd

from kitlib.analysis.codes import Status, Trend
from kitlib.analysis.scorecard import BUDGET_TYPE
from kitlib.analysis.status import better_sign
from kitlib.data.contract import NOT_APPLICABLE
from kitlib.report.formatting import format_indicator_value
from kitlib.report.i18n import check_language, tr

MAX_ITEMS = 2  # improvements or concerns named in one sentence


def in_sentence(name: str) -> str:
    """A name as it reads inside a sentence: 'Sykefravær' -> 'sykefravær', 'KOSTRA ...' stays."""
    text = str(name)
    if len(text) > 1 and text[0].isupper() and not text[1].isupper() and not text[1].isdigit():
        return text[0].lower() + text[1:]
    return text


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + tr("summary_and", lang) + items[-1]


def _moved(row, lang: str) -> str:
    """'sykefravær har gått ned fra 9,1 % i 2023 til 7,9 % i 2025': start and end, with periods.

    Kroner read in fixed prices say so: the start figure is then in the results year's prices.
    """
    verb = tr("summary_up" if row["trend_change"] > 0 else "summary_down", lang)
    fixed = row.get("fixed_prices")
    prices = f" ({tr('summary_fixed_prices', lang, year=row['period'])})" if _is_true(fixed) else ""
    return (
        tr(
            "summary_moved",
            lang,
            name=in_sentence(row["name"]),
            verb=verb,
            start=format_indicator_value(row["trend_from_value"], row, lang),
            start_period=row["trend_from_period"],
            value=format_indicator_value(row["value"], row, lang),
            period=row["period"],
        )
        + prices
    )


def _is_true(flag) -> bool:
    """A boolean cell that is True (not NA, not False)."""
    return flag is not None and not pd.isna(flag) and bool(flag)


def _short(row, lang: str) -> str:
    return tr(
        "summary_short",
        lang,
        name=in_sentence(row["name"]),
        value=format_indicator_value(row["value"], row, lang),
        target=format_indicator_value(row["target"], row, lang),
    )


def _trend_rows(card: pd.DataFrame, code: str) -> pd.DataFrame:
    """Rows with trend `code` whose sentence can be written and whose latest change agrees."""
    rows = card[
        (card["trend"] == code)
        & card["value"].notna()
        & card["trend_from_value"].notna()
        & card["trend_change"].notna()
    ]
    rows = rows[(np.sign(rows["last_change"]) != -np.sign(rows["trend_change"])).to_numpy()]
    # computed on the filtered rows: assigning a longer Series to an empty frame adds rows of NaN
    strength = rows["trend_change"].abs() / rows["trend_noise"].where(rows["trend_noise"] > 0)
    return rows.assign(_size=strength.to_numpy()).sort_values("_size", ascending=False, kind="stable")


def _concerns(card: pd.DataFrame) -> pd.DataFrame:
    """Not met, ranked by shortfall in units of the figure's noise (else of its target)."""
    rows = card[(card["status"] == Status.NOT_MET) & card["value"].notna() & card["target"].notna()]
    shortfall = better_sign(rows["direction"]) * (rows["target"] - rows["value"])
    scale = rows["trend_noise"].where(rows["trend_noise"] > 0).fillna(rows["target"].abs())
    size = shortfall / scale.where(scale > 0)
    return rows.assign(_size=size.fillna(math.inf).to_numpy()).sort_values(
        "_size", ascending=False, kind="stable"
    )


def summary_sentences(
    card: pd.DataFrame, year: int, lang: str = "nb", peer_group: str = "", underspend_warning=None
) -> list[str]:
    """2-6 sentences: targets met, the largest improvements and concerns, peers, gaps in data.

    `underspend_warning` (kit.toml's, in % of budget) names spending below it as worth a question.
    """
    check_language(lang)
    sentences = [_count_sentence(card, year, lang)]

    improving = _trend_rows(card[card["indicator_type"] != BUDGET_TYPE], Trend.IMPROVING)
    items = [_moved(row, lang) for _, row in improving.head(MAX_ITEMS).iterrows()]
    if items:
        sentences.append(tr("summary_better", lang, items=_join(items, lang)))

    concerns = _concerns(card)
    worsening = _trend_rows(card[card["status"] != Status.NOT_MET], Trend.WORSENING)
    items = [_short(row, lang) for _, row in concerns.head(MAX_ITEMS).iterrows()]
    items += [_moved(row, lang) for _, row in worsening.head(MAX_ITEMS - len(items)).iterrows()]
    all_met = (card["status"] != Status.NO_TARGET).any() and card["status"].isin(
        [Status.MET, Status.NO_TARGET]
    ).all()
    if items:
        sentences.append(tr("summary_worse", lang, items=_join(items, lang)))
    elif card["value"].notna().any() and not all_met:  # "all met" already says it
        sentences.append(tr("summary_all_fine", lang))

    gaps = card["peer_group_gap"]
    if peer_group and gaps.notna().sum() >= 2:
        # a survey gap inside the unit's interval is no certain difference: not counted as better
        clear = card.get("peer_group_gap_clear", pd.Series(True, card.index)).fillna(True).astype(bool)
        better = int(((gaps > 0) & clear).sum())
        total = int(gaps.notna().sum())
        sentences.append(tr("summary_peers", lang, group=peer_group, better=better, total=total))

    if "underspend" in card and underspend_warning is not None:
        for _, row in card[card["underspend"].fillna(False).astype(bool)].iterrows():
            limit = format_indicator_value(underspend_warning, row, lang)
            value = format_indicator_value(row["value"], row, lang)
            sentences.append(tr("summary_underspend", lang, name=row["name"], value=value, limit=limit) + ".")

    missing = card[card["value"].isna() & (card["value_status"] != NOT_APPLICABLE)]["name"]
    names = [in_sentence(n) for n in missing]
    if names:
        shown = names[:3] + ([tr("summary_more", lang, n=len(names) - 3)] if len(names) > 3 else [])
        sentences.append(tr("summary_missing", lang, items=_join(shown, lang)))
    return sentences[:6]


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
    return tr("summary_count", lang, met=met, total=total, year=year, rest=", " + _join(rest, lang))
