"""Reading a large, plain CSV file fast, giving exactly what `tables.read_raw_table` gives.

`read_raw_table` reads row by row in Python and keeps every cell as a Python string: right
for every file, and the one that names what is wrong with a broken one, but at national
scale (25 million rows) it takes minutes and more memory than a laptop has. A file of at
least `FAST_READ_BYTES` that is *plain* is read here instead, with pyarrow's multithreaded
CSV reader, into categorical columns (each distinct text once, a code per row), with the
same stripped texts and the same line numbers. Plain means: UTF-8 (a BOM is allowed), no
NUL or other control character in a cell (a tab is allowed), a header of distinct, non-empty
names without quotes, every line as many fields as the header, no newline inside quotes and
no quote left in a cell, no blank line before the last row, and lines ended by ``\\n`` or
``\\r\\n``. For any other file `read_plain_table` returns None and `read_table` falls back to
`read_raw_table`, whose messages say what is wrong: this module never reports a problem.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
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


def read_table(path: Path) -> tuple[RawTable | None, list[Problem]]:
    """`read_raw_table(path)`, through pyarrow when the file is large and plain (same result)."""
    raw = read_plain_table(path)
    return (raw, []) if raw is not None else read_raw_table(path)


def read_plain_table(path: Path) -> RawTable | None:
    """The file as `read_raw_table` reads it, its columns categorical; None if it is not a
    large, plain file (see the module's docstring)."""
    if path.stat().st_size < FAST_READ_BYTES:
        return None
    header = _plain_header(path)
    if header is None or not _plain_body(path):
        return None
    separator, names = header
    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(
                use_threads=True, block_size=_BLOCK, skip_rows=1, column_names=names
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=separator, newlines_in_values=False, ignore_empty_lines=True
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.dictionary(pa.int32(), pa.string()) for name in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                check_utf8=True,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None  # a row of another width, text that is not UTF-8: the exact reader says which
    if not table.num_rows:
        return None  # a header alone: the exact reader, and what it always gave
    table = table.unify_dictionaries()
    columns: dict[str, pd.Categorical] = {}
    empty = np.ones(table.num_rows, dtype=bool)
    for name in names:
        chunked = table.column(name)
        table = table.drop_columns([name])  # free each column's Arrow memory once it is converted
        column = _categorical(chunked)
        del chunked
        if column is None:
            return None
        columns[name] = column
        blank = np.flatnonzero(column.categories == "")  # categories are distinct: one at most
        empty &= column.codes == blank[0] if len(blank) else False
    if empty.all():
        return None  # no row carries anything: the exact reader, and what it always gave
    lines = np.arange(2, len(empty) + 2, dtype=np.int64)
    if empty.any():  # a row of empty cells (`;;;`) carries nothing, as in read_raw_table
        keep = ~empty
        lines = lines[keep]
        columns = {n: c[keep] for n, c in columns.items()}
    frame = pd.DataFrame(columns, copy=False)
    return RawTable(path.name, frame, lines)


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
    """No NUL byte, no lone CR, no blank line before the last row, no newline inside quotes.

    One pass over the file's bytes (memchr-fast searches), before pyarrow parses it."""
    quotes = 0  # quotes seen so far: odd means the next newline would be inside a quoted cell
    tail = b"\n"  # the end of what came before: the header's line end at first
    blank_seen = cr_pending = False
    chunk = bytearray(_CHUNK)
    with path.open("rb", buffering=0) as handle:
        handle.seek(len(_first_line(path)))  # the header, checked by _plain_header
        while size := handle.readinto(chunk):
            view = chunk if size == _CHUNK else chunk[:size]
            if b"\x00" in view or (cr_pending and not view.startswith(b"\n")):
                return False
            crlf = b"\r" in view
            cr_pending = view.endswith(b"\r")
            if crlf:
                if view.count(b"\r") - view.count(b"\r\n") - cr_pending:
                    return False  # a lone CR ends a line for Python's reader
            if blank_seen and view.strip(b"\r\n"):
                return False  # rows after a blank line: their line numbers would shift
            blanks = (b"\n\n", b"\n\r\n") if crlf or tail.endswith(b"\r") else (b"\n\n",)
            found = [at for at in (view.find(blank) for blank in blanks) if at >= 0]
            seam = tail + view[:2]  # a blank line across two chunks
            if b"\n\n" in seam or b"\n\r\n" in seam:
                found.append(0)
            if found:
                if view[min(found) :].strip(b"\r\n"):
                    return False
                blank_seen = True
            if b'"' in view:
                if not _quotes_close_on_their_line(bytes(view), quotes):
                    return False
                quotes += view.count(b'"')
            tail = bytes(view[-2:])
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


def _categorical(chunked: pa.ChunkedArray) -> pd.Categorical | None:
    """A dictionary column as a Categorical of stripped texts; None if a cell is not plain."""
    array = chunked.combine_chunks() if chunked.num_chunks != 1 else chunked.chunk(0)
    if isinstance(array, pa.ChunkedArray):  # pyarrow < 16 keeps chunks in combine_chunks
        array = pa.concat_arrays(array.chunks)
    dictionary = array.dictionary
    if pc.any(pc.match_substring_regex(dictionary, _CONTROL)).as_py():
        return None
    codes = array.indices.to_numpy(zero_copy_only=False)
    texts = np.asarray(dictionary.to_pylist(), dtype=object)
    strip = np.flatnonzero(pc.match_substring_regex(dictionary, _NEEDS_STRIP).to_numpy(zero_copy_only=False))
    texts[strip] = [t.strip() for t in texts[strip]]
    # '=x, as kitlib import and spreadsheets write a text that is no formula, is =x (csvsafe)
    guarded = np.flatnonzero(pc.match_substring(dictionary, "'").to_numpy(zero_copy_only=False))
    texts[guarded] = [unguarded_csv_cell(t) for t in texts[guarded]]
    if len(strip) or len(guarded):
        remap, uniques = pd.factorize(texts)
        if len(uniques) != len(texts):  # ' a' and 'a' are one text once stripped
            codes = remap[codes]
            texts = np.asarray(uniques, dtype=object)
    categories = pd.Index(texts, dtype=object)
    codes = codes.astype(np.int32, copy=False)
    return pd.Categorical.from_codes(codes, categories=categories, validate=False)
