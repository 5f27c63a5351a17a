"""An indicator's history for one unit, with its target and peers, ready to chart.

A note draws many charts, so `histories` makes every unit's history of every indicator in one
pass (each rule once over all rows) and `Histories.of` picks one out; `indicator_history` is
that pass for one indicator.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kitlib.analysis.peers import add_benchmarks, compare_units
from kitlib.analysis.scorecard import benchmark_groups, prepared_values, result_units, unit_areas
from kitlib.analysis.targets import resolve_targets
from kitlib.analysis.uncertainty import add_intervals
from kitlib.data.load import KitData
from kitlib.data.periods import YEARLY

_COLUMNS = ["unit_id", "indicator_id", "period", "period_index", "year", "value", "status", "n", "sd"]
_COLUMNS += ["population"]  # the people asked: survey intervals are corrected for them


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
    return histories(data, values[values["indicator_id"] == indicator_id]).of(unit_id, indicator_id, freq)


@dataclass(frozen=True)
class Histories:
    """Every unit's history of every indicator in `values`, as `indicator_history` gives it."""

    rows: pd.DataFrame  # indicator_history's columns, each series in period order
    at: dict  # (unit_id, indicator_id, freq) -> the positions of the series' rows
    latest: dict  # (unit_id, indicator_id) -> the frequency of the unit's most recent figure
    empty: pd.DataFrame  # what a unit without figures of the indicator gets

    def of(self, unit_id: str, indicator_id: str, freq: str | None = None) -> pd.DataFrame:
        """`indicator_history(data, unit_id, indicator_id, freq=freq)`."""
        if freq is None:
            freq = self.latest.get((unit_id, indicator_id), YEARLY)
        at = self.at.get((unit_id, indicator_id, freq))
        return self.empty.copy() if at is None else self.rows.iloc[at].reset_index(drop=True)

    _KEY = ("unit_id", "indicator_id", "freq")  # of a series in `at` and `latest`

    def to_tables(self) -> dict[str, pd.DataFrame]:
        """The histories as plain tables (kitlib.data.handover writes them as Parquet):
        `rows`, `at` (a series' key and each of its positions) and `latest`."""
        keys = list(self.at)
        lengths = [len(self.at[key]) for key in keys]
        at = pd.DataFrame(
            {
                name: np.repeat(np.array([key[i] for key in keys], dtype=object), lengths)
                for i, name in enumerate(self._KEY)
            }
        )
        at["position"] = np.concatenate([self.at[key] for key in keys]) if keys else np.array([], int)
        latest = pd.DataFrame(
            [(unit, indicator, freq) for (unit, indicator), freq in self.latest.items()],
            columns=list(self._KEY),
            dtype=object,
        )
        return {"rows": self.rows, "at": at, "latest": latest}

    @classmethod
    def from_tables(cls, tables: dict[str, pd.DataFrame]) -> Histories:
        """The Histories that `to_tables` gave."""
        at, rows = tables["at"], tables["rows"]
        positions = at["position"].to_numpy(dtype=np.int64)
        groups = at.groupby(list(cls._KEY), sort=False).indices if len(at) else {}
        latest = tables["latest"]
        return cls(
            rows=rows,
            at={key: positions[index] for key, index in groups.items()},
            latest=dict(zip(zip(latest["unit_id"], latest["indicator_id"]), latest["freq"])),
            empty=rows.iloc[:0].reset_index(drop=True),
        )


def histories(data: KitData, values: pd.DataFrame | None = None) -> Histories:
    """Every unit's history of every indicator with figures in `values` (default: the prepared
    values), made in one pass."""
    values = prepared_values(data) if values is None else values
    values = values.sort_values("period_index", kind="stable")
    latest = values.drop_duplicates(["unit_id", "indicator_id"], keep="last")
    out = values.reindex(columns=_COLUMNS).rename(columns={"status": "value_status"})
    out = out.assign(_freq=values["freq"]).reset_index(drop=True)
    unit_of_measure = data.indicators.drop_duplicates("indicator_id").set_index("indicator_id")["unit"]
    measure = (
        out["indicator_id"].map(unit_of_measure).where(out["indicator_id"].isin(unit_of_measure.index), "")
    )
    z = data.config.thresholds.confidence_z
    out = add_intervals(out.assign(unit=measure), z=z, unit="unit").drop(columns=["unit", "sd", "population"])
    out = resolve_targets(out, data.targets, unit_areas(data))
    units = result_units(data)
    peers = compare_units(values[values["unit_id"].isin(units["unit_id"])], units, data.indicators)
    peers = peers[["unit_id", "indicator_id", "period", "peer_median"]]
    out = out.merge(peers, on=["unit_id", "indicator_id", "period"], how="left")
    out = add_benchmarks(out, data.benchmarks, data.indicators, benchmark_groups(data))
    at = out.groupby(["unit_id", "indicator_id", "_freq"], sort=False).indices
    rows = out.drop(
        columns=["unit_id", "indicator_id", "tolerance", "peer_group_gap", "national_gap", "_freq"]
    )
    return Histories(
        rows=rows,
        at={key: np.asarray(positions) for key, positions in at.items()},
        latest=dict(zip(zip(latest["unit_id"], latest["indicator_id"]), latest["freq"])),
        empty=rows.iloc[:0].reset_index(drop=True),
    )
