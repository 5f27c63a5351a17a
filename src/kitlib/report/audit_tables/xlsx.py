"""The audit, the indicators per unit and the SMART check as one Excel workbook.

Headers in the reader's language (Norwegian by default), verdicts as symbol and words,
figures as numbers with their decimals, written the way report.workbook writes the scorecard
(the same bytes on every run).
"""

from __future__ import annotations

import io

import pandas as pd

from kitlib.analysis.smart import SMART_CHECKS
from kitlib.report.audit_tables.indicators import LOAD_COUNTS, audit_frame, load_frame
from kitlib.report.audit_tables.smart import _smart_verdicts
from kitlib.report.audit_tables.verdicts import TARGET_FOR_KEYS, _missing, _name, _text
from kitlib.report.formatting import format_period, format_text
from kitlib.report.i18n import tr, unit_word
from kitlib.report.workbook import FIXED_TIME, _fixed_zip_times, append_row


def _number_format(decimals) -> str:
    places = 1 if _missing(decimals) else int(decimals)
    return "0" if places == 0 else "0." + "0" * places


def audit_workbook(audit: pd.DataFrame, load: pd.DataFrame, check: pd.DataFrame, lang: str = "nb") -> bytes:
    """The audit, the indicators per unit and the SMART check as one .xlsx (three sheets):
    headers in `lang`, verdicts as symbol and words, figures as numbers with their decimals,
    missing figures as empty cells (never 0). The bytes are the same on every run."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    _audit_sheet(book, audit, lang)
    _load_sheet(book, load, lang)
    _smart_sheet(book, check, lang)
    book.properties.created = book.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_zip_times(buffer.getvalue())


def _audit_sheet(book, audit: pd.DataFrame, lang: str) -> None:
    """The audit's verdicts, then the figures they rest on as numbers."""
    frame = audit_frame(audit, lang)
    extra = [tr("audit_units", lang), tr("audit_median_n", lang), tr("audit_series_years", lang)]
    rows = [
        (
            [*values, _int(row["units"]), _float(row["median_n"]), _int(row["series_years"])],
            {len(values) + 2: "0"},
        )
        for values, (_, row) in zip(frame.itertuples(index=False), audit.iterrows())
    ]
    _sheet(book, tr("audit_sheet", lang), [*frame.columns, *extra], rows, widths=(44, 16))


def _load_sheet(book, load: pd.DataFrame, lang: str) -> None:
    """The indicators per unit, its counts as numbers rather than the frame's formatted text."""
    frame = load_frame(load, lang)
    count_columns = {tr(key, lang): column for key, column in LOAD_COUNTS}
    rows = []
    for values, (_, row) in zip(frame.itertuples(index=False), load.iterrows()):
        cells = [
            _int(row[count_columns[c]]) if c in count_columns else v for c, v in zip(frame.columns, values)
        ]
        rows.append((cells, {}))
    _sheet(book, tr("load_sheet", lang), list(frame.columns), rows, widths=(36, 16))


def _smart_sheet(book, check: pd.DataFrame, lang: str) -> None:
    """Every target with all its figures as numbers in the indicator's decimals, and the checks."""
    headers = [
        tr("unit", lang), tr("indicator", lang), tr("target", lang), tr("xlsx_unit_of_measure", lang),
        tr("smart_target_for", lang), tr("smart_current_period", lang), tr("smart_current", lang),
        tr("smart_noise", lang), tr("smart_best", lang), tr("smart_best_by", lang),
        tr("smart_asked_step", lang), tr("smart_largest_step", lang),
        *[tr(f"smart_{c}", lang) for c in SMART_CHECKS],
    ]  # fmt: skip
    rows = []
    for _, row in check.iterrows():
        fmt = _number_format(row["decimals"])
        cells = [
            _name(row, lang, "unit_name") or _text(row["unit_id"]), _name(row, lang), _float(row["target"]),
            _unit_of_measure(row, lang), tr(TARGET_FOR_KEYS.get(row["target_for"], "smart_for_all"), lang),
            format_period(row["current_period"], lang) if _text(row["current_period"]) else None,
            _float(row["current_value"]), _float(row["noise"]), _float(row["best_value"]),
            _text(row["best_by_name"]) or None, _float(row["asked_step"]), _float(row["largest_step"]),
            *_smart_verdicts(row, lang),
        ]  # fmt: skip
        rows.append((cells, {3: fmt, 7: fmt, 8: fmt, 9: fmt, 11: fmt, 12: fmt}))
    _sheet(book, tr("smart_sheet", lang), headers, rows, widths=(36, 44))


def _unit_of_measure(row, lang: str) -> str:
    """As the scorecard workbook writes it: the reader's word (``kr``, ``dager``), else as given."""
    unit = _text(row["unit_of_measure"])
    return format_text(unit_word(unit, lang) or unit, lang)


def _int(value):
    return None if _missing(value) else int(value)


def _float(value):
    return None if _missing(value) else float(value)


def _sheet(book, title: str, headers: list[str], rows, *, widths=()) -> None:
    """One sheet: bold headers, frozen first row and column, `rows` as (cells, {column: format})."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title[:31])
    append_row(sheet, headers)  # text stays text: never a formula
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cells, formats in rows:
        append_row(sheet, cells)
        for column, number_format in formats.items():
            sheet.cell(row=sheet.max_row, column=column).number_format = number_format
    sheet.freeze_panes = "B2"
    for position in range(1, len(headers) + 1):
        default = 22 if position > len(widths) else widths[position - 1]
        sheet.column_dimensions[get_column_letter(position)].width = default
