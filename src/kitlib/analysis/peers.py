"""Comparisons: a unit against the other units of its service area and against benchmarks.

Gaps are signed so that a positive gap means better than the peer; for indicators
with direction ``none`` the gap is missing and only the plain difference is given.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kitlib.analysis.status import better_sign

MIN_OTHER_UNITS = 4  # fewer others make a median of one or two figures, and a rank that says little


def compare_units(
    values: pd.DataFrame,
    units: pd.DataFrame,
    indicators: pd.DataFrame,
    *,
    min_others: int = MIN_OTHER_UNITS,
) -> pd.DataFrame:
    """Per value row: rank among the service area's units, their count and the others' median.

    Rank and median are given only where at least `min_others` other units have a figure;
    with fewer, a "median of the other units" is one or two units' figures, and a rank
    among three says little.

    Adds ``peer_rank`` (1 = best; missing where direction is none or value missing),
    ``peer_count`` (units with a figure), ``peer_median`` (median of the *other* units),
    ``peer_diff`` (value - median) and ``peer_gap`` (signed, positive = better).
    """
    frame = values.merge(units[["unit_id", "service_area"]], on="unit_id", how="left")
    frame = frame.merge(indicators[["indicator_id", "direction"]], on="indicator_id", how="left")
    sign = better_sign(frame["direction"])
    groups = frame.assign(_score=frame["value"] * sign).groupby(
        ["service_area", "indicator_id", "period"], sort=False
    )
    frame["peer_count"] = groups["value"].transform("count").astype("Int64")
    frame["peer_rank"] = groups["_score"].rank(ascending=False, method="min").astype("Int64")
    frame["peer_median"] = _medians_of_others(
        groups.ngroup().to_numpy(), frame["value"].to_numpy(dtype=float)
    )
    others = frame["peer_count"].astype(float) - frame["value"].notna()
    too_few = others < min_others
    frame.loc[too_few, "peer_median"] = np.nan
    frame["peer_rank"] = frame["peer_rank"].mask(too_few)
    frame["peer_diff"] = frame["value"] - frame["peer_median"]
    frame["peer_gap"] = sign * frame["peer_diff"]
    return frame.drop(columns=["service_area", "direction"])


def _medians_of_others(group: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Per row, the median of the other figures of its group (`group`: a number per row, -1 for
    none); a row without a figure sees the median of all who have one; NaN where fewer than two
    have one. All groups at once: within each group's sorted figures, leaving out the row's own
    figure shifts the middle by one place when the figure lies below it."""
    out = np.full(len(values), np.nan)
    known = np.flatnonzero((group >= 0) & ~np.isnan(values))
    known = known[np.lexsort((values[known], group[known]))]
    if len(known) == 0:
        return out
    codes, s = group[known], values[known]
    count = np.bincount(codes, minlength=group.max() + 1)
    start = np.concatenate([[0], np.cumsum(count)[:-1]])
    # the rows with a figure: the median of their group's m - 1 other figures
    m = count[codes]
    own = np.arange(len(known)) - start[codes]  # the figure's place in its group's sorted figures
    lower, upper = (m - 2) // 2, (m - 1) // 2  # the middle place(s) among the m - 1 others
    low = s[np.minimum(start[codes] + lower + (lower >= own), len(s) - 1)]
    high = s[np.minimum(start[codes] + upper + (upper >= own), len(s) - 1)]
    # np.median's arithmetic: the middle figure itself, or the plain mean of the two middle ones
    out[known] = np.where(m >= 2, np.where(lower == upper, low, (low + high) / 2), np.nan)
    # the rows without a figure, in groups with at least two: the median of all m figures
    absent = np.flatnonzero((group >= 0) & np.isnan(values))
    absent = absent[count[group[absent]] >= 2]
    m, first = count[group[absent]], start[group[absent]]
    low, high = s[first + (m - 1) // 2], s[first + m // 2]
    out[absent] = np.where(m % 2 == 1, low, (low + high) / 2)
    return out


def add_benchmarks(
    frame: pd.DataFrame, benchmarks: pd.DataFrame, indicators: pd.DataFrame, groups: dict[str, str]
) -> pd.DataFrame:
    """Add ``{role}_value`` and ``{role}_gap`` for each benchmark group named in `groups`
    (role -> group), matched on indicator and period; the gap is positive when better."""
    sign = better_sign(frame[["indicator_id"]].merge(indicators, on="indicator_id", how="left")["direction"])
    for role, group in groups.items():
        match = benchmarks.loc[benchmarks["group"] == group, ["indicator_id", "period", "value"]]
        match = match.rename(columns={"value": f"{role}_value"})
        frame = frame.merge(match, on=["indicator_id", "period"], how="left")
        frame[f"{role}_gap"] = sign.to_numpy() * (frame["value"] - frame[f"{role}_value"])
    return frame
