"""The scorecard of one unit and year: every indicator with value, target, status,
trend and comparisons, in the order of the municipality's perspectives.

`scorecards` makes every unit's scorecard of a year in one pass (each rule runs once over the
rows of all units, a trend once per series), and `scorecard` is that pass for one unit: one
implementation, so a unit's card is the same whichever way it was made.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from kitlib.analysis.codes import JUDGED, Status
from kitlib.analysis.frequent import VARIATION_COLUMNS, add_variation
from kitlib.analysis.peers import add_benchmarks, compare_units
from kitlib.analysis.prices import is_money, price_factors
from kitlib.analysis.privacy import suppress_small_samples
from kitlib.analysis.status import DEFAULT_DECIMALS, target_status
from kitlib.analysis.targets import resolve_targets
from kitlib.analysis.trend import float_column, trend_of_arrays
from kitlib.analysis.uncertainty import add_intervals, inside_interval, with_scale_sd
from kitlib.analysis.yearly import add_yearly_means
from kitlib.data.contract import (
    ALL_SERVICE_AREAS,
    AREA_LEVEL,
    MUNICIPALITY_LEVEL,
    NOT_APPLICABLE,
    UNIT_LEVEL,
)
from kitlib.data.load import KitData
from kitlib.data.periods import YEARLY

BUDGET_TYPE = "okonomi"  # indicator_type of spending against budget

SCORECARD_COLUMNS = [
    "unit_id", "level", "perspective", "success_factor", "indicator_id", "name", "indicator_type",
    "unit_of_measure", "direction", "influenceable", "period", "value", "value_status", "n", "population",
    "suppressed", "sub_periods", "ci_low", "ci_high", "target", "tolerance", "status", "next_target",
    "trend", "trend_change", "trend_noise", "trend_from_period", "trend_from_value", "last_change",
    "last_change_noise", "previous_period", "fixed_prices", "underspend",
    "peer_rank", "peer_count", "peer_median", "peer_gap", "peer_group_value", "peer_group_gap",
    "peer_group_gap_clear", "national_value", "national_gap", "national_gap_clear",
    "decimals", "source", "definition", "data_date", *VARIATION_COLUMNS,
]  # fmt: skip


def benchmark_groups(data: KitData) -> dict[str, str]:
    """{"peer_group": ..., "national": ...}: the benchmark groups shown, from kit.toml, else guessed."""
    groups = list(dict.fromkeys(data.benchmarks["group"]))
    peer = data.config.peer_group or next((g for g in groups if "kostra" in g.lower()), "")
    national = data.config.national_group or next(
        (g for g in groups if any(w in g.lower() for w in ("landet", "national", "hele landet"))), ""
    )
    return {"peer_group": peer, "national": national}


def prepared_values(data: KitData) -> pd.DataFrame:
    """The only values analyses should read: small survey samples suppressed, national tests'
    spread from their scale (analysis.uncertainty.SCALE_SD), and a yearly figure made from
    complete tertials (quarters, months) where the source has none."""
    values = suppress_small_samples(data.values, data.config.thresholds.min_respondents)
    how = dict(zip(data.indicators["indicator_id"], data.indicators["yearly_figure"].fillna("")))
    return add_yearly_means(with_scale_sd(values, data.indicators), how)


def _reported_rows(values: pd.DataFrame, year: int) -> pd.DataFrame:
    """Per unit and indicator, the yearly row of `year`: the source's yearly figure, or the
    one made from the year's tertials, quarters or months (see analysis.yearly)."""
    return values[(values["year"] == year) & (values["freq"] == YEARLY)]


def scorecard(data: KitData, unit_id: str, year: int, values: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per indicator the unit reports on, for results year `year`.

    `values` may pass in ``prepared_values(data)`` when many scorecards are made (or use
    `scorecards`, which makes them all at once).
    """
    data.unit(unit_id)  # an unknown unit is an error that names the known ones
    units = data.units[data.units["unit_id"] == unit_id].iloc[:1]
    return _cards(data, units, year, values)[unit_id]


def scorecards(
    data: KitData, year: int, values: pd.DataFrame | None = None, unit_ids: Iterable[str] | None = None
) -> dict[str, pd.DataFrame]:
    """unit_id -> `scorecard(data, unit_id, year)` for every row of units.csv (result units,
    service areas, the municipality), or for those of `unit_ids`, in units.csv's order,
    computed in one pass."""
    if unit_ids is None:
        return _cards(data, data.units, year, values)
    unit_ids = set(unit_ids)
    for unit_id in unit_ids:
        data.unit(unit_id)
    return _cards(data, data.units[data.units["unit_id"].isin(unit_ids)], year, values)


def _cards(
    data: KitData, units: pd.DataFrame, year: int, values: pd.DataFrame | None
) -> dict[str, pd.DataFrame]:
    """The scorecards of `units` (rows of units.csv): every rule applied once to all their rows."""
    values = prepared_values(data) if values is None else values
    units = units.reset_index(drop=True)
    sources = _figure_sources(data, units, values)
    rows = _shown_rows(data, units, sources, year)
    rows = rows.join(_reported_rows(values, year).set_index(["unit_id", "indicator_id"]),
                     on=["source_unit", "indicator_id"])  # fmt: skip
    rows = rows.rename(columns={"status": "value_status"})
    rows["value_status"] = rows["value_status"].fillna("")
    rows["period"] = rows["period"].fillna(str(year))
    rows["year"] = rows["year"].fillna(year)
    rows["suppressed"] = rows["suppressed"].fillna(False).astype(bool)
    rows = rows.merge(data.indicators, on="indicator_id", how="left", suffixes=("", "_ind"))

    areas = unit_areas(data)
    # a context figure (the service area's, the municipality's) meets that row's targets
    viewer = rows["unit_id"]
    rows = resolve_targets(rows.assign(unit_id=rows["source_unit"]), data.targets, areas)
    rows["unit_id"] = viewer
    rows = add_intervals(rows, z=data.config.thresholds.confidence_z, unit="unit")
    rows["status"] = target_status(rows, near_share=data.config.thresholds.near_share)
    # "Not applicable" means the target does not apply to this unit, not that data are missing.
    rows.loc[rows["value_status"] == NOT_APPLICABLE, "status"] = Status.NO_TARGET
    following = rows[["source_unit", "indicator_id"]].rename(columns={"source_unit": "unit_id"})
    following = following.assign(period=str(year + 1), year=year + 1)
    rows["next_target"] = resolve_targets(following, data.targets, areas)["target"].to_numpy()
    # an indicator that does not apply to the unit (no 5th grade) has no target of its own
    rows.loc[rows["value_status"] == NOT_APPLICABLE, ["target", "tolerance", "next_target"]] = np.nan
    rows = _add_trends(rows, values, data)
    rows = add_variation(rows, values, data.indicators, year)
    rows = _add_peers(rows, values, data)
    rows = add_benchmarks(rows, data.benchmarks, data.indicators, benchmark_groups(data))
    rows = _gaps_beyond_uncertainty(rows)
    rows["underspend"] = _underspent(rows, data.config.setting("budget.underspend_warning"))

    rows = rows.rename(columns={"unit": "unit_of_measure"})
    rows["unit_id"] = rows["unit_id"].astype("str")  # as a single unit's id filled in the column
    order = data.config.perspective_order(data.indicators["perspective"])
    rows["_u"] = rows["unit_id"].map({u: i for i, u in enumerate(units["unit_id"])})
    rows["_p"] = rows["perspective"].map({p: i for i, p in enumerate(order)})
    rows["_i"] = rows["indicator_id"].map({k: i for i, k in enumerate(data.indicators["indicator_id"])})
    rows = rows.sort_values(["_u", "_p", "_i"])
    ends = np.searchsorted(rows["_u"].to_numpy(), np.arange(len(units) + 1))
    cards = rows.reindex(columns=SCORECARD_COLUMNS)
    out = {}
    for i, unit_id in enumerate(units["unit_id"]):
        if ends[i] == ends[i + 1] and len(units) > 1:
            # no rows: the empty columns' dtypes are those the unit's own pass gives them
            out[unit_id] = _cards(data, units.iloc[[i]], year, values)[unit_id]
        else:
            out[unit_id] = cards.iloc[ends[i] : ends[i + 1]].reset_index(drop=True)
    return out


def _figure_sources(data: KitData, units: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    """Per unit and indicator of its service area, whose figures its scorecard shows (unit_id,
    indicator_id, source_unit, level): the unit's own; where it has none, its service area's
    row; else the municipality's. `units` are numbered by their position."""
    everyone = data.units.reset_index(drop=True)  # rank: the order of units.csv
    own = units[["unit_id", "service_area", "level"]].assign(source_unit=units["unit_id"], rank=-1)
    results = units.loc[units["level"] == UNIT_LEVEL, ["unit_id", "service_area"]]
    areas = everyone[everyone["level"] == AREA_LEVEL]
    areas = pd.DataFrame({"service_area": areas["service_area"], "source_unit": areas["unit_id"],
                          "level": AREA_LEVEL, "rank": areas.index})  # fmt: skip
    municipal = everyone[everyone["level"] == MUNICIPALITY_LEVEL]
    municipal = pd.DataFrame({"source_unit": municipal["unit_id"], "level": MUNICIPALITY_LEVEL,
                              "rank": municipal.index + len(everyone)})  # after every area's row  # fmt: skip
    candidates = [own, results.merge(areas, on="service_area"), results.merge(municipal, how="cross")]
    candidates = pd.concat(candidates, ignore_index=True)
    pairs = values[["unit_id", "indicator_id"]].drop_duplicates().rename(columns={"unit_id": "source_unit"})
    found = candidates.merge(pairs, on="source_unit")
    found = found[_of_area(data, found["indicator_id"], found["service_area"])]
    found = found.sort_values("rank", kind="stable").drop_duplicates(["unit_id", "indicator_id"])
    return found[["unit_id", "indicator_id", "source_unit", "level"]]


def _of_area(data: KitData, indicator_ids: pd.Series, service_areas: pd.Series) -> np.ndarray:
    """Per row: is the indicator one of the service area's, or one for every unit?"""
    area = indicator_ids.map(dict(zip(data.indicators["indicator_id"], data.indicators["service_area"])))
    return ((area == service_areas) | (area == ALL_SERVICE_AREAS)).to_numpy(dtype=bool)


def _shown_rows(data: KitData, units: pd.DataFrame, sources: pd.DataFrame, year: int) -> pd.DataFrame:
    """(unit_id, indicator_id, source_unit, level): per unit, the indicators with figures to show
    or with a target of the unit's own for `year`, in the order of indicators.csv."""
    t = data.targets
    area_of = dict(zip(units["unit_id"], units["service_area"]))
    own = t.loc[t["unit_id"].isin(units["unit_id"]) & (t["year"] == year), ["unit_id", "indicator_id"]]
    own = own[_of_area(data, own["indicator_id"], own["unit_id"].map(area_of))]
    position = {k: i for i, k in enumerate(data.indicators["indicator_id"])}
    shown = pd.concat([sources[["unit_id", "indicator_id"]], own]).drop_duplicates()
    shown = shown[shown["indicator_id"].isin(position)]
    unit_position = {u: i for i, u in enumerate(units["unit_id"])}
    shown = shown.assign(_u=shown["unit_id"].map(unit_position), _i=shown["indicator_id"].map(position))
    shown = shown.sort_values(["_u", "_i"])[["unit_id", "indicator_id"]].reset_index(drop=True)
    rows = shown.merge(sources, on=["unit_id", "indicator_id"], how="left")
    rows["source_unit"] = rows["source_unit"].fillna(rows["unit_id"])
    rows["level"] = rows["level"].fillna(rows["unit_id"].map(dict(zip(units["unit_id"], units["level"]))))
    return rows


def result_units(data: KitData) -> pd.DataFrame:
    """The rows of units.csv that are result units: the only ones ranked and compared."""
    return data.units[data.units["level"] == UNIT_LEVEL]


def unit_areas(data: KitData) -> dict[str, str]:
    """unit_id -> service area, for targets set per service area."""
    return dict(zip(data.units["unit_id"], data.units["service_area"]))


def _gaps_beyond_uncertainty(rows: pd.DataFrame) -> pd.DataFrame:
    """``{role}_gap_clear``: is the gap to a benchmark larger than the survey's uncertainty?
    False where the benchmark lies inside the unit's 95 % interval; True without an interval."""
    out = rows.copy()
    for role in ("peer_group", "national"):
        if f"{role}_value" not in out:
            continue
        bench = out[f"{role}_value"]
        out[f"{role}_gap_clear"] = ~inside_interval(out, bench) & bench.notna()
    return out


def _underspent(rows: pd.DataFrame, warning: float | None) -> pd.Series:
    """Spending against budget (in %) below kit.toml's `underspend_warning`: worth a question."""
    if warning is None:
        return pd.Series(False, rows.index)
    budget = (rows["indicator_type"] == BUDGET_TYPE) & (rows["unit"].astype(str).str.strip() == "%")
    return (budget & (rows["value"] < warning)).fillna(False).astype(bool)


def _add_trends(rows: pd.DataFrame, values: pd.DataFrame, data: KitData) -> pd.DataFrame:
    """The trend of each row's series (the figures of its source unit), read once per series."""
    th = data.config.thresholds
    deflator = data.config.setting("deflator") or {}
    # Yearly figures only (tertials enter as the year's mean): seasons are not trends.
    yearly = values[values["freq"] == YEARLY].sort_values("period_index", kind="stable")
    series_of = yearly.groupby(["unit_id", "indicator_id"], sort=False).indices
    value, years = float_column(yearly, "value"), yearly["year"].to_numpy(dtype=float, na_value=np.nan)
    labels, n, sd = yearly["period"].to_numpy(), float_column(yearly, "n"), float_column(yearly, "sd")
    population = float_column(yearly, "population")
    keys = ["source_unit", "indicator_id", "year", "direction", "unit", "decimals"]
    row_keys = list(rows[keys].itertuples(index=False, name=None))  # looked up as the same objects
    readings, fixed = {}, {}
    for key in dict.fromkeys(row_keys):
        source, indicator, year, direction, unit, decimals = key
        at = series_of.get((source, indicator), np.array([], dtype=int))
        at = at[years[at] <= year]
        series = value[at]
        fixed[key] = pd.NA
        if is_money(unit):
            factors = price_factors(years[at], deflator, int(year))
            fixed[key] = factors is not None
            series = series if factors is None else series * factors
        places = DEFAULT_DECIMALS if pd.isna(decimals) else int(decimals)
        readings[key] = trend_of_arrays(
            series, years[at], direction, labels=labels[at], n=None if n is None else n[at],
            sd=None if sd is None else sd[at], population=None if population is None else population[at],
            periods=th.trend_periods, stable_share=th.stable_share,
            confidence_z=th.confidence_z, is_share=str(unit).strip() == "%", resolution=10.0**-places,
        )  # fmt: skip
    per_row = [readings[key] for key in row_keys]
    return rows.assign(
        trend=[r.code for r in per_row],
        trend_change=[r.change for r in per_row],
        trend_noise=[r.noise for r in per_row],
        trend_from_period=[r.first_period for r in per_row],
        trend_from_value=[r.first_value for r in per_row],
        last_change=[r.last_change for r in per_row],
        last_change_noise=[r.last_change_noise for r in per_row],
        previous_period=[r.previous_period for r in per_row],
        fixed_prices=pd.array([fixed[key] for key in row_keys], dtype="boolean"),
    )  # fmt: skip


def _add_peers(rows: pd.DataFrame, values: pd.DataFrame, data: KitData) -> pd.DataFrame:
    """Rank and median among result units only: a service area's or the municipality's
    figure is context, never ranked."""
    keys = rows[["indicator_id", "period"]].drop_duplicates()
    units = result_units(data)
    pool = values[values["unit_id"].isin(units["unit_id"])].merge(keys, on=["indicator_id", "period"])
    compared = compare_units(pool, units, data.indicators)
    cols = ["unit_id", "indicator_id", "period", "peer_rank", "peer_count", "peer_median", "peer_gap"]
    return rows.merge(compared[cols], on=["unit_id", "indicator_id", "period"], how="left")


TOTAL = "__total__"  # the overview's last row


def status_overview(card: pd.DataFrame) -> pd.DataFrame:
    """Counts of indicators per perspective (rows, in the scorecard's order, then TOTAL) and
    status (columns: the judged statuses, then no data); indicators without a target are left out."""
    columns = [*JUDGED, Status.NO_DATA]
    judged = card[card["status"].isin(columns)]
    if judged.empty:
        return pd.DataFrame(columns=columns, dtype=int)
    order = list(dict.fromkeys(card["perspective"]))
    counts = pd.crosstab(judged["perspective"], judged["status"]).reindex(
        index=[p for p in order if p in set(judged["perspective"])], columns=columns, fill_value=0
    )
    counts.loc[TOTAL] = counts.sum()
    return counts.astype(int)
