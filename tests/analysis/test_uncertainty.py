"""Survey intervals, fixed prices and underspending, as data/README.md documents them."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from conftest import write_cost_folder

from kitlib import load_data
from kitlib.analysis.prices import in_fixed_prices, is_money
from kitlib.analysis.scorecard import scorecard
from kitlib.analysis.uncertainty import mean_interval, share_interval, survey_change_noise, with_scale_sd


def test_mean_interval_uses_students_t():
    low, high = mean_interval([4.5], [0.9], [25])
    # t(24; 0.975) = 2.0639: 2.0639 * 0.9 / 5 = 0.3715
    assert low[0] == pytest.approx(4.5 - 0.3715, abs=1e-4)
    assert high[0] == pytest.approx(4.5 + 0.3715, abs=1e-4)
    # fewer answers, wider interval than the normal curve's 1.96
    low5, high5 = mean_interval([4.5], [0.9], [5])
    assert (high5[0] - low5[0]) / 2 > 1.96 * 0.9 / math.sqrt(5)
    assert all(np.isnan(mean_interval([4.5], [np.nan], [25])))


def test_share_interval_is_wilson_and_stays_within_0_and_100():
    low, high = share_interval([0.0, 10.0, 100.0], [20, 40, 20])
    assert low[0] == pytest.approx(0.0) and high[0] > 0
    assert high[2] == pytest.approx(100.0) and low[2] < 100
    # 10 % of 40: Wilson interval 3.96 % to 23.05 %
    assert (low[1], high[1]) == pytest.approx((3.96, 23.05), abs=0.01)


def test_bullying_shares_from_small_classes_move_by_chance():
    first, last = {"value": 10.0, "n": 40, "sd": np.nan}, {"value": 6.0, "n": 40, "sd": np.nan}
    assert survey_change_noise(first, last, is_share=True) > 4.0  # 4 points is inside the noise


def test_kroner_are_compared_in_fixed_prices_when_a_deflator_is_given():
    assert is_money("NOK") and is_money("kr per innbygger") and not is_money("%")
    series = pd.DataFrame({"year": [2023, 2024, 2025], "value": [100.0, 103.0, 106.09]})
    fixed = in_fixed_prices(series, {2023: 100.0, 2024: 103.0, 2025: 106.09}, 2025)
    assert fixed["value"].tolist() == pytest.approx([106.09] * 3)
    assert in_fixed_prices(series, {2024: 103.0, 2025: 106.09}, 2025) is None  # 2023 missing


@pytest.fixture
def cost_folder(tmp_path):
    """Spending per child rising 3 % a year, exactly with prices; budget use of about 93 %."""
    return write_cost_folder(tmp_path / "cost", growth=0.03, budget_use=93.0)


def _deflated(folder, settings: str):
    (folder / "kit.toml").write_text(settings, encoding="utf-8")
    return scorecard(load_data(folder), "bhg", 2025).set_index("indicator_id")


def test_nominal_growth_with_prices_is_no_trend_in_fixed_prices(cost_folder):
    index = "\n".join(f"{y} = {100 * 1.03 ** (y - 2019):.4f}" for y in range(2019, 2026))
    fixed = _deflated(cost_folder, f"[deflator]\n{index}\n")
    assert fixed.loc["kostnad", "fixed_prices"] == True  # noqa: E712 (a pandas boolean)
    assert fixed.loc["kostnad", "trend"] == "stable"
    nominal = _deflated(cost_folder, "")
    assert nominal.loc["kostnad", "fixed_prices"] == False  # noqa: E712
    assert nominal.loc["kostnad", "trend"] == "worsening"  # 3 % a year, read in nominal kroner


def test_underspending_below_the_warning_is_flagged_but_still_met(cost_folder):
    card = _deflated(cost_folder, "[budget]\nunderspend_warning = 95\n")
    assert card.loc["forbruk", "status"] == "met"
    assert bool(card.loc["forbruk", "underspend"])
    assert not _deflated(cost_folder, "")["underspend"].any()


def test_a_national_test_gets_its_interval_from_the_pupils_who_sat_it(sample_data):
    """Scale points have standard deviation 10 among pupils: a school of 8 pupils is no
    clear step from a target 3 points away, a school of 50 is."""
    card = scorecard(sample_data, "skole-stranda", sample_data.latest_year).set_index("indicator_id")
    small = card.loc["skole_np_lesing5"]
    low, high = mean_interval(small["value"], 10.0, small["n"])
    assert small["n"] < 10
    assert (small["ci_low"], small["ci_high"]) == pytest.approx((float(low), float(high)))
    assert small["ci_low"] < small["target"] < small["ci_high"]
    assert small["status"] == "uncertain"  # neither ✔ nor ✘: the target lies inside the interval
    big = scorecard(sample_data, "skole-nordby", sample_data.latest_year).set_index("indicator_id")
    big = big.loc["skole_np_lesing5"]
    assert big["ci_high"] - big["ci_low"] < small["ci_high"] - small["ci_low"]


def test_a_scale_spread_is_filled_only_where_the_pupils_are_known_and_no_spread_is_given():
    indicators = pd.DataFrame({"indicator_id": ["np", "score"], "unit": ["skalapoeng", "score 1-6"]})
    values = pd.DataFrame(
        {"indicator_id": ["np", "np", "np", "score"], "value": [50.0, 52.0, 48.0, 4.5],
         "n": [30, np.nan, 12, 40], "sd": [np.nan, np.nan, 9.0, np.nan]}
    )  # fmt: skip
    filled = with_scale_sd(values, indicators)
    assert filled["sd"].tolist()[0] == 10.0 and filled["sd"].tolist()[2] == 9.0
    assert math.isnan(filled["sd"].tolist()[1]) and math.isnan(filled["sd"].tolist()[3])
    assert values["sd"].isna().sum() == 3  # the input is left as it was
