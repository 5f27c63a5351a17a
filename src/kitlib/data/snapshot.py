"""A validated data folder as Parquet files, so that a worker loads its units' slice in a blink.

At national scale (every municipality's units in one folder: 25 million values) reading and
validating the CSV files takes seconds and gigabytes; a batch does it once, writes a
snapshot, and each worker reads only the rows of the units it makes notes for:

    data = load_data(folder)                     # read and validate once
    write_snapshot(data, "run/data.snapshot")
    ...
    mine = read_snapshot("run/data.snapshot", unit_ids=["k0301-skole-01"])   # in a worker

A snapshot is a folder: one Parquet file per table (`values.parquet` ordered by unit, in
row groups of `ROW_GROUP` rows with the unit's position in `units` as a column, so a
reader of a few units reads only their row groups; kitlib.data.parquet), `config.json`
(kit.toml's settings as loaded, checked again when read) and `snapshot.json` (format, the
columns' pandas types, where the data came from). The tables were validated when they were
loaded, so reading them checks nothing again: write snapshots of `KitData` that `load_data`
gave (or that you changed knowingly). Reading a snapshot runs no code from it.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from kitlib.data.config import config_from_json, config_to_json
from kitlib.data.contract import ALL_UNITS
from kitlib.data.load import KitData
from kitlib.data.parquet import ROW_GROUP, arrow_table, frame_of, read_frame, write_frame
from kitlib.errors import ConfigError, SnapshotError, UnknownUnitError

__all__ = ["SnapshotError", "read_snapshot", "write_snapshot"]

FORMAT = 2  # 1 kept the settings as a pickle, which runs code when it is read
CONFIG = "config.json"
TABLES = ("indicators", "units", "values", "targets", "benchmarks", "comments")
MANIFEST = "snapshot.json"
_UNIT = "_unit"  # values.parquet: the row's unit as its position in units (-1: not in units)
_ROW = "_row"  # values.parquet: the row's position in data.values, when ordering moved it


def write_snapshot(data: KitData, path: Path | str) -> Path:
    """Write `data` as a snapshot folder at `path`, whole or not at all; return the path.

    The folder is written beside `path` under a temporary name and then renamed into place;
    an earlier snapshot at `path` is replaced (a folder there that is not a snapshot is
    refused, never deleted)."""
    path = Path(path)
    if path.exists() and not (path / MANIFEST).is_file():
        raise SnapshotError(
            f"{path} exists and is not a kitlib snapshot (it has no {MANIFEST}); "
            "choose another path, or remove that folder first"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{uuid.uuid4().hex}.tmp"
    tmp.mkdir()
    try:
        columns = {}
        for name in TABLES:
            frame = getattr(data, name)
            columns[name] = {str(c): str(t) for c, t in frame.dtypes.items()}
            if name == "values":
                _write_values(frame, data.units, tmp / "values.parquet")
            else:
                _write_table(frame, tmp / f"{name}.parquet")
        (tmp / CONFIG).write_text(config_to_json(data.config), encoding="utf-8")
        manifest = {
            "format": FORMAT,
            "folder": str(data.folder) if data.folder else None,
            "rows": {name: len(getattr(data, name)) for name in TABLES},
            "columns": columns,
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
        old = None
        if path.exists():
            old = path.parent / f".{path.name}.{uuid.uuid4().hex}.old"
            os.rename(path, old)
        os.rename(tmp, path)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return path


def read_snapshot(path: Path | str, *, unit_ids=None) -> KitData:
    """The `KitData` of a snapshot: the same tables, column types and settings as the
    `load_data` it was written from.

    With `unit_ids` (unit ids of units.csv), `values`, `comments` and the units' own
    `targets` hold only those units' rows (targets for every unit of a service area, `*`,
    are kept); `units`, `indicators` and `benchmarks` stay whole, so names, service areas
    and hierarchy are all there. Analyses that compare a unit with the other units of its
    service area need those units' values too: pass all of them (a municipality's units).
    Raises UnknownUnitError for an id not in units, SnapshotError for a snapshot that cannot
    be read."""
    path = Path(path)
    manifest = _manifest(path)
    try:
        units = _read_table(path, "units", manifest)
        wanted = None
        if unit_ids is not None:
            wanted = list(dict.fromkeys([unit_ids] if isinstance(unit_ids, str) else unit_ids))
            positions = pd.Index(units["unit_id"]).get_indexer(wanted)
            unknown = [u for u, p in zip(wanted, positions) if p < 0]
            if unknown:
                known = ", ".join(units["unit_id"].head(8))
                raise UnknownUnitError(
                    f"no unit {', '.join(repr(u) for u in unknown)} in the snapshot {path}; "
                    f"known units include {known}"
                )
            wanted = (wanted, positions)
        tables = {"units": units}
        for name in ("indicators", "benchmarks"):
            tables[name] = _read_table(path, name, manifest)
        tables["values"] = _read_values(path, manifest, None if wanted is None else wanted[1])
        mine = None if wanted is None else pc.field("unit_id").isin(pa.array(wanted[0], pa.string()))
        tables["comments"] = _read_table(path, "comments", manifest, mine)
        every = None if wanted is None else mine | (pc.field("unit_id") == ALL_UNITS)
        tables["targets"] = _read_table(path, "targets", manifest, every)
        config = config_from_json((path / CONFIG).read_text(encoding="utf-8"))
    except (OSError, pa.ArrowException, ConfigError, KeyError, ValueError) as exc:
        raise SnapshotError(
            f"{path} is not a readable kitlib snapshot ({type(exc).__name__}: {exc}); "
            "write it again with write_snapshot"
        ) from exc
    folder = manifest.get("folder")
    return KitData(**tables, config=config, folder=Path(folder) if folder else None)


def _manifest(path: Path) -> dict:
    if not path.is_dir():
        raise SnapshotError(f"no snapshot at {path}; write one with write_snapshot(load_data(folder), path)")
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SnapshotError(
            f"{path} is not a readable kitlib snapshot: {MANIFEST} cannot be read ({exc}); "
            "write it again with write_snapshot"
        ) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        found = manifest.get("format") if isinstance(manifest, dict) else None
        raise SnapshotError(
            f"{path} is a snapshot of format {found!r}; this kitlib reads format {FORMAT}: "
            "write it again with write_snapshot"
        )
    return manifest


def _write_table(frame: pd.DataFrame, file: Path) -> None:
    write_frame(frame, file)


def _write_values(values: pd.DataFrame, units: pd.DataFrame, file: Path) -> None:
    """values.parquet: ordered by the unit's position in units (stable), with that position."""
    unit = pd.Index(units["unit_id"]).get_indexer(values["unit_id"]).astype(np.int32)
    table = arrow_table(values)
    if len(unit) > 1 and not (unit[1:] >= unit[:-1]).all():
        order = np.argsort(unit, kind="stable")
        table = table.take(order).append_column(_ROW, pa.array(order.astype(np.int64)))
        unit = unit[order]
    table = table.append_column(_UNIT, pa.array(unit))
    pq.write_table(table, file, row_group_size=ROW_GROUP, write_statistics=True)


def _read_values(path: Path, manifest: dict, positions) -> pd.DataFrame:
    filters = None if positions is None else pc.field(_UNIT).isin(pa.array(positions, pa.int32()))
    table = pq.read_table(path / "values.parquet", filters=filters)
    if _ROW in table.column_names:  # the order of data.values
        table = table.take(pc.sort_indices(table[_ROW])).drop_columns([_ROW])
    return frame_of(table.drop_columns([_UNIT]), manifest["columns"]["values"])


def _read_table(path: Path, name: str, manifest: dict, filters=None) -> pd.DataFrame:
    return read_frame(path / f"{name}.parquet", manifest["columns"][name], filters)
