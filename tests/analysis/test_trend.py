import math

import pandas as pd
import pytest

from kitlib.analysis.trend import classify_trend


def series(values, n=None, sd=None, start=2006):
    frame = pd.DataFrame({"period_index": range(start, start + len(values)), "value": values})
    if n is not None:
        frame["n"] = n
        frame["sd"] = sd
    return frame


def test_falling_sick_leave_is_improving_rising_is_worsening():
    assert classify_trend(series([11.6, 10.35, 10.06]), "lower")[0] == "improving"
    assert classify_trend(series([10.06, 10.35, 11.6]), "lower")[0] == "worsening"
    assert classify_trend(series([4.2, 4.4, 4.6]), "higher")[0] == "improving"


def test_change_within_the_relative_threshold_is_stable():
    trend, change = classify_trend(series([50.0, 50.3, 50.4]), "higher", stable_share=0.02)
    assert trend == "stable"
    assert change == pytest.approx(0.4)


def test_survey_change_inside_its_uncertainty_is_stable():
    # 4.3 -> 4.6 from 12 respondents each with sd 1.0: se of the difference = 0.41
    noisy = series([4.3, 4.45, 4.6], n=[12, 12, 12], sd=[1.0, 1.0, 1.0])
    assert classify_trend(noisy, "higher")[0] == "stable"
    # the same change from 400 respondents each is real
    solid = series([4.3, 4.45, 4.6], n=[400, 400, 400], sd=[1.0, 1.0, 1.0])
    assert classify_trend(solid, "higher")[0] == "improving"


def test_too_few_points_or_missing_latest_is_insufficient_data():
    assert classify_trend(series([4.5]), "higher")[0] == "insufficient_data"
    assert classify_trend(series([4.89, 4.70, math.nan]), "higher")[0] == "insufficient_data"
    assert classify_trend(series([math.nan, math.nan, 4.7]), "higher")[0] == "insufficient_data"


def test_only_the_last_periods_count():
    # a big early fall is outside the three-period window
    assert classify_trend(series([20.0, 10.0, 10.0, 10.05, 10.1]), "lower")[0] == "stable"


def test_no_direction_gives_rising_or_falling_not_a_judgement():
    assert classify_trend(series([100.0, 120.0, 140.0]), "none")[0] == "rising"
    assert classify_trend(series([140.0, 120.0, 100.0]), "none")[0] == "falling"
