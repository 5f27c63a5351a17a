"""The figures the SMART check of targets (kitlib.analysis.smart) holds a target against:
the unit's yearly figures before the target year, its peers' in the service area and the
benchmark groups', and what can be read from them (the best comparable figure, the largest
one-year improvement, the noise around the latest figure).

Kept apart from the check itself, which decides from these figures what a target is: here
only lookups and statistics, no verdicts and no reasons.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kitlib.analysis.scorecard import benchmark_groups, result_units, unit_areas
from kitlib.analysis.uncertainty import mean_interval, share_interval
from kitlib.data.load import KitData
from kitlib.data.periods import YEARLY


@dataclass(frozen=True)
class Figures:
    """What the check reads besides the target rows, looked up once for all of them."""

    present: pd.DataFrame  # the yearly figures before the target year, in period order
    series_of: dict  # (unit_id, indicator_id) -> that unit's figures
    others_of: dict  # (indicator_id, service_area) -> the figures of the area's result units
    bench_of: dict  # indicator_id -> the benchmark groups' figures in the trend window
    no_bench: pd.DataFrame  # for an indicator without benchmark figures
    first: int  # the first year of the trend window


def target_figures(data: KitData, values: pd.DataFrame, year: int) -> Figures:
    """The figures the targets for `year` are held against: those known before `year`."""
    first = year - data.config.thresholds.trend_periods  # the trend_periods years before the target year
    yearly = values[(values["freq"] == YEARLY) & (values["year"] < year)].sort_values("period_index")
    columns = ["unit_id", "indicator_id", "period", "year", "value", "n", "sd", "population"]
    present = yearly.loc[yearly["value"].notna(), [c for c in columns if c in yearly]]
    groups = [g for g in benchmark_groups(data).values() if g]
    bench = data.benchmarks[
        data.benchmarks["group"].isin(groups)
        & data.benchmarks["value"].notna()
        & data.benchmarks["year"].between(first, year - 1)
    ]
    others = present[present["unit_id"].isin(result_units(data)["unit_id"])]
    others = others.assign(service_area=others["unit_id"].map(unit_areas(data)))
    return Figures(
        present=present,
        series_of=dict(tuple(present.groupby(["unit_id", "indicator_id"], sort=False))),
        others_of=dict(tuple(others.groupby(["indicator_id", "service_area"], sort=False))),
        bench_of=dict(tuple(bench.groupby("indicator_id", sort=False))),
        no_bench=bench.iloc[0:0],
        first=first,
    )


@dataclass(frozen=True)
class Comparable:
    """Whom a unit's target is held against: the other result units of its service area and
    the benchmark groups, in the trend window before the target year."""

    others: pd.DataFrame
    bench: pd.DataFrame
    first: int
    year: int


def best_figure(history: pd.DataFrame, comparable: Comparable, sign: float) -> tuple[float, str]:
    """The best figure in the trend window of the unit ('' as whose), its peers and the benchmarks."""
    recent = comparable.others[comparable.others["year"] >= comparable.first]
    candidates = [(v, "") for v in history.loc[history["year"] >= comparable.first, "value"]]
    candidates += list(zip(recent["value"], recent["unit_id"]))
    candidates += list(zip(comparable.bench["value"], comparable.bench["group"]))
    return max(candidates, key=lambda c: sign * float(c[0]))


def largest_step(series: pd.DataFrame, sign: float) -> float:
    """The largest improvement from one year to the next in `series` (the unit's and its
    peers' figures before the target year), direction-aware; NaN without two consecutive years."""
    steps = []
    for _, rows in series.groupby("unit_id", sort=False):
        by_year = dict(zip(rows["year"].astype(int), rows["value"].astype(float)))
        steps += [sign * (by_year[y] - by_year[y - 1]) for y in by_year if y - 1 in by_year]
    return max(steps) if steps else math.nan


def noise_interval(
    current: pd.Series, history: pd.DataFrame, is_share: bool, z: float
) -> tuple[float, float]:
    """(low, high): the uncertainty of the current figure, within which a target is no clear step.

    A survey figure: its 95 % interval, as the scorecard gives it (Student's t for means with
    a standard deviation, Wilson for shares of respondents). Other figures: the current value
    plus or minus z times the series' own noise, estimated from its year-to-year changes (at
    least three; their spread is the noise times the square root of two, see
    analysis.uncertainty.series_change_noise). NaN where neither can be told.
    """
    value = float(current["value"])
    n = pd.to_numeric(current.get("n"), errors="coerce")
    if not pd.isna(n):
        if is_share:
            low, high = share_interval(value, n, z, pd.to_numeric(current.get("population"), errors="coerce"))
        else:
            sd = pd.to_numeric(current.get("sd"), errors="coerce")
            pop = pd.to_numeric(current.get("population"), errors="coerce")
            low, high = mean_interval(value, np.nan if pd.isna(sd) else sd, n, z, pop)
        if not (np.isnan(low) or np.isnan(high)):
            return float(low), float(high)
    diffs = np.diff(history["value"].to_numpy(dtype=float))
    if len(diffs) < 3:
        return math.nan, math.nan
    half = z * float(np.std(diffs, ddof=1)) / math.sqrt(2)
    return value - half, value + half
