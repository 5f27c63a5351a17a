"""A service area's units side by side (kitlib.analysis.area): rankings that know which way is
better and leave missing and suppressed figures out, medians and spread over the units, the
units that most need attention and why, and the area's KOSTRA figures in four dimensions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kitlib import load_data
from kitlib.analysis import area
from kitlib.analysis.area import DIMENSIONS
from kitlib.analysis.attention import Reason, attention
from kitlib.analysis.scorecard import prepared_values
from kitlib.analysis.uncertainty import mean_interval

UNITS = ["u1", "u2", "u3", "u4", "u5"]


def cards(**indicators) -> pd.DataFrame:
    """A long frame as area_cards makes it: per indicator id a dict of column -> one value per
    unit of UNITS (or one value for all), with the columns the functions read."""
    rows = []
    for rank, (indicator_id, spec) in enumerate(indicators.items()):
        for i, unit_id in enumerate(UNITS):

            def of(column, default, i=i, spec=spec):
                value = spec.get(column, default)
                return value[i] if isinstance(value, list) else value

            rows.append({
                "unit_id": unit_id, "unit_name": f"Unit {unit_id}", "unit_order": i, "level": "enhet",
                "indicator_id": indicator_id, "name": f"Indicator {indicator_id}", "perspective": "p",
                "perspective_rank": 0, "indicator_rank": rank, "period": "2025",
                "indicator_type": of("indicator_type", "malt_kvalitet"), "direction": of("direction", "higher"),
                "unit_of_measure": of("unit_of_measure", "%"), "decimals": 1,
                "value": of("value", np.nan), "suppressed": of("suppressed", False), "n": of("n", np.nan),
                "value_status": of("value_status", ""), "status": of("status", "no_target"),
                "trend": of("trend", "stable"), "ci_low": of("ci_low", np.nan), "ci_high": of("ci_high", np.nan),
                "target": of("target", np.nan), "peer_group_value": of("peer_group_value", np.nan),
                "national_value": of("national_value", np.nan), "trend_from_value": of("trend_from_value", np.nan),
                "trend_from_period": of("trend_from_period", ""), "trend_change": of("trend_change", np.nan),
                "last_change": of("last_change", np.nan),
            })  # fmt: skip
    return pd.DataFrame(rows)


def ranked(frame: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    return frame[frame["indicator_id"] == indicator_id].set_index("unit_id")


# -- rankings --------------------------------------------------------------------------------------------


def test_lower_is_better_ranks_the_lowest_first():
    frame = area.rankings(cards(leave={"direction": "lower", "value": [9.1, 6.2, 7.5, 11.0, 8.0]}))
    leave = ranked(frame, "leave")
    assert leave["rank"].to_dict() == {"u1": 4, "u2": 1, "u3": 2, "u4": 5, "u5": 3}
    assert list(leave.sort_values("position").index) == ["u2", "u3", "u5", "u1", "u4"]
    higher = ranked(area.rankings(cards(x={"value": [9.1, 6.2, 7.5, 11.0, 8.0]})), "x")
    assert higher.loc["u4", "rank"] == 1 and higher.loc["u2", "rank"] == 5


def test_a_missing_figure_is_not_ranked_nor_counted_as_zero():
    frame = area.rankings(cards(x={"direction": "lower", "value": [3.0, np.nan, 1.0, 2.0, 4.0]}))
    x = ranked(frame, "x")
    assert pd.isna(x.loc["u2", "rank"]) and pd.isna(x.loc["u2", "shown"])
    assert x.loc["u2", "position"] == 5  # listed last, not first as a 0 would be
    assert x.loc["u3", "rank"] == 1 and (x["units_ranked"] == 4).all()
    spread = area.spread(cards(x={"direction": "lower", "value": [3.0, np.nan, 1.0, 2.0, 4.0]})).iloc[0]
    assert spread["median"] == 2.5 and spread["min"] == 1.0 and spread["units_with_figure"] == 4


def test_suppressed_survey_figures_are_not_ranked():
    prepared = cards(s={"value": [4.1, np.nan, 4.8, 4.5, 4.2], "suppressed": [False, True, False, False, False],
                        "n": [20, 3, 25, 30, 18], "value_status": ["", ":", "", "", ""]})  # fmt: skip
    s = ranked(area.rankings(prepared, min_respondents=5), "s")
    assert pd.isna(s.loc["u2", "rank"]) and s.loc["u3", "rank"] == 1 and s.loc["u2", "position"] == 5
    # a figure from too few respondents that came in unprepared is held back all the same
    raw = cards(s={"value": [4.1, 5.9, 4.8, 4.5, 4.2], "n": [20, 3, 25, 30, 18]})
    s = ranked(area.rankings(raw, min_respondents=5), "s")
    assert pd.isna(s.loc["u2", "rank"]) and pd.isna(s.loc["u2", "shown"]) and s.loc["u3", "rank"] == 1
    assert area.spread(raw, min_respondents=5).iloc[0]["max"] == 4.8


def test_no_direction_and_spending_against_budget_are_listed_not_ranked():
    frame = area.rankings(cards(
        coverage={"direction": "none", "value": [30.0, 35.0, 25.0, 40.0, np.nan]},
        budget={"direction": "lower", "indicator_type": "okonomi", "value": [99.0, 103.0, 95.0, 100.0, 101.0]},
    ))  # fmt: skip
    for indicator_id in ("coverage", "budget"):
        rows = ranked(frame, indicator_id)
        assert not rows["ranked"].any() and rows["rank"].isna().all()
    assert list(ranked(frame, "coverage").sort_values("position").index) == ["u4", "u2", "u1", "u3", "u5"]


def test_median_and_middle_half_need_enough_units():
    few = area.spread(cards(x={"value": [1.0, 2.0, np.nan, np.nan, np.nan]})).iloc[0]
    assert np.isnan(few["median"]) and np.isnan(few["iqr"]) and few["max"] == 2.0
    three = area.spread(cards(x={"value": [1.0, 2.0, 6.0, np.nan, np.nan]})).iloc[0]
    assert three["median"] == 2.0 and np.isnan(three["iqr"])
    five = area.spread(cards(x={"value": [1.0, 2.0, 3.0, 4.0, 10.0]})).iloc[0]
    assert (five["median"], five["q1"], five["q3"], five["iqr"]) == (3.0, 2.0, 4.0, 2.0)
    assert five["best_unit"] == "u5" and five["worst_unit"] == "u1" and five["lowest_unit"] == "u1"


def test_shared_and_differing_targets():
    same = area.spread(cards(x={"value": [1.0, 2.0, 3.0, 4.0, 5.0], "target": 3.0})).iloc[0]
    assert same["target"] == 3.0 and not same["targets_differ"]
    differ = area.spread(cards(x={"value": [1.0, 2.0, 3.0, 4.0, 5.0], "target": [3.0, 3.0, 3.0, 3.0, 2.0]}))
    assert np.isnan(differ.iloc[0]["target"]) and differ.iloc[0]["targets_differ"]


# -- status matrix and widely missed targets -----------------------------------------------------------


def test_status_matrix_has_units_by_indicators_with_a_target():
    frame = cards(
        a={"value": [1.0] * 5, "status": ["met", "not_met", "near", "uncertain", "no_data"]},
        b={"direction": "none", "value": [1.0] * 5},  # no target anywhere: not in the matrix
    )
    matrix = area.status_matrix(frame)
    assert list(matrix.index) == UNITS and list(matrix.columns) == ["a"]
    assert matrix["a"].tolist() == ["met", "not_met", "near", "uncertain", "no_data"]


def test_targets_most_units_miss():
    frame = cards(
        a={"value": [1.0] * 5, "status": ["not_met", "not_met", "not_met", "met", "no_target"]},
        b={"value": [1.0] * 5, "status": ["not_met", "met", "met", "met", "met"]},
    )
    missed = area.widely_missed(frame)
    assert missed["indicator_id"].tolist() == ["a"]
    assert (missed["not_met"].iat[0], missed["judged"].iat[0]) == (3, 4)


# -- attention -------------------------------------------------------------------------------------------


def test_units_needing_attention_and_why():
    frame = cards(
        # u1 misses three of its four targets; u3 misses one
        a={"value": [1.0, 2.0, 3.0, 2.0, 2.0], "target": 4.0, "status": ["not_met", "met", "not_met", "met", "met"]},
        b={"value": [1.0] * 5, "status": ["not_met", "met", "met", "met", "met"]},
        c={"value": [1.0] * 5, "status": ["not_met", "met", "met", "met", "met"]},
        d={"value": [1.0] * 5, "status": ["met", "met", "met", "uncertain", "near"]},  # u4: inside noise, u5: near
        # u2 worsens beyond noise; u4's fall is within it ("stable")
        e={"value": [5.0, 4.9, 5.6, 4.8, 5.3], "trend": ["stable", "worsening", "stable", "stable", "stable"],
           "trend_from_value": [5.0, 5.5, 5.0, 5.0, 5.0], "trend_from_period": "2021",
           "trend_change": [0.0, -0.6, 0.0, 0.0, 0.0], "last_change": [0.0, -0.1, 0.0, 0.0, 0.0]},
        # u3 and u5 lie far below the median (a spread of 1.0 between the quartiles, 4.0 short)
        f={"value": [10.0, 10.5, 5.0, 11.0, 10.2]},
        g={"value": [10.0, 10.5, 10.2, 11.0, 5.0]},
    )  # fmt: skip
    found = attention(frame, limit=5)
    reasons = {(u, r, i) for u, r, i in zip(found["unit_id"], found["reason"], found["indicator_id"])}
    assert {("u1", Reason.NOT_MET, x) for x in "abc"} <= reasons
    assert ("u2", Reason.WORSENING, "e") in reasons
    assert ("u3", Reason.NOT_MET, "a") in reasons and ("u3", Reason.BELOW_MEDIAN, "f") in reasons
    # named only for a target not met or a worsening: never for being last alone, near or uncertain
    assert not set(found["unit_id"]) & {"u4", "u5"}
    first = found[found["priority"] == 1]
    assert set(first["unit_id"]) == {"u1"}  # three concerns before two
    assert found.drop_duplicates("unit_id")["unit_id"].tolist() == ["u1", "u3", "u2"]
    below = found[(found["reason"] == Reason.BELOW_MEDIAN) & (found["indicator_id"] == "f")].iloc[0]
    assert (below["value"], below["median"], below["gap"]) == (5.0, 10.2, pytest.approx(-5.2))
    missed = found[(found["unit_id"] == "u1") & (found["reason"] == Reason.NOT_MET)]
    assert (missed["count"].tolist(), missed["total"].tolist()) == ([3, 3, 3], [4, 4, 4])
    assert (missed["value"].iat[0], missed["target"].iat[0]) == (1.0, 4.0)  # the figures beside the name
    # a worsening whose latest change went the other way is not named (analysis.nameable)
    turned = frame.copy()
    turned.loc[(turned["unit_id"] == "u2") & (turned["indicator_id"] == "e"), "last_change"] = 0.3
    assert "u2" not in set(attention(turned, limit=5)["unit_id"])


def test_below_the_median_only_beyond_the_spread_and_the_uncertainty():
    missed = {"value": [1.0] * 5, "status": ["met", "met", "not_met", "met", "met"]}  # u3 is named
    close = cards(a=missed, f={"value": [10.0, 10.5, 9.8, 11.0, 10.2]})  # inside the middle half's span
    assert set(attention(close)["reason"]) == {Reason.NOT_MET}
    far = cards(a=missed, f={"value": [10.0, 10.5, 5.0, 11.0, 10.2]})
    assert Reason.BELOW_MEDIAN in set(attention(far)["reason"])
    surveyed = cards(a=missed, f={"value": [10.0, 10.5, 5.0, 11.0, 10.2], "ci_low": [9.0, 9.5, 2.0, 10.0, 9.2],
                                  "ci_high": [11.0, 11.5, 10.5, 12.0, 11.2]})  # fmt: skip
    assert set(attention(surveyed)["reason"]) == {Reason.NOT_MET}  # the median lies inside the interval
    none = cards(a=missed, f={"direction": "none", "value": [10.0, 10.5, 5.0, 11.0, 10.2]})
    assert set(attention(none)["reason"]) == {Reason.NOT_MET}
    assert attention(cards(f={"value": [10.0, 10.5, 5.0, 11.0, 10.2]})).empty  # last, and nothing else


def test_no_more_units_than_the_limit():
    frame = cards(**{k: {"value": [1.0] * 5, "status": "not_met"} for k in "abc"})
    found = attention(frame, limit=2)
    assert found["priority"].max() == 2 and found["unit_id"].nunique() == 2


# -- the sample area by area, and its KOSTRA dimensions ----------------------------------------------------


@pytest.fixture(scope="module")
def sample(sample_data):
    return sample_data, prepared_values(sample_data)


def test_area_cards_hold_every_units_scorecard_once(sample):
    data, values = sample
    frame = area.area_cards(data, "Byggesak", 2025, values)
    assert list(dict.fromkeys(frame["unit_id"])) == ["bygg-ost", "bygg-vest"]
    assert not frame.duplicated(["unit_id", "indicator_id"]).any()
    own = area.own_results(frame)
    assert (own["level"] == "enhet").all() and "bygg_saker" not in set(own["indicator_id"])
    totals = area.key_figure_totals(frame).set_index("indicator_id")["value"]
    saker = data.values[(data.values["indicator_id"] == "bygg_saker") & (data.values["period"] == "2025")]
    assert totals["bygg_saker"] == saker["value"].sum()


def test_every_sample_area_has_all_four_kostra_dimensions_with_benchmarks(sample):
    data, values = sample
    for service_area in area.service_areas(data):
        dims = area.kostra_dimensions(data, service_area, 2025, values)
        assert list(dict.fromkeys(dims["dimension"])) == list(DIMENSIONS), service_area
        assert dims["value"].notna().all(), service_area
        assert dims["peer_group_value"].notna().all() and dims["national_value"].notna().all(), service_area
        assert (dims["level"] == "tjenesteomrade").all()


def test_a_kostra_figure_not_yet_published_falls_back_to_the_year_before(sample):
    data, values = sample
    dims = area.kostra_dimensions(data, "Barnehage", 2025, values).set_index("dimension")
    cost = dims.loc["produktivitet"]
    assert cost["indicator_id"] == "bhg_kostnad_barn" and cost["period"] == "2024"
    assert cost["year_status"] == ".."
    bench = data.benchmarks
    peer = bench[(bench["indicator_id"] == "bhg_kostnad_barn") & (bench["period"] == "2024")
                 & (bench["group"] == "KOSTRA-gruppe 13")]["value"].iat[0]  # fmt: skip
    assert cost["peer_group_value"] == peer
    assert cost["peer_group_gap"] == pytest.approx(-(cost["value"] - peer))  # lower is better
    assert np.isnan(dims.loc["prioritering", "peer_group_gap"])  # no better direction: no gap
    assert dims.loc["prioritering", "period"] == "2025"


def test_an_area_without_figures_of_its_own_has_none_in_any_dimension(synthetic_folder):
    data = load_data(synthetic_folder)
    dims = area.kostra_dimensions(data, "Barnehage", 2024)
    assert list(dims["dimension"]) == list(DIMENSIONS)
    assert dims["indicator_id"].isna().all() and dims["value"].isna().all()


def test_recent_values_keep_missing_years_missing(sample):
    _, values = sample
    units = ["skole-stranda", "skole-nordby", "skole-fjordvik-us"]
    recent = area.recent_values(values, units, "skole_np_lesing5", 2025, 3).set_index("unit_id")
    assert (
        np.isnan(recent.loc["skole-stranda", "value_2024"])
        and recent.loc["skole-stranda", "status_2024"] == ":"
    )
    assert recent.loc["skole-stranda", "years_with_figure"] == 2
    assert recent.loc["skole-fjordvik-us", "status_2025"] == "." and np.isnan(
        recent.loc["skole-fjordvik-us", "mean"]
    )
    nordby = recent.loc["skole-nordby"]
    assert nordby["mean"] == pytest.approx(
        np.mean([nordby["value_2023"], nordby["value_2024"], nordby["value_2025"]])
    )
    # pupils and the scale's spread (10) give each year's noise and the mean's
    row = values[(values["unit_id"] == "skole-nordby") & (values["indicator_id"] == "skole_np_lesing5")
                 & (values["period"] == "2025")].iloc[0]  # fmt: skip
    assert nordby["noise_2025"] == pytest.approx(
        nordby["value_2025"] - mean_interval(row["value"], 10.0, row["n"])[0]
    )
    errors = [10.0 / np.sqrt(float(n)) for n in values.loc[
        (values["unit_id"] == "skole-nordby") & (values["indicator_id"] == "skole_np_lesing5")
        & values["period"].isin(["2023", "2024", "2025"]), "n"]]  # fmt: skip
    assert nordby["mean_noise"] == pytest.approx(1.96 * np.sqrt(np.sum(np.square(errors))) / 3)
    assert np.isnan(recent.loc["skole-fjordvik-us", "mean_noise"])
