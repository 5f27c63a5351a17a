"""A CSV or Excel sheet as rows of text cells, each row with its line (CSV) or row (XLSX) number.

The layout readers (Statistikkbanken tables, long tables, scorecards) work on this grid, so
they read CSV and Excel alike and can name the line of any cell they refuse.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from kitlib.data.importers._base import SourceFormatError
from kitlib.data.importers._cells import clean, decode, unescape_entities
from kitlib.data.tables import sniff_separator

EXCEL_SUFFIXES = (".xlsx", ".xlsm")


@dataclass
class Row:
    line: int
    cells: list[str]

    @property
    def blank(self) -> bool:
        return not any(self.cells)


def csv_separator(text: str, path: Path) -> str:
    """`;`, `,` or tab, whichever splits the source's lines alike; refuses a text with none."""
    sep = sniff_separator(text)
    if sep is None:
        raise SourceFormatError(path, "no separator found: expected fields separated by ';' or ','")
    return sep


def read_grid(
    path: Path, *, sheet: str | None = None, encoding: str | None = None, sep: str | None = None
) -> tuple[list[Row], bytes]:
    """An Excel workbook's sheet (by suffix), else a CSV file; also the bytes read, for sha256."""
    if path.suffix.lower() in EXCEL_SUFFIXES:
        return read_xlsx_grid(path, sheet)
    return read_csv_grid(path, encoding, sep)


def read_csv_grid(path: Path, encoding: str | None = None, sep: str | None = None) -> tuple[list[Row], bytes]:
    data = path.read_bytes()
    if not data.strip():
        raise SourceFormatError(path, "the file is empty")
    text = unescape_entities(decode(data, path, encoding))
    sep = sep or csv_separator(text, path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    # numbered by row: row i is line i unless a quoted field spans lines
    rows = [Row(line, [clean(c) for c in cells]) for line, cells in enumerate(reader, start=1)]
    return rows, data


def read_xlsx_grid(path: Path, sheet: str | None = None) -> tuple[list[Row], bytes]:
    import openpyxl  # only the xlsx readers need it

    data = path.read_bytes()
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not xlsx
        raise SourceFormatError(path, f"not an Excel .xlsx workbook ({exc})") from exc
    try:
        if sheet and sheet not in workbook.sheetnames:
            raise SourceFormatError(
                path, f"no sheet '{sheet}'; the sheets are {', '.join(workbook.sheetnames)}"
            )
        ws = workbook[sheet] if sheet else workbook.worksheets[0]
        rows = [
            Row(i, [_excel_text(v) for v in values])
            for i, values in enumerate(ws.iter_rows(values_only=True), start=1)
        ]
    finally:
        workbook.close()
    return rows, data


def _excel_text(value: object) -> str:
    # Excel stores 2024 and 12807 as floats: write them as the whole numbers they were typed as
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float) and math.isfinite(value):
        # every digit the cell holds, without an exponent (repr writes 1e-07), so that the
        # number reads back as the same float; folder.csv_number rounds it to 15 digits
        return format(Decimal(repr(value)), "f")
    if isinstance(value, float):
        return repr(value)
    return clean(value)
