"""kit.toml is strict: an unknown key or a value of the wrong kind is refused, never ignored."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from conftest import write_folder

from kitlib import ConfigError, DataValidationError, check_folder, load_data
from kitlib.data.config import KNOWN_KEYS, Setting, check_config, load_config

ROOT = Path(__file__).resolve().parents[2]


def toml_problems(folder, text):
    write_folder(folder, **{"kit.toml": text})
    tables, config, problems = check_folder(folder)
    return config, [str(p) for p in problems]


def test_misspelt_keys_and_sections_are_refused_with_the_nearest_valid_one(alna_folder):
    _, found = toml_problems(
        alna_folder,
        """
        municipalty = "Bydel Alna"
        [tresholds]
        near_share = 0.1
        [benchmarks]
        peer_grup = "KOSTRA-gruppe 13"
        """,
    )
    assert found == [
        "kit.toml, line 1: unknown key 'municipalty'; did you mean 'municipality'?",
        "kit.toml, line 2: unknown section 'tresholds'; did you mean 'thresholds'?",
        "kit.toml, line 5: unknown key 'benchmarks.peer_grup'; did you mean 'benchmarks.peer_group'?",
    ]


def test_a_threshold_outside_its_section_is_refused_and_placed(alna_folder):
    _, found = toml_problems(alna_folder, "min_respondents = 2\n")
    assert found == [
        "kit.toml, line 1: unknown key 'min_respondents'; did you mean 'min_respondents' under [thresholds]?"
    ]


@pytest.mark.parametrize("value", ["true", "false", "1", "2"])
def test_min_respondents_cannot_switch_privacy_off(alna_folder, value):
    config, found = toml_problems(alna_folder, f"[thresholds]\nmin_respondents = {value}\n")
    assert found == [
        f"kit.toml, line 2: thresholds.min_respondents = {value}: expected a whole number of 3 or more; "
        "figures from fewer respondents could identify people, so their suppression cannot be switched off"
    ]
    assert config.thresholds.min_respondents == 5  # the default stays while the folder is checked
    with pytest.raises(DataValidationError, match="thresholds.min_respondents"):
        load_data(alna_folder)


@pytest.mark.parametrize(
    "key,value,expected",
    [
        ("near_share", "0", "a number between 0 and 1, e.g. 0.05 (a share of |target|)"),
        ("near_share", "1.5", "a number between 0 and 1, e.g. 0.05 (a share of |target|)"),
        ("near_share", "true", "a number between 0 and 1, e.g. 0.05 (a share of |target|)"),
        ("trend_periods", "2", "a whole number of 3 or more"),
        ("trend_periods", "true", "a whole number of 3 or more"),
        ("stable_share", "-0.01", "a number of 0 or more, e.g. 0.02"),
        ("confidence_z", "0", "a number above 0, e.g. 1.96"),
        ("confidence_z", "-1.96", "a number above 0, e.g. 1.96"),
    ],
)
def test_every_threshold_is_checked_and_says_what_is_expected(alna_folder, key, value, expected):
    _, found = toml_problems(alna_folder, f'municipality = "Alna"\n[thresholds]\n{key} = {value}\n')
    assert found == [f"kit.toml, line 3: thresholds.{key} = {value}: expected {expected}"]


def test_other_keys_are_typed_too(alna_folder):
    _, found = toml_problems(
        alna_folder,
        """
        data_date = 20260215
        indicator_types = ["tilsyn", 3]
        [perspectives]
        brukere = { nb = "Brukere", nn = "Brukarar" }
        """,
    )
    assert found == [
        'kit.toml, line 1: data_date = 20260215: expected a date (2026-02-15) or text ("15. februar 2026")',
        'kit.toml, line 2: indicator_types = ["tilsyn", 3]: expected a list of names (["tilsyn"])',
        "kit.toml, line 4: unknown language 'perspectives.brukere.nn'; known are: nb, da, en",
    ]


def test_a_latin1_kit_toml_names_the_line(alna_folder):
    (alna_folder / "kit.toml").write_bytes(
        'municipality = "Alna"\n[perspectives]\nokonomi = "Økonomi"\n'.encode("latin-1")
    )
    found = [str(p) for p in check_folder(alna_folder)[2]]
    assert found == [
        "kit.toml, line 3: not UTF-8 text: the byte 0xd8 at column 12 cannot be read "
        "(the file is probably saved as Latin-1 or Windows-1252); save it as UTF-8"
    ]


def test_load_config_raises_naming_the_file_line_and_key(tmp_path):
    path = tmp_path / "kit.toml"
    path.write_text(
        '[benchmarks]\nnational = "Landet uten Oslo"\nkostra = "KOSTRA-gruppe 13"\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value).startswith(f"{path}, line 3: unknown key 'benchmarks.kostra'; known are: ")


def test_a_new_key_is_known_once_it_is_in_the_table_of_known_keys(monkeypatch):
    raw = {"maps": {"max_points": 0.1}}
    assert check_config(raw)[1][0].message == "unknown section 'maps'; known are: " + ", ".join(
        [k for k in KNOWN_KEYS if "." not in k] + ["benchmarks", "budget", "thresholds"]
    )
    number = KNOWN_KEYS["thresholds.stable_share"].read
    monkeypatch.setitem(KNOWN_KEYS, "maps.max_points", Setting("a number of 0 or more", number))
    config, problems = check_config(raw)
    assert problems == []
    assert config.setting("maps.max_points", 0.05) == 0.1
    raw["maps"]["max_pointss"] = -1
    assert [p.message for p in check_config(raw)[1]] == [
        "unknown key 'maps.max_pointss'; did you mean 'maps.max_points'?"
    ]


def test_data_readme_documents_every_known_key_and_its_example_is_valid():
    text = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    section = text.split("## `kit.toml` (optional)", 1)[1].split("\n## ", 1)[0]
    documented = set()
    for names in re.findall(r"^\| (`.+?`) \|", section, flags=re.M):
        parts = re.findall(r"`\[?([\w]+)\]?`", names)
        table = re.match(r"`\[(\w+)\]`", names)
        if table and len(parts) > 1:
            documented |= {f"{table[1]}.{p}" for p in parts[1:]}
        else:
            documented |= set(parts)
    assert documented == set(KNOWN_KEYS)
    example = re.search(r"```toml\n(.*?)```", section, flags=re.S)[1]
    assert check_config(tomllib.loads(example))[1] == []
