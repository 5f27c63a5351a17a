"""Draft questions for the dialogue meeting: three to five per unit, from its figures.

The seminar's dialogue is about causes and measures, so each question states the fact it
starts from (a gap to the target, a trend that worsens beyond the noise, a clear difference
from the other units or the KOSTRA group, a clear improvement worth learning from) and asks
about it. The analyst has the last word: a question in comments.csv (kind ``sporsmal``)
about an indicator replaces the draft on that indicator, one about the whole unit is added;
the analyst's questions always stay, the drafts fill up to five.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kitlib.analysis.codes import Status, Trend
from kitlib.analysis.nameable import nameable_trends
from kitlib.analysis.scorecard import BUDGET_TYPE
from kitlib.report.i18n import check_language, tr
from kitlib.report.narrative import concerns, figure_text, moved_clause, sentence_name, trend_rows

MIN_QUESTIONS, MAX_QUESTIONS = 3, 5
# drafts per kind of fact, in the order they are asked: the gaps to target first
PER_KIND = {"gap": 2, "worsening": 2, "peers": 1, "strength": 1}
MIN_UNITS_FOR_LAST = 4  # "the weakest of 3 units" says little


@dataclass(frozen=True)
class Question:
    text: str
    indicator_id: str  # "" for a question about the whole unit
    source: str  # gap, worsening, peers, strength, general, or analyst


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _gap(row, lang: str) -> str:
    if row["trend"] == Trend.WORSENING and nameable_trends(row.to_frame().T, Trend.WORSENING).iat[0]:
        target = figure_text(row["target"], row, lang)
        fact = tr("q_gap_worsening", lang, moved=moved_clause(row, lang), target=target)
    else:
        fact = tr(
            "q_gap", lang, name=sentence_name(row["name"], lang),
            value=figure_text(row["value"], row, lang), target=figure_text(row["target"], row, lang),
        )  # fmt: skip
    return f"{_capital(fact)}. {tr('q_ask_gap', lang)}"


def _worsening(row, lang: str) -> str:
    return f"{_capital(moved_clause(row, lang))}. {tr('q_ask_causes', lang)}"


def _strength(row, lang: str) -> str:
    return f"{_capital(moved_clause(row, lang))}. {tr('q_ask_learn', lang)}"


def _peer_rows(card: pd.DataFrame) -> pd.DataFrame:
    """Clear differences for the worse: last among enough units, or below the KOSTRA group
    beyond the figure's uncertainty; the largest relative difference first. A figure whose
    status is within its uncertainty, or whose interval holds the other units' median, is
    no clear difference and raises no question."""
    card = card[(card["status"] != Status.UNCERTAIN) & ~_median_inside_interval(card)]
    last = card.apply(_last_place, axis=1) if len(card) else pd.Series(False, card.index)
    clear = card["peer_group_gap_clear"].fillna(True).astype(bool)
    behind = (card["peer_group_gap"] < 0) & clear & card["peer_group_value"].notna()
    rows = card[(last.astype(bool) | behind.fillna(False)) & card["value"].notna()]
    scale = rows["peer_group_value"].abs().where(rows["peer_group_value"] != 0)
    size = (-rows["peer_group_gap"] / scale).fillna(0) + last[rows.index].astype(float)
    return rows.assign(_size=size.to_numpy()).sort_values("_size", ascending=False, kind="stable")


def _median_inside_interval(card: pd.DataFrame) -> pd.Series:
    if "ci_low" not in card:
        return pd.Series(False, card.index)
    median = card["peer_median"]
    return ((card["ci_low"] <= median) & (median <= card["ci_high"])).fillna(False).astype(bool)


def _last_place(row) -> bool:
    """Last among enough units to say so."""
    rank, count = row["peer_rank"], row["peer_count"]
    return not (pd.isna(rank) or pd.isna(count)) and rank == count and count >= MIN_UNITS_FOR_LAST


def _peers(row, lang: str, peer_group: str) -> str:
    if _last_place(row):
        fact = tr(
            "q_peers_last", lang, name=sentence_name(row["name"], lang),
            value=figure_text(row["value"], row, lang), count=int(row["peer_count"]),
            median=figure_text(row["peer_median"], row, lang),
        )  # fmt: skip
        return f"{_capital(fact)}. {tr('q_ask_units', lang)}"
    fact = tr(
        "q_peers_group", lang, name=sentence_name(row["name"], lang),
        value=figure_text(row["value"], row, lang),
        other=figure_text(row["peer_group_value"], row, lang), group=peer_group,
    )  # fmt: skip
    return f"{_capital(fact)}. {tr('q_ask_group', lang)}"


def draft_questions(
    card: pd.DataFrame, lang: str = "nb", *, peer_group: str = "", own: pd.DataFrame | None = None
) -> list[Question]:
    """The questions for one unit's dialogue meeting, from its own results (`card`: the
    scorecard rows of the unit's level, context figures left out) and the analyst's own
    questions (`own`: comments.csv rows of kind sporsmal for the unit and year)."""
    check_language(lang)
    own = own if own is not None else pd.DataFrame(columns=["indicator_id", "text"])
    asked = [Question(str(t).strip(), str(i), "analyst") for i, t in zip(own["indicator_id"], own["text"])]
    taken = {q.indicator_id for q in asked} - {""}
    judged = card[card["indicator_type"] != BUDGET_TYPE]
    candidates = {
        "gap": (concerns(card), _gap),
        "worsening": (trend_rows(judged[judged["status"] != Status.NOT_MET], Trend.WORSENING), _worsening),
        "peers": (_peer_rows(judged), lambda row, lang: _peers(row, lang, peer_group)),
        "strength": (trend_rows(judged, Trend.IMPROVING), _strength),
    }
    drafts = []
    for kind, (rows, write) in candidates.items():
        chosen = 0
        for _, row in rows.iterrows():
            if chosen == PER_KIND[kind] or row["indicator_id"] in taken:
                continue
            if kind == "peers" and not peer_group and not _last_place(row):
                continue
            drafts.append(Question(write(row, lang), row["indicator_id"], kind))
            taken.add(row["indicator_id"])
            chosen += 1
    room = max(MAX_QUESTIONS - len(asked), 0)
    questions = asked + drafts[:room]
    for key in ("q_general_priorities", "q_general_targets", "q_general_support"):
        if len(questions) >= MIN_QUESTIONS:
            break
        questions.append(Question(tr(key, lang), "", "general"))
    return questions
