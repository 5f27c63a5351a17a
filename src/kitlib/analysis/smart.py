"""The SMART check of targets: are they specific, measurable, realistic but ambitious and
time-bound (seed 000: "Mål(sætninger) skal være SMARTE: Specifikke, Målbare, Accepterede,
Realistiske (men ambitiøse), Tidsafgrænsede")?

What the data can tell, per unit and indicator with a target for the year:

- specific: the indicator has a written definition (``no_definition``);
- measurable: the indicator has a unit of measure and a direction (``no_unit``, ``no_direction``);
- time-bound: the target has a period (``no_period``);
- realistic but ambitious: the target held against the unit's own history, its noise and
  its peers, with the figures known before the target year (a target for 2026 is set in the
  autumn of 2025 from the figures up to 2025):

  - ``met_for_years``: the unit already reached it in each of the last MET_YEARS years;
  - ``already_met``: the latest figure is already better than the target, beyond its noise;
  - ``no_step``: the target asks for no improvement on the latest figure (it lies within the
    noise of it, at or below it); only the first of these three that holds is given: the
    later add nothing to it. A target that asks for an improvement is not flagged for lying
    inside the noise: for a survey of 20 respondents almost every realistic step does;
  - ``beyond_best``: the target is better, by more than the noise, than the best figure any
    other unit of the service area, the KOSTRA group or the country reached in the trend
    window, and than the unit's own best: nobody comparable has shown it can be done;
  - ``large_step``: the target, outside the noise, asks for a larger improvement per year
    than the unit or any comparable unit has made from one year to the next (often a common
    target set far from where the unit stands).

  NA where it cannot be judged: no figure before the target year (``no_history``), no
  direction, or a budget limit (spending against budget in %, ``budget_limit``): staying
  within the budget is a limit to keep, not an ambition, and is not judged as one.

Accepted (*accepterede*) cannot be read from figures: it is settled in the dialogue meeting.
Direction-aware throughout: for sick leave, lower is better. Missing stays missing.
Targets set for a tertial only (``2026T1``) are not yearly targets and are not checked.
"""

from __future__ import annotations

import math
from enum import StrEnum

import numpy as np
import pandas as pd

from kitlib.analysis.rounding import round_half_up
from kitlib.analysis.scorecard import BUDGET_TYPE, prepared_values, unit_areas
from kitlib.analysis.smart_figures import (
    Comparable,
    Figures,
    best_figure,
    largest_step,
    noise_interval,
    target_figures,
)
from kitlib.analysis.status import DEFAULT_DECIMALS, better_sign
from kitlib.analysis.targets import resolve_targets
from kitlib.analysis.trend import read_trend
from kitlib.data.contract import ALL_SERVICE_AREAS, ALL_UNITS, CONTEXT_TYPE, NOT_APPLICABLE
from kitlib.data.load import KitData


class SmartCheck(StrEnum):
    """The parts of SMART the data can judge, in the seed's order (accepted is not among them)."""

    SPECIFIC = "specific"
    MEASURABLE = "measurable"
    REALISTIC = "realistic"  # realistic but ambitious
    TIME_BOUND = "time_bound"


SMART_CHECKS = tuple(SmartCheck)


class SmartReason(StrEnum):
    """Why a target fails a check, or why the check could not be judged."""

    NO_DEFINITION = "no_definition"
    NO_UNIT = "no_unit"
    NO_DIRECTION = "no_direction"
    NO_PERIOD = "no_period"
    MET_FOR_YEARS = "met_for_years"
    ALREADY_MET = "already_met"
    NO_STEP = "no_step"
    BEYOND_BEST = "beyond_best"
    LARGE_STEP = "large_step"
    # the check is NA: not judged
    NO_HISTORY = "no_history"
    BUDGET_LIMIT = "budget_limit"


TARGET_FOR_UNIT, TARGET_FOR_AREA, TARGET_FOR_ALL = "unit", "service_area", "all"
MET_YEARS = 3  # "already met for years": three years in a row, as a trend needs three points

SMART_COLUMNS = [
    "unit_id", "unit_name", "service_area", "indicator_id", "name", "perspective", "period", "target",
    "target_for", "direction", "unit_of_measure", "decimals", "current_period", "current_value", "noise",
    "trend", "met_years", "best_value", "best_by", "best_by_name", "largest_step", "asked_step",
    *[c for check in SMART_CHECKS for c in (str(check), f"{check}_reason")],
    "flagged",
]  # fmt: skip


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value).strip()


def check_targets(data: KitData, year: int, values: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per unit and indicator with a yearly target for `year` (the target's year).

    Columns (SMART_COLUMNS): the unit and indicator; ``period``, ``target`` and ``target_for``
    (unit, service_area or all: whose target row applies, as analysis.targets resolves it);
    the figures the check reads: ``current_period`` and ``current_value`` (the latest yearly
    figure before `year`), ``noise`` (the half-width of its uncertainty interval), ``trend``
    (as in the scorecard), ``met_years`` (years in a row up to the current one in which the
    target was already reached), ``best_value`` and ``best_by`` (the best comparable figure
    in the trend window and whose it is: a unit id (the unit's own, or another unit of its
    service area) or a benchmark group; ``best_by_name`` the unit's name or the group);
    ``largest_step`` (the largest one-year improvement the unit or its peers have made) and
    ``asked_step`` (the improvement per year the target asks of the current figure);
    per check a nullable boolean and ``<check>_reason`` (SmartReason codes, ``;`` between
    several); ``flagged`` (any check failed). Missing stays missing.
    """
    year = int(year)
    values = prepared_values(data) if values is None else values
    figures = target_figures(data, values, year)
    rows = resolve_targets(_pairs(data, values, year), data.targets, unit_areas(data))
    rows = rows[rows["target"].notna()].reset_index(drop=True)
    indicators = data.indicators.set_index("indicator_id")
    units = data.units.set_index("unit_id")
    out = [
        _target_record(data, row, indicators.loc[row.indicator_id], units.loc[row.unit_id], figures, year)
        for row in rows.itertuples(index=False)
    ]
    out += _targets_without_period(data, indicators, units)
    return _as_frame(data, out)


def _target_record(data: KitData, row, ind: pd.Series, unit: pd.Series, figures: Figures, year: int) -> dict:
    """The SMART check of one target row, with the figures it read."""
    decimals = DEFAULT_DECIMALS if pd.isna(ind["decimals"]) else int(ind["decimals"])
    record = {
        "unit_id": row.unit_id, "unit_name": unit["name"], "service_area": unit["service_area"],
        "indicator_id": row.indicator_id, "name": ind["name"], "perspective": ind["perspective"],
        "period": row.period, "target": row.target, "target_for": _target_for(data, row, year),
        "direction": ind["direction"], "unit_of_measure": ind["unit"], "decimals": decimals,
    }  # fmt: skip
    history = figures.series_of.get((row.unit_id, row.indicator_id), figures.present.iloc[0:0])
    others = figures.others_of.get((row.indicator_id, unit["service_area"]), figures.present.iloc[0:0])
    bench = figures.bench_of.get(row.indicator_id, figures.no_bench)
    comparable = Comparable(others[others["unit_id"] != row.unit_id], bench, figures.first, year)
    record |= _realism(row.target, ind, decimals, history, comparable, data.config.thresholds)
    record["specific"], record["specific_reason"] = _check(
        [SmartReason.NO_DEFINITION] if not _text(ind["definition"]) else []
    )
    missing = [SmartReason.NO_UNIT] if not _text(ind["unit"]) else []
    if ind["direction"] not in ("higher", "lower"):
        missing.append(SmartReason.NO_DIRECTION)
    record["measurable"], record["measurable_reason"] = _check(missing)
    record["time_bound"], record["time_bound_reason"] = _check([])  # found by its year: it has one
    return record


def _as_frame(data: KitData, records: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(records, columns=SMART_COLUMNS)
    for check in SMART_CHECKS:
        frame[str(check)] = frame[str(check)].astype("boolean")
    names = dict(zip(data.units["unit_id"], data.units["name"]))
    frame["best_by_name"] = [names.get(b, b) for b in frame["best_by"].fillna("")]
    frame["flagged"] = frame[[str(c) for c in SMART_CHECKS]].eq(False).any(axis=1).astype(bool)
    for column in ("met_years", "decimals"):
        frame[column] = frame[column].astype("Int64")
    for column in ("target", "current_value", "noise", "best_value", "largest_step", "asked_step"):
        frame[column] = frame[column].astype(float)
    return frame


def _check(reasons: list) -> tuple[bool, str]:
    return (not reasons, ";".join(str(r) for r in reasons))


def _pairs(data: KitData, values: pd.DataFrame, year: int) -> pd.DataFrame:
    """(unit_id, indicator_id, period, year) of every unit and indicator its scorecard shows:
    the unit reports figures for it (up to `year`) or has its own target for it in `year`."""
    applicable = data.indicators[data.indicators["indicator_type"] != CONTEXT_TYPE]
    reported = values[(values["year"] <= year) & (values["status"] != NOT_APPLICABLE)]
    reported = reported[["unit_id", "indicator_id"]].drop_duplicates()
    own = data.targets[(data.targets["unit_id"] != ALL_UNITS) & (data.targets["year"] == year)]
    pairs = pd.concat([reported, own[["unit_id", "indicator_id"]]]).drop_duplicates()
    area = dict(zip(data.units["unit_id"], data.units["service_area"]))
    ind_area = dict(zip(applicable["indicator_id"], applicable["service_area"]))
    keep = [
        ind in ind_area and ind_area[ind] in (area.get(unit), ALL_SERVICE_AREAS)
        for unit, ind in zip(pairs["unit_id"], pairs["indicator_id"])
    ]
    pairs = pairs[keep]
    unit_order = {u: i for i, u in enumerate(data.units["unit_id"])}
    ind_order = {k: i for i, k in enumerate(data.indicators["indicator_id"])}
    pairs = pairs.assign(
        _u=pairs["unit_id"].map(unit_order), _i=pairs["indicator_id"].map(ind_order)
    ).sort_values(["_u", "_i"])
    return pairs.drop(columns=["_u", "_i"]).assign(period=str(year), year=year).reset_index(drop=True)


def _target_for(data: KitData, row, year: int) -> str:
    """Whose target row applies: the unit's own, its service area's, or every unit's."""
    targets = data.targets
    same = (targets["indicator_id"] == row.indicator_id) & (targets["year"] == year)
    if ((targets["unit_id"] == row.unit_id) & same).any():
        return TARGET_FOR_UNIT
    area = dict(zip(data.units["unit_id"], data.units["service_area"])).get(row.unit_id)
    if "service_area" in targets and ((targets["service_area"] == area) & same).any():
        return TARGET_FOR_AREA
    return TARGET_FOR_ALL


def _realism(target, ind, decimals: int, history: pd.DataFrame, comparable: Comparable, th) -> dict:
    """The realistic-but-ambitious check and the figures it reads."""
    found = {
        "current_period": "", "current_value": np.nan, "noise": np.nan, "trend": "", "met_years": pd.NA,
        "best_value": np.nan, "best_by": "", "largest_step": np.nan, "asked_step": np.nan,
        "realistic": pd.NA, "realistic_reason": "",
    }  # fmt: skip
    sign = better_sign(ind["direction"])
    is_share = _text(ind["unit"]) == "%"
    if not history.empty:  # the latest figure is shown also where the target is not judged
        found |= _current(history, ind["direction"], decimals, is_share, th)
    if math.isnan(sign):
        found["realistic_reason"] = str(SmartReason.NO_DIRECTION)
    elif ind["indicator_type"] == BUDGET_TYPE and is_share:
        found["realistic_reason"] = str(SmartReason.BUDGET_LIMIT)
    elif history.empty:
        found["realistic_reason"] = str(SmartReason.NO_HISTORY)
    else:
        found |= _judge(float(target), sign, decimals, history, comparable, is_share, th.confidence_z)
    return found


def _current(history: pd.DataFrame, direction: str, decimals: int, is_share: bool, th) -> dict:
    """The latest figure before the target year and the trend up to it."""
    current = history.iloc[-1]
    trend = read_trend(
        history, direction, index="year", periods=th.trend_periods, stable_share=th.stable_share,
        confidence_z=th.confidence_z, is_share=is_share, resolution=10.0**-decimals,
    )  # fmt: skip
    return {
        "current_period": str(current["period"]),
        "current_value": float(current["value"]),
        "trend": str(trend.code),
    }


def _judge(target: float, sign: float, decimals: int, history, comparable: Comparable, is_share, z) -> dict:
    """The reasons a judged target is not realistic-but-ambitious, and their evidence.

    A flag is meant to be the exception and to say what to do about it, so a target is not
    flagged for lying inside the noise of the latest figure as long as it asks for an
    improvement: with a survey of 20 respondents almost any realistic step does, and the
    remedy (a larger step) would be the unrealistic target the check warns against.
    """
    current = history.iloc[-1]
    low, high = noise_interval(current, history, is_share, z)
    noise = (high - low) / 2  # NaN where unknown

    def better(a: float, b: float) -> float:
        """How much better `a` is than `b`, on the figures as shown (positive = better)."""
        return sign * (round_half_up(float(a), decimals) - round_half_up(float(b), decimals))

    by_year = dict(zip(history["year"].astype(int), history["value"].astype(float)))
    met, latest = 0, int(current["year"])
    while latest - met in by_year and better(by_year[latest - met], target) >= 0:
        met += 1
    best_value, best_by = best_figure(history, comparable, sign)
    largest = largest_step(pd.concat([history, comparable.others]), sign)
    asked = better(target, current["value"]) / max(comparable.year - latest, 1)  # per year
    inside = low <= target <= high  # False where the interval is unknown
    margin = 0.0 if math.isnan(noise) else noise  # within the noise a target is no clear claim
    half_step = 10.0**-decimals / 2

    reasons = []  # of met for years, already met and no step only the first: the later add nothing
    if met >= MET_YEARS:
        reasons.append(SmartReason.MET_FOR_YEARS)
    elif asked < 0 and not inside:
        reasons.append(SmartReason.ALREADY_MET)
    elif asked <= 0:
        reasons.append(SmartReason.NO_STEP)
    if not (comparable.others.empty and comparable.bench.empty) and better(target, best_value) > margin:
        reasons.append(SmartReason.BEYOND_BEST)
    # a target inside the noise can be reached by chance: no step is asked of the unit
    if not inside and not math.isnan(largest) and asked > max(largest, 0) + half_step:
        reasons.append(SmartReason.LARGE_STEP)
    realistic, why = _check(reasons)
    return {
        "noise": noise, "met_years": met, "best_value": float(best_value),
        "best_by": best_by or str(current["unit_id"]), "largest_step": largest, "asked_step": asked,
        "realistic": realistic, "realistic_reason": why,
    }  # fmt: skip


def _targets_without_period(data: KitData, indicators: pd.DataFrame, units: pd.DataFrame) -> list[dict]:
    """Target rows with no period (possible only in data built in code: the contract requires
    one): not time-bound, and nothing else about them is judged."""
    loose = data.targets[data.targets["period"].map(_text) == ""]
    found = []
    for row in loose.itertuples(index=False):
        ind = indicators.loc[row.indicator_id] if row.indicator_id in indicators.index else None
        unit = units.loc[row.unit_id] if row.unit_id in units.index else None
        found.append(
            {
                "unit_id": row.unit_id, "unit_name": "" if unit is None else unit["name"],
                "service_area": "" if unit is None else unit["service_area"],
                "indicator_id": row.indicator_id, "name": "" if ind is None else ind["name"],
                "perspective": "" if ind is None else ind["perspective"], "period": "",
                "target": row.target, "target_for": TARGET_FOR_UNIT if unit is not None else TARGET_FOR_ALL,
                "direction": "" if ind is None else ind["direction"],
                "unit_of_measure": "" if ind is None else ind["unit"], "decimals": pd.NA,
                "time_bound": False, "time_bound_reason": str(SmartReason.NO_PERIOD),
            }
        )  # fmt: skip
    return found
