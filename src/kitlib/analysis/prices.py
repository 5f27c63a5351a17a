"""Kroner in fixed prices: a trend in spending is read after price growth, where a deflator is given.

Nominal kroner rise with wages and prices every year, so a flat real cost reads as a
rising one. With a price index per year (kit.toml `[deflator]`), kroner figures are
expressed in the prices of the results year before their trend is read; without one,
they stay nominal and the note says so.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MONEY_UNITS = ("nok", "kr", "dkk", "kroner")


def is_money(unit: object) -> bool:
    """Is this unit of measure kroner (NOK, kr, DKK, 'kr per innbygger' ...)?"""
    text = str(unit or "").strip().lower()
    return any(text == u or text.startswith(u + " ") for u in MONEY_UNITS)


def in_fixed_prices(series: pd.DataFrame, deflator: dict[int, float], base_year: int) -> pd.DataFrame | None:
    """`series` (with `year` and `value`) in the prices of `base_year`; None when the index
    lacks a year of the series or the base year, so that nothing is half deflated."""
    factors = price_factors(series["year"], deflator, base_year)
    return None if factors is None else series.assign(value=series["value"] * factors)


def price_factors(years, deflator: dict[int, float], base_year: int) -> np.ndarray | None:
    """Per year of a series, what turns its kroner into those of `base_year`; None when the
    index lacks one of the years or the base year."""
    years = pd.Series(years)
    if not deflator or not set(int(y) for y in years.dropna()) | {int(base_year)} <= set(deflator):
        return None
    base = deflator[int(base_year)]
    return np.array([base / deflator[int(year)] for year in years], dtype=float)
