"""Words and numbers the service-area note's sections share: indicator names inside a
sentence, lists with 'and n more', figures with their unit, and the statutory limit an
indicator's name states."""

from __future__ import annotations

import re

from kitlib.report.formatting import (
    format_indicator_value,
    format_text,
    unit_text,
)
from kitlib.report.i18n import tr
from kitlib.report.narrative import in_sentence, names_its_unit

MAX_PANELS = 6  # ranking panels to a figure: one page of A4
MAX_NAMED = 3  # indicators named in one sentence or bullet before "and n more"

# The indicators a service is usually discussed by, found by their names (data, not ids).
NATIONAL_TESTS = re.compile(r"nasjonale prøver|nationale test|national test", re.I)
QUALIFICATION = re.compile(
    r"lærer|pedagog|pædagog|fagutdann|faguddann|godkjent utdanning|uddannede|qualified|qualification", re.I
)
WITHIN_LIMIT = re.compile(r"innen\b.*\bfrist|inden for\b.*\bfrist|within\b.*\b(deadline|limit)", re.I)
_WEEKS = re.compile(r"(\d+)\s*(?:ukers?|uger?s?|weeks?)\b", re.I)
_DAYS = re.compile(
    r"frist\w*\D{0,12}?(\d+)\s*(?:dager|dage|days)\b|(\d+)\s*(?:dager|dage|days)\W{0,3}frist", re.I
)
DAY_UNITS = {"dager", "dage", "days", "døgn"}


def statutory_limit(name: str, definition: str = "") -> float | None:
    """The statutory processing limit in days, as an indicator states it: '3 ukers frist' (21),
    '(frist 12 uker)' (84), 'lovens frist er 21 dager' (21); None where it states none."""
    for text in (str(name), str(definition or "")):
        if not re.search(r"frist|deadline|limit", text, re.I):
            continue
        weeks = _WEEKS.search(text)
        if weeks:
            return 7.0 * int(weeks.group(1))
        days = _DAYS.search(text)
        if days:
            return float(days.group(1) or days.group(2))
    return None


def _name(name, lang: str) -> str:
    """An indicator's name inside a sentence: lower case, en dashes in ranges, thousands marks."""
    return in_sentence(format_text(str(name), lang))


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + tr("summary_and", lang) + items[-1]


def _some(items: list[str], lang: str, limit: int = MAX_NAMED) -> str:
    """Up to `limit` items joined, then 'n til'."""
    shown = items[:limit] + ([tr("summary_more", lang, n=len(items) - limit)] if len(items) > limit else [])
    return _join(shown, lang)


def _figure(value, row, lang: str) -> str:
    """A figure of `row` in a sentence: with its unit unless the name already says it."""
    return format_indicator_value(value, row, lang, with_unit=not names_its_unit(row, lang))


def _unit_label(unit: str, lang: str) -> str:
    """The unit of measure shown beside a chart's name: 'dager', '%', 'score 1–6'."""
    word = unit_text(unit, lang)
    if not word and str(unit or "").lower().startswith("score"):
        word = format_text(str(unit), lang)
    return word


# -- the ranking chart ------------------------------------------------------------------------------
