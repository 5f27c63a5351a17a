"""The sample's monthly series (2023M01..2025M12) tell the stories of data/sample_design.py's
MONTHS, read as an analyst reads them: through kitlib's loader, sick leave seasonally adjusted
(indicators.csv marks it seasonal), with xmr and variation_summary at 2025M12 against the
unit's 2025 target from targets.csv."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from kitlib import load_data
from kitlib.analysis import variation_summary, xmr
from kitlib.analysis.scorecard import unit_areas
from kitlib.analysis.targets import resolve_targets
from kitlib.analysis.variation import seasonally_adjusted
from kitlib.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"
MONTHLY = {
    "sykefravaer": [
        "shj-berg-dal", "shj-fjordtun", "shj-solbakken", "shj-haugtun", "bhg-solsikken", "bhg-tusenfryd",
        "bhg-fjordglimt", "bhg-lia", "bhg-maurtua", "bhg-trollskogen", "bhg-bakketun",
    ],
    "bygg_tid_3uker": ["bygg-ost", "bygg-vest"],
    "forbruk_budsjett": ["shj-berg-dal", "shj-fjordtun", "shj-solbakken", "shj-haugtun"],
}  # fmt: skip
MONTHS = [f"{y}M{m:02d}" for y in (2023, 2024, 2025) for m in range(1, 13)]


@pytest.fixture(scope="module")
def data():
    return load_data(SAMPLE)


def months(data, unit_id: str, indicator_id: str) -> pd.DataFrame:
    v = data.values
    mine = v[(v["unit_id"] == unit_id) & (v["indicator_id"] == indicator_id) & (v["freq"] == "M")]
    return mine[["period", "value"]].reset_index(drop=True)


def target_2025(data, unit_id: str, indicator_id: str) -> float:
    row = pd.DataFrame(dict(unit_id=[unit_id], indicator_id=[indicator_id], period=["2025"], year=[2025]))
    return float(resolve_targets(row, data.targets, unit_areas(data))["target"].iat[0])


def read(data, unit_id: str, indicator_id: str, *, adjusted: bool | None = None):
    """(chart, summary) of the unit's months; seasonally adjusted where the indicator is seasonal."""
    indicator = data.indicators.set_index("indicator_id").loc[indicator_id]
    series = months(data, unit_id, indicator_id)
    if indicator["seasonal"] if adjusted is None else adjusted:
        series = seasonally_adjusted(series)
    chart = xmr(series, direction=indicator["direction"])
    return chart, variation_summary(chart, indicator["direction"], target_2025(data, unit_id, indicator_id))


def signals(chart) -> dict[str, str]:
    return dict(zip(chart.loc[chart["signal"] != "", "period"], chart.loc[chart["signal"] != "", "signal"]))


@pytest.mark.parametrize("indicator_id,unit_id", [(i, u) for i, units in MONTHLY.items() for u in units])
def test_36_months_from_2023_for_every_listed_unit(data, indicator_id, unit_id):
    series = months(data, unit_id, indicator_id)
    assert series["period"].tolist() == MONTHS and series["value"].notna().all()
    chart, summary = read(data, unit_id, indicator_id)
    assert summary.limits == "final" and summary.period == "2025M12"


def test_sick_leave_is_seasonal_and_spending_makes_no_yearly_figure_from_months(data):
    ind = data.indicators.set_index("indicator_id")
    assert bool(ind.loc["sykefravaer", "seasonal"]) and not ind["seasonal"].drop("sykefravaer").any()
    assert ind.loc["forbruk_budsjett", "yearly_figure"] == "none"


def test_a_sustained_improvement_solbakken_presence_project(data):
    chart, s = read(data, "shj-solbakken", "sykefravaer")
    assert (s.variation, s.signal, s.side) == ("improvement", "shift", -1)
    assert s.points >= 7 and s.since <= "2025M06"
    assert (chart.loc[chart["period"] >= "2025M02", "value"] < s.centre).all()


def test_b_a_concern_berg_dal_sick_leave_rises(data):
    _, s = read(data, "shj-berg-dal", "sykefravaer")
    assert (s.variation, s.signal, s.side) == ("concern", "shift", 1)
    assert s.points >= 7 and s.since == "2025M05"


def test_c_an_outlier_month_the_influenza_wave_at_maurtua(data):
    chart, s = read(data, "bhg-maurtua", "sykefravaer")
    assert signals(chart) == {"2025M01": "outside"}
    assert chart.loc[chart["period"] == "2025M01", "point"].iat[0] == "concern"
    assert s.variation == "common_cause"  # the wave is over by December


def test_c_a_backlog_month_in_building_cases(data):
    chart, _ = read(data, "bygg-ost", "bygg_tid_3uker")
    july = chart[chart["period"] == "2024M07"].iloc[0]
    assert (july["signal"], july["point"]) == ("outside", "concern") and july["value"] > july["upper"]
    assert list(chart.loc[chart["signal"] == "outside", "period"]) == ["2024M07"]


def test_d_only_common_cause_variation_bygg_vest(data):
    chart, s = read(data, "bygg-vest", "bygg_tid_3uker")
    assert signals(chart) == {} and s.variation == "common_cause"
    assert s.assurance == "hit_and_miss"  # 21 days lies between its limits


def test_e_a_target_the_process_cannot_meet_berg_dal_spending(data):
    _, s = read(data, "shj-berg-dal", "forbruk_budsjett")
    assert target_2025(data, "shj-berg-dal", "forbruk_budsjett") == 100
    assert s.assurance == "fail" and s.lower > 100


def test_f_a_target_always_met_haugtun_spending(data):
    _, s = read(data, "shj-haugtun", "forbruk_budsjett")
    assert s.assurance == "pass" and s.upper < 100


@pytest.mark.parametrize("unit_id", ["bhg-solsikken", "shj-haugtun"])
def test_seasons_are_not_signals(data, unit_id):
    raw, _ = read(data, unit_id, "sykefravaer", adjusted=False)
    assert "outside" in signals(raw).values() and "shift" in signals(raw).values()
    adjusted, s = read(data, unit_id, "sykefravaer")
    assert signals(adjusted) == {} and s.variation == "common_cause"


def test_haugtuns_raw_months_would_claim_an_improvement_the_season_made(data):
    _, raw = read(data, "shj-haugtun", "sykefravaer", adjusted=False)
    assert raw.variation == "improvement"


def test_the_scorecard_shows_2025_sick_leave_from_twelve_months(data):
    from kitlib.analysis.scorecard import prepared_values

    values = prepared_values(data)
    sick = values[(values["indicator_id"] == "sykefravaer") & (values["period"] == "2025")]
    by_unit = sick.set_index("unit_id")
    for unit_id in MONTHLY["sykefravaer"]:
        expected = months(data, unit_id, "sykefravaer").iloc[-12:]["value"].mean()
        assert by_unit.loc[unit_id, "value"] == pytest.approx(expected), unit_id
        assert by_unit.loc[unit_id, "sub_periods"] == 12


def test_building_cases_yearly_rows_stay_near_their_months(data):
    v = data.values
    for unit_id in MONTHLY["bygg_tid_3uker"]:
        for year in (2023, 2024, 2025):
            yearly = v[
                (v["unit_id"] == unit_id)
                & (v["indicator_id"] == "bygg_tid_3uker")
                & (v["period"] == str(year))
            ]
            mean = months(data, unit_id, "bygg_tid_3uker").iloc[(year - 2023) * 12 :][:12]["value"].mean()
            assert abs(float(yearly["value"].iat[0]) - mean) <= 0.5


def test_make_sample_is_byte_identical_on_two_runs(tmp_path):
    generator = ROOT / "data" / "make_sample.py"
    for out in ("one", "two"):
        subprocess.run(
            [sys.executable, str(generator), "--out", str(tmp_path / out)], check=True, capture_output=True
        )
    for path in (tmp_path / "one").iterdir():
        assert path.read_bytes() == (tmp_path / "two" / path.name).read_bytes(), path.name


def test_kitlib_validate_finds_no_problems(capsys):
    assert main(["validate", str(SAMPLE)]) == 0
    assert "error" not in capsys.readouterr().out.lower()
