"""The XmR reading of each unit's frequent series (months, quarters, tertials), for the
scorecard, the notes and the exports: one function reads a series, so a note's chart, its
sentences, its table icons and the exported codes always agree.

The series of a unit and indicator is every figure of its most recent frequency below a
year, up to the end of the results year (sick leave moved from tertials to months: the
months). It is read only when its latest figure is of the results year. An indicator
flagged ``seasonal`` in indicators.csv (sick leave) is read seasonally adjusted
(kitlib.analysis.variation.seasonally_adjusted), and needs two full years for it.

For a series with limits the trend follows the reading (`trend_from_variation`): a shift or
a trend beyond the limits' noise is a trend, everything else is stable; a yearly trend rule
that says otherwise would contradict the chart beside it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kitlib.analysis.codes import Trend
from kitlib.analysis.variation import (
    Limits,
    Signal,
    Variation,
    VariationSummary,
    seasonally_adjusted,
    variation_summary,
    xmr,
)
from kitlib.data.periods import YEARLY
from kitlib.errors import SeriesError

VARIATION_BASIS = "variation"  # trend_basis of a trend read from the XmR chart
YEARS_BASIS = "years"

VARIATION_COLUMNS = [
    "variation", "assurance", "variation_limits", "variation_signal", "variation_since",
    "variation_points", "variation_side", "variation_centre", "variation_lower", "variation_upper",
    "variation_period", "variation_seasonal", "frequent_points", "trend_basis",
]  # fmt: skip


@dataclass(frozen=True)
class FrequentReading:
    """A unit's frequent series as read: the XmR frame (period, value and XMR_COLUMNS; the
    values seasonally adjusted where `seasonal`), its summary and the raw figures."""

    chart: pd.DataFrame
    summary: VariationSummary
    seasonal: bool
    raw: pd.DataFrame

    @property
    def has_limits(self) -> bool:
        return self.summary.limits in (Limits.FINAL, Limits.PROVISIONAL)


def frequent_series(values: pd.DataFrame, year: int) -> pd.DataFrame:
    """Of `values` (prepared, one unit and indicator or many), the rows of each series' most
    recent frequency below a year, up to the end of `year`, in period order; series whose
    latest figure is not of `year` are left out."""
    sub = values[(values["freq"] != YEARLY) & (values["year"] <= year)]
    if sub.empty:
        return sub
    sub = sub.sort_values(["unit_id", "indicator_id", "year", "period_index"], kind="stable")
    keys = ["unit_id", "indicator_id"]
    latest = sub.groupby(keys, sort=False).tail(1)[[*keys, "freq", "year"]]
    latest = latest[latest["year"] == year].drop(columns="year")
    return sub.merge(latest, on=[*keys, "freq"])


def read_series(
    series: pd.DataFrame, direction: str, target=None, *, seasonal: bool = False, decimals=None
) -> FrequentReading:
    """The XmR reading of one series (rows with ``period`` and ``value``, one frequency);
    `decimals` as the figures are shown (a point is outside only on the figures as shown).

    The same series read the same way is read once per process: the scorecard reads every
    unit's series, and the unit's note then draws the same readings (copies come back, so a
    caller's change stays its own)."""
    periods = tuple(series["period"].astype(str))
    figures = tuple(pd.to_numeric(series["value"], errors="coerce").astype(float))
    target = None if target is None or pd.isna(target) else float(target)
    places = None if decimals is None or pd.isna(decimals) else int(decimals)
    read = _read_once(periods, figures, direction, target, bool(seasonal), places)
    return FrequentReading(read.chart.copy(), read.summary, read.seasonal, read.raw.copy())


@functools.lru_cache(maxsize=4096)
def _read_once(
    periods: tuple, figures: tuple, direction: str, target, seasonal: bool, decimals
) -> FrequentReading:
    series = pd.DataFrame({"period": list(periods), "value": list(figures)})
    return _read(series, direction, target, seasonal=seasonal, decimals=decimals)


def _read(series: pd.DataFrame, direction: str, target, *, seasonal: bool, decimals) -> FrequentReading:
    raw = series[["period", "value"]].reset_index(drop=True)
    frame, adjusted = raw, False
    if seasonal:
        try:
            frame, adjusted = seasonally_adjusted(raw), True
        except SeriesError:  # under two years: the season cannot be told from a change
            empty = xmr(raw.iloc[:0], direction=direction)
            return FrequentReading(empty, variation_summary(empty, direction), True, raw)
    chart = xmr(frame, direction=direction, decimals=decimals)
    return FrequentReading(chart, variation_summary(chart, direction, target), adjusted, raw)


def add_variation(
    rows: pd.DataFrame, values: pd.DataFrame, indicators: pd.DataFrame, year: int
) -> pd.DataFrame:
    """The scorecard `rows` (with source_unit, indicator_id, direction, target, trend) with
    VARIATION_COLUMNS, and their trend read from the XmR chart where the series has limits."""
    seasonal = seasonal_flags(indicators)
    series = frequent_series(values, year)
    groups = series.groupby(["unit_id", "indicator_id"], sort=False).indices
    columns = ["source_unit", "indicator_id", "direction", "target", "decimals"]
    keys = list(rows[columns].itertuples(index=False, name=None))
    readings: dict = {}
    for key in dict.fromkeys(keys):
        source, indicator, direction, target, decimals = key
        at = groups.get((source, indicator))
        if at is None:
            continue
        readings[key] = read_series(
            series.iloc[at], direction, target, seasonal=seasonal.get(indicator, False), decimals=decimals
        )
    columns = {name: [] for name in VARIATION_COLUMNS}
    for key in keys:
        for name, cell in _cells(readings.get(key)).items():
            columns[name].append(cell)
    out = rows.assign(**columns)
    return trend_from_variation(out)


def seasonal_flags(indicators: pd.DataFrame) -> dict[str, bool]:
    """indicator_id -> read seasonally adjusted (indicators.csv's `seasonal`, a bool column
    the loader always gives; a frame without it, made by hand, has none)."""
    if "seasonal" not in indicators:
        return {}
    return dict(zip(indicators["indicator_id"], indicators["seasonal"].astype(bool)))


def _cells(reading: FrequentReading | None) -> dict:
    if reading is None:
        return {**{name: "" for name in VARIATION_COLUMNS[:5]}, "variation_points": 0, "variation_side": 0,
                **{name: np.nan for name in VARIATION_COLUMNS[7:10]}, "variation_period": "",
                "variation_seasonal": False, "frequent_points": 0, "trend_basis": YEARS_BASIS}  # fmt: skip
    s = reading.summary
    return {
        "variation": s.variation, "assurance": s.assurance, "variation_limits": s.limits,
        "variation_signal": s.signal, "variation_since": s.since, "variation_points": s.points,
        "variation_side": s.side, "variation_centre": s.centre, "variation_lower": s.lower,
        "variation_upper": s.upper, "variation_period": s.period, "variation_seasonal": reading.seasonal,
        "frequent_points": int(reading.raw["value"].notna().sum()),
        "trend_basis": VARIATION_BASIS if reading.has_limits else YEARS_BASIS,
    }  # fmt: skip


def trend_from_variation(rows: pd.DataFrame) -> pd.DataFrame:
    """Where the trend is read from the XmR chart (trend_basis ``variation``): a shift or trend
    is improving or worsening (rising or falling without a better side), anything else stable.
    The yearly trend's figures are cleared there, so no sentence names a change the chart
    does not show; the run's first period stays as ``trend_from_period``, and
    ``trend_noise`` is the process's spread (how far a concern is beyond noise)."""
    out = rows.copy()
    chart = out["trend_basis"] == VARIATION_BASIS
    run = out["variation_signal"].isin([Signal.SHIFT.value, Signal.TREND.value])
    code = pd.Series(Trend.STABLE.value, index=out.index, dtype=object)
    code[run & (out["variation"] == Variation.IMPROVEMENT.value)] = Trend.IMPROVING.value
    code[run & (out["variation"] == Variation.CONCERN.value)] = Trend.WORSENING.value
    neutral = run & (out["variation"] == Variation.NEUTRAL.value)
    code[neutral & (out["variation_side"] > 0)] = Trend.RISING.value
    code[neutral & (out["variation_side"] < 0)] = Trend.FALLING.value
    out.loc[chart, "trend"] = code[chart]
    cleared = ["trend_change", "trend_from_value", "last_change", "last_change_noise"]
    for column in cleared:
        if column in out:
            out.loc[chart, column] = np.nan
    if "trend_noise" in out:  # the process's own spread: one standard deviation of a point
        out.loc[chart, "trend_noise"] = (
            out.loc[chart, "variation_upper"] - out.loc[chart, "variation_centre"]
        ) / 3
    if "trend_from_period" in out:
        out.loc[chart, "trend_from_period"] = out.loc[chart, "variation_since"].where(run[chart], "")
    if "previous_period" in out:
        out.loc[chart, "previous_period"] = ""
    return out


def summary_of(row) -> VariationSummary:
    """The VariationSummary a scorecard row carries in its VARIATION_COLUMNS."""
    return VariationSummary(
        variation=row["variation"], assurance=row["assurance"], limits=row["variation_limits"],
        period=row["variation_period"], centre=row["variation_centre"], lower=row["variation_lower"],
        upper=row["variation_upper"], signal=row["variation_signal"], since=row["variation_since"],
        points=int(row["variation_points"]), side=int(row["variation_side"]),
    )  # fmt: skip
