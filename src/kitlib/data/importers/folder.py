"""Merge a Batch into a data folder, validate the result, then write each file atomically.

Rules (docs/import.md):
- a new figure for an existing (unit, indicator, period) key replaces the old one;
- units and indicators already in the folder keep every field the analyst wrote;
- new ones get the metadata the source has and defaults for the rest, listed as
  needing completion;
- the merged folder is written to a staging directory and checked with
  `kitlib.check_folder` first; if it has problems, nothing in the folder changes;
- output is UTF-8, comma-separated, decimal point, `\\n` line ends, sorted rows, so that
  importing the same file twice gives byte-identical CSVs (provenance.csv grows by a row);
- a cell that a spreadsheet would run as a formula (`=HYPERLINK(...)`, `@SUM(...)`, `+cmd`,
  `-2+3`) is written with a leading `'` (`kitlib.data.csvsafe`); reading drops it again.

This module merges and writes; `_table` holds a file's rows as text (reading, ordering,
writing them).
"""

from __future__ import annotations

import csv
import io
import logging
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from kitlib.data import contract
from kitlib.data.atomic import write_atomic
from kitlib.data.config import load_config
from kitlib.data.contract import ALL_SERVICE_AREAS
from kitlib.data.csvsafe import safe_csv_cell
from kitlib.data.importers._base import (
    DEFAULT_PERSPECTIVE,
    Batch,
    ImportOptions,
    ImportRefusedError,
    ImportResult,
    Observation,
)

# the folder's files as rows were part of this module: still importable here (F401)
from kitlib.data.importers._table import (  # noqa: F401
    _NUMERIC,
    _normalise_cell,
    _sort_key,
    _Table,
    csv_number,
    row_key,
)
from kitlib.data.validate import NO_ROWS, check_folder

log = logging.getLogger("kitlib")

PROVENANCE = "provenance.csv"
PROVENANCE_COLUMNS = (
    "imported_at",
    "kind",
    "source",
    "sha256",
    "table_id",
    "values",
    "replaced",
    "needs_completion",
)


def write_batch(
    folder: Path | str, batch: Batch, options: ImportOptions | None = None, *, now: datetime | None = None
) -> ImportResult:
    """Merge `batch` into `folder` (created if needed); return what changed."""
    options = options or ImportOptions()
    folder = Path(folder)
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    config = load_config(folder / "kit.toml")
    result = ImportResult(
        folder=folder, kind=batch.kind, source=batch.source, table_id=batch.table_id, notes=list(batch.notes)
    )

    tables = {spec.name: _Table(spec, folder) for spec in contract.FILES}
    units, indicators = tables["units.csv"], tables["indicators.csv"]
    values, benchmarks, targets = (tables["values.csv"], tables["benchmarks.csv"], tables["targets.csv"])

    _add_units(batch, units, options, result)
    _add_indicators(batch, indicators, units, options, config, result)
    _merge_values(batch.values, values, result)
    _merge_benchmarks(batch.benchmarks, benchmarks, result)
    _merge_targets(batch, targets, result)

    # Every contract file is written, the optional ones with a header only if empty: the
    # analyst sees where targets go, and the briefings (which need targets.csv and
    # benchmarks.csv to have their derived columns) work on the folder at once. Units,
    # indicators and the units' comments (their measures in the order they wrote) keep their order.
    kept_order = ("units.csv", "indicators.csv", "comments.csv")
    texts = {name: t.text(sort=name not in kept_order) for name, t in tables.items()}
    try:
        _validate_staged(folder, texts)
    except ImportRefusedError:
        if created:
            folder.rmdir()  # a refused first import leaves no empty folder behind
        raise
    for name, text in texts.items():
        write_atomic(folder / name, text)
    if not values.rows:
        result.notes.append(
            "values.csv has no figures yet: import them before 'kitlib validate' and 'kitlib briefings'"
        )
    _append_provenance(folder, batch, result, now or datetime.now(UTC))
    log.info(
        "import into %s: %d new values, %d replaced", folder, result.values_added, result.values_replaced
    )
    return result


def _add_units(batch: Batch, units: _Table, options: ImportOptions, result: ImportResult) -> None:
    used = {o.unit_id for o in batch.values} | {t.unit_id for t in batch.targets}
    used.discard(contract.ALL_UNITS)
    for unit_id in sorted(used):
        if (unit_id,) in units.rows:
            continue
        info = batch.units.get(unit_id)
        row = {
            "unit_id": unit_id,
            "name": info.name if info else unit_id,
            "service_area": options.service_area,
        }
        if info and info.municipality:
            units.ensure_column("municipality")
            row["municipality"] = info.municipality
        units.rows[(unit_id,)] = row
        result.units_added.append(unit_id)


def _perspective(options: ImportOptions, config) -> tuple[str, bool]:
    """The perspective for new indicators and whether it was a guess."""
    if options.perspective:
        return options.perspective, False
    configured = list(config.perspectives)
    if not configured or DEFAULT_PERSPECTIVE in configured:
        return DEFAULT_PERSPECTIVE, True
    return configured[0], True  # kit.toml restricts perspectives: take its first


def _add_indicators(batch, indicators: _Table, units: _Table, options, config, result) -> None:
    used = (
        {o.indicator_id for o in batch.values}
        | {o.indicator_id for o in batch.benchmarks}
        | {t.indicator_id for t in batch.targets}
    )
    unit_area = {key[0]: row.get("service_area", "") for key, row in units.rows.items()}
    areas_of: dict[str, set[str]] = {}
    for obs in batch.values:
        areas_of.setdefault(obs.indicator_id, set()).add(unit_area.get(obs.unit_id, ""))
    perspective, guessed_perspective = _perspective(options, config)

    for ind_id in sorted(used):
        key = (ind_id,)
        if key in indicators.rows:
            existing = indicators.rows[key]
            for column, text in batch.indicator_fill.get(ind_id, {}).items():
                if text and not existing.get(column):
                    indicators.ensure_column(column)
                    existing[column] = text
            # remind on every import until the analyst has completed the essentials
            todo = [f for f in ("direction", "definition") if existing.get(f, "") in ("", "none")]
            if todo:
                result.needs_completion[ind_id] = todo
            continue
        info = batch.indicators.get(ind_id)
        areas = areas_of.get(ind_id, set())
        # one service area among the units with figures: use it; otherwise "every unit"
        area = next(iter(areas)) if len(areas) == 1 else ALL_SERVICE_AREAS
        row = {
            "indicator_id": ind_id,
            "name": (info.name if info else "") or ind_id,
            "service_area": area,
            "perspective": perspective,
            "source": (info.source if info else "") or batch.kind,
            "indicator_type": options.indicator_type,
            "unit": (info.unit if info else "") or "ukjent",
            "direction": "none",
            "influenceable": "nei",
            "definition": info.definition if info else "",
        }
        if info and info.decimals is not None:
            indicators.ensure_column("decimals")
            row["decimals"] = csv_number(info.decimals)
        if info and info.data_date:
            indicators.ensure_column("data_date")
            row["data_date"] = info.data_date
        indicators.rows[key] = row
        result.indicators_added.append(ind_id)
        todo = ["direction", "definition", "influenceable", "indicator_type"]
        if guessed_perspective:
            todo.append("perspective")
        if not info or not info.unit:
            todo.append("unit")
        if not info or not info.name:
            todo.append("name")
        result.needs_completion[ind_id] = todo


def _obs_row(obs: Observation, first: str, first_value: str) -> dict[str, str]:
    return {
        first: first_value,
        "indicator_id": obs.indicator_id,
        "period": obs.period,
        "value": csv_number(obs.value),
        "status": obs.status,
        "n": csv_number(obs.n),
        "population": csv_number(obs.population),
    }


def _check_unique(rows: list[tuple[tuple, str]], what: str) -> None:
    seen: dict[tuple, str] = {}
    dupes = []
    for key, where in rows:
        if key in seen:
            dupes.append(f"{', '.join(k for k in key if k)} ({seen[key]} and {where})")
        else:
            seen[key] = where
    if dupes:
        raise ImportRefusedError(
            f"the source gives {len(dupes)} {what} twice for the same key; choose one with "
            f"--filter or fold the distinguishing column into the indicator:\n{_bullets(dupes, 10)}"
        )


def _merge_values(observations: list[Observation], values: _Table, result: ImportResult) -> None:
    _check_unique([((o.unit_id, o.indicator_id, o.period), o.where) for o in observations], "figures")
    if any(o.status for o in observations):
        values.ensure_column("status")
    if any(o.n is not None for o in observations):
        values.ensure_column("n")
    if any(o.population is not None for o in observations):
        values.ensure_column("population")
    for obs in observations:
        row = _obs_row(obs, "unit_id", obs.unit_id)
        key = values.key_of(row)
        old = values.rows.get(key)
        if old is None:
            result.values_added += 1
        else:
            result.values_replaced += 1
            if (old.get("value", ""), old.get("status", "")) != (row["value"], row["status"]):
                result.values_changed += 1
            # keep the analyst's sd and n unless the source brings its own
            row = {**old, **{k: v for k, v in row.items() if v or k in ("value", "status")}}
        values.rows[key] = row


def _merge_benchmarks(observations: list[Observation], table: _Table, result) -> None:
    _check_unique(
        [((o.unit_id, o.indicator_id, o.period), o.where) for o in observations], "benchmark figures"
    )
    if any(o.status for o in observations):
        table.ensure_column("status")
    for obs in observations:
        row = _obs_row(obs, "group", obs.unit_id)
        row.pop("n")
        row.pop("population")
        table.rows[table.key_of(row)] = {**table.rows.get(table.key_of(row), {}), **row}
        result.benchmarks_written += 1


def _merge_targets(batch: Batch, table: _Table, result: ImportResult) -> None:
    rows = []
    for tgt in batch.targets:
        row = {
            "unit_id": tgt.unit_id,
            "indicator_id": tgt.indicator_id,
            "period": tgt.period,
            "target": csv_number(tgt.target),
        }
        if tgt.service_area:
            # only then: a folder whose targets.csv has no service_area column gets none
            table.ensure_column("service_area")
            row["service_area"] = tgt.service_area
        rows.append((row, tgt.where))
    _check_unique([(table.key_of(row), where) for row, where in rows], "targets")
    for row, _ in rows:
        key = table.key_of(row)
        if key in table.rows:
            result.targets_replaced += 1
        table.rows[key] = {**table.rows.get(key, {}), **row}
        result.targets_written += 1


def _validate_staged(folder: Path, texts: dict[str, str]) -> None:
    """Check the merged folder in a staging directory; refuse the import if it is broken."""
    staging = Path(tempfile.mkdtemp(prefix=".kitlib-import-", dir=folder))
    try:
        for name, text in texts.items():
            (staging / name).write_text(text, encoding="utf-8", newline="")
        for spec in contract.FILES:
            if spec.name not in texts and (folder / spec.name).exists():
                shutil.copy2(folder / spec.name, staging / spec.name)
        if (folder / "kit.toml").exists():
            shutil.copy2(folder / "kit.toml", staging / "kit.toml")
        _, _, problems = check_folder(staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    # a folder still without units or figures (targets imported first) is incomplete, not broken
    problems = [p for p in problems if not p.message.startswith(NO_ROWS)]
    if problems:
        raise ImportRefusedError(
            f"the import would leave {folder} with {len(problems)} problem(s), so nothing was "
            f"written (line numbers are those the merged files would have):\n{_bullets(problems, 20)}\n"
            "Typical causes: an existing indicator's service_area differs from the new units' "
            "(use --service-area), or kit.toml limits perspectives (use --perspective)."
        )


def _append_provenance(folder: Path, batch: Batch, result: ImportResult, now: datetime) -> None:
    path = folder / PROVENANCE
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    if not old:
        writer.writerow(PROVENANCE_COLUMNS)
    todo = "; ".join(f"{ind}: {' '.join(fields)}" for ind, fields in sorted(result.needs_completion.items()))
    cells = [
        now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        batch.kind,
        batch.source,
        batch.sha256,
        batch.table_id,
        result.values_added + result.values_replaced,
        result.values_replaced,
        todo,
    ]
    writer.writerow([safe_csv_cell(c) for c in cells])
    if old and not old.endswith("\n"):
        old += "\n"
    write_atomic(path, old + buf.getvalue())


def _bullets(items, limit: int) -> str:
    """At most `limit` items as an indented list, saying how many more there are."""
    shown = "\n".join(f"  - {item}" for item in items[:limit])
    more = f"\n  ... and {len(items) - limit} more" if len(items) > limit else ""
    return shown + more
