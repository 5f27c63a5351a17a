"""The indicator audit: KS's seven tests judged from the data, and the indicators per unit."""

from __future__ import annotations

import pandas as pd
import pytest
from audit_folder import RESULTS_YEAR, write_audit_folder
from conftest import INDICATOR_HEADER, write_folder

from kitlib import load_data
from kitlib.analysis.audit import (
    KS_TESTS,
    MAX_INDICATORS,
    MAX_MEASURED_QUALITY,
    MAX_SURVEY_ITEMS,
    ROLE_CONTEXT,
    ROLE_UNIT,
    audit_indicators,
    scorecard_load,
)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return load_data(write_audit_folder(tmp_path_factory.mktemp("audit") / "data"))


@pytest.fixture(scope="module")
def audit(data):
    return audit_indicators(data, RESULTS_YEAR).set_index("indicator_id")


def verdicts(row) -> dict[str, object]:
    return {str(t): (None if pd.isna(row[str(t)]) else bool(row[str(t)])) for t in KS_TESTS}


def test_the_audit_flags_an_indicator_with_no_definition_and_one_with_no_direction(audit):
    undefined = audit.loc["udefinert"]
    assert verdicts(undefined) == {**{str(t): True for t in KS_TESTS}, "documented": False}
    assert undefined["documented_reason"] == "no_definition"
    undirected = audit.loc["retning"]
    assert verdicts(undirected)["interpretable"] is False
    assert undirected["interpretable_reason"] == "no_direction"
    assert "no_target" in undirected["relevant_reason"]  # a direction-less indicator can carry no target


def test_a_good_indicator_passes_all_seven_tests(audit):
    good = audit.loc["tilfredshet"]
    assert verdicts(good) == {str(t): True for t in KS_TESTS}
    assert (good["passed"], good["failed"], good["judged"]) == (7, 0, 7)
    assert all(good[f"{t}_reason"] == "" for t in KS_TESTS)
    assert good["role"] == ROLE_UNIT and good["units"] == 6 and good["median_n"] >= 25


@pytest.mark.parametrize(
    ("indicator", "test", "reason"),
    [
        ("upavirkbar", "influenceable", "not_influenceable"),
        ("faa_svar", "reliable", "few_respondents"),
        ("hull", "reliable", "missing_periods"),
        ("kort", "stable", "short_series"),
        ("uten_sammenligning", "comparable", "no_benchmark"),
        ("uten_maal", "relevant", "no_target"),
    ],
)
def test_each_test_fails_for_its_own_reason_and_only_that_test(audit, indicator, test, reason):
    row = audit.loc[indicator]
    expected = {str(t): True for t in KS_TESTS} | {test: False}
    assert verdicts(row) == expected
    assert row[f"{test}_reason"] == reason
    assert row["failed"] == 1


def test_the_figures_behind_the_verdicts(audit):
    assert audit.loc["faa_svar", "median_n"] == 7
    assert audit.loc["hull", "missing_share"] == pytest.approx(2 / 5)  # 2021 and 2022 of 2021-2025
    assert audit.loc["hull", "series_years"] == 3  # 2023-2025 unbroken: stable still passes
    assert audit.loc["kort", "series_years"] == 2
    assert audit.loc["kort", "missing_share"] == 0  # a series that starts late has no gaps before it
    assert audit.loc["uten_sammenligning", "benchmarks"] == 0
    assert audit.loc["tilfredshet", "benchmarks"] == 2


def test_a_figure_not_yet_available_for_the_results_year_is_no_gap(data):
    values = data.values.copy()
    latest = values["indicator_id"].eq("tilfredshet") & values["year"].eq(RESULTS_YEAR)
    values.loc[latest, ["value", "status", "n", "sd"]] = [float("nan"), "..", pd.NA, float("nan")]
    shown = audit_indicators(_with(data, values=values), RESULTS_YEAR).set_index("indicator_id")
    assert shown.loc["tilfredshet", "reliable"]
    assert shown.loc["tilfredshet", "series_years"] >= 3  # counted up to the year before


def test_context_figures_are_left_out_and_area_figures_are_audited_as_context(audit):
    assert "barn" not in audit.index  # kontekst: sizes the unit, never judged
    coverage = audit.loc["dekning"]
    assert coverage["role"] == ROLE_CONTEXT
    for test in ("relevant", "influenceable", "interpretable"):
        assert pd.isna(coverage[test]) and coverage[f"{test}_reason"] == "context_figure"
    assert coverage["documented"] and coverage["stable"] and coverage["comparable"]
    assert coverage["judged"] == 4 and coverage["passed"] == 4


def test_an_indicator_without_perspective_is_not_relevant(data):
    indicators = data.indicators.copy()
    indicators.loc[indicators["indicator_id"] == "tilfredshet", "perspective"] = ""
    row = audit_indicators(_with(data, indicators=indicators), RESULTS_YEAR).set_index("indicator_id")
    assert not row.loc["tilfredshet", "relevant"]
    assert row.loc["tilfredshet", "relevant_reason"] == "no_perspective"


def test_an_indicator_with_only_a_target_cannot_be_judged_reliable(data):
    values = data.values[data.values["indicator_id"] != "uten_sammenligning"]
    row = audit_indicators(_with(data, values=values), RESULTS_YEAR).set_index("indicator_id")
    unmeasured = row.loc["uten_sammenligning"]
    assert pd.isna(unmeasured["reliable"]) and unmeasured["reliable_reason"] == "no_figures"
    assert not unmeasured["stable"] and unmeasured["series_years"] == 0


def test_the_tests_are_nullable_booleans(audit):
    for test in KS_TESTS:
        assert str(audit[str(test)].dtype) == "boolean"


def _with(data, **tables):
    from dataclasses import replace

    return replace(data, **tables)


# -- indicators per unit ------------------------------------------------------------------------


def _load_folder(tmp_path, survey: int, measured: int, other: int):
    """One unit reporting `survey` survey items, `measured` measured-quality indicators and
    `other` productivity figures; a second unit with two of each."""
    kinds = [
        ("s", "opplevd_kvalitet", survey),
        ("m", "malt_kvalitet", measured),
        ("o", "produktivitet", other),
    ]
    lines, values = [INDICATOR_HEADER], ["unit_id,indicator_id,period,value"]
    for prefix, kind, count in kinds:
        for i in range(max(count, 2)):
            ind = f"{prefix}{i}"
            lines.append(f"{ind},{ind},Barnehage,tjenester,Egen,{kind},%,higher,ja,Definisjon")
            for year in (2024, 2025):
                if i < count:
                    values.append(f"stor,{ind},{year},{50 + i}")
                if i < 2:
                    values.append(f"liten,{ind},{year},{50 + i}")
    lines.append("kontekst,Barn,Barnehage,brukere,Egen,kontekst,barn,none,nei,Barn med plass")
    values += ["stor,kontekst,2025,40", "liten,kontekst,2025,30"]
    return load_data(
        write_folder(
            tmp_path / "load",
            indicators="\n".join(lines),
            units="unit_id,name,service_area\nstor,Stor barnehage,Barnehage\nliten,Liten barnehage,Barnehage",
            values="\n".join(values),
        )
    )


def test_a_scorecard_with_too_many_indicators_is_flagged(tmp_path):
    data = _load_folder(tmp_path, survey=MAX_SURVEY_ITEMS + 1, measured=MAX_MEASURED_QUALITY + 1, other=4)
    load = scorecard_load(data, 2025).set_index("unit_id")
    big = load.loc["stor"]
    total = MAX_SURVEY_ITEMS + 1 + MAX_MEASURED_QUALITY + 1 + 4
    assert total > MAX_INDICATORS
    assert (big["indicators"], big["survey_items"], big["measured_quality"]) == (total, 4, 6)
    assert big["too_many"]
    assert set(big["flags"].split(";")) == {
        "too_many_indicators", "too_many_survey_items", "too_many_measured_quality",
    }  # fmt: skip
    small = load.loc["liten"]
    assert small["indicators"] == 6 and not small["too_many"]  # the context figure is not counted
    assert small["too_few"] and small["flags"] == "few_measured_quality"  # KS asks for 3-5


def test_a_scorecard_within_the_advice_is_not_flagged(tmp_path):
    data = _load_folder(tmp_path, survey=3, measured=4, other=1)
    big = scorecard_load(data, 2025).set_index("unit_id").loc["stor"]
    assert (big["indicators"], big["too_many"], big["too_few"], big["flags"]) == (8, False, False, "")


def test_the_sample_scorecards_are_counted(sample_data):
    load = scorecard_load(sample_data)
    assert len(load) == (sample_data.units["level"] == "enhet").sum()
    assert (load["indicators"] >= load["survey_items"] + load["measured_quality"]).all()
    assert load["with_target"].le(load["indicators"]).all()
