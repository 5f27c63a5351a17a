"""The challenge note's substance: which figures are challenges, how they are grouped and
ranked, and how the prose tells them (direction-aware; a suppressed figure never cited)."""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pandas as pd
import pytest
from conftest import INDICATOR_HEADER, write_folder

from kitlib import load_data
from kitlib.analysis.challenges import (
    MAX_CHALLENGES,
    MIN_CHALLENGES,
    SEVERITY_CAP,
    challenge_rows,
    municipal_scorecards,
    rank_challenges,
    top_challenges,
)
from kitlib.report.municipality import prepare_municipality_briefing

YEARS = range(2019, 2026)
# Sick leave (lower is better), target 8.0 in 2025: a small wiggle so that the noise is real.
WIGGLE = [0.1, -0.1, 0.05, -0.05, 0.1, -0.1, 0.0]
SICK_LEAVE = {
    "u1": [12.0] * 7,  # far above the target: a gap, no trend
    "u2": [6.0] * 7,  # below the target: met, no challenge
    "u3": [7.0, 7.5, 8.0, 8.5, 9.0, 9.5, 10.0],  # above the target and rising: gap and worsening
    "u4": [8.1] * 7,  # just above, within the tolerance (5 %): near, not a gap
    "u5": [9.5] * 6 + [None],  # no figure for 2025: missing, never a challenge
    "u6": [9.0] * 7,  # above the target: a gap
}
# Share of qualified staff (higher is better), target 75 and the KOSTRA group at 74.
SHARE = {"u1": 70.0, "u2": 80.0, "u3": 60.0, "u4": 75.5, "u5": 68.0, "u6": 78.0}
# A user survey (higher is better), target 4.5; u6's answers come from 3 respondents only.
SURVEY = {"u1": 4.8, "u2": 4.7, "u3": 4.9, "u4": 4.8, "u5": 4.6, "u6": 2.0}


def _folder(tmp_path, u6_respondents: int = 3):
    values = ["unit_id,indicator_id,period,value,status,n,sd"]
    for unit, series in SICK_LEAVE.items():
        for year, leave, wiggle in zip(YEARS, series, WIGGLE):
            shown = "" if leave is None else f"{leave + wiggle:.2f}"
            values.append(f"{unit},sykefravaer,{year},{shown},{'' if shown else '..'},,")
            values.append(f"{unit},andel,{year},{SHARE[unit] + wiggle:.2f},,,")
            n = u6_respondents if unit == "u6" else 40
            values.append(f"{unit},tilfredshet,{year},{SURVEY[unit] + wiggle:.2f},,{n},0.8")
    for year in YEARS:  # the service area's own cost per place: 10 % above the KOSTRA group
        values.append(f"omr,kostnad,{year},{110000 + 100 * (year % 2)},,,")
    return write_folder(
        tmp_path / f"challenges-{u6_respondents}",
        indicators=f"""
            {INDICATOR_HEADER}
            sykefravaer,Sykefravær,*,medarbeidere,Lønnssystemet,medarbeider,%,lower,delvis,Fravær i prosent
            andel,Andel med fagutdanning,Sykehjem,tjenester,Personalsystemet,ressurs,%,higher,delvis,Andel
            tilfredshet,Tilfredshet totalt,Sykehjem,brukere,Brukerundersøkelse,opplevd_kvalitet,score 1-6,higher,ja,Snitt
            kostnad,Utgifter per plass,Sykehjem,okonomi,KOSTRA,produktivitet,NOK,lower,delvis,Kroner per plass
        """,
        units="unit_id,name,service_area,level\n"
        + "\n".join(f"{u},Sykehjem {u[-1]},Sykehjem,enhet" for u in SICK_LEAVE)
        + "\nomr,Sykehjemmene samlet,Sykehjem,tjenesteomrade",
        values="\n".join(values),
        targets="""
            unit_id,indicator_id,period,target
            *,sykefravaer,2025,8.0
            *,andel,2025,75
            *,tilfredshet,2025,4.5
        """,
        benchmarks="\n".join(
            ["indicator_id,period,group,value"]
            + [f"andel,{y},KOSTRA-gruppe 13,74" for y in YEARS]
            + [f"kostnad,{y},KOSTRA-gruppe 13,100000" for y in YEARS]
        ),
    )


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return _folder(tmp_path_factory.mktemp("challenges"))


@pytest.fixture(scope="module")
def cards(folder):
    return municipal_scorecards(load_data(folder), 2025)


@pytest.fixture(scope="module")
def rows(cards):
    return challenge_rows(cards)


@pytest.fixture(scope="module")
def note(folder):
    return prepare_municipality_briefing(folder, 2025, "nb")


def _units(rows: pd.DataFrame, indicator: str, kind: str) -> set[str]:
    mine = rows[(rows["indicator_id"] == indicator) & rows[kind]]
    return set(mine["figure_unit_id"])


def test_a_lower_indicator_above_its_target_is_a_challenge_and_one_below_is_not(cards, rows):
    sick = cards[cards["indicator_id"] == "sykefravaer"].set_index("unit_id")
    assert sick.at["u2", "value"] < 8 and sick.at["u1", "value"] > 8  # the data say what the test means
    assert _units(rows, "sykefravaer", "gap") == {"u1", "u3", "u6"}
    # below the target (u2), within the tolerance (u4) and missing (u5) are no gaps
    assert not {"u2", "u4", "u5"} & set(rows.loc[rows["indicator_id"] == "sykefravaer", "figure_unit_id"])
    # for a higher-is-better share it is the other way round: below the target is the gap
    assert _units(rows, "andel", "gap") == {"u1", "u3", "u5"}


def test_a_worsening_trend_the_noise_supports_is_a_challenge_in_the_right_direction(rows):
    assert _units(rows, "sykefravaer", "worsening") == {"u3"}  # rising sick leave is worse
    u3 = rows[(rows["indicator_id"] == "sykefravaer") & (rows["figure_unit_id"] == "u3")].iloc[0]
    assert u3["trend_change"] > 0 and u3["worsening_size"] > 1


def test_a_clear_gap_to_the_kostra_group_is_a_challenge_judged_once_for_the_area(cards, rows):
    assert _units(rows, "andel", "peers") == {"u1", "u3", "u5"}  # below 74; u4 (75.5) is above it
    cost = rows[rows["indicator_id"] == "kostnad"]
    # six units show the area's cost as context: it is one figure, the area's, judged once
    assert (cards["indicator_id"] == "kostnad").sum() == 6
    assert list(cost["figure_unit_id"]) == ["omr"] and bool(cost["peers"].iat[0])


def test_a_suppressed_survey_figure_is_never_used_even_when_its_raw_value_is_a_gap(folder, rows, note):
    raw = load_data(folder).values
    u6 = raw[(raw["unit_id"] == "u6") & (raw["indicator_id"] == "tilfredshet") & (raw["year"] == 2025)]
    assert float(u6["value"].iat[0]) < 4.5  # raw, it would be far below the target
    assert not ((rows["indicator_id"] == "tilfredshet") & (rows["figure_unit_id"] == "u6")).any()
    survey = note.ranked[note.ranked["indicator_id"] == "tilfredshet"]
    assert not any("u6" in units for units in survey["unit_ids"])
    # nothing on the page cites it: not the challenge note, not any figure of u6's survey (1,9-2,1)
    assert "Tilfredshet totalt" not in note.challenges_section().text
    text = " ".join(s.text for s in note.sections())
    assert not re.search(r"\b(?:1,9|2,0|2,1)\b", text)


def test_the_same_survey_figure_with_enough_respondents_is_a_challenge(tmp_path):
    """The control for the test above: the figure is left out because it is suppressed."""
    cards = municipal_scorecards(load_data(_folder(tmp_path, u6_respondents=30)), 2025)
    assert _units(challenge_rows(cards), "tilfredshet", "gap") == {"u6"}


def test_one_challenge_per_indicator_with_every_unit_it_concerns(cards):
    ranked = rank_challenges(cards)
    sick = ranked[ranked["indicator_id"] == "sykefravaer"]
    assert len(sick) == 1
    sick = sick.iloc[0]
    assert sick["units_affected"] == 3 and sick["units_reporting"] == 5  # u5 has no figure
    assert sick["gap_units"] == ["u1", "u3", "u6"]  # furthest above the target first
    assert sick["worsening_units"] == ["u3"]
    assert sick["kinds"] == "gap;worsening"
    assert ranked["rank"].tolist() == list(range(1, len(ranked) + 1))


def test_the_prose_says_over_the_target_and_gone_up_for_a_lower_indicator(note):
    text = note.challenges_section().text
    sick = next(t for t in text.split("\n") if t.startswith("Sykefravær er"))
    assert "over målet, utenfor toleransen, i 3 av 5 enheter" in sick
    assert "Sykefravær har gått opp ved Sykehjem 3 (fra 8,1 % i 2021 til 10,0 % i 2025)" in sick
    assert "under målet" not in sick and "gått ned" not in sick
    # the share, higher is better: under the target, lower than the KOSTRA group
    share = next(t for t in text.split("\n") if t.startswith("Andel med fagutdanning er"))
    assert (
        "under målet, utenfor toleransen, i 3 av 6 enheter" in share
        and "lavere enn i KOSTRA-gruppe 13 (74,0 %)" in share
    )
    assert "over målet" not in share
    # the area's cost: one figure, told as the area's, higher (worse) than the group
    assert (
        "Utgifter per plass for Sykehjemmene samlet er 110 100,0 kr i 2025, høyere enn i KOSTRA-gruppe 13 "
        "(100 000,0 kr)" in text
    )


def test_the_prose_names_the_direction_in_danish_and_english_too(note):
    da = dataclasses.replace(note, lang="da").challenges_section().text
    en = dataclasses.replace(note, lang="en").challenges_section().text
    assert (
        "Sykefravær er over målet, uden for tolerancen, i 3 af 5 enheder" in da
        and "Sykefravær er steget hos Sykehjem 3" in da
    )
    assert (
        "Sykefravær was above the target, beyond the tolerance, in 3 of 5 units" in en
        and "Sykefravær rose at Sykehjem 3" in en
    )


# ------------------------------------------------------------------ ranking, on made-up rows


def _card(indicator: str, gaps: list[float | None], noise: float = 1.0) -> pd.DataFrame:
    """One indicator (higher is better, target 50) over len(gaps) units: a unit's value is
    `gap` noise units below the target (not met), or None: the target is met."""
    values = [50.0 if g is None else 50.0 - g * noise for g in gaps]
    n = len(gaps)
    return pd.DataFrame({
        "unit_id": [f"{indicator}-{i}" for i in range(n)], "figure_unit_id": [f"{indicator}-{i}" for i in range(n)],
        "unit_service_area": "A", "indicator_service_area": "A", "level": "enhet", "indicator_id": indicator,
        "name": indicator, "perspective": "p", "indicator_type": "malt_kvalitet", "direction": "higher",
        "unit_of_measure": "%", "decimals": 1, "value": values, "suppressed": False, "target": 50.0,
        "status": ["met" if g is None else "not_met" for g in gaps], "trend": "stable",
        "trend_change": 0.0, "trend_noise": noise, "trend_from_value": values, "last_change": 0.0,
        "ci_low": np.nan, "ci_high": np.nan, "peer_group_value": np.nan, "peer_group_gap": np.nan,
        "peer_group_gap_clear": False,
    })  # fmt: skip


def test_a_gap_many_units_share_ranks_above_one_units_gap():
    cards = pd.concat([_card("widespread", [2.0] * 6 + [None] * 6), _card("single", [2.0] + [None] * 11)])
    assert rank_challenges(cards)["indicator_id"].tolist() == ["widespread", "single"]


def test_a_larger_gap_ranks_above_a_smaller_one_among_as_many_units():
    cards = pd.concat([_card("small", [1.0] * 3 + [None] * 3), _card("large", [3.0] * 3 + [None] * 3)])
    assert rank_challenges(cards)["indicator_id"].tolist() == ["large", "small"]


def test_one_extreme_unit_does_not_outweigh_a_problem_half_the_units_share():
    cards = pd.concat([_card("extreme", [100.0] + [None] * 11), _card("half", [2.0] * 6 + [None] * 6)])
    ranked = rank_challenges(cards).set_index("indicator_id")
    assert ranked.at["extreme", "mean_severity"] == SEVERITY_CAP
    assert ranked.at["half", "rank"] < ranked.at["extreme", "rank"]


def test_the_note_holds_five_to_ten_challenges_largest_first():
    many = pd.concat([_card(f"i{k:02}", [1.0 + k / 10] * 3 + [None] * 3) for k in range(14)])
    top = top_challenges(rank_challenges(many))
    assert MIN_CHALLENGES <= len(top) <= MAX_CHALLENGES
    assert top["score"].is_monotonic_decreasing and top["indicator_id"].iat[0] == "i13"
    few = pd.concat([_card(f"j{k}", [2.0, None]) for k in range(3)])
    assert len(top_challenges(rank_challenges(few))) == 3  # fewer found: none made up
