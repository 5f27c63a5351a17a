"""Target status: is a value on target, near it, or not, given which way is better?

Status is decided on the figures as the reader sees them: value, target and margin are
rounded to the indicator's decimals first, so a figure shown as ``4,8`` against a target
of ``4,9`` with a margin of ``0,1`` is near, exactly as a reader checking by hand finds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kitlib.analysis.codes import Status
from kitlib.analysis.rounding import round_half_up_array
from kitlib.analysis.uncertainty import inside_interval

DIRECTION_SIGN = {"higher": 1.0, "lower": -1.0, "none": np.nan}
DEFAULT_DECIMALS = 1  # the contract's default for an indicator without `decimals`


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
    decimals: str = "decimals",
    near_share: float = 0.05,
) -> pd.Series:
    """Status code per row: met, near, uncertain, not_met, no_data or no_target.

    A missing target (or direction ``none``) is ``no_target``; a missing value is
    ``no_data``, never ``not_met``. The margin counted as near is the row's absolute
    `tolerance`, or `near_share` of |target| where none is given. Where the row carries a
    confidence interval (``ci_low``, ``ci_high``: a survey figure) and the target lies
    inside it, the figure is ``uncertain`` on either side of the target: the survey cannot
    tell whether the target was reached, so it is neither claimed met nor called missed.
    """
    sign = better_sign(frame[direction])
    places = (
        pd.to_numeric(frame[decimals], errors="coerce").fillna(DEFAULT_DECIMALS)
        if decimals in frame
        else pd.Series(DEFAULT_DECIMALS, frame.index)
    ).astype(int)
    goal = pd.Series(round_half_up_array(frame[target], places), frame.index)
    actual = pd.Series(round_half_up_array(frame[value], places), frame.index)
    margin = frame[tolerance].astype(float) if tolerance in frame else pd.Series(np.nan, frame.index)
    margin = pd.Series(round_half_up_array(margin.fillna(near_share * goal.abs()), places), frame.index)
    # Distance past the target in units of the last shown decimal, positive when better:
    # whole numbers, so the boundaries are exact, and one test serves both directions.
    step = 10.0 ** (-places)
    surplus = np.rint(sign * (actual - goal) / step)
    allowed = np.rint(margin / step)
    status = np.select(
        [goal.isna() | sign.isna(), actual.isna(), inside_interval(frame, frame[target]), surplus >= 0],
        [Status.NO_TARGET, Status.NO_DATA, Status.UNCERTAIN, Status.MET],
        default=np.where(surplus >= -allowed, Status.NEAR, Status.NOT_MET),
    )
    return pd.Series(status, index=frame.index, name="status")
