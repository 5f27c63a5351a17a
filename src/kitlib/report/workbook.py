"""A unit's scorecard as an Excel workbook for readers: headers in the note's language,
figures as numbers with their decimals, statuses and trends as words.

The CSV beside it is for machines (codes, decimal points); this is for the analyst or the
politician who opens it in Excel. The bytes are the same on every run: the workbook's
dates and the zip entries' times are fixed.

Both open in a spreadsheet, so both are safe to open whatever the data holds: `append_row`
writes every text as a text cell (openpyxl would make ``=HYPERLINK(...)`` a live formula)
without control characters, and `csv_text` neutralises formula-leading text cells by
OWASP's rule (`kitlib.data.csvsafe`). The scorecard's and the audit's sheets and CSVs go
through them (the importers apply `safe_csv_cell` to each cell they write).
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

import pandas as pd

from kitlib.data.csvsafe import FORMULA_STARTS, safe_csv_cell
from kitlib.report.formatting import replace_controls
from kitlib.report.i18n import status_label, tr, trend_label, unit_word

# in the workbook's properties and zip entries, so that reruns give equal bytes
FIXED_TIME = datetime(2000, 1, 1)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
COLUMNS = (  # (header key, scorecard column)
    ("perspective", "perspective"), ("indicator", "name"), ("period", "period"), ("value", "value"),
    ("ci_low", "ci_low"), ("ci_high", "ci_high"), ("target", "target"), ("status", "status"),
    ("trend", "trend"), ("variation", "variation"), ("assurance", "assurance"),
    ("peer_group", "peer_group_value"), ("national", "national_value"),
    ("other_units_median", "peer_median"), ("rank", "peer_rank"), ("units_compared", "peer_count"),
    ("next_target", "next_target"), ("unit_of_measure", "unit_of_measure"), ("source", "source"),
    ("definition", "definition"),
)  # fmt: skip
# Making Data Count's codes as the CSV has them (improvement, concern, neutral, common_cause;
# pass, fail, hit_and_miss): an analyst filters on them; empty where a series has no limits
CODES = {"variation", "assurance"}
NUMERIC = {"value", "ci_low", "ci_high", "target", "peer_group_value", "national_value", "peer_median",
           "next_target"}  # fmt: skip


def scorecard_workbook(card: pd.DataFrame, perspective_names: dict[str, str], lang: str = "nb") -> bytes:
    """The scorecard as .xlsx bytes, one row per indicator, in the note's language."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = tr("scorecard", lang)[:31]
    append_row(sheet, [tr(f"xlsx_{key}", lang) for key, _ in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for _, row in card.iterrows():
        append_row(sheet, [_cell(row, column, perspective_names, lang) for _, column in COLUMNS])
        decimals = 1 if pd.isna(row["decimals"]) else int(row["decimals"])
        number_format = "0" if decimals == 0 else "0." + "0" * decimals
        for position, (_, column) in enumerate(COLUMNS, start=1):
            if column in NUMERIC:
                sheet.cell(row=sheet.max_row, column=position).number_format = number_format
    sheet.freeze_panes = "C2"
    for letter, width in zip(
        "ABCDEFGHIJKLMNOPQRST", (16, 44, 9, 10, 10, 10, 10, 22, 16, 14, 14, 14, 12, 12, 8, 8, 12, 14)
    ):
        sheet.column_dimensions[letter].width = width
    book.properties.created = book.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_zip_times(buffer.getvalue())


def append_row(sheet, cells) -> None:
    """Append `cells` to an openpyxl `sheet` as its next row, every text as a text cell: never
    a formula, whatever it begins with, and without the control characters XML cannot hold."""
    sheet.append([replace_controls(c) if isinstance(c, str) else c for c in cells])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # openpyxl typed a text beginning with '=' as a formula


def csv_text(frame: pd.DataFrame) -> str:
    """`frame` as plain UTF-8 CSV (comma, decimal point, '\\n' line endings) that a spreadsheet
    opens without running anything: every text cell, headers included, passes through
    `safe_csv_cell` (``=cmd|...`` becomes ``'=cmd|...``); numbers stay numbers, missing stays empty."""
    safe = frame.copy(deep=False)  # columns are replaced, never changed in place
    safe.columns = [safe_csv_cell(c) if isinstance(c, str) else c for c in frame.columns]
    for position in range(safe.shape[1]):
        column = safe.iloc[:, position]
        if pd.api.types.is_numeric_dtype(column) or pd.api.types.is_datetime64_any_dtype(column):
            continue
        # most columns hold no text that needs a guard: a look at each cell is cheaper than a map
        if any(isinstance(v, str) and v.startswith(FORMULA_STARTS) for v in column.array):
            safe.isetitem(position, column.map(lambda v: safe_csv_cell(v) if isinstance(v, str) else v))
    return safe.to_csv(index=False, lineterminator="\n")


def _cell(row, column: str, perspective_names: dict[str, str], lang: str):
    value = row[column]
    if column == "perspective":
        return perspective_names.get(value, value)
    if column == "status":
        return status_label(value, lang)
    if column == "trend":
        return trend_label(value, lang)
    if column in CODES:
        return str(value) if isinstance(value, str) and value else None  # no limits: an empty cell
    if column == "unit_of_measure":
        return unit_word(value, lang) or str(value)
    if pd.isna(value) if not isinstance(value, str) else False:
        return None  # missing stays an empty cell, never 0
    if column in ("peer_rank", "peer_count"):
        return int(value)
    return float(value) if column in NUMERIC else str(value)


def _fixed_zip_times(data: bytes) -> bytes:
    """The same zip with every entry, and the workbook's 'modified', dated FIXED_TIME."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps 'modified' when saving
                content = _MODIFIED.sub(rb"\g<1>" + FIXED_TIME.isoformat().encode() + rb"Z\g<2>", content)
            target.writestr(fixed, content)
    return out.getvalue()
