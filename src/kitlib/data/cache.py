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
- `export` writes a loaded folder (and some of what was derived from it) to a pickle;
  `prime` installs it in another process (a worker, a notebook kernel) whose folder has the
  same fingerprint, so that process neither reads nor validates the folder again. A pickle
  whose folder has changed since is ignored. Only prime from files this program wrote: a
  pickle runs code when it is read.

At most `MAX_FOLDERS` folders are kept (the least recently used goes first); `clear()`
forgets them all.
"""

from __future__ import annotations

import copy
import dataclasses
import os
import pickle
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from kitlib.data.load import KitData

MAX_FOLDERS = 2
RACY_SECONDS = 2.0
FORMAT = 1  # of the exported pickle
_TOKEN = "_kitlib_cache"  # attribute of a KitData handed out here: (folder, fingerprint)

Fingerprint = tuple[tuple[str, int, int, int], ...]


@dataclasses.dataclass
class _Entry:
    fingerprint: Fingerprint
    data: KitData
    derived: dict[Hashable, Any] = dataclasses.field(default_factory=dict)


_entries: OrderedDict[str, _Entry] = OrderedDict()
_primed: set[tuple[str, int, int]] = set()  # files already primed from: (path, size, mtime_ns)
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


def export(data: KitData, path: Path | str, keys: Iterable[Hashable] = (), with_data: bool = True) -> bool:
    """Write the data as loaded (unless `with_data` is False) and what was derived from it under
    `keys` (those computed so far) to `path`, for `prime` in another process. False when the
    data did not come from `load_data`, so there is nothing to hand on."""
    entry = _entry_for(getattr(data, _TOKEN, None))
    if entry is None:
        return False
    folder, fp = getattr(data, _TOKEN)
    with _lock:
        derived = {k: entry.derived[k] for k in keys if k in entry.derived}
    payload = {
        "format": FORMAT,
        "folder": folder,
        "fingerprint": fp,
        "data": entry.data if with_data else None,
        "derived": derived,
    }
    tmp = Path(f"{path}.tmp")
    with open(tmp, "wb") as file:
        pickle.dump(payload, file, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
    return True


def prime(path: Path | str) -> bool:
    """Install what `export` wrote to `path`, if its folder still has the same files; a file
    already primed from (same size and mtime) is not read again. True when installed."""
    try:
        stat = os.stat(path)
    except OSError:
        return False
    seen = (str(path), stat.st_size, stat.st_mtime_ns)
    with _lock:
        if seen in _primed:
            return True
    with open(path, "rb") as file:
        payload = pickle.load(file)  # noqa: S301 - written by export() of this run, in a private folder
    if payload.get("format") != FORMAT:
        return False
    folder, fp = payload["folder"], payload["fingerprint"]
    if fp is None or fingerprint(folder) != fp:
        return False  # the folder changed since: load_data reads it afresh
    with _lock:
        entry = _entries.get(folder)
        if entry is None or entry.fingerprint != fp:
            if payload["data"] is None:
                return False
            entry = _Entry(fp, payload["data"])
            _keep(folder, entry)
        for key, value in payload["derived"].items():
            entry.derived.setdefault(key, value)
        _primed.add(seen)
    return True


def clear() -> None:
    """Forget every kept folder and everything derived from them."""
    with _lock:
        _entries.clear()
        _primed.clear()


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
