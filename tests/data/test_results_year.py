"""The results year is the latest year most units report, not the year of one stray figure."""

from __future__ import annotations

import pytest
from conftest import INDICATOR_HEADER, write_folder

from kitlib import load_data


@pytest.fixture
def four_units(tmp_path):
    """Four kindergartens with yearly figures for 2022-2023 and sick leave by tertial in 2024."""
    units = ["bhg-a", "bhg-b", "bhg-c", "bhg-d"]
    values = [f"{u},dekning,{year},{90 + i}" for i, u in enumerate(units) for year in (2022, 2023)]
    values += [f"{u},sykefravaer,2024T{t},{7 + i}" for i, u in enumerate(units) for t in (1, 2, 3)]
    return write_folder(
        tmp_path / "four",
        indicators=f"""
            {INDICATOR_HEADER}
            dekning,Dekningsgrad,Barnehage,tjenester,KOSTRA,dekningsgrad,%,higher,nei,Andel
            sykefravaer,Sykefravær,*,medarbeidere,Lønnssystemet,medarbeider,%,lower,delvis,Fravær
        """,
        units="unit_id,name,service_area\n" + "\n".join(f"{u},{u},Barnehage" for u in units),
        values="unit_id,indicator_id,period,value\n" + "\n".join(values),
    )


def append_values(folder, *rows):
    with (folder / "values.csv").open("a", encoding="utf-8") as handle:
        handle.write("".join(row + "\n" for row in rows))


def test_one_units_later_figure_does_not_move_the_results_year(four_units):
    append_values(four_units, "bhg-a,dekning,2024,93")
    data = load_data(four_units)
    assert data.years[-1] == 2024
    assert data.latest_year == 2023  # one of four units has a yearly figure for 2024


def test_the_results_year_moves_when_more_than_half_of_the_units_report_it(four_units):
    append_values(four_units, "bhg-a,dekning,2024,93", "bhg-b,dekning,2024,94")
    assert load_data(four_units).latest_year == 2023  # two of four is not more than half
    append_values(four_units, "bhg-c,dekning,2024,95")
    assert load_data(four_units).latest_year == 2024  # three of four
