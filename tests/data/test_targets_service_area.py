"""targets.csv may set one target for every unit of a service area (unit_id `*` and service_area)."""

from __future__ import annotations

import pytest
from conftest import INDICATOR_HEADER, write_folder

from kitlib import check_folder, load_data


@pytest.fixture
def two_areas(tmp_path):
    """Two kindergartens and a school; sick leave is for every unit, coverage for kindergartens."""
    return write_folder(
        tmp_path / "areas",
        indicators=f"""
            {INDICATOR_HEADER}
            sykefravaer,Sykefravær,*,medarbeidere,Lønnssystemet,medarbeider,%,lower,delvis,Fravær
            dekning,Dekningsgrad,Barnehage,tjenester,KOSTRA,dekningsgrad,%,higher,nei,Andel
        """,
        units="""
            unit_id,name,service_area
            bhg-a,Barnehage A,Barnehage
            bhg-b,Barnehage B,Barnehage
            skole-a,Skole A,Skole
        """,
        values="""
            unit_id,indicator_id,period,value
            bhg-a,sykefravaer,2024,8.1
            bhg-b,sykefravaer,2024,7.2
            skole-a,sykefravaer,2024,5.9
            bhg-a,dekning,2024,92
            bhg-b,dekning,2024,95
        """,
        targets="""
            unit_id,indicator_id,period,target,service_area
            *,sykefravaer,2024,7,Barnehage
            *,sykefravaer,2024,5.5,Skole
            *,sykefravaer,2024,6,
            bhg-a,sykefravaer,2024,8,
            bhg-b,sykefravaer,2024,7.5,Barnehage
            *,dekning,2024,94,
        """,
    )


def problems_of(folder):
    return [str(p) for p in check_folder(folder)[2]]


def append_target(folder, row):
    with (folder / "targets.csv").open("a", encoding="utf-8") as handle:
        handle.write(row + "\n")


def test_one_star_row_per_service_area_is_valid_and_loaded(two_areas):
    assert problems_of(two_areas) == []
    targets = load_data(two_areas).targets
    star = targets[targets["unit_id"] == "*"]
    assert list(star["service_area"]) == ["Barnehage", "Skole", "", ""]


def test_the_loaded_targets_have_service_area_even_when_the_file_lacks_it(alna_folder):
    targets = load_data(alna_folder).targets
    assert list(targets["service_area"]) == ["", "", "", ""]
    (alna_folder / "targets.csv").unlink()
    assert "service_area" in load_data(alna_folder).targets.columns


def test_an_unknown_service_area_is_named_with_the_nearest_one(two_areas):
    append_target(two_areas, "*,sykefravaer,2023,7,Barnehgae")
    append_target(two_areas, "*,sykefravaer,2022,7,Byggesak")
    assert problems_of(two_areas) == [
        "targets.csv, line 8, column 'service_area': unknown service area 'Barnehgae'; "
        "it is not in units.csv (did you mean 'Barnehage'?)",
        "targets.csv, line 9, column 'service_area': unknown service area 'Byggesak'; "
        "it is not in units.csv (its service areas are: Barnehage, Skole)",
    ]


def test_a_unit_row_cannot_name_another_service_area(two_areas):
    append_target(two_areas, "skole-a,sykefravaer,2023,5,Barnehage")
    assert problems_of(two_areas) == [
        "targets.csv, line 8, column 'service_area': unit 'skole-a' is in service area 'Skole', not "
        "'Barnehage'; leave service_area empty for the unit's own target, or write unit_id * for "
        "every unit of 'Barnehage'"
    ]


def test_a_star_row_for_a_service_area_the_indicator_is_not_for_is_refused(two_areas):
    append_target(two_areas, "*,dekning,2024,90,Skole")
    assert problems_of(two_areas) == [
        "targets.csv, line 8, column 'service_area': indicator 'dekning' belongs to service area "
        "'Barnehage', so a target for the units of 'Skole' would apply to no unit"
    ]


def test_duplicates_are_told_apart_by_service_area(two_areas):
    append_target(two_areas, "*,sykefravaer,2024,5,Skole")
    append_target(two_areas, "bhg-b,sykefravaer,2024,7.5,")  # the same as line 6's
    assert problems_of(two_areas) == [
        "targets.csv, line 8: duplicate row (unit_id=*, service_area=Skole, indicator_id=sykefravaer, "
        "period=2024); it first appears on line 3",
        "targets.csv, line 9: duplicate row (unit_id=bhg-b, indicator_id=sykefravaer, period=2024); "
        "it first appears on line 6",
    ]
