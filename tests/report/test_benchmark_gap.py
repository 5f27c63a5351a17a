"""How far a figure lies from the KOSTRA group and the country reads the same in every note:
the raw difference (figure minus benchmark: + is above it, whichever way is better) and then
the verdict word, so a council member never meets "+1,1" for one fact and "−1,1" for the
same kind of fact in the next note."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from kitlib import load_data, sample_folder
from kitlib.analysis import area as analysis
from kitlib.analysis.scorecard import prepared_values
from kitlib.report import area as report
from kitlib.report.tables import scorecard_table, survey_table

NBSP = "\u00a0"
GAP_CELL = re.compile(r'<td class="num">([^<]*)<span class="gap">\(([^)]*)\)</span></td>')


def card_row(**changes) -> pd.DataFrame:
    """One scorecard row: sick leave 7,1 %, lower is better, no survey interval."""
    row = dict(
        unit_id="u", level="enhet", perspective="medarbeidere", indicator_id="sykefravaer", name="Sykefravær",
        indicator_type="sykefravaer", unit_of_measure="%", direction="lower", period="2025",
        value=7.1, value_status="", n=np.nan, suppressed=False, ci_low=np.nan, ci_high=np.nan, target=7.5,
        status="met", next_target=7.0, trend="stable", trend_change=0.1, trend_noise=0.5,
        trend_from_period="2023", trend_from_value=7.0, last_change=np.nan, last_change_noise=np.nan,
        previous_period="2024", fixed_prices=pd.NA, underspend=False, peer_rank=np.nan, peer_count=np.nan,
        peer_median=np.nan, peer_gap=np.nan, peer_group_value=8.2, peer_group_gap=1.1,
        peer_group_gap_clear=True, national_value=6.5, national_gap=-0.6, national_gap_clear=True,
        decimals=1, source="", definition="", data_date="",
    )  # fmt: skip
    row.update(changes)
    return pd.DataFrame([row])


def gap_cells(html: str) -> list[tuple[str, str]]:
    """(benchmark, words in brackets) of every benchmark cell with a difference, in order."""
    return [(figure.strip(), words) for figure, words in GAP_CELL.findall(html)]


def table(frame: pd.DataFrame, lang: str) -> str:
    return scorecard_table(frame, {}, lang, legend=False)


SICK_LEAVE = {
    "nb": [
        (f"8,2{NBSP}%", f"−1,1{NBSP}prosentpoeng, bedre"),
        (f"6,5{NBSP}%", f"+0,6{NBSP}prosentpoeng, svakere"),
    ],
    "da": [
        (f"8,2{NBSP}%", f"−1,1{NBSP}procentpoint, bedre"),
        (f"6,5{NBSP}%", f"+0,6{NBSP}procentpoint, svagere"),
    ],
    "en": [
        ("8.2%", f"−1.1{NBSP}percentage{NBSP}points, better"),
        ("6.5%", f"+0.6{NBSP}percentage{NBSP}points, worse"),
    ],
}


@pytest.mark.parametrize("lang", ["nb", "da", "en"])
def test_lower_is_better_shows_the_raw_difference_and_the_verdict(lang):
    # 7,1 % sick leave: 1,1 points BELOW the KOSTRA group (better), 0,6 above the country (worse)
    assert gap_cells(table(card_row(), lang)) == SICK_LEAVE[lang]


SATISFACTION = {"nb": ("bedre", "svakere"), "da": ("bedre", "svagere"), "en": ("better", "worse")}


@pytest.mark.parametrize("lang", ["nb", "da", "en"])
def test_higher_is_better_shows_the_raw_difference_and_the_verdict(lang):
    row = card_row(
        indicator_id="trivsel", name="Trivsel", unit_of_measure="score 1-6", direction="higher", value=4.6,
        peer_group_value=4.4, national_value=4.9,
    )  # fmt: skip
    better, worse = SATISFACTION[lang]
    mark = "." if lang == "en" else ","
    assert [words for _, words in gap_cells(table(row, lang))] == [
        f"+0{mark}2, {better}",  # above the group, and higher is better
        f"−0{mark}3, {worse}",
    ]


def test_kroner_are_told_in_per_cent_of_the_benchmark():
    row = card_row(
        indicator_id="kost", name="Kostnad per plass", unit_of_measure="NOK", decimals=0, value=105_000,
        peer_group_value=100_000, national_value=150_000,
    )  # fmt: skip
    assert [words for _, words in gap_cells(table(row, "nb"))] == [
        f"+5,0{NBSP}%, svakere",
        f"−30{NBSP}%, bedre",
    ]


def test_a_few_kroner_on_a_large_benchmark_get_no_verdict():
    row = card_row(
        indicator_id="kost", name="Kostnad per plass", unit_of_measure="NOK", decimals=0, value=161_627,
        peer_group_value=161_630, national_value=150_000,
    )  # fmt: skip
    words = [words for _, words in gap_cells(table(row, "nb"))]
    assert words[0] == f"0,0{NBSP}%"  # not "0,0 %, bedre": no one is better by 3 kroner
    assert words[1].endswith("svakere")


def test_equal_uncertain_and_directionless_differences_read_without_a_false_verdict():
    tie = card_row(peer_group_value=7.14, national_value=7.06)  # both shown as 7,1: equal as shown
    assert [words for _, words in gap_cells(table(tie, "nb"))] == ["likt", "likt"]
    assert [words for _, words in gap_cells(table(tie, "en"))] == ["equal", "equal"]
    unclear = card_row(peer_group_gap_clear=False, ci_low=6.0, ci_high=8.5)
    assert [words for _, words in gap_cells(table(unclear, "nb"))][0] == "≈"
    context = card_row(direction="none", peer_group_gap=np.nan, national_gap=np.nan)
    assert [words for _, words in gap_cells(table(context, "nb"))] == [
        f"−1,1{NBSP}prosentpoeng",  # no way is better: the difference alone, no word
        f"+0,6{NBSP}prosentpoeng",
    ]


@pytest.mark.parametrize("lang", ["nb", "da", "en"])
def test_a_missing_figure_or_benchmark_leaves_no_placeholder(lang):
    missing = pd.concat(
        [
            card_row(indicator_id="a", value=np.nan, value_status=".."),  # the benchmark alone
            card_row(indicator_id="b", value=np.nan, suppressed=True, value_status=":"),
            card_row(indicator_id="c", peer_group_value=np.nan, national_value=np.nan),  # nothing
        ],
        ignore_index=True,
    )
    for html in (table(missing, lang), survey_table(missing, lang)):
        assert not gap_cells(html) and 'class="gap"' not in html
        assert not re.search(r"\bnan\b|\bNone\b|\(\s*\)|\(,", html, re.IGNORECASE)
    row_a = re.search(r'data-indicator="a">.*?</tr>', table(missing, lang)).group(0)
    assert re.search(r'<td class="num">8[.,]2', row_a)  # the benchmark is still shown, without brackets


def test_the_unit_note_and_the_area_note_word_the_same_row_the_same_way():
    data = load_data(sample_folder())
    values = prepared_values(data)
    cards = analysis.area_cards(data, "Barnehage", 2025, values)
    area = report.AreaBriefing(data, "Barnehage", 2025, "nb", cards, values)
    section = area.kostra_section()
    kostra = section.frame.dropna(subset=["indicator_id"])
    kostra = kostra[kostra["peer_group_value"].notna() & kostra["national_value"].notna()]
    assert len(kostra) >= 2 and {"NOK", "%"} <= set(kostra["unit_of_measure"])  # kroner and shares
    compared = 0
    for _, row in kostra.iterrows():
        area_row = re.search(rf'<tr data-indicator="{row["indicator_id"]}">.*?</tr>', section.html).group(0)
        unit_row = card_row(
            indicator_id=row["indicator_id"], name=row["name"], unit_of_measure=row["unit_of_measure"],
            direction=row["direction"], decimals=row["decimals"], value=row["value"],
            peer_group_value=row["peer_group_value"], national_value=row["national_value"],
        )  # fmt: skip
        assert gap_cells(area_row) == gap_cells(table(unit_row, "nb")) != []
        compared += 1
    assert compared == len(kostra)
