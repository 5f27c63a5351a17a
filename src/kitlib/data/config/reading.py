"""Reading a folder's kit.toml: every problem collected with its line, each wrong key
keeping its default, so that the rest of the folder can still be checked."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from kitlib.data.config.keys import KNOWN_KEYS, _Invalid, _sections, _shown, _unknown
from kitlib.data.config.model import KitConfig, _build
from kitlib.data.plaintext import control_character_message, decode_utf8
from kitlib.errors import ConfigError, Problem

CONFIG_FILE = "kit.toml"


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
