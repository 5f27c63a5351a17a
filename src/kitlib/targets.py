"""Which target applies to a figure: the unit's own, the service area's, or the year's."""

from __future__ import annotations

import pandas as pd

from .contract import ALL_UNITS


def resolve_targets(rows: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """Add ``target`` and ``tolerance`` to `rows` (unit_id, indicator_id, period, year).

    The most specific target wins: the unit's own for the period, the service area's
    (``*``) for the period, then the same two for the whole year, so that a yearly
    target also holds for each tertial of that year.
    """
    out = rows.copy()
    out["target"] = float("nan")
    out["tolerance"] = float("nan")
    if targets.empty:
        return out
    own = targets[targets["unit_id"] != ALL_UNITS]
    common = targets[targets["unit_id"] == ALL_UNITS].drop(columns=["unit_id"])
    period_of_year = out["year"].astype("Int64").astype(str)
    attempts = [
        (own, ["unit_id", "indicator_id", "period"], out["period"]),
        (common, ["indicator_id", "period"], out["period"]),
        (own, ["unit_id", "indicator_id", "period"], period_of_year),
        (common, ["indicator_id", "period"], period_of_year),
    ]
    for table, keys, period in attempts:
        todo = out["target"].isna()
        if not todo.any():
            break
        probe = out.loc[todo, ["unit_id", "indicator_id"]].assign(period=period[todo].to_numpy())
        found = probe.reset_index().merge(table[[*keys, "target", "tolerance"]], on=keys, how="left")
        found = found.set_index("index")
        out.loc[todo, "target"] = found["target"]
        out.loc[todo, "tolerance"] = found["tolerance"]
    return out
