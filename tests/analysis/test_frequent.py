"""The XmR reading of each unit's frequent series in the scorecard (kitlib.analysis.frequent):
which series is read, seasonal adjustment, and the trend that follows the chart."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kitlib.analysis.codes import Trend
from kitlib.analysis.frequent import (
    VARIATION_BASIS,
    VARIATION_COLUMNS,
    frequent_series,
    read_series,
    summary_of,
    trend_from_variation,
)
from kitlib.analysis.scorecard import prepared_values, scorecards
from kitlib.data.periods import parse_period

QUIET = [10.0, 10.4, 9.7, 10.2, 9.9, 10.3, 9.6, 10.1, 9.8, 10.5, 9.9, 10.2] * 2
SEASON = [3.0, 2.0, 1.0, 0.0, -1.0, -2.5, -3.0, -2.0, -0.5, 0.5, 1.5, 2.5]  # winter high, July low


def values_of(rows: list[tuple[str, str, str, float]]) -> pd.DataFrame:
    """(unit_id, indicator_id, period, value) as prepared values: with freq, year, period_index."""
    frame = pd.DataFrame(rows, columns=["unit_id", "indicator_id", "period", "value"])
    parsed = [parse_period(p) for p in frame["period"]]
    return frame.assign(freq=[p.freq for p in parsed], year=[p.year for p in parsed],
                        period_index=[p.index for p in parsed])  # fmt: skip


def months(values, start: int = 2023) -> list[str]:
    return [f"{start + i // 12}M{i % 12 + 1:02d}" for i in range(len(values))]


def test_the_series_read_is_the_latest_frequency_up_to_the_results_year():
    tertials = [("u", "syk", f"{y}T{t}", 9.0) for y in (2019, 2020, 2021, 2022) for t in (1, 2, 3)]
    monthly = [("u", "syk", p, v) for p, v in zip(months(QUIET), QUIET)]
    later = [("u", "syk", "2026M01", 9.0)]
    old = [("v", "syk", f"{y}T{t}", 9.0) for y in (2019, 2020, 2021, 2022, 2023) for t in (1, 2, 3)]
    series = frequent_series(values_of(tertials + monthly + later + old), 2024)
    # the months (not the tertials before them, not 2026), and no series that ended in 2023
    assert series["unit_id"].unique().tolist() == ["u"]
    assert series["period"].tolist() == months(QUIET)


def test_a_seasonal_series_is_read_adjusted_and_its_season_is_no_signal():
    noise = np.resize([0.3, -0.3, 0.15, -0.15, 0.0], 36)  # quiet, and not in step with the months
    seasonal = [10 + s + e for s, e in zip(SEASON * 3, noise)]
    series = pd.DataFrame({"period": months(seasonal), "value": seasonal})
    raw = read_series(series, "lower", 9.0)
    adjusted = read_series(series, "lower", 9.0, seasonal=True)
    assert (raw.chart["signal"] != "").any()  # read raw, the winter looks like special causes
    assert adjusted.seasonal and (adjusted.chart["signal"] == "").all()
    assert adjusted.summary.variation == "common_cause" and adjusted.has_limits
    assert adjusted.raw["value"].tolist() == seasonal  # the raw figures stay beside the reading


def test_a_seasonal_series_shorter_than_two_years_has_no_limits_rather_than_a_season_misread():
    series = pd.DataFrame({"period": months(QUIET[:18]), "value": QUIET[:18]})
    reading = read_series(series, "lower", seasonal=True)
    assert not reading.has_limits and reading.summary.variation == ""


def _card(**row) -> pd.DataFrame:
    base = {name: "" for name in VARIATION_COLUMNS}
    base.update(variation_points=0, variation_side=0, variation_centre=10.0, variation_lower=8.0,
                variation_upper=12.0, trend="improving", trend_change=1.0, trend_noise=0.2,
                trend_from_value=9.0, trend_from_period="2021", last_change=0.5,
                last_change_noise=0.1, previous_period="2024")  # fmt: skip
    base.update(row)
    return pd.DataFrame([base])


@pytest.mark.parametrize(
    ("variation", "signal", "side", "expected"),
    [("improvement", "shift", -1, Trend.IMPROVING), ("concern", "trend", 1, Trend.WORSENING),
     ("common_cause", "", 0, Trend.STABLE), ("concern", "outside", 1, Trend.STABLE),
     ("neutral", "shift", 1, Trend.RISING), ("neutral", "shift", -1, Trend.FALLING)],
)  # fmt: skip
def test_the_trend_follows_the_chart(variation, signal, side, expected):
    card = _card(trend_basis=VARIATION_BASIS, variation=variation, variation_signal=signal,
                 variation_side=side, variation_since="2025M03", variation_points=7)  # fmt: skip
    out = trend_from_variation(card).iloc[0]
    assert out["trend"] == expected
    # no yearly change is left to be told beside a chart that does not show it
    assert (
        np.isnan(out["trend_change"]) and np.isnan(out["trend_from_value"]) and np.isnan(out["last_change"])
    )
    assert out["trend_noise"] == pytest.approx((12.0 - 10.0) / 3)  # one standard deviation of a point
    assert out["trend_from_period"] == ("2025M03" if signal in ("shift", "trend") else "")


def test_a_series_without_limits_keeps_its_yearly_trend():
    out = trend_from_variation(_card(trend_basis="years")).iloc[0]
    assert out["trend"] == "improving" and out["trend_change"] == 1.0 and out["trend_from_period"] == "2021"


def test_every_scorecard_row_carries_the_reading_of_its_series(sample_data):
    cards = scorecards(sample_data, 2025)
    values = prepared_values(sample_data)
    for unit_id in ("shj-berg-dal", "bhg-solsikken", "bygg-ost"):
        card = cards[unit_id]
        assert set(VARIATION_COLUMNS) <= set(card.columns)
        read = card[card["trend_basis"] == VARIATION_BASIS]
        assert "sykefravaer" in set(read["indicator_id"]), unit_id
        for _, row in read.iterrows():
            mine = values[(values["unit_id"] == unit_id) & (values["indicator_id"] == row["indicator_id"])]
            series = frequent_series(mine, 2025)
            seasonal = bool(sample_data.indicators.set_index("indicator_id").get("seasonal", pd.Series(
                dtype=object)).get(row["indicator_id"], False))  # fmt: skip
            again = read_series(
                series, row["direction"], row["target"], seasonal=seasonal, decimals=row["decimals"]
            )
            assert summary_of(row) == again.summary
            assert row["frequent_points"] == series["value"].notna().sum()
        # an indicator with yearly figures only has no reading
        yearly = card[card["indicator_type"] == "opplevd_kvalitet"]
        assert (yearly["trend_basis"] == "years").all() and (yearly["variation"] == "").all()


def test_a_series_read_twice_gives_the_same_reading_and_each_caller_its_own_copy():
    # the scorecard and the unit's note read the same series: once per process, and a
    # caller that changes its chart does not change the other's
    from kitlib.analysis.frequent import read_series

    periods = [f"{2023 + i // 12}M{i % 12 + 1:02d}" for i in range(24)]
    series = pd.DataFrame({"period": periods, "value": [10.0, 10.4, 9.7, 10.2] * 6})
    first = read_series(series, "lower", 9.0, decimals=1)
    first.chart.loc[0, "value"] = -1.0
    second = read_series(series, "lower", 9.0, decimals=1)
    assert second.chart["value"].iat[0] == 10.0 and second.summary == first.summary
    other = read_series(series.assign(value=series["value"] + 1), "lower", 9.0, decimals=1)
    assert other.summary.centre == pytest.approx(first.summary.centre + 1)
