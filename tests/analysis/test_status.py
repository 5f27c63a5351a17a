import numpy as np
import pandas as pd
import pytest

from kitlib.analysis.status import target_status


def status_of(value, target, direction, tolerance=np.nan, near_share=0.05):
    frame = pd.DataFrame(
        {"value": [value], "target": [target], "direction": [direction], "tolerance": [tolerance]}
    )
    return target_status(frame, near_share=near_share).iat[0]


@pytest.mark.parametrize(
    ("value", "target", "direction", "expected"),
    [
        (4.6, 4.5, "higher", "met"),
        (4.5, 4.5, "higher", "met"),
        (4.3, 4.5, "higher", "near"),  # within 5 % of 4.5
        (4.2, 4.5, "higher", "not_met"),
        (6.0, 6.5, "lower", "met"),
        (6.8, 6.5, "lower", "near"),
        (7.2, 6.5, "lower", "not_met"),
        (97.0, 100.0, "lower", "met"),  # spending: at most 100 % of budget
    ],
)
def test_status_is_direction_aware(value, target, direction, expected):
    assert status_of(value, target, direction) == expected


def test_missing_value_is_no_data_never_not_met():
    assert status_of(np.nan, 4.5, "higher") == "no_data"
    assert status_of(np.nan, 4.5, "lower") == "no_data"


def test_missing_target_or_no_direction_is_no_target():
    assert status_of(4.0, np.nan, "higher") == "no_target"
    assert status_of(4.0, 4.5, "none") == "no_target"
    assert status_of(np.nan, np.nan, "higher") == "no_target"


def test_explicit_tolerance_replaces_the_default_share():
    assert status_of(44.2, 45, "higher", tolerance=1) == "near"
    assert status_of(43.9, 45, "higher", tolerance=1) == "not_met"
    assert status_of(43.9, 45, "higher") == "near"  # default 5 % of 45 = 2.25
    assert status_of(43.9, 45, "higher", near_share=0.01) == "not_met"


@pytest.mark.parametrize(
    ("value", "target", "tolerance", "direction", "expected"),
    [
        # Each pair differs by exactly the tolerance: in binary floating point 4.9 - 4.8 is
        # 0.10000000000000053, which used to make the first case not_met.
        (4.8, 4.9, 0.1, "higher", "near"),
        (4.9, 5.0, 0.1, "higher", "near"),
        (0.7, 0.6, 0.1, "lower", "near"),
        (10.3, 10.0, 0.3, "lower", "near"),
        (4.7, 4.9, 0.1, "higher", "not_met"),
        (10.4, 10.0, 0.3, "lower", "not_met"),
    ],
)
def test_status_at_the_exact_boundary_is_decided_on_the_shown_figures(
    value, target, tolerance, direction, expected
):
    assert status_of(value, target, direction, tolerance=tolerance) == expected


def test_status_is_decided_on_figures_rounded_as_shown():
    frame = pd.DataFrame(
        {"value": [4.449, 4.451], "target": [4.5, 4.5], "direction": ["higher", "higher"],
         "tolerance": [np.nan, np.nan], "decimals": [1, 2]}
    )  # fmt: skip
    # shown as 4,4 and 4,45 against 4,5 (and 4,50): the first is outside 5 %, the second near
    assert target_status(frame, near_share=0.01).tolist() == ["not_met", "near"]


def test_survey_figure_whose_interval_holds_the_target_is_uncertain_either_way():
    frame = pd.DataFrame(
        {"value": [4.3, 4.3, 4.6, 4.6], "target": [4.5] * 4, "direction": ["higher"] * 4,
         "tolerance": [np.nan] * 4, "ci_low": [4.0, 4.25, 4.3, 4.55], "ci_high": [4.6, 4.35, 4.9, 4.65]}
    )  # fmt: skip
    # below the target but the interval holds it; clearly below; above but the interval holds
    # it (the survey cannot claim the target met either); clearly above
    assert target_status(frame, near_share=0.01).tolist() == ["uncertain", "not_met", "uncertain", "met"]
