"""The indicator audit: KS's seven tests of a good indicator, judged from the data where it can be.

KS (the municipal association) asks of every indicator a municipality steers by that it be
relevant, influenceable (*påvirkbar*), reliable (*pålitelig*), stable, comparable
(*sammenliknbar*), interpretable (*tolkningsbar*) and documented (*dokumentert*). The data
folder can answer each of them in part:

=============  =====================================================================
relevant       tied to a perspective of the scorecard and to a target (this year or next)
influenceable  the indicator's own flag: ``ja`` or ``delvis`` passes, ``nei`` fails
reliable       enough respondents, few figures suppressed, few periods without a figure
stable         an unbroken yearly series of at least three years
comparable     a benchmark (KOSTRA group, the country) exists for recent years
interpretable  a direction is set: higher or lower is better
documented     a definition is written down
=============  =====================================================================

Each test is True (passed), False (failed) or NA (cannot be judged from the data), with a
machine-readable reason code beside it (``<test>_reason``): the failures' codes, joined by
``;`` when there are several, or why the test was not judged.

Which indicators are audited, and how:

- Context figures (indicator_type ``kontekst``: children, FTEs, budget) are left out. They
  size the unit in the title of its note and are never judged, ranked or given a target.
- Descriptive KOSTRA figures (``prioritering``, ``dekningsgrad``) and figures that only a
  service area or the municipality reports (units.csv level) are audited with role
  ``context``: they describe the setting of the units, are never steered by a unit and can
  carry no target (their direction is none). Their documentation, reliability, stability and
  comparability are judged as any indicator's; relevant, influenceable and interpretable are
  NA (reason ``context_figure``), since failing them is their nature, not a fault.
- Every other indicator with figures or a target is audited with role ``unit``.

Pure functions on the loaded data: no files, no words.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np
import pandas as pd

from kitlib.analysis.scorecard import prepared_values, result_units, unit_areas
from kitlib.analysis.targets import resolve_targets
from kitlib.data.contract import (
    ALL_SERVICE_AREAS,
    CONTEXT_TYPE,
    NOT_APPLICABLE,
    NOT_YET_AVAILABLE,
    SUPPRESSED,
    SURVEY_TYPE,
)
from kitlib.data.load import KitData
from kitlib.data.periods import YEARLY


class KsTest(StrEnum):
    """KS's seven tests of a good indicator (seed 003, slide 6), in the seed's order."""

    RELEVANT = "relevant"
    INFLUENCEABLE = "influenceable"  # påvirkbar
    RELIABLE = "reliable"  # pålitelig
    STABLE = "stable"
    COMPARABLE = "comparable"  # sammenliknbar
    INTERPRETABLE = "interpretable"  # tolkningsbar
    DOCUMENTED = "documented"  # dokumentert


KS_TESTS = tuple(KsTest)


class AuditReason(StrEnum):
    """Why an indicator failed a test, or why the test could not be judged."""

    NO_DEFINITION = "no_definition"
    NO_DIRECTION = "no_direction"
    FEW_RESPONDENTS = "few_respondents"  # the typical survey figure rests on too few answers
    SUPPRESSED_FIGURES = "suppressed_figures"  # too many figures hidden (too few answers or cases)
    MISSING_PERIODS = "missing_periods"
    SHORT_SERIES = "short_series"
    NO_BENCHMARK = "no_benchmark"
    NOT_INFLUENCEABLE = "not_influenceable"
    NO_TARGET = "no_target"
    NO_PERSPECTIVE = "no_perspective"
    # the test is NA: not judged
    CONTEXT_FIGURE = "context_figure"
    NO_FIGURES = "no_figures"


class LoadFlag(StrEnum):
    """Why one unit's scorecard holds more (or fewer) indicators than KS advises."""

    TOO_MANY_INDICATORS = "too_many_indicators"
    TOO_MANY_SURVEY_ITEMS = "too_many_survey_items"
    TOO_MANY_MEASURED_QUALITY = "too_many_measured_quality"
    TOO_MANY_EMPLOYEE_ITEMS = "too_many_employee_items"
    # fewer than the advice asks for: the scorecard may miss what users experience or what is measured
    FEW_SURVEY_ITEMS = "few_survey_items"
    FEW_MEASURED_QUALITY = "few_measured_quality"


ROLE_UNIT, ROLE_CONTEXT = "unit", "context"
# KOSTRA's descriptive kinds (seed 004): the municipality's priorities and coverage, not a unit's result
DESCRIPTIVE_TYPES = ("prioritering", "dekningsgrad")
EMPLOYEE_TYPE = "medarbeider"
# measured quality: malt_kvalitet, and the staff's qualifications (ressurs), which seed 003 lists
# among a nursing home's measured-quality indicators ("andel årsverk ... m/ fagutdanning", slide 22)
MEASURED_TYPES = ("malt_kvalitet", "ressurs")

# -- the audit's thresholds ------------------------------------------------------------------
# stable: "det vi måler på må være stabilt over år" (seed 003, slide 6); two points are a
# change, three the shortest series that shows a development (as analysis.trend's min_points)
MIN_SERIES_YEARS = 3
# reliable: "må ikke påvirkes for mye av feil og usikkerhet i datagrunnlag" (seed 003, slide 6).
# A mean of 10 answers on a 1-6 scale with the usual spread (sd about 1) has a 95 % interval
# of about ±0.7 points, wider than most differences between units and most target steps.
MIN_RELIABLE_RESPONDENTS = 10
MAX_SUPPRESSED_SHARE = 0.1  # more than one figure in ten hidden: the series has holes readers notice
MAX_MISSING_SHARE = 0.2  # "few missing periods": at most one year in five (the trend window) missing

# -- how many indicators one unit's scorecard should hold ------------------------------------
# Seed 003, slide 10 ("Generell råd I"): 2-3 questions on experienced quality, 3-5 indicators of
# measured quality, 2-3 employee questions plus sick leave, per service. Seed 002: "få,
# relevante mål" (few, relevant goals). The upper ends are the limits, their sum the total;
# the lower ends of the survey and measured-quality advice are the least a scorecard should hold.
MIN_SURVEY_ITEMS, MIN_MEASURED_QUALITY = 2, 3
MAX_SURVEY_ITEMS = 3
MAX_MEASURED_QUALITY = 5
MAX_EMPLOYEE_ITEMS = 4  # 2-3 questions from the employee survey, plus sick leave
MAX_INDICATORS = MAX_SURVEY_ITEMS + MAX_MEASURED_QUALITY + MAX_EMPLOYEE_ITEMS  # 12

AUDIT_COLUMNS = [
    "indicator_id", "name", "service_area", "perspective", "indicator_type", "role", "influenceable_flag",
    *[c for test in KS_TESTS for c in (str(test), f"{test}_reason")],
    "passed", "failed", "judged", "units", "median_n", "suppressed_share", "missing_share",
    "series_years", "benchmarks", "targets", "year",
]  # fmt: skip
LOAD_COLUMNS = [
    "unit_id", "name", "service_area", "indicators", "survey_items", "measured_quality", "employee_items",
    "with_target", "too_many", "too_few", "flags",
]  # fmt: skip


def is_context(indicators: pd.DataFrame) -> pd.Series:
    """Per indicator row: a context figure (kontekst), never audited nor counted."""
    return indicators["indicator_type"] == CONTEXT_TYPE


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value).strip()


def audit_indicators(
    data: KitData, year: int | None = None, values: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per indicator in use (figures or a target), context figures left out, judged
    on KS's seven tests for results year `year` (default: the data's latest year).

    Columns (AUDIT_COLUMNS): the indicator's id, name, service area, perspective, type;
    ``role`` (unit or context, see the module's docstring); ``influenceable_flag`` (ja, delvis,
    nei as written); per test a nullable boolean and ``<test>_reason``; ``passed``, ``failed``
    and ``judged`` counts; and the figures the judgement rests on: ``units`` (units reporting in
    the window),
    ``median_n`` (respondents, survey figures only), ``suppressed_share`` and ``missing_share``
    (of the unit-years in the trend window), ``series_years`` (median unbroken run of yearly
    figures up to `year`), ``benchmarks`` (benchmark groups with a figure in the window) and
    ``targets`` (target rows for `year` and the year after). Missing stays missing (NA).
    """
    year = data.latest_year if year is None else int(year)
    values = prepared_values(data) if values is None else values
    first_year = year - data.config.thresholds.trend_periods + 1
    yearly = values[(values["freq"] == YEARLY) & (values["year"] <= year)]
    results = set(result_units(data)["unit_id"])
    targets = data.targets[data.targets["year"].isin([year, year + 1])]
    target_count = targets["indicator_id"].value_counts()
    bench = data.benchmarks[
        data.benchmarks["value"].notna() & data.benchmarks["year"].between(first_year, year)
    ]
    bench_groups = bench.groupby("indicator_id")["group"].nunique()
    perspectives = set(data.config.perspectives)

    in_use = set(yearly["indicator_id"]) | set(data.targets["indicator_id"])
    indicators = data.indicators[~is_context(data.indicators) & data.indicators["indicator_id"].isin(in_use)]
    by_indicator = dict(tuple(yearly.groupby("indicator_id", sort=False)))
    rows = []
    for ind in indicators.itertuples(index=False):
        figures = by_indicator.get(ind.indicator_id, yearly.iloc[0:0])
        row = _described(ind, figures, results, first_year, year)
        row["benchmarks"] = int(bench_groups.get(ind.indicator_id, 0))
        row["targets"] = int(target_count.get(ind.indicator_id, 0))
        rows.append(row | _verdicts(ind, row, perspectives))
    return _audit_frame(rows)


def _described(ind, figures: pd.DataFrame, results: set, first_year: int, year: int) -> dict:
    """One indicator's row before the verdicts: who it is, its role and the figures the tests
    read from its yearly rows (`figures`) in the trend window."""
    reporting = figures[figures["status"] != NOT_APPLICABLE]
    unit_figures = reporting[reporting["unit_id"].isin(results)]
    role = ROLE_UNIT
    if ind.indicator_type in DESCRIPTIVE_TYPES or (unit_figures.empty and not reporting.empty):
        role = ROLE_CONTEXT
    # a result unit's figures where there are any, else the service area's or municipality's
    pool = unit_figures if not unit_figures.empty else reporting
    return {
        "indicator_id": ind.indicator_id, "name": ind.name, "service_area": ind.service_area,
        "perspective": ind.perspective, "indicator_type": ind.indicator_type, "role": role,
        "influenceable_flag": ind.influenceable, "year": year, **_window_counts(pool, first_year, year),
    }  # fmt: skip


def _verdicts(ind, row: dict, perspectives: set[str]) -> dict:
    """KS's seven tests of one indicator from its `row` (role, counts, benchmarks, targets):
    per test the verdict and ``<test>_reason``, and the passed, failed and judged counts."""
    judged = {
        KsTest.RELEVANT: _relevant(ind, row["targets"], perspectives),
        KsTest.INFLUENCEABLE: _verdict(ind.influenceable != "nei", AuditReason.NOT_INFLUENCEABLE),
        KsTest.RELIABLE: _reliable(row),
        KsTest.STABLE: _verdict(row["series_years"] >= MIN_SERIES_YEARS, AuditReason.SHORT_SERIES),
        KsTest.COMPARABLE: _verdict(row["benchmarks"] > 0, AuditReason.NO_BENCHMARK),
        KsTest.INTERPRETABLE: _verdict(ind.direction in ("higher", "lower"), AuditReason.NO_DIRECTION),
        KsTest.DOCUMENTED: _verdict(bool(_text(ind.definition)), AuditReason.NO_DEFINITION),
    }
    if row["role"] == ROLE_CONTEXT:
        for test in (KsTest.RELEVANT, KsTest.INFLUENCEABLE, KsTest.INTERPRETABLE):
            judged[test] = (pd.NA, str(AuditReason.CONTEXT_FIGURE))
    found = {}
    for test, (verdict, reason) in judged.items():
        found[str(test)], found[f"{test}_reason"] = verdict, reason
    verdicts = [v for v, _ in judged.values() if v is not pd.NA]
    return found | {"passed": sum(verdicts), "failed": len(verdicts) - sum(verdicts), "judged": len(verdicts)}


def _audit_frame(rows: list[dict]) -> pd.DataFrame:
    """The rows in AUDIT_COLUMNS, typed: nullable verdicts and counts, since missing stays missing."""
    out = pd.DataFrame(rows, columns=AUDIT_COLUMNS)
    for test in KS_TESTS:
        out[str(test)] = out[str(test)].astype("boolean")
    for column in ("passed", "failed", "judged", "units", "benchmarks", "targets", "series_years", "year"):
        out[column] = out[column].astype("Int64")
    out["median_n"] = out["median_n"].astype("Float64")
    return out.reset_index(drop=True)


def _verdict(passed: bool, reason: str) -> tuple[bool, str]:
    return (True, "") if passed else (False, str(reason))


def _relevant(ind, targets: int, perspectives: set[str]) -> tuple[bool, str]:
    reasons = []
    perspective = _text(ind.perspective)
    if not perspective or (perspectives and perspective not in perspectives):
        reasons.append(AuditReason.NO_PERSPECTIVE)
    if targets == 0:
        reasons.append(AuditReason.NO_TARGET)
    return (not reasons, ";".join(reasons))


def _reliable(counts: dict) -> tuple:
    if counts["cells"] == 0:
        return pd.NA, str(AuditReason.NO_FIGURES)
    reasons = []
    if not pd.isna(counts["median_n"]) and counts["median_n"] < MIN_RELIABLE_RESPONDENTS:
        reasons.append(AuditReason.FEW_RESPONDENTS)
    if counts["suppressed_share"] > MAX_SUPPRESSED_SHARE:
        reasons.append(AuditReason.SUPPRESSED_FIGURES)
    if counts["missing_share"] > MAX_MISSING_SHARE:
        reasons.append(AuditReason.MISSING_PERIODS)
    return (not reasons, ";".join(reasons))


def _window_counts(figures: pd.DataFrame, first_year: int, year: int) -> dict:
    """What the reliability and stability tests read from one indicator's yearly rows.

    Per unit reporting in the window, the unit-years from its first figure (a unit that
    opened in 2023 misses no earlier years) to `year`: a figure, a suppressed one, or none.
    A figure not yet available for `year` itself is a matter of timing (KOSTRA publishes
    in March and June), not a gap, and is not counted; nor is a year marked not applicable.
    """
    cells = present = suppressed = missing = 0
    respondents, runs = [], []
    for _, rows in figures.groupby("unit_id", sort=False):
        by_year = {int(y): r for y, r in zip(rows["year"], rows.itertuples(index=False))}
        if max(by_year) < first_year:
            continue  # a unit that stopped reporting before the window (closed, merged) is not counted
        start = max(first_year, min(by_year))
        for y in range(start, year + 1):
            row = by_year.get(y)
            status = "" if row is None else _text(row.status)
            if status == NOT_APPLICABLE or (y == year and (row is None or status == NOT_YET_AVAILABLE)):
                continue
            cells += 1
            if row is not None and not pd.isna(row.value):
                present += 1
            elif status == SUPPRESSED:
                suppressed += 1
            else:
                missing += 1
            if row is not None and not pd.isna(row.n) and (not pd.isna(row.value) or status == SUPPRESSED):
                respondents.append(float(row.n))
        runs.append(_run_length(by_year, year))
    return {
        "units": len(runs),
        "cells": cells,
        "median_n": float(np.median(respondents)) if respondents else np.nan,
        "suppressed_share": suppressed / cells if cells else np.nan,
        "missing_share": missing / cells if cells else np.nan,
        "series_years": int(np.median(runs)) if runs else 0,
    }


def _run_length(by_year: dict, year: int) -> int:
    """Consecutive years with a measured figure (shown or suppressed) up to `year`, or up to
    the year before when `year`'s figure is not in yet."""

    def measured(y: int) -> bool:
        row = by_year.get(y)
        return row is not None and (not pd.isna(row.value) or _text(row.status) == SUPPRESSED)

    end = year if measured(year) else year - 1
    run = 0
    while measured(end - run):
        run += 1
    return run


def scorecard_load(
    data: KitData, year: int | None = None, values: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per result unit: how many indicators its scorecard holds, against KS's advice (seed
    003: 2-3 survey questions, 3-5 measured-quality indicators, 2-3 employee questions and
    sick leave; seed 002: few, relevant goals).

    Counted are the indicators the unit reports on itself (a figure up to `year`, not marked
    not applicable) or has its own target for in `year`; context figures, KOSTRA's
    descriptive figures and the service area's or municipality's figures are not counted.
    Columns (LOAD_COLUMNS): ``indicators``, ``survey_items`` (opplevd_kvalitet),
    ``measured_quality`` (malt_kvalitet, ressurs), ``employee_items`` (medarbeider), ``with_target``
    (indicators with a target for `year`); ``too_many`` (more than the advice allows),
    ``too_few`` (fewer survey or measured-quality items than it asks for) and ``flags``
    (the LoadFlag codes, joined by ``;``).
    """
    year = data.latest_year if year is None else int(year)
    values = prepared_values(data) if values is None else values
    kind = dict(zip(data.indicators["indicator_id"], data.indicators["indicator_type"]))
    area_of = dict(zip(data.indicators["indicator_id"], data.indicators["service_area"]))
    counted_kinds = {k for k in kind.values() if k != CONTEXT_TYPE and k not in DESCRIPTIVE_TYPES}
    figures = values[(values["year"] <= year) & (values["status"] != NOT_APPLICABLE)]
    own_targets = data.targets[data.targets["year"] == year]
    areas = unit_areas(data)
    rows = []
    for unit in result_units(data).itertuples(index=False):
        applies = (unit.service_area, ALL_SERVICE_AREAS)
        ids = set(figures.loc[figures["unit_id"] == unit.unit_id, "indicator_id"])
        ids |= set(own_targets.loc[own_targets["unit_id"] == unit.unit_id, "indicator_id"])
        ids = sorted(i for i in ids if kind.get(i) in counted_kinds and area_of.get(i) in applies)
        frame = pd.DataFrame({"unit_id": unit.unit_id, "indicator_id": ids, "period": str(year)})
        with_target = resolve_targets(frame.assign(year=year), data.targets, areas)["target"].notna()
        kinds = [kind[i] for i in ids]
        counts = {
            "indicators": len(ids),
            "survey_items": kinds.count(SURVEY_TYPE),
            "measured_quality": sum(k in MEASURED_TYPES for k in kinds),
            "employee_items": kinds.count(EMPLOYEE_TYPE),
        }
        too_many = [flag for flag, column, limit in _MAXIMA if counts[column] > limit]
        too_few = [flag for flag, column, least in _MINIMA if counts[column] < least]
        rows.append(
            {
                "unit_id": unit.unit_id, "name": unit.name, "service_area": unit.service_area, **counts,
                "with_target": int(with_target.sum()), "too_many": bool(too_many),
                "too_few": bool(too_few), "flags": ";".join(too_many + too_few),
            }
        )  # fmt: skip
    out = pd.DataFrame(rows, columns=LOAD_COLUMNS)
    for column in ("indicators", "survey_items", "measured_quality", "employee_items", "with_target"):
        out[column] = out[column].astype("Int64")
    return out.astype({"too_many": bool, "too_few": bool})


_MAXIMA = (
    (LoadFlag.TOO_MANY_INDICATORS, "indicators", MAX_INDICATORS),
    (LoadFlag.TOO_MANY_SURVEY_ITEMS, "survey_items", MAX_SURVEY_ITEMS),
    (LoadFlag.TOO_MANY_MEASURED_QUALITY, "measured_quality", MAX_MEASURED_QUALITY),
    (LoadFlag.TOO_MANY_EMPLOYEE_ITEMS, "employee_items", MAX_EMPLOYEE_ITEMS),
)
_MINIMA = (
    (LoadFlag.FEW_SURVEY_ITEMS, "survey_items", MIN_SURVEY_ITEMS),
    (LoadFlag.FEW_MEASURED_QUALITY, "measured_quality", MIN_MEASURED_QUALITY),
)
