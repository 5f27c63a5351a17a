"""Every word a reader sees, in Norwegian bokmål (default), Danish and English: headings,
labels, the narrative's sentences, the run index, units of measure. The words live in one
catalogue per language (locales/<lang>.toml); other modules ask `tr()` and never hold words
of their own.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterator, Mapping
from importlib.resources import files
from types import MappingProxyType

from kitlib.analysis.codes import Status, Trend
from kitlib.data.config import LANGUAGES, KitConfig
from kitlib.errors import KitlibError

# Status and trend are always shown as symbol *and* word: never colour alone.
STATUS_SYMBOL = {
    Status.MET: "✔", Status.NEAR: "◐", Status.UNCERTAIN: "≈", Status.NOT_MET: "✘",
    Status.NO_DATA: "–", Status.NO_TARGET: "·",
}  # fmt: skip
TREND_SYMBOL = {
    Trend.IMPROVING: "↗", Trend.WORSENING: "↘", Trend.STABLE: "→", Trend.INSUFFICIENT: "–",
    Trend.RISING: "↑", Trend.FALLING: "↓",
}  # fmt: skip


@functools.cache
def _catalogue(lang: str) -> Mapping[str, Mapping[str, str]]:
    """The catalogue of `lang`, read once: its tables text, units and counted_units."""
    with files("kitlib.report").joinpath("locales", f"{lang}.toml").open("rb") as stream:
        tables = tomllib.load(stream)
    return MappingProxyType({name: MappingProxyType(table) for name, table in tables.items()})


class _Table(Mapping):
    """One table of every language's catalogue as {lang: {key: text}}, read on first use."""

    def __init__(self, table: str) -> None:
        self._table = table

    def __getitem__(self, lang: str) -> Mapping[str, str]:
        if lang not in LANGUAGES:
            raise KeyError(lang)
        return _catalogue(lang)[self._table]

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)


@functools.cache
def _unit_words(tables: tuple[str, ...]) -> dict[str, dict[str, str]]:
    words: dict[str, dict[str, str]] = {}
    for table in tables:
        for lang in LANGUAGES:
            for unit, word in _catalogue(lang)[table].items():
                words.setdefault(unit, {})[lang] = word
    return words


class _UnitWords(Mapping):
    """{unit as written in the data: {lang: word}}, from the units tables of the catalogues."""

    def __init__(self, *tables: str) -> None:
        self._tables = tables

    def _words(self) -> dict[str, dict[str, str]]:
        return _unit_words(self._tables)

    def __getitem__(self, unit: str) -> Mapping[str, str]:
        return self._words()[unit]

    def __iter__(self) -> Iterator[str]:
        return iter(self._words())

    def __len__(self) -> int:
        return len(self._words())


TEXT: Mapping[str, Mapping[str, str]] = _Table("text")
COUNTED_UNITS: Mapping[str, Mapping[str, str]] = _UnitWords("counted_units")
UNIT_WORDS: Mapping[str, Mapping[str, str]] = _UnitWords("units", "counted_units")


def check_language(lang: str) -> str:
    if lang not in TEXT:
        raise KitlibError(f"language '{lang}' is not available; choose one of {', '.join(LANGUAGES)}")
    return lang


def tr(key: str, lang: str = "nb", **fields) -> str:
    """The phrase `key` in `lang`, with {fields} filled in."""
    phrase = TEXT[check_language(lang)][key]
    return phrase.format(**fields) if fields else phrase


def status_label(code: str, lang: str = "nb") -> str:
    return f"{STATUS_SYMBOL[code]} {tr(code, lang)}"


def trend_label(code: str, lang: str = "nb") -> str:
    return f"{TREND_SYMBOL[code]} {tr(code, lang)}"


def unit_word(unit: str, lang: str = "nb") -> str:
    """The reader's word for a unit of measure: ``%``, ``kr``, ``dager``; '' for scores and counts."""
    unit = (unit or "").strip()
    if unit == "%":
        return "%"
    if not unit or unit.lower().startswith("score"):
        return ""
    return UNIT_WORDS.get(unit.lower(), {}).get(lang, unit)


def perspective_name(key: str, lang: str = "nb", config: KitConfig | None = None) -> str:
    """The reader's name for the perspective `key`: kit.toml's name in `lang`, else the
    catalogue's default name for the kit's known keys (`perspective_<key>`), else a name
    kit.toml gives in another language (bokmål first: a plain string there is the bokmål
    name), else the key made readable. A key is a data word ("okonomi"), never a heading."""
    names = config.perspectives.get(key, {}) if config is not None else {}
    if names.get(lang):
        return names[lang]
    default = TEXT[check_language(lang)].get(f"perspective_{key}")
    if default:
        return default
    other = names.get("nb") or next((name for name in names.values() if name), "")
    return other or readable_key(key)


def readable_key(key: str) -> str:
    """``laering_og_trivsel`` -> ``Laering og trivsel``. Transliterated letters (ae, oe, aa)
    are left as written: "ae" is "æ" in "laering" but not in "israel", so restoring them
    would guess."""
    words = " ".join(str(key).replace("_", " ").split())
    return words[:1].upper() + words[1:]
