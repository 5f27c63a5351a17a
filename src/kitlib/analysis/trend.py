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
    value: str = "value",
    index: str = "period_index",
    period: str = "period",
    n: str = "n",
    sd: str = "sd",
    population: str = "population",
    **options,
) -> TrendReading:
    """The trend of one unit's indicator at the last row of `series`.

    `series` holds one frequency, sorted by `index`, ending with the period reported; the
    `options` are those of `trend_of_arrays`.
    """
    return trend_of_arrays(
        series[value].to_numpy(dtype=float, na_value=np.nan),
        series[index].to_numpy(dtype=float, na_value=np.nan),
        direction,
        labels=series[period].to_numpy() if period in series else None,
        n=float_column(series, n),
        sd=float_column(series, sd),
        population=float_column(series, population),
        **options,
    )


def trend_of_arrays(
    values: np.ndarray,
    positions: np.ndarray,
    direction: str,
    *,
    labels: np.ndarray | None = None,
    n: np.ndarray | None = None,
    sd: np.ndarray | None = None,
    population: np.ndarray | None = None,
    periods: int = 3,
    min_points: int = 3,
    stable_share: float = 0.02,
    confidence_z: float = 1.96,
    is_share: bool = False,
    resolution: float = 1e-9,
) -> TrendReading:
    """The rule itself, on one series as arrays (float values with NaN for missing, their
    positions, and where known the period labels, respondents and standard deviations),
    sorted by position and ending with the period reported; many series are read without
    building a DataFrame for each.

    `is_share` says that survey figures are percentages of respondents; a change below
    half the `resolution` (the smallest step the reader sees, 0.1 for one decimal) is no change.
    """
    if len(values) == 0 or math.isnan(values[-1]):
        return TrendReading(Trend.INSUFFICIENT)
    present = ~np.isnan(values)
    series = _Series(values[present], positions[present], _take(labels, present), _take(n, present),
                     _take(sd, present), is_share, confidence_z, _take(population, present))  # fmt: skip
    last = series.last_change()
    in_window = series.positions > positions[-1] - periods
    window = np.flatnonzero(in_window)
    if len(window) < max(min_points, 2):
        return TrendReading(Trend.INSUFFICIENT, **last)
    window_values = series.values[window]
    window_positions = series.positions[window]
    change = fitted_change(window_positions, window_values)
    noise = series.survey_noise(window[0], window[-1]) if n is not None else math.nan
    if math.isnan(noise):  # no respondents at the ends: the series' own noise
        noise = series_change_noise(series.values, window_positions, confidence_z)
    if math.isnan(noise):
        noise = stable_share * float(np.mean(np.abs(window_values)))
    reading = dict(
        change=change,
        noise=noise,
        first_period=str(series.labels[window[0]]) if labels is not None else "",
        first_value=float(window_values[0]),
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


@dataclass(frozen=True)
class _Series:
    """The figures of a series that are present, with what their noise is read from."""

    values: np.ndarray
    positions: np.ndarray
    labels: np.ndarray | None
    n: np.ndarray | None
    sd: np.ndarray | None
    is_share: bool
    z: float
    population: np.ndarray | None = None  # people asked, for the finite population correction

    def last_change(self) -> dict:
        """The latest change, its period of departure, and (for surveys) its sampling error."""
        if len(self.values) < 2:
            return {}
        noise = self.survey_noise(-2, -1) if self.n is not None else math.nan
        return {
            "last_change": float(self.values[-1] - self.values[-2]),
            "last_change_noise": noise,
            "previous_period": str(self.labels[-2]) if self.labels is not None else "",
        }

    def survey_noise(self, first: int, last: int) -> float:
        """The sampling error of the change between two of the figures (NaN without respondents)."""
        rows = [
            {
                "value": float(self.values[i]),
                "n": self.n[i],
                "sd": self.sd[i] if self.sd is not None else math.nan,
                "population": self.population[i] if self.population is not None else math.nan,
            }
            for i in (first, last)
        ]
        return survey_change_noise(rows[0], rows[1], is_share=self.is_share, z=self.z)


def float_column(frame: pd.DataFrame, column: str) -> np.ndarray | None:
    """A column as floats (NaN where missing or not a number); None when there is no such column."""
    if column not in frame:
        return None
    return pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def _take(array: np.ndarray | None, mask: np.ndarray) -> np.ndarray | None:
    return None if array is None else array[mask]
