"""Which target applies to a figure: the unit's own, the service area's, or the year's."""

from __future__ import annotations

import pandas as pd

from kitlib.data.contract import ALL_UNITS


def resolve_targets(rows: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """Add ``target`` and ``tolerance`` to `rows` (unit_id, indicator_id, period, year).

    The most specific target wins: the unit's own for the period, the service area's
    (``*``) for the period, then the same two for the whole year, so that a yearly
    target also holds for each tertial of that year.
    """
    out = rows.copy()
    own, common = {}, {}
    for unit, indicator, period, target, tolerance in targets[
        ["unit_id", "indicator_id", "period", "target", "tolerance"]
    ].itertuples(index=False):
        if unit == ALL_UNITS:
            common[(indicator, period)] = (target, tolerance)
        else:
            own[(unit, indicator, period)] = (target, tolerance)
    missing = (float("nan"), float("nan"))
    found = []
    for unit, indicator, period, year in out[["unit_id", "indicator_id", "period", "year"]].itertuples(
        index=False
    ):
        whole_year = str(int(year)) if not pd.isna(year) else period
        found.append(
            own.get((unit, indicator, period))
            or common.get((indicator, period))
            or own.get((unit, indicator, whole_year))
            or common.get((indicator, whole_year))
            or missing
        )
    out["target"] = [t for t, _ in found]
    out["tolerance"] = [tol for _, tol in found]
    return out
