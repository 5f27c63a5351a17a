"""Draft questions for the dialogue meeting: from the unit's facts, in every language,
and the analyst's own questions (comments.csv, kind sporsmal) replace or add to them."""

from __future__ import annotations

import pandas as pd
import pytest

from kitlib import prepare_briefing
from kitlib.analysis.codes import Status
from kitlib.analysis.scorecard import prepared_values, scorecard
from kitlib.report import briefing as briefing_module
from kitlib.report.dialogue import MAX_QUESTIONS, MIN_QUESTIONS, draft_questions
from tests.report.test_text_invariants import LANGS, problems, visible_texts


@pytest.fixture(scope="module")
def sample_cards(sample_data):
    values = prepared_values(sample_data)
    year = sample_data.latest_year
    return {
        unit_id: scorecard(sample_data, unit_id, year, values=values)
        for unit_id in sample_data.units["unit_id"]
    }


@pytest.mark.parametrize("lang", LANGS)
def test_every_sample_unit_gets_three_to_five_questions_that_read_right(sample_data, sample_cards, lang):
    found = {}
    for unit_id, card in sample_cards.items():
        if sample_data.unit(unit_id)["level"] != "enhet":
            continue  # the areas' own notes have their own page
        note = briefing_module.Briefing(
            sample_data,
            sample_data.unit(unit_id),
            sample_data.latest_year,
            lang,
            card,
            prepared_values(sample_data),
        )
        questions = note.questions
        assert MIN_QUESTIONS <= len(questions) <= MAX_QUESTIONS, unit_id
        texts = [q.text for q in questions]
        assert len(set(texts)) == len(texts), unit_id
        assert all(t.endswith("?") and t[0].isupper() for t in texts), texts
        drafted = [q.indicator_id for q in questions if q.indicator_id]
        assert len(drafted) == len(set(drafted)), f"{unit_id} asks twice about one indicator"
        bad = problems(visible_texts(note.questions_section().html), lang)
        if bad:
            found[unit_id] = bad
    assert not found, found


def test_a_lower_is_better_gap_says_the_figure_went_the_wrong_way(sample_cards):
    card = sample_cards["shj-berg-dal"]
    own = card[card["level"] == "enhet"].copy()
    sick = own["indicator_id"] == "sykefravaer"
    assert own.loc[sick, "direction"].iat[0] == "lower" and own.loc[sick, "status"].iat[0] == Status.NOT_MET
    # a yearly trend up (worse for sick leave) beyond noise
    own.loc[sick, ["trend", "trend_basis", "trend_change", "trend_from_value", "trend_from_period", "last_change"]] = [
        "worsening", "years", 1.2, 11.7, "2021", 0.3]  # fmt: skip
    first = draft_questions(own, "nb", peer_group="KOSTRA-gruppe 13")[0]
    assert first.indicator_id == "sykefravaer" and first.source == "gap"
    assert (
        first.text.startswith("Sykefravær har gått opp fra 11,7\xa0% i 2021")
        and "målet er 8,5\xa0%" in first.text
    )


def test_a_gap_whose_process_shifted_the_wrong_way_says_so_with_the_run(sample_cards):
    card = sample_cards["shj-berg-dal"]
    own = card[card["level"] == "enhet"].copy()
    sick = own["indicator_id"] == "sykefravaer"
    assert own.loc[sick, "trend_basis"].iat[0] == "variation"
    own.loc[sick, ["trend", "variation", "variation_signal", "variation_since", "variation_points",
                   "variation_side", "variation_seasonal"]] = [
        "worsening", "concern", "shift", "2025M08", 5, 1, True]  # fmt: skip
    first = draft_questions(own, "nb", peer_group="KOSTRA-gruppe 13")[0]
    assert first.indicator_id == "sykefravaer"
    assert first.text.startswith("Sykefravær, sesongjustert, har ligget over snittet (")
    assert "i 5 måneder på rad siden august\xa02025" in first.text and "målet er 8,5\xa0%" in first.text


def test_a_suppressed_survey_figure_is_never_cited(sample_cards):
    card = sample_cards["shj-berg-dal"]
    own = card[card["level"] == "enhet"].copy()
    survey = own["indicator_type"] == "opplevd_kvalitet"
    # too few respondents: the figure is hidden, so no question may quote it
    own.loc[survey, ["value", "status", "suppressed"]] = [float("nan"), Status.NO_DATA, True]
    asked = {q.indicator_id for q in draft_questions(own, "nb", peer_group="KOSTRA-gruppe 13")}
    assert not asked & set(own.loc[survey, "indicator_id"])


def test_the_analyst_s_question_replaces_the_draft_on_its_indicator_and_a_unit_question_is_added(
    sample_cards,
):
    own = sample_cards["shj-berg-dal"].query("level == 'enhet'")
    drafted = draft_questions(own, "nb", peer_group="KOSTRA-gruppe 13")
    replaced = drafted[0].indicator_id
    mine = pd.DataFrame(
        {
            "indicator_id": [replaced, ""],
            "text": ["Hva sier de ansatte om turnusen?", "Hvordan går rekrutteringen?"],
        }
    )
    asked = draft_questions(own, "nb", peer_group="KOSTRA-gruppe 13", own=mine)
    assert [q.text for q in asked[:2]] == list(mine["text"]) and asked[0].source == "analyst"
    assert not [q for q in asked if q.indicator_id == replaced and q.source != "analyst"]
    assert len(asked) == MAX_QUESTIONS  # the drafts fill up, on other indicators


def test_an_analyst_may_ask_more_than_five_and_the_drafts_give_way(sample_cards):
    own = sample_cards["shj-berg-dal"].query("level == 'enhet'")
    mine = pd.DataFrame({"indicator_id": [""] * 6, "text": [f"Spørsmål {i}?" for i in range(6)]})
    asked = draft_questions(own, "nb", own=mine)
    assert [q.source for q in asked] == ["analyst"] * 6


def test_a_unit_with_nothing_to_ask_about_gets_the_general_questions(sample_cards):
    own = sample_cards["shj-berg-dal"].query("level == 'enhet'").iloc[:0]
    asked = draft_questions(own, "da")
    assert [q.source for q in asked] == ["general"] * MIN_QUESTIONS
    assert all(q.text.startswith("Hv") for q in asked)


def test_questions_from_comments_csv_show_in_the_note_as_text(sample_copy):
    with (sample_copy / "comments.csv").open("a", encoding="utf-8") as f:
        f.write('shj-berg-dal,2025,sykefravaer,sporsmal,"Hvorfor <b>øker</b> fraværet?"\n')
    note = prepare_briefing(sample_copy, "shj-berg-dal", 2025, "nb")
    html = note.questions_section().html
    assert "Hvorfor &lt;b&gt;øker&lt;/b&gt; fraværet?" in html
    assert "Sykefravær har gått opp" not in html  # the draft on sick leave gave way
    # a question is not the unit's comment: it does not show among them
    assert "øker" not in note.comments_section().html


def test_no_question_names_a_trend_its_latest_change_went_against(sample_cards):
    """bygg-ost's share decided in time fell from 89,7 % (2021) to 84,8 % (2025), but rose in
    2025: its question states the gap, not the trend (kitlib.analysis.nameable)."""
    import re

    from kitlib.analysis.nameable import nameable_trends

    moved = {"nb": r"har gått (opp|ned) fra", "da": r"er (steget|faldet) fra", "en": r"(rose|fell) from"}
    for unit_id, card in sample_cards.items():
        own = card[card["level"] == "enhet"]
        if own.empty:
            continue
        named = set(own.loc[nameable_trends(own), "indicator_id"])
        for lang, pattern in moved.items():
            for question in draft_questions(own, lang, peer_group="KOSTRA-gruppe 13"):
                if re.search(pattern, question.text):
                    assert question.indicator_id in named, (unit_id, lang, question.text)
    bygg = sample_cards["bygg-ost"]
    asked = draft_questions(bygg[bygg["level"] == "enhet"], "nb", peer_group="KOSTRA-gruppe 13")
    deadline = next(q for q in asked if q.indicator_id == "bygg_innen_frist")
    assert deadline.text.startswith("Andel saker behandlet innen lovpålagt frist er 84,8")
