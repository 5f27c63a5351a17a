"""kitlib import targets: a scorecard sheet in the municipalities' own layout."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from folder_rows import rows

import kitlib
from kitlib.data.importers import SourceFormatError, import_targets

INDICATORS = (
    "indicator_id,name,service_area,perspective,source,indicator_type,unit,direction,"
    "influenceable,definition\n"
    "brukertilfredshet,Brukertilfredshet,*,brukere,Brukerundersøkelse,opplevd_kvalitet,"
    "score 1-6,higher,delvis,Snitt\n"
    "sykefravaer,Sykefravær,*,medarbeidere,Lønnssystemet,medarbeider,%,lower,delvis,Snitt\n"
    "forbruk,Forbruk i prosent av budsjett,*,okonomi,Regnskap,okonomi,%,lower,delvis,Snitt\n"
)


def folder_with_indicators(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "indicators.csv").write_text(INDICATORS, encoding="utf-8")
    (folder / "units.csv").write_text("unit_id,name,service_area\nalna,Bydel Alna,Bydel\n", encoding="utf-8")
    (folder / "values.csv").write_text("unit_id,indicator_id,period,value\n", encoding="utf-8")
    return folder


def scorecard(tmp_path: Path, extra_row=None) -> Path:
    """Bydel Alna's scorecard columns (domain brief, seed 004), with its real figures."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Målekart 2026 – Bydel Alna"])
    ws.append([])
    ws.append(
        [
            "Fokusområde",
            "Kritisk suksessfaktor",
            "Måleindikator",
            "Målemetode",
            "Status",
            "Mål 2026",
            "Mål 2027",
        ]
    )
    ws.append(["Brukere", "Fornøyde brukere", "Brukertilfredshet", "Brukerundersøkelse", 4.7, 4.5, "4,6"])
    ws.append(["Ansatte", "Friske medarbeidere", "sykefravær", "Lønnssystemet", 10.06, "≤ 9,9", None])
    ws.append([None, None, "Forbruk i prosent av budsjett ", "Regnskap", "ca. 97", "100 %", 100])
    if extra_row:
        ws.append(extra_row)
    path = tmp_path / "malekart.xlsx"
    wb.save(path)
    return path


def test_scorecard_targets_matched_by_name(tmp_path):
    folder = folder_with_indicators(tmp_path)
    result = import_targets(scorecard(tmp_path), folder)
    # targets may come before the figures: the folder is incomplete, and says so, not broken
    assert [str(p) for p in kitlib.check_folder(folder)[2]] == [
        "values.csv: the file has a header but no rows; a data folder needs at least one figure "
        "(see data/README.md)"
    ]
    assert result.notes == [
        "values.csv has no figures yet: import them before 'kitlib validate' and 'kitlib briefings'"
    ]
    targets = {(r["indicator_id"], r["period"]): r["target"] for r in rows(folder, "targets.csv")}
    assert targets == {
        ("brukertilfredshet", "2026"): "4.5",
        ("brukertilfredshet", "2027"): "4.6",
        ("sykefravaer", "2026"): "9.9",
        ("forbruk", "2026"): "100",
        ("forbruk", "2027"): "100",
    }
    assert {r["unit_id"] for r in rows(folder, "targets.csv")} == {"*"}
    assert result.targets_written == 5
    ind = {r["indicator_id"]: r for r in rows(folder, "indicators.csv")}
    assert ind["sykefravaer"]["success_factor"] == "Friske medarbeidere"
    assert ind["sykefravaer"]["direction"] == "lower"  # untouched

    again = import_targets(scorecard(tmp_path), folder, unit="*")
    assert again.targets_replaced == 5


def test_unmatched_indicators_are_listed(tmp_path):
    folder = folder_with_indicators(tmp_path)
    src = scorecard(tmp_path, [None, None, "Medarbeidertilfredshet", "MU", 4.3, 4.5, 4.5])
    with pytest.raises(SourceFormatError) as info:
        import_targets(src, folder)
    assert "Medarbeidertilfredshet" in str(info.value) and "line 7" in str(info.value)
    assert not (folder / "targets.csv").exists()


def test_targets_for_one_unit_with_named_columns(tmp_path):
    folder = folder_with_indicators(tmp_path)
    src = tmp_path / "mal.csv"
    src.write_text("Indikator;Mål\nSykefravær;6,5\n", encoding="utf-8")
    with pytest.raises(SourceFormatError, match="--year"):
        import_targets(src, folder)
    import_targets(src, folder, unit="alna", year="2025")
    assert rows(folder, "targets.csv") == [
        {"unit_id": "alna", "indicator_id": "sykefravaer", "period": "2025", "target": "6.5"}
    ]
    src.write_text("Nøkkeltall;Ønsket nivå\nsykefravaer;abc\n", encoding="utf-8")
    with pytest.raises(SourceFormatError) as info:
        import_targets(src, folder, indicator_col="Nøkkeltall", target_cols={"Ønsket nivå": "2026"})
    assert (info.value.line, info.value.column) == (2, "Ønsket nivå")
