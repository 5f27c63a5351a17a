"""Check a data folder against the contract and turn its text into typed tables.

Every problem is collected, each with file, line and column, so that an analyst can fix a
folder in one pass. Here are the contract's rules, applied by `check_folder` file by file;
kitlib.data.filecheck reads a file and checks a column, kitlib.data.parse reads numbers.
"""

from __future__ import annotations

import datetime
import difflib
from pathlib import Path

import numpy as np
import pandas as pd

from kitlib.data import contract
from kitlib.data.config import DIRECTIONS, INFLUENCEABLE, KitConfig, read_config
from kitlib.data.contract import (
    ALL_SERVICE_AREAS,
    ALL_UNITS,
    COMMENT_KINDS,
    CONTEXT_TYPE,
    LEVELS,
    MISSING_SYMBOLS,
    MUNICIPALITY_LEVEL,
    UNIT_LEVEL,
    YEARLY_FIGURES,
    FileSpec,
)
from kitlib.data.filecheck import (
    FIRST_YEAR,
    LINE,
    NO_ROWS,
    ROWS_NEEDED,
    _empty_frame,
    _FileCheck,
    _read,
    empty_table,
)
from kitlib.data.ids import case_clash, unit_id_problem
from kitlib.data.parse import _numbers, _whole_numbers
from kitlib.errors import Problem

# importable from here as before the split: tests reach `_FileCheck` and `_numbers` here
__all__ = [
    "FIRST_YEAR", "LINE", "MAX_DECIMALS", "NO_ROWS", "ROWS_NEEDED", "TARGET_YEARS_AHEAD", "_FileCheck",
    "_numbers", "check_folder", "empty_table", "this_year",
]  # fmt: skip

# Targets are set ahead (the budget and economic plan sets next year's and the plan period's,
# up to four years), so targets.csv may hold periods this many years after the current one.
TARGET_YEARS_AHEAD = 5
MAX_DECIMALS = 6  # decimals shown in a briefing: more is noise, and wide numbers break tables


def this_year() -> int:
    """The current year: no figure can be for a later one (tests replace it)."""
    return datetime.date.today().year


def check_folder(
    folder: Path | str, *, current_year: int | None = None, exact: bool = False
) -> tuple[dict[str, pd.DataFrame], KitConfig, list[Problem]]:
    """Validate `folder`; return typed tables (with a `_line` column), config and problems.

    `current_year` (default: this year) is the last year a figure can be for. `exact` reads
    every file with Python's csv reader and every number with the per-cell code: slower,
    the same problems and tables (what tests and benchmarks compare the fast path with).
    """
    folder = Path(folder)
    current_year = this_year() if current_year is None else current_year
    if not folder.is_dir():
        return {}, KitConfig(), [Problem(str(folder), None, None, "no such data folder")]
    # a kit.toml key that is wrong keeps its default (min_respondents never drops below it)
    config, problems = read_config(folder / "kit.toml")

    checks = {spec.name: _read(folder, spec, problems, exact) for spec in contract.FILES}
    ind, units = checks["indicators.csv"], checks["units.csv"]
    if ind:
        _check_indicators(ind, config)
    if units:
        _check_units(units)
    # the other files are checked against the typed tables of these two, finished here
    indicators = _frame_of(checks, contract.INDICATORS)
    unit_frame = _frame_of(checks, contract.UNITS)
    # None: the file could not be read, so no id of another file is checked against it
    unit_area = dict(zip(unit_frame["unit_id"], unit_frame["service_area"])) if units else None
    ind_area = dict(zip(indicators["indicator_id"], indicators["service_area"])) if ind else None

    if val := checks["values.csv"]:
        _check_values(val, current_year, unit_area, ind_area, indicators)
    if tgt := checks["targets.csv"]:
        _check_targets(tgt, current_year, unit_area, ind_area, indicators)
    if bm := checks["benchmarks.csv"]:
        _check_benchmarks(bm, current_year, ind_area, config, problems)
    if comments := checks["comments.csv"]:
        _check_comments(comments, current_year, unit_area, ind_area)

    tables = {spec.name.removesuffix(".csv"): _frame_of(checks, spec) for spec in contract.FILES}
    return tables, config, sorted(set(problems), key=_problem_order)


def _frame_of(checks: dict[str, _FileCheck | None], spec: FileSpec) -> pd.DataFrame:
    """The typed table of `spec`'s file; an unread file's has the columns and no rows."""
    check = checks[spec.name]
    return check.finished() if check else _empty_frame(spec)


def _check_indicators(ind: _FileCheck, config: KitConfig) -> None:
    """indicators.csv: texts required, choices from the contract and kit.toml, one row per id."""
    for col in ("indicator_id", "name", "service_area", "perspective", "unit"):
        ind.required_text(col)
    ind.choice("direction", DIRECTIONS)
    ind.choice("indicator_type", config.indicator_types)
    ind.choice("influenceable", INFLUENCEABLE)
    ind.choice("yearly_figure", YEARLY_FIGURES, allow_empty=True)
    ind.yes_no("seasonal", contract.SEASONAL)
    _context_directions(ind)
    if config.perspectives:
        ind.choice("perspective", config.perspectives)
    decimals = ind.numbers("decimals", integer=True, minimum=0, maximum=MAX_DECIMALS)
    ind.frame["decimals"] = _whole_numbers(decimals)
    ind.unique(("indicator_id",))


def _context_directions(ind: _FileCheck) -> None:
    """A context figure (users, FTEs, budget) is never better or worse: its direction is none."""
    for i, (kind, direction) in enumerate(zip(ind.frame["indicator_type"], ind.frame["direction"])):
        if kind == CONTEXT_TYPE and direction != "none":
            ind.add(
                i,
                "direction",
                f"'{direction}' for a context figure (indicator_type {CONTEXT_TYPE}); such figures "
                "(users, FTEs, budget) are shown beside the unit's name and never judged, so the "
                "direction must be 'none'",
            )


def _check_units(units: _FileCheck) -> None:
    """units.csv: texts required, one row per id, ids safe as file names, parents known, levels."""
    for col in ("unit_id", "name", "service_area"):
        units.required_text(col)
    units.unique(("unit_id",))
    _unit_ids(units)
    units.known("parent_id", units.frame["unit_id"], "unit id")
    _unit_levels(units)


def _unit_ids(units: _FileCheck) -> None:
    """Unit ids name the notes' files: safe file names (kitlib.data.ids), unique ignoring case."""
    first: dict[str, tuple[str, int]] = {}
    lines = units.frame[LINE].to_numpy()
    for i, unit in enumerate(units.frame["unit_id"]):
        if not unit:
            continue  # required_text names it
        message = unit_id_problem(unit)
        if message:
            units.add(i, "unit_id", message)
        seen = first.setdefault(unit.casefold(), (unit, int(lines[i])))
        if seen[0] != unit:  # the same id twice is a duplicate row, reported by unique()
            units.add(i, "unit_id", case_clash(unit, *seen))


def _unit_levels(units: _FileCheck) -> None:
    """`level`: empty means a result unit; one row per service area, one for the municipality."""
    units.choice("level", LEVELS, allow_empty=True)
    levels = [level or UNIT_LEVEL for level in units.frame["level"]]
    seen: dict[tuple, str] = {}
    for i, (unit, area, level) in enumerate(zip(units.frame["unit_id"], units.frame["service_area"], levels)):
        if level == UNIT_LEVEL:
            if area == ALL_SERVICE_AREAS:
                units.add(i, "service_area", f"'{ALL_SERVICE_AREAS}' is for the municipality's row "
                          f"(level {MUNICIPALITY_LEVEL}); a unit belongs to one service area")  # fmt: skip
            continue
        key = (level, "" if level == MUNICIPALITY_LEVEL else area)
        if key in seen:
            whose = "the municipality" if level == MUNICIPALITY_LEVEL else f"service area '{area}'"
            units.add(i, "level", f"a second row for {whose} (the first is '{seen[key]}'); keep one")
        seen.setdefault(key, unit)
    units.frame["level"] = levels


def _check_values(
    val: _FileCheck,
    current_year: int,
    unit_area: dict | None,
    ind_area: dict | None,
    indicators: pd.DataFrame,
) -> None:
    """values.csv: periods, figures or a missing status, counts and spreads, known ids, one
    row per key, and figures the indicator's kind rules out; `None` as in `_check_comments`."""
    val.periods(current_year)
    val.frame["value"] = _missing_status(val, "value")
    val.frame["n"] = val.column(_whole_numbers(val.numbers("n", integer=True, minimum=0)))
    val.frame["sd"] = val.numbers("sd", minimum=0)
    val.frame["population"] = val.column(_whole_numbers(val.numbers("population", integer=True, minimum=1)))
    if unit_area is not None:
        val.known("unit_id", unit_area, "unit id")
    if ind_area is not None:
        val.known("indicator_id", ind_area, "indicator id")
    if unit_area is not None and ind_area is not None:
        val.same_service_area(unit_area, ind_area)
    val.unique(contract.VALUES.key)
    if ind_area is not None:
        _impossible_values(val, indicators)


def _missing_status(check: _FileCheck, value_col: str) -> pd.Series:
    """Numbers for `value_col`; an empty value is allowed only with a missing status."""
    check.choice("status", MISSING_SYMBOLS, allow_empty=True)
    values = check.numbers(value_col)
    no_text = check.empty_cells(value_col)
    statuses, status_codes = check.factor("status")
    no_status = np.array([s == "" for s in statuses], dtype=bool)[status_codes]
    missing = np.array([s in MISSING_SYMBOLS for s in statuses], dtype=bool)[status_codes]
    for i in np.flatnonzero(no_text & no_status):
        check.add(
            i,
            value_col,
            "is empty; give the figure, or mark it missing with status "
            "'..' (not yet available), '.' (not applicable) or ':' (suppressed)",
        )
    written = check.frame[value_col]
    for i in np.flatnonzero(~no_text & missing):
        text, status = written.iat[i], statuses[status_codes[i]]
        check.add(i, "status", f"'{status}' marks a missing value, but the row has the value '{text}'")
    return values


def _impossible_values(val: _FileCheck, indicators: pd.DataFrame) -> None:
    """Figures no indicator of their kind can have: a share of respondents (unit %, with n)
    outside 0-100, and a negative context figure (users, FTEs, budget)."""
    texts, codes = val.factor("indicator_id")
    unit_of = dict(zip(indicators["indicator_id"], indicators["unit"]))
    type_of = dict(zip(indicators["indicator_id"], indicators["indicator_type"]))
    is_share = np.array([unit_of.get(t) == "%" for t in texts], dtype=bool)[codes]
    is_context = np.array([type_of.get(t) == CONTEXT_TYPE for t in texts], dtype=bool)[codes]
    value = val.frame["value"].to_numpy(dtype=float)
    n = val.frame["n"]
    with np.errstate(invalid="ignore"):
        share_outside = is_share & n.notna().to_numpy() & ((value < 0) | (value > 100))
        context_negative = is_context & (value < 0) & ~share_outside
    written = val.raw.frame["value"]
    for i in np.flatnonzero(share_outside):
        val.add(
            i,
            "value",
            f"'{written.iat[i]}' is a share of {n.iat[i]} respondents (the indicator's unit is %), "
            "so it must be from 0 to 100",
        )
    for i in np.flatnonzero(context_negative):
        val.add(
            i,
            "value",
            f"'{written.iat[i]}' is below 0, but '{texts[codes[i]]}' is a context figure (indicator_type "
            f"{CONTEXT_TYPE}: users, FTEs, budget), which cannot be negative",
        )


def _check_targets(
    tgt: _FileCheck,
    current_year: int,
    unit_area: dict | None,
    ind_area: dict | None,
    indicators: pd.DataFrame,
) -> None:
    """targets.csv: periods up to `TARGET_YEARS_AHEAD` ahead, targets and tolerances, known units
    (or `*`) and service areas, judged indicators, one row per key; `None` as in `_check_comments`."""
    tgt.periods(current_year, years_ahead=TARGET_YEARS_AHEAD)
    tgt.required_text("target")
    tgt.frame["target"] = tgt.numbers("target")
    tgt.frame["tolerance"] = tgt.numbers("tolerance", minimum=0)
    if unit_area is not None:
        tgt.known("unit_id", unit_area, "unit id", extra_allowed=[ALL_UNITS])
        _target_service_areas(tgt, unit_area, ind_area if ind_area is not None else {})
    if unit_area is not None and ind_area is not None:
        tgt.same_service_area(unit_area, ind_area)
    if ind_area is not None:
        tgt.known("indicator_id", ind_area, "indicator id")
        _judged_targets(tgt, indicators)
    # a `*` row is told apart by its service area; a unit's own row needs none
    areas = [a if u == ALL_UNITS else "" for u, a in zip(tgt.frame["unit_id"], tgt.frame["service_area"])]
    tgt.unique(("unit_id", "service_area", "indicator_id", "period"), as_read={"service_area": areas})


def _target_service_areas(tgt: _FileCheck, unit_area: dict, ind_area: dict) -> None:
    """targets.csv's service_area: one of units.csv's, the unit's own for a unit's row, and
    (for a `*` row) one the indicator applies to, or the target would apply to no unit."""
    areas = sorted(set(unit_area.values()) - {""})
    rows = zip(tgt.frame["unit_id"], tgt.frame["indicator_id"], tgt.frame["service_area"])
    for i, (unit, indicator, area) in enumerate(rows):
        if not area:
            continue
        needed = ind_area.get(indicator)
        if area not in areas:
            close = difflib.get_close_matches(area, areas, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"its service areas are: {', '.join(areas)}"
            tgt.add(i, "service_area", f"unknown service area '{area}'; it is not in units.csv ({hint})")
        elif unit != ALL_UNITS and unit in unit_area and unit_area[unit] != area:
            tgt.add(
                i,
                "service_area",
                f"unit '{unit}' is in service area '{unit_area[unit]}', not '{area}'; leave "
                f"service_area empty for the unit's own target, or write unit_id {ALL_UNITS} "
                f"for every unit of '{area}'",
            )
        elif unit == ALL_UNITS and needed and needed not in (area, ALL_SERVICE_AREAS):
            tgt.add(
                i,
                "service_area",
                f"indicator '{indicator}' belongs to service area '{needed}', so a target for "
                f"the units of '{area}' would apply to no unit",
            )


def _judged_targets(tgt: _FileCheck, indicators: pd.DataFrame) -> None:
    """A target is judged against, so its indicator is neither a context figure nor one
    whose direction is none."""
    ind_type = dict(zip(indicators["indicator_id"], indicators["indicator_type"]))
    ind_direction = dict(zip(indicators["indicator_id"], indicators["direction"]))
    for i, indicator in enumerate(tgt.frame["indicator_id"]):
        if ind_type.get(indicator) == CONTEXT_TYPE:
            tgt.add(
                i,
                "indicator_id",
                f"indicator '{indicator}' is a context figure (indicator_type {CONTEXT_TYPE}), "
                "shown beside the unit's name and never judged, so it cannot have a target; "
                "drop the row",
            )
        elif ind_direction.get(indicator) == "none":
            tgt.add(
                i,
                "indicator_id",
                f"indicator '{indicator}' has direction 'none', so it "
                "cannot have a target; set its direction or drop the row",
            )


def _check_benchmarks(
    bm: _FileCheck, current_year: int, ind_area: dict | None, config: KitConfig, problems: list[Problem]
) -> None:
    """benchmarks.csv: periods, groups, figures or a missing status, known indicators, one row
    per key; kit.toml's peer and national groups must be among its groups."""
    bm.periods(current_year)
    bm.required_text("group")
    bm.frame["value"] = _missing_status(bm, "value")
    if ind_area is not None:
        bm.known("indicator_id", ind_area, "indicator id")
    bm.unique(contract.BENCHMARKS.key)
    groups = set(bm.frame["group"])
    for key, group in (("peer_group", config.peer_group), ("national", config.national_group)):
        if group and groups and group not in groups:
            problems.append(
                Problem("kit.toml", None, f"benchmarks.{key}",
                        f"group '{group}' does not occur in benchmarks.csv; "
                        f"its groups are {', '.join(sorted(groups))}")
            )  # fmt: skip


def _check_comments(
    comments: _FileCheck, current_year: int, unit_area: dict | None, ind_area: dict | None
) -> None:
    """comments.csv: the unit's own assessment and planned measures, per indicator or for the
    whole unit (indicator_id empty); `None` for units.csv or indicators.csv that could not be read."""
    comments.required_text("unit_id")
    comments.periods(current_year)
    kinds = list(COMMENT_KINDS)
    for i, kind in enumerate(comments.frame["kind"]):
        if kind not in kinds:
            close = difflib.get_close_matches(kind.lower(), kinds, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            shown = ", ".join(f"{k} ({meaning})" for k, meaning in COMMENT_KINDS.items())
            found = f"'{kind}' is not" if kind else "is empty; write"
            comments.add(i, "kind", f"{found} one of: {shown}{hint}")
    for i, text in enumerate(comments.frame["text"]):
        if not text:
            comments.add(
                i, "text", ("is empty; write the assessment, the measure or the question, or drop the row")
            )
    if unit_area is not None:
        comments.known("unit_id", unit_area, "unit id")
    if ind_area is not None:
        comments.known("indicator_id", ind_area, "indicator id")
    if unit_area is not None and ind_area is not None:
        comments.same_service_area(unit_area, ind_area)
    comments.unique(contract.COMMENTS.key)


def _problem_order(p: Problem):
    files = [spec.name for spec in contract.FILES]
    rank = files.index(p.file) if p.file in files else -1
    return (rank, p.file, p.line or 0, p.column or "", p.message)
