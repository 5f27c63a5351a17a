"""The prepared values and the scorecards of a folder, computed once per process while its files
stay the same (kitlib.data.cache): a batch computes a unit's scorecard for its CSV and hands
it, with the data, to the notebook that writes the unit's note.

Every unit's scorecard of a year is made in one pass (`scorecard.scorecards`) and each card is
also kept under its unit's `scorecard_key`, so the first card asked for in a process pays for
all units, the others cost nothing, and `handover.export(..., keys=[scorecard_key(...)])` hands on
one unit's card alone. The indicators' histories (`history.histories`) are kept the same way.
"""

from __future__ import annotations

import pandas as pd

from kitlib.analysis.history import Histories, histories
from kitlib.analysis.scorecard import prepared_values, scorecard, scorecards
from kitlib.data import cache
from kitlib.data.load import KitData

VALUES = "prepared_values"
HISTORIES = "histories"


def scorecard_key(unit_id: str, year: int) -> tuple[str, str, int]:
    return ("scorecard", str(unit_id), int(year))


def scorecards_key(year: int) -> tuple[str, int]:
    """The key of every unit's scorecard of `year` (a dict unit_id -> card)."""
    return ("scorecards", int(year))


def cached_values(data: KitData) -> pd.DataFrame:
    """`prepared_values(data)`, computed once for data as `load_data` returned it."""
    return cache.derived(data, VALUES, lambda: prepared_values(data))


def cached_scorecards(
    data: KitData, year: int, values: pd.DataFrame | None = None
) -> dict[str, pd.DataFrame]:
    """`scorecards(data, year)`, computed once for data as `load_data` returned it; `values`
    must be ``prepared_values(data)`` when given."""

    def make() -> dict[str, pd.DataFrame]:
        cards = scorecards(data, year, values=cached_values(data) if values is None else values)
        for unit_id, card in cards.items():
            cache.derived(data, scorecard_key(unit_id, year), lambda card=card: card)
        return cards

    cards = cache.derived(data, scorecards_key(year), make)
    return {unit_id: card.copy(deep=False) for unit_id, card in cards.items()}  # copy-on-write


def cached_scorecard(
    data: KitData, unit_id: str, year: int, values: pd.DataFrame | None = None
) -> pd.DataFrame:
    """`scorecard(data, unit_id, year)`, computed once for data as `load_data` returned it;
    `values` must be ``prepared_values(data)`` when given."""

    def make() -> pd.DataFrame:
        cards = cached_scorecards(data, year, values)
        if unit_id in cards:
            return cards[unit_id]
        return scorecard(data, unit_id, year, values=values)  # not in units.csv: says which are

    return cache.derived(data, scorecard_key(unit_id, year), make)


def cached_histories(data: KitData, values: pd.DataFrame | None = None) -> Histories:
    """`histories(data)`: every unit's history of every indicator, computed once for data as
    `load_data` returned it (for the charts of a note: `.of(unit_id, indicator_id, freq)`);
    `values` must be ``prepared_values(data)`` when given."""
    return cache.derived(
        data, HISTORIES, lambda: histories(data, cached_values(data) if values is None else values)
    )
