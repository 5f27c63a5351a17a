"""Target status: is a value on target, near it, or not, given which way is better?"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kitlib.analysis.codes import Status

DIRECTION_SIGN = {"higher": 1.0, "lower": -1.0, "none": np.nan}


def better_sign(direction: pd.Series | str):
    """+1 where higher is better, -1 where lower is, NaN where neither."""
    if isinstance(direction, str):
        return DIRECTION_SIGN.get(direction, np.nan)
    return direction.map(DIRECTION_SIGN).astype(float)


def target_status(
    frame: pd.DataFrame,
    *,
    value: str = "value",
    target: str = "target",
    direction: str = "direction",
    tolerance: str = "tolerance",
    near_share: float = 0.05,
) -> pd.Series:
    """Status code per row: met, near, not_met, no_data or no_target.

    A missing target (or direction ``none``) is ``no_target``; a missing value is
    ``no_data``, never ``not_met``. The margin counted as near is the row's absolute
    `tolerance`, or `near_share` of |target| where none is given.
    """
    sign = better_sign(frame[direction])
    goal = frame[target].astype(float)
    actual = frame[value].astype(float)
    margin = frame[tolerance].astype(float) if tolerance in frame else pd.Series(np.nan, frame.index)
    margin = margin.fillna(near_share * goal.abs())
    # Distance past the target, positive when better: the same test for both directions.
    surplus = sign * (actual - goal)
    status = np.select(
        [goal.isna() | sign.isna(), actual.isna(), surplus >= 0, surplus >= -margin],
        [Status.NO_TARGET, Status.NO_DATA, Status.MET, Status.NEAR],
        default=Status.NOT_MET,
    )
    return pd.Series(status, index=frame.index, name="status")
