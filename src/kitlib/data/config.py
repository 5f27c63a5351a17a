"""The optional ``kit.toml`` of a data folder: the municipality's own settings.

kit.toml is strict: every key must be one of `KNOWN_KEYS`, with a value of the kind it
names, so that a misspelt key (``[tresholds]``) or a value of the wrong kind
(``min_respondents = true``) is refused with a message instead of silently ignored.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import math
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kitlib.data.plaintext import control_character_message, decode_utf8
from kitlib.errors import ConfigError, Problem

DEFAULT_INDICATOR_TYPES = (
    "opplevd_kvalitet",
    "malt_kvalitet",
    "prioritering",
    "dekningsgrad",
    "produktivitet",
    "ressurs",
    "medarbeider",
    "okonomi",
    "kontekst",  # contract.CONTEXT_TYPE: size, FTEs, budget; shown in the title, never judged
)
DIRECTIONS = ("higher", "lower", "none")
INFLUENCEABLE = ("ja", "delvis", "nei")
LANGUAGES = ("nb", "da", "en")
MIN_RESPONDENTS_FLOOR = 3  # privacy: survey figures from fewer answers can never be shown
CONFIG_FILE = "kit.toml"


@dataclass(frozen=True)
class Thresholds:
    """Numbers that decide how figures are read; each can be set in kit.toml."""

    near_share: float = 0.05  # default tolerance: this share of |target| counts as "near"
    trend_periods: int = 5  # the years, ending with the one reported, a trend is read over
    stable_share: float = 0.02  # a change below this share of the level is "stable"
    min_respondents: int = 5  # survey results from fewer respondents are suppressed
    confidence_z: float = 1.96  # a survey change must exceed z standard errors to count


@dataclass(frozen=True)
class KitConfig:
    municipality: str = ""
    language: str = "nb"
    data_date: str = ""
    perspectives: dict[str, dict[str, str]] = field(default_factory=dict)
    indicator_types: tuple[str, ...] = DEFAULT_INDICATOR_TYPES
    thresholds: Thresholds = Thresholds()
    peer_group: str = ""  # benchmark group shown as "KOSTRA group"
    national_group: str = ""  # benchmark group shown as "national average"
    # every key kit.toml gave (dotted name -> value as read), also those without a field here
    settings: dict[str, Any] = field(default_factory=dict)

    def setting(self, key: str, default=None):
        """The value kit.toml gave for the known key `key` ("budget.deflator"), else `default`."""
        if key not in KNOWN_KEYS:
            raise KeyError(f"'{key}' is not a known kit.toml key; add it to KNOWN_KEYS in {__name__}")
        return self.settings.get(key, default)

    def perspective_label(self, key: str, lang: str | None = None) -> str:
        names = self.perspectives.get(key, {})
        return names.get(lang or self.language) or names.get("nb") or key

    def perspective_order(self, keys) -> list[str]:
        """Configured perspectives first in their order, then the others as they come."""
        known = [k for k in self.perspectives if k in set(keys)]
        rest = [k for k in dict.fromkeys(keys) if k not in self.perspectives]
        return known + rest


# -- the known keys ------------------------------------------------------------------


class _Invalid(ValueError):
    """A value of a known key that is not what the key expects.

    Without arguments the key's `Setting.expected` says why; else `found` holds
    (dotted key, message) pairs, one for each part of a table value that is wrong.
    """

    def __init__(self, *found: tuple[str, str]):
        super().__init__(*found)
        self.found = found


@dataclass(frozen=True)
class Setting:
    """One key of kit.toml: what it must hold (for messages) and how to read it."""

    expected: str  # completes "<key> = <value>: expected ...", e.g. "a whole number of 3 or more"
    read: Callable[[Any], Any]  # the value as KitConfig holds it; raises _Invalid when wrong


def _text(value):
    if not isinstance(value, str):
        raise _Invalid()
    return value


def _number(*, above=None, at_least=None, below=None, integer=False):
    """A reader of numbers; a bool is never a number (TOML's true is not 1)."""

    def read(value):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _Invalid()
        if integer and not isinstance(value, int):
            raise _Invalid()
        if not math.isfinite(value):
            raise _Invalid()
        if above is not None and not value > above:
            raise _Invalid()
        if at_least is not None and not value >= at_least:
            raise _Invalid()
        if below is not None and not value < below:
            raise _Invalid()
        return int(value) if integer else float(value)

    return read


def _choice(allowed):
    def read(value):
        if not isinstance(value, str) or value not in allowed:
            raise _Invalid()
        return value

    return read


def _date(value):
    # TOML has dates of its own (data_date = 2026-02-15); a quoted text is kept as written.
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return _text(value)


def _text_list(value):
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _Invalid()
    return [v.strip() for v in value]


def _perspectives(value):
    """``key = "Name"`` (Norwegian) or ``key = { nb = "...", da = "...", en = "..." }``."""
    if not isinstance(value, dict):
        raise _Invalid()
    out: dict[str, dict[str, str]] = {}
    found: list[tuple[str, str]] = []
    for key, names in value.items():
        dotted = f"perspectives.{key}"
        if isinstance(names, str):
            names = {"nb": names}
        if not isinstance(names, dict):
            found.append(
                (
                    dotted,
                    f'{dotted} = {_shown(names)}: expected a name ("Brukere") or a table of '
                    f'names per language ({{ nb = "Brukere", en = "Users" }})',
                )
            )
            continue
        for lang, name in names.items():
            if lang not in LANGUAGES:
                found.append(
                    (f"{dotted}.{lang}", _unknown(f"{dotted}.{lang}", lang, LANGUAGES, what="language"))
                )
            elif not isinstance(name, str):
                found.append((f"{dotted}.{lang}", f"{dotted}.{lang} = {_shown(name)}: expected text"))
        out[key] = dict(names)
    if found:
        raise _Invalid(*found)
    return out


def _deflator(value):
    """``[deflator]`` with ``2024 = 100.0``: a price index per year, for kroner in fixed prices."""
    if not isinstance(value, dict) or not value:
        raise _Invalid()
    out, found = {}, []
    for year, index in value.items():
        dotted = f"deflator.{year}"
        if not re.fullmatch(r"(19|20)\d\d", str(year)):
            found.append((dotted, f"{dotted}: expected a year (2024) as the key"))
        elif isinstance(index, bool) or not isinstance(index, int | float) or not index > 0:
            found.append((dotted, f"{dotted} = {_shown(index)}: expected a price index above 0, e.g. 103.1"))
        else:
            out[int(year)] = float(index)
    if found:
        raise _Invalid(*found)
    return out


# Every key kit.toml may hold, as its dotted name ("thresholds.near_share" is `near_share`
# under `[thresholds]`; a new section comes with its first key). To add a key, add it here
# and to the kit.toml table of data/README.md, and read it with `KitConfig.setting(key,
# default)` (or give it a field, see `_build`); every other key is refused as unknown.
KNOWN_KEYS: dict[str, Setting] = {
    "municipality": Setting("text", _text),
    "language": Setting(f"one of {', '.join(LANGUAGES)}", _choice(LANGUAGES)),
    "data_date": Setting('a date (2026-02-15) or text ("15. februar 2026")', _date),
    "indicator_types": Setting('a list of names (["tilsyn"])', _text_list),
    "perspectives": Setting("a table of perspectives ([perspectives])", _perspectives),
    "benchmarks.peer_group": Setting("the text of a group in benchmarks.csv", _text),
    "benchmarks.national": Setting("the text of a group in benchmarks.csv", _text),
    "thresholds.near_share": Setting(
        "a number between 0 and 1, e.g. 0.05 (a share of |target|)", _number(above=0, below=1)
    ),
    "thresholds.trend_periods": Setting("a whole number of 3 or more", _number(at_least=3, integer=True)),
    "thresholds.stable_share": Setting("a number of 0 or more, e.g. 0.02", _number(at_least=0)),
    "thresholds.min_respondents": Setting(
        f"a whole number of {MIN_RESPONDENTS_FLOOR} or more; figures from fewer respondents could "
        "identify people, so their suppression cannot be switched off",
        _number(at_least=MIN_RESPONDENTS_FLOOR, integer=True),
    ),
    "thresholds.confidence_z": Setting("a number above 0, e.g. 1.96", _number(above=0)),
    "budget.underspend_warning": Setting(
        "a percentage of the budget between 0 and 100, e.g. 95: spending below it is worth a question",
        _number(above=0, below=100),
    ),
    "deflator": Setting(
        "a table of years and price indices, e.g. [deflator] 2024 = 100.0 and 2025 = 103.1",
        _deflator,
    ),
}


def _sections() -> set[str]:
    return {name.split(".", 1)[0] for name in KNOWN_KEYS if "." in name}


def _build(settings: dict[str, Any]) -> KitConfig:
    """KitConfig from the keys that were given and read; every other key keeps its default."""
    prefix = "thresholds."
    thresholds = {k.removeprefix(prefix): v for k, v in settings.items() if k.startswith(prefix)}
    extra_types = settings.get("indicator_types", [])
    return KitConfig(
        municipality=settings.get("municipality", ""),
        language=settings.get("language", "nb"),
        data_date=settings.get("data_date", ""),
        perspectives=settings.get("perspectives", {}),
        indicator_types=tuple(dict.fromkeys([*DEFAULT_INDICATOR_TYPES, *extra_types])),
        thresholds=Thresholds(**thresholds),
        peer_group=settings.get("benchmarks.peer_group", ""),
        national_group=settings.get("benchmarks.national", ""),
        settings=dict(settings),
    )


# -- reading -------------------------------------------------------------------------


def _shown(value) -> str:
    """A value as it is written in TOML, for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return f"[{', '.join(_shown(v) for v in value)}]"
    return str(value)


def _unknown(dotted: str, name: str, candidates, *, what: str = "key") -> str:
    close = difflib.get_close_matches(name, list(candidates), n=1)
    if close:
        suggestion = dotted[: len(dotted) - len(name)] + close[0]
        return f"unknown {what} '{dotted}'; did you mean '{suggestion}'?"
    return f"unknown {what} '{dotted}'; known are: {', '.join(candidates)}"


def _control_character(value) -> str | None:
    """The problem of the first control character in a text of `value` (texts of lists and
    tables too), else None."""
    if isinstance(value, str):
        return control_character_message(value)
    parts = value.items() if isinstance(value, dict) else value if isinstance(value, list) else ()
    for part in parts:
        found = _control_character(part)
        if found:
            return found
    return None


def check_config(raw: dict, key_lines: dict[str, int] | None = None, file: str = CONFIG_FILE):
    """Read the parsed kit.toml `raw`: (KitConfig, problems). Every problem is collected;
    a key that is wrong keeps its default, so that the rest of the folder can be checked."""
    key_lines = key_lines or {}
    problems: list[Problem] = []

    def problem(dotted: str, message: str) -> None:
        problems.append(Problem(file, _line_of(dotted, key_lines), None, message))

    settings: dict[str, Any] = {}

    def read(dotted: str, value) -> None:
        setting = KNOWN_KEYS[dotted]
        control = _control_character(value)
        if control:  # TOML lets "\u001b" through; a name with it would reach pages and terminals
            problem(dotted, f"{dotted}: {control}")
            return
        try:
            settings[dotted] = setting.read(value)
        except _Invalid as exc:
            for where, message in exc.found or [
                (dotted, f"{dotted} = {_shown(value)}: expected {setting.expected}")
            ]:
                problem(where, message)

    top_level = [k for k in KNOWN_KEYS if "." not in k]
    sections = sorted(_sections())
    for key, value in raw.items():
        if key in KNOWN_KEYS:
            read(key, value)
        elif key in sections:
            if not isinstance(value, dict):
                problem(key, f"{key} = {_shown(value)}: expected a section ([{key}])")
                continue
            names = [k.split(".", 1)[1] for k in KNOWN_KEYS if k.startswith(f"{key}.")]
            for sub, sub_value in value.items():
                dotted = f"{key}.{sub}"
                if dotted in KNOWN_KEYS:
                    read(dotted, sub_value)
                else:
                    problem(dotted, _unknown(dotted, sub, names))
        else:
            what = "section" if isinstance(value, dict) else "key"
            misplaced = [k for k in KNOWN_KEYS if k.endswith(f".{key}")]
            if misplaced and what == "key":
                section, _ = misplaced[0].split(".", 1)
                problem(key, f"unknown key '{key}'; did you mean '{key}' under [{section}]?")
            else:
                problem(key, _unknown(key, key, [*top_level, *sections], what=what))
    return _build(settings), problems


def read_config(path: Path, file: str | None = None) -> tuple[KitConfig, list[Problem]]:
    """Read kit.toml at `path`: (KitConfig, problems), each problem with its line where known.

    A missing file gives the defaults. `file` names the file in the problems (default: its name).
    """
    file = file or path.name
    if not path.exists():
        return KitConfig(), []
    text, problem = decode_utf8(path.read_bytes(), file)
    if text is None:
        return KitConfig(), [problem]
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        where = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
        line = None
        if where:
            line = int(where[1])
            message = f"{message[: where.start()]} at column {where[2]}"
        return KitConfig(), [
            Problem(file, line, None, f"not valid TOML: {message}; see data/README.md for an example")
        ]
    return check_config(raw, _key_lines(text), file)


def load_config(path: Path) -> KitConfig:
    """Read kit.toml; a missing file gives the defaults; raise ConfigError listing every problem."""
    config, problems = read_config(path, str(path))
    if problems:
        raise ConfigError("\n".join(str(p) for p in problems))
    return config


def config_from_dict(raw: dict, where: str = CONFIG_FILE) -> KitConfig:
    """KitConfig from a parsed kit.toml; raise ConfigError listing every problem."""
    config, problems = check_config(raw, file=where)
    if problems:
        raise ConfigError("\n".join(str(p) for p in problems))
    return config


def config_to_json(config: KitConfig) -> str:
    """The settings kit.toml gave, as JSON: what another process needs to rebuild `config`
    (`config_from_json`) without a pickle, which would run code when read."""
    return json.dumps({"settings": config.settings}, ensure_ascii=False, default=str)


def config_from_json(text: str, where: str = "config.json") -> KitConfig:
    """The KitConfig that `config_to_json` wrote; every setting is read as from kit.toml again
    (JSON turns the deflator's years into texts: they come back as years). Raises ConfigError
    for text that is not such JSON or a setting that kit.toml would refuse."""
    try:
        settings = json.loads(text)["settings"]
    except (ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"{where} holds no kitlib settings ({exc}); write it again") from exc
    read, problems = {}, []
    for key, value in settings.items():
        setting = KNOWN_KEYS.get(key)
        if setting is None:
            problems.append(_unknown(key, key, KNOWN_KEYS))
            continue
        try:
            read[key] = setting.read(value)
        except _Invalid as exc:
            found = [message for _dotted_key, message in exc.found]
            problems.extend(found or [f"{key} = {_shown(value)}: expected {setting.expected}"])
    if problems:
        raise ConfigError(f"{where}: " + "; ".join(problems))
    return _build(read)


# -- where a key is written ------------------------------------------------------------

_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_.\t -])+?)\s*=""")
_INLINE_KEY = re.compile(r"""[{,]\s*([A-Za-z0-9_-]+|"[^"]*"|'[^']*')\s*=""")


def _dotted(text: str) -> str:
    return ".".join(_key_part(part.strip()) for part in text.split("."))


def _key_part(part: str) -> str:
    """A part of a key as TOML reads it: a quoted one without its quotes, escapes decoded."""
    if part.startswith('"'):
        try:
            return tomllib.loads(f"k = {part}")["k"]
        except (tomllib.TOMLDecodeError, KeyError):
            pass
    return part.strip("\"'")


def _key_lines(text: str) -> dict[str, int]:
    """The line of each key and section header, best effort (for messages only)."""
    lines: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            table = _dotted(header[1])
            lines.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if not key:
            continue
        dotted = ".".join(filter(None, [table, _dotted(key[1])]))
        lines.setdefault(dotted, number)
        rest = line[key.end() :]
        if rest.lstrip().startswith("{"):
            for inner in _INLINE_KEY.finditer(rest):
                lines.setdefault(f"{dotted}.{inner[1].strip(chr(34) + chr(39))}", number)
    return lines


def _line_of(dotted: str, key_lines: dict[str, int]) -> int | None:
    """The line of `dotted`, else of the nearest enclosing key or section."""
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        line = key_lines.get(".".join(parts[:end]))
        if line is not None:
            return line
    return None
