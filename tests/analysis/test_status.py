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
