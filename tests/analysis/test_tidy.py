"""kitlib.tidy: one row per figure, read as the notes read it, and no suppressed figure in it."""

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import kitlib
from kitlib.analysis.scorecard import scorecards
from kitlib.analysis.tidy import GROUP_LEVELS, TIDY_COLUMNS, tidy


@pytest.fixture(scope="module")
def table(sample_data):
    return tidy(sample_data)


def test_the_documented_columns_and_one_row_per_figure(table):
    assert list(table.columns) == TIDY_COLUMNS
    assert not table.duplicated(["unit_id", "indicator_id", "period"]).any()


def test_every_unit_value_of_the_folder_is_in_the_table(sample_data, table):
    values = sample_data.values.merge(sample_data.units[["unit_id"]], on="unit_id")
    keys = set(zip(table["unit_id"], table["indicator_id"], table["period"]))
    assert set(zip(values["unit_id"], values["indicator_id"], values["period"])) <= keys


def test_status_and_target_are_the_scorecards(sample_data, table):
    year = sample_data.latest_year
    cards = scorecards(sample_data, year)
    unit_id = sample_data.units["unit_id"].iloc[0]
    card = cards[unit_id].set_index("indicator_id")
    own = table[(table["unit_id"] == unit_id) & (table["period"] == str(year))].set_index("indicator_id")
    shared = own.index.intersection(card.index)
    assert len(shared) >= 5
    assert list(own.loc[shared, "status"]) == list(card.loc[shared, "status"].astype(str))
    pd.testing.assert_series_equal(own.loc[shared, "target"], card.loc[shared, "target"], check_names=False)
    pd.testing.assert_series_equal(own.loc[shared, "value"], card.loc[shared, "value"], check_names=False)


def test_a_suppressed_survey_figure_keeps_its_row_but_not_its_figures(sample_data, table):
    small = sample_data.values["n"] < sample_data.config.thresholds.min_respondents
    assert small.any()
    raw = sample_data.values[small.fillna(False)].iloc[0]
    row = table[(table["unit_id"] == raw["unit_id"]) & (table["indicator_id"] == raw["indicator_id"])
                & (table["period"] == raw["period"])]  # fmt: skip
    assert len(row) == 1
    row = row.iloc[0]
    assert bool(row["suppressed"])
    assert row[["value", "n", "sd", "ci_low", "ci_high"]].isna().all()
    assert row["status"] == "no_data"
    # nothing of any suppressed row is readable
    hidden = table[table["suppressed"]]
    assert hidden[["value", "n", "sd", "ci_low", "ci_high"]].isna().all().all()


def test_survey_figures_carry_their_interval(table):
    surveys = table[
        (table["indicator_type"] == "opplevd_kvalitet") & table["value"].notna() & table["n"].notna()
    ]
    assert len(surveys)
    assert (surveys["ci_low"] <= surveys["value"]).all() and (surveys["value"] <= surveys["ci_high"]).all()
    # a sample answered by all it asked has no sampling uncertainty; the others have some
    partial = surveys["population"].isna() | (surveys["n"] < surveys["population"])
    assert (surveys.loc[partial, "ci_high"] > surveys.loc[partial, "ci_low"]).all()


def test_comparison_groups_are_rows_of_their_own_without_targets(sample_data, table):
    groups = table[table["level"].isin(GROUP_LEVELS)]
    assert set(groups["level"]) == {"kostra_group", "country"}
    assert set(groups["unit"]) == set(sample_data.benchmarks["group"])
    assert groups["target"].isna().all()
    assert (groups["status"] == "no_target").all()


def test_sub_year_periods_keep_their_frequency(table):
    assert {"year", "tertial", "month"} <= set(table["frequency"])
    tertials = table[table["frequency"] == "tertial"]
    assert tertials["period"].str.contains("T").all()
    assert (tertials["period"].str[:4].astype(int) == tertials["year"]).all()


def test_year_keeps_one_years_figures(sample_data, table):
    year = sample_data.latest_year
    one = tidy(sample_data, year=year)
    assert set(one["year"]) == {year}
    assert len(one) == (table["year"] == year).sum()


def test_tidy_leaves_the_data_unchanged(sample_data):
    before = sample_data.values.copy()
    tidy(sample_data)
    pd.testing.assert_frame_equal(sample_data.values, before)


def _with_symbol(folder, line: int, symbol: str) -> pd.DataFrame:
    """The tidy row of values.csv's `line` after its figure is replaced by `symbol`."""
    path = folder / "values.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    unit, indicator, period = lines[line].split(",")[:3]
    lines[line] = ",".join([unit, indicator, period, "", symbol] + [""] * (lines[0].count(",") - 4))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = tidy(kitlib.load_data(folder))
    return table[
        (table["unit_id"] == unit) & (table["indicator_id"] == indicator) & (table["period"] == period)
    ]


def test_not_applicable_rows_have_no_target(sample_copy):
    row = _with_symbol(sample_copy, 1, ".")
    assert row["status"].iloc[0] == "no_target"
    assert np.isnan(row["target"].iloc[0])


def test_tidy_is_lazy_public_api():
    code = "import sys, kitlib; assert 'kitlib.analysis.tidy' not in sys.modules; kitlib.tidy; print('ok')"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stdout.strip() == "ok", done.stderr
    assert kitlib.tidy is tidy


def test_a_figure_the_source_suppressed_is_marked_suppressed(sample_copy):
    row = _with_symbol(sample_copy, 2, ":")
    assert bool(row["suppressed"].iloc[0])
    assert np.isnan(row["value"].iloc[0])


def test_the_people_asked_come_with_each_survey_figure():
    import kitlib
    from kitlib.analysis.scorecard import prepared_values

    data = kitlib.load_data(kitlib.sample_folder())
    frame = kitlib.tidy(data, year=2025)
    values = prepared_values(data)
    asked = values[values["population"].notna() & (values["year"] == 2025)].iloc[0]
    row = frame[(frame["unit_id"] == asked["unit_id"]) & (frame["indicator_id"] == asked["indicator_id"])
                & (frame["period"] == asked["period"])]  # fmt: skip
    assert len(row) == 1 and row["population"].iat[0] == asked["population"]
    shown = frame.dropna(subset=["population", "n"])
    assert (shown["n"] <= shown["population"]).all()  # a response rate of at most 100 %
