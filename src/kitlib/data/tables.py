"""Reading the contract's CSV files as text, keeping each row's line number."""

from __future__ import annotations

import csv
import io
import math
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd

from kitlib.data.csvsafe import unguarded_csv_cell
from kitlib.data.plaintext import CONTROL_CHARACTER, control_character_message, decode_utf8
from kitlib.errors import Problem

_NUMBER = re.compile(r"^[+-]?(\d+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+)?([.,]\d+)?$")
_NOT_FINITE = re.compile(r"^[+-]?(inf|infinity|nan)$", re.IGNORECASE)

# The largest figures a data folder may hold. No municipal figure comes near 1e15 (a large
# municipality's budget is about 1e11 NOK), and a float keeps only 15 significant digits:
# more is a typing or export error, and such figures broke the briefings' arithmetic and layout.
FIGURE_LIMIT = 1e15
SIGNIFICANT_DIGITS = 15


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
    """Read a UTF-8 CSV with ``,`` or ``;`` separators; never guess at broken rows.

    A cell that begins with ``'`` before ``= + - @`` (a text a spreadsheet must not run as a
    formula: `kitlib.data.csvsafe`) is read without the ``'``."""
    name = path.name
    text, problem = decode_utf8(
        path.read_bytes(), name, hint=" (files saved from Statistikkbanken come in through 'kitlib import')"
    )
    if text is None:
        return None, [problem]
    if not text.strip():
        return None, [Problem(name, None, None, "the file is empty; write the header row and the rows "
                              "(see data/README.md)")]  # fmt: skip
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        return None, [Problem(name, 1, None, "the first line should be the header row; it is empty")]
    # The contract allows ',' and ';' only, and the header alone decides: a data row may hold
    # decimal commas. A header without either is one column; ',' wins a tie.
    separator = sniff_separator(text, ",;", lines=1) or ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as exc:
        return None, [_unreadable_row(name, text, 1, separator, [], exc)]
    problems = _header_problems(name, header)
    rows, lines = _read_rows(name, text, reader, header, separator, problems)
    if CONTROL_CHARACTER.search(text):
        problems.extend(_control_characters(name, header, rows, lines))
    if problems:
        return None, problems
    if "'" in text:  # '=x, as kitlib import and spreadsheets write a text that is no formula, is =x
        rows = [[unguarded_csv_cell(cell) for cell in row] for row in rows]
    frame = pd.DataFrame(rows, columns=header, dtype=object)
    if frame.empty:
        frame = pd.DataFrame({c: pd.Series(dtype=object) for c in header})
    return RawTable(name, frame, lines), []


def _header_problems(name: str, header: list[str]) -> list[Problem]:
    """A column without a name, or with the name of one before it."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for col in header:
        if not col:
            problems.append(Problem(name, 1, None, "a column has no name in the header row"))
        elif col in seen:
            problems.append(Problem(name, 1, col, "the column name appears twice in the header"))
        seen.add(col)
    return problems


def _read_rows(
    name: str, text: str, reader, header: list[str], separator: str, problems: list[Problem]
) -> tuple[list[list[str]], list[int]]:
    """The rows after the header, stripped, and the line each begins on; a row of the wrong
    width, or one the csv module cannot read (which ends the reading), goes to `problems`."""
    rows, lines = [], []
    end = reader.line_num
    try:
        for row in reader:
            # a quoted cell may span lines (a comment's paragraphs): the row's line is its first
            start, end = end + 1, reader.line_num
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
            lines.append(start)
    except csv.Error as exc:  # a field beyond the csv module's limit: the row after `end`
        problems.append(_unreadable_row(name, text, end + 1, separator, header, exc))
    return rows, lines


def _unreadable_row(name: str, text: str, line: int, separator: str, header: list[str], exc) -> Problem:
    """The problem of a row the csv module refuses: a field longer than its limit (a cell of
    a whole pasted document, or a quote left open so the rest of the file is one field)."""
    limit = csv.field_size_limit()
    if "field limit" not in str(exc):
        return Problem(name, line, None, f"cannot be read as CSV ({exc}); check the quotes on this line")
    physical_lines = text.split("\n")  # as the csv module counts lines
    physical = physical_lines[line - 1].rstrip("\r") if line <= len(physical_lines) else ""
    if '"' not in physical:
        cells = physical.split(separator)
        longest = max(range(len(cells)), key=lambda j: len(cells[j]))
        column = header[longest] if longest < len(header) else None
        return Problem(
            name,
            line,
            column,
            f"a field of {len(cells[longest])} characters; at most {limit} are allowed: shorten it",
        )
    return Problem(
        name,
        line,
        None,
        f"a field of more than {limit} characters starts on this line; at most {limit} are "
        'allowed: shorten it, or close the quote (") that is left open',
    )


def _control_characters(name: str, header: list[str], rows: list[list[str]], lines) -> list[Problem]:
    """A problem for every cell (and column name) that holds a control character."""
    found = []
    for col in header:
        message = control_character_message(col)
        if message:
            found.append(Problem(name, 1, col, f"the column name {message}"))
    for row, line in zip(rows, lines):
        for col, cell in zip(header, row):
            message = control_character_message(cell)
            if message:
                found.append(Problem(name, line, col, message))
    return found


def parse_number(text: str) -> float:
    """``7,4``, ``7.4``, ``1 234,5`` -> float; empty -> NaN; anything else -> ValueError."""
    text = str(text).strip()
    if not text:
        return math.nan
    if not _NUMBER.match(text) or text in {"+", "-", ".", ","}:
        raise ValueError(text)
    return float(re.sub(r"[ \u00a0\u202f]", "", text).replace(",", "."))


class FigureError(ValueError):
    """A number that reads as one but cannot be a figure (too large, too precise, not finite)."""


def parse_figure(text: str) -> float:
    """`parse_number`, refusing what no figure of the contract can be: ``inf`` and ``nan``,
    1e15 or more in absolute value, more than 15 significant digits (FigureError, which says
    the limit and why); anything else that is not a number raises ValueError."""
    text = str(text).strip()
    if _NOT_FINITE.match(text):
        raise FigureError(
            f"'{text}' is not a finite number; write the figure itself, or leave the cell empty "
            "(a missing figure is marked with a status, see data/README.md)"
        )
    number = parse_number(text)
    if math.isnan(number):
        return number
    shown = _shorten(text)
    digits = significant_digits(text)
    if digits > SIGNIFICANT_DIGITS:
        rounded = Decimal(f"{number:.{SIGNIFICANT_DIGITS}g}")
        example = f", e.g. to {rounded:f}" if abs(rounded) < FIGURE_LIMIT else ""
        raise FigureError(
            f"{shown} has {digits} significant digits; at most {SIGNIFICANT_DIGITS} are allowed: "
            f"a computer number keeps only {SIGNIFICANT_DIGITS}, so the rest would change silently, "
            f"and no municipal figure needs more; round it{example}"
        )
    if not abs(number) < FIGURE_LIMIT:
        raise FigureError(
            f"{shown} is too large: figures must be below 1e15 (1 000 000 000 000 000) in absolute "
            "value; no municipal figure comes near it, so it is a typing or export error"
        )
    return number


def significant_digits(text: str) -> int:
    """Digits of a number text that carry its precision: no leading zeros, no trailing zeros
    of the fraction, nor of a whole number (``007,40`` has 2, ``1 200`` has 2, ``1 200,5`` has 5)."""
    match = _NUMBER.match(str(text).strip())
    if not match:
        raise ValueError(text)
    whole = re.sub(r"\D", "", match[1] or "").lstrip("0")
    fraction = (match[2] or "")[1:].rstrip("0")
    if not fraction:
        return len(whole.rstrip("0"))
    if whole:
        return len(whole) + len(fraction)
    return len(fraction.lstrip("0"))


def _shorten(text: str, width: int = 24) -> str:
    if len(text) <= width:
        return f"'{text}'"
    return f"'{text[:20]}...' ({len(text)} characters)"
