"""Trend over the last periods: improving, worsening or stable, honest about noise."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from kitlib.analysis.codes import Trend
from kitlib.analysis.status import better_sign


def fitted_change(positions: np.ndarray, values: np.ndarray) -> float:
    """Change across the window along a least-squares line (robust to one odd middle point)."""
    if len(values) < 2:
        return math.nan
    slope = np.polyfit(positions, values, 1)[0]
    return float(slope * (positions[-1] - positions[0]))


def classify_trend(
    series: pd.DataFrame,
    direction: str,
    *,
    periods: int = 3,
    stable_share: float = 0.02,
    confidence_z: float = 1.96,
    value: str = "value",
    index: str = "period_index",
    n: str = "n",
    sd: str = "sd",
) -> tuple[str, float]:
    """(trend code, fitted change) of one unit's indicator at the last row of `series`.

    `series` holds one frequency, sorted by `index`, ending with the period reported.
    The window is the last `periods` periods. A change inside the noise is ``stable``:
    for survey figures with `n` and `sd` the noise is `confidence_z` standard errors of
    the difference between first and last point; otherwise `stable_share` of the level.
    """
    if series.empty or pd.isna(series[value].iloc[-1]):
        return Trend.INSUFFICIENT, math.nan
    last_index = series[index].iloc[-1]
    window = series[(series[index] > last_index - periods) & series[value].notna()]
    if len(window) < 2:
        return Trend.INSUFFICIENT, math.nan
    values = window[value].to_numpy(dtype=float)
    change = fitted_change(window[index].to_numpy(dtype=float), values)
    noise = _noise(window, n, sd, confidence_z)
    if math.isnan(noise):
        noise = stable_share * float(np.mean(np.abs(values)))
    if abs(change) <= noise:
        return Trend.STABLE, change
    sign = better_sign(direction)
    if math.isnan(sign):
        return (Trend.RISING if change > 0 else Trend.FALLING), change
    return (Trend.IMPROVING if sign * change > 0 else Trend.WORSENING), change


def _noise(window: pd.DataFrame, n: str, sd: str, z: float) -> float:
    """z standard errors of the difference of two independent survey means, or NaN."""
    if n not in window or sd not in window:
        return math.nan
    ends = window.iloc[[0, -1]]
    counts = pd.to_numeric(ends[n], errors="coerce").astype(float)
    spreads = pd.to_numeric(ends[sd], errors="coerce").astype(float)
    if counts.isna().any() or spreads.isna().any() or (counts <= 0).any():
        return math.nan
    return z * math.sqrt(float((spreads**2 / counts).sum()))
