"""Any long table (one figure per row), CSV or Excel -> Batch.

The analyst names the columns: unit, indicator, period, value and optionally n. Rows can
be selected with `--filter COL=VALUE` (repeat a column to allow several values). School
years such as `2019-2020` become their first year (or the second with
school_year="second"). Unit values written as `3801 Horten` (all of them) are split into
id and name; total rows (I alt, Totalt, Hele landet) go to benchmarks.csv.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kitlib.data.importers._base import Batch, ImportOptions, IndicatorInfo, Observation, SourceFormatError
from kitlib.data.importers._cells import clean, normalise_period, parse_value, sha256_of, split_region
from kitlib.data.importers._figures import add_figure, default_status, is_total
from kitlib.data.importers.grid import Row, read_grid
from kitlib.data.periods import PeriodError
from kitlib.data.tables import parse_number


@dataclass
class LongColumns:
    unit: str
    indicator: str
    period: str
    value: str
    n: str | None = None
    unit_name: str | None = None
    indicator_name: str | None = None
    filters: dict[str, list[str]] = field(default_factory=dict)
    school_year: str = "first"
    population: str | None = None  # the column with the number of people asked


def batch_from_long(
    path: Path,
    cols: LongColumns,
    options: ImportOptions,
    *,
    sep: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
) -> Batch:
    if path.suffix.lower() == ".xls":
        raise SourceFormatError(path, "old Excel .xls files cannot be read; save as .xlsx or CSV")
    rows, data = read_grid(path, sheet=sheet, encoding=encoding, sep=sep)
    rows = [r for r in rows if any(r.cells)]
    if not rows:
        raise SourceFormatError(path, "the file has no rows")
    header = rows[0]
    names = {c.lower(): j for j, c in reversed(list(enumerate(header.cells))) if c}

    def col(name: str | None, option: str) -> int | None:
        if name is None:
            return None
        j = names.get(clean(name).lower())
        if j is None:
            raise SourceFormatError(
                path,
                f"{option} {name}: no such column; the header has {', '.join(c for c in header.cells if c)}",
                line=header.line,
            )
        return j

    idx = {
        key: col(getattr(cols, key), f"--{key.replace('_', '-')}")
        for key in ("unit", "indicator", "period", "value", "n", "population", "unit_name", "indicator_name")
    }
    filters = {col(name, "--filter"): {clean(v) for v in wanted} for name, wanted in cols.filters.items()}
    selected = [r for r in rows[1:] if all(_cell(r, j) in wanted for j, wanted in filters.items())]
    if not selected:
        raise SourceFormatError(path, "no data rows" + (" match the filters" if filters else ""))

    batch = Batch(kind="long", source=str(path), sha256=sha256_of(data))
    units = [_cell(r, idx["unit"]) for r in selected]
    # `3801 Horten` in every row: the code is the id (as Statistikkbanken writes regions)
    split_codes = all(split_region(u)[0] or is_total("", u) for u in units)
    empty = sum(_add_row(batch, row, header, idx, cols, options, path, split_codes) for row in selected)
    if empty:
        batch.notes.append(f"{empty} empty value(s) read as '..' (not yet available)")
    return batch


def _cell(row: Row, j: int | None) -> str:
    if j is None or j >= len(row.cells):
        return ""
    return clean(row.cells[j])


def _add_row(batch, row: Row, header: Row, idx, cols, options, path, split_codes) -> bool:
    """Add one data row; True if its value was empty (and so read as '..')."""

    def fail(j: int, message: str) -> SourceFormatError:
        return SourceFormatError(path, message, line=row.line, column=header.cells[j])

    unit_text, ind = _cell(row, idx["unit"]), _cell(row, idx["indicator"])
    if not unit_text:
        raise fail(idx["unit"], "the unit is empty")
    if not ind:
        raise fail(idx["indicator"], "the indicator is empty")
    try:
        period = normalise_period(_cell(row, idx["period"]), school_year=cols.school_year)
    except PeriodError as exc:
        raise fail(idx["period"], str(exc)) from None
    try:
        value, status = parse_value(_cell(row, idx["value"]))
    except ValueError:
        raise fail(
            idx["value"], f"'{_cell(row, idx['value'])}' is not a number or one of '..', '.', ':'"
        ) from None
    status, empty = default_status(value, status)
    n = _count(row, idx["n"], 0, "a whole number of respondents", fail)
    population = _count(row, idx["population"], 1, "a whole number of people asked, at least 1", fail)
    code, name = split_region(unit_text) if split_codes else ("", unit_text)
    unit_id = code or unit_text
    unit_name = _cell(row, idx["unit_name"]) or name
    batch.indicators.setdefault(
        ind, IndicatorInfo(name=_cell(row, idx["indicator_name"]) or ind, source=path.name)
    )
    obs = Observation(unit_id, ind, period, value, status, n, where=f"line {row.line}", population=population)
    add_figure(batch, obs, options, name=unit_name, total=is_total(code, unit_name))
    return empty


def _count(row: Row, j: int | None, minimum: int, what: str, fail) -> int | None:
    """A count in column `j` (respondents, people asked), None where the row has none."""
    if j is None or not _cell(row, j):
        return None
    try:
        number = parse_number(_cell(row, j))
    except ValueError:
        number = float("nan")
    if not number == number or number != int(number) or number < minimum:
        raise fail(j, f"'{_cell(row, j)}' is not {what}")
    return int(number)
