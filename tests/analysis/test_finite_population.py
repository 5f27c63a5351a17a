"""Survey intervals where the people asked are known (values.csv `population`): the finite
population correction sqrt((N - n)/(N - 1)) narrows them, and a complete count has none."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from kitlib.analysis.status import Status, target_status
from kitlib.analysis.uncertainty import (
    add_intervals,
    finite_correction,
    mean_interval,
    share_interval,
    survey_change_noise,
)


def test_mean_half_width_is_the_t_half_width_times_the_correction():
    # 8 answers from 9 employees: t(7; 0.975) = 2.3646, sd 0.9
    low, high = mean_interval([4.5], [0.9], [8], population=[9])
    by_hand = 2.3646 * 0.9 / math.sqrt(8) * math.sqrt((9 - 8) / (9 - 1))
    assert (high[0] - low[0]) / 2 == pytest.approx(by_hand, abs=1e-4)
    uncorrected_low, _ = mean_interval([4.5], [0.9], [8])
    assert low[0] > uncorrected_low[0]


def test_share_interval_is_wilsons_for_the_effective_number_of_respondents():
    # 50 % of 30 from 60 asked: f^2 = 30/59, so the effective number is 30 * 59 / 30 = 59
    low, high = share_interval([50.0], [30], population=[60])
    m, z = 30 / (30 / 59), 1.96
    half = z * math.sqrt(0.25 / m + z * z / (4 * m * m)) / (1 + z * z / m)
    assert (high[0] - low[0]) / 2 == pytest.approx(100 * half, abs=1e-6)
    wide_low, wide_high = share_interval([50.0], [30])
    assert high[0] - low[0] < wide_high[0] - wide_low[0]


@pytest.mark.parametrize("n, population", [(9, 9), (11, 9), (1, 1)])
def test_everyone_counted_leaves_no_interval_but_the_figure(n, population):
    assert finite_correction([n], [population])[0] == 0
    low, high = mean_interval([4.5], [0.9], [n], population=[population])
    if n >= 2:  # one answer has no spread to read, so no mean interval at all
        assert (low[0], high[0]) == (pytest.approx(4.5), pytest.approx(4.5))
    low, high = share_interval([20.0], [n], population=[population])
    assert (low[0], high[0]) == (pytest.approx(20.0), pytest.approx(20.0))


def test_without_a_population_intervals_are_as_before():
    assert finite_correction([8], [np.nan])[0] == 1.0
    corrected, plain = mean_interval([4.5], [0.9], [8], population=[np.nan]), mean_interval([4.5], [0.9], [8])
    assert np.concatenate(corrected) == pytest.approx(np.concatenate(plain))
    assert np.concatenate(share_interval([10.0], [40], population=None)) == pytest.approx(
        np.concatenate(share_interval([10.0], [40]))
    )
    first, last = {"value": 10.0, "n": 40, "sd": np.nan}, {"value": 6.0, "n": 40, "sd": np.nan}
    with_nan = {**last, "population": np.nan}
    assert survey_change_noise(first, with_nan, is_share=True) == survey_change_noise(
        first, last, is_share=True
    )


def test_change_noise_shrinks_with_the_correction_and_vanishes_for_complete_counts():
    first = {"value": 4.0, "n": 28, "sd": 0.8, "population": 30}
    last = {"value": 4.3, "n": 28, "sd": 0.8, "population": 30}
    plain = survey_change_noise(
        {**first, "population": np.nan}, {**last, "population": np.nan}, is_share=False
    )
    corrected = survey_change_noise(first, last, is_share=False)
    assert corrected == pytest.approx(plain * math.sqrt(2 / 29))
    everyone = survey_change_noise({**first, "population": 28}, {**last, "population": 28}, is_share=False)
    assert everyone == 0


def test_a_complete_count_is_met_or_not_met_never_uncertain():
    rows = pd.DataFrame(
        {
            "value": [4.3, 4.3, 4.3],
            "n": [9, 9, 9],
            "sd": [0.9, 0.9, 0.9],
            "population": [9, 9, np.nan],
            "unit": ["score 1-6"] * 3,
            "target": [4.3, 4.4, 4.4],
            "tolerance": [np.nan] * 3,
            "direction": ["higher"] * 3,
        }
    )
    rows = add_intervals(rows, unit="unit")
    assert (rows["ci_low"].iloc[:2] == rows["value"].iloc[:2]).all()
    statuses = list(target_status(rows))
    assert statuses[0] == Status.MET
    assert statuses[1] != Status.UNCERTAIN  # 4.3 against 4.4, counted: near or not met
    assert statuses[2] == Status.UNCERTAIN  # the same figure as a sample of an unlimited group
