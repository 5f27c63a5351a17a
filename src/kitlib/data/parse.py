"""Columns of cell texts turned into what they mean: distinct texts and their codes, numbers
(with the message that refuses a cell), the column types the checked tables have, and row keys.

A column is handled as its distinct texts (`_factorize`) wherever it can be, and plainly
written figures all at once by Arrow (`_numbers`, `_plain_numbers`), so that a national
values.csv is typed in seconds; the per-cell code (`_number`) writes every message, so the
messages are the same whichever way a file was read. The checks of kitlib.data.filecheck
use these; the names stay private to kitlib.data.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from kitlib.data.tables import FigureError, parse_figure


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
