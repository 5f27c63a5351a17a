"""Helpers for tests that read a data folder's CSV files back as rows of text."""

from __future__ import annotations

import csv
from pathlib import Path

import kitlib

# Real downloads from SSB and Kolada, kept in the repository (see their SOURCES.md).
REAL = Path(__file__).resolve().parent / "fixtures" / "real"


def rows(folder: Path, name: str) -> list[dict[str, str]]:
    with open(folder / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def find(folder: Path, name: str, **match) -> dict[str, str]:
    hits = [r for r in rows(folder, name) if all(r[k] == v for k, v in match.items())]
    assert len(hits) == 1, (match, hits)
    return hits[0]


def assert_valid(folder: Path) -> None:
    _, _, problems = kitlib.check_folder(folder)
    assert problems == []
