"""Check a data folder against the contract and turn its text into typed tables.

Every problem is collected (not only the first), each with file, line and column,
so that an analyst can fix a whole folder in one pass.
"""

from __future__ import annotations

import datetime
import difflib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from kitlib.data import bulkread, contract
from kitlib.data.config import DIRECTIONS, INFLUENCEABLE, KitConfig, read_config
from kitlib.data.contract import (
    ALL_SERVICE_AREAS,
    ALL_UNITS,
    COMMENT_KINDS,
    CONTEXT_TYPE,
    LEVELS,
    MISSING_SYMBOLS,
    MUNICIPALITY_LEVEL,
    UNIT_LEVEL,
    FileSpec,
)
from kitlib.data.ids import case_clash, unit_id_problem
from kitlib.data.periods import PeriodError, parse_period
from kitlib.data.tables import FigureError, RawTable, parse_figure, read_raw_table
from kitlib.errors import Problem

LINE = "_line"
FIRST_YEAR = 1900  # no period of the contract is older: an earlier year is a typing error
# Targets are set ahead (the budget and economic plan sets next year's and the plan period's,
# up to four years), so targets.csv may hold periods this many years after the current one.
TARGET_YEARS_AHEAD = 5
NO_ROWS = "the file has a header but no rows"
# What a required file must hold at least one row of (a header alone gives no briefing).
ROWS_NEEDED = {"indicators.csv": "at least one indicator", "units.csv": "at least one unit",
               "values.csv": "at least one figure"}  # fmt: skip
MAX_DECIMALS = 6  # decimals shown in a briefing: more is noise, and wide numbers break tables


def this_year() -> int:
    """The current year: no figure can be for a later one (tests replace it)."""
    return datetime.date.today().year


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


def _factorize(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(distinct texts, per row the position of its text) of a column of texts."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.cat.categories.to_numpy(dtype=object), series.cat.codes.to_numpy()
    if isinstance(series.dtype, pd.ArrowDtype):
        encoded = _arrow(series).combine_chunks().dictionary_encode()
        return encoded.dictionary.to_numpy(zero_copy_only=False), encoded.indices.to_numpy()
    codes, texts = pd.factorize(series.to_numpy(dtype=object), use_na_sentinel=False)
    return np.asarray(texts, dtype=object), codes


def _arrow(series: pd.Series) -> pa.ChunkedArray:
    """The Arrow strings of a column bulkread read as such (no copy)."""
    return series.array.__arrow_array__()


def _categorical(texts: np.ndarray, codes: np.ndarray) -> pd.Categorical:
    """The column whose row i holds `texts[codes[i]]` (texts may repeat; None is missing)."""
    remap, distinct = pd.factorize(texts, use_na_sentinel=True)
    categories = pd.Index(distinct, dtype=object)
    return pd.Categorical.from_codes(remap[codes], categories=categories, validate=False)


def _whole_numbers(numbers: pd.Series | np.ndarray) -> pd.arrays.IntegerArray:
    """Whole numbers (NaN: missing) as pandas' Int64, as `pd.array(numbers, dtype="Int64")`
    makes them (1 under the mask), without its checks: `_number` has made them whole."""
    numbers = np.asarray(numbers, dtype=float)
    missing = np.isnan(numbers)
    with np.errstate(invalid="ignore"):
        data = numbers.astype(np.int64)
    data[missing] = 1
    return pd.arrays.IntegerArray(data, missing)


def _as_str(column: pd.Series):
    """A column of texts as pandas' `str` (Arrow strings, NaN for missing), as a list of texts
    assigned to a frame column becomes."""
    if not isinstance(column.dtype, pd.CategoricalDtype):
        return pd.array(column.to_numpy(dtype=object), dtype="str")
    codes = column.cat.codes.to_numpy()
    dictionary = pa.array(column.cat.categories.to_numpy(dtype=object), type=pa.large_string())
    indices = pa.array(codes, mask=codes < 0) if (codes < 0).any() else pa.array(codes)
    return pd.array(pa.DictionaryArray.from_arrays(indices, dictionary).dictionary_decode(), dtype="str")


def _combined_codes(code_columns: list[np.ndarray], rows: int) -> np.ndarray:
    """One int64 per row, equal for two rows exactly when all their codes are equal."""
    combined = np.zeros(rows, dtype=np.int64)
    space = 1
    for codes in code_columns:
        size = int(codes.max()) + 1 if len(codes) else 1
        if space * size >= 2**62:  # renumber the keys seen so far before they overflow
            combined = pd.factorize(combined)[0].astype(np.int64)
            space = int(combined.max()) + 1
        combined *= size  # in place: at national scale each new array is 200 MB
        combined += codes
        space *= size
    return combined


def _repeated(combined: np.ndarray) -> np.ndarray | None:
    """The rows whose key an earlier row has; None when no key repeats."""
    if len(combined) < 2 or (combined[1:] > combined[:-1]).all():  # a sorted file: the usual case
        return None
    repeated = pd.Series(combined).duplicated(keep="first").to_numpy()
    return np.flatnonzero(repeated) if repeated.any() else None


# Numbers written plainly: a sign, digits, one decimal mark and at most 15 characters, so
# that no figure rule can refuse them (at most 15 digits: below 1e15, 15 significant digits).
_PLAIN_NUMBER = r"^-?[0-9]+([.,][0-9]+)?$"
_PLAIN_WHOLE = r"^-?[0-9]+$"
_PLAIN_LENGTH = 15


def _numbers(
    texts: np.ndarray, integer: bool, minimum, maximum, *, exact: bool = False
) -> tuple[np.ndarray, dict[int, str]]:
    """Per distinct text its number (NaN if empty or refused) and its message (None if valid).

    Plainly written numbers are converted all at once (Arrow's text-to-float conversion and
    Python's `float` both round correctly, so the numbers are the same); every other text,
    and with `exact` every text, goes through `_number`, which writes the messages."""
    numbers = np.full(len(texts), np.nan)
    messages: dict[int, str] = {}
    todo = np.arange(len(texts))
    if not exact and len(texts):
        arrow = pa.array(texts, type=pa.string())
        length = pc.utf8_length(arrow).to_numpy(zero_copy_only=False)
        plain = pc.match_substring_regex(arrow, _PLAIN_WHOLE if integer else _PLAIN_NUMBER)
        plain = plain.to_numpy(zero_copy_only=False) & (length <= _PLAIN_LENGTH)
        at = np.flatnonzero(plain)
        converted = pc.cast(pc.replace_substring(arrow.take(at), ",", "."), pa.float64()).to_numpy()
        within = np.ones(len(at), dtype=bool)
        if minimum is not None:
            within &= converted >= minimum
        if maximum is not None:
            within &= converted <= maximum
        numbers[at[within]] = converted[within]
        done = np.zeros(len(texts), dtype=bool)
        done[at[within]] = True
        done |= length == 0  # an empty cell: NaN; whether it may be empty is checked elsewhere
        todo = np.flatnonzero(~done)
    for j in todo:
        numbers[j], message = _number(texts[j], integer, minimum, maximum)
        if message is not None:
            messages[int(j)] = message
    return numbers, messages


# The bytes no plainly written number (`_PLAIN_NUMBER`) or whole one (`_PLAIN_WHOLE`) has
_NOT_NUMBER_BYTE = np.ones(256, dtype=bool)
_NOT_NUMBER_BYTE[[ord(c) for c in "0123456789-.,"]] = False
_NOT_WHOLE_BYTE = np.ones(256, dtype=bool)
_NOT_WHOLE_BYTE[[ord(c) for c in "0123456789-"]] = False
_DIGIT = np.zeros(256, dtype=bool)
_DIGIT[ord("0") : ord("9") + 1] = True


def _plain_numbers(column: pa.ChunkedArray, integer: bool, minimum, maximum) -> tuple[np.ndarray, np.ndarray]:
    """Per row its number, and the rows left to `_numbers` (its per-text code writes their
    messages): those not empty and not plainly written, or outside minimum-maximum. The plain
    ones are converted as `_numbers` converts them, so a row's number is the one its text has
    there, at a few array operations per row, the chunks on every core (numpy and Arrow
    release the GIL).

    Arrow's conversion refuses a text of digits, signs and decimal marks that is no number
    (``1-2``, ``1.2.3``), so only the ends of a cell are looked at (``5.``, ``.5``); when it
    refuses a cell after all, the chunk's plain rows are found by `_PLAIN_NUMBER` itself."""
    numbers = np.full(len(column), np.nan)
    firsts = np.cumsum([0] + [len(chunk) for chunk in column.chunks])

    def convert(k: int) -> np.ndarray:
        rest, converted = _plain_chunk(column.chunk(k), integer, minimum, maximum)
        numbers[firsts[k] : firsts[k + 1]] = converted
        return rest + firsts[k]

    with ThreadPoolExecutor(max(pa.cpu_count(), 1)) as pool:
        rest = list(pool.map(convert, range(column.num_chunks)))
    return numbers, np.concatenate(rest) if rest else np.zeros(0, dtype=np.int64)


def _plain_chunk(chunk: pa.Array, integer: bool, minimum, maximum) -> tuple[np.ndarray, np.ndarray]:
    """(the rows neither empty nor plain and within minimum-maximum, per row its number or NaN)."""
    if chunk.offset:
        chunk = pa.concat_arrays([chunk])  # offset 0: its buffers start at its first row
    offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int32)[: len(chunk) + 1]
    if offsets[-1] == 0:  # every cell empty
        return np.zeros(0, dtype=np.int64), np.full(len(chunk), np.nan)
    sizes = np.diff(offsets)
    data = np.frombuffer(chunk.buffers()[2], dtype=np.uint8)[: offsets[-1]]
    starts = np.minimum(offsets[:-1], len(data) - 1)
    signed = data[starts] == ord("-")
    first = data[np.minimum(starts + signed, len(data) - 1)]
    last = data[np.maximum(offsets[1:] - 1, 0)]
    plain = (sizes >= 1) & (sizes <= _PLAIN_LENGTH) & _DIGIT[first] & _DIGIT[last]
    odd = np.flatnonzero((_NOT_WHOLE_BYTE if integer else _NOT_NUMBER_BYTE)[data])
    plain[np.searchsorted(offsets, odd, side="right") - 1] = False
    texts = pc.replace_substring(chunk, ",", ".") if (data == ord(",")).any() else chunk
    try:
        converted = _converted(texts, plain)
    except pa.ArrowInvalid:  # a text of those bytes that is no number: the regex decides
        plain &= pc.match_substring_regex(chunk, _PLAIN_WHOLE if integer else _PLAIN_NUMBER).to_numpy(
            zero_copy_only=False
        )
        converted = _converted(texts, plain)
    within = plain
    if minimum is not None or maximum is not None:
        with np.errstate(invalid="ignore"):
            within = plain & (converted >= (-np.inf if minimum is None else minimum))
            within &= converted <= (np.inf if maximum is None else maximum)
        converted = np.where(within, converted, np.nan)
    return np.flatnonzero(~within & (sizes > 0)), converted


def _converted(texts: pa.Array, rows: np.ndarray) -> np.ndarray:
    """The numbers of `texts` in `rows` (NaN elsewhere), by Arrow's text-to-float conversion."""
    if not rows.any():
        return np.full(len(texts), np.nan)
    valid = pa.py_buffer(np.packbits(rows, bitorder="little"))
    only = pa.StringArray.from_buffers(len(texts), texts.buffers()[1], texts.buffers()[2], valid)
    return pc.cast(only, pa.float64()).to_numpy(zero_copy_only=False)


def _number(text: str, integer: bool, minimum, maximum) -> tuple[float, str | None]:
    """One cell's number (NaN when empty or refused) and the message that refuses it."""
    try:
        number = parse_figure(text)
    except FigureError as exc:
        return np.nan, str(exc)
    except ValueError:
        kind = "a whole number" if integer else "a number (decimal mark , or .)"
        if "," in text and "." in text:  # 1.234,5 or 1,234.5: a thousands separator
            kind += "; write one decimal mark and no thousands separator but a space (1 234,5)"
        return np.nan, f"'{text}' is not {kind}"
    if np.isnan(number):
        return number, None  # an empty cell: whether it may be empty is checked elsewhere
    if integer and number != int(number):
        return np.nan, f"'{text}' should be a whole number"
    if minimum is not None and maximum is not None and not minimum <= number <= maximum:
        kind = "a whole number" if integer else "a number"
        return np.nan, f"'{text}' should be {kind} from {minimum} to {maximum}"
    if minimum is not None and number < minimum:
        return np.nan, f"'{text}' should be {minimum} or more"
    return number, None


def _short(text, width: int = 40) -> str:
    """A cell as a message quotes it: one line, long texts (a comment) cut short."""
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 3] + "..."


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


def _unit_ids(units: _FileCheck) -> None:
    """Unit ids name the notes' files: safe file names (kitlib.data.ids), unique ignoring case."""
    first: dict[str, tuple[str, int]] = {}
    lines = units.frame[LINE].to_numpy()
    for i, unit in enumerate(units.frame["unit_id"]):
        if not unit:
            continue  # required_text names it
        message = unit_id_problem(unit)
        if message:
            units.add(i, "unit_id", message)
        seen = first.setdefault(unit.casefold(), (unit, int(lines[i])))
        if seen[0] != unit:  # the same id twice is a duplicate row, reported by unique()
            units.add(i, "unit_id", case_clash(unit, *seen))


def _impossible_values(val: _FileCheck, indicators: pd.DataFrame) -> None:
    """Figures no indicator of their kind can have: a share of respondents (unit %, with n)
    outside 0-100, and a negative context figure (users, FTEs, budget)."""
    texts, codes = val.factor("indicator_id")
    unit_of = dict(zip(indicators["indicator_id"], indicators["unit"]))
    type_of = dict(zip(indicators["indicator_id"], indicators["indicator_type"]))
    is_share = np.array([unit_of.get(t) == "%" for t in texts], dtype=bool)[codes]
    is_context = np.array([type_of.get(t) == CONTEXT_TYPE for t in texts], dtype=bool)[codes]
    value = val.frame["value"].to_numpy(dtype=float)
    n = val.frame["n"]
    with np.errstate(invalid="ignore"):
        share_outside = is_share & n.notna().to_numpy() & ((value < 0) | (value > 100))
        context_negative = is_context & (value < 0) & ~share_outside
    written = val.raw.frame["value"]
    for i in np.flatnonzero(share_outside):
        val.add(
            i,
            "value",
            f"'{written.iat[i]}' is a share of {n.iat[i]} respondents (the indicator's unit is %), "
            "so it must be from 0 to 100",
        )
    for i in np.flatnonzero(context_negative):
        val.add(
            i,
            "value",
            f"'{written.iat[i]}' is below 0, but '{texts[codes[i]]}' is a context figure (indicator_type "
            f"{CONTEXT_TYPE}: users, FTEs, budget), which cannot be negative",
        )


def _unit_levels(units: _FileCheck) -> None:
    """`level`: empty means a result unit; one row per service area, one for the municipality."""
    units.choice("level", LEVELS, allow_empty=True)
    levels = [level or UNIT_LEVEL for level in units.frame["level"]]
    seen: dict[tuple, str] = {}
    for i, (unit, area, level) in enumerate(zip(units.frame["unit_id"], units.frame["service_area"], levels)):
        if level == UNIT_LEVEL:
            if area == ALL_SERVICE_AREAS:
                units.add(i, "service_area", f"'{ALL_SERVICE_AREAS}' is for the municipality's row "
                          f"(level {MUNICIPALITY_LEVEL}); a unit belongs to one service area")  # fmt: skip
            continue
        key = (level, "" if level == MUNICIPALITY_LEVEL else area)
        if key in seen:
            whose = "the municipality" if level == MUNICIPALITY_LEVEL else f"service area '{area}'"
            units.add(i, "level", f"a second row for {whose} (the first is '{seen[key]}'); keep one")
        seen.setdefault(key, unit)
    units.frame["level"] = levels


def _missing_status(check: _FileCheck, value_col: str) -> pd.Series:
    """Numbers for `value_col`; an empty value is allowed only with a missing status."""
    check.choice("status", MISSING_SYMBOLS, allow_empty=True)
    values = check.numbers(value_col)
    no_text = check.empty_cells(value_col)
    statuses, status_codes = check.factor("status")
    no_status = np.array([s == "" for s in statuses], dtype=bool)[status_codes]
    missing = np.array([s in MISSING_SYMBOLS for s in statuses], dtype=bool)[status_codes]
    for i in np.flatnonzero(no_text & no_status):
        check.add(
            i,
            value_col,
            "is empty; give the figure, or mark it missing with status "
            "'..' (not yet available), '.' (not applicable) or ':' (suppressed)",
        )
    written = check.frame[value_col]
    for i in np.flatnonzero(~no_text & missing):
        text, status = written.iat[i], statuses[status_codes[i]]
        check.add(i, "status", f"'{status}' marks a missing value, but the row has the value '{text}'")
    return values


def check_folder(
    folder: Path | str, *, current_year: int | None = None, exact: bool = False
) -> tuple[dict[str, pd.DataFrame], KitConfig, list[Problem]]:
    """Validate `folder`; return typed tables (with a `_line` column), config and problems.

    `current_year` (default: this year) is the last year a figure can be for. `exact` reads
    every file with Python's csv reader and every number with the per-cell code: slower,
    the same problems and tables (what tests and benchmarks compare the fast path with).
    """
    folder = Path(folder)
    current_year = this_year() if current_year is None else current_year
    if not folder.is_dir():
        return {}, KitConfig(), [Problem(str(folder), None, None, "no such data folder")]
    # a kit.toml key that is wrong keeps its default (min_respondents never drops below it)
    config, problems = read_config(folder / "kit.toml")

    checks = {spec.name: _read(folder, spec, problems, exact) for spec in contract.FILES}

    def frame_of(spec: FileSpec) -> pd.DataFrame:
        check = checks[spec.name]
        return check.finished() if check else _empty_frame(spec)

    ind = checks["indicators.csv"]
    if ind:
        for col in ("indicator_id", "name", "service_area", "perspective", "unit"):
            ind.required_text(col)
        ind.choice("direction", DIRECTIONS)
        ind.choice("indicator_type", config.indicator_types)
        ind.choice("influenceable", INFLUENCEABLE)
        _context_directions(ind)
        if config.perspectives:
            ind.choice("perspective", config.perspectives)
        decimals = ind.numbers("decimals", integer=True, minimum=0, maximum=MAX_DECIMALS)
        ind.frame["decimals"] = _whole_numbers(decimals)
        ind.unique(("indicator_id",))
    indicators = frame_of(contract.INDICATORS)

    units_check = checks["units.csv"]
    if units_check:
        for col in ("unit_id", "name", "service_area"):
            units_check.required_text(col)
        units_check.unique(("unit_id",))
        _unit_ids(units_check)
        units_check.known("parent_id", units_check.frame["unit_id"], "unit id")
        _unit_levels(units_check)
    units = frame_of(contract.UNITS)

    unit_area = dict(zip(units["unit_id"], units["service_area"]))
    ind_area = dict(zip(indicators["indicator_id"], indicators["service_area"]))
    ind_direction = dict(zip(indicators["indicator_id"], indicators["direction"]))

    val = checks["values.csv"]
    if val:
        val.periods(current_year)
        val.frame["value"] = _missing_status(val, "value")
        val.frame["n"] = val.column(_whole_numbers(val.numbers("n", integer=True, minimum=0)))
        val.frame["sd"] = val.numbers("sd", minimum=0)
        if units_check:
            val.known("unit_id", unit_area, "unit id")
        if ind:
            val.known("indicator_id", ind_area, "indicator id")
        if units_check and ind:
            val.same_service_area(unit_area, ind_area)
        val.unique(contract.VALUES.key)
        if ind:
            _impossible_values(val, indicators)

    tgt = checks["targets.csv"]
    if tgt:
        tgt.periods(current_year, years_ahead=TARGET_YEARS_AHEAD)
        tgt.required_text("target")
        tgt.frame["target"] = tgt.numbers("target")
        tgt.frame["tolerance"] = tgt.numbers("tolerance", minimum=0)
        if units_check:
            tgt.known("unit_id", unit_area, "unit id", extra_allowed=[ALL_UNITS])
        if units_check and ind:
            tgt.same_service_area(unit_area, ind_area)
        if units_check:
            _target_service_areas(tgt, unit_area, ind_area if ind else {})
        if ind:
            tgt.known("indicator_id", ind_area, "indicator id")
            ind_type = dict(zip(indicators["indicator_id"], indicators["indicator_type"]))
            for i, indicator in enumerate(tgt.frame["indicator_id"]):
                if ind_type.get(indicator) == CONTEXT_TYPE:
                    tgt.add(
                        i,
                        "indicator_id",
                        f"indicator '{indicator}' is a context figure (indicator_type {CONTEXT_TYPE}), "
                        "shown beside the unit's name and never judged, so it cannot have a target; "
                        "drop the row",
                    )
                elif ind_direction.get(indicator) == "none":
                    tgt.add(
                        i,
                        "indicator_id",
                        f"indicator '{indicator}' has direction 'none', so it "
                        "cannot have a target; set its direction or drop the row",
                    )
        # a `*` row is told apart by its service area; a unit's own row needs none
        areas = [a if u == ALL_UNITS else "" for u, a in zip(tgt.frame["unit_id"], tgt.frame["service_area"])]
        tgt.unique(("unit_id", "service_area", "indicator_id", "period"), as_read={"service_area": areas})

    bm = checks["benchmarks.csv"]
    if bm:
        bm.periods(current_year)
        bm.required_text("group")
        bm.frame["value"] = _missing_status(bm, "value")
        if ind:
            bm.known("indicator_id", ind_area, "indicator id")
        bm.unique(contract.BENCHMARKS.key)
        groups = set(bm.frame["group"])
        for key, group in (("peer_group", config.peer_group), ("national", config.national_group)):
            if group and groups and group not in groups:
                problems.append(
                    Problem("kit.toml", None, f"benchmarks.{key}",
                            f"group '{group}' does not occur in benchmarks.csv; "
                            f"its groups are {', '.join(sorted(groups))}")
                )  # fmt: skip

    comments = checks["comments.csv"]
    if comments:
        _check_comments(comments, current_year, unit_area if units_check else None, ind_area if ind else None)

    tables = {spec.name.removesuffix(".csv"): frame_of(spec) for spec in contract.FILES}
    return tables, config, sorted(set(problems), key=_problem_order)


def _context_directions(ind: _FileCheck) -> None:
    """A context figure (users, FTEs, budget) is never better or worse: its direction is none."""
    for i, (kind, direction) in enumerate(zip(ind.frame["indicator_type"], ind.frame["direction"])):
        if kind == CONTEXT_TYPE and direction != "none":
            ind.add(
                i,
                "direction",
                f"'{direction}' for a context figure (indicator_type {CONTEXT_TYPE}); such figures "
                "(users, FTEs, budget) are shown beside the unit's name and never judged, so the "
                "direction must be 'none'",
            )


def _check_comments(
    comments: _FileCheck, current_year: int, unit_area: dict | None, ind_area: dict | None
) -> None:
    """comments.csv: the unit's own assessment and planned measures, per indicator or for the
    whole unit (indicator_id empty); `None` for units.csv or indicators.csv that could not be read."""
    comments.required_text("unit_id")
    comments.periods(current_year)
    kinds = list(COMMENT_KINDS)
    for i, kind in enumerate(comments.frame["kind"]):
        if kind not in kinds:
            close = difflib.get_close_matches(kind.lower(), kinds, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            shown = ", ".join(f"{k} ({meaning})" for k, meaning in COMMENT_KINDS.items())
            found = f"'{kind}' is not" if kind else "is empty; write"
            comments.add(i, "kind", f"{found} one of: {shown}{hint}")
    for i, text in enumerate(comments.frame["text"]):
        if not text:
            comments.add(
                i, "text", ("is empty; write the assessment, the measure or the question, or drop the row")
            )
    if unit_area is not None:
        comments.known("unit_id", unit_area, "unit id")
    if ind_area is not None:
        comments.known("indicator_id", ind_area, "indicator id")
    if unit_area is not None and ind_area is not None:
        comments.same_service_area(unit_area, ind_area)
    comments.unique(contract.COMMENTS.key)


def _target_service_areas(tgt: _FileCheck, unit_area: dict, ind_area: dict) -> None:
    """targets.csv's service_area: one of units.csv's, the unit's own for a unit's row, and
    (for a `*` row) one the indicator applies to, or the target would apply to no unit."""
    areas = sorted(set(unit_area.values()) - {""})
    rows = zip(tgt.frame["unit_id"], tgt.frame["indicator_id"], tgt.frame["service_area"])
    for i, (unit, indicator, area) in enumerate(rows):
        if not area:
            continue
        needed = ind_area.get(indicator)
        if area not in areas:
            close = difflib.get_close_matches(area, areas, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"its service areas are: {', '.join(areas)}"
            tgt.add(i, "service_area", f"unknown service area '{area}'; it is not in units.csv ({hint})")
        elif unit != ALL_UNITS and unit in unit_area and unit_area[unit] != area:
            tgt.add(
                i,
                "service_area",
                f"unit '{unit}' is in service area '{unit_area[unit]}', not '{area}'; leave "
                f"service_area empty for the unit's own target, or write unit_id {ALL_UNITS} "
                f"for every unit of '{area}'",
            )
        elif unit == ALL_UNITS and needed and needed not in (area, ALL_SERVICE_AREAS):
            tgt.add(
                i,
                "service_area",
                f"indicator '{indicator}' belongs to service area '{needed}', so a target for "
                f"the units of '{area}' would apply to no unit",
            )


def _problem_order(p: Problem):
    files = [spec.name for spec in contract.FILES]
    rank = files.index(p.file) if p.file in files else -1
    return (rank, p.file, p.line or 0, p.column or "", p.message)
