"""Reading a large, plain CSV file fast, giving exactly what `tables.read_raw_table` gives.

`read_raw_table` reads row by row in Python and keeps every cell as a Python string: right
for every file, and the one that names what is wrong with a broken one, but at national
scale (25 million rows) it takes minutes and more memory than a laptop has. A file of at
least `FAST_READ_BYTES` that is *plain* is read here instead, with pyarrow's multithreaded
CSV reader, into categorical columns (each distinct text once, a code per row), with the
same stripped texts and the same line numbers; the columns named in `strings` (figures:
many distinct texts, cheaper to keep per row than to hash) come as Arrow strings. Plain
means: UTF-8 (a BOM is allowed), no NUL or other control character in a cell (a tab is
allowed), a header of distinct, non-empty names without quotes, every line as many fields
as the header (a blank line is a row of empty cells, dropped as the exact reader drops it),
no newline inside quotes and no quote left in a cell, and lines ended by ``\\n`` or
``\\r\\n``. For any other file `read_plain_table` returns None and `read_table` falls back to
`read_raw_table`, whose messages say what is wrong: this module never reports a problem.
"""

from __future__ import annotations

import codecs
import csv
import io
import mmap
import re
from collections.abc import Collection
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from kitlib.data.csvsafe import unguarded_csv_cell
from kitlib.data.tables import RawTable, read_raw_table, sniff_separator
from kitlib.errors import Problem

FAST_READ_BYTES = 256 << 10  # smaller files read as fast row by row (tests set 0 to force this path)
_CHUNK = 64 << 20
_BLOCK = 4 << 20  # pyarrow's block: rows parsed per thread task
# a cell with one of these is not plain: the exact reader (and the checks) decide about it
_CONTROL = r"[\x00-\x08\x0a-\x1f\x7f-\x9f\x{2028}\x{2029}\"]"
# every character Python's str.strip() removes (str.isspace), and a few more: a cell that
# starts or ends with one is stripped by Python itself, so the texts are exactly the reader's
_SPACE = r"[\s\pZ\x0b\x1c-\x1f\x85]"
_NEEDS_STRIP = rf"^{_SPACE}|{_SPACE}$"
_HEADER_ODD = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\"\x0b\x0c\x1c-\x1e\x85]")


def read_table(path: Path, *, strings: Collection[str] = ()) -> tuple[RawTable | None, list[Problem]]:
    """`read_raw_table(path)`, through pyarrow when the file is large and plain (same texts)."""
    raw = read_plain_table(path, strings=strings)
    return (raw, []) if raw is not None else read_raw_table(path)


def read_plain_table(path: Path, *, strings: Collection[str] = ()) -> RawTable | None:
    """The file as `read_raw_table` reads it, its columns categorical (those in `strings`:
    Arrow strings); None if it is not a large, plain file (see the module's docstring)."""
    if path.stat().st_size < max(FAST_READ_BYTES, 1):
        return None
    header = _plain_header(path)
    if header is None or not _plain_body(path):
        return None
    separator, names = header
    text = pa.string()
    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(
                use_threads=True, block_size=_BLOCK, skip_rows=1, column_names=names
            ),
            # a blank line is a row of empty cells, so that every row keeps its line number
            parse_options=pacsv.ParseOptions(
                delimiter=separator, newlines_in_values=False, ignore_empty_lines=False
            ),
            # UTF-8 is checked on the distinct texts and the odd cells afterwards: cheaper
            convert_options=pacsv.ConvertOptions(
                column_types={n: text if n in strings else pa.dictionary(pa.int32(), text) for n in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                check_utf8=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None  # a row of another width: the exact reader says which
    if not table.num_rows:
        return None  # a header alone: the exact reader, and what it always gave
    columns: dict[str, pd.Categorical | pd.Series] = {}
    empty = np.ones(table.num_rows, dtype=bool)
    for name in names:
        chunked = table.column(name)
        table = table.drop_columns([name])  # free each column's Arrow memory once it is converted
        if name in strings:
            column, blank = _strings(chunked)
        else:
            column, blank = _categorical(chunked)
        del chunked
        if column is None:
            return None
        columns[name] = column
        empty &= blank
    if empty.all():
        return None  # no row carries anything: the exact reader, and what it always gave
    lines = np.arange(2, len(empty) + 2, dtype=np.int64)
    if empty.any():  # a blank line, a row of empty cells (`;;;`): it carries nothing, as in read_raw_table
        keep = ~empty
        lines = lines[keep]
        columns = {n: _rows(c, keep) for n, c in columns.items()}
    frame = pd.DataFrame(columns, copy=False)
    return RawTable(path.name, frame, lines)


def _rows(column, keep: np.ndarray):
    if isinstance(column, pd.Series):
        return column[keep].reset_index(drop=True)
    return column[keep]


def _plain_header(path: Path) -> tuple[str, list[str]] | None:
    """(separator, names) read as read_raw_table reads them, or None when anything is odd."""
    first = _first_line(path)
    if not first.endswith(b"\n"):
        return None
    first = first.removeprefix(codecs.BOM_UTF8).removesuffix(b"\n").removesuffix(b"\r")
    try:
        text = first.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not text.strip() or _HEADER_ODD.search(text):
        return None
    separator = sniff_separator(text, ",;", lines=1) or ","
    names = [h.strip() for h in next(csv.reader(io.StringIO(text, newline=""), delimiter=separator))]
    if len(names) < 2 or "" in names or len(set(names)) != len(names):
        return None
    return separator, names


def _plain_body(path: Path) -> bool:
    """No NUL byte, no lone CR, no newline inside quotes.

    memchr-fast searches over the mapped file; the line ends and quotes are counted chunk by
    chunk only in a file that has a CR or a quote at all."""
    start = len(_first_line(path))  # the header, checked by _plain_header
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        if data.find(b"\x00", start) >= 0:
            return False
        has_cr, has_quote = data.find(b"\r", start) >= 0, data.find(b'"', start) >= 0
        if not (has_cr or has_quote):
            return True
        quotes = 0  # quotes seen so far: odd means the next newline would be inside a quoted cell
        cr_pending = False
        for at in range(start, len(data), _CHUNK):
            view = data[at : at + _CHUNK]
            if cr_pending and not view.startswith(b"\n"):
                return False
            cr_pending = view.endswith(b"\r")
            if has_cr and view.count(b"\r") - view.count(b"\r\n") - cr_pending:
                return False  # a lone CR ends a line for Python's reader
            if has_quote and b'"' in view:
                if not _quotes_close_on_their_line(view, quotes):
                    return False
                quotes += view.count(b'"')
    return not cr_pending


def _first_line(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.readline(1 << 20)


def _quotes_close_on_their_line(chunk: bytes, quotes_before: int) -> bool:
    """True when no newline of `chunk` comes after an odd number of quotes (counted from the
    file's second line): then no quoted cell spans lines, and each row is one line."""
    data = np.frombuffer(chunk, dtype=np.uint8)
    at_quotes = np.flatnonzero(data == 34)
    at_newlines = np.flatnonzero(data == 10)
    inside = (np.searchsorted(at_quotes, at_newlines) + quotes_before) & 1
    return not inside.any()


def _categorical(chunked: pa.ChunkedArray) -> tuple[pd.Categorical | None, np.ndarray]:
    """A dictionary column as a Categorical of stripped texts, and per row whether it is
    empty; None if a cell is not plain."""
    # each block has a dictionary of its own: concatenating them unifies them (in the order
    # of first appearance, as Table.unify_dictionaries does) at no extra pass
    array = pa.concat_arrays(chunked.chunks) if chunked.num_chunks != 1 else chunked.chunk(0)
    dictionary = array.dictionary
    texts, changed = _plain_texts(dictionary)
    if texts is None:
        return None, np.zeros(0, dtype=bool)
    codes = array.indices.to_numpy(zero_copy_only=False)
    if changed:  # ' a' and 'a' are one text once stripped: renumber
        remap, uniques = pd.factorize(texts)
        if len(uniques) != len(texts):
            codes = remap[codes]
            texts = np.asarray(uniques, dtype=object)
    categories = pd.Index(texts, dtype=object)
    codes = codes.astype(np.int32, copy=False)
    blank = np.flatnonzero(categories == "")  # categories are distinct: one at most
    empty = codes == blank[0] if len(blank) else np.zeros(len(codes), dtype=bool)
    return pd.Categorical.from_codes(codes, categories=categories, validate=False), empty


def _plain_texts(array: pa.Array) -> tuple[np.ndarray | None, bool]:
    """The texts of a string array as read_raw_table gives them (stripped, a guarded formula
    unguarded), as an object array, and whether any changed; None if one is not UTF-8 or
    holds a control character."""
    try:
        array.validate(full=True)  # UTF-8, as the exact reader decodes it
    except pa.ArrowInvalid:
        return None, False
    if pc.any(pc.match_substring_regex(array, _CONTROL)).as_py():
        return None, False
    texts = np.asarray(array.to_pylist(), dtype=object)
    strip = np.flatnonzero(pc.match_substring_regex(array, _NEEDS_STRIP).to_numpy(zero_copy_only=False))
    texts[strip] = [t.strip() for t in texts[strip]]
    # '=x, as kitlib import and spreadsheets write a text that is no formula, is =x (csvsafe)
    guarded = np.flatnonzero(pc.match_substring(array, "'").to_numpy(zero_copy_only=False))
    texts[guarded] = [unguarded_csv_cell(t) for t in texts[guarded]]
    return texts, bool(len(strip) or len(guarded))


# A byte that needs no look: printable ASCII but space, quote and apostrophe. A cell of such
# bytes alone has nothing to strip, no control character and no guarded formula.
_ODD_BYTE = np.ones(256, dtype=bool)
_ODD_BYTE[0x21:0x7F] = False
_ODD_BYTE[[ord('"'), ord("'")]] = True


def _strings(chunked: pa.ChunkedArray) -> tuple[pd.Series | None, np.ndarray]:
    """A string column as a Series of Arrow strings with read_raw_table's texts, and per row
    whether it is empty; None if a cell is not plain. Only the cells with an odd byte
    (`_ODD_BYTE`: few in a column of figures) are looked at one by one."""
    chunks = []
    for chunk in chunked.chunks:
        odd = _odd_rows(chunk)
        if len(odd):
            cells = chunk.take(pa.array(odd))
            texts, changed = _plain_texts(cells)
            if texts is None:
                return None, np.zeros(0, dtype=bool)
            if changed:
                differs = texts != np.asarray(cells.to_pylist(), dtype=object)
                mask = pa.array(np.isin(np.arange(len(chunk)), odd[differs]))
                chunk = pc.replace_with_mask(chunk, mask, pa.array(list(texts[differs]), pa.string()))
        chunks.append(chunk)
    column = pa.chunked_array(chunks, type=pa.string())
    empty = pc.equal(pc.binary_length(column), 0).to_numpy()
    return pd.Series(pd.arrays.ArrowExtensionArray(column), copy=False), empty


def _odd_rows(chunk: pa.Array) -> np.ndarray:
    """The rows of a string array whose cell has a byte of `_ODD_BYTE`."""
    offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int32)[chunk.offset : chunk.offset + len(chunk) + 1]
    if offsets[-1] == offsets[0]:
        return np.zeros(0, dtype=np.int64)
    data = np.frombuffer(chunk.buffers()[2], dtype=np.uint8)[offsets[0] : offsets[-1]]
    at = np.flatnonzero(_ODD_BYTE[data]) + offsets[0]
    return np.unique(np.searchsorted(offsets, at, side="right") - 1)
