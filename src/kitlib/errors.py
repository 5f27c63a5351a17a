"""Every error kitlib raises on purpose: one base class, and messages that say how to fix the problem.

Below every layer: any module may import it, and it imports nothing of kitlib.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Control characters (Unicode category Cc: C0, DEL and C1) and the bidirectional overrides.
# Printed raw, ESC starts an ANSI escape sequence that can recolour, clear or retitle the
# analyst's terminal, NUL or a carriage return can hide the rest of a message, and an
# override (U+202E) shows the text after it reversed.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str, *, keep: str = "") -> str:
    """`text` safe to print on a terminal: every control character except those in `keep` is
    shown as its Python escape (ESC as ``\\x1b``, NUL as ``\\x00``, U+202E as ``\\u202e``), so
    that a value from a data file can never drive the terminal; the rest is unchanged."""

    def escape(match: re.Match) -> str:
        char = match[0]
        if char in keep:
            return char
        return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"

    return _CONTROL.sub(escape, text)


class KitlibError(Exception):
    """Base class of every error kitlib raises on purpose.

    Its text is printable (`printable`, keeping line breaks and tabs): a message that quotes
    a value from a data file cannot drive the terminal it is printed on.
    """

    def __str__(self) -> str:
        return printable(super().__str__(), keep="\n\t")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        """``file, line N, column 'c': message``, one line with every control character escaped."""
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column '{self.column}'"
        return printable(f"{where}: {self.message}")


class DataValidationError(KitlibError):
    """A data folder breaks the contract in data/README.md; `problems` lists every breach."""

    def __init__(self, problems: list[Problem], folder: str = ""):
        self.problems = list(problems)
        self.folder = folder
        head = f"{len(self.problems)} problem(s) in data folder {folder}".rstrip()
        body = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{head}\n{body}\nFix these rows (see data/README.md) and run again.")


class UnknownUnitError(KitlibError):
    """A unit id that the data folder does not hold."""


class ConfigError(KitlibError):
    """kit.toml cannot be read or holds a value of the wrong kind."""


class BriefingError(KitlibError):
    """The briefings cannot be made as asked (before any unit runs)."""


class SnapshotError(KitlibError):
    """A snapshot or hand-over folder that is missing, unreadable, of another format, or that
    would overwrite a folder that is not one."""


class SeriesError(KitlibError):
    """A series cannot be read as asked: a period twice, a rebase period it does not have, or
    periods of different frequencies (kitlib.analysis.variation)."""
