"""An indicator's history for one unit, with its target and peers, ready to chart."""

from __future__ import annotations

import pandas as pd

from kitlib.analysis.peers import add_benchmarks, compare_units
from kitlib.analysis.scorecard import benchmark_groups, prepared_values, result_units, unit_areas
from kitlib.analysis.targets import resolve_targets
from kitlib.analysis.uncertainty import add_intervals
from kitlib.data.load import KitData
from kitlib.data.periods import YEARLY


def indicator_history(
    data: KitData, unit_id: str, indicator_id: str, *, freq: str | None = None, values=None
) -> pd.DataFrame:
    """Per period of `freq` (default: the unit's most recent one): the unit's value,
    its target, the median of the other units, and the two benchmark groups.

    Columns: period, period_index, year, value, value_status, n, ci_low, ci_high (the survey
    interval, where the figure has respondents), target, peer_median (result units only),
    peer_group_value, national_value. Missing stays missing (NaN), never 0.
    """
    values = prepared_values(data) if values is None else values
    series = values[values["indicator_id"] == indicator_id]
    mine = series[series["unit_id"] == unit_id]
    if freq is None:
        freq = mine.sort_values("period_index")["freq"].iat[-1] if len(mine) else YEARLY
    series = series[series["freq"] == freq]
    mine = mine[mine["freq"] == freq].sort_values("period_index")
    columns = ["unit_id", "indicator_id", "period", "period_index", "year", "value", "status", "n", "sd"]
    out = mine.reindex(columns=columns).rename(columns={"status": "value_status"}).reset_index(drop=True)
    unit_of_measure = data.indicators.set_index("indicator_id")["unit"].get(indicator_id, "")
    z = data.config.thresholds.confidence_z
    out = add_intervals(out.assign(unit=unit_of_measure), z=z, unit="unit").drop(columns=["unit", "sd"])
    out = resolve_targets(out, data.targets, unit_areas(data))
    units = result_units(data)
    peers = compare_units(series[series["unit_id"].isin(units["unit_id"])], units, data.indicators)
    peers = peers[peers["unit_id"] == unit_id][["period", "peer_median"]]
    out = out.merge(peers, on="period", how="left")
    out = add_benchmarks(out, data.benchmarks, data.indicators, benchmark_groups(data))
    return out.drop(columns=["unit_id", "indicator_id", "tolerance", "peer_group_gap", "national_gap"])
