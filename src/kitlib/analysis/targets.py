"""Which target applies to a figure: the unit's own, its service area's, or every unit's.

Precedence (data/README.md), most specific first:
unit's own target for the period > unit's own for the whole year >
the service area's for the period > the service area's for the year >
every unit's (``*``) for the period > every unit's for the year.
A unit's own target is a decision about that unit, so it wins over any general
default, also when the default is set per tertial and the unit's own per year.
"""

from __future__ import annotations

import pandas as pd

from kitlib.data.contract import ALL_UNITS

_MISSING = (float("nan"), float("nan"))


def resolve_targets(
    rows: pd.DataFrame, targets: pd.DataFrame, unit_areas: dict | None = None
) -> pd.DataFrame:
    """Add ``target`` and ``tolerance`` to `rows` (unit_id, indicator_id, period, year).

    `unit_areas` maps unit_id to service area, for targets set per service area
    (``unit_id`` = ``*`` with a ``service_area``).
    """
    unit_areas = unit_areas or {}
    own, area, common = {}, {}, {}
    areas = targets["service_area"] if "service_area" in targets else pd.Series("", targets.index)
    for unit, indicator, period, target, tolerance, service_area in zip(
        targets["unit_id"], targets["indicator_id"], targets["period"], targets["target"],
        targets["tolerance"], areas.fillna(""),
    ):  # fmt: skip
        if unit != ALL_UNITS:
            own[(unit, indicator, period)] = (target, tolerance)
        elif service_area:
            area[(service_area, indicator, period)] = (target, tolerance)
        else:
            common[(indicator, period)] = (target, tolerance)
    found = []
    for unit, indicator, period, year in rows[["unit_id", "indicator_id", "period", "year"]].itertuples(
        index=False
    ):
        whole_year = str(int(year)) if not pd.isna(year) else period
        service_area = unit_areas.get(unit, "")
        found.append(
            own.get((unit, indicator, period))
            or own.get((unit, indicator, whole_year))
            or area.get((service_area, indicator, period))
            or area.get((service_area, indicator, whole_year))
            or common.get((indicator, period))
            or common.get((indicator, whole_year))
            or _MISSING
        )
    out = rows.copy()
    out["target"] = [t for t, _ in found]
    out["tolerance"] = [tol for _, tol in found]
    return out
