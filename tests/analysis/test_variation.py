"""Variation over time (kitlib.analysis.variation): XmR limits against hand-computed values,
each rule firing exactly where it should and nowhere else on constructed series, gaps,
rebase, baseline, screening, the edge cases, assurance, and Anhøj's run-chart rules."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kitlib.analysis import spc_rules, variation_summary, xmr
from kitlib.analysis.spc_rules import fewest_crossings
from kitlib.analysis.variation import seasonally_adjusted
from kitlib.errors import KitlibError, SeriesError

# A quiet series of 24 months: it alternates around 10 so no run, trend or 2-of-3 forms.
QUIET = [10.0, 10.4, 9.7, 10.2, 9.9, 10.3, 9.6, 10.1, 9.8, 10.5, 9.9, 10.2] * 2


def months(values, start: int = 2023) -> pd.DataFrame:
    periods = [f"{start + i // 12}M{i % 12 + 1:02d}" for i in range(len(values))]
    return pd.DataFrame({"period": periods, "value": values})


def flagged(chart: pd.DataFrame, signal: str) -> list[int]:
    return chart.index[chart["signal"] == signal].tolist()


def test_limits_are_the_mean_plus_minus_2_66_mean_moving_ranges():
    chart = xmr(months(QUIET))
    mean_range = np.mean(np.abs(np.diff(QUIET)))
    assert chart["centre"].iat[0] == pytest.approx(np.mean(QUIET))
    assert chart["upper"].iat[0] == pytest.approx(np.mean(QUIET) + 2.66 * mean_range)
    assert chart["lower"].iat[0] == pytest.approx(np.mean(QUIET) - 2.66 * mean_range)
    assert (chart["signal"] == "").all() and (chart["point"] == "common").all()
    assert (chart["limits"] == "final").all()


def test_a_point_beyond_a_limit_is_outside_and_only_that_point():
    values = list(QUIET)
    values[15] = 14.0
    chart = xmr(months(values), direction="higher")
    assert flagged(chart, "outside") == [15]
    assert chart.at[15, "point"] == "improvement"
    assert (chart.drop(index=15)["signal"] == "").all()
    assert xmr(months(values), direction="lower").at[15, "point"] == "concern"
    assert xmr(months(values)).at[15, "point"] == "neutral"  # no better side


def test_a_point_on_the_limit_is_inside():
    y, lower, upper = np.array([12.0, 8.0, 12.01, 7.99]), np.full(4, 8.0), np.full(4, 12.0)
    assert spc_rules.outside(y, lower, upper).tolist() == [0, 0, 1, -1]


# The rules on a fixed baseline: 24 months alternating 10.3, 9.7 (centre 10, mean moving
# range 0.6, limits 10 ± 1.596, two thirds of the way at 10 ± 1.064), then 12 more months
# alternating the same way, where each test builds its pattern at months 24..35.
BASE = [10.3, 9.7] * 12


def tail(pattern: dict[int, float]) -> list[float]:
    values = BASE + [10.3, 9.7] * 6
    for i, v in pattern.items():
        values[i] = v
    return values


def chart_of(values, **options) -> pd.DataFrame:
    chart = xmr(months(values), baseline=24, **options)
    assert chart["centre"].iat[-1] == pytest.approx(10.0) and chart["upper"].iat[-1] == pytest.approx(11.596)
    return chart


def test_seven_points_on_one_side_are_a_shift_and_six_are_not():
    run = dict(zip(range(24, 31), [10.5, 10.4, 10.6, 10.4, 10.5, 10.45, 10.55]))
    chart = chart_of(tail(run), direction="lower")
    assert flagged(chart, "shift") == list(range(24, 31))
    assert set(chart.loc[24:30, "point"]) == {"concern"}
    assert (chart.drop(index=range(24, 31))["signal"] == "").all()
    assert flagged(chart_of(tail({**run, 30: 9.5})), "shift") == []  # six above, then below


def test_a_point_on_the_centre_breaks_a_shift():
    run = dict(zip(range(24, 31), [10.5, 10.4, 10.6, 10.0, 10.5, 10.45, 10.55]))
    assert flagged(chart_of(tail(run)), "shift") == []


def test_seven_points_each_higher_are_a_trend_and_six_are_not():
    rising = dict(zip(range(24, 31), [9.7, 9.8, 9.9, 10.0, 10.1, 10.2, 10.3]))  # across the centre
    chart = chart_of(tail(rising), direction="higher")
    assert flagged(chart, "trend") == list(range(24, 31))
    assert set(chart.loc[24:30, "point"]) == {"improvement"}
    assert (chart.drop(index=range(24, 31))["signal"] == "").all()
    assert flagged(chart_of(tail({**rising, 30: 10.1})), "trend") == []  # the seventh falls back
    assert flagged(chart_of(tail({**rising, 30: 10.2})), "trend") == []  # equal: no step up
    falling = {i: 20.0 - v for i, v in rising.items()}  # 10.3 down to 9.7
    assert set(chart_of(tail(falling), direction="higher").loc[24:30, "point"]) == {"concern"}


def test_two_of_three_beyond_two_thirds_on_the_same_side():
    chart = chart_of(tail({26: 11.2, 28: 11.2}))  # beyond 11.064, inside 11.596
    assert flagged(chart, "two_of_three") == [26, 28]  # the points beyond, not the one between
    assert (chart.drop(index=[26, 28])["signal"] == "").all()
    assert flagged(chart_of(tail({26: 11.2, 29: 11.2})), "two_of_three") == []  # two in four
    assert flagged(chart_of(tail({26: 11.2, 27: 8.8})), "two_of_three") == []  # one each side
    assert flagged(chart_of(tail({26: 8.8, 27: 8.7, 28: 8.9})), "two_of_three") == [26, 27, 28]


def test_the_first_rule_in_order_names_a_point():
    run = dict(zip(range(24, 31), [10.5, 10.4, 10.6, 10.4, 10.5, 12.0, 10.55]))
    chart = chart_of(tail(run))
    assert chart.at[29, "signal"] == "outside"
    assert set(chart.loc[[24, 25, 26, 27, 28, 30], "signal"]) == {"shift"}


def test_a_missing_month_breaks_the_moving_range():
    values = list(QUIET)
    frame = months(values).drop(index=6)  # 2023M07 is not in the file
    chart = xmr(frame)
    kept = [v for i, v in enumerate(values) if i != 6]
    ranges = [abs(b - a) for i, (a, b) in enumerate(zip(values, values[1:])) if 6 not in (i, i + 1)]
    assert len(ranges) == len(kept) - 2
    assert chart["upper"].iat[0] == pytest.approx(np.mean(kept) + 2.66 * np.mean(ranges))
    suppressed = months(values).assign(value=lambda f: f["value"].where(f.index != 6))
    same = xmr(suppressed)
    assert same["upper"].iat[0] == pytest.approx(chart["upper"].iat[0])
    assert same.at[6, "point"] == "" and same.at[6, "signal"] == ""  # missing stays missing


def test_periods_are_read_in_time_order_not_file_order():
    frame = months(QUIET).iloc[::-1]
    assert xmr(frame)["period"].tolist() == months(QUIET)["period"].tolist()


def test_screening_leaves_an_outlying_range_out_of_the_limits():
    values = list(QUIET)
    values[15] = 16.0
    screened, plain = xmr(months(values)), xmr(months(values), screen_outliers=False)
    assert screened["upper"].iat[0] < plain["upper"].iat[0]
    ranges = np.abs(np.diff(values))
    kept = ranges[ranges <= 3.267 * ranges.mean()]
    assert screened["upper"].iat[0] == pytest.approx(np.mean(values) + 2.66 * kept.mean())


def test_baseline_fixes_the_limits_on_the_first_points():
    values = QUIET + [8.0] * 8  # a step down after the baseline
    chart = xmr(months(values), baseline=24, direction="lower")
    assert chart["centre"].iat[-1] == pytest.approx(np.mean(QUIET))
    assert set(chart.loc[24:, "point"]) == {"improvement"}
    assert chart["centre"].iat[0] != pytest.approx(xmr(months(values))["centre"].iat[0])


def test_rebase_computes_the_limits_afresh_from_a_period():
    values = QUIET + [v - 3 for v in QUIET]
    chart = xmr(months(values), rebase=["2025M01"])
    assert chart.loc[:23, "segment"].eq(0).all() and chart.loc[24:, "segment"].eq(1).all()
    assert chart["centre"].iat[-1] == pytest.approx(np.mean(QUIET) - 3)
    assert (chart["signal"] == "").all()  # each segment on its own limits: nothing special
    assert set(xmr(months(values))["signal"]) - {""}  # one set of limits: the step is a signal


def test_a_latest_segment_too_short_for_limits_is_read_as_too_few_not_as_the_one_before():
    values = QUIET + [v - 3 for v in QUIET[:6]]  # rebased after 24 months: 6 months since
    chart = xmr(months(values), rebase=["2025M01"])
    summary = variation_summary(chart, "lower", target=9)
    assert (summary.variation, summary.assurance, summary.limits) == ("", "", "too_few_points")
    assert summary.period == "2025M06"  # the latest figure, not the last one with limits
    longer = variation_summary(xmr(months(QUIET + [v - 3 for v in QUIET[:12]]), rebase=["2025M01"]), "lower")
    assert longer.limits == "provisional" and longer.centre == pytest.approx(np.mean(QUIET[:12]) - 3)


def test_a_shift_is_told_from_its_first_point_even_where_a_point_inside_it_lies_beyond_a_limit():
    """Nine months below the centre, the third beyond the lower limit: the shift began with
    the first of the nine, and the summary says so (a run of labels would start after the
    point the outside rule names)."""
    values = QUIET + [9.6, 9.5, 8.0, 9.6, 9.5, 9.7, 9.6, 9.5, 9.6]
    chart = xmr(months(values))
    assert chart["signal"].iat[26] == "outside" and chart["signal"].iat[-1] == "shift"
    summary = variation_summary(chart, "lower")
    assert (summary.signal, summary.points, summary.since) == ("shift", 9, "2025M01")


def test_a_latest_point_beyond_a_limit_inside_a_shift_is_told_as_the_shift():
    values = QUIET + [9.6, 9.5, 9.6, 9.7, 9.5, 9.6, 9.5, 8.0]
    chart = xmr(months(values), direction="lower")
    assert chart["signal"].iat[-1] == "outside"  # the rule first in order names the point
    summary = variation_summary(chart, "lower")
    assert (summary.signal, summary.points, summary.since, summary.side) == ("shift", 8, "2025M01", -1)
    assert summary.variation == "improvement"
    alone = variation_summary(xmr(months(QUIET + [8.0]), direction="lower"), "lower")
    assert (alone.signal, alone.points) == ("outside", 1)


def test_few_points_give_no_limits_and_say_why():
    chart = xmr(months(QUIET[:11]))
    assert chart["centre"].isna().all() and (chart["limits"] == "too_few_points").all()
    assert (chart["point"] == "").all()
    assert (xmr(months(QUIET[:12]))["limits"] == "provisional").all()
    assert (xmr(months(QUIET[:19]))["limits"] == "provisional").all()
    assert (xmr(months(QUIET[:20]))["limits"] == "final").all()
    summary = variation_summary(chart, "higher", target=10)
    assert (summary.variation, summary.assurance, summary.limits) == ("", "", "too_few_points")


@pytest.mark.parametrize(
    "values",
    [[7.0] * 24, [7.0], [], [np.nan] * 24, [-3.0 - 0.1 * (i % 3) for i in range(24)]],
    ids=["all-equal", "one-point", "empty", "all-missing", "negative"],
)
def test_edge_cases_give_a_clear_result(values):
    chart = xmr(months(values), direction="higher")
    summary = variation_summary(chart, "higher", target=7.0)
    assert len(chart) == len(values)
    assert summary.variation in ("", "common_cause", "improvement", "concern")
    assert summary.assurance in ("", "pass", "fail", "hit_and_miss")
    if values == [7.0] * 24:  # no variation at all: limits on the centre, nothing special
        assert (chart["lower"] == 7.0).all() and (chart["upper"] == 7.0).all()
        assert summary.variation == "common_cause" and summary.assurance == "hit_and_miss"


def test_errors_say_how_to_fix_the_series():
    with pytest.raises(SeriesError, match="rebase period 2030M01 is not in the series"):
        xmr(months(QUIET), rebase=["2030M01"])
    twice = pd.concat([months(QUIET), months(QUIET).iloc[[3]]])
    with pytest.raises(SeriesError, match="2023M04 is in the series more than once"):
        xmr(twice)
    mixed = pd.DataFrame({"period": ["2024", "2024M01"], "value": [1.0, 2.0]})
    with pytest.raises(KitlibError, match="mixes frequencies"):
        xmr(mixed)


def test_any_dataframe_with_other_column_names_and_labels():
    frame = pd.DataFrame({"måned": pd.date_range("2023-01-01", periods=24, freq="MS"), "dager": QUIET})
    chart = xmr(frame, value="dager", period="måned")
    assert chart["centre"].iat[0] == pytest.approx(np.mean(QUIET))


@pytest.mark.parametrize(
    ("direction", "target", "assurance"),
    [("higher", 20.0, "fail"), ("higher", 5.0, "pass"), ("higher", 10.0, "hit_and_miss"),
     ("lower", 5.0, "fail"), ("lower", 20.0, "pass"), ("none", 5.0, ""), ("higher", None, "")],
)  # fmt: skip
def test_assurance_against_the_target(direction, target, assurance):
    chart = xmr(months(QUIET), direction=direction)
    assert variation_summary(chart, direction, target=target).assurance == assurance


def test_the_variation_now_is_the_latest_points_and_its_run():
    values = QUIET + [9.4, 9.3, 9.5, 9.2, 9.4, 9.3, 9.4, 9.3]  # eight below the centre at the end
    chart = xmr(months(values), direction="lower", baseline=24)
    summary = variation_summary(chart, "lower", target=9.0)
    assert (summary.variation, summary.signal, summary.points, summary.since) == (
        "improvement",
        "shift",
        8,
        "2025M01",
    )
    assert summary.period == "2025M08" and summary.centre == pytest.approx(np.mean(QUIET))
    quiet = variation_summary(xmr(months(QUIET), direction="lower"), "lower")
    assert (quiet.variation, quiet.points, quiet.signal) == ("common_cause", 0, "")


def test_a_season_alone_is_no_signal_once_the_series_is_seasonally_adjusted():
    """Sick leave high in winter and low in summer: read raw, the season looks like special
    causes; seasonally adjusted it must show none."""
    rng = np.random.default_rng(20260215)
    values = [8.0 + 1.5 * np.cos(2 * np.pi * i / 12) + rng.normal(0, 0.2) for i in range(48)]
    frame = months(values, start=2022)
    assert set(xmr(frame)["signal"]) - {""}
    adjusted = seasonally_adjusted(frame)
    assert (xmr(adjusted)["signal"] == "").all()
    assert adjusted["value"].mean() == pytest.approx(frame["value"].mean())  # the level stays
    with pytest.raises(SeriesError, match="two full years"):
        seasonally_adjusted(months(values[:20]))
    with pytest.raises(SeriesError, match="two full years"):
        seasonally_adjusted(months(values[:30]).iloc[6:])  # July to June: two years, one of them full


def test_a_part_year_does_not_make_the_season():
    """Two full years and the first half of a third, after a step down of 2: the old mean of
    every month would take the step for season; the adjustment reads the full years alone."""
    season = [1.5 * np.cos(2 * np.pi * i / 12) for i in range(12)]
    values = [8.0 + s for s in season] * 2 + [6.0 + s for s in season[:6]]
    adjusted = seasonally_adjusted(months(values))["value"].to_numpy()
    assert adjusted[:24] == pytest.approx([8.0] * 24) and adjusted[24:] == pytest.approx([6.0] * 6)


# -- run charts: Anhøj's rules -----------------------------------------------------------------------


def test_anhoej_a_long_run_signals_and_its_points_are_flagged():
    values = [10.0, 11.0] * 6 + [12.0] * 9 + [10.0, 11.0] * 3  # nine above the median in a row
    chart = xmr(months(values), rules="anhoej", direction="higher")
    n = int((np.sign(np.array(values) - np.median(values)) != 0).sum())
    assert round(np.log2(n)) + 3 < 9
    assert flagged(chart, "long_run") == list(range(12, 21))
    assert chart["lower"].isna().all() and chart["centre"].iat[0] == np.median(values)
    assert set(chart.loc[12:20, "point"]) == {"improvement"}


def test_anhoej_too_few_crossings_flag_the_series():
    values = [9.0] * 10 + [11.0] * 10 + [9.0] * 4  # crosses the median twice in 24 points
    chart = xmr(months(values), rules="anhoej")
    n = len(values)
    assert 2 < fewest_crossings(n)
    assert set(chart["signal"]) <= {"long_run", "few_crossings"}
    assert "few_crossings" in set(chart["signal"])
    alternating = xmr(months([9.0, 11.0] * 12), rules="anhoej")
    assert (alternating["signal"] == "").all()


def test_fewest_crossings_matches_the_binomial_quantile():
    from scipy.stats import binom

    for n in (12, 20, 36):
        k = fewest_crossings(n)
        assert binom.cdf(k, n - 1, 0.5) >= 0.05 > (binom.cdf(k - 1, n - 1, 0.5) if k else 0)


def test_earlier_signal_is_the_latest_special_cause_before_the_reading():
    from kitlib.analysis.variation import earlier_signal

    values = list(QUIET)
    values[14] = 14.0  # March 2024 beyond the upper limit, then common cause to the end
    chart = xmr(months(values), direction="lower")
    summary = variation_summary(chart, "lower")
    assert summary.variation == "common_cause"
    found = earlier_signal(chart, summary)
    assert (found.period, found.signal, found.side, found.run) == ("2024M03", "outside", 1, False)
    assert earlier_signal(xmr(months(QUIET)), variation_summary(xmr(months(QUIET)), "lower")) is None
    # before a run the summary tells: the special cause before the run, not inside it
    shifted = xmr(months(values + [9.6, 9.5, 9.6, 9.7, 9.5, 9.6, 9.5]), direction="lower")
    run = variation_summary(shifted, "lower")
    assert run.signal == "shift" and earlier_signal(shifted, run).period == "2024M03"
