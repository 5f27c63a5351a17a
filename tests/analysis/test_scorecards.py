"""Every unit's scorecard in one pass is each unit's own scorecard, exactly; so are the histories."""

from __future__ import annotations

import os
import time

import numpy as np
import pandas as pd
import pytest
from test_levels import _with_area_row

from kitlib import load_data
from kitlib.analysis import cached
from kitlib.analysis.history import histories, indicator_history
from kitlib.analysis.peers import _medians_of_others
from kitlib.analysis.scorecard import prepared_values, scorecard, scorecards
from kitlib.data import cache
from kitlib.errors import KitlibError


def _same(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


def _assert_one_pass_is_each_unit(data, years, units_of_year=None) -> None:
    values = prepared_values(data)
    for k, year in enumerate(years):
        cards = scorecards(data, year, values=values)
        assert list(cards) == list(data.units["unit_id"])
        units = data.units["unit_id"] if units_of_year is None else units_of_year(k)
        for unit_id in units:
            _same(cards[unit_id], scorecard(data, unit_id, year, values=values))


def _with_municipality_row(folder):
    """The synthetic kindergartens with their area's row and the municipality's, which holds
    a figure for every unit (and one the area also has: the area's figure wins), and a service
    area's row without figures, whose scorecard is empty."""
    folder = _with_area_row(folder)
    units = folder / "units.csv"
    units.write_text(
        units.read_text()
        + "fjordvik,Fjordvik kommune,*,kommune\nomr-kultur,Kultur samlet,Kultur,tjenesteomrade\n"
    )
    with open(folder / "indicators.csv", "a", encoding="utf-8") as handle:
        handle.write("innbyggere,Innbyggere,*,samfunn,SSB,ressurs,antall,none,nei,Antall\n")
        handle.write("ventetid,Ventetid,Barnehage,brukere,Egen,malt_kvalitet,dager,lower,ja,Dager\n")
    with open(folder / "values.csv", "a", encoding="utf-8") as handle:
        for year in range(2019, 2025):
            handle.write(f"fjordvik,innbyggere,{year},{12000 + 40 * (year - 2019)},,,\n")
            handle.write(f"fjordvik,dekning,{year},{90.0 + 0.3 * (year - 2019):.1f},,,\n")
    with open(folder / "targets.csv", "a", encoding="utf-8") as handle:
        handle.write("bhg-b,ventetid,2024,30,\n")  # a target without figures also makes a row
    return folder


@pytest.mark.slow
def test_every_unit_and_year_of_a_synthetic_folder(synthetic_folder):
    data = load_data(_with_municipality_row(synthetic_folder))
    assert set(data.units["level"]) == {"enhet", "tjenesteomrade", "kommune"}
    _assert_one_pass_is_each_unit(data, data.years)
    card = scorecards(data, 2024)["bhg-a"].set_index("indicator_id")
    assert card.loc["innbyggere", "level"] == "kommune" and card.loc["dekning", "level"] == "tjenesteomrade"
    assert "ventetid" not in card.index
    assert scorecards(data, 2024)["omr-kultur"].empty
    assert scorecards(data, 2024)["bhg-b"].set_index("indicator_id").loc["ventetid", "status"] == "no_data"


@pytest.mark.slow
def test_every_unit_of_the_sample(sample_data):
    """The results year for every unit; the other years for a different fifth of the units each
    (every unit and year were compared while writing this: one pass was every card, exactly)."""
    units = list(sample_data.units["unit_id"])
    years = [sample_data.latest_year, *[y for y in sample_data.years if y != sample_data.latest_year]]
    _assert_one_pass_is_each_unit(sample_data, years, lambda k: units if k == 0 else units[k % 5 :: 5])


def test_no_unit_is_dropped_reordered_or_mixed_up(sample_data):
    year = sample_data.latest_year
    cards = scorecards(sample_data, year)
    assert list(cards) == list(sample_data.units["unit_id"])
    for unit_id, card in cards.items():
        assert len(card) and set(card["unit_id"]) == {unit_id}
        assert list(card.index) == list(range(len(card)))
    # units of the same service area have cards of their own, not one another's
    assert not cards["skole-nordby"]["value"].equals(cards["skole-haugen"]["value"])
    some = ["skole-lia", "bhg-lia", "omr-skole"]
    chosen = scorecards(sample_data, year, unit_ids=reversed(some))
    assert list(chosen) == [u for u in sample_data.units["unit_id"] if u in some]  # units.csv's order
    for unit_id in some:
        _same(chosen[unit_id], cards[unit_id])
    with pytest.raises(KitlibError, match="no unit 'nobody'"):
        scorecards(sample_data, year, unit_ids=["nobody"])


def test_medians_of_others_are_numpys_medians():
    rng = np.random.default_rng(20261202)
    for _ in range(200):
        size = int(rng.integers(1, 40))
        group = rng.integers(-1, 5, size)
        values = np.round(rng.normal(5, 2, size), int(rng.integers(0, 2)))  # rounding makes ties
        values[rng.random(size) < 0.2] = np.nan
        expected = np.full(size, np.nan)
        for g in set(group) - {-1}:
            rows = np.flatnonzero(group == g)
            known = values[rows][~np.isnan(values[rows])]
            if len(known) < 2:
                continue
            for row in rows:
                others = np.delete(known, np.flatnonzero(known == values[row])[:1])
                expected[row] = np.median(others if not np.isnan(values[row]) else known)
        np.testing.assert_array_equal(_medians_of_others(group, values), expected)


def test_histories_are_each_units_history(synthetic_folder):
    data = load_data(_with_municipality_row(synthetic_folder))
    values = prepared_values(data)
    table = histories(data, values)
    for unit_id in data.units["unit_id"]:
        for indicator_id in data.indicators["indicator_id"]:
            for freq in (None, "T") if indicator_id == "sykefravaer" else (None,):
                expected = indicator_history(data, unit_id, indicator_id, freq=freq, values=values)
                _same(table.of(unit_id, indicator_id, freq), expected)
    assert len(table.of("bhg-a", "sykefravaer")) == 18  # tertials: the unit's most recent figures
    assert table.of("bhg-a", "innbyggere").empty


def test_one_cached_card_makes_every_units_card(synthetic_folder):
    folder = _with_municipality_row(synthetic_folder)
    past = time.time() - 60  # not a folder changed moments ago: load_data keeps it
    for path in folder.iterdir():
        os.utime(path, (past, past))
    cache.clear()
    try:
        data = load_data(folder)
        first = cached.cached_scorecard(data, "bhg-a", 2024)
        _same(first, scorecard(data, "bhg-a", 2024))
        made = []
        for unit_id in data.units["unit_id"]:
            card = cache.derived(data, cached.scorecard_key(unit_id, 2024), lambda: made.append(1))
            _same(card, scorecard(data, unit_id, 2024))
        assert not made
        with pytest.raises(KitlibError, match="no unit 'nobody'"):
            cached.cached_scorecard(data, "nobody", 2024)
    finally:
        cache.clear()
