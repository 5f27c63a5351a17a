"""Reading the contract's CSV files as text, keeping each row's line number."""

from __future__ import annotations

import csv
import io
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kitlib.errors import Problem

_NUMBER = re.compile(r"^[+-]?(\d+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+)?([.,]\d+)?$")


@dataclass
class RawTable:
    """A CSV file as text: `frame` holds strings, `lines[i]` is row i's line in the file."""

    name: str
    frame: pd.DataFrame
    lines: list[int]


def sniff_separator(text: str, candidates: str = ";,\t", *, lines: int = 60) -> str | None:
    """The candidate that splits the most of the first `lines` lines into one number of fields.

    More fields win a tie, then the earlier candidate; None when no candidate splits a line.
    Lines are parsed as CSV, so a quoted separator splits nothing.
    """
    sample = [ln for ln in text.splitlines()[:lines] if ln.strip()]
    best, best_score = None, (0, 0)
    for sep in candidates:
        counts = Counter(len(r) for r in csv.reader(sample, delimiter=sep) if len(r) > 1)
        if not counts:
            continue
        width, lines_with_width = counts.most_common(1)[0]
        score = (lines_with_width, width)
        if score > best_score:
            best, best_score = sep, score
    return best


def read_raw_table(path: Path) -> tuple[RawTable | None, list[Problem]]:
    """Read a UTF-8 CSV with ``,`` or ``;`` separators; never guess at broken rows."""
    name = path.name
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        return None, [
            Problem(
                name,
                line,
                None,
                "not UTF-8 text; save the file as UTF-8 "
                "(Statistikkbanken files come in through 'kitlib import')",
            )
        ]
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        return None, [Problem(name, 1, None, "the first line should be the header row; it is empty")]
    # The contract allows ',' and ';' only, and the header alone decides: a data row may hold
    # decimal commas. A header without either is one column; ',' wins a tie.
    separator = sniff_separator(text, ",;", lines=1) or ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    header = [h.strip() for h in next(reader)]
    problems: list[Problem] = []
    seen: set[str] = set()
    for col in header:
        if not col:
            problems.append(Problem(name, 1, None, "a column has no name in the header row"))
        elif col in seen:
            problems.append(Problem(name, 1, col, "the column name appears twice in the header"))
        seen.add(col)
    rows, lines = [], []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue  # blank lines carry nothing
        if len(row) != len(header):
            problems.append(
                Problem(
                    name,
                    reader.line_num,
                    None,
                    f"{len(row)} fields where the header has {len(header)}; "
                    "check separators and quotes on this line",
                )
            )
            continue
        rows.append([cell.strip() for cell in row])
        lines.append(reader.line_num)
    if problems:
        return None, problems
    frame = pd.DataFrame(rows, columns=header, dtype=object)
    if frame.empty:
        frame = pd.DataFrame({c: pd.Series(dtype=object) for c in header})
    return RawTable(name, frame, lines), []


def parse_number(text: str) -> float:
    """``7,4``, ``7.4``, ``1 234,5`` -> float; empty -> NaN; anything else -> ValueError."""
    text = str(text).strip()
    if not text:
        return math.nan
    if not _NUMBER.match(text) or text in {"+", "-", ".", ","}:
        raise ValueError(text)
    return float(re.sub(r"[ \u00a0\u202f]", "", text).replace(",", "."))
