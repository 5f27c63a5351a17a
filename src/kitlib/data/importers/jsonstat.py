"""JSON-stat (2.0, and 1.x as PxWebApi v0/v1 returns it) -> Batch.

Mapping (docs/import.md):
- unit dimension: role `geo`, else a dimension called Region/Kommune/Bydel; `--unit-dim`
- period dimension: role `time`, else `Tid`; `--period-dim`
- indicator dimension: role `metric`, else `ContentsCode`; `--indicator-dim`
- every other dimension is folded into the indicator id, always (also when it has a
  single category), so that figures for different categories, or imports with different
  `--filter` choices, never share an id: `07221:Boligindeks:Boligtype=02`.
  `--filter DIM=CODE[,CODE]` keeps only those categories of any dimension.
- unit ids are region codes without Statistikkbanken's `K-` prefix; aggregate regions
  (Hele landet, KOSTRA groups) go to benchmarks.csv (see ImportOptions.totals).
- `status` symbols `..`, `.`, `:` become empty values with that status; a null value
  without a status is `..` (not yet available).
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kitlib.data.contract import MISSING_SYMBOLS
from kitlib.data.importers._base import Batch, ImportOptions, IndicatorInfo, Observation, SourceFormatError
from kitlib.data.importers._cells import clean, measure_word, normalise_period, sha256_of, strip_region_prefix
from kitlib.data.importers._figures import add_figure, default_status, is_total, municipality_of
from kitlib.data.periods import PeriodError

_UNIT_NAMES = re.compile(r"region|kommune|bydel|fylke|municipality|geo", re.IGNORECASE)
_PERIOD_NAMES = {"tid", "time", "år", "year", "kvartal", "måned", "tertial", "periode"}
_INDICATOR_NAMES = {"contentscode", "statistikkvariabel", "contents"}


@dataclass(frozen=True)
class _Part:
    """A part a dimension can play, and how to find it when the caller does not name it."""

    what: str  # as the messages call it
    option: str
    role: str  # JSON-stat's role for it
    named: Callable[[str], object]  # does a dimension id or label give the part away?


_UNIT = _Part("unit", "--unit-dim", "geo", _UNIT_NAMES.search)
_PERIOD = _Part("period", "--period-dim", "time", lambda text: text.lower() in _PERIOD_NAMES)
_INDICATOR = _Part("indicator", "--indicator-dim", "metric", lambda text: text.lower() in _INDICATOR_NAMES)


@dataclass
class DimensionChoice:
    """Which dimension plays which part; None = detect from `role` and names."""

    unit_dim: str | None = None
    indicator_dim: str | None = None
    period_dim: str | None = None
    filters: dict[str, list[str]] = field(default_factory=dict)
    school_year: str = "first"


@dataclass
class _Dim:
    id: str
    label: str
    codes: list[str]
    labels: dict[str, str]
    units: dict[str, dict]


def parse_filters(items: list[str] | None) -> dict[str, list[str]]:
    """`["Boligtype=01,02", "Region=K-3001"]` -> {"Boligtype": ["01", "02"], ...}."""
    out: dict[str, list[str]] = {}
    for item in items or []:
        name, sep, codes = item.partition("=")
        if not sep or not name.strip() or not codes.strip():
            raise SourceFormatError("--filter", f"'{item}' should be written DIM=CODE[,CODE...]")
        out.setdefault(name.strip(), []).extend(c.strip() for c in codes.split(",") if c.strip())
    return out


def read_jsonstat_file(path: Path) -> tuple[dict, bytes]:
    data = path.read_bytes()
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise SourceFormatError(path, f"not UTF-8 text (JSON-stat is UTF-8): {exc}") from exc
    except json.JSONDecodeError as exc:
        raise SourceFormatError(path, f"not valid JSON: {exc.msg}", line=exc.lineno) from exc
    return doc, data


def _unwrap(doc: object, where: str) -> dict:
    """The one dataset in a JSON-stat 2.0 dataset or a 1.x bundle ({"dataset": {...}})."""
    if not isinstance(doc, dict):
        raise SourceFormatError(where, "expected a JSON-stat object at the top level")
    if doc.get("class") == "dataset" or "value" in doc:
        return doc
    if doc.get("class") == "collection":
        raise SourceFormatError(where, "a JSON-stat collection; save one dataset per file")
    datasets = [v for v in doc.values() if isinstance(v, dict) and "dimension" in v]
    if len(datasets) == 1:
        return datasets[0]
    if not datasets:
        raise SourceFormatError(
            where,
            "not JSON-stat: no 'dimension' and 'value' found "
            "(expected PxWebApi output with format json-stat2)",
        )
    raise SourceFormatError(where, f"a bundle of {len(datasets)} datasets; save one per file")


def _dimensions(ds: dict, where: str) -> tuple[list[_Dim], dict]:
    dims_raw = ds.get("dimension")
    if not isinstance(dims_raw, dict):
        raise SourceFormatError(where, "'dimension' is missing or not an object")
    ids = ds.get("id") or dims_raw.get("id")  # 2.0 at the top, 1.x inside 'dimension'
    sizes = ds.get("size") or dims_raw.get("size")
    role = ds.get("role") or dims_raw.get("role") or {}
    if not isinstance(ids, list) or not isinstance(sizes, list) or len(ids) != len(sizes):
        raise SourceFormatError(where, "'id' and 'size' must be lists of the same length")
    dims = []
    for dim_id, size in zip(ids, sizes):
        raw = dims_raw.get(dim_id)
        if not isinstance(raw, dict) or "category" not in raw:
            raise SourceFormatError(where, f"dimension '{dim_id}' has no 'category'")
        cat = raw["category"]
        index = cat.get("index")
        labels = cat.get("label") or {}
        if isinstance(index, dict):
            codes = sorted(index, key=index.get)
        elif isinstance(index, list):
            codes = list(index)
        elif len(labels) == 1:
            codes = list(labels)  # JSON-stat allows omitting the index of a single category
        else:
            raise SourceFormatError(where, f"dimension '{dim_id}' has no category index")
        if len(codes) != size:
            raise SourceFormatError(where, f"dimension '{dim_id}': size {size} but {len(codes)} categories")
        dims.append(
            _Dim(
                dim_id,
                clean(raw.get("label", dim_id)),
                [str(c) for c in codes],
                {str(k): clean(v) for k, v in labels.items()},
                cat.get("unit") or {},
            )
        )
    return dims, role


def _pick(
    dims: list[_Dim], part: _Part, given: str | None, role: dict, where: str, *, required: bool
) -> _Dim | None:
    """The dimension the caller named, else the one with the part's role, else by its name."""
    by_id = {d.id: d for d in dims}
    if given:
        if given not in by_id:
            raise SourceFormatError(
                where, f"{part.option} {given}: no such dimension; the dimensions are {', '.join(by_id)}"
            )
        return by_id[given]
    for dim_id in role.get(part.role, []):
        if dim_id in by_id:
            return by_id[dim_id]
    for dim in dims:
        if part.named(dim.id) or part.named(dim.label):
            return dim
    if required:
        raise SourceFormatError(
            where,
            f"cannot tell which dimension is the {part.what}; give {part.option} (one of {', '.join(by_id)})",
        )
    return None


def _values_and_status(ds: dict, total: int, where: str):
    values = ds.get("value")
    if isinstance(values, dict):  # sparse: {"12": 3.4}
        dense = [None] * total
        for k, v in values.items():
            dense[int(k)] = v
        values = dense
    if not isinstance(values, list) or len(values) != total:
        raise SourceFormatError(
            where, f"'value' should hold {total} cells (the product of 'size'), it holds {len(values or [])}"
        )
    status = ds.get("status")
    if status is None:
        statuses = [""] * total
    elif isinstance(status, str):
        statuses = [status] * total
    elif isinstance(status, list):
        statuses = [s or "" for s in status] + [""] * (total - len(status))
    elif isinstance(status, dict):
        statuses = [""] * total
        for k, v in status.items():
            statuses[int(k)] = v or ""
    else:
        raise SourceFormatError(where, "'status' should be a string, list or object")
    return values, statuses


def _table_id(ds: dict) -> str:
    table = ((ds.get("extension") or {}).get("px") or {}).get("tableid")
    if table:
        return str(table)
    match = re.match(r"^\s*(\d{5})\s*:", str(ds.get("label", "")))
    return match[1] if match else ""


def batch_from_jsonstat(
    doc: object,
    *,
    source: str,
    choice: DimensionChoice | None = None,
    options: ImportOptions | None = None,
    kind: str = "jsonstat",
) -> Batch:
    choice = choice or DimensionChoice()
    options = options or ImportOptions()
    ds = _unwrap(doc, source)
    dims, role = _dimensions(ds, source)
    unit, period, indicator = _chosen(dims, choice, role, source)
    chosen = [unit, period] + ([indicator] if indicator else [])
    keep = _apply_filters(dims, choice.filters, source)
    total = 1
    for d in dims:
        total *= len(d.codes)
    values, statuses = _values_and_status(ds, total, source)

    table = _table_id(ds)
    title = clean(ds.get("label", ""))
    updated = str(ds.get("updated", ""))[:10]
    batch = Batch(kind=kind, source=source, table_id=table)
    extra = [d for d in dims if d not in chosen]
    strides = _strides(dims)
    positions = [{code: i for i, code in enumerate(d.codes)} for d in dims]
    periods = _periods(keep[period.id], period, choice, source)
    other_status = 0
    for combo in itertools.product(*(keep[d.id] for d in dims)):
        cell = dict(zip((d.id for d in dims), combo))
        flat = sum(positions[i][code] * strides[i] for i, code in enumerate(combo))
        ind_id = _indicator_id(table, indicator, extra, cell)
        if ind_id not in batch.indicators:
            batch.indicators[ind_id] = _indicator_info(ds, title, updated, indicator, extra, cell)
        value, status, flagged = _cell_figure(values, statuses, flat, source)
        other_status += flagged
        code = cell[unit.id]
        unit_code = strip_region_prefix(code)
        label = unit.labels.get(code, unit_code)
        obs = Observation(
            unit_code,
            ind_id,
            periods[cell[period.id]],
            None if value is None else float(value),
            status,
            where=f"cell {flat}",
        )
        municipality = municipality_of(unit_code, label)
        add_figure(
            batch, obs, options, name=label, municipality=municipality, total=is_total(unit_code, label)
        )
    if other_status:
        batch.notes.append(
            f"{other_status} figure(s) carried a status other than "
            "'..', '.', ':' (e.g. preliminary); the figures were kept"
        )
    return batch


def _chosen(dims: list[_Dim], choice: DimensionChoice, role, source: str) -> tuple[_Dim, _Dim, _Dim | None]:
    """The unit, period and (if any) indicator dimensions; three different ones."""
    unit = _pick(dims, _UNIT, choice.unit_dim, role, source, required=True)
    period = _pick(dims, _PERIOD, choice.period_dim, role, source, required=True)
    indicator = _pick(dims, _INDICATOR, choice.indicator_dim, role, source, required=False)
    chosen = [unit, period] + ([indicator] if indicator else [])
    if len({d.id for d in chosen}) != len(chosen):
        raise SourceFormatError(
            source,
            "the unit, period and indicator dimensions must differ; "
            "set --unit-dim, --period-dim and --indicator-dim",
        )
    return unit, period, indicator


def _periods(codes, period: _Dim, choice: DimensionChoice, source: str) -> dict[str, str]:
    """The kept period codes in the contract's form, by code."""
    periods = {}
    for code in codes:
        try:
            periods[code] = normalise_period(code, school_year=choice.school_year)
        except PeriodError as exc:
            raise SourceFormatError(source, f"period '{code}' of dimension '{period.id}': {exc}") from exc
    return periods


def _cell_figure(values: list, statuses: list, flat: int, source: str) -> tuple[object, str, bool]:
    """A cell's figure and status, and whether it carried a status other than the missing
    symbols (a flag such as 'p' preliminary: the figure is kept, the flag only counted)."""
    value, status = values[flat], clean(statuses[flat])
    flagged = False
    if status in MISSING_SYMBOLS:
        value = None  # SSB's v1 API writes 0 beside '.'; the symbol is the truth
    elif status:
        flagged = True
        status = ""
    status, _ = default_status(value, status)
    if value is not None and not isinstance(value, int | float):
        raise SourceFormatError(source, f"cell {flat} of 'value' is {value!r}, not a number")
    return value, status, flagged


def _strides(dims: list[_Dim]) -> list[int]:
    strides, step = [], 1
    for d in reversed(dims):
        strides.append(step)
        step *= len(d.codes)
    return list(reversed(strides))


def _apply_filters(dims: list[_Dim], filters: dict[str, list[str]], where: str):
    keep = {d.id: list(d.codes) for d in dims}
    by_id = {d.id: d for d in dims}
    for dim_id, wanted in filters.items():
        if dim_id not in by_id:
            raise SourceFormatError(
                where, f"--filter {dim_id}: no such dimension; the dimensions are {', '.join(by_id)}"
            )
        dim = by_id[dim_id]
        plain = {strip_region_prefix(c): c for c in dim.codes}
        chosen = []
        for code in wanted:
            real = code if code in dim.codes else plain.get(strip_region_prefix(code))
            if real is None:
                shown = ", ".join(dim.codes[:12]) + (", ..." if len(dim.codes) > 12 else "")
                raise SourceFormatError(
                    where, f"--filter {dim_id}={code}: no such category; the categories are {shown}"
                )
            chosen.append(real)
        keep[dim_id] = [c for c in dim.codes if c in set(chosen)]
    return keep


def _indicator_id(table: str, indicator: _Dim | None, extra: list[_Dim], cell: dict) -> str:
    parts = [table] if table else []
    if indicator is not None:
        parts.append(cell[indicator.id])
    parts += [f"{d.id}={cell[d.id]}" for d in extra]
    return ":".join(parts) or "jsonstat"


def _indicator_info(ds, title, updated, indicator, extra, cell) -> IndicatorInfo:
    names = []
    unit, decimals = "", None
    if indicator is not None:
        code = cell[indicator.id]
        names.append(indicator.labels.get(code, code))
        unit_raw = indicator.units.get(code) or {}
        unit = measure_word(str(unit_raw.get("base", "")))
        if isinstance(unit_raw.get("decimals"), int):
            decimals = unit_raw["decimals"]
    else:
        names.append(title)
    names += [d.labels.get(cell[d.id], cell[d.id]) for d in extra]
    if decimals is None:
        px_decimals = ((ds.get("extension") or {}).get("px") or {}).get("decimals")
        decimals = px_decimals if isinstance(px_decimals, int) else None
    return IndicatorInfo(
        name=", ".join(n for n in names if n),
        definition=title,
        source=clean(ds.get("source", "")) or "SSB",
        unit=unit,
        decimals=decimals,
        data_date=updated,
    )


def import_batch_from_file(path: Path, choice: DimensionChoice, options: ImportOptions) -> Batch:
    doc, data = read_jsonstat_file(path)
    batch = batch_from_jsonstat(doc, source=str(path), choice=choice, options=options)
    batch.sha256 = sha256_of(data)
    return batch
