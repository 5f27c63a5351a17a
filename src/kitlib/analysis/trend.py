"""Trend over the last periods: improving, worsening or stable, honest about noise.

The rule (documented with its reasoning in data/README.md):
- a trend needs at least `min_points` (3) figures in the window of the last `periods`
  periods, the latest among them; two points are a change, not a trend;
- the change is read along a least-squares line through the window (robust to one odd
  middle point);
- it counts only when it exceeds what noise alone could make: for survey figures the
  sampling error of the difference between first and last point (t for means, binomial
  for shares), otherwise the spread of the series' own period-to-period changes, and
  only where neither can be estimated a fixed share (`stable_share`) of the level.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kitlib.analysis.codes import Trend
from kitlib.analysis.status import better_sign
from kitlib.analysis.uncertainty import series_change_noise, survey_change_noise


@dataclass(frozen=True)
class TrendReading:
    """What a sentence about a trend needs: the code, the change, its noise and where it started."""

    code: str
    change: float = math.nan  # across the window, along the fitted line
    noise: float = math.nan  # the change that noise alone could make
    first_period: str = ""  # the window's first period with a figure
    first_value: float = math.nan
    last_change: float = math.nan  # from the period before the latest to the latest
    last_change_noise: float = math.nan  # the sampling error of that change (survey figures)
    previous_period: str = ""

    @property
    def strength(self) -> float:
        """The change in units of its noise: how clearly the trend stands out."""
        return abs(self.change) / self.noise if self.noise and self.noise > 0 else math.nan


def fitted_change(positions: np.ndarray, values: np.ndarray) -> float:
    """Change across the window along a least-squares line."""
    if len(values) < 2:
        return math.nan
    slope = np.polyfit(positions, values, 1)[0]
    return float(slope * (positions[-1] - positions[0]))


def read_trend(
    series: pd.DataFrame,
    direction: str,
    *,
    periods: int = 3,
    min_points: int = 3,
    stable_share: float = 0.02,
    confidence_z: float = 1.96,
    is_share: bool = False,
    resolution: float = 1e-9,
    value: str = "value",
    index: str = "period_index",
    period: str = "period",
    n: str = "n",
    sd: str = "sd",
) -> TrendReading:
    """The trend of one unit's indicator at the last row of `series`.

    `series` holds one frequency, sorted by `index`, ending with the period reported;
    `is_share` says that survey figures are percentages of respondents; a change below
    half the `resolution` (the smallest step the reader sees, 0.1 for one decimal) is no change.
    """
    if series.empty or pd.isna(series[value].iloc[-1]):
        return TrendReading(Trend.INSUFFICIENT)
    present = series[series[value].notna()]
    last = _last_change(present, value, period, n, sd, is_share, confidence_z)
    last_index = series[index].iloc[-1]
    window = present[present[index] > last_index - periods]
    if len(window) < max(min_points, 2):
        return TrendReading(Trend.INSUFFICIENT, **last)
    values = window[value].to_numpy(dtype=float)
    positions = window[index].to_numpy(dtype=float)
    change = fitted_change(positions, values)
    history = present[value].to_numpy(dtype=float)
    noise = _noise(window, history, positions, value, n, sd, is_share, confidence_z)
    if math.isnan(noise):
        noise = stable_share * float(np.mean(np.abs(values)))
    first = window.iloc[0]
    reading = dict(
        change=change,
        noise=noise,
        first_period=str(first[period]) if period in window else "",
        first_value=float(first[value]),
        **last,
    )
    if abs(change) <= max(noise, resolution / 2):
        return TrendReading(Trend.STABLE, **reading)
    sign = better_sign(direction)
    if math.isnan(sign):
        return TrendReading(Trend.RISING if change > 0 else Trend.FALLING, **reading)
    return TrendReading(Trend.IMPROVING if sign * change > 0 else Trend.WORSENING, **reading)


def classify_trend(series: pd.DataFrame, direction: str, **options) -> tuple[str, float]:
    """(trend code, fitted change): the short form of `read_trend`."""
    reading = read_trend(series, direction, **options)
    return reading.code, reading.change


def _last_change(present, value, period, n, sd, is_share, z) -> dict:
    """The latest change, its period of departure, and (for surveys) its sampling error."""
    if len(present) < 2:
        return {}
    ends = present.iloc[[-2, -1]]
    noise = _survey_noise(ends, value, n, sd, is_share, z) if n in present else math.nan
    return {
        "last_change": float(ends[value].iloc[1] - ends[value].iloc[0]),
        "last_change_noise": noise,
        "previous_period": str(ends[period].iloc[0]) if period in present else "",
    }


def _survey_noise(ends, value, n, sd, is_share, z) -> float:
    rows = [
        {
            "value": float(row[value]),
            "n": pd.to_numeric(row[n], errors="coerce"),
            "sd": pd.to_numeric(row[sd], errors="coerce") if sd in ends else math.nan,
        }
        for _, row in ends.iterrows()
    ]
    return survey_change_noise(rows[0], rows[-1], is_share=is_share, z=z)


def _noise(window, history, positions, value, n, sd, is_share, z) -> float:
    """Survey sampling error where the ends carry respondents, else the series' own noise."""
    if n in window:
        noise = _survey_noise(window.iloc[[0, -1]], value, n, sd, is_share, z)
        if not math.isnan(noise):
            return noise
    return series_change_noise(history, positions, z)
