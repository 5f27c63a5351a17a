"""Check a data folder against the contract and turn its text into typed tables.

Every problem is collected (not only the first), each with file, line and column,
so that an analyst can fix a whole folder in one pass.
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
    FileSpec,
)
from kitlib.data.periods import PeriodError, parse_period
from kitlib.data.tables import FigureError, RawTable, parse_figure, read_raw_table
from kitlib.errors import Problem

LINE = "_line"
FIRST_YEAR = 1900  # no period of the contract is older: an earlier year is a typing error
# Targets are set ahead (the budget and economic plan sets next year's and the plan period's,
# up to four years), so targets.csv may hold periods this many years after the current one.
TARGET_YEARS_AHEAD = 5
MAX_DECIMALS = 6  # decimals shown in a briefing: more is noise, and wide numbers break tables


def this_year() -> int:
    """The current year: no figure can be for a later one (tests replace it)."""
    return datetime.date.today().year


class _FileCheck:
    """Checks one file's columns, remembering which rows failed."""

    def __init__(self, raw: RawTable, problems: list[Problem]):
        self.raw = raw
        self.name = raw.name
        self.frame = raw.frame.copy()
        self.frame[LINE] = raw.lines
        self.problems = problems

    def add(self, row_index: int, column: str | None, message: str) -> None:
        self.problems.append(Problem(self.name, int(self.frame[LINE].iat[row_index]), column, message))

    def required_text(self, column: str) -> None:
        for i, text in enumerate(self.frame[column]):
            if not text:
                self.add(i, column, "is empty; a value is required here")

    def numbers(self, column: str, *, integer=False, minimum=None, maximum=None) -> pd.Series:
        out = np.full(len(self.frame), np.nan)
        for i, text in enumerate(self.frame[column]):
            try:
                number = parse_figure(text)
            except FigureError as exc:
                self.add(i, column, str(exc))
                continue
            except ValueError:
                kind = "a whole number" if integer else "a number (decimal mark , or .)"
                self.add(i, column, f"'{text}' is not {kind}")
                continue
            if np.isnan(number):
                continue  # an empty cell: whether it may be empty is checked elsewhere
            if integer and number != int(number):
                self.add(i, column, f"'{text}' should be a whole number")
                continue
            if minimum is not None and maximum is not None and not minimum <= number <= maximum:
                kind = "a whole number" if integer else "a number"
                self.add(i, column, f"'{text}' should be {kind} from {minimum} to {maximum}")
                continue
            if minimum is not None and number < minimum:
                self.add(i, column, f"'{text}' should be {minimum} or more")
                continue
            out[i] = number
        return pd.Series(out, index=self.frame.index)

    def periods(self, current_year: int, *, years_ahead: int = 0, column: str = "period") -> None:
        """Parse the periods; refuse a year before 1900 or after `current_year` + `years_ahead`."""
        parsed = []
        for i, text in enumerate(self.frame[column]):
            try:
                period = parse_period(text)
            except PeriodError as exc:
                self.add(i, column, str(exc))
                parsed.append(None)
                continue
            parsed.append(period)
            if period.year < FIRST_YEAR:
                self.add(i, column, f"period {text} is before {FIRST_YEAR}; fix the date")
            elif period.year > current_year and not years_ahead:
                self.add(i, column, f"period {text} is after the current year {current_year}; fix the date")
            elif period.year > current_year + years_ahead:
                self.add(
                    i,
                    column,
                    f"period {text} is more than {years_ahead} years after the current year "
                    f"{current_year}; targets are set at most {years_ahead} years ahead "
                    f"(up to {current_year + years_ahead}); fix the date",
                )
        self.frame[column] = [str(p) if p else t for p, t in zip(parsed, self.frame[column])]
        self.frame["year"] = pd.array([p.year if p else None for p in parsed], dtype="Int64")
        self.frame["freq"] = [p.freq if p else None for p in parsed]
        self.frame["period_index"] = pd.array([p.index if p else None for p in parsed], dtype="Int64")

    def choice(self, column: str, allowed, *, allow_empty=False) -> None:
        allowed = list(allowed)
        for i, text in enumerate(self.frame[column]):
            if text == "" and allow_empty:
                continue
            if text not in allowed:
                self.add(i, column, f"'{text}' is not one of: {', '.join(allowed)}")

    def unique(self, key: tuple[str, ...], *, as_read: dict[str, list] | None = None) -> None:
        """Refuse a row whose key repeats; `as_read` replaces a key column's texts by what they mean."""
        as_read = as_read or {}
        first_line: dict[tuple, int] = {}
        for i, row_key in enumerate(zip(*(as_read.get(c, self.frame[c]) for c in key))):
            if row_key in first_line:
                shown = ", ".join(f"{c}={_short(v)}" for c, v in zip(key, row_key) if v != "")
                self.add(i, None, f"duplicate row ({shown}); it first appears on line {first_line[row_key]}")
            else:
                first_line[row_key] = int(self.frame[LINE].iat[i])

    def same_service_area(self, unit_area: dict, ind_area: dict) -> None:
        for i, (unit, indicator) in enumerate(zip(self.frame["unit_id"], self.frame["indicator_id"])):
            area, needed = unit_area.get(unit), ind_area.get(indicator)
            # a municipality row (service area *) holds figures of every service area
            if area and needed and ALL_SERVICE_AREAS not in (area, needed) and needed != area:
                self.add(
                    i,
                    "indicator_id",
                    f"indicator '{indicator}' belongs to service area '{needed}', "
                    f"but unit '{unit}' is in '{area}'",
                )

    def known(self, column: str, ids, what: str, *, extra_allowed=()) -> None:
        ids = set(ids) | set(extra_allowed)
        for i, text in enumerate(self.frame[column]):
            if text and text not in ids:
                self.add(i, column, f"unknown {what} '{text}'; it is not in {what.split()[0]}s.csv")


def _short(text, width: int = 40) -> str:
    """A cell as a message quotes it: one line, long texts (a comment) cut short."""
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 3] + "..."


def _empty_frame(spec: FileSpec) -> pd.DataFrame:
    """The typed columns an absent optional file would have had, so analyses need no special case."""
    kinds = {"number": float, "integer": "Int64"}
    columns = {c.name: pd.Series(dtype=kinds.get(c.kind, object)) for c in spec.columns}
    if any(c.kind == "period" for c in spec.columns):
        parsed = {"year": "Int64", "freq": object, "period_index": "Int64"}
        columns |= {name: pd.Series(dtype=dtype) for name, dtype in parsed.items()}
    return pd.DataFrame(columns | {LINE: pd.Series(dtype=int)})


def empty_table(spec: FileSpec) -> pd.DataFrame:
    """The loaded table of an absent optional file: typed columns, no rows."""
    return _empty_frame(spec).drop(columns=[LINE])


def _read(folder: Path, spec: FileSpec, problems: list[Problem]) -> _FileCheck | None:
    path = folder / spec.name
    if not path.exists():
        if spec.required:
            problems.append(
                Problem(
                    spec.name,
                    None,
                    None,
                    f"file missing from {folder}; every data folder needs it (see data/README.md)",
                )
            )
        return None
    raw, read_problems = read_raw_table(path)
    problems.extend(read_problems)
    if raw is None:
        return None
    missing = [c for c in spec.required_columns if c not in raw.frame.columns]
    for col in missing:
        problems.append(Problem(spec.name, 1, col, "required column is missing from the header"))
    if missing:
        return None
    for col in spec.columns:
        if col.name not in raw.frame.columns:
            raw.frame[col.name] = ""
    return _FileCheck(raw, problems)


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


def _missing_status(check: _FileCheck, value_col: str) -> pd.Series:
    """Numbers for `value_col`; an empty value is allowed only with a missing status."""
    check.choice("status", MISSING_SYMBOLS, allow_empty=True)
    values = check.numbers(value_col)
    for i, (text, status) in enumerate(zip(check.frame[value_col], check.frame["status"])):
        if text == "" and status == "":
            check.add(
                i,
                value_col,
                "is empty; give the figure, or mark it missing with status "
                "'..' (not yet available), '.' (not applicable) or ':' (suppressed)",
            )
        elif text != "" and status in MISSING_SYMBOLS:
            check.add(i, "status", f"'{status}' marks a missing value, but the row has the value '{text}'")
    return values


def check_folder(
    folder: Path | str, *, current_year: int | None = None
) -> tuple[dict[str, pd.DataFrame], KitConfig, list[Problem]]:
    """Validate `folder`; return typed tables (with a `_line` column), config and problems.

    `current_year` (default: this year) is the last year a figure can be for.
    """
    folder = Path(folder)
    current_year = this_year() if current_year is None else current_year
    if not folder.is_dir():
        return {}, KitConfig(), [Problem(str(folder), None, None, "no such data folder")]
    # a kit.toml key that is wrong keeps its default (min_respondents never drops below it)
    config, problems = read_config(folder / "kit.toml")

    checks = {spec.name: _read(folder, spec, problems) for spec in contract.FILES}

    def frame_of(spec: FileSpec) -> pd.DataFrame:
        check = checks[spec.name]
        return check.frame if check else _empty_frame(spec)

    ind = checks["indicators.csv"]
    if ind:
        for col in ("indicator_id", "name", "service_area", "perspective", "unit"):
            ind.required_text(col)
        ind.choice("direction", DIRECTIONS)
        ind.choice("indicator_type", config.indicator_types)
        ind.choice("influenceable", INFLUENCEABLE)
        _context_directions(ind)
        if config.perspectives:
            ind.choice("perspective", config.perspectives)
        decimals = ind.numbers("decimals", integer=True, minimum=0, maximum=MAX_DECIMALS)
        ind.frame["decimals"] = pd.array(decimals, dtype="Int64")
        ind.unique(("indicator_id",))
    indicators = frame_of(contract.INDICATORS)

    units_check = checks["units.csv"]
    if units_check:
        for col in ("unit_id", "name", "service_area"):
            units_check.required_text(col)
        units_check.unique(("unit_id",))
        units_check.known("parent_id", units_check.frame["unit_id"], "unit id")
        _unit_levels(units_check)
    units = frame_of(contract.UNITS)

    unit_area = dict(zip(units["unit_id"], units["service_area"]))
    ind_area = dict(zip(indicators["indicator_id"], indicators["service_area"]))
    ind_direction = dict(zip(indicators["indicator_id"], indicators["direction"]))

    val = checks["values.csv"]
    if val:
        val.periods(current_year)
        val.frame["value"] = _missing_status(val, "value")
        val.frame["n"] = pd.array(val.numbers("n", integer=True, minimum=0), dtype="Int64")
        val.frame["sd"] = val.numbers("sd", minimum=0)
        if units_check:
            val.known("unit_id", unit_area, "unit id")
        if ind:
            val.known("indicator_id", ind_area, "indicator id")
        if units_check and ind:
            val.same_service_area(unit_area, ind_area)
        val.unique(contract.VALUES.key)

    tgt = checks["targets.csv"]
    if tgt:
        tgt.periods(current_year, years_ahead=TARGET_YEARS_AHEAD)
        tgt.required_text("target")
        tgt.frame["target"] = tgt.numbers("target")
        tgt.frame["tolerance"] = tgt.numbers("tolerance", minimum=0)
        if units_check:
            tgt.known("unit_id", unit_area, "unit id", extra_allowed=[ALL_UNITS])
        if units_check and ind:
            tgt.same_service_area(unit_area, ind_area)
        if units_check:
            _target_service_areas(tgt, unit_area, ind_area if ind else {})
        if ind:
            tgt.known("indicator_id", ind_area, "indicator id")
            ind_type = dict(zip(indicators["indicator_id"], indicators["indicator_type"]))
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
        # a `*` row is told apart by its service area; a unit's own row needs none
        areas = [a if u == ALL_UNITS else "" for u, a in zip(tgt.frame["unit_id"], tgt.frame["service_area"])]
        tgt.unique(("unit_id", "service_area", "indicator_id", "period"), as_read={"service_area": areas})

    bm = checks["benchmarks.csv"]
    if bm:
        bm.periods(current_year)
        bm.required_text("group")
        bm.frame["value"] = _missing_status(bm, "value")
        if ind:
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

    comments = checks["comments.csv"]
    if comments:
        _check_comments(comments, current_year, unit_area if units_check else None, ind_area if ind else None)

    tables = {spec.name.removesuffix(".csv"): frame_of(spec) for spec in contract.FILES}
    return tables, config, sorted(set(problems), key=_problem_order)


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


def _problem_order(p: Problem):
    files = [spec.name for spec in contract.FILES]
    rank = files.index(p.file) if p.file in files else -1
    return (rank, p.file, p.line or 0, p.column or "", p.message)
