"""The SMART check of targets: measurable, time-bound, and realistic but ambitious."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from conftest import INDICATOR_HEADER, write_folder

from kitlib import load_data
from kitlib.analysis.smart import SMART_CHECKS, check_targets

YEARS = range(2019, 2026)
# Yearly figures per unit, 2019-2025. Sick leave: lower is better; "andel": higher is better.
SICK_LEAVE = {
    "u1": [5.0, 5.2, 4.9, 5.1, 5.0, 5.2, 5.1],  # well below 7 for years
    "u2": [8.0, 8.6, 7.7, 8.4, 7.9, 8.5, 8.1],  # noisy around 8
    "u3": [9.0, 9.1, 8.9, 9.2, 9.0, 9.1, 9.0],
    "u4": [8.3, 8.1, 8.2, 8.0, 8.2, 8.1, 8.0],  # steady around 8
    "u5": [6.0, 6.2, 6.1, 6.3, 6.0, 6.2, 6.1],
}
SHARE = {
    "u1": [60.0, 61.0, 60.5, 61.2, 60.8, 61.5, 61.0],
    "u2": [65.0, 64.0, 66.0, 65.5, 64.8, 65.2, 65.0],
    "u3": [70.0, 70.5, 71.0, 70.8, 71.2, 71.0, 71.4],  # quiet around 71
    "u4": [80.0, 81.0, 82.0, 83.0, 84.0, 84.5, 85.0],  # the best unit: 85
    "u5": [74.0, 74.5, 74.8, 75.2, 75.4, 74.9, 75.0],
}
SURVEY = {"u1": 4.3, "u2": 4.5, "u3": 4.6, "u4": 4.9, "u5": 4.4}  # survey means, 12 respondents
TARGETS_2026 = {
    ("u1", "sykefravaer"): 7.0,  # lower is better and met every year: met_for_years
    ("u2", "sykefravaer"): 7.9,  # a small step from 8.1, within its noise: modest, not flagged
    ("u4", "sykefravaer"): 7.4,  # a clear step down from 8.0, no larger than others made: sane
    ("u3", "andel"): 95.0,  # beyond the best unit (85) and the benchmarks: beyond_best
    ("u5", "andel"): 76.5,  # a clear step up, reached by u4, as large as u2 made in 2021: sane
    ("u2", "tilfredshet"): 4.7,  # a survey of 12: a step up inside the interval of 4.5, not flagged
    ("u5", "sykefravaer"): 6.1,  # the latest figure again (reached once, not in 2024): no step
}


@pytest.fixture
def folder(tmp_path):
    values = ["unit_id,indicator_id,period,value,status,n,sd"]
    for unit in SICK_LEAVE:
        for year, leave, share in zip(YEARS, SICK_LEAVE[unit], SHARE[unit]):
            values.append(f"{unit},sykefravaer,{year},{leave},,,")
            values.append(f"{unit},andel,{year},{share},,,")
            values.append(f"{unit},tilfredshet,{year},{SURVEY[unit] + 0.01 * (year % 3):.2f},,12,1.0")
    targets = ["unit_id,indicator_id,period,target"]
    targets += [f"{unit},{ind},2026,{target}" for (unit, ind), target in TARGETS_2026.items()]
    benchmarks = ["indicator_id,period,group,value"]
    for year in YEARS:
        benchmarks += [f"andel,{year},KOSTRA-gruppe 13,78", f"andel,{year},Landet uten Oslo,77"]
    return write_folder(
        tmp_path / "smart",
        indicators=f"""
            {INDICATOR_HEADER}
            sykefravaer,Sykefravær,*,medarbeidere,Lønnssystemet,medarbeider,%,lower,delvis,Fravær i prosent av dagsverk
            andel,Andel vurdert for ernæring,Sykehjem,tjenester,Fagsystemet,malt_kvalitet,%,higher,ja,Beboere vurdert
            tilfredshet,Tilfredshet,Sykehjem,brukere,Brukerundersøkelse,opplevd_kvalitet,score 1-6,higher,ja,Snitt 1-6
            forbruk,Forbruk av budsjett,*,okonomi,Regnskap,okonomi,%,lower,ja,Regnskap i prosent av budsjett
        """,
        units="unit_id,name,service_area\n" + "\n".join(f"{u},Sykehjem {u[-1]},Sykehjem" for u in SICK_LEAVE),
        values="\n".join(values),
        targets="\n".join(targets) + "\nu1,forbruk,2026,100",
        benchmarks="\n".join(benchmarks),
    )


@pytest.fixture
def data(folder):
    return load_data(folder)


def checked(data, year: int = 2026) -> pd.DataFrame:
    return check_targets(data, year).set_index(["unit_id", "indicator_id"])


def test_one_row_per_unit_and_indicator_with_a_target(data):
    check = checked(data)
    assert set(check.index) == set(TARGETS_2026) | {("u1", "forbruk")}
    assert (check["target_for"] == "unit").all()
    assert check.loc[("u1", "sykefravaer"), "current_period"] == "2025"  # figures before the target year


def test_a_lower_is_better_target_met_for_years_is_flagged(data):
    row = checked(data).loc[("u1", "sykefravaer")]
    assert row["met_years"] == 7
    assert not row["realistic"]  # NA would raise: it must be judged, and failed
    assert row["realistic_reason"] == "met_for_years"
    assert row["flagged"]


def test_the_same_figures_with_higher_is_better_are_not_met(data):
    indicators = data.indicators.copy()
    indicators.loc[indicators["indicator_id"] == "sykefravaer", "direction"] = "higher"
    row = checked(replace(data, indicators=indicators)).loc[("u1", "sykefravaer")]
    assert row["met_years"] == 0
    assert "met_for_years" not in row["realistic_reason"]


def test_a_step_inside_the_noise_is_not_flagged(data):
    row = checked(data).loc[("u2", "sykefravaer")]
    assert row["current_value"] == pytest.approx(8.1)
    spread = np.std(np.diff(SICK_LEAVE["u2"]), ddof=1) / np.sqrt(2)
    assert row["noise"] == pytest.approx(1.96 * spread)
    assert abs(row["target"] - row["current_value"]) < row["noise"]
    assert row["asked_step"] == pytest.approx(0.2)  # 8.1 down to 7.9 in one year
    assert row["realistic"] and not row["flagged"]


def test_a_survey_target_inside_the_surveys_interval_is_not_flagged(data):
    row = checked(data).loc[("u2", "tilfredshet")]
    assert row["noise"] == pytest.approx(0.635, abs=0.01)  # t(11) * 1.0 / sqrt(12)
    assert row["realistic"] and row["realistic_reason"] == ""


def test_a_target_that_asks_for_no_improvement_is_flagged(data):
    row = checked(data).loc[("u5", "sykefravaer")]
    assert row["current_value"] == pytest.approx(6.1) and row["asked_step"] == pytest.approx(0.0)
    assert row["met_years"] == 1  # not met for years: it is the missing step that is flagged
    assert row["realistic_reason"] == "no_step"


def test_a_target_just_beyond_the_best_but_inside_the_noise_is_not_beyond_best(data):
    targets = data.targets.copy()
    mine = (targets["unit_id"] == "u5") & (targets["indicator_id"] == "andel")
    targets.loc[mine, "target"] = 85.3  # 0.3 past the best unit's 85, less than u5's noise (0.49)
    row = checked(replace(data, targets=targets)).loc[("u5", "andel")]
    assert 0 < row["target"] - row["best_value"] < row["noise"]
    assert "beyond_best" not in row["realistic_reason"].split(";")


def test_a_target_beyond_the_best_peer_is_flagged(data):
    row = checked(data).loc[("u3", "andel")]
    assert row["best_value"] == 85.0 and row["best_by"] == "u4" and row["best_by_name"] == "Sykehjem 4"
    assert row["realistic_reason"].split(";") == ["beyond_best", "large_step"]  # 71 -> 95 in a year


def test_a_step_larger_than_any_unit_has_made_is_flagged(data):
    targets = data.targets.copy()
    mine = (targets["unit_id"] == "u3") & (targets["indicator_id"] == "andel")
    targets.loc[mine, "target"] = 84.0  # short of the best (85), but 12.6 points up in one year
    row = checked(replace(data, targets=targets)).loc[("u3", "andel")]
    assert row["largest_step"] == pytest.approx(2.0)  # u2, 2020 to 2021
    assert row["realistic_reason"] == "large_step"


def test_beyond_best_is_direction_aware(data):
    targets = data.targets.copy()
    mine = (targets["unit_id"] == "u4") & (targets["indicator_id"] == "sykefravaer")
    targets.loc[mine, "target"] = 4.5  # below every unit's sick leave: lower is better
    row = checked(replace(data, targets=targets)).loc[("u4", "sykefravaer")]
    assert row["best_value"] == 4.9 and row["best_by"] == "u1"
    assert "beyond_best" in row["realistic_reason"].split(";")


@pytest.mark.parametrize(("unit", "indicator"), [("u4", "sykefravaer"), ("u5", "andel")])
def test_a_sane_target_is_not_flagged(data, unit, indicator):
    row = checked(data).loc[(unit, indicator)]
    assert row["realistic"] and row["realistic_reason"] == ""
    assert all(row[str(c)] for c in SMART_CHECKS)
    assert not row["flagged"]


def test_a_target_already_beaten_clearly_is_flagged(data):
    targets = data.targets.copy()
    mine = (targets["unit_id"] == "u5") & (targets["indicator_id"] == "andel")
    targets.loc[mine, "target"] = 70.0  # u5 has been above 74 every year
    row = checked(replace(data, targets=targets)).loc[("u5", "andel")]
    assert row["realistic_reason"] == "met_for_years"
    values = data.values.copy()
    values = values[
        ~((values["unit_id"] == "u5") & (values["indicator_id"] == "andel") & (values["year"] == 2023))
    ]
    row = checked(replace(data, targets=targets, values=values)).loc[("u5", "andel")]
    assert row["met_years"] == 2  # a missing year breaks the run
    assert row["realistic_reason"] == "already_met"


def test_a_budget_limit_is_not_judged_as_an_ambition(data):
    row = checked(data).loc[("u1", "forbruk")]
    assert pd.isna(row["realistic"]) and row["realistic_reason"] == "budget_limit"
    assert row["measurable"] and row["time_bound"]


def test_measurable_needs_a_unit_and_a_direction(data):
    indicators = data.indicators.copy()
    leave = indicators["indicator_id"] == "sykefravaer"
    indicators.loc[leave, ["unit", "direction"]] = ["", "none"]
    row = checked(replace(data, indicators=indicators)).loc[("u4", "sykefravaer")]
    assert not row["measurable"]
    assert row["measurable_reason"] == "no_unit;no_direction"
    assert pd.isna(row["realistic"]) and row["realistic_reason"] == "no_direction"


def test_specific_needs_a_definition(data):
    indicators = data.indicators.copy()
    indicators.loc[indicators["indicator_id"] == "andel", "definition"] = ""
    row = checked(replace(data, indicators=indicators)).loc[("u5", "andel")]
    assert not row["specific"] and row["specific_reason"] == "no_definition"


def test_a_target_without_a_period_is_not_time_bound(data):
    loose = data.targets.iloc[[0]].assign(period="", year=pd.NA)
    check = check_targets(replace(data, targets=pd.concat([data.targets, loose], ignore_index=True)), 2026)
    row = check[check["period"] == ""].iloc[0]
    assert not row["time_bound"] and row["time_bound_reason"] == "no_period"
    assert row["flagged"]


def test_missing_stays_missing(data):
    values = data.values[~((data.values["unit_id"] == "u5") & (data.values["indicator_id"] == "andel"))]
    row = checked(replace(data, values=values)).loc[("u5", "andel")]
    assert pd.isna(row["current_value"]) and pd.isna(row["noise"]) and pd.isna(row["met_years"])
    assert pd.isna(row["realistic"]) and row["realistic_reason"] == "no_history"
    assert not row["flagged"]


def test_the_sample_targets_for_next_year(sample_data):
    check = check_targets(sample_data, sample_data.latest_year + 1)
    assert len(check) > 0
    assert (check["period"] == str(sample_data.latest_year + 1)).all()
    assert check["current_period"].ne("").any()
    judged = check[check["realistic"].notna()]
    assert judged["current_value"].notna().all()


def test_the_sample_flags_few_targets_and_each_with_its_evidence(sample_data):
    check = check_targets(sample_data, sample_data.latest_year + 1)
    assert check["flagged"].sum() <= 0.1 * len(check)  # a flag is the exception
    realism = check[check["realistic"].eq(False).fillna(False)]
    assert len(realism) > 0  # the sample still shows what a flag looks like
    for _, row in realism.iterrows():
        reasons = row["realistic_reason"].split(";")
        assert not pd.isna(row["current_value"])
        if "large_step" in reasons:
            assert row["asked_step"] > row["largest_step"] >= 0
        if "beyond_best" in reasons:
            assert not pd.isna(row["best_value"])
