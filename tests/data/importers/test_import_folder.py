"""Merging into an existing data folder: replacements, the analyst's metadata, refusals."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from folder_rows import rows

import kitlib
from kitlib.data.importers import ImportRefusedError, import_long
from kitlib.data.importers.folder import csv_number

INDICATORS = (
    "indicator_id,name,service_area,perspective,source,indicator_type,unit,direction,"
    "influenceable,definition\n"
    "sykefravaer,Sykefravær,*,medarbeidere,Lønnssystemet,medarbeider,%,lower,delvis,"
    "Legemeldt og egenmeldt\n"
)
UNITS = "unit_id;name;service_area\nbhg-sol;Solsikken;Barnehage\n"
VALUES = (
    "unit_id;indicator_id;period;value;sd\nbhg-sol;sykefravaer;2023;7,4;0,5\nbhg-sol;sykefravaer;2022;8,1;\n"
)


def existing(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "indicators.csv").write_text(INDICATORS, encoding="utf-8")
    (folder / "units.csv").write_text(UNITS, encoding="utf-8")
    (folder / "values.csv").write_text(VALUES, encoding="utf-8")
    assert kitlib.check_folder(folder)[2] == []
    return folder


def source(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "src.csv"
    path.write_text("enhet,indikator,periode,verdi\n" + text, encoding="utf-8")
    return path


LONG = {"unit": "enhet", "indicator": "indikator", "period": "periode", "value": "verdi"}


def test_update_replaces_values_and_keeps_metadata(tmp_path):
    folder = existing(tmp_path)
    src = source(
        tmp_path,
        "bhg-sol,sykefravaer,2023,7.0\nbhg-sol,sykefravaer,2024T1,6.2\nbhg-maur,sykefravaer,2024T1,5.5\n",
    )
    result = import_long(src, folder, **LONG, service_area="Barnehage")
    assert kitlib.check_folder(folder)[2] == []
    assert (result.values_added, result.values_replaced, result.values_changed) == (2, 1, 1)
    ind = rows(folder, "indicators.csv")
    assert ind == [
        dict(zip(INDICATORS.splitlines()[0].split(","), next(csv.reader([INDICATORS.splitlines()[1]]))))
    ]
    assert result.indicators_added == [] and result.needs_completion == {}
    values = {(r["unit_id"], r["period"]): r for r in rows(folder, "values.csv")}
    assert values[("bhg-sol", "2023")]["value"] == "7"
    assert values[("bhg-sol", "2023")]["sd"] == "0.5"  # the analyst's sd is kept
    assert values[("bhg-sol", "2022")]["value"] == "8.1"  # rewritten with a decimal point
    assert rows(folder, "units.csv")[1] == {
        "unit_id": "bhg-maur",
        "name": "bhg-maur",
        "service_area": "Barnehage",
    }
    text = (folder / "values.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "unit_id,indicator_id,period,value,sd"
    assert "\r" not in text


def test_refused_import_leaves_folder_untouched(tmp_path):
    folder = existing(tmp_path)
    (folder / "indicators.csv").write_text(INDICATORS.replace(",*,", ",Barnehage,"), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    src = source(tmp_path, "3801,sykefravaer,2024,6.0\n")
    # the new unit gets service area Kommune, but the indicator belongs to Barnehage
    with pytest.raises(ImportRefusedError, match="service area"):
        import_long(src, folder, **LONG)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_kit_toml_perspectives_are_respected(tmp_path):
    folder = existing(tmp_path)
    (folder / "kit.toml").write_text(
        '[perspectives]\nbrukere = "Brukere"\nmedarbeidere = "Medarbeidere"\n', encoding="utf-8"
    )
    src = source(tmp_path, "bhg-sol,trivsel,2024,4.5\n")
    result = import_long(src, folder, **LONG)
    assert kitlib.check_folder(folder)[2] == []
    new = [r for r in rows(folder, "indicators.csv") if r["indicator_id"] == "trivsel"][0]
    assert new["perspective"] == "brukere"
    assert new["service_area"] == "Barnehage"  # the area of its units
    assert "perspective" in result.needs_completion["trivsel"]
    with pytest.raises(ImportRefusedError, match="perspective"):
        import_long(source(tmp_path, "bhg-sol,x,2024,1\n"), folder, **LONG, perspective="ukjent")


def test_csv_number():
    assert csv_number(12807.0) == "12807"
    assert csv_number(0.00001) == "0.00001"
    assert csv_number(31.32959689) == "31.32959689"
    assert csv_number(-2.5) == "-2.5"
    assert csv_number(None) == ""
