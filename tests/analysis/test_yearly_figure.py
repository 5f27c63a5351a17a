"""How months make a year (indicators.csv's yearly_figure): their mean by default, their sum
for counts, and nothing for spending against budget in %, where only the file's yearly figure
counts; a yearly figure in the file always wins; a year with a month missing has no figure."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import INDICATOR_HEADER, write_folder

from kitlib import load_data
from kitlib.analysis.scorecard import prepared_values
from kitlib.errors import DataValidationError

MONTHS = [f"2025M{m:02d}" for m in range(1, 13)]


def folder(tmp_path, how: dict[str, str], *, extra_values: str = ""):
    rows = [f"{iid},{name},*,medarbeidere,Kilde,medarbeider,{unit},lower,delvis,Definisjon,{how.get(iid, '')}"
            for iid, name, unit in (("fravaer", "Fravær", "%"), ("avvik", "Avvik", "antall"),
                                    ("forbruk", "Forbruk", "%"))]  # fmt: skip
    values = ["unit_id,indicator_id,period,value,status"]
    for iid, base in (("fravaer", 8.0), ("avvik", 3.0), ("forbruk", 99.0)):
        values += [f"u1,{iid},{p},{base + (i % 3)}," for i, p in enumerate(MONTHS)]
        values += [f"u1,{iid},2024M{m:02d},{base}," for m in range(1, 12)]  # December missing
    return write_folder(
        tmp_path / "monthly",
        indicators=f"{INDICATOR_HEADER},yearly_figure\n" + "\n".join(rows),
        units="unit_id,name,service_area\nu1,Enhet 1,Barnehage",
        values="\n".join(values) + extra_values,
    )


def yearly(data, indicator_id: str, year: int):
    values = prepared_values(data)
    row = values[(values["indicator_id"] == indicator_id) & (values["period"] == str(year))]
    return row.iloc[0] if len(row) else None


def test_months_make_a_year_by_mean_sum_or_not_at_all(tmp_path):
    data = load_data(folder(tmp_path, {"avvik": "sum", "forbruk": "none"}))
    figures = [i % 3 for i in range(12)]
    assert yearly(data, "fravaer", 2025)["value"] == pytest.approx(8.0 + np.mean(figures))  # the default
    assert yearly(data, "avvik", 2025)["value"] == pytest.approx(12 * 3.0 + sum(figures))
    assert yearly(data, "forbruk", 2025) is None  # not the mean of monthly percentages
    missing = yearly(data, "avvik", 2024)  # a month missing: no figure for the year, never a part-sum
    assert np.isnan(missing["value"]) and missing["status"] == ".."


def test_a_yearly_figure_in_the_file_wins(tmp_path):
    data = load_data(folder(tmp_path, {"forbruk": "none"}, extra_values="\nu1,forbruk,2025,101.4,"))
    assert yearly(data, "forbruk", 2025)["value"] == 101.4


def test_an_unknown_yearly_figure_rule_is_refused_with_the_choices(tmp_path):
    with pytest.raises(DataValidationError, match=r"yearly_figure.*'median' is not one of: mean, sum, none"):
        load_data(folder(tmp_path, {"avvik": "median"}))
