"""One long table of every figure, for analysts: one row per unit (or comparison group),
indicator and period, with target, status and interval read exactly as the notes read them.

It is the table to hand to pandas or seaborn. The figures are `prepared_values` (small survey
samples suppressed, yearly figures made from complete tertials or months), the targets come
from `resolve_targets`, the intervals from `add_intervals` and the status from
`target_status`: the same steps as the scorecard, so a status here is the status in the note.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kitlib.analysis.codes import Status
from kitlib.analysis.scorecard import benchmark_groups, prepared_values, unit_areas
from kitlib.analysis.status import target_status
from kitlib.analysis.targets import resolve_targets
from kitlib.analysis.uncertainty import add_intervals
from kitlib.data.contract import NOT_APPLICABLE, SUPPRESSED
from kitlib.data.load import KitData
from kitlib.data.periods import MONTHLY, QUARTERLY, TERTIAL, YEARLY

FREQUENCY = {YEARLY: "year", TERTIAL: "tertial", QUARTERLY: "quarter", MONTHLY: "month"}
# `level` of a comparison group's row (benchmarks.csv): beside units.csv's enhet,
# tjenesteomrade and kommune.
PEER_GROUP_LEVEL, NATIONAL_LEVEL, OTHER_GROUP_LEVEL = "kostra_group", "country", "benchmark"
GROUP_LEVELS = (PEER_GROUP_LEVEL, NATIONAL_LEVEL, OTHER_GROUP_LEVEL)

TIDY_COLUMNS = [
    "unit_id", "unit", "short_name", "service_area", "level", "indicator_id", "indicator",
    "perspective", "indicator_type", "unit_of_measure", "direction", "decimals", "period", "year",
    "frequency", "value", "value_status", "suppressed", "n", "population", "sd", "ci_low", "ci_high",
    "target", "tolerance", "status",
]  # fmt: skip


def tidy(data: KitData, year: int | None = None) -> pd.DataFrame:
    """Every figure of `data` as one long DataFrame (columns TIDY_COLUMNS), in units.csv's and
    indicators.csv's order, then the comparison groups.

    `year` keeps one year's figures (its yearly figure and its tertials or months); None keeps
    every year. A survey figure from fewer than ``min_respondents`` keeps its row, with value,
    n, sd and interval empty and ``suppressed`` True: the figure cannot be read from the table.
    """
    units = _unit_rows(data)
    groups = _group_rows(data)
    rows = pd.concat([units, groups], ignore_index=True) if len(groups) else units
    if year is not None:
        rows = rows[rows["year"] == int(year)]
    rows = rows.merge(_indicator_columns(data), on="indicator_id", how="inner")
    rows = _judged(rows, data)
    return (
        rows.sort_values(["_u", "_i", "_p"], kind="stable")
        .reindex(columns=TIDY_COLUMNS)
        .reset_index(drop=True)
    )


def _unit_rows(data: KitData) -> pd.DataFrame:
    values = prepared_values(data)
    units = data.units.reset_index(drop=True)
    names = units["short_name"] if "short_name" in units else units["name"]
    info = pd.DataFrame({
        "unit_id": units["unit_id"], "unit": units["name"], "short_name": names.fillna(units["name"]),
        "service_area": units["service_area"], "level": units["level"], "_u": units.index,
    })  # fmt: skip
    rows = values.merge(info, on="unit_id", how="inner")
    return rows.rename(columns={"status": "value_status"})


def _group_rows(data: KitData) -> pd.DataFrame:
    """benchmarks.csv as rows of their own: the group's name is its unit (and unit_id)."""
    bench = data.benchmarks
    if bench.empty:
        return pd.DataFrame()
    roles = benchmark_groups(data)
    level = bench["group"].map({roles["peer_group"]: PEER_GROUP_LEVEL, roles["national"]: NATIONAL_LEVEL})
    area = bench["indicator_id"].map(
        dict(zip(data.indicators["indicator_id"], data.indicators["service_area"]))
    )
    order = {g: i for i, g in enumerate(dict.fromkeys(bench["group"]))}
    return bench.rename(columns={"status": "value_status"}).assign(
        unit_id=bench["group"], unit=bench["group"], short_name=bench["group"], service_area=area,
        level=level.fillna(OTHER_GROUP_LEVEL).to_numpy(), suppressed=False,
        _u=len(data.units) + bench["group"].map(order),
    ).drop(columns=["group"])  # fmt: skip


def _indicator_columns(data: KitData) -> pd.DataFrame:
    ind = data.indicators.reset_index(drop=True)
    return pd.DataFrame({
        "indicator_id": ind["indicator_id"], "indicator": ind["name"], "perspective": ind["perspective"],
        "indicator_type": ind["indicator_type"], "unit_of_measure": ind["unit"],
        "direction": ind["direction"], "decimals": ind["decimals"], "_i": ind.index,
    })  # fmt: skip


def _judged(rows: pd.DataFrame, data: KitData) -> pd.DataFrame:
    """Target, interval and status of each row, as the scorecard gives them."""
    rows = rows.reset_index(drop=True)
    rows["frequency"] = rows["freq"].map(FREQUENCY)
    rows["_p"] = rows["period_index"]
    rows["value_status"] = rows["value_status"].fillna("")
    # hidden for privacy: too few answers, or marked ":" by the source itself
    rows["suppressed"] = rows["suppressed"].fillna(False).astype(bool) | (rows["value_status"] == SUPPRESSED)
    for column in ("n", "sd"):
        rows[column] = (
            pd.to_numeric(rows[column], errors="coerce").astype(float) if column in rows else np.nan
        )
    # the respondents behind a suppressed figure are part of the figure: not in the table
    rows.loc[rows["suppressed"], ["value", "n", "sd"]] = np.nan
    rows = resolve_targets(rows, data.targets, unit_areas(data))
    # a comparison group is not judged against the municipality's targets
    is_group = rows["level"].isin(GROUP_LEVELS)
    rows.loc[is_group, ["target", "tolerance"]] = np.nan
    rows = add_intervals(rows, z=data.config.thresholds.confidence_z)
    rows["status"] = target_status(rows, near_share=data.config.thresholds.near_share)
    rows.loc[rows["value_status"] == NOT_APPLICABLE, "status"] = Status.NO_TARGET
    rows.loc[rows["value_status"] == NOT_APPLICABLE, ["target", "tolerance"]] = np.nan
    rows["status"] = rows["status"].astype(str)
    rows["year"] = rows["year"].astype("Int64")
    return rows
