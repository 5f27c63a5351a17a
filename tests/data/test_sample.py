"""The bundled sample (data/sample) is what data/make_sample.py writes, and it is rich enough
to exercise every part of the kit: all service areas, indicator types, perspectives, typed
missing values, small survey samples, and units that meet or miss their targets."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from kitlib import check_folder, load_data
from kitlib.data.config import DEFAULT_INDICATOR_TYPES

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"
GENERATOR = ROOT / "data" / "make_sample.py"
FILES = [
    "indicators.csv", "units.csv", "values.csv", "targets.csv", "benchmarks.csv", "comments.csv", "kit.toml",
]  # fmt: skip
AREAS = {"Barnehage", "Skole", "Sykehjem", "Hjemmetjenester", "Barnevern", "Byggesak"}


@pytest.fixture(scope="module")
def data():
    return load_data(SAMPLE)


@pytest.fixture(scope="module")
def values(data):
    """values.csv with the indicator's fields and the unit's service area joined on."""
    ind = data.indicators[["indicator_id", "unit", "indicator_type", "direction"]]
    units = data.units[["unit_id", "service_area"]]
    return data.values.merge(ind, on="indicator_id").merge(units, on="unit_id")


def test_committed_sample_equals_a_fresh_run(tmp_path):
    subprocess.run([sys.executable, str(GENERATOR), "--out", str(tmp_path)], check=True, capture_output=True)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (SAMPLE / name).read_bytes(), (
            f"data/sample/{name} is stale; run: python data/make_sample.py"
        )
    assert not list(tmp_path.glob("*.tmp")), "temporary files left behind"


@pytest.mark.parametrize("name", FILES)
def test_files_are_plain_utf8_with_unix_newlines(name):
    raw = (SAMPLE / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in raw
    raw.decode("utf-8")
    if name.endswith(".csv"):
        assert raw.split(b"\n", 1)[0].count(b",") > 0 and b";" not in raw.split(b"\n", 1)[0]


@pytest.mark.parametrize(
    "name,column",
    [("values.csv", "value"), ("values.csv", "sd"), ("targets.csv", "target"), ("benchmarks.csv", "value")],
)
def test_numbers_use_a_decimal_point(name, column):
    text = pd.read_csv(SAMPLE / name, dtype=str, keep_default_na=False)[column]
    assert text.map(lambda s: s == "" or re.fullmatch(r"-?\d+(\.\d+)?", s) is not None).all()


def test_sample_validates_without_problems():
    _, config, problems = check_folder(SAMPLE)
    assert problems == []
    assert config.municipality == "Fjordvik kommune"
    assert (config.peer_group, config.national_group) == ("KOSTRA-gruppe 13", "Landet uten Oslo")
    assert sum(f.stat().st_size for f in SAMPLE.glob("*.csv")) < 1_500_000


def test_units_and_service_areas(data):
    units = data.units
    assert (units["level"] == "enhet").sum() >= 24
    assert AREAS <= set(units["service_area"]) and units["service_area"].nunique() >= 6
    assert units["name"].str.contains("&").any()
    assert set(units["parent_id"].fillna("")) <= set(units["unit_id"]) | {""}


def test_indicators_cover_every_type_and_perspective(data):
    ind = data.indicators
    assert len(ind) >= 40
    assert set(DEFAULT_INDICATOR_TYPES) <= set(ind["indicator_type"])
    assert set(ind["perspective"]) == set(data.config.perspectives)
    assert set(ind["direction"]) == {"higher", "lower", "none"}
    assert (ind["service_area"] == "*").sum() >= 3
    survey = ind[(ind["indicator_type"] == "opplevd_kvalitet") & (ind["unit"] == "score 1-6")]
    per_area = survey.groupby("service_area").size()
    assert set(per_area.index) == AREAS and per_area.between(2, 3).all()
    assert {"sykefravaer", "forbruk_budsjett"} <= set(ind["indicator_id"])


def test_years_and_tertial_or_monthly_sick_leave(data, values):
    """Sick leave per tertial; from 2023 per month at the nursing homes and kindergartens
    (the payroll system's monthly figures), their 2019-2022 still tertials."""
    yearly = values[values["freq"] == "Y"]
    assert sorted(yearly["year"].unique()) == list(range(2019, 2026))
    assert data.latest_year == 2025
    sick = values[values["indicator_id"] == "sykefravaer"]
    assert set(sick["freq"]) == {"T", "M"}
    tertials = {f"{y}T{k}" for y in range(2019, 2026) for k in (1, 2, 3)}
    months = {f"{y}M{m:02d}" for y in range(2023, 2026) for m in range(1, 13)}
    for unit_id in data.units.loc[data.units["level"] == "enhet", "unit_id"]:
        monthly = unit_id.startswith(("shj-", "bhg-"))
        expected = {p for p in tertials if p < "2023"} | months if monthly else tertials
        assert set(sick.loc[sick["unit_id"] == unit_id, "period"]) == expected, unit_id


def test_value_ranges(values):
    def of(mask):
        return values.loc[mask, "value"].dropna()

    sick = values[values["indicator_id"] == "sykefravaer"]
    assert of(values["indicator_id"] == "sykefravaer").between(4, 14).all()
    by_area = sick.groupby("service_area")["value"].mean()
    assert by_area[["Sykehjem", "Hjemmetjenester"]].min() > by_area[["Skole", "Byggesak"]].max()
    tertial = sick[sick["freq"] == "T"]
    by_tertial = tertial.groupby(tertial["period"].str[-2:])["value"].mean()
    assert by_tertial["T1"] > by_tertial["T3"] > by_tertial["T2"]
    monthly = sick[sick["freq"] == "M"]
    by_month = monthly.groupby(monthly["period"].str[-2:])["value"].mean()
    assert by_month[["01", "02", "03"]].min() > by_month.drop(["01", "02", "03"]).max()  # high in winter
    assert by_month.idxmin() == "07"  # lowest in July
    assert of(values["unit"] == "score 1-6").between(3.8, 5.6).all()
    assert of(values["indicator_id"] == "forbruk_budsjett").between(92, 108).all()
    shares = (values["unit"] == "%") & (values["indicator_type"] != "okonomi")
    assert of(shares).between(0, 100).all()
    assert of(values["unit"] == "days").between(1, 120).all()


def test_survey_respondents_and_spread(values):
    score = values[(values["unit"] == "score 1-6") & values["value"].notna()]
    assert score["n"].notna().all() and score["sd"].notna().all()
    assert score["sd"].between(0.6, 1.4).all()
    assert (score["n"] < 5).any() and score["n"].median() >= 8
    tests = values[(values["unit"] == "skalapoeng") & values["value"].notna()]
    assert tests["n"].notna().all() and tests["sd"].isna().all()  # pupils who sat it; Udir gives no spread
    small = tests[tests["unit_id"] == "skole-stranda"]
    assert len(small) and small["n"].max() < 10 <= tests["n"].median()
    other = values[
        ~values["indicator_type"].isin(["opplevd_kvalitet", "medarbeider"]) & (values["unit"] != "skalapoeng")
    ]
    assert other["n"].isna().all() and other["sd"].isna().all()


def test_typed_missing_values(values):
    assert {"..", ".", ":"} <= set(values["status"])
    missing = values["value"].isna()
    assert (values.loc[missing, "status"].isin(["..", ".", ":"])).all()
    assert (values.loc[~missing, "status"].fillna("") == "").all()


def test_targets(data):
    targets = data.targets
    directions = dict(zip(data.indicators["indicator_id"], data.indicators["direction"]))
    assert set(targets["year"]) == set(range(2020, 2027))
    assert all(directions[i] != "none" for i in targets["indicator_id"])
    steered = [i for i, d in directions.items() if d != "none"]
    assert targets["indicator_id"].nunique() >= 0.75 * len(steered)
    share_all = (targets["unit_id"] == "*").mean()
    assert 0.6 < share_all < 1
    budget = targets[targets["indicator_id"] == "forbruk_budsjett"]
    assert (budget["target"] == 100).all()


def test_benchmarks_every_year_for_both_groups(data):
    bm = data.benchmarks
    assert set(bm["group"]) == {"KOSTRA-gruppe 13", "Landet uten Oslo"}
    counts = bm.groupby("indicator_id").size()
    assert (counts == 2 * 7).all()
    types = data.indicators.set_index("indicator_id")["indicator_type"]
    kostra = {"prioritering", "dekningsgrad", "produktivitet", "opplevd_kvalitet"}
    assert kostra <= set(types[counts.index])


def _status_2025(data, values):
    """Status of every yearly 2025 value against its target (unit override, else '*')."""
    targets = data.targets[data.targets["period"] == "2025"]
    by_key = {(r.unit_id, r.indicator_id): r for r in targets.itertuples()}
    rows = []
    for r in values[(values["period"] == "2025") & values["value"].notna()].itertuples():
        t = by_key.get((r.unit_id, r.indicator_id)) or by_key.get(("*", r.indicator_id))
        if t is None:
            continue
        tolerance = t.tolerance if pd.notna(t.tolerance) else 0.05 * abs(t.target)
        gap = (r.value - t.target) * (1 if r.direction == "higher" else -1)
        status = "met" if gap >= 0 else "near" if gap >= -tolerance else "not_met"
        rows.append((r.unit_id, status))
    return pd.DataFrame(rows, columns=["unit_id", "status"])


def test_results_year_has_winners_and_strugglers(data, values):
    status = _status_2025(data, values)
    assert set(status["status"]) == {"met", "near", "not_met"}
    per_unit = pd.crosstab(status["unit_id"], status["status"])
    assert (per_unit["not_met"] >= 4).sum() >= 3
    met_share = per_unit["met"] / per_unit.sum(axis=1)
    assert (met_share >= 0.85).sum() >= 3


def test_units_improve_worsen_and_stay_stable(values):
    yearly = values[(values["freq"] == "Y") & (values["direction"] != "none")]
    wide = (
        yearly.pivot_table(index=["unit_id", "indicator_id", "direction"], columns="year", values="value")
        .dropna(subset=[2023, 2025])
        .reset_index()
    )
    sign = wide["direction"].map({"higher": 1, "lower": -1})
    change = (wide[2025] - wide[2023]) / wide[2023].abs()
    kinds = pd.Series("stable", index=wide.index).mask(sign * change >= 0.02, "improving")
    kinds = kinds.mask(sign * change <= -0.02, "worsening")
    assert kinds.value_counts().min() >= 20


def test_municipal_figures_belong_to_the_service_areas_rows(data, values):
    """KOSTRA prioritering and dekningsgrad are the municipality's figures, not a unit's."""
    areas = data.units[data.units["level"] == "tjenesteomrade"]
    assert set(areas["service_area"]) == AREAS
    priorities = values[values["indicator_type"] == "prioritering"]
    assert len(priorities) and set(priorities["unit_id"]) <= set(areas["unit_id"])
    on_area_rows = values[values["unit_id"].isin(areas["unit_id"])]
    # every area has all four KOSTRA dimensions of seed 004, each with both benchmark groups
    dimensions = on_area_rows["indicator_type"].replace(
        {"malt_kvalitet": "kvalitet", "opplevd_kvalitet": "kvalitet"}
    )
    per_area = dimensions.groupby(on_area_rows["service_area"]).agg(set)
    assert (per_area == {"prioritering", "dekningsgrad", "produktivitet", "kvalitet"}).all(), per_area
    benchmarked = set(data.benchmarks["indicator_id"])
    assert set(on_area_rows["indicator_id"]) <= benchmarked
    units = data.units[data.units["level"] == "enhet"]
    assert set(units["parent_id"]) == set(areas["unit_id"])
