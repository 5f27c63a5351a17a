"""Kolada (the Swedish municipal KPI database) value data -> Batch.

Reads the API's value JSON (v2 `{"values": [{"kpi", "municipality"|"ou", "period",
"values": [{"gender", "count", "status", "value"}]}]}`, v3 alike, or a flat list) and CSV
files with the same value fields (`kpi`, `municipality`/`municipality_id` or `ou`/`ou_id`,
`period` or `year`, `gender`, `value`, `count`, `status`).

- The KPI id is the indicator id (`N00945`); a gender other than T (total) is appended
  (`N00945:K`) so totals and per-gender figures never share an id.
- `count` is *not* taken as `n`: in Kolada it counts the values behind a figure, not
  respondents, and `n` below the kit's minimum would hide the figure.
- Riket (`0000`) and municipality groups (`G...`) are aggregates: benchmarks.csv.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from kitlib.data.importers._base import Batch, ImportOptions, IndicatorInfo, Observation, SourceFormatError
from kitlib.data.importers._cells import clean, decode, normalise_period, parse_value, sha256_of
from kitlib.data.importers._figures import add_figure, default_status, is_total
from kitlib.data.importers.grid import csv_separator
from kitlib.data.periods import PeriodError

GENDERS = ("T", "K", "M", "*")


@dataclass
class _Record:
    kpi: str
    unit_id: str
    unit_name: str
    period: str
    gender: str
    value: str | float | None
    status: str
    where: str


def _first(row: dict, *names: str) -> str | None:
    for name in names:
        if name in row and row[name] not in (None, ""):
            return row[name]
    return None


def _records_from_json(doc: object, path: Path) -> list[_Record]:
    items = doc.get("values") if isinstance(doc, dict) else doc
    if not isinstance(items, list):
        raise SourceFormatError(
            path, "expected Kolada value data: an object with a 'values' list, or a list of value rows"
        )
    out = []
    for i, item in enumerate(items):
        where = f"values[{i}]"
        if not isinstance(item, dict) or "kpi" not in item:
            raise SourceFormatError(path, f"{where} is not a Kolada value row (no 'kpi')")
        unit = _first(item, "municipality", "municipality_id", "ou", "ou_id")
        period = _first(item, "period", "year")
        if unit is None or period is None:
            raise SourceFormatError(path, f"{where} lacks 'municipality'/'ou' or 'period'")
        name = _first(item, "municipality_name", "ou_name", "title") or str(unit)
        inner = item.get("values")
        if inner is None:  # already flat
            inner = [item]
        for j, cell in enumerate(inner):
            out.append(
                _Record(
                    str(item["kpi"]),
                    str(unit),
                    str(name),
                    str(period),
                    str(cell.get("gender") or "T"),
                    cell.get("value"),
                    str(cell.get("status") or ""),
                    f"{where}.values[{j}]",
                )
            )
    return out


def _records_from_csv(text: str, path: Path) -> list[_Record]:
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=csv_separator(text, path))
    fields = [clean(f) for f in reader.fieldnames or []]
    reader.fieldnames = fields
    unit_col = next((c for c in ("municipality_id", "ou_id", "municipality", "ou") if c in fields), None)
    period_col = next((c for c in ("period", "year") if c in fields), None)
    missing = [
        name
        for name, col in (
            ("kpi", "kpi" if "kpi" in fields else None),
            ("municipality or ou", unit_col),
            ("period or year", period_col),
            ("value", "value" if "value" in fields else None),
        )
        if not col
    ]
    if missing:
        raise SourceFormatError(
            path,
            f"not a Kolada value file: no column {', '.join(missing)} (the header has {', '.join(fields)})",
            line=1,
        )
    name_col = {"municipality_id": "municipality", "ou_id": "ou"}.get(unit_col)
    out = []
    for row in reader:
        if not any((v or "").strip() for v in row.values()):
            continue
        unit = clean(row[unit_col])
        name = clean(row.get(name_col) or "") if name_col else ""
        out.append(
            _Record(
                clean(row["kpi"]),
                unit,
                name or unit,
                clean(row[period_col]),
                clean(row.get("gender") or "T"),
                row["value"],
                clean(row.get("status") or ""),
                f"line {reader.line_num}",
            )
        )
    return out


def batch_from_kolada(path: Path, options: ImportOptions, *, gender: str = "T") -> Batch:
    if gender not in GENDERS:
        raise SourceFormatError(path, f"gender '{gender}': choose T (total), K, M or * (all)")
    data = path.read_bytes()
    text = decode(data, path)
    if text.lstrip().startswith(("{", "[")):
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SourceFormatError(path, f"not valid JSON: {exc.msg}", line=exc.lineno) from exc
        records = _records_from_json(doc, path)
    else:
        records = _records_from_csv(text, path)
    batch = Batch(kind="kolada", source=str(path), sha256=sha256_of(data))
    skipped = 0
    for rec in records:
        if gender != "*" and rec.gender != gender:
            skipped += 1
            continue
        _add(batch, rec, path, options)
    if skipped:
        batch.notes.append(
            f"{skipped} row(s) for other genders than {gender} left out (choose with --gender)"
        )
    if not batch.values and not batch.benchmarks:
        raise SourceFormatError(path, f"no figures for gender {gender} in the file")
    return batch


def _add(batch: Batch, rec: _Record, path: Path, options: ImportOptions) -> None:
    line = int(rec.where.split()[1]) if rec.where.startswith("line ") else None
    try:
        period = normalise_period(rec.period)
    except PeriodError as exc:
        raise SourceFormatError(
            path, f"{rec.where}: {exc}" if line is None else str(exc), line=line, column="period"
        ) from None
    if isinstance(rec.value, int | float):
        value = None if math.isnan(rec.value) else float(rec.value)
        status = ""
    else:
        try:
            value, status = parse_value(rec.value or "")
        except ValueError:
            raise SourceFormatError(
                path,
                f"value '{rec.value}' is not a number" + ("" if line else f" ({rec.where})"),
                line=line,
                column="value",
            ) from None
    # Kolada's 'Missing' and empty values: not (yet) available
    status, _ = default_status(value, status)
    ind_id = rec.kpi if rec.gender == "T" else f"{rec.kpi}:{rec.gender}"
    batch.indicators.setdefault(ind_id, IndicatorInfo(name="", source="Kolada"))
    obs = Observation(rec.unit_id, ind_id, period, value, status, where=rec.where)
    # G... are Kolada's municipality groups
    total = is_total(rec.unit_id, rec.unit_name) or bool(re.fullmatch(r"G\d+", rec.unit_id))
    # the value JSON has only ids; 0000 is Kolada's id for the whole country
    group = "Riket" if rec.unit_name == "0000" else rec.unit_name
    add_figure(batch, obs, options, name=rec.unit_name, municipality=rec.unit_name, total=total, group=group)
