"""Filing one figure into a Batch: the status of an empty value, and where a total row goes.

Every importer reads its source its own way, then hands each figure here, so that empty
values and total rows (Hele landet, I alt, Riket, KOSTRA groups) come out the same from
every source.
"""

from __future__ import annotations

import re

from kitlib.data.contract import NOT_YET_AVAILABLE
from kitlib.data.importers._base import Batch, ImportOptions, Observation, UnitInfo
from kitlib.data.importers._cells import clean

# Sources leave figures empty that are not published yet.
EMPTY_VALUE_STATUS = NOT_YET_AVAILABLE

# Region rows that are aggregates rather than one unit: codes and label beginnings as SSB,
# Kolada and ordinary spreadsheets write them.
_TOTAL_CODES = {"0", "00", "000", "0000", "TOTAL", "EAK", "EAKUO", "EAFK", "RIKET"}
_TOTAL_CODE_PREFIXES = ("EKG", "EKA", "EKF")  # KOSTRA groups and county averages
_TOTAL_LABELS = (
    "hele landet",
    "landet",
    "i alt",
    "alle",
    "totalt",
    "total",
    "sum",
    "riket",
    "kostragruppe",
    "kostra-gruppe",
    "kommunegruppe",
    "samtlige",
)


def is_total(code: str, label: str) -> bool:
    """Does this region/unit row hold an aggregate (national, group) rather than one unit?"""
    code_up = clean(code).upper()
    if code_up in _TOTAL_CODES or code_up.startswith(_TOTAL_CODE_PREFIXES):
        return True
    low = clean(label).lower()
    return any(low == t or low.startswith(t + " ") for t in _TOTAL_LABELS)


def municipality_of(code: str, label: str) -> str:
    """The unit's label when its code is a municipality (4 digits) or city district (6 digits)."""
    return label if re.fullmatch(r"\d{4}|\d{6}", code) else ""


def default_status(value: float | None, status: str) -> tuple[str, bool]:
    """The status to write and whether the value was empty without a symbol (then '..')."""
    if value is None and not status:
        return EMPTY_VALUE_STATUS, True
    return status, False


def add_figure(
    batch: Batch,
    obs: Observation,
    options: ImportOptions,
    *,
    name: str,
    total: bool,
    municipality: str = "",
    group: str | None = None,
) -> None:
    """File `obs` under its unit (`name` if the unit is new), or, for a total row, as
    `options.totals` says: in benchmarks.csv under `group` (default `name`), as a unit, or
    nowhere."""
    if total and options.totals != "units":
        if options.totals == "benchmarks":
            obs.unit_id = name if group is None else group
            obs.n = None  # benchmarks.csv has no n
            batch.benchmarks.append(obs)
        return
    batch.units.setdefault(obs.unit_id, UnitInfo(name, municipality))
    batch.values.append(obs)
