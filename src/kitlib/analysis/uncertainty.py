"""How sure a figure is: confidence intervals of survey means and shares, and the noise
a change must exceed before it is called a change.

Survey means use Student's t with n - 1 degrees of freedom (small groups get wider
intervals than the normal curve would give); shares of respondents (percent with `n`)
use the Wilson score interval, which stays inside 0-100 % for small n and extreme shares.
Where the number of people asked (`population`, N) is known, the answers are most of a
finite group, not a sample of an unlimited one: the standard error is multiplied by the
finite population correction sqrt((N - n)/(N - 1)), and with n >= N (everyone counted)
there is no sampling uncertainty, so the interval is the figure itself.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

# Test scales normed to a known standard deviation among pupils: Udir's national tests report
# scale points (skalapoeng) with the country's mean 50 and standard deviation 10, and give a
# school's number of pupils but not its spread.
SCALE_SD = {"skalapoeng": 10.0}


def with_scale_sd(values: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """`values` with ``sd`` filled from SCALE_SD where the indicator's unit is such a scale, the
    row has a number of pupils (`n`) and no spread of its own: a school's mean of a national
    test gets an interval from its pupils, as a survey mean does from its respondents."""
    if "n" not in values:
        return values
    unit = values["indicator_id"].map(
        dict(zip(indicators["indicator_id"], indicators["unit"].astype(str).str.strip()))
    )
    known = unit.map(SCALE_SD)
    sd = pd.to_numeric(values["sd"], errors="coerce") if "sd" in values else pd.Series(np.nan, values.index)
    fill = known.notna() & sd.isna() & pd.to_numeric(values["n"], errors="coerce").notna()
    if not fill.any():
        return values
    out = values.copy()
    out["sd"] = sd.where(~fill, known)
    return out


def two_sided_level(z: float) -> float:
    """The probability that z standard normal errors cover on both sides (1.96 -> 0.95)."""
    return math.erf(z / math.sqrt(2))


def t_quantile(df, z: float = 1.96):
    """Student's t quantile with the same two-sided coverage as `z` (scipy's stdtrit)."""
    from scipy.special import stdtrit  # imported here: importing kitlib stays light

    upper = 0.5 + two_sided_level(z) / 2
    return stdtrit(np.asarray(df, dtype=float), upper)


def finite_correction(n, population) -> np.ndarray:
    """Per figure the factor its standard error is multiplied by: sqrt((N - n)/(N - 1)) where
    the population N is known, 0 where n >= N (everyone asked answered), 1 where N is not known."""
    n = np.asarray(n, dtype=float)
    big_n = np.broadcast_to(np.asarray(np.nan if population is None else population, dtype=float), n.shape)
    with np.errstate(invalid="ignore", divide="ignore"):
        factor = np.sqrt(np.clip((big_n - n) / (big_n - 1), 0, None))
    return np.where(np.isnan(big_n) | np.isnan(n), 1.0, np.where(n >= big_n, 0.0, factor))


def mean_interval(mean, sd, n, z: float = 1.96, population=None) -> tuple[np.ndarray, np.ndarray]:
    """(low, high) of the confidence interval of survey means; NaN where n < 2 or sd missing.
    With `population` (people asked) known, corrected for a finite population."""
    mean, sd, n = (np.asarray(x, dtype=float) for x in (mean, sd, n))
    with np.errstate(invalid="ignore", divide="ignore"):
        half = t_quantile(np.where(n >= 2, n - 1, np.nan), z) * sd / np.sqrt(n)
    half = half * finite_correction(n, population)
    return mean - half, mean + half


def share_interval(percent, n, z: float = 1.96, population=None) -> tuple[np.ndarray, np.ndarray]:
    """(low, high) in percent of the Wilson interval of a share of `n` respondents.

    With `population` known the binomial standard error is multiplied by the finite population
    correction f, which is Wilson's interval for the effective number n / f**2; with f = 0
    (everyone counted) the interval is the share itself."""
    p, n = np.asarray(percent, dtype=float) / 100, np.asarray(n, dtype=float)
    factor = finite_correction(n, population)
    with np.errstate(invalid="ignore", divide="ignore"):
        m = n / factor**2  # the effective number of respondents (inf where everyone answered)
        centre = (p + z * z / (2 * m)) / (1 + z * z / m)
        half = z * np.sqrt(p * (1 - p) / m + z * z / (4 * m * m)) / (1 + z * z / m)
    ok = (n >= 1) & (p >= 0) & (p <= 1)
    low, high = np.where(factor == 0, p, centre - half), np.where(factor == 0, p, centre + half)
    return np.where(ok, 100 * low, np.nan), np.where(ok, 100 * high, np.nan)


def add_intervals(frame: pd.DataFrame, *, z: float = 1.96, unit: str = "unit_of_measure") -> pd.DataFrame:
    """Add ``ci_low`` and ``ci_high`` to rows with respondents: means with `sd`, shares in %;
    corrected for a finite population where the row has `population`."""
    n, sd, population = (
        pd.to_numeric(frame[c], errors="coerce") if c in frame else pd.Series(np.nan, frame.index)
        for c in ("n", "sd", "population")
    )
    value = frame["value"].astype(float)
    is_share = frame[unit].astype(str).str.strip() == "%"
    mean_low, mean_high = mean_interval(value, sd, n, z, population)
    share_low, share_high = share_interval(value, n, z, population)
    out = frame.copy()
    out["ci_low"] = np.where(is_share, share_low, mean_low)
    out["ci_high"] = np.where(is_share, share_high, mean_high)
    return out


def inside_interval(frame: pd.DataFrame, values: pd.Series) -> pd.Series:
    """Per row: does `values` lie inside the row's interval (ci_low..ci_high)? False without one,
    and False for an interval of no width (everyone asked was counted: no uncertainty)."""
    if "ci_low" not in frame or "ci_high" not in frame:
        return pd.Series(False, frame.index)
    values = values.astype(float)
    low, high = frame["ci_low"], frame["ci_high"]
    return ((low <= values) & (values <= high) & (low < high)).fillna(False).astype(bool)


def survey_change_noise(first, last, *, is_share: bool, z: float = 1.96) -> float:
    """The change between two survey rows (value, n, sd) that chance alone could make.

    Means: t with min(n) - 1 degrees of freedom times the standard error of the
    difference; shares: z times the binomial standard error of the difference. NaN when
    the rows lack what is needed. A row's `population` (people asked), where given, corrects
    its variance for a finite population (0 where everyone answered).
    """
    n1, n2 = float(first["n"]), float(last["n"])
    if not (n1 >= 2 and n2 >= 2):  # also False for NaN
        return math.nan
    f1, f2 = (float(finite_correction(r["n"], _population(r))) ** 2 for r in (first, last))
    if is_share:
        p1, p2 = float(first["value"]) / 100, float(last["value"]) / 100
        return 100 * z * math.sqrt(f1 * p1 * (1 - p1) / n1 + f2 * p2 * (1 - p2) / n2)
    sd1, sd2 = float(first["sd"]), float(last["sd"])
    if math.isnan(sd1) or math.isnan(sd2):
        return math.nan
    return float(t_quantile(min(n1, n2) - 1, z)) * math.sqrt(f1 * sd1**2 / n1 + f2 * sd2**2 / n2)


def _population(row) -> float:
    """A row's number of people asked, NaN where it has none."""
    value = row.get("population", math.nan) if hasattr(row, "get") else math.nan
    return math.nan if value is None or pd.isna(value) else float(value)


def series_change_noise(history: np.ndarray, positions: np.ndarray, z: float = 1.96) -> float:
    """The change along a fitted line over `positions` that year-to-year noise alone could make.

    The noise level comes from the series itself: the spread of its period-to-period
    changes (over its whole `history`, at least three changes). With measurement noise
    sigma around a line, those changes have spread sigma * sqrt(2), and the fitted
    change across the window has standard error sigma * span / sqrt(sum((x - mean)^2)).
    NaN when the history is too short to tell.
    """
    diffs = np.diff(history[~np.isnan(history)])
    if len(diffs) < 3:
        return math.nan
    sigma = float(np.std(diffs, ddof=1)) / math.sqrt(2)
    centred = positions - positions.mean()
    span = positions[-1] - positions[0]
    return z * sigma * span / math.sqrt(float((centred**2).sum()))
