"""The names of the files a briefing run writes: one place, so the runner, the index and
the manifest always agree on them."""

from __future__ import annotations

import re
from dataclasses import dataclass

INDEX = "index.html"
MANIFEST = "manifest.json"


def file_stem(unit_id: str) -> str:
    """A unit id made safe as a file name: anything but letters, digits, '.', '_', '-' becomes '_'."""
    return re.sub(r"[^\w.-]", "_", unit_id).lstrip(".") or "_"


@dataclass(frozen=True)
class UnitFiles:
    """The files of one unit in the output folder, by their stem."""

    stem: str

    @property
    def html(self) -> str:
        return f"{self.stem}.html"

    @property
    def pdf(self) -> str:
        return f"{self.stem}.pdf"

    @property
    def scorecard(self) -> str:
        return f"{self.stem}.scorecard.csv"

    @property
    def workbook(self) -> str:
        """The scorecard for readers, in Excel with headers in the note's language."""
        return f"{self.stem}.scorecard.xlsx"

    @property
    def failed_notebook(self) -> str:
        """The executed notebook of a unit whose notebook raised, kept for the analyst."""
        return f"{self.stem}.failed.ipynb"

    @property
    def running_notebook(self) -> str:
        """Where papermill writes while the unit runs (hidden; renamed or removed after)."""
        return f".{self.stem}.running.ipynb"
