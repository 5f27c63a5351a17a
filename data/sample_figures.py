"""The machinery that draws the sample's figures from its design (sample_design.py): the
indicator tables read into one spec per indicator, a random stream per key, and the rows
of values.csv, targets.csv and benchmarks.csv."""

from __future__ import annotations

import math
import re
import zlib

import numpy as np
from sample_design import (
    AREA_ROWS,
    AREA_TARGETS,
    BUDGET_GROWTH,
    CAREFUL_YEAR,
    FORCED_N,
    FTE_PER_EMPLOYEE,
    INDICATORS,
    MID_BY_AREA,
    MODEL,
    MONTH_BUDGET,
    MONTHS,
    MONTHS_FROM,
    NATIONAL,
    NOT_APPLICABLE,
    NOT_YET_PUBLISHED,
    ONLY_AT,
    OVERRIDES,
    PEER,
    SEASON,
    SEASON_MONTH,
    SEED,
    SHOCKS,
    SIZE,
    SUPPRESSED,
    SURVEY_NOT_RUN,
    TARGET_YEARS,
    TARGETS,
    UNIT_KEYS,
    UNITS,
    YEARLY_FIGURE,
    YEARS,
)
from sample_words import WORDS

SIGN = {"higher": 1, "lower": -1, "none": 0}
CONTEXT = "kontekst"
FLAGS = {"kommune", "bench", "total", "tertial"}


def table(text: str) -> list[dict[str, str]]:
    """The rows of one of the design's text tables, by the header's column names."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    header = [cell.strip() for cell in lines[0].split("|")]
    return [dict(zip(header, (cell.strip() for cell in line.split("|")), strict=True)) for line in lines[1:]]


def number(text: str) -> int | float | None:
    """A table cell as the number a reader sees: 46 stays whole, 5.0 a decimal, - none."""
    if text == "-":
        return None
    return int(text) if re.fullmatch(r"-?\d+", text) else float(text)


def drawn(row: dict[str, str] | None, iid: str) -> dict:
    """The model parameters of one indicator from its MODEL row (none: a context figure)."""
    if row is None:
        return dict(mid=0.0, spread=0.0, noise=0.0, lo=-math.inf, hi=math.inf, growth=0.0, scope="unit",
                    survey="", bench=False, tertial=False, area_total=False)  # fmt: skip
    mid = MID_BY_AREA[iid] if row["mid"] == "by area" else number(row["mid"])

    def of_mid(cell: str) -> float:
        return number(cell[:-1]) / 100 * mid if cell.endswith("%") else number(cell)

    flags = set(row["flags"].split()) - {"-"}
    if flags - FLAGS:
        raise ValueError(f"MODEL {iid}: unknown flags {sorted(flags - FLAGS)}")
    lo, hi, growth = number(row["lo"]), number(row["hi"]), row["growth"]
    return dict(
        mid=mid,
        spread=of_mid(row["spread"]),
        noise=of_mid(row["noise"]),
        lo=-math.inf if lo is None else lo,
        hi=math.inf if hi is None else hi,
        growth=0.0 if growth == "-" else number(growth[:-1]) / 100,
        scope="kommune" if "kommune" in flags else "unit",
        survey="" if row["survey"] == "-" else row["survey"],
        bench="bench" in flags,
        tertial="tertial" in flags,
        area_total="total" in flags,
    )


def aimed(row: dict[str, str] | None) -> dict:
    """The target rule of one indicator from its TARGETS row (none: no target)."""
    if row is None:
        return dict(target=False, tol=None, step=None)
    start = row["2020"]
    target = True if start == "model" else (number(start), number(row["per year"]))
    return dict(target=target, tol=number(row["tolerance"]), step=number(row["step"]))


def indicator_specs() -> list[dict]:
    """Every indicator in the order of INDICATORS: its contract fields, words and model."""
    model, targets = {r["id"]: r for r in table(MODEL)}, {r["id"]: r for r in table(TARGETS)}
    specs = []
    for row in table(INDICATORS):
        iid = row["id"]
        name, source, infl, sf, definition = WORDS[iid]
        if (iid in model) == (row["type"] == CONTEXT):
            raise ValueError(f"{iid}: every indicator but a context figure has a MODEL row")
        if iid in targets and row["dir"] == "none":
            raise ValueError(f"{iid}: an indicator without direction cannot have a target")
        spec = dict(id=iid, name=name, area=row["area"], persp=row["perspective"], source=source,
                    type=row["type"], unit=row["unit"], direction=row["dir"], infl=infl,
                    definition=definition, sf=sf, dec=int(row["dec"]))  # fmt: skip
        spec |= drawn(model.pop(iid, None), iid) | aimed(targets.pop(iid, None))
        specs.append(spec | dict(only=ONLY_AT.get(iid, ()), late=iid in NOT_YET_PUBLISHED))
    if model or targets:
        raise ValueError(f"MODEL or TARGETS rows without an indicator: {sorted(model | targets)}")
    return specs


SPECS = indicator_specs()
BY_ID = {spec["id"]: spec for spec in SPECS}


def stream(key: str) -> np.random.Generator:
    """An independent random stream for `key`, the same on every run."""
    return np.random.default_rng([SEED, zlib.crc32(key.encode("utf-8"))])


def fmt(value: float, dec: int) -> str:
    text = f"{value:.{dec}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


MONTHLY = {(row["unit"], row["indicator"]): row for row in table(MONTHS)}


def series(unit: dict, spec) -> list[tuple[int, str, float]]:
    """The modelled (year, period, value) of one indicator for one unit: per year (or tertial),
    and per month from MONTHS_FROM where MONTHS says so (see `months`)."""
    municipal, area = spec["scope"] == "kommune", unit["area"]
    rng = stream(f"{area if municipal else unit['id']}/{spec['id']}")
    s, spread = SIGN[spec["direction"]], spec["spread"]
    q, t = (0.0, 0.0) if municipal else (unit["q"], unit["t"])
    z, drift = rng.normal(), 0.15 * spread * rng.normal()
    mid = spec["mid"][area] if isinstance(spec["mid"], dict) else spec["mid"]
    level = mid + (s * spread * (0.7 * q + 0.5 * z) if s else spread * z)
    monthly = MONTHLY.get((unit["id"], spec["id"]))
    parts = [f"T{k}" for k in (1, 2, 3)] if spec["tertial"] else [""]
    years = [y for y in YEARS if not (monthly and spec["tertial"] and y >= MONTHS_FROM)]
    out = []
    for year, part in ((y, p) for y in years for p in parts):
        x = year + (int(part[1]) - 2) / 3 if part else year  # tertials as fractions of a year
        v = level + s * 0.2 * spread * t * (x - 2022) + (0 if s else drift * (x - 2019))
        v += spec["noise"] * rng.normal()
        if part:
            v += SEASON[part] + SHOCKS.get(f"{year}{part}", 0.0)
        v *= (1 + spec["growth"]) ** (year - 2019)
        out.append((year, f"{year}{part}", min(max(v, spec["lo"]), spec["hi"])))
    if monthly:
        out = months(unit, spec, monthly, lambda x: level + s * 0.2 * spread * t * (x - 2022), out)
    return out


def months(unit: dict, spec, row: dict[str, str], modelled, out: list) -> list[tuple[int, str, float]]:
    """`out` with one indicator's months from MONTHS_FROM for one unit (MONTHS' `row`); the
    yearly figures of those years, where the indicator has them, made from its months."""
    rng = stream(f"{unit['id']}/{spec['id']}/months")
    periods = [(y, m) for y in YEARS if y >= MONTHS_FROM for m in range(1, 13)]
    draws = rng.normal(size=len(periods))
    shift, spike = number(row["shift"]) or 0.0, number(row["spike"]) or 0.0
    flat = number(row["level"]) if row["level"] != "model" else None
    by_month = {}
    for (year, month), e in zip(periods, draws):
        period = f"{year}M{month:02d}"
        x = year + (month - 6.5) / 12  # months as fractions of a year
        v = modelled(x) if flat is None else flat
        v += SEASON_MONTH[month] if spec["tertial"] else 0.0
        v += shift if row["from"] != "-" and period >= row["from"] else 0.0
        v += spike if period == row["at"] else 0.0
        v += number(row["noise"]) * e
        by_month[period] = round(min(max(v, spec["lo"]), spec["hi"]), spec["dec"])
    if not spec["tertial"]:  # the yearly rows stay, made from the months (see MONTHS)
        weights = MONTH_BUDGET if spec["type"] == "okonomi" else dict.fromkeys(range(1, 13), 1.0)
        yearly = {
            year: sum(weights[m] * by_month[f"{year}M{m:02d}"] for m in range(1, 13)) / sum(weights.values())
            for year in {y for y, _ in periods}
        }
        out = [(y, p, yearly.get(y, v) if p == str(y) else v) for y, p, v in out]
    return out + [(int(p[:4]), p, v) for p, v in by_month.items()]


def missing_status(unit: dict, spec, year: int) -> str:
    """The status symbol of a figure the stories leave out (see sample_design), else ""."""
    if (unit["id"], spec["id"]) in NOT_APPLICABLE:
        return "."
    if (unit["id"], spec["id"], year) in SUPPRESSED:
        return ":"
    survey_area = "*" if spec["survey"] == "medarb" else unit["area"]
    if (spec["survey"], survey_area, year) in SURVEY_NOT_RUN or (spec["late"] and year == YEARS[-1]):
        return ".."
    return ""


def respondents(unit: dict, kind: str, year: int) -> int:
    """Respondents of one unit's survey in one year (shared by the survey's questions)."""
    if (unit["id"], kind, year) in FORCED_N:
        return FORCED_N[(unit["id"], kind, year)]
    base, rate = (unit["staff"], 0.8) if kind == "medarb" else (unit["size"], 0.55)
    return max(int(stream(f"{unit['id']}/{kind}/{year}").binomial(base, rate)), 5)


def pupils_tested(unit: dict, year: int) -> int:
    """Pupils of one grade (of seven in a barneskole) who sat a national test: nearly all."""
    return max(round(unit_size(unit, year) / 7 * 0.95), 1)


def unit_size(unit: dict, year: int) -> int:
    """What the unit counts in `year` (children, pupils, places ...): places stay, the rest vary."""
    counted, per_user, _ = SIZE[unit["area"]]
    base = unit["size"] * per_user
    if BY_ID[counted]["unit"] == "plasser":
        return round(base)
    return round(base * (1 + 0.04 * stream(f"{unit['id']}/size/{year}").normal()))


def context_values(unit: dict, spec) -> list[dict]:
    """A unit's context figure, one a year: its size, its FTEs or its budget."""
    rows = []
    for year in YEARS:
        rng = stream(f"{unit['id']}/{spec['id']}/{year}")
        size = unit_size(unit, year)
        if spec["id"] == "aarsverk":
            value = unit["staff"] * FTE_PER_EMPLOYEE * (1 + 0.03 * rng.normal())
        elif spec["id"] == "budsjett":
            per_one = SIZE[unit["area"]][-1] * (1 + BUDGET_GROWTH) ** (year - YEARS[-1])
            value = round(size * per_one * (1 + 0.02 * rng.normal()), -3)
        else:
            value = size
        value = fmt(value, spec["dec"])
        rows.append(dict(unit_id=unit["id"], indicator_id=spec["id"], period=str(year), value=value,
                         status="", n="", sd=""))  # fmt: skip
    return rows


def value_rows() -> list[dict]:
    """values.csv: every unit's figures, then the service areas' own (``total``)."""
    rows = []
    area_rows = [dict(id=i, name=n, area=a, size=0, staff=0, q=0.0, t=0.0, level="tjenesteomrade")
                 for i, n, a in AREA_ROWS]  # fmt: skip
    for unit in [dict(zip(UNIT_KEYS, u), level="enhet") for u in UNITS] + area_rows:
        for spec in SPECS:
            if spec["area"] not in ("*", unit["area"]) or (spec["only"] and unit["id"] not in spec["only"]):
                continue
            if (spec["scope"] == "kommune") != (unit["level"] == "tjenesteomrade"):
                continue  # municipal figures on the area's row only, and nothing else there
            if spec["type"] == CONTEXT:
                rows += context_values(unit, spec)
                continue
            for year, period, v in series(unit, spec):
                status = missing_status(unit, spec, year)
                row = dict(unit_id=unit["id"], indicator_id=spec["id"], period=period,
                           value=fmt(v, spec["dec"]), status=status, n="", sd="")  # fmt: skip
                if row["status"]:
                    row["value"] = ""
                elif spec["survey"] == "trinn":
                    row["n"] = str(pupils_tested(unit, year))
                elif spec["survey"]:
                    kind = "medarb" if spec["survey"] == "medarb" else "bruker"
                    n = respondents(unit, kind, year)
                    row["n"] = str(n)
                    # the people asked: the unit's employees, or its users (parents, pupils)
                    row["population"] = str(max(unit["staff"] if kind == "medarb" else unit["size"], n))
                    if spec["unit"] == "%":  # a share of respondents is a whole count of them
                        row["value"] = fmt(100 * round(v * n / 100) / n, spec["dec"])
                    if spec["unit"] == "score 1-6":
                        e = stream(f"{unit['id']}/{spec['id']}/{year}/sd").normal()
                        row["sd"] = fmt(min(max(1.0 - 0.35 * (v - 4.7) + 0.1 * e, 0.6), 1.4), 2)
                rows.append(row)
    return rows + area_total_rows(rows)


def area_total_rows(unit_rows: list[dict]) -> list[dict]:
    """The service area's own figure of each ``area_total`` indicator, per period: its units'
    published figures weighted by their size (a survey's by respondents, with all of them
    counted and the answers' spread pooled). A period no unit has a figure for yet is ".."."""
    units = {u[0]: dict(zip(UNIT_KEYS, u)) for u in UNITS}
    out = []
    for spec in (s for s in SPECS if s["area_total"]):
        for area_id, _, area in AREA_ROWS:
            of_area = [r for r in unit_rows if r["unit_id"] in units and units[r["unit_id"]]["area"] == area]
            mine = [r for r in of_area if r["indicator_id"] == spec["id"]]
            for period in dict.fromkeys(r["period"] for r in mine):
                rows = [r for r in mine if r["period"] == period]
                shown = [r for r in rows if r["value"]]
                row = dict(unit_id=area_id, indicator_id=spec["id"], period=period, value="", status="",
                           n="", sd="")  # fmt: skip
                if not shown:
                    if any(r["status"] == ".." for r in rows):
                        out.append(dict(row, status=".."))
                    continue
                values = np.array([float(r["value"]) for r in shown])
                if spec["survey"]:
                    weights = np.array([float(r["n"]) for r in shown])
                    row["n"] = str(int(weights.sum()))
                    if all(r.get("population") for r in shown):  # a test's pupils have none
                        row["population"] = str(sum(int(r["population"]) for r in shown))
                else:
                    year = int(period[:4])
                    weights = np.array([float(unit_size(units[r["unit_id"]], year)) for r in shown])
                mean = float(np.average(values, weights=weights))
                row["value"] = fmt(mean, spec["dec"])
                if spec["survey"] and spec["unit"] == "score 1-6":
                    sds = np.array([float(r["sd"]) for r in shown])
                    pooled = math.sqrt(float(np.average(sds**2 + (values - mean) ** 2, weights=weights)))
                    row["sd"] = fmt(min(max(pooled, 0.6), 1.4), 2)
                out.append(row)
    return out


def target_value(spec, year: int) -> str:
    if isinstance(spec["target"], tuple):
        start, per_year = spec["target"]
        return fmt(start + per_year * (year - 2020), spec["dec"])
    s, spread = SIGN[spec["direction"]], spec["spread"]
    v = (spec["mid"] + s * spread * (0.1 + 0.05 * (year - 2020))) * (1 + spec["growth"]) ** (year - 2019)
    step = spec["step"] or 10 ** -spec["dec"]
    return fmt(round(v / step) * step, spec["dec"])


def target_row(unit_id: str, spec: dict, year: int, target: str, area: str = "") -> dict:
    """One row of targets.csv, with the indicator's tolerance."""
    tol = "" if spec["tol"] is None else fmt(spec["tol"], spec["dec"])
    return dict(unit_id=unit_id, indicator_id=spec["id"], period=str(year), target=target, tolerance=tol,
                service_area=area)  # fmt: skip


def target_rows(values: list[dict]) -> list[dict]:
    """targets.csv: the common targets, the service areas' and units' own, then the careful ones."""
    rows = []
    for spec in SPECS:
        if spec["direction"] == "none" or spec["target"] is False:
            continue
        units = spec["only"] or ["*"]
        rows += [target_row(u, spec, y, target_value(spec, y)) for u in units for y in TARGET_YEARS]
    for areas, iid, target, years in AREA_TARGETS:
        spec = dict(BY_ID[iid], target=target)
        rows += [target_row("*", spec, y, target_value(spec, y), area) for area in areas for y in years]
    for unit_ids, iid, target, years in OVERRIDES:
        spec = dict(BY_ID[iid], target=target)
        rows += [target_row(u, spec, y, target_value(spec, y)) for u in unit_ids for y in years]
    return rows + careful_targets(values, rows)


def careful_targets(values: list[dict], rows: list[dict]) -> list[dict]:
    """The units' own targets for CAREFUL_YEAR, where the common target does not suit them."""
    area_of = {u[0]: u[2] for u in UNITS} | {row[0]: row[2] for row in AREA_ROWS}
    set_for = {(r["unit_id"], r["service_area"], r["indicator_id"]): float(r["target"])
               for r in rows if r["period"] == str(CAREFUL_YEAR)}  # fmt: skip
    parts: dict[tuple[str, str, int], list[float]] = {}
    yearly: dict[tuple[str, str], dict[int, float]] = {}
    for v in values:
        if v["value"] and v["unit_id"] in area_of:
            key, year = (v["unit_id"], v["indicator_id"]), int(v["period"][:4])
            if v["period"] == str(year):
                yearly.setdefault(key, {})[year] = float(v["value"])  # a yearly figure wins
            else:
                parts.setdefault((*key, year), []).append(float(v["value"]))
    for (unit_id, iid, year), figures in parts.items():
        if len(figures) in (3, 12) and iid not in YEARLY_FIGURE:  # a complete year
            yearly.setdefault((unit_id, iid), {}).setdefault(year, sum(figures) / len(figures))

    own = []
    for (unit_id, iid), by_year in yearly.items():
        spec, latest_year = BY_ID[iid], max(by_year)
        if (unit_id, "", iid) in set_for or spec["type"] == "okonomi" or latest_year < CAREFUL_YEAR - 1:
            continue  # the unit's own target already, a budget limit, or no recent figure
        common = set_for.get(("*", area_of[unit_id], iid), set_for.get(("*", "", iid)))
        if common is None:
            continue
        s, latest = SIGN[spec["direction"]], by_year[latest_year]
        moves = [s * (by_year[y] - by_year[y - 1]) for y in by_year if y - 1 in by_year]
        if 0 < s * (common - latest) <= max(moves, default=0.0):
            continue  # the common target suits the unit: a step it has made before
        step = spec["step"] or 10 ** -spec["dec"]
        wanted = latest + s * max(spec["noise"] / 2, 10 ** -spec["dec"])
        target = (math.ceil if s > 0 else math.floor)(round(wanted / step, 6)) * step
        target = min(max(target, spec["lo"]), spec["hi"])
        if s * (target - latest) <= 0:
            continue  # at the top of the scale: the common target stays
        own.append(target_row(unit_id, spec, CAREFUL_YEAR, fmt(target, spec["dec"])))
    return own


def benchmark_rows() -> list[dict]:
    """Peer-group and national figures near the model's mid, each with its own offset."""
    rows = []
    for spec in (s for s in SPECS if s["bench"]):
        rng = stream(f"bench/{spec['id']}")
        offset = {PEER: 0.5 * rng.normal(), NATIONAL: 0.3 * rng.normal()}
        for year in YEARS:
            for group in (PEER, NATIONAL):
                v = spec["mid"] + spec["spread"] * (offset[group] + 0.15 * rng.normal())
                v = min(max(v * (1 + spec["growth"]) ** (year - 2019), spec["lo"]), spec["hi"])
                late = spec["late"] and year == YEARS[-1]
                value, status = ("", "..") if late else (fmt(v, spec["dec"]), "")
                rows.append(
                    dict(indicator_id=spec["id"], period=str(year), group=group, value=value, status=status)
                )
    return rows
