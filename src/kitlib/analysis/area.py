"""A service area's units side by side: their scorecards in one frame, the status matrix,
per indicator a ranking with the median and the spread, and the area's KOSTRA figures in
seed 004's four dimensions.

Pure functions on DataFrames (and `KitData` for the tables), no words: the reader's text is
made by kitlib.report.area. The rules:

- a ranking is direction-aware: 1 is the best (the highest where higher is better, the
  lowest where lower is); an indicator whose direction is none, or spending against budget
  (where less is not better), is listed by value and not ranked;
- a missing figure is missing: never 0, never ranked, never in a median; a survey figure from
  fewer respondents than kit.toml's ``min_respondents`` is suppressed the same way;
- a median needs `MIN_UNITS_FOR_MEDIAN` units with figures, quartiles `MIN_UNITS_FOR_QUARTILES`;
- the units that most need attention, and why, are in kitlib.analysis.attention.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kitlib.analysis.codes import JUDGED, Status
from kitlib.analysis.scorecard import BUDGET_TYPE, benchmark_groups, prepared_values, result_units, scorecards
from kitlib.analysis.status import better_sign
from kitlib.analysis.uncertainty import add_intervals, finite_correction, mean_interval
from kitlib.data.contract import AREA_LEVEL, CONTEXT_TYPE, MUNICIPALITY_LEVEL, SURVEY_TYPE, UNIT_LEVEL
from kitlib.data.load import KitData
from kitlib.data.periods import YEARLY

# Seed 004 (Bydel Alna, "Fire suksesskriterier"): the KOSTRA reading of a service in four
# dimensions, each from the indicator types that measure it.
DIMENSIONS = ("prioritering", "dekningsgrad", "produktivitet", "kvalitet")
DIMENSION_TYPES = {
    "prioritering": ("prioritering",),
    "dekningsgrad": ("dekningsgrad",),
    "produktivitet": ("produktivitet",),
    "kvalitet": ("malt_kvalitet", SURVEY_TYPE),
}
MIN_UNITS_FOR_MEDIAN = 3  # the median of two figures is their mean, not a middle unit
MIN_UNITS_FOR_QUARTILES = 4  # a middle half needs at least four units


# -- the area and its units -----------------------------------------------------------------


def service_areas(data: KitData) -> list[str]:
    """The service areas that have result units, in the order of units.csv."""
    return list(dict.fromkeys(result_units(data)["service_area"]))


def area_units(data: KitData, service_area: str) -> pd.DataFrame:
    """The result units of `service_area`, in the order of units.csv."""
    units = result_units(data)
    return units[units["service_area"] == service_area].reset_index(drop=True)


def area_row(data: KitData, service_area: str) -> pd.Series | None:
    """The row of units.csv that holds the area's own figures (level tjenesteomrade), if any."""
    rows = data.units[(data.units["level"] == AREA_LEVEL) & (data.units["service_area"] == service_area)]
    return rows.iloc[0] if len(rows) else None


def area_cards(
    data: KitData,
    service_area: str,
    year: int,
    values: pd.DataFrame | None = None,
    cards: dict[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """Every unit's scorecard of `year` in one long frame (scorecard columns plus ``unit_name``,
    ``unit_order`` and the scorecard's order: ``perspective_rank``, ``indicator_rank``), all
    computed in one pass on the same prepared values, or taken from `cards` (`scorecards`)."""
    values = prepared_values(data) if values is None else values
    units = area_units(data, service_area)
    if cards is None:
        cards = scorecards(data, year, values=values, unit_ids=units["unit_id"])
    cards = [
        cards[unit_id].assign(unit_name=name, unit_order=i)
        for i, (unit_id, name) in enumerate(zip(units["unit_id"], units["name"]))
    ]
    if not cards:
        return pd.DataFrame(columns=["unit_id", "unit_name", "unit_order"])
    cards = pd.concat(cards, ignore_index=True)
    perspectives = data.config.perspective_order(data.indicators["perspective"])
    cards["perspective_rank"] = cards["perspective"].map({p: i for i, p in enumerate(perspectives)})
    cards["indicator_rank"] = cards["indicator_id"].map(
        {k: i for i, k in enumerate(data.indicators["indicator_id"])}
    )
    return cards


def own_results(cards: pd.DataFrame) -> pd.DataFrame:
    """The units' own results: not their service area's figures, nor their context figures."""
    if cards.empty:
        return cards
    return cards[(cards["level"] == UNIT_LEVEL) & (cards["indicator_type"] != CONTEXT_TYPE)]


def key_figure_totals(cards: pd.DataFrame) -> pd.DataFrame:
    """The units' context figures (children, pupils, FTEs, budget) summed over the area: one row
    per indicator every unit has a figure for (a sum with a unit missing would mislead)."""
    if cards.empty:
        return cards
    figures = cards[(cards["level"] == UNIT_LEVEL) & (cards["indicator_type"] == CONTEXT_TYPE)]
    units = cards["unit_id"].nunique()
    rows = []
    for _, rows_of in figures.groupby("indicator_id", sort=False):
        present = rows_of["value"].dropna()
        if len(present) == units:
            rows.append(rows_of.iloc[0].drop(["unit_id", "unit_name"]).to_dict() | {"value": present.sum()})
    return pd.DataFrame(rows).reset_index(drop=True)


def indicator_order(cards: pd.DataFrame) -> list[str]:
    """The units' indicators in the scorecard's order (perspective, then indicators.csv); in
    the order first met where the frame does not carry it."""
    own = own_results(cards).drop_duplicates("indicator_id")
    if {"perspective_rank", "indicator_rank"} <= set(own.columns):
        own = own.sort_values(["perspective_rank", "indicator_rank"], kind="stable")
    return list(own["indicator_id"])


def status_matrix(cards: pd.DataFrame) -> pd.DataFrame:
    """Status codes, units (rows, in units.csv order) × indicators (columns, in scorecard order)
    of the indicators at least one unit has a target for; a unit without the indicator is NA."""
    own = own_results(cards)
    judged = own[own["status"] != Status.NO_TARGET]
    columns = [i for i in indicator_order(cards) if i in set(judged["indicator_id"])]
    units = own.drop_duplicates("unit_id").sort_values("unit_order")["unit_id"]
    matrix = own.pivot(index="unit_id", columns="indicator_id", values="status")
    return matrix.reindex(index=list(units), columns=columns)


# -- rankings, medians and spread ----------------------------------------------------------------


def is_ranked(row) -> bool:
    """Whether an indicator's units are ranked: it has a better direction, and it is not
    spending against budget (where spending less is not doing better)."""
    return row["direction"] in ("higher", "lower") and row["indicator_type"] != BUDGET_TYPE


def _shown_values(rows: pd.DataFrame, min_respondents: int | None) -> pd.Series:
    """The figures a ranking may use: missing and suppressed ones (also a survey figure from
    fewer than `min_respondents`, should unprepared values come in) are NaN."""
    value = rows["value"].astype(float)
    hidden = rows["suppressed"].fillna(False).astype(bool) if "suppressed" in rows else False
    if min_respondents is not None and "n" in rows:
        n = pd.to_numeric(rows["n"], errors="coerce")
        hidden = hidden | (n < min_respondents).fillna(False).astype(bool)
    return value.mask(hidden)


RANKING_COLUMNS = [
    "indicator_id", "unit_id", "unit_name", "value", "shown", "suppressed", "value_status", "status",
    "trend", "ci_low", "ci_high", "target", "ranked", "rank", "units_ranked", "position",
]  # fmt: skip


def rankings(cards: pd.DataFrame, min_respondents: int | None = None) -> pd.DataFrame:
    """Per indicator, the area's units best first: one row per indicator and unit.

    ``shown`` is the figure used (missing, suppressed or too few respondents: NaN);
    ``ranked`` says whether the indicator is ranked at all (see `is_ranked`); ``rank`` is
    1 for the best (ties share the better rank) and NA for an unranked indicator or a unit
    without a figure; ``units_ranked`` counts the units with a figure; ``position`` is the
    order to show: best first (an unranked indicator: highest first), units without a figure last.
    """
    own = own_results(cards)
    parts = []
    for indicator_id in indicator_order(cards):
        rows = own[own["indicator_id"] == indicator_id].sort_values("unit_order").copy()
        ranked = is_ranked(rows.iloc[0])
        rows["shown"] = _shown_values(rows, min_respondents)
        rows["ranked"] = ranked
        score = rows["shown"] * (better_sign(rows.iloc[0]["direction"]) if ranked else 1.0)
        rows["rank"] = score.rank(ascending=False, method="min").astype("Int64")
        if not ranked:
            rows["rank"] = pd.array([pd.NA] * len(rows), dtype="Int64")
        rows["units_ranked"] = int(rows["shown"].notna().sum())
        order = np.lexsort((rows["unit_order"].to_numpy(), -score.fillna(-np.inf).to_numpy(),
                            rows["shown"].isna().to_numpy()))  # fmt: skip
        rows = rows.iloc[order]
        rows["position"] = np.arange(1, len(rows) + 1)
        parts.append(rows)
    if not parts:
        return pd.DataFrame(columns=RANKING_COLUMNS)
    return pd.concat(parts, ignore_index=True).reindex(columns=RANKING_COLUMNS)


SPREAD_COLUMNS = [
    "indicator_id", "name", "unit_of_measure", "decimals", "direction", "indicator_type", "ranked",
    "period", "units", "units_with_figure", "median", "min", "max", "q1", "q3", "iqr", "lowest_unit",
    "highest_unit", "best_unit", "worst_unit", "target", "targets_differ", "met", "judged",
    "peer_group_value", "national_value",
]  # fmt: skip


def spread(cards: pd.DataFrame, min_respondents: int | None = None) -> pd.DataFrame:
    """Per indicator: how many units have a figure, the median over the units (from
    `MIN_UNITS_FOR_MEDIAN`), lowest and highest (with the units), the quartiles and the
    interquartile range (from `MIN_UNITS_FOR_QUARTILES`), the best and the worst unit where the
    indicator is ranked, the target where the units share one (``targets_differ`` where they
    do not), how many met it, and the KOSTRA group's and the country's figure."""
    ranks = rankings(cards, min_respondents)
    own = own_results(cards)
    rows = []
    for indicator_id, ranked_rows in ranks.groupby("indicator_id", sort=False):
        first = own[own["indicator_id"] == indicator_id].iloc[0]
        present = ranked_rows.dropna(subset=["shown"])
        values = present["shown"].to_numpy(dtype=float)
        n = len(values)
        targets = ranked_rows["target"].dropna().unique()
        row = {
            "indicator_id": indicator_id, "name": first["name"], "unit_of_measure": first["unit_of_measure"],
            "decimals": first["decimals"], "direction": first["direction"],
            "indicator_type": first["indicator_type"], "ranked": bool(ranked_rows["ranked"].iat[0]),
            "period": first["period"], "units": len(ranked_rows), "units_with_figure": n,
            "median": float(np.median(values)) if n >= MIN_UNITS_FOR_MEDIAN else np.nan,
            "min": values.min() if n else np.nan, "max": values.max() if n else np.nan,
            "q1": np.nan, "q3": np.nan, "iqr": np.nan,
            "lowest_unit": present.loc[present["shown"].idxmin(), "unit_id"] if n else "",
            "highest_unit": present.loc[present["shown"].idxmax(), "unit_id"] if n else "",
            "best_unit": "", "worst_unit": "",
            "target": targets[0] if len(targets) == 1 else np.nan, "targets_differ": len(targets) > 1,
            "met": int((ranked_rows["status"] == Status.MET).sum()),
            "judged": int(ranked_rows["status"].isin(JUDGED).sum()),
        }  # fmt: skip
        for key in ("peer_group_value", "national_value"):
            found = own.loc[own["indicator_id"] == indicator_id, key].dropna()
            row[key] = float(found.iat[0]) if len(found) else np.nan
        if n >= MIN_UNITS_FOR_QUARTILES:
            row["q1"], row["q3"] = np.percentile(values, [25, 75])
            row["iqr"] = row["q3"] - row["q1"]
        if row["ranked"] and n >= 2:
            row["best_unit"] = present["unit_id"].iat[0]  # rankings put the best first
            row["worst_unit"] = present["unit_id"].iat[-1]
        rows.append(row)
    return pd.DataFrame(rows, columns=SPREAD_COLUMNS)


def widely_missed(cards: pd.DataFrame, share: float = 0.5) -> pd.DataFrame:
    """Indicators whose target most units with a judged figure did not meet (more than `share`,
    and at least two): an area-wide problem, not one unit's. Most missed first."""
    own = own_results(cards)
    judged = own[own["status"].isin(JUDGED)]
    counts = judged.groupby("indicator_id", sort=False)["status"].agg(
        judged="size", not_met=lambda s: int((s == Status.NOT_MET).sum())
    )
    counts = counts[(counts["not_met"] >= 2) & (counts["not_met"] > share * counts["judged"])]
    names = own.drop_duplicates("indicator_id").set_index("indicator_id")["name"]
    counts = counts.assign(name=names.reindex(counts.index), share=counts["not_met"] / counts["judged"])
    return counts.sort_values("share", ascending=False, kind="stable").reset_index()


# -- the area in KOSTRA's four dimensions ---------------------------------------------------------

KOSTRA_COLUMNS = [
    "dimension", "indicator_id", "name", "indicator_type", "unit_of_measure", "decimals", "direction",
    "source_unit", "level", "period", "year_status", "value", "peer_group_value", "national_value",
    "peer_group_diff", "national_diff", "peer_group_gap", "national_gap", "peer_group_gap_clear",
    "national_gap_clear",
]  # fmt: skip


def _interval_of(row: pd.Series, unit: str) -> tuple[float, float]:
    """The 95 % interval of a survey figure with respondents (or a test with pupils), as the
    scorecard gives it (analysis.uncertainty.add_intervals); NaN without one."""
    one = add_intervals(row.to_frame().T.assign(unit=unit), unit="unit")
    return float(one["ci_low"].iat[0]), float(one["ci_high"].iat[0])


def _against_benchmarks(row: dict, last: pd.Series, ind, groups: dict, bench: pd.DataFrame) -> dict:
    """`row` with each benchmark group's figure of the same period, the plain difference, the
    direction-aware gap and whether it is clear of the area's own uncertainty."""
    sign = better_sign(ind.direction)
    low, high = _interval_of(last, ind.unit)
    for role, group in groups.items():
        match = bench[(bench["group"] == group) & (bench["indicator_id"] == ind.indicator_id)
                      & (bench["period"] == row["period"])]["value"].dropna()  # fmt: skip
        value = float(match.iat[0]) if len(match) else np.nan
        row[f"{role}_value"] = value
        row[f"{role}_diff"] = row["value"] - value
        row[f"{role}_gap"] = sign * (row["value"] - value)
        row[f"{role}_gap_clear"] = not (low <= value <= high)  # True without an interval
    return row


def kostra_dimensions(
    data: KitData, service_area: str, year: int, values: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The area's own figures in the four KOSTRA dimensions (`DIMENSIONS`, in that order), with
    the KOSTRA group's and the country's figure of the same period.

    A figure is the area's (units.csv level tjenesteomrade), else the municipality's (level
    kommune) for an indicator of the area. Where the results year has none yet (KOSTRA's
    cost figures come in June), the latest earlier year stands in: ``period`` says which, and
    ``year_status`` is the results year's status ('..' not yet available). ``*_diff`` is the
    plain difference, area minus benchmark; ``*_gap`` the same signed so that positive is
    better (missing where no direction is better); ``*_gap_clear`` False where the benchmark
    lies inside the area's own 95 % interval (a survey's respondents, a test's pupils). A
    dimension without any figure is one row with the dimension alone (indicator and value
    missing): the area has no figure for it.
    """
    values = prepared_values(data) if values is None else values
    indicators = data.indicators[data.indicators["service_area"] == service_area]
    units = data.units
    sources = [u for u in units.loc[(units["level"] == AREA_LEVEL) & (units["service_area"] == service_area),
                                    "unit_id"]]  # fmt: skip
    sources += list(units.loc[units["level"] == MUNICIPALITY_LEVEL, "unit_id"])
    level_of = dict(zip(units["unit_id"], units["level"]))
    yearly = values[(values["freq"] == YEARLY) & (values["year"] <= year) & values["unit_id"].isin(sources)]
    groups = benchmark_groups(data)
    bench = data.benchmarks
    rows = []
    for dimension in DIMENSIONS:
        chosen = indicators[indicators["indicator_type"].isin(DIMENSION_TYPES[dimension])]
        found = []
        for ind in chosen.itertuples(index=False):
            mine = yearly[yearly["indicator_id"] == ind.indicator_id]
            source = next((s for s in sources if (mine["unit_id"] == s).any()), None)
            if source is None:
                continue
            mine = mine[mine["unit_id"] == source].sort_values("period_index")
            this_year = mine[mine["year"] == year]
            shown = mine.dropna(subset=["value"])
            if shown.empty:
                continue
            last = shown.iloc[-1]
            row = {
                "dimension": dimension, "indicator_id": ind.indicator_id, "name": ind.name,
                "indicator_type": ind.indicator_type, "unit_of_measure": ind.unit,
                "decimals": ind.decimals, "direction": ind.direction, "source_unit": source,
                "level": level_of[source], "period": last["period"], "value": float(last["value"]),
                "year_status": "" if this_year.empty else str(this_year["status"].iat[0] or ""),
            }  # fmt: skip
            found.append(_against_benchmarks(row, last, ind, groups, bench))
        rows += found or [{"dimension": dimension}]
    return pd.DataFrame(rows).reindex(columns=KOSTRA_COLUMNS)


# -- figures over the years ------------------------------------------------------------------------


def recent_values(
    values: pd.DataFrame, unit_ids, indicator_id: str, year: int, years: int = 3, *, z: float = 1.96
) -> pd.DataFrame:
    """The units' yearly figures of the last `years` years up to `year`: one row per unit (in
    the order given) with columns ``value_<year>`` and ``status_<year>`` (missing stays NaN,
    with its status), ``noise_<year>`` (the half-width of the figure's 95 % interval where it
    has respondents or pupils and a spread, else NaN), ``mean`` over the years with a figure
    and ``mean_noise`` (z standard errors of that mean; NaN unless every year counted has
    its noise)."""
    span = list(range(year - years + 1, year + 1))
    mine = values[(values["indicator_id"] == indicator_id) & (values["freq"] == YEARLY)
                  & values["year"].isin(span)]  # fmt: skip
    out = pd.DataFrame({"unit_id": list(unit_ids)})
    errors = []  # per year the standard error of each unit's figure
    for y in span:
        of_year = mine[mine["year"] == y].set_index("unit_id")
        out[f"value_{y}"] = out["unit_id"].map(of_year["value"]).astype(float)
        out[f"status_{y}"] = out["unit_id"].map(of_year["status"]).fillna("")
        sd, n, pop = (pd.to_numeric(out["unit_id"].map(of_year[c]), errors="coerce") if c in of_year
                      else pd.Series(np.nan, out.index) for c in ("sd", "n", "population"))  # fmt: skip
        low, _ = mean_interval(out[f"value_{y}"], sd, n, z, pop)
        out[f"noise_{y}"] = out[f"value_{y}"] - low
        errors.append((sd / np.sqrt(n.where(n >= 2)) * finite_correction(n, pop)).to_numpy(dtype=float))
    shown = out[[f"value_{y}" for y in span]]
    out["mean"] = shown.mean(axis=1, skipna=True)
    out["years_with_figure"] = shown.notna().sum(axis=1)
    errors, counted = np.column_stack(errors), shown.notna().to_numpy()
    complete = counted.any(axis=1) & ~(counted & np.isnan(errors)).any(axis=1)
    squares = np.where(counted, np.nan_to_num(errors) ** 2, 0.0).sum(axis=1)
    out["mean_noise"] = np.where(complete, z * np.sqrt(squares) / np.maximum(counted.sum(axis=1), 1), np.nan)
    return out
