"""Warnings about a valid data folder: figures that are used as given but look wrong.

A warning is not a problem (kitlib.data.validate): the folder still loads and every figure
is used. It names the file, line and column, and says what to check, like a problem.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from kitlib.data.filecheck import LINE
from kitlib.errors import Problem

VALUES = "values.csv"
MAX_PLACES = 6  # as many decimals as an indicator may show (validate.MAX_DECIMALS)


def folder_warnings(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """The warnings of the typed tables `check_folder` gave (with their `_line` column)."""
    values, indicators = tables.get("values"), tables.get("indicators")
    if values is None or values.empty or LINE not in values:
        return []
    warnings = more_answers_than_asked(values)
    if indicators is not None and not indicators.empty:
        warnings += impossible_shares(values, indicators)
    return sorted(warnings, key=lambda p: (p.line or 0, p.column or ""))


def more_answers_than_asked(values: pd.DataFrame) -> list[Problem]:
    """Rows whose respondents (`n`) outnumber the people asked (`population`): the analysis
    reads such a figure as a complete count, with no sampling uncertainty."""
    if "population" not in values or "n" not in values:
        return []
    n = pd.to_numeric(values["n"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    population = pd.to_numeric(values["population"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        rows = np.flatnonzero(n > population)
    lines = values[LINE].to_numpy()
    return [
        Problem(
            VALUES,
            int(lines[i]),
            "n",
            f"{int(n[i])} respondents, but population says "
            f"{int(population[i])} people were asked; the figure is read as a complete count (no "
            "sampling uncertainty): check n and population of this row",
        )  # fmt: skip
        for i in rows
    ]


def impossible_shares(values: pd.DataFrame, indicators: pd.DataFrame) -> list[Problem]:
    """Shares of respondents (unit %, with `n`) that no whole number of the n can give: 3,2 % of
    35 is 1,12 pupils. The share is read with the decimals it is written with, so a share that
    is the rounded true one (2,9 % for 1 of 35) is possible."""
    if "n" not in values:
        return []
    unit_of = dict(zip(indicators["indicator_id"], indicators["unit"].astype(str).str.strip()))
    decimals = values["indicator_id"].map(dict(zip(indicators["indicator_id"], indicators["decimals"])))
    is_share = values["indicator_id"].map(unit_of).eq("%").to_numpy(dtype=bool)
    value = pd.to_numeric(values["value"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    n = pd.to_numeric(values["n"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    lines = values[LINE].to_numpy()
    warnings = []
    with np.errstate(invalid="ignore"):
        rows = np.flatnonzero(is_share & (n >= 1) & (value >= 0) & (value <= 100))
    for i in rows:
        nearest = nearest_possible_shares(float(value[i]), int(n[i]))
        if nearest:
            shown = 1 if pd.isna(decimals.iat[i]) else int(decimals.iat[i])  # as the notes show it
            message = _message(float(value[i]), int(n[i]), nearest, max(shown, places_of(float(value[i]))))
            warnings.append(Problem(VALUES, int(lines[i]), "value", message))
    return warnings


def places_of(value: float) -> int:
    """The decimals a figure was written with (3.2 -> 1, 35 -> 0), at most MAX_PLACES."""
    places = (d for d in range(MAX_PLACES + 1) if math.isclose(round(value, d), value, abs_tol=1e-9))
    return next(places, MAX_PLACES)


def nearest_possible_shares(percent: float, n: int) -> list[tuple[float, int]]:
    """[] when `percent` (in its own decimals) is k of `n` for a whole k; else the possible
    shares nearest below and above it, as (share in %, k)."""
    places = places_of(percent)
    half_step = 0.5 * 10.0**-places + 1e-9  # within rounding to the decimals written
    count = percent * n / 100
    candidates = {k for k in (math.floor(count), math.ceil(count)) if 0 <= k <= n}
    if any(abs(100 * k / n - percent) <= half_step for k in candidates):
        return []
    return [(100 * k / n, k) for k in sorted(candidates)]


def _message(percent: float, n: int, nearest: list[tuple[float, int]], places: int) -> str:
    """The warning, its shares in `places` decimals (the figure's, at least the indicator's)."""
    shown = " or ".join(f"{_number(share, places)} % ({k} of {n})" for share, k in nearest)
    return (
        f"{_number(percent, places)} % of {n} respondents is {_number(percent * n / 100, 2)} people, "
        f"not a whole number; the possible shares nearest are {shown}: check value and n (the figure "
        "is used as given)"
    )


def _number(value: float, places: int) -> str:
    """A figure with the decimal comma of the notes (2,9), as a reader would write it."""
    return f"{value:.{places}f}".replace(".", ",")
