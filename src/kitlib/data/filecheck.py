"""One file of a data folder read and checked column by column, and the typed table it gives.

`_read` reads a file and refuses one that is missing, has no rows or lacks a required
column; `_FileCheck` runs the checks of one column at a time (texts required, numbers,
periods, choices, keys, ids of another file) and records every problem with its line. The
rules that say which check a file's columns get, and those across files, are kitlib.data.validate's.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from kitlib.data import bulkread
from kitlib.data.contract import ALL_SERVICE_AREAS, FileSpec
from kitlib.data.parse import (
    _arrow,
    _as_str,
    _categorical,
    _combined_codes,
    _factorize,
    _numbers,
    _plain_numbers,
    _repeated,
    _short,
)
from kitlib.data.periods import PeriodError, parse_period
from kitlib.data.tables import RawTable, read_raw_table
from kitlib.errors import Problem

LINE = "_line"
FIRST_YEAR = 1900  # no period of the contract is older: an earlier year is a typing error
NO_ROWS = "the file has a header but no rows"
# What a required file must hold at least one row of (a header alone gives no briefing).
ROWS_NEEDED = {"indicators.csv": "at least one indicator", "units.csv": "at least one unit",
               "values.csv": "at least one figure"}  # fmt: skip


class _FileCheck:
    """Checks one file's columns, remembering which rows failed.

    A check looks at each distinct text of a column once (`factor`) and spreads its verdict
    to the rows holding that text, so that a national values.csv (25 million rows, a few
    thousand distinct ids and periods) is checked in seconds; the per-cell code still writes
    every message, so they are the same whichever way a file was read. The frame's text
    columns are categorical while checking when the file came through `bulkread` (its
    figures Arrow strings, whose plainly written numbers are read row by row at Arrow's
    speed); `finished` gives every column the type it has always had. `exact` checks every
    distinct text with the per-cell code alone (the reference the fast path is tested on)."""

    def __init__(
        self, raw: RawTable, problems: list[Problem], *, added: tuple[str, ...] = (), exact: bool = False
    ):
        self.raw = raw
        self.exact = exact
        self.name = raw.name
        self.frame = raw.frame.copy(deep=False)
        self.frame[LINE] = self.column(raw.lines)
        self.problems = problems
        self._as_list: set[str] = set()  # columns the old code assigned as a list of texts
        self._added = set(added)  # optional columns absent from the file, "" in every row
        self._finished = False

    def column(self, values):
        """`values` to assign to a frame column, an array wrapped so that it is not copied
        (a national file's column is 200 MB)."""
        if isinstance(values, (np.ndarray, pd.api.extensions.ExtensionArray)):
            return pd.Series(values, index=self.frame.index, copy=False)
        return values

    def add(self, row_index: int, column: str | None, message: str) -> None:
        self.problems.append(Problem(self.name, int(self.frame[LINE].iat[row_index]), column, message))

    def factor(self, column: str) -> tuple[np.ndarray, np.ndarray]:
        """(texts, codes): the column's distinct texts, and per row the position of its text."""
        return _factorize(self.frame[column])

    def add_each(self, column: str | None, codes: np.ndarray, messages: dict[int, str], rows=None) -> None:
        """Add `messages[codes[i]]` for every row i whose text has a message (`codes[k]` is
        row `rows[k]`'s when `rows` is given)."""
        if not messages:
            return
        bad = np.zeros(int(codes.max()) + 1 if len(codes) else 0, dtype=bool)
        bad[[j for j in messages if j < len(bad)]] = True
        lines = self.frame[LINE].to_numpy()
        for k in np.flatnonzero(bad[codes]):
            i = k if rows is None else rows[k]
            self.problems.append(Problem(self.name, int(lines[i]), column, messages[codes[k]]))

    def empty_cells(self, column: str) -> np.ndarray:
        """Per row whether the column's cell is empty."""
        values = self.frame[column]
        if isinstance(values.dtype, pd.ArrowDtype):
            sizes = pc.binary_length(_arrow(values)).chunks
            return np.concatenate([c.to_numpy() == 0 for c in sizes]) if sizes else np.zeros(0, bool)
        texts, codes = self.factor(column)
        return np.array([t == "" for t in texts], dtype=bool)[codes]

    def required_text(self, column: str) -> None:
        texts, codes = self.factor(column)
        message = "is empty; a value is required here"
        self.add_each(column, codes, {j: message for j, text in enumerate(texts) if not text})

    def numbers(self, column: str, *, integer=False, minimum=None, maximum=None) -> pd.Series:
        values = self.frame[column]
        if isinstance(values.dtype, pd.ArrowDtype):  # figures as read by bulkread: one per row
            numbers, rest = _plain_numbers(_arrow(values), integer, minimum, maximum)
            texts, codes = _factorize(values.iloc[rest]) if len(rest) else (np.zeros(0, object), rest)
            distinct, messages = _numbers(texts, integer, minimum, maximum, exact=self.exact)
            numbers[rest] = distinct[codes]
            self.add_each(column, codes, messages, rows=rest)
        else:
            texts, codes = self.factor(column)
            distinct, messages = _numbers(texts, integer, minimum, maximum, exact=self.exact)
            self.add_each(column, codes, messages)
            numbers = distinct[codes]
        return pd.Series(numbers, index=self.frame.index, copy=False)

    def periods(self, current_year: int, *, years_ahead: int = 0, column: str = "period") -> None:
        """Parse the periods; refuse a year before 1900 or after `current_year` + `years_ahead`."""
        texts, codes = self.factor(column)
        shown = texts.copy()
        freqs = np.full(len(texts), None, dtype=object)
        years = np.zeros(len(texts), dtype=np.int64)
        indexes = np.zeros(len(texts), dtype=np.int64)
        parsed = np.zeros(len(texts), dtype=bool)
        messages: dict[int, str] = {}
        for j, text in enumerate(texts):
            try:
                period = parse_period(text)
            except PeriodError as exc:
                messages[j] = str(exc)
                continue
            parsed[j] = True
            shown[j], freqs[j], years[j], indexes[j] = str(period), period.freq, period.year, period.index
            if period.year < FIRST_YEAR:
                messages[j] = f"period {text} is before {FIRST_YEAR}; fix the date"
            elif period.year > current_year and not years_ahead:
                messages[j] = f"period {text} is after the current year {current_year}; fix the date"
            elif period.year > current_year + years_ahead:
                messages[j] = (
                    f"period {text} is more than {years_ahead} years after the current year "
                    f"{current_year}; targets are set at most {years_ahead} years ahead "
                    f"(up to {current_year + years_ahead}); fix the date"
                )
        self.add_each(column, codes, messages)
        missing = ~parsed[codes]
        self.frame[column] = self.column(_categorical(shown, codes))
        self.frame["year"] = self.column(pd.arrays.IntegerArray(years[codes], missing))
        self.frame["freq"] = self.column(_categorical(freqs, codes))
        self.frame["period_index"] = self.column(pd.arrays.IntegerArray(indexes[codes], missing))
        self._as_list |= {column, "freq"}

    def choice(self, column: str, allowed, *, allow_empty=False) -> None:
        allowed = list(allowed)
        texts, codes = self.factor(column)
        message = f"is not one of: {', '.join(allowed)}"
        self.add_each(
            column,
            codes,
            {
                j: f"'{t}' {message}"
                for j, t in enumerate(texts)
                if not ((t == "" and allow_empty) or t in allowed)
            },
        )

    def yes_no(self, column: str, meanings: dict[str, bool]) -> None:
        """A choice of `meanings`' words (empty allowed), made a bool column: False where the
        cell is empty, the column absent or its word refused."""
        self.choice(column, meanings, allow_empty=True)
        texts, codes = self.factor(column)
        self.frame[column] = self.column(np.array([meanings.get(t, False) for t in texts], dtype=bool)[codes])

    def unique(self, key: tuple[str, ...], *, as_read: dict[str, list] | None = None) -> None:
        """Refuse a row whose key repeats; `as_read` replaces a key column's texts by what they mean."""
        as_read = as_read or {}
        factors = [
            _factorize(pd.Series(as_read[c], dtype=object)) if c in as_read else self.factor(c) for c in key
        ]
        combined = _combined_codes([codes for _texts, codes in factors], len(self.frame))
        repeated = _repeated(combined)
        if repeated is None:
            return
        lines = self.frame[LINE].to_numpy()
        first_line: dict[int, int] = {}
        for i in np.flatnonzero(np.isin(combined, combined[repeated])):
            if combined[i] in first_line:
                row_key = [texts[codes[i]] for texts, codes in factors]
                shown = ", ".join(f"{c}={_short(v)}" for c, v in zip(key, row_key) if v != "")
                first = first_line[combined[i]]
                self.add(i, None, f"duplicate row ({shown}); it first appears on line {first}")
            else:
                first_line[combined[i]] = int(lines[i])

    def same_service_area(self, unit_area: dict, ind_area: dict) -> None:
        unit_texts, unit_codes = self.factor("unit_id")
        ind_texts, ind_codes = self.factor("indicator_id")
        number: dict[str, int] = {}

        def area_numbers(texts, area_of) -> np.ndarray:
            # -1: no area, or * (a municipality row holds figures of every service area)
            areas = (area_of.get(text) for text in texts)
            return np.fromiter(
                (number.setdefault(a, len(number)) if a and a != ALL_SERVICE_AREAS else -1 for a in areas),
                dtype=np.int64,
                count=len(texts),
            )

        area, needed = area_numbers(unit_texts, unit_area), area_numbers(ind_texts, ind_area)
        if len(area) * len(needed) <= max(len(self.frame), 1 << 20):
            # which (unit, indicator) pairs clash, then which rows hold such a pair
            clash = (area[:, None] >= 0) & (needed[None, :] >= 0) & (area[:, None] != needed[None, :])
            rows = np.flatnonzero(clash[unit_codes, ind_codes]) if clash.any() else []
        else:
            area, needed = area[unit_codes], needed[ind_codes]
            rows = np.flatnonzero((area >= 0) & (needed >= 0) & (area != needed))
        for i in rows:
            unit, indicator = unit_texts[unit_codes[i]], ind_texts[ind_codes[i]]
            self.add(
                i,
                "indicator_id",
                f"indicator '{indicator}' belongs to service area '{ind_area[indicator]}', "
                f"but unit '{unit}' is in '{unit_area[unit]}'",
            )

    def known(self, column: str, ids, what: str, *, extra_allowed=()) -> None:
        ids = set(ids) | set(extra_allowed)
        texts, codes = self.factor(column)
        message = f"; it is not in {what.split()[0]}s.csv"
        self.add_each(
            column,
            codes,
            {j: f"unknown {what} '{t}'{message}" for j, t in enumerate(texts) if t and t not in ids},
        )

    def finished(self) -> pd.DataFrame:
        """The checked frame, each column of the type it has always had: texts as Python
        strings (object), a parsed period and its frequency as pandas' `str`."""
        if not self._finished:
            self.raw = None  # the texts as read: their columns are freed as they are replaced
            for name in list(self.frame.columns):
                column = self.frame[name]
                if isinstance(column.dtype, pd.ArrowDtype):
                    column = column.astype("category")  # a figure column the checks did not type
                if not isinstance(column.dtype, pd.CategoricalDtype):
                    continue  # a column the checks typed (numbers), or as read by read_raw_table
                if name in self._as_list and not len(column):
                    self.frame[name] = []  # what assigning an empty list always gave
                elif name in self._as_list or name in self._added:
                    self.frame[name] = self.column(_as_str(column))
                else:
                    self.frame[name] = column.astype(object)
            self._finished = True
        return self.frame


def _empty_frame(spec: FileSpec) -> pd.DataFrame:
    """The typed columns an absent optional file would have had, so analyses need no special case."""
    kinds = {"number": float, "integer": "Int64"}
    columns = {c.name: pd.Series(dtype=kinds.get(c.kind, object)) for c in spec.columns}
    if any(c.kind == "period" for c in spec.columns):
        parsed = {"year": "Int64", "freq": object, "period_index": "Int64"}
        columns |= {name: pd.Series(dtype=dtype) for name, dtype in parsed.items()}
    return pd.DataFrame(columns | {LINE: pd.Series(dtype=int)})


def empty_table(spec: FileSpec) -> pd.DataFrame:
    """The loaded table of an absent optional file: typed columns, no rows."""
    return _empty_frame(spec).drop(columns=[LINE])


def _read(folder: Path, spec: FileSpec, problems: list[Problem], exact: bool) -> _FileCheck | None:
    path = folder / spec.name
    if not path.exists():
        if spec.required:
            problems.append(
                Problem(
                    spec.name,
                    None,
                    None,
                    f"file missing from {folder}; every data folder needs it (see data/README.md)",
                )
            )
        return None
    # a figure (a value per unit, indicator and period: many distinct texts) is cheaper read
    # per row than hashed; counts, spreads and tolerances repeat, and stay categorical
    figures = [col.name for col in spec.columns if col.kind == "number" and col.required]
    raw, read_problems = read_raw_table(path) if exact else bulkread.read_table(path, strings=figures)
    problems.extend(read_problems)
    if raw is None:
        return None
    if spec.required and raw.frame.empty:
        what = ROWS_NEEDED.get(spec.name, "a row")
        problems.append(Problem(spec.name, None, None, f"{NO_ROWS}; a data folder needs {what} "
                                "(see data/README.md)"))  # fmt: skip
        return None
    missing = [c for c in spec.required_columns if c not in raw.frame.columns]
    for col in missing:
        problems.append(Problem(spec.name, 1, col, "required column is missing from the header"))
    if missing:
        return None
    added = tuple(col.name for col in spec.columns if col.name not in raw.frame.columns)
    for name in added:  # "" in every row (`finished` makes it pandas' str, as assigning "" did)
        empty = pd.Index([""], dtype=object)
        raw.frame[name] = pd.Categorical.from_codes(np.zeros(len(raw.frame), np.int8), empty, validate=False)
    return _FileCheck(raw, problems, added=added, exact=exact)
