"""kitlib import long: any long table, CSV or Excel."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from folder_rows import assert_valid, find

from kitlib.data.importers import ImportRefusedError, SourceFormatError, import_long

COLS = {"unit": "Skole", "indicator": "Indikator", "period": "Skoleår", "value": "Verdi"}


def survey(tmp_path: Path, encoding: str = "utf-8") -> Path:
    text = (
        "Skole;Indikator;Skoleår;Verdi;Antall;Trinn\n"
        "Vestby skole;Trivsel;2019-2020;4,3;58;7\n"
        "Vestby skole;Trivsel;2020-2021;4,1;61;7\n"
        "Vestby skole;Mobbing;2020-2021;:;3;7\n"
        "Åsen skole;Trivsel;2020-2021;4,5;44;7\n"
        "Åsen skole;Trivsel;2020-2021;4,4;40;10\n"
        "I alt;Trivsel;2020-2021;4,2;163;7\n"
    )
    path = tmp_path / "elevundersokelsen.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_school_years_filters_n_and_total_row(tmp_path):
    out = tmp_path / "data"
    result = import_long(
        survey(tmp_path, "latin-1"),
        out,
        **COLS,
        n="Antall",
        filters=["Trinn=7"],
        service_area="Skole",
        perspective="brukere",
    )
    assert_valid(out)
    row = find(out, "values.csv", unit_id="Vestby skole", indicator_id="Trivsel", period="2019")
    assert (row["value"], row["n"]) == ("4.3", "58")
    assert find(out, "values.csv", unit_id="Åsen skole", period="2020")["value"] == "4.5"
    assert find(out, "values.csv", indicator_id="Mobbing", period="2020")["status"] == ":"
    assert find(out, "benchmarks.csv", group="I alt", period="2020")["value"] == "4.2"
    assert sorted(result.units_added) == ["Vestby skole", "Åsen skole"]
    meta = find(out, "indicators.csv", indicator_id="Trivsel")
    assert (meta["service_area"], meta["perspective"]) == ("Skole", "brukere")
    assert "perspective" not in result.needs_completion["Trivsel"]
    assert "direction" in result.needs_completion["Trivsel"]


def test_second_school_year(tmp_path):
    out = tmp_path / "data"
    import_long(survey(tmp_path), out, **COLS, filters=["Trinn=7"], school_year="second")
    assert (
        find(out, "values.csv", unit_id="Vestby skole", indicator_id="Trivsel", period="2020")["value"]
        == "4.3"
    )


def test_duplicate_keys_are_refused(tmp_path):
    with pytest.raises(ImportRefusedError, match="twice"):
        import_long(survey(tmp_path), tmp_path / "data", **COLS)  # two Trinn for Åsen


def test_bad_cells_are_refused(tmp_path):
    src = tmp_path / "x.csv"
    src.write_text("Skole,Indikator,Skoleår,Verdi\nA,T,2020,4\nA,T,høst 2020,4\n", encoding="utf-8")
    with pytest.raises(SourceFormatError) as info:
        import_long(src, tmp_path / "data", **COLS)
    assert (info.value.line, info.value.column) == (3, "Skoleår")
    with pytest.raises(SourceFormatError, match="no such column"):
        import_long(src, tmp_path / "data", **{**COLS, "value": "Resultat"})


def test_excel_long_table_with_region_labels(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["kommune", "nøkkeltall", "år", "verdi"])
    ws.append(["3801 Horten", "Sykefravær", 2023, 7.4])
    ws.append(["3801 Horten", "Sykefravær", 2024, "6,9"])
    ws.append(["3803 Tønsberg", "Sykefravær", 2024, None])
    src = tmp_path / "x.xlsx"
    wb.save(src)
    out = tmp_path / "data"
    result = import_long(src, out, unit="kommune", indicator="nøkkeltall", period="år", value="verdi")
    assert_valid(out)
    assert find(out, "values.csv", unit_id="3801", period="2024")["value"] == "6.9"
    assert find(out, "units.csv", unit_id="3803")["name"] == "Tønsberg"
    assert find(out, "values.csv", unit_id="3803", period="2024")["status"] == ".."
    assert any("empty value" in n for n in result.notes)


@pytest.mark.parametrize(
    ("label", "period"),
    [("2025-01", "2025M01"), ("2025M1", "2025M01"), ("jan 2025", "2025M01"), ("januar 2025", "2025M01"),
     ("Jan. 2025", "2025M01"), ("marts 2025", "2025M03"), ("desember 2024", "2024M12"), ("Dec 2024", "2024M12"),
     ("2025M11", "2025M11")],
)  # fmt: skip
def test_month_labels_as_exports_write_them(tmp_path, label, period):
    src = tmp_path / "fravaer.csv"
    src.write_text(f"Enhet,Indikator,Måned,Verdi\nHaugtun,Sykefravær,{label},9.1\n", encoding="utf-8")
    out = tmp_path / "data"
    import_long(src, out, unit="Enhet", indicator="Indikator", period="Måned", value="Verdi")
    assert_valid(out)
    assert find(out, "values.csv", unit_id="Haugtun", indicator_id="Sykefravær")["period"] == period


def test_a_month_name_that_is_not_one_is_refused_where_it_stands(tmp_path):
    src = tmp_path / "fravaer.csv"
    src.write_text("Enhet,Indikator,Måned,Verdi\nHaugtun,Sykefravær,janvier 2025,9.1\n", encoding="utf-8")
    with pytest.raises(SourceFormatError) as info:
        import_long(
            src, tmp_path / "data", unit="Enhet", indicator="Indikator", period="Måned", value="Verdi"
        )
    assert (info.value.line, info.value.column) == (2, "Måned")
