"""Loaded data folders kept in memory, and what is computed from them, while their files stay the same.

Reading and validating a folder costs far more than a briefing needs once it is read, and a
batch asks for the same folder again and again: the parent validates it, every worker and
every notebook kernel loads it. So `load_data` keeps what it loaded, keyed by the resolved
folder and a fingerprint of its files (name, size, inode and mtime_ns of every file directly
in it): a folder whose files changed is read and validated afresh, one that did not is not.
A folder with a file changed in the last `RACY_SECONDS` is not kept at all: the clock that
stamps files ticks coarsely, so a second change of the same size in the same tick would
leave the same fingerprint (git's "racily clean" files).

- Every caller gets its own `KitData`: its tables are copies that share memory with the
  kept ones (pandas copy-on-write), so changing them changes nothing here; the config is
  copied. The result is the same as reading the files again.
- `derived(data, key, make)` keeps something computed from the data as loaded (the prepared
  values, a unit's scorecard), so that it is computed once per folder state and process.
- `held` and `install` let kitlib.data.handover write a loaded folder (and some of what was
  derived from it) as Parquet and JSON and keep it in another process (a worker, a notebook
  kernel) whose folder has the same fingerprint, so that process neither reads nor
  validates the folder again.

At most `MAX_FOLDERS` folders are kept (the least recently used goes first); `clear()`
forgets them all.
"""

from __future__ import annotations

import copy
import dataclasses
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import Any

import pandas as pd

# The kept data is a kitlib.data.load.KitData; this module does not import it, so that
# load imports cache and nothing imports back.
KitData = Any

MAX_FOLDERS = 2
RACY_SECONDS = 2.0
_TOKEN = "_kitlib_cache"  # attribute of a KitData handed out here: (folder, fingerprint)

Fingerprint = tuple[tuple[str, int, int, int], ...]


@dataclasses.dataclass
class _Entry:
    fingerprint: Fingerprint
    data: KitData
    derived: dict[Hashable, Any] = dataclasses.field(default_factory=dict)


_entries: OrderedDict[str, _Entry] = OrderedDict()
_lock = threading.RLock()  # the explorer computes in a background thread


def folder_key(folder: Path | str) -> str:
    return str(Path(folder).resolve())


def fingerprint(folder: Path | str) -> Fingerprint | None:
    """(name, size, inode, mtime_ns) of every file directly in `folder`, sorted; None if it cannot
    be read, or if a file changed so recently that a change to come might not show (see above)."""
    recent = time.time_ns() - int(RACY_SECONDS * 1e9)
    try:
        with os.scandir(folder) as entries:
            files = []
            for entry in entries:
                if entry.is_file():
                    stat = entry.stat()
                    if stat.st_mtime_ns >= recent:
                        return None
                    files.append((entry.name, stat.st_size, stat.st_ino, stat.st_mtime_ns))
    except OSError:
        return None
    return tuple(sorted(files))


def load(folder: Path | str, read: Callable[[], KitData]) -> KitData:
    """The folder's data: kept from an earlier call while its files are unchanged, else `read()`
    (which raises on invalid data: nothing is kept then)."""
    key, now = folder_key(folder), fingerprint(folder)
    with _lock:
        entry = _entries.get(key)
        if entry is not None and now is not None and entry.fingerprint == now:
            _entries.move_to_end(key)
            return _handed_out(entry.data, key, now)
    data = read()  # the fingerprint taken before reading: a file changed meanwhile means a miss later
    if now is None:
        return data
    with _lock:
        _keep(key, _Entry(now, data))
    return _handed_out(data, key, now)


def derived(data: KitData, key: Hashable, make: Callable[[], Any]) -> Any:
    """`make()`, computed once per folder state for data that `load_data` returned (and that the
    caller has not changed); for other data simply `make()`. DataFrames come back as copies."""
    token = getattr(data, _TOKEN, None)
    entry = _entry_for(token)
    if entry is None:
        return make()
    with _lock:
        if key in entry.derived:
            return _copied(entry.derived[key])
    value = make()
    with _lock:
        entry.derived.setdefault(key, value)
    return _copied(value)


def held(data: Any, keys: Iterable[Hashable] = ()) -> tuple[str, Fingerprint, Any, dict] | None:
    """(folder, fingerprint, the data as loaded, what was derived from it under `keys`, those
    computed so far) for data that `load_data` returned; None for other data. For
    kitlib.data.handover, which hands them to another process."""
    token = getattr(data, _TOKEN, None)
    entry = _entry_for(token)
    if entry is None:
        return None
    with _lock:
        derived = {k: entry.derived[k] for k in keys if k in entry.derived}
    return token[0], token[1], entry.data, derived


def holds(folder: str, fp: Fingerprint, keys: Iterable[Hashable] = ()) -> bool:
    """Whether the folder's data with the fingerprint `fp` is kept, with a value under every key."""
    with _lock:
        entry = _entries.get(folder)
        return entry is not None and entry.fingerprint == fp and all(k in entry.derived for k in keys)


def install(folder: str, fp: Fingerprint, data: Any | None, derived: dict[Hashable, Any]) -> bool:
    """Keep `data` (loaded in another process from `folder` with the fingerprint `fp`) and what
    was derived from it, as if `load_data` had read it here; with `data` None only the derived
    values, for a folder already kept with that fingerprint. False when nothing was kept."""
    with _lock:
        entry = _entries.get(folder)
        if entry is None or entry.fingerprint != fp:
            if data is None:
                return False
            entry = _Entry(fp, data)
            _keep(folder, entry)
        for key, value in derived.items():
            entry.derived.setdefault(key, value)
    return True


def clear() -> None:
    """Forget every kept folder and everything derived from them."""
    with _lock:
        _entries.clear()


# ---------------------------------------------------------------- helpers


def _keep(key: str, entry: _Entry) -> None:
    _entries[key] = entry
    _entries.move_to_end(key)
    while len(_entries) > MAX_FOLDERS:
        _entries.popitem(last=False)


def _entry_for(token) -> _Entry | None:
    if not token:
        return None
    folder, fp = token
    with _lock:
        entry = _entries.get(folder)
    return entry if entry is not None and entry.fingerprint == fp else None


def _handed_out(data: KitData, key: str, fp: Fingerprint) -> KitData:
    """A KitData of its own for the caller: tables sharing memory copy-on-write, config copied."""
    values = {f.name: getattr(data, f.name) for f in dataclasses.fields(data)}
    own = {k: _copied(v) if isinstance(v, pd.DataFrame) else copy.deepcopy(v) for k, v in values.items()}
    mine = type(data)(**own)
    setattr(mine, _TOKEN, (key, fp))
    return mine


def _copied(value):
    if isinstance(value, pd.DataFrame | pd.Series):
        return value.copy(deep=False)  # copy-on-write: a change by the caller copies first
    return value
