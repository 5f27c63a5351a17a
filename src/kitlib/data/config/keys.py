"""The keys kit.toml may hold (`KNOWN_KEYS`) and how each value is read and checked.

kit.toml is strict: every key must be one of `KNOWN_KEYS`, with a value of the kind it
names, so that a misspelt key (``[tresholds]``) or a value of the wrong kind
(``min_respondents = true``) is refused with a message instead of silently ignored.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

LANGUAGES = ("nb", "da", "en")
MIN_RESPONDENTS_FLOOR = 3  # privacy: survey figures from fewer answers can never be shown


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
# default)` (or give it a field, see `model._build`); every other key is refused as unknown.
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
