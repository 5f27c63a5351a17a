"""kitlib import ssb-csv / ssb-xlsx: real Statistikkbanken exports and synthetic variants."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from folder_rows import REAL, assert_valid, find, rows

from kitlib.data.importers import SourceFormatError, import_ssb_csv, import_ssb_xlsx


def test_kostra_13135_latin1_wide_with_footer(tmp_path):
    out = tmp_path / "data"
    result = import_ssb_csv(REAL / "ssb_13135_kostra_kulturskole_statbank.csv", out)
    assert_valid(out)
    ind = "13135:KOSmusikkandelba0000"  # from the footer's 'Intern referansekode'
    assert result.indicators_added == [ind]
    assert result.values_added == 59 * 6
    assert find(out, "values.csv", unit_id="0701", period="2015")["value"] == "6.5"
    assert find(out, "values.csv", unit_id="0714", period="2017")["value"] == "105.8"
    assert find(out, "values.csv", unit_id="3801", period="2020")["value"] == "5.1"
    dot = find(out, "values.csv", unit_id="3801", period="2015")
    assert (dot["value"], dot["status"]) == ("", ".")
    assert find(out, "units.csv", unit_id="0701")["name"] == "Horten (-2019)"
    assert find(out, "units.csv", unit_id="3803")["name"] == "Tønsberg"
    meta = find(out, "indicators.csv", indicator_id=ind)
    assert meta["name"] == "Barn 6-15 år i kommunens kulturskole"
    assert meta["unit"] == "%"
    assert meta["data_date"] == "2021-06-15"
    assert meta["definition"].startswith("13135: Utvalgte nøkkeltall for kultur")


def test_11616_year_merged_into_header(tmp_path):
    out = tmp_path / "data"
    result = import_ssb_csv(REAL / "ssb_11616_statbank_raw.csv", out)
    assert_valid(out)
    assert len(result.indicators_added) == 4
    assert (
        find(
            out,
            "values.csv",
            unit_id="3801",
            period="2021",
            indicator_id="11616:sysselsatte_personer_bosatt_i_regionen",
        )["value"]
        == "12807"
    )
    assert (
        find(
            out,
            "values.csv",
            unit_id="3825",
            period="2021",
            indicator_id="11616:personer_som_pendler_ut_av_regionen",
        )["value"]
        == "561"
    )
    assert find(out, "units.csv", unit_id="3811")["name"] == "Færder"


def test_12061_xlsx(tmp_path):
    out = tmp_path / "data"
    result = import_ssb_xlsx(REAL / "ssb_12061_kostra_kulturskole_statbank.xlsx", out)
    assert_valid(out)
    assert result.values_added == 17 * 3
    ind = "12061:KOSmusikkelevpla0000"
    assert find(out, "values.csv", unit_id="3806", indicator_id=ind, period="2020")["value"] == "762"
    assert find(out, "values.csv", unit_id="3825", indicator_id=ind, period="2022")["value"] == "115"
    assert find(out, "indicators.csv", indicator_id=ind)["unit"] == "antall"


def test_same_folder_takes_several_tables(tmp_path):
    out = tmp_path / "data"
    import_ssb_csv(REAL / "ssb_13135_kostra_kulturskole_statbank.csv", out)
    result = import_ssb_xlsx(REAL / "ssb_12061_kostra_kulturskole_statbank.xlsx", out)
    assert_valid(out)
    assert "3806" not in result.units_added  # Porsgrunn came with 13135
    assert len(rows(out, "indicators.csv")) == 2


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_bom_comma_separator_entities_thousands_and_total_row(tmp_path):
    src = write(
        tmp_path / "x.csv",
        '"12345: Test, etter region, statistikkvariabel og år"\n\n'
        '"region","Elever i kulturskolen 2023","Elever i kulturskolen 2024"\n'
        '"0 Hele landet","101 234","102 345"\n'
        '"3801 Horten","1 234","1 301,5"\n'
        '"3802 Holmestrand",":",".."\n'
        "\n"
        '"Kilde:"\n"Statistisk sentralbyr&#229;"\n',
        "utf-8-sig",
    )
    out = tmp_path / "data"
    import_ssb_csv(src, out)
    assert_valid(out)
    ind = "12345:elever_i_kulturskolen"
    assert find(out, "values.csv", unit_id="3801", period="2023")["value"] == "1234"
    assert find(out, "values.csv", unit_id="3801", period="2024")["value"] == "1301.5"
    assert find(out, "values.csv", unit_id="3802", period="2023")["status"] == ":"
    assert find(out, "values.csv", unit_id="3802", period="2024")["status"] == ".."
    assert (
        find(out, "benchmarks.csv", group="Hele landet", period="2024", indicator_id=ind)["value"] == "102345"
    )
    assert "0" not in {r["unit_id"] for r in rows(out, "units.csv")}


def test_html_entities_in_header_and_total_as_unit(tmp_path):
    src = write(
        tmp_path / "x.csv",
        "12345: Test\n\n;Andel barn i kulturskolen (prosent)\n"
        ";2023;2024\n3801 Horten;5,1;6\nI alt;4,0;4,5\n".replace(
            "Andel barn i kulturskolen", "Andel barn i kulturskolen &amp; SFO"
        ),
    )
    out = tmp_path / "data"
    import_ssb_csv(src, out, totals="units")
    assert_valid(out)
    names = {r["name"] for r in rows(out, "indicators.csv")}
    assert names == {"Andel barn i kulturskolen & SFO"}
    assert find(out, "values.csv", unit_id="I alt", period="2024")["value"] == "4.5"


def test_iso_8859_1_long_layout(tmp_path):
    src = write(
        tmp_path / "long.csv",
        '"region";"statistikkvariabel";"år";"13135: Utvalgte nøkkeltall"\n'
        '"3801 Horten";"Barn i kulturskolen (prosent)";"2019";"5,6"\n'
        '"3801 Horten";"Barn i kulturskolen (prosent)";"2020";"."\n'
        '"3811 Færder";"Barn i kulturskolen (prosent)";"2020";"8,9"\n',
        "latin-1",
    )
    out = tmp_path / "data"
    import_ssb_csv(src, out)
    assert_valid(out)
    assert find(out, "units.csv", unit_id="3811")["name"] == "Færder"
    assert find(out, "values.csv", unit_id="3801", period="2019")["value"] == "5.6"
    assert find(out, "values.csv", unit_id="3801", period="2020")["status"] == "."


def test_unknown_layout_is_refused(tmp_path):
    src = write(tmp_path / "x.csv", "navn;farge;form\nA;rød;rund\nB;blå;firkant\n")
    with pytest.raises(SourceFormatError, match="unknown layout"):
        import_ssb_csv(src, tmp_path / "data")
    assert not (tmp_path / "data" / "values.csv").exists()


def test_bad_cell_is_refused_with_line_and_column(tmp_path):
    src = write(tmp_path / "x.csv", "region;2023;2024\n3801 Horten;5,1;n/a\n")
    with pytest.raises(SourceFormatError) as info:
        import_ssb_csv(src, tmp_path / "data")
    assert (info.value.line, info.value.column) == (2, "2024")
    assert "n/a" in str(info.value)


def test_xlsx_that_is_not_a_workbook_is_refused(tmp_path):
    src = write(tmp_path / "x.xlsx", "not a zip")
    with pytest.raises(SourceFormatError, match="not an Excel"):
        import_ssb_xlsx(src, tmp_path / "data")


def test_xlsx_numbers_and_second_sheet(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Forside"
    ws = wb.create_sheet("Data")
    ws.append(["12345: Test, etter region og år"])
    ws.append([])
    ws.append(["region", "2023", "2024"])
    ws.append(["3801 Horten", 5.25, 7])
    ws.append(["3802 Holmestrand", "..", 3.0])
    src = tmp_path / "x.xlsx"
    wb.save(src)
    out = tmp_path / "data"
    import_ssb_xlsx(src, out, sheet="Data")
    assert_valid(out)
    assert find(out, "values.csv", unit_id="3801", period="2023")["value"] == "5.25"
    assert find(out, "values.csv", unit_id="3802", period="2024")["value"] == "3"
    with pytest.raises(SourceFormatError, match="no sheet 'Nope'"):
        import_ssb_xlsx(src, out, sheet="Nope")
