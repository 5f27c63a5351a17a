"""A contract file of the folder an import merges into, as ordered rows of text keyed by the
file's key columns: read with the analyst's own columns kept, and written sorted, with a
decimal point and guarded cells, so that the same import gives the same bytes."""

from __future__ import annotations

import csv
import io
import math
from decimal import Decimal
from pathlib import Path

from kitlib.data import contract
from kitlib.data.contract import ALL_UNITS, FileSpec
from kitlib.data.csvsafe import safe_csv_cell
from kitlib.data.importers._base import ImportRefusedError
from kitlib.data.periods import PeriodError, parse_period
from kitlib.data.tables import FIGURE_LIMIT, SIGNIFICANT_DIGITS, parse_figure, read_raw_table

# Columns holding numbers: rewritten with a decimal point whatever the analyst typed.
_NUMERIC = {"value", "target", "tolerance", "sd", "n", "population", "decimals"}


def csv_number(value: float | int | None) -> str:
    """A number as the contract's files hold it: the shortest text with a decimal point and
    no exponent (12807, 5.1, 0.00001), rounded to the 15 significant digits a float keeps and
    the validator accepts (1/3 computed in a spreadsheet, 0.33333333333333331, is written
    0.333333333333333); a count (int) as it is; None or NaN as ''."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, int):
        return str(value)
    value = float(value)
    if value.is_integer() and abs(value) < FIGURE_LIMIT:
        return str(int(value))
    # A number of at most 15 digits comes back from a float unchanged, so this is its repr
    # whenever the repr is that short (10.06, 12.807); only noise digits are dropped.
    return format(Decimal(format(value, f".{SIGNIFICANT_DIGITS}g")), "f")


class _Table:
    """One contract file as ordered rows of strings, keyed by the file's key columns."""

    def __init__(self, spec: FileSpec, folder: Path):
        self.spec = spec
        self.columns: list[str] = [c.name for c in spec.columns if c.required]
        self.rows: dict[tuple, dict[str, str]] = {}
        self.existed = False
        path = folder / spec.name
        if path.exists():
            self._read(path)

    def _read(self, path: Path) -> None:
        raw, problems = read_raw_table(path)
        if raw is None:
            raise ImportRefusedError(
                f"cannot merge into {path}: it is not readable as a data file:\n"
                + "\n".join(f"  - {p}" for p in problems)
            )
        self.existed = True
        known = [c.name for c in self.spec.columns]
        present = list(raw.frame.columns)
        # contract columns in contract order, then the analyst's own extra columns
        self.columns = [c for c in known if c in present or c in self.columns]
        self.columns += [c for c in present if c not in known]
        for record in raw.frame.to_dict("records"):
            # read_raw_table reads '=x back as =x; text() guards it again
            row = {c: _normalise_cell(c, str(record.get(c, "") or "")) for c in self.columns}
            key = self.key_of(row)
            # a duplicate key is the validator's to report; keep the first like it does
            self.rows.setdefault(key, row)

    def ensure_column(self, name: str) -> None:
        if name in self.columns:
            return
        known = [c.name for c in self.spec.columns]
        ordered = [c for c in known if c in self.columns or c == name]
        self.columns = ordered + [c for c in self.columns if c not in known]

    def key_of(self, row: dict[str, str]) -> tuple:
        return row_key(self.spec, row)

    def text(self, *, sort: bool) -> str:
        rows = list(self.rows.values())
        if sort:
            rows.sort(key=lambda r: tuple(_sort_key(k, r.get(k, "")) for k in self.spec.key))
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow([safe_csv_cell(c) for c in self.columns])
        for row in rows:
            writer.writerow([safe_csv_cell(row.get(c, "")) for c in self.columns])
        return buf.getvalue()


def row_key(spec: FileSpec, row: dict[str, str]) -> tuple[str, ...]:
    """The row's values of `spec.key` (a column the file lacks counts as empty). targets.csv's
    service_area tells apart only `*` rows, as validate.py's duplicate check has it: a unit's
    own row is for the unit's service area whatever the column says."""
    key = tuple(row.get(k, "") for k in spec.key)
    if spec is contract.TARGETS and row.get("unit_id") != ALL_UNITS:
        key = tuple("" if k == "service_area" else v for k, v in zip(spec.key, key))
    return key


def _normalise_cell(column: str, text: str) -> str:
    text = text.strip()
    if column in _NUMERIC and text:
        try:
            return csv_number(parse_figure(text))
        except ValueError:
            # not a number, or one no figure can be (too precise, too large): the validator
            # will name it; we neither guess nor round the analyst's text
            return text
    return text


def _sort_key(column: str, text: str):
    if column == "period":
        try:
            p = parse_period(text)
            return (0, p.freq, p.year, p.sub, "")
        except PeriodError:
            return (1, "", 0, 0, text)
    return text
