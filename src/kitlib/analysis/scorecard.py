"""The scorecard of one unit and year: every indicator with value, target, status,
trend and comparisons, in the order of the municipality's perspectives."""

from __future__ import annotations

import pandas as pd

from kitlib.analysis.codes import JUDGED, Status
from kitlib.analysis.peers import add_benchmarks, compare_units
from kitlib.analysis.prices import in_fixed_prices, is_money
from kitlib.analysis.privacy import suppress_small_samples
from kitlib.analysis.status import DEFAULT_DECIMALS, target_status
from kitlib.analysis.targets import resolve_targets
from kitlib.analysis.trend import read_trend
from kitlib.analysis.uncertainty import add_intervals, inside_interval
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
    "unit_of_measure", "direction", "influenceable", "period", "value", "value_status", "n",
    "suppressed", "sub_periods", "ci_low", "ci_high", "target", "tolerance", "status", "next_target",
    "trend", "trend_change", "trend_noise", "trend_from_period", "trend_from_value", "last_change",
    "last_change_noise", "previous_period", "fixed_prices", "underspend",
    "peer_rank", "peer_count", "peer_median", "peer_gap", "peer_group_value", "peer_group_gap",
    "peer_group_gap_clear", "national_value", "national_gap", "national_gap_clear",
    "decimals", "source", "definition", "data_date",
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
    """The only values analyses should read: small survey samples suppressed, and a yearly
    figure made from complete tertials (quarters, months) where the source has none."""
    return add_yearly_means(suppress_small_samples(data.values, data.config.thresholds.min_respondents))


def _reported_rows(values: pd.DataFrame, year: int) -> pd.DataFrame:
    """Per unit and indicator, the yearly row of `year`: the source's yearly figure, or the
    one made from the year's tertials, quarters or months (see analysis.yearly)."""
    return values[(values["year"] == year) & (values["freq"] == YEARLY)]


def scorecard(data: KitData, unit_id: str, year: int, values: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per indicator the unit reports on, for results year `year`.

    `values` may pass in ``prepared_values(data)`` when many scorecards are made.
    """
    unit = data.unit(unit_id)
    values = prepared_values(data) if values is None else values
    areas = {unit["service_area"], ALL_SERVICE_AREAS}
    indicators = data.indicators[data.indicators["service_area"].isin(areas)]
    sources = _figure_sources(data, unit, values[values["indicator_id"].isin(indicators["indicator_id"])])
    mine = values.merge(sources[["unit_id", "indicator_id"]], on=["unit_id", "indicator_id"])
    own_targets = data.targets[(data.targets["unit_id"] == unit_id) & (data.targets["year"] == year)]
    shown_ids = set(mine["indicator_id"]) | set(own_targets["indicator_id"])
    indicators = indicators[indicators["indicator_id"].isin(shown_ids)]

    reported = _reported_rows(mine, year).set_index("indicator_id")
    rows = pd.DataFrame({"unit_id": unit_id, "indicator_id": indicators["indicator_id"].to_numpy()})
    source_of = dict(zip(sources["indicator_id"], sources["unit_id"]))
    level_of = dict(zip(sources["indicator_id"], sources["level"]))
    rows["source_unit"] = rows["indicator_id"].map(source_of).fillna(unit_id)
    rows["level"] = rows["indicator_id"].map(level_of).fillna(unit["level"])
    rows = rows.join(reported.drop(columns="unit_id"), on="indicator_id")
    rows = rows.rename(columns={"status": "value_status"})
    rows["value_status"] = rows["value_status"].fillna("")
    rows["period"] = rows["period"].fillna(str(year))
    rows["year"] = rows["year"].fillna(year)
    rows["suppressed"] = rows["suppressed"].fillna(False).astype(bool)
    rows = rows.merge(data.indicators, on="indicator_id", how="left", suffixes=("", "_ind"))

    areas = unit_areas(data)
    # a context figure (the service area's, the municipality's) meets that row's targets
    rows = resolve_targets(rows.assign(unit_id=rows["source_unit"]), data.targets, areas)
    rows["unit_id"] = unit_id
    rows = add_intervals(rows, z=data.config.thresholds.confidence_z, unit="unit")
    rows["status"] = target_status(rows, near_share=data.config.thresholds.near_share)
    # "Not applicable" means the target does not apply to this unit, not that data are missing.
    rows.loc[rows["value_status"] == NOT_APPLICABLE, "status"] = Status.NO_TARGET
    following = rows[["source_unit", "indicator_id"]].rename(columns={"source_unit": "unit_id"})
    following = following.assign(period=str(year + 1), year=year + 1)
    rows["next_target"] = resolve_targets(following, data.targets, areas)["target"].to_numpy()
    rows = _add_trends(rows, mine, data)
    rows = _add_peers(rows, values, data)
    rows = add_benchmarks(rows, data.benchmarks, data.indicators, benchmark_groups(data))
    rows = _gaps_beyond_uncertainty(rows)
    rows["underspend"] = _underspent(rows, data.config.setting("budget.underspend_warning"))

    rows = rows.rename(columns={"unit": "unit_of_measure"})
    order = data.config.perspective_order(data.indicators["perspective"])
    rows["_p"] = rows["perspective"].map({p: i for i, p in enumerate(order)})
    rows["_i"] = rows["indicator_id"].map({k: i for i, k in enumerate(data.indicators["indicator_id"])})
    rows = rows.sort_values(["_p", "_i"]).reset_index(drop=True)
    return rows.reindex(columns=SCORECARD_COLUMNS)


def _figure_sources(data: KitData, unit: pd.Series, values: pd.DataFrame) -> pd.DataFrame:
    """Per indicator, whose figures the unit's scorecard shows (unit_id, indicator_id, level):
    the unit's own; where it has none, its service area's row; else the municipality's."""
    units = data.units
    area_rows = units[(units["level"] == AREA_LEVEL) & (units["service_area"] == unit["service_area"])]
    municipal_rows = units[units["level"] == MUNICIPALITY_LEVEL]
    candidates = [(unit["unit_id"], unit["level"])]
    if unit["level"] == UNIT_LEVEL:
        candidates += [(u, AREA_LEVEL) for u in area_rows["unit_id"]]
        candidates += [(u, MUNICIPALITY_LEVEL) for u in municipal_rows["unit_id"]]
    found = []
    for source, level in candidates:
        ids = values.loc[values["unit_id"] == source, "indicator_id"].unique()
        taken = {f["indicator_id"] for f in found}
        found += [{"unit_id": source, "indicator_id": i, "level": level} for i in ids if i not in taken]
    return pd.DataFrame(found, columns=["unit_id", "indicator_id", "level"])


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


def _add_trends(rows: pd.DataFrame, mine: pd.DataFrame, data: KitData) -> pd.DataFrame:
    th = data.config.thresholds
    deflator = data.config.setting("deflator") or {}
    readings, fixed = [], []
    yearly = mine[mine["freq"] == YEARLY]
    for indicator, year, direction, unit, decimals in zip(
        rows["indicator_id"], rows["year"], rows["direction"], rows["unit"], rows["decimals"]
    ):
        # Yearly figures only (tertials enter as the year's mean): seasons are not trends.
        series = yearly[(yearly["indicator_id"] == indicator) & (yearly["year"] <= year)]
        fixed.append(pd.NA)
        if is_money(unit):
            deflated = in_fixed_prices(series, deflator, int(year))
            fixed[-1] = deflated is not None
            series = series if deflated is None else deflated
        places = DEFAULT_DECIMALS if pd.isna(decimals) else int(decimals)
        readings.append(
            read_trend(
                series.sort_values("period_index"), direction, index="year", periods=th.trend_periods,
                stable_share=th.stable_share, confidence_z=th.confidence_z,
                is_share=str(unit).strip() == "%", resolution=10.0**-places,
            )
        )  # fmt: skip
    return rows.assign(
        trend=[r.code for r in readings],
        trend_change=[r.change for r in readings],
        trend_noise=[r.noise for r in readings],
        trend_from_period=[r.first_period for r in readings],
        trend_from_value=[r.first_value for r in readings],
        last_change=[r.last_change for r in readings],
        last_change_noise=[r.last_change_noise for r in readings],
        previous_period=[r.previous_period for r in readings],
        fixed_prices=pd.array(fixed, dtype="boolean"),
    )


def _add_peers(rows: pd.DataFrame, values: pd.DataFrame, data: KitData) -> pd.DataFrame:
    """Rank and median among result units only: a service area's or the municipality's
    figure is context, never ranked."""
    keys = rows[["indicator_id", "period"]]
    units = result_units(data)
    pool = values[values["unit_id"].isin(units["unit_id"])].merge(keys, on=["indicator_id", "period"])
    compared = compare_units(pool, units, data.indicators)
    unit_id = rows["unit_id"].iat[0] if len(rows) else None
    cols = ["peer_rank", "peer_count", "peer_median", "peer_gap"]
    mine = compared[compared["unit_id"] == unit_id][["indicator_id", "period", *cols]]
    return rows.merge(mine, on=["indicator_id", "period"], how="left")


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
