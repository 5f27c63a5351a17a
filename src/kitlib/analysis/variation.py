"""Variation over time: process-behaviour (XmR) charts and run charts for frequent series.

"Is this a real change, or noise?" For figures reported every month, quarter or tertial,
public services answer it with statistical process control: NHS England's *Making Data
Count* (XmR charts, four rules, variation and assurance icons; the R package
NHSRplotthedots) and Jacob Anhøj's run-chart rules (the R package qicharts2). The rules are
in kitlib.analysis.spc_rules; this module computes the chart:

- the centre is the mean of the points (the median for a run chart), the process limits
  centre ± 2.66 × the mean moving range (the mean distance between neighbouring points;
  2.66 = 3 / 1.128 turns it into three standard deviations). With `screen_outliers`, moving
  ranges above 3.267 × their mean (their own upper limit) are left out of that mean, so one
  odd month does not widen the limits for all;
- a missing period breaks the moving range: no range spans a gap (kitlib's period notation,
  ``2025M01``, tells a gap from the calendar; other labels by a missing value in their row);
- `baseline` fixes centre and limits on the first N points; `rebase` starts afresh at the
  periods given (a known change of process: a reorganisation, a new system);
- fewer than MIN_POINTS points give no limits (``limits`` says ``too_few_points``); from
  MIN_POINTS to FINAL_POINTS - 1 the limits are ``provisional``.

Seasons are not signals: a series with a strong season (sick leave is high in the first
tertial) must be read seasonally adjusted, or not at all; the rules assume none.
Pure functions on DataFrames; no files, plots or words.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import pandas as pd

from kitlib.analysis import spc_rules
from kitlib.analysis.status import better_sign
from kitlib.analysis.yearly import PARTS_PER_YEAR
from kitlib.data.periods import PeriodError, parse_period
from kitlib.errors import SeriesError

LIMIT = 2.66  # process limits: centre ± LIMIT × mean moving range
SCREEN = 3.267  # a moving range above SCREEN × the mean is an outlier (its own upper limit, D4)
MIN_POINTS, FINAL_POINTS = 12, 20  # no limits below 12 points; provisional below 20


class Signal(StrEnum):
    """The rule that flags a point, in the order that decides when several apply."""

    OUTSIDE = "outside"
    SHIFT = "shift"
    TREND = "trend"
    TWO_OF_THREE = "two_of_three"
    LONG_RUN = "long_run"  # run charts (Anhøj)
    FEW_CROSSINGS = "few_crossings"  # run charts (Anhøj): the series as a whole
    NONE = ""


class Point(StrEnum):
    IMPROVEMENT = "improvement"
    CONCERN = "concern"
    NEUTRAL = "neutral"  # special cause where no direction is better, or few crossings
    COMMON = "common"
    MISSING = ""  # no figure, or no limits to read it against


class Limits(StrEnum):
    FINAL = "final"
    PROVISIONAL = "provisional"
    TOO_FEW = "too_few_points"


class Variation(StrEnum):
    """The series' variation now: what its latest point shows (Making Data Count's icon)."""

    IMPROVEMENT = "improvement"
    CONCERN = "concern"
    NEUTRAL = "neutral"
    COMMON_CAUSE = "common_cause"
    NONE = ""  # no limits to read it against


class Assurance(StrEnum):
    """Can the process, as it runs now, meet the target (Making Data Count's icon)?"""

    PASS = "pass"  # the target lies beyond the limit on the bad side: every period meets it
    FAIL = "fail"  # beyond the limit on the good side: no period will, unless the work changes
    HIT_AND_MISS = "hit_and_miss"  # between the limits: some periods will, some will not
    NONE = ""  # no target, no direction, or no limits


XMR_COLUMNS = ["centre", "lower", "upper", "signal", "point", "limits", "segment"]


def xmr(
    frame: pd.DataFrame,
    *,
    value: str = "value",
    period: str = "period",
    direction: str = "none",
    rebase=(),
    baseline: int | None = None,
    screen_outliers: bool = True,
    rules: str = "xmr",
    decimals: int | None = None,
) -> pd.DataFrame:
    """A copy of `frame` in period order with the chart's columns (XMR_COLUMNS): ``centre``,
    ``lower`` and ``upper`` (NaN without limits, and always for a run chart's limits),
    ``signal`` (Signal), ``point`` (Point, direction-aware: lower sick leave is an
    improvement), ``limits`` (Limits) and ``segment`` (0, then 1 from the first rebase...).

    `rules` is ``"xmr"`` (the four rules of Making Data Count) or ``"anhoej"`` (a run chart:
    the median as centre, Anhøj's two rules). Raises SeriesError for a period given twice,
    a rebase period the series does not have, or periods of different frequencies.

    With `decimals` (the figures as the reader sees them), a point is outside a limit only
    when it is outside on the rounded figures: 10,3 % is not beyond a limit shown as 10,3 %."""
    if rules not in ("xmr", "anhoej"):
        raise SeriesError(f"rules must be 'xmr' or 'anhoej', not {rules!r}")
    out, positions = _ordered(frame, value, period)
    out["segment"] = _segments(out[period], rebase)
    for column, empty in zip(XMR_COLUMNS[:-1], (np.nan, np.nan, np.nan, "", "", "")):
        out[column] = empty
    sign = better_sign(direction)
    for _, rows in out.groupby("segment", sort=True):
        where = rows.index
        y = rows[value].to_numpy(dtype=float)
        read = _read_segment(y, positions[where], baseline, screen_outliers, rules, sign, decimals)
        for column, values in read.items():
            out.loc[where, column] = values
    return out


def _ordered(frame: pd.DataFrame, value: str, period: str) -> tuple[pd.DataFrame, np.ndarray]:
    """The frame in period order (a fresh index), and each row's position in time: consecutive
    integers for kitlib periods (a missing month leaves a hole), else the row number."""
    for column in (value, period):
        if column not in frame:
            raise SeriesError(
                f"the series has no column '{column}': pass the column's name as value= or period="
            )
    repeated = frame[period][frame[period].duplicated()]
    if len(repeated):
        raise SeriesError(
            f"period {repeated.iat[0]} is in the series more than once: give one figure per period"
        )
    try:
        parsed = [parse_period(str(p)) for p in frame[period]]
    except PeriodError:
        parsed = None
    if parsed and len({p.freq for p in parsed}) > 1:
        raise SeriesError("the series mixes frequencies (years and months): chart one frequency at a time")
    if parsed:
        order = np.argsort([p.index for p in parsed], kind="stable")
        out = frame.iloc[order].reset_index(drop=True)
        return out.assign(**{value: pd.to_numeric(out[value], errors="coerce")}), np.array(
            [parsed[i].index for i in order]
        )
    out = frame.sort_values(period, kind="stable").reset_index(drop=True)
    return out.assign(**{value: pd.to_numeric(out[value], errors="coerce")}), np.arange(len(out))


def seasonally_adjusted(frame: pd.DataFrame, *, value: str = "value", period: str = "period") -> pd.DataFrame:
    """A copy of `frame` with `value` seasonally adjusted: each figure minus its month's (or
    tertial's, quarter's) mean departure from its year's mean over the full years (a classical
    additive adjustment), centred so that the series keeps its level. Only full years estimate
    the season, so a year with its spring months alone, or a change of level between years, is
    not taken for season. (The median departure would keep one odd month out of its season,
    but with two or three years it reads the noise of single months as special causes: on the
    sample it flagged ordinary Augusts.) A season no longer reads as a shift or a point beyond
    a limit. Needs kitlib periods below a year and two full years; raises SeriesError otherwise."""
    try:
        parsed = [parse_period(str(p)) for p in frame[period]]
    except PeriodError as error:
        raise SeriesError(f"seasonal adjustment needs periods such as 2025M01 or 2025T1: {error}") from None
    freqs = {p.freq for p in parsed}
    parts = PARTS_PER_YEAR.get(next(iter(freqs)), 1) if len(freqs) == 1 else 1
    figures = pd.to_numeric(frame[value], errors="coerce")
    year = pd.Series([p.year for p in parsed], index=frame.index)
    sub = pd.Series([p.sub for p in parsed], index=frame.index)
    full = figures.notna().groupby(year).transform("sum") == parts
    if parts == 1 or year[full].nunique() < 2:
        raise SeriesError(
            "seasonal adjustment needs one frequency below a year and at least two full years of it"
        )
    departure = (figures - figures.groupby(year).transform("mean"))[full]
    usual = departure.groupby(sub[full]).mean()
    usual -= usual.mean()
    return frame.assign(**{value: figures - sub.map(usual).fillna(0.0)})


def _segments(periods: pd.Series, rebase) -> np.ndarray:
    """0 up to the first rebase period, 1 from it, and so on."""
    rebase = [rebase] if isinstance(rebase, str) else list(rebase)
    texts = periods.astype(str).tolist()
    starts = []
    for start in rebase:
        if str(start) not in texts:
            raise SeriesError(
                f"rebase period {start} is not in the series (it runs from {texts[0]} to {texts[-1]}): "
                "give a period the series has"
            )
        starts.append(texts.index(str(start)))
    segment = np.zeros(len(texts), dtype=int)
    for start in sorted(set(starts)):
        segment[start:] += 1
    return segment


def moving_ranges(y: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """|y - the point before| where both are observed and neighbours in time, else NaN."""
    ranges = np.full(len(y), np.nan)
    if len(y) > 1:
        neighbours = (np.diff(positions) == 1) & ~np.isnan(y[1:]) & ~np.isnan(y[:-1])
        ranges[1:] = np.where(neighbours, np.abs(np.diff(y)), np.nan)
    return ranges


def _read_segment(y, positions, baseline, screen, rules, sign, decimals=None) -> dict[str, np.ndarray]:
    """Centre, limits, signal, point and limits status of one segment's points."""
    n = len(y)
    observed = ~np.isnan(y)
    basis = observed & (np.cumsum(observed) <= baseline) if baseline else observed
    mean_range = _mean_range(moving_ranges(np.where(basis, y, np.nan), positions), screen)
    count = int(basis.sum())
    if count < MIN_POINTS or (rules == "xmr" and np.isnan(mean_range)):
        return {"limits": np.full(n, Limits.TOO_FEW.value)}
    status = Limits.PROVISIONAL if count < FINAL_POINTS else Limits.FINAL
    centre = float(np.median(y[basis])) if rules == "anhoej" else float(np.mean(y[basis]))
    half = LIMIT * mean_range if rules == "xmr" else np.nan
    signal, point = np.full(n, "", dtype=object), np.full(n, "", dtype=object)
    signal[observed], side = _signals(y[observed], centre, centre - half, centre + half, rules, decimals)
    point[observed] = _points(signal[observed], side, sign)
    return {
        "centre": np.full(n, centre), "lower": np.full(n, centre - half), "upper": np.full(n, centre + half),
        "signal": signal, "point": point, "limits": np.full(n, status.value),
    }  # fmt: skip


def _mean_range(ranges: np.ndarray, screen: bool) -> float:
    present = ranges[~np.isnan(ranges)]
    if not len(present):
        return np.nan
    mean = float(present.mean())
    if screen:
        present = present[present <= SCREEN * mean]  # never empty: the mean is not above every range
        mean = float(present.mean())
    return mean


def _signals(y: np.ndarray, centre: float, lower: float, upper: float, rules: str, decimals=None):
    """Per observed point the first rule that flags it (Signal), and the side it found it on
    (+1 above or rising, -1 below or falling, 0 for the series as a whole)."""
    c = np.full(len(y), centre)
    if rules == "anhoej":
        long_run, few = spc_rules.anhoej(y, c)
        found = [(Signal.LONG_RUN, long_run, long_run), (Signal.FEW_CROSSINGS, few, few * 0)]
    else:
        lo, hi = np.full(len(y), lower), np.full(len(y), upper)
        shown = (lambda a: np.round(a, decimals)) if decimals is not None else (lambda a: a)
        found = [(signal, flags, flags) for signal, flags in (
            (Signal.OUTSIDE, spc_rules.outside(shown(y), shown(lo), shown(hi))),
            (Signal.SHIFT, spc_rules.shift(y, c)),
            (Signal.TREND, spc_rules.trend(y)), (Signal.TWO_OF_THREE, spc_rules.two_of_three(y, c, lo, hi)),
        )]  # fmt: skip
    signal, side = np.full(len(y), "", dtype=object), np.zeros(len(y), dtype=int)
    for name, flags, sides in reversed(found):  # the earlier rule wins
        signal[flags != 0], side[flags != 0] = name.value, sides[flags != 0]
    return signal, side


def _points(signal: np.ndarray, side: np.ndarray, sign: float) -> list[str]:
    """Each observed point as improvement, concern, neutral (no better side, or the series as
    a whole) or common."""
    points = []
    for name, where in zip(signal, side):
        if not name:
            points.append(Point.COMMON.value)
        elif where == 0 or np.isnan(sign):
            points.append(Point.NEUTRAL.value)
        else:
            points.append(Point.IMPROVEMENT.value if where * sign > 0 else Point.CONCERN.value)
    return points


@dataclass(frozen=True)
class VariationSummary:
    """What an XmR chart says now, for a sentence or an icon. `since` and `points` describe the
    run of flagged points the latest point belongs to (the same rule and side); `limits` says
    why there is nothing to say (``too_few_points``) or how firm it is."""

    variation: str
    assurance: str
    limits: str
    period: str = ""  # the latest period with a figure
    centre: float = np.nan
    lower: float = np.nan
    upper: float = np.nan
    signal: str = ""
    since: str = ""
    points: int = 0
    side: int = 0  # +1 above the centre (a trend: rising), -1 below (falling), 0 on it or unknown


def variation_summary(
    chart: pd.DataFrame,
    direction: str,
    target: float | None = None,
    *,
    period: str = "period",
    value: str = "value",
) -> VariationSummary:
    """The variation now (Variation) and the assurance against `target` (Assurance) of a frame
    `xmr` returned, read at its latest point with a figure and on the limits of its segment.
    A latest segment (after a rebase) too short for limits has nothing to say yet: the limits
    of the process before it no longer describe the process now."""
    figures, read = _latest_segment(chart, value)
    if read.empty:
        latest = str(figures[period].iat[-1]) if len(figures) and period in figures else ""
        return VariationSummary(Variation.NONE.value, Assurance.NONE.value, Limits.TOO_FEW.value, latest)
    last = read.iloc[-1]
    variation = {
        Point.IMPROVEMENT: Variation.IMPROVEMENT, Point.CONCERN: Variation.CONCERN,
        Point.NEUTRAL: Variation.NEUTRAL, Point.COMMON: Variation.COMMON_CAUSE,
    }[Point(last["point"])]  # fmt: skip
    signal = _run_signal(read, value)
    run = _run_length(read, value, signal)
    return VariationSummary(
        variation=variation.value, assurance=_assurance(last, direction, target).value,
        limits=str(last["limits"]), period=str(last[period]), centre=float(last["centre"]),
        lower=float(last["lower"]), upper=float(last["upper"]), signal=signal,
        since=str(read[period].iat[-run]),
        points=run if last["signal"] else 0,
        side=_side(read, run, value, signal),
    )  # fmt: skip


def _latest_segment(chart: pd.DataFrame, value: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the rows with a figure, the points of the latest segment read against its limits)."""
    figures = chart[chart[value].notna()] if value in chart else chart
    if "segment" in chart and len(figures):
        chart = chart[chart["segment"] == figures["segment"].iat[-1]]
    return figures, chart[chart["point"] != Point.MISSING.value]


@dataclass(frozen=True)
class EarlierSignal:
    """The latest special cause before the one the summary tells (or before the latest point,
    where that is common cause), in the same segment: its last period, its rule and side."""

    period: str
    signal: str
    side: int  # +1 above the centre (a trend: rising), -1 below (falling)
    run: bool  # a shift or trend: `period` is where the run ended


def earlier_signal(
    chart: pd.DataFrame, summary: VariationSummary, *, period: str = "period", value: str = "value"
) -> EarlierSignal | None:
    """What the reader sees coloured on the chart before the latest reading, so that a text
    saying "no special cause" now can say when there last was one; None if nothing was."""
    if summary.limits == Limits.TOO_FEW or summary.variation == Variation.NONE:
        return None
    read = _latest_segment(chart, value)[1]
    before = read.iloc[: len(read) - max(summary.points, 1)]
    flagged = np.flatnonzero(before["signal"].to_numpy() != "")
    if not len(flagged):
        return None
    at = int(flagged[-1])
    row = before.iloc[at]
    if row["signal"] == Signal.TREND.value and at > 0:
        side = int(np.sign(float(row[value]) - float(before[value].iat[at - 1])))
    else:
        side = int(np.sign(float(row[value]) - float(row["centre"])))
    run = row["signal"] in (Signal.SHIFT.value, Signal.TREND.value, Signal.LONG_RUN.value)
    return EarlierSignal(str(row[period]), str(row["signal"]), side, run)


def _run_length(read: pd.DataFrame, value: str, signal: str) -> int:
    """How many points up to the latest make its run: for a shift (or a long run) every point
    in a row on the latest point's side of the centre, for a trend every point of the rise or
    fall, whatever rule names the points inside it (a point of a shift may also lie beyond a
    limit, and is part of the shift all the same); for any other signal the latest points in a
    row that the same rule flags."""
    if signal in (Signal.SHIFT.value, Signal.LONG_RUN.value):
        keys = np.sign(read[value].to_numpy(float) - read["centre"].to_numpy(float))
    elif signal == Signal.TREND.value:
        steps = np.sign(np.diff(read[value].to_numpy(float)))
        return _trailing(steps) + 1 if len(steps) else 1
    else:
        keys = (read["signal"] + "|" + read["point"]).to_numpy()
    return _trailing(keys)


def _run_signal(read: pd.DataFrame, value: str) -> str:
    """The latest point's signal for the summary: the shift or trend it is part of, where it is
    part of one, even when a rule first in order (beyond a limit) names the point itself; a
    sustained change is the stronger news."""
    signal = str(read["signal"].iat[-1])
    if signal not in (Signal.OUTSIDE.value, Signal.TWO_OF_THREE.value):
        return signal
    y = read[value].to_numpy(float)
    if spc_rules.shift(y, read["centre"].to_numpy(float))[-1]:
        return Signal.SHIFT.value
    return Signal.TREND.value if spc_rules.trend(y)[-1] else signal


def _trailing(keys: np.ndarray) -> int:
    """The number of equal keys at the end of `keys`."""
    different = np.flatnonzero(keys != keys[-1])
    return len(keys) - int(different[-1]) - 1 if len(different) else len(keys)


def _side(read: pd.DataFrame, run: int, value: str, signal: str) -> int:
    """Where the latest run lies: a trend by where it went, else by the centre."""
    last = read.iloc[-1]
    if signal == Signal.TREND.value and run > 1:
        return int(np.sign(float(last[value]) - float(read[value].iat[-run])))
    if value not in read or pd.isna(last[value]) or pd.isna(last["centre"]):
        return 0
    return int(np.sign(float(last[value]) - float(last["centre"])))


def _assurance(last: pd.Series, direction: str, target) -> Assurance:
    sign = better_sign(direction)
    if target is None or pd.isna(target) or np.isnan(sign) or pd.isna(last["upper"]):
        return Assurance.NONE
    good, bad = (last["upper"], last["lower"]) if sign > 0 else (last["lower"], last["upper"])
    if sign * (float(target) - good) > 0:
        return Assurance.FAIL
    if sign * (float(target) - bad) < 0:
        return Assurance.PASS
    return Assurance.HIT_AND_MISS
