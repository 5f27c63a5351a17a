"""A scorecard sheet (målekart / styringskort) -> targets.csv rows.

Columns are found by their Norwegian headers, or named with options:
  Fokusområde/Perspektiv | Kritisk suksessfaktor | Måleindikator/Indikator |
  Målemetode/Kilde | Status | Mål 2025 (or 2025, or Mål with --year)
Indicators are matched to indicators.csv by id or by name (case and spacing ignored).
Unmatched indicators are refused with a list: a target needs an indicator whose direction
the analyst has set, so kitlib does not invent one. The sheet's success factor fills an
empty `success_factor`; nothing else in indicators.csv changes. The Status column (last
result) is not imported: it has no period; import results with `kitlib import long`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kitlib.data.contract import ALL_UNITS
from kitlib.data.importers._base import Batch, SourceFormatError, TargetRow
from kitlib.data.importers._cells import clean, normalise_period, sha256_of
from kitlib.data.importers.grid import Row, read_grid
from kitlib.data.periods import PeriodError
from kitlib.data.tables import parse_number, read_raw_table

_HEADERS = {
    "perspective": ("fokusområde", "perspektiv", "perspective"),
    "success_factor": ("kritisk suksessfaktor", "kritiske suksessfaktorer", "suksessfaktor"),
    "indicator": ("måleindikator", "måleindikatorer", "indikator", "indicator"),
    "source": ("målemetode", "kilde", "datakilde"),
    "status": ("status", "resultat"),
}
_TARGET_HEADER = re.compile(r"^(?:mål|target)?\s*(?:for\s+)?(?P<period>\d{4}(?:[TKM]\d{1,2})?)$")
_TARGET_NOISE = re.compile(
    r"^(?:≤|≥|<=|>=|<|>|maks\.?|max\.?|minst|min\.?|under|over|ca\.?)\s*", re.IGNORECASE
)


@dataclass
class ScorecardColumns:
    indicator: str | None = None
    targets: dict[str, str] = field(default_factory=dict)  # column header -> period
    year: str | None = None  # the period of a column headed just "Mål"
    unit: str = ALL_UNITS
    sheet: str | None = None


def _norm(text: str) -> str:
    return clean(text).casefold().rstrip(" .:*")


def _header_row(rows: list[Row], cols: ScorecardColumns, path: Path) -> Row:
    wanted = {_norm(cols.indicator)} if cols.indicator else set(_HEADERS["indicator"])
    for row in rows[:30]:
        if any(_norm(c) in wanted for c in row.cells):
            return row
    raise SourceFormatError(
        path,
        "found no header row with an indicator column "
        f"({' / '.join(sorted(wanted))}); name it with --indicator-col",
    )


def _target_columns(header: Row, cols: ScorecardColumns, path: Path) -> dict[int, str]:
    found: dict[int, str] = {}
    given = {_norm(k): v for k, v in cols.targets.items()}
    for j, cell in enumerate(header.cells):
        name = _norm(cell)
        if not name:
            continue
        period = given.get(name)
        if period is None:
            match = _TARGET_HEADER.match(name)
            if match:
                period = match["period"]
            elif name in ("mål", "target", "mål neste år") and cols.year:
                period = cols.year
            elif name in ("mål", "target"):
                raise SourceFormatError(
                    path, f"the column '{cell}' has no year; give --year", line=header.line, column=cell
                )
        if period is not None:
            try:
                found[j] = normalise_period(period)
            except PeriodError as exc:
                raise SourceFormatError(path, str(exc), line=header.line, column=cell) from None
    missing = set(given) - {_norm(header.cells[j]) for j in found}
    if missing:
        raise SourceFormatError(
            path, f"no column {', '.join(sorted(missing))} in the header", line=header.line
        )
    if not found:
        raise SourceFormatError(
            path,
            "no target column found: expected headers like "
            "'Mål 2025' or '2025' (or give --target-col COL=PERIOD)",
            line=header.line,
        )
    return found


def _existing_indicators(folder: Path) -> dict[str, str]:
    """normalised id or name -> indicator_id of the folder's indicators.csv."""
    path = folder / "indicators.csv"
    if not path.exists():
        raise SourceFormatError(
            path, "no indicators.csv: import or write the indicators first, then their targets"
        )
    raw, problems = read_raw_table(path)
    if raw is None:
        raise SourceFormatError(path, "; ".join(str(p) for p in problems))
    lookup: dict[str, str] = {}
    for ind_id, name in zip(raw.frame["indicator_id"], raw.frame.get("name", [])):
        lookup.setdefault(_norm(name), ind_id)
    for ind_id in raw.frame["indicator_id"]:
        lookup[_norm(ind_id)] = ind_id  # an id beats a name that happens to equal it
    return lookup


def _target_number(text: str) -> float | None:
    text = clean(text)
    if not text or text in {"-", "–", "..", "?", "??"}:
        return None
    text = _TARGET_NOISE.sub("", text).rstrip("% ").strip()
    return parse_number(text)


def batch_from_scorecard(path: Path, folder: Path, cols: ScorecardColumns) -> Batch:
    rows, data = read_grid(path, sheet=cols.sheet)
    header = _header_row(rows, cols, path)
    names = [_norm(c) for c in header.cells]
    wanted = {_norm(cols.indicator)} if cols.indicator else set(_HEADERS["indicator"])
    ind_col = next(j for j, n in enumerate(names) if n in wanted)
    sf_col = next((j for j, n in enumerate(names) if n in _HEADERS["success_factor"]), None)
    targets = _target_columns(header, cols, path)
    lookup = _existing_indicators(folder)

    batch = Batch(kind="targets", source=str(path), sha256=sha256_of(data))
    unmatched: list[str] = []
    success_factor = ""
    for row in rows[rows.index(header) + 1 :]:
        cells = row.cells + [""] * len(header.cells)
        if sf_col is not None and cells[sf_col]:
            success_factor = clean(cells[sf_col])  # merged cells: written once per block
        text = clean(cells[ind_col])
        if not text:
            continue
        ind_id = lookup.get(_norm(text))
        if ind_id is None:
            unmatched.append(f"line {row.line}: '{text}'")
            continue
        if success_factor:
            batch.indicator_fill.setdefault(ind_id, {"success_factor": success_factor})
        for j, period in targets.items():
            try:
                target = _target_number(cells[j])
            except ValueError:
                raise SourceFormatError(
                    path, f"target '{cells[j]}' is not a number", line=row.line, column=header.cells[j]
                ) from None
            if target is not None:
                batch.targets.append(TargetRow(cols.unit, ind_id, period, target, where=f"line {row.line}"))
    if unmatched:
        raise SourceFormatError(
            path,
            f"{len(unmatched)} indicator(s) match no indicator_id or name in "
            f"{folder / 'indicators.csv'}; add them there (with a direction) or correct the "
            "sheet:\n" + "\n".join(f"  - {u}" for u in unmatched),
        )
    if not batch.targets:
        raise SourceFormatError(path, "no targets found under the target columns")
    return batch
