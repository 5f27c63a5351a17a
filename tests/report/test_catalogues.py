"""The catalogues (src/kitlib/report/locales/<lang>.toml) parse, and every language has every
key with the same {placeholders}: a translator who drops a key or a field breaks this test,
not a note."""

from __future__ import annotations

import string
import tomllib
from importlib.resources import files

import pytest

from kitlib.data.config import LANGUAGES

TABLES = ("text", "units", "counted_units")


def _catalogue(lang: str) -> dict:
    with files("kitlib.report").joinpath("locales", f"{lang}.toml").open("rb") as stream:
        return tomllib.load(stream)


def _fields(phrase: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(phrase) if name}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_catalogue_parses_into_tables_of_texts(lang):
    catalogue = _catalogue(lang)
    assert set(catalogue) == set(TABLES)
    assert all(isinstance(text, str) for table in catalogue.values() for text in table.values())


@pytest.mark.parametrize("table", TABLES)
def test_every_key_exists_in_every_language(table):
    keys = {lang: set(_catalogue(lang)[table]) for lang in LANGUAGES}
    for lang in LANGUAGES:
        assert keys[lang] == keys["nb"], (lang, keys[lang] ^ keys["nb"])


def test_placeholders_match_between_languages():
    catalogues = {lang: _catalogue(lang)["text"] for lang in LANGUAGES}
    for key, phrase in catalogues["nb"].items():
        for lang in LANGUAGES:
            assert _fields(catalogues[lang][key]) == _fields(phrase), (lang, key)


@pytest.mark.parametrize("table", TABLES)
def test_a_text_is_empty_in_all_languages_or_in_none(table):
    catalogues = {lang: _catalogue(lang)[table] for lang in LANGUAGES}
    for key in catalogues["nb"]:
        empty = {lang for lang in LANGUAGES if not catalogues[lang][key].strip()}
        assert empty in (set(), set(LANGUAGES)), (table, key, empty)
