"""Importing into a folder whose targets.csv has `*` rows for single service areas.

targets.csv's key is (unit_id, indicator_id, period) plus, for a `*` row, its service_area
(data/README.md, validate.py): every import must keep one `*` row per service area.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import INDICATOR_HEADER, write_folder
from folder_rows import assert_valid, rows

from kitlib.data.importers import ImportRefusedError, import_long, import_targets
from kitlib.data.importers._base import Batch, TargetRow
from kitlib.data.importers.folder import write_batch

# sorted as the importer writes them, so that an import that leaves them alone changes no byte
TARGETS = """
    unit_id,indicator_id,period,target,service_area
    *,dekning,2024,94,
    *,sykefravaer,2024,6,
    *,sykefravaer,2024,7,Barnehage
    *,sykefravaer,2024,5.5,Skole
    bhg-a,sykefravaer,2024,8,
    bhg-b,sykefravaer,2024,7.5,Barnehage
"""


def two_areas(tmp_path: Path, targets: str = TARGETS) -> Path:
    """Two kindergartens and a school; sick leave is for every unit, coverage for kindergartens."""
    folder = write_folder(
        tmp_path / "data",
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
        """,
        targets=targets,
    )
    assert_valid(folder)
    return folder


def sheet(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "malekart.csv"
    path.write_text(text, encoding="utf-8")
    return path


def table(folder: Path) -> dict[tuple[str, str, str, str], str]:
    return {
        (r["unit_id"], r["indicator_id"], r["period"], r.get("service_area", "")): r["target"]
        for r in rows(folder, "targets.csv")
    }


def test_target_import_keeps_every_service_areas_star_row(tmp_path):
    folder = two_areas(tmp_path)
    result = import_targets(sheet(tmp_path, "Indikator;Mål 2024;Mål 2025\nSykefravær;6,5;6\n"), folder)
    assert_valid(folder)
    assert (result.targets_written, result.targets_replaced) == (2, 1)
    assert table(folder) == {
        ("*", "dekning", "2024", ""): "94",
        ("*", "sykefravaer", "2024", ""): "6.5",  # the plain `*` row, replaced
        ("*", "sykefravaer", "2025", ""): "6",
        ("*", "sykefravaer", "2024", "Barnehage"): "7",
        ("*", "sykefravaer", "2024", "Skole"): "5.5",
        ("bhg-a", "sykefravaer", "2024", ""): "8",
        ("bhg-b", "sykefravaer", "2024", "Barnehage"): "7.5",
    }
    header = (folder / "targets.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "unit_id,indicator_id,period,target,service_area"


def test_other_imports_leave_service_area_targets_byte_identical(tmp_path):
    folder = two_areas(tmp_path)
    before = (folder / "targets.csv").read_bytes()
    src = sheet(tmp_path, "enhet,indikator,periode,verdi\nskole-a,sykefravaer,2023,6.1\n")
    import_long(src, folder, unit="enhet", indicator="indikator", period="periode", value="verdi")
    assert_valid(folder)
    assert (folder / "targets.csv").read_bytes() == before


def test_a_units_own_row_is_replaced_whatever_its_service_area_column_says(tmp_path):
    # validate.py: a unit's row is told apart by unit_id alone; its service_area is its own area
    folder = two_areas(tmp_path)
    result = import_targets(sheet(tmp_path, "Indikator;Mål 2024\nSykefravær;7\n"), folder, unit="bhg-b")
    assert_valid(folder)
    assert result.targets_replaced == 1
    assert [r for r in rows(folder, "targets.csv") if r["unit_id"] == "bhg-b"] == [
        {
            "unit_id": "bhg-b",
            "indicator_id": "sykefravaer",
            "period": "2024",
            "target": "7",
            "service_area": "Barnehage",
        }
    ]


def test_a_folder_without_the_column_gets_none(tmp_path):
    folder = two_areas(tmp_path, "unit_id,indicator_id,period,target\n*,sykefravaer,2024,6\n")
    result = import_targets(sheet(tmp_path, "Indikator;Mål 2024\nSykefravær;6,5\n"), folder)
    assert result.targets_replaced == 1
    assert (folder / "targets.csv").read_text(encoding="utf-8") == (
        "unit_id,indicator_id,period,target\n*,sykefravaer,2024,6.5\n"
    )


def test_service_area_targets_from_a_batch_add_the_column_when_needed(tmp_path):
    folder = two_areas(tmp_path, "unit_id,indicator_id,period,target\n*,sykefravaer,2024,6\n")
    batch = Batch(kind="targets", source="test", sha256="")
    batch.targets = [
        TargetRow("*", "sykefravaer", "2024", 7, service_area="Barnehage", where="line 2"),
        TargetRow("*", "sykefravaer", "2024", 5.5, service_area="Skole", where="line 3"),
    ]
    result = write_batch(folder, batch)
    assert_valid(folder)
    assert (result.targets_written, result.targets_replaced) == (2, 0)
    assert (folder / "targets.csv").read_text(encoding="utf-8") == (
        "unit_id,indicator_id,period,target,service_area\n"
        "*,sykefravaer,2024,6,\n"
        "*,sykefravaer,2024,7,Barnehage\n"
        "*,sykefravaer,2024,5.5,Skole\n"
    )

    batch.targets.append(TargetRow("*", "sykefravaer", "2024", 5, service_area="Skole", where="line 4"))
    with pytest.raises(ImportRefusedError, match="twice"):
        write_batch(folder, batch)
