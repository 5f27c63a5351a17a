"""Every error kitlib raises on purpose: one base class, and messages that say how to fix the problem.

Below every layer: any module may import it, and it imports nothing of kitlib.
"""

from __future__ import annotations

from dataclasses import dataclass


class KitlibError(Exception):
    """Base class of every error kitlib raises on purpose."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


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
