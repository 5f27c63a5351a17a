"""Kroner in fixed prices: a trend in spending is read after price growth, where a deflator is given.

Nominal kroner rise with wages and prices every year, so a flat real cost reads as a
rising one. With a price index per year (kit.toml `[deflator]`), kroner figures are
expressed in the prices of the results year before their trend is read; without one,
they stay nominal and the note says so.
"""

from __future__ import annotations

import pandas as pd

MONEY_UNITS = ("nok", "kr", "dkk", "kroner")


def is_money(unit: object) -> bool:
    """Is this unit of measure kroner (NOK, kr, DKK, 'kr per innbygger' ...)?"""
    text = str(unit or "").strip().lower()
    return any(text == u or text.startswith(u + " ") for u in MONEY_UNITS)


def in_fixed_prices(series: pd.DataFrame, deflator: dict[int, float], base_year: int) -> pd.DataFrame | None:
    """`series` (with `year` and `value`) in the prices of `base_year`; None when the index
    lacks a year of the series or the base year, so that nothing is half deflated."""
    years = set(int(y) for y in series["year"].dropna()) | {int(base_year)}
    if not deflator or not years <= set(deflator):
        return None
    factor = series["year"].astype(int).map(lambda year: deflator[int(base_year)] / deflator[year])
    return series.assign(value=series["value"] * factor)
