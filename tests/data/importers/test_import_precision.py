"""Numbers the importers write: at most 15 significant digits, as the validator accepts."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from folder_rows import assert_valid, find

from kitlib.data.importers import ImportRefusedError, import_long
from kitlib.data.importers.folder import csv_number

LONG = {"unit": "enhet", "indicator": "indikator", "period": "periode", "value": "verdi"}


def test_csv_number_keeps_at_most_15_significant_digits():
    assert csv_number(1 / 3) == "0.333333333333333"
    assert csv_number(2 / 3) == "0.666666666666667"
    assert csv_number(0.1 + 0.2) == "0.3"
    assert csv_number(1.0000000000000002) == "1"
    assert csv_number(-1 / 3 * 1e-9) == "-0.000000000333333333333333"
    assert csv_number(1e-7) == "0.0000001"
    assert csv_number(123456789012.5) == "123456789012.5"
    assert csv_number(-0.0) == "0"


@pytest.mark.parametrize("value", [10.06, 12.807, 4.89, 7.4, 0.00001, 31.32959689, 93.1, -2.5, 99.95])
def test_csv_number_writes_ordinary_numbers_as_before(value):
    assert csv_number(value) == format(Decimal(repr(value)), "f")


def test_csv_number_is_exact_for_every_number_of_at_most_15_digits():
    rng = random.Random(15)
    for _ in range(20_000):
        digits = rng.randint(1, 15)
        mantissa = rng.randrange(10 ** (digits - 1), 10**digits)
        text = format(Decimal(mantissa).scaleb(-rng.randint(0, 20)), "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        assert csv_number(float(text)) == text


def write_xlsx(path: Path, values: list[float]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["enhet", "indikator", "periode", "verdi"])
    for year, value in enumerate(values, start=2020):
        ws.append(["bhg-sol", "andel", year, value])
    wb.save(path)
    return path


def test_computed_excel_cells_are_imported_and_validate(tmp_path):
    src = write_xlsx(tmp_path / "andel.xlsx", [1 / 3, 1e-7, 123456789012.5, 0.1 + 0.2, 12.807])
    out = tmp_path / "data"
    import_long(src, out, **LONG)
    assert_valid(out)
    written = {year: find(out, "values.csv", period=str(year))["value"] for year in range(2020, 2025)}
    assert written == {
        2020: "0.333333333333333",
        2021: "0.0000001",
        2022: "123456789012.5",
        2023: "0.3",
        2024: "12.807",
    }


def test_a_share_stored_with_17_digits_in_a_csv_is_imported(tmp_path):
    src = tmp_path / "andel.csv"
    src.write_text(
        "enhet;indikator;periode;verdi\nbhg-sol;andel;2024;0,33333333333333331\n", encoding="utf-8"
    )
    out = tmp_path / "data"
    import_long(src, out, **LONG)
    assert_valid(out)
    assert find(out, "values.csv", period="2024")["value"] == "0.333333333333333"


def test_the_analysts_own_over_precise_figure_is_not_rounded_silently(tmp_path):
    out = tmp_path / "data"
    import_long(write_xlsx(tmp_path / "andel.xlsx", [0.5]), out, **LONG)
    values = out / "values.csv"
    values.write_text(values.read_text(encoding="utf-8") + "bhg-sol,andel,2019,0.12345678901234567\n")
    src = write_xlsx(tmp_path / "neste.xlsx", [0.25])
    with pytest.raises(ImportRefusedError, match="17 significant digits"):
        import_long(src, out, **LONG)
    assert "0.12345678901234567" in values.read_text(encoding="utf-8")
