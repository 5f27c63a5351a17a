"""The names of the files a briefing run writes: one place, so the runner, the index and
the manifest always agree on them.

A note's files are named by a *stem* made from its unit id (or service area). The stem is
safe on every file system the notes are copied to, and no two notes of a folder share one:

- only letters, digits, ``_``, ``.`` and ``-`` (anything else becomes ``_``), no leading dot,
  NFC-normalised (macOS stores names decomposed, Linux as given: one id, one name);
- never one of the run's own names (``index``, ``manifest``, ``run``, ``municipality``) nor a
  Windows device name (``con``, ``nul``, ``com1``, ...): those get a hash suffix;
- at most ``MAX_STEM_BYTES`` bytes of UTF-8 (file systems allow 255 per name, and the longest
  suffix the run adds is ``.scorecard.xlsx``): a longer one is cut and gets a hash suffix;
- unique ignoring case (Windows and macOS do not tell ``bygg-vest`` from ``BYGG-VEST``): ids
  whose stems clash all get the hash of their id appended, instead of an error.

The stems depend on the folder's ids only (not on which units a run selects), so a partial
run names a unit's files as the full run does. The manifest records each note's stem.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kitlib.data.ids import KIT_NAMES, WINDOWS_NAMES
from kitlib.errors import BriefingError

INDEX = "index.html"
MANIFEST = "manifest.json"

MUNICIPALITY_STEM = "municipality"  # the municipality's note
AREA_PREFIX = "area-"  # a service area's note: area-<area>
PACK_PREFIX = "samlet-"  # a service area's paper pack (--pdf --combined): samlet-<area>.pdf

MAX_STEM_BYTES = 80
HASH_LENGTH = 8  # hex digits of the id's SHA-256 appended to a stem that was cut, reserved or clashed
# validation's lists (data.ids), plus device names a folder validated by an older kitlib, or a
# unit id from another source, could still hold: the batch is safe on its own
WINDOWS_DEVICES = (
    frozenset(WINDOWS_NAMES)
    | {"conin$", "conout$"}
    | {f"{port}{n}" for port in ("com", "lpt") for n in ("0", "¹", "²", "³")}
)
RESERVED = frozenset({*KIT_NAMES, MUNICIPALITY_STEM}) | WINDOWS_DEVICES
_UNSAFE = re.compile(r"[^\w.-]")


def file_stem(name: str, prefix: str = "") -> str:
    """`prefix` + `name` made safe as a file name stem (see the module's docstring); the same
    name gives the same stem on every run. Clashes between names are `unique_stems`' job."""
    text = unicodedata.normalize("NFC", name)
    stem = (prefix + _UNSAFE.sub("_", text)).lstrip(".") or "_"
    if _reserved(stem):  # 'con.x' -> 'con_x-<hash>': a device name is one before its first dot
        return _with_hash(stem.replace(".", "_"), prefix + name)
    if len(stem.encode("utf-8")) > MAX_STEM_BYTES:
        return _with_hash(stem, prefix + name)
    return stem


def unique_stems(stems: Mapping[str, str], taken: Iterable[str] = ()) -> dict[str, str]:
    """{key: stem} with every stem unique ignoring case and none equal to one of `taken`: each
    key whose stem clashes gets the hash of the key appended (all of them, so no key's name
    depends on which came first). Raises BriefingError if that still leaves a clash, which
    takes ids made to collide with another's hash."""
    blocked = {_fold(stem) for stem in taken}
    result = dict(stems)
    for digits in (HASH_LENGTH, 2 * HASH_LENGTH, 64, 0):
        holders: dict[str, list[str]] = defaultdict(list)
        for key, stem in result.items():
            holders[_fold(stem)].append(key)
        clashing = [k for k, s in result.items() if len(holders[_fold(s)]) > 1 or _fold(s) in blocked]
        if not clashing:
            return result
        if not digits:
            break
        for key in clashing:
            result[key] = _with_hash(stems[key], key, digits)
    clash = ", ".join(f"'{key}'" for key in clashing)
    raise BriefingError(f"the notes {clash} would share file names; rename them in units.csv")


def note_stems(unit_ids: Iterable[str], areas: Iterable[str]) -> tuple[dict[str, str], dict[str, str]]:
    """The stems of a folder's notes: ({unit id: stem}, {service area: stem}). The
    municipality's note is `MUNICIPALITY_STEM`; an area's is 'area-<area>', and no unit
    takes that name, nor the name of an area's paper pack."""
    areas = list(dict.fromkeys(str(a) for a in areas))
    area_stems = unique_stems({a: file_stem(_area_slug(a), AREA_PREFIX) for a in areas})
    packs = [pack_stem(stem) for stem in area_stems.values()]
    units = {str(u): file_stem(str(u)) for u in unit_ids}
    unit_stems = unique_stems(units, taken=[*area_stems.values(), *packs])
    return unit_stems, area_stems


def pack_stem(area_stem: str) -> str:
    """A service area's paper pack, named after its note: 'area-skole' -> 'samlet-skole'
    (so two areas whose names differ only by case get two packs, as they get two notes)."""
    return PACK_PREFIX + area_stem.removeprefix(AREA_PREFIX)


def _area_slug(area: str) -> str:
    return area.lower().replace(" ", "-")


def _reserved(stem: str) -> bool:
    """A name of the run's own or, before its first dot, a Windows device ('con.x' is 'con')."""
    return stem.casefold() in RESERVED or stem.split(".")[0].casefold() in WINDOWS_DEVICES


def _fold(stem: str) -> str:
    return unicodedata.normalize("NFC", stem.casefold())


def _with_hash(stem: str, name: str, digits: int = HASH_LENGTH) -> str:
    """`stem`, cut to fit, then '-' and the first `digits` hex digits of `name`'s SHA-256."""
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:digits]
    room = MAX_STEM_BYTES - len(digest) - 1
    head = stem.encode("utf-8")[:room].decode("utf-8", "ignore")  # never half a character
    return f"{head}-{digest}"


@dataclass(frozen=True)
class UnitFiles:
    """The files of one unit in the output folder, by their stem."""

    stem: str

    @property
    def html(self) -> str:
        return f"{self.stem}.html"

    @property
    def pdf(self) -> str:
        return f"{self.stem}.pdf"

    @property
    def scorecard(self) -> str:
        return f"{self.stem}.scorecard.csv"

    @property
    def workbook(self) -> str:
        """The scorecard for readers, in Excel with headers in the note's language."""
        return f"{self.stem}.scorecard.xlsx"

    @property
    def failed_notebook(self) -> str:
        """The executed notebook of a unit whose notebook raised, kept for the analyst."""
        return f"{self.stem}.failed.ipynb"

    @property
    def running_notebook(self) -> str:
        """Where papermill writes while the unit runs (hidden; renamed or removed after)."""
        return f".{self.stem}.running.ipynb"
