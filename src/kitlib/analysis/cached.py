"""The prepared values and the scorecards of a folder, computed once per process while its files
stay the same (kitlib.data.cache): a batch computes a unit's scorecard for its CSV and hands
it, with the data, to the notebook that writes the unit's note."""

from __future__ import annotations

import pandas as pd

from kitlib.analysis.scorecard import prepared_values, scorecard
from kitlib.data import cache
from kitlib.data.load import KitData

VALUES = "prepared_values"


def scorecard_key(unit_id: str, year: int) -> tuple[str, str, int]:
    return ("scorecard", str(unit_id), int(year))


def cached_values(data: KitData) -> pd.DataFrame:
    """`prepared_values(data)`, computed once for data as `load_data` returned it."""
    return cache.derived(data, VALUES, lambda: prepared_values(data))


def cached_scorecard(
    data: KitData, unit_id: str, year: int, values: pd.DataFrame | None = None
) -> pd.DataFrame:
    """`scorecard(data, unit_id, year)`, computed once for data as `load_data` returned it;
    `values` must be ``prepared_values(data)`` when given."""
    return cache.derived(
        data,
        scorecard_key(unit_id, year),
        lambda: scorecard(data, unit_id, year, values=cached_values(data) if values is None else values),
    )
