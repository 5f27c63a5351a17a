"""A year's figure from its tertials (quarters, months) where the source gives no yearly one.

Sick leave comes per tertial, with a strong season (high in T1, low in T2): the last
tertial is not the year, and neither is the mean of the tertials reported so far. The
rule (data/README.md): each tertial, quarter or month is a figure for that period alone
(not year to date); the year's figure is their plain mean when every one of them is
there (tertials, quarters and months are of near-equal length); with one missing, the
year has no figure ("not yet available"), and the periods that are there stay visible.
indicators.csv's ``yearly_figure`` says otherwise per indicator: ``sum`` (incidents, cases
decided: the year's count is the sum of its months) or ``none`` (spending against budget in
% per month is not the mean of its months: only a yearly figure from the file counts).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kitlib.data.contract import NOT_YET_AVAILABLE
from kitlib.data.periods import YEARLY

PARTS_PER_YEAR = {"T": 3, "K": 4, "M": 12}


def add_yearly_means(values: pd.DataFrame, how: dict[str, str] | None = None) -> pd.DataFrame:
    """`values` plus one yearly row per unit, indicator and year that has sub-period
    figures but no yearly one: their mean, or their sum where `how` (indicator_id -> mean,
    sum or none, as indicators.csv's yearly_figure) says sum; none where it says none.
    ``sub_periods`` counts the figures combined (NA elsewhere)."""
    how = how or {}
    out = values.assign(sub_periods=pd.array([pd.NA] * len(values), dtype="Int64"))
    parts = values[values["freq"].isin(list(PARTS_PER_YEAR))]
    parts = parts[parts["indicator_id"].map(how).fillna("mean") != "none"]
    if parts.empty:
        return out
    yearly = values[values["freq"] == YEARLY]
    yearly_keys = set(zip(yearly["unit_id"], yearly["indicator_id"], yearly["year"]))
    grouped = parts.groupby(["unit_id", "indicator_id", "year", "freq"], sort=False)
    derived = grouped["value"].agg(["count", "mean", "sum"]).reset_index()
    derived = derived[
        [key not in yearly_keys for key in zip(derived["unit_id"], derived["indicator_id"], derived["year"])]
    ]
    if derived.empty:
        return out
    complete = derived["count"] == derived["freq"].map(PARTS_PER_YEAR)
    summed = derived["indicator_id"].map(how).eq("sum")
    period = derived["year"].astype(int).astype(str)
    rows = pd.DataFrame(
        {
            "unit_id": derived["unit_id"],
            "indicator_id": derived["indicator_id"],
            "period": period,
            "value": np.where(complete, np.where(summed, derived["sum"], derived["mean"]), np.nan),
            "status": np.where(complete, "", NOT_YET_AVAILABLE),
            "year": derived["year"].astype("Int64"),
            "freq": YEARLY,
            "period_index": derived["year"].astype("Int64"),  # a year's index is the year
            "sub_periods": pd.array(np.where(complete, derived["count"], 0), dtype="Int64"),
        }
    )
    rows = rows.reindex(columns=out.columns)
    if "suppressed" in rows:
        rows["suppressed"] = False
    return pd.concat([out, rows], ignore_index=True)
