"""A loaded folder, and what was computed from it, handed to another process as Parquet and
JSON: the batch validates the folder once, and its workers and notebook kernels start from
what it loaded instead of reading and validating the folder again.

    export(data, "run/data.handover", keys=[...])   # in the process that loaded the folder
    prime("run/data.handover")                      # in a worker or kernel: load_data is then free

A hand-over is a folder: `handover.json` (format, the folder and its files' fingerprint, and
what each derived value is), the data as a snapshot (`data/`, kitlib.data.snapshot) and one
Parquet file per derived table (kitlib.data.parquet). A derived value is a DataFrame, a dict
of DataFrames by text key (written as one table), or an object of a kitlib class with
`to_tables()` and `from_tables(tables)` (named in the JSON; only classes of kitlib are ever
looked up). Reading a hand-over runs no code from it, unlike the pickle it replaces. A
hand-over whose folder changed since it was written is ignored: load_data reads the folder.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import uuid
from collections.abc import Hashable, Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from kitlib.data import cache
from kitlib.data.load import KitData
from kitlib.data.parquet import dtypes_of, read_frame, write_frame
from kitlib.data.snapshot import read_snapshot, write_snapshot
from kitlib.errors import SnapshotError

FORMAT = 1
MANIFEST = "handover.json"
_KEY = "_key"  # the column that says which frame of a dict a row belongs to


def export(data: KitData, path: Path | str, keys: Iterable[Hashable] = (), with_data: bool = True) -> bool:
    """Write the data as loaded (unless `with_data` is False) and what was derived from it under
    `keys` (those computed so far) to the folder `path`, whole or not at all, for `prime` in
    another process. False when the data did not come from `load_data`: nothing to hand on."""
    held = cache.held(data, keys)
    if held is None:
        return False
    folder, fp, loaded, derived = held
    path = Path(path)
    tmp = path.parent / f".{path.name}.{uuid.uuid4().hex}.tmp"
    tmp.mkdir(parents=True)
    try:
        if with_data:
            write_snapshot(loaded, tmp / "data")
        values = [_write_value(key, value, tmp, f"d{i}") for i, (key, value) in enumerate(derived.items())]
        manifest = {
            "format": FORMAT,
            "folder": folder,
            "fingerprint": fp,
            "data": with_data,
            "derived": values,
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
        if path.exists():
            shutil.rmtree(path)
        os.rename(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return True


def prime(path: Path | str) -> bool:
    """Keep what `export` wrote to `path` as if load_data had read it here, if its folder still
    has the same files; what this process already holds is not read again. True when kept."""
    path = Path(path)
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        return False
    folder = manifest["folder"]
    fp = tuple(tuple(file) for file in manifest["fingerprint"])
    if cache.fingerprint(folder) != fp:
        return False  # the folder changed since: load_data reads it afresh
    if cache.holds(folder, fp, [_key(item["key"]) for item in manifest["derived"]]):
        return True  # primed before (a warm kernel primes before every note)
    try:
        data = read_snapshot(path / "data") if manifest["data"] else None
        derived = {_key(item["key"]): _read_value(item, path) for item in manifest["derived"]}
    except (OSError, KeyError, ValueError, SnapshotError):
        return False  # a damaged hand-over costs a read of the folder, nothing else
    return cache.install(folder, fp, data, derived)


# ---------------------------------------------------------------- derived values


def _write_value(key: Hashable, value: Any, folder: Path, name: str) -> dict:
    item: dict[str, Any] = {"key": key}
    if isinstance(value, pd.DataFrame):
        return item | {
            "kind": "frame",
            "file": f"{name}.parquet",
            "dtypes": write_frame(value, folder / f"{name}.parquet"),
        }
    if isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, pd.DataFrame) for k, v in value.items()
    ):
        return item | {"kind": "frames", **_write_frames(value, folder, name)}
    if callable(getattr(value, "to_tables", None)) and type(value).__module__.startswith("kitlib."):
        tables = {
            table: {
                "file": f"{name}-{table}.parquet",
                "dtypes": write_frame(frame, folder / f"{name}-{table}.parquet"),
            }
            for table, frame in value.to_tables().items()
        }
        kind = f"{type(value).__module__}:{type(value).__qualname__}"
        return item | {"kind": "tables", "class": kind, "tables": tables}
    raise TypeError(
        f"cannot hand over {key!r}: a {type(value).__name__} is no DataFrame, dict of DataFrames "
        "or kitlib object with to_tables()"
    )


def _write_frames(frames: dict[str, pd.DataFrame], folder: Path, name: str) -> dict:
    """A dict of frames of the same columns and types as one table, with the key as a column."""
    shapes = {tuple(dtypes_of(frame).items()) for frame in frames.values()}
    if len(shapes) > 1 or any(_KEY in frame.columns for frame in frames.values()):
        files = {
            k: write_frame(frame, folder / f"{name}-{i}.parquet")
            for i, (k, frame) in enumerate(frames.items())
        }
        return {"keys": list(frames), "dtypes": list(files.values()), "file": f"{name}-{{}}.parquet"}
    if not frames:
        return {"keys": [], "dtypes": [], "file": None}
    keys = list(frames)
    sizes = [len(frame) for frame in frames.values()]
    combined = pd.concat(list(frames.values()), ignore_index=True)
    dtypes = dtypes_of(combined)
    combined[_KEY] = np.repeat(np.array(keys, dtype=object), sizes)
    write_frame(combined, folder / f"{name}.parquet")
    return {"keys": keys, "dtypes": dtypes, "file": f"{name}.parquet"}


def _read_value(item: dict, folder: Path) -> Any:
    if item["kind"] == "frame":
        return read_frame(folder / item["file"], item["dtypes"])
    if item["kind"] == "frames":
        return _read_frames(item, folder)
    if item["kind"] == "tables":
        tables = {name: read_frame(folder / t["file"], t["dtypes"]) for name, t in item["tables"].items()}
        return _kitlib_class(item["class"]).from_tables(tables)
    raise ValueError(f"unknown kind of hand-over value: {item['kind']!r}")


def _read_frames(item: dict, folder: Path) -> dict[str, pd.DataFrame]:
    keys, dtypes = item["keys"], item["dtypes"]
    if isinstance(dtypes, list):  # one file per frame
        return {
            k: read_frame(folder / item["file"].format(i), d) for i, (k, d) in enumerate(zip(keys, dtypes))
        }
    combined = read_frame(folder / item["file"], dtypes | {_KEY: "object"})
    rows = combined.groupby(_KEY, sort=False).indices
    frames = combined.drop(columns=[_KEY])
    empty = frames.iloc[:0]
    return {k: (frames.iloc[rows[k]] if k in rows else empty).reset_index(drop=True) for k in keys}


def _kitlib_class(name: str) -> type:
    """The kitlib class `module:qualname` that wrote a derived value; nothing else is imported."""
    module, _, qualname = name.partition(":")
    if not module.startswith("kitlib.") or "." in qualname:
        raise ValueError(f"{name!r} is not a kitlib class")
    found = getattr(importlib.import_module(module), qualname, None)
    if not isinstance(found, type) or not callable(getattr(found, "from_tables", None)):
        raise ValueError(f"{name!r} is not a kitlib class with from_tables")
    return found


def _key(value: Any) -> Hashable:
    """A derived value's key as it was: JSON wrote its tuples as lists."""
    return tuple(_key(v) for v in value) if isinstance(value, list) else value
