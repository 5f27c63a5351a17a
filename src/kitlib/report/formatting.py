"""Numbers, dates and periods as readers expect them: ``10,1 %`` and ``1 234`` in Norwegian,
``1.234`` in Danish, ``15. februar 2026`` and ``3. tertial 2025``; names from the data with
en dashes in ranges (``6–15 år``) and thousands marks in long numbers (``per 1 000 liggedøgn``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal

import pandas as pd

from kitlib.analysis.rounding import round_half_up
from kitlib.data.periods import MONTHLY, YEARLY, PeriodError, parse_period
from kitlib.report.i18n import tr, unit_word

NBSP = "\u00a0"
EN_DASH = "\u2013"
# By hand, not Babel/CLDR (checked with Babel 2.19): CLDR rounds half to even (2,25 -> 2,2, the
# status was decided half up: 2,3), writes a hyphen-minus where the notes write U+2212 (da, en),
# and dates English notes as "February 15, 2026"; the notes must keep their bytes.
_SEPARATORS = {"nb": (NBSP, ","), "da": (".", ","), "en": (",", ".")}
# a hyphen between two numbers is a range: 6-15 år, 2019-2025, 1.-4. trinn (ordinals keep their dot);
# not in a date (2025-01-31) or a section of a law (§ 4-12)
_RANGE_HYPHEN = re.compile(r"§+\s*[\dA-Za-z]+(?:-[\dA-Za-z]+)+|\d{4}-\d\d-\d\d|(?<=\d)(\.?)-(?=\d)")
# a whole number of four or more digits, not part of a decimal or already grouped number
_LONG_INTEGER = re.compile(r"(?<!\d)(?<!\d[.,])\d{4,}(?!\d)(?![.,]\d)")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.+Z-]*)?$")


def row_decimals(row) -> int:
    """The decimals a scorecard or indicators row asks for (1 where it says none)."""
    return 1 if pd.isna(row.get("decimals")) else int(row["decimals"])


def format_number(value: float | None, decimals: int = 1, lang: str = "nb") -> str:
    """`value` rounded to `decimals`, with the language's thousands and decimal marks; '' if missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    thousands, decimal = _SEPARATORS.get(lang, _SEPARATORS["nb"])
    rounded = Decimal(repr(round_half_up(float(value), decimals)))  # as the status was decided
    text = f"{abs(rounded):,.{max(decimals, 0)}f}"
    text = text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)
    return ("−" if rounded < 0 else "") + text


def format_text(text: str, lang: str = "nb") -> str:
    """A name or unit of measure from the data as a reader sees it: a hyphen between two
    numbers becomes an en dash (``6-15 år`` -> ``6–15 år``, ``score 1-6`` -> ``score 1–6``),
    and a whole number of four or more digits gets the language's thousands mark
    (``per 1000 liggedøgn`` -> ``per 1 000 liggedøgn``). Years (1900–2099) stay as written.
    For display only: ids and the data are never changed."""
    if not isinstance(text, str) or not text:
        return "" if text is None or (isinstance(text, float) and math.isnan(text)) else str(text)
    text = _RANGE_HYPHEN.sub(lambda m: m.group(0) if m.group(1) is None else m.group(1) + EN_DASH, text)

    def group(match: re.Match) -> str:
        digits = match.group(0)
        if len(digits) == 4 and 1900 <= int(digits) <= 2099:  # a year
            return digits
        return format_number(int(digits), 0, lang)

    return _LONG_INTEGER.sub(group, text)


# What a page or a workbook must not hold: the control characters (C0 but tab, line feed and
# carriage return; DEL; C1) and lone surrogates. html.escape lets them through, browsers
# show them as boxes or drop them, XML (SVG, .xlsx) forbids them, and a lone surrogate
# cannot even be written as UTF-8.
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def replace_controls(text: str) -> str:
    """`text` with every control character (NUL, ESC, ...; not tab or line breaks) replaced by
    U+FFFD, the mark readers know for "a character was here". The one rule for text that
    leaves kitlib as a page (the batch applies it to every note and index it writes) or
    as a workbook cell; `kitlib.errors.printable` is the rule for the terminal."""
    return _NOT_TEXT.sub(REPLACEMENT, text)


def unit_text(unit: str, lang: str = "nb") -> str:
    """The reader's words for a unit of measure, as written after a figure: ``%``, ``kr``,
    ``dager``, ``per 1 000 liggedøgn``; '' for scores and counts."""
    return format_text(unit_word(unit, lang), lang)


def format_value(value: float | None, unit: str = "", decimals: int = 1, lang: str = "nb") -> str:
    """A figure with its unit of measure: ``10,1 %``, ``1 234 kr``, ``23 dager``, ``4,5``."""
    number = format_number(value, decimals, lang)
    if not number:
        return ""
    word = unit_text(unit, lang)
    if word == "%" and lang == "en":
        return f"{number}%"
    return f"{number}{NBSP}{word}" if word else number


def format_gap(gap: float | None, unit: str = "", decimals: int = 1, lang: str = "nb") -> str:
    """A signed difference, ``+1,2 prosentpoeng``: an explicit plus so direction is never
    guessed; a difference of shares is in percentage points, never a percentage. The gap
    is one unbreakable piece (no-break spaces)."""
    if gap is None or (isinstance(gap, float) and math.isnan(gap)):
        return ""
    sign = "+" if round_half_up(float(gap), decimals) > 0 else ""
    if unit == "%":
        number = format_number(gap, decimals, lang)
        word = tr("percentage_point" if number.lstrip("−") == "1" else "percentage_points", lang)
        text = f"{number} {word}"
    else:
        text = format_value(gap, unit, decimals, lang)
    return sign + text.replace(" ", NBSP)


def format_against(
    difference: float | None,
    decimals: int = 1,
    lang: str = "nb",
    *,
    unit: str = "",
    judged: bool = True,
    measure: str = "",
) -> str:
    """How far a figure lies from a benchmark, in words and without a sign, so that no reader
    has to remember what + means: ``2,1 bedre``, ``27 dager svakere``, ``likt``. With `judged`,
    `difference` is direction-aware (positive = better, as the scorecard's ``*_gap``); without
    (an indicator with no better direction) it is the plain difference: ``4 % høyere``.
    The size carries the indicator's unit of measure `measure` (days, kroner) except for a
    share, whose figure beside it says "%" (the difference is in percentage points, never a
    percentage); `unit` overrides it, e.g. ``%`` for kroner compared in per cent. One
    unbreakable piece (no-break spaces)."""
    if (
        difference is None
        or (isinstance(difference, float) and math.isnan(difference))
        or pd.isna(difference)
    ):
        return ""
    if round_half_up(abs(float(difference)), decimals) == 0:
        return tr("area_same", lang)
    shown = unit or ("" if measure.strip() == "%" else measure)
    size = format_value(abs(float(difference)), shown, decimals, lang).replace(" ", NBSP)
    words = ("better", "worse") if judged else ("higher", "lower")
    return f"{size}{NBSP}{tr(words[0] if difference > 0 else words[1], lang)}"


def format_indicator_value(
    value: float | None, indicator, lang: str = "nb", *, with_unit: bool = True
) -> str:
    """`value` in the unit and decimals of `indicator` (a scorecard row; decimals default to 1).

    `with_unit=False` leaves the unit out, for a sentence whose indicator name already says it
    ("legemiddelavvik per 1 000 liggedøgn er 1,55")."""
    decimals = 1 if pd.isna(indicator["decimals"]) else int(indicator["decimals"])
    return format_value(value, indicator["unit_of_measure"] if with_unit else "", decimals, lang)


def _month(number: int, lang: str) -> str:
    return tr("months", lang).split()[number - 1]


def format_date(value, lang: str = "nb") -> str:
    """An ISO date as readers write it, one unbreakable piece: ``15. februar 2026`` (nb, da),
    ``15 February 2026`` (en). A date given as other text (kit.toml allows ``"februar 2026"``)
    is shown as written; a missing one as ''."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        text = str(value).strip()
        match = _ISO_DATE.match(text)
        if not match:
            return text
        try:
            value = dt.date(*(int(part) for part in match.groups()))
        except ValueError:  # 2026-02-30 is no date: shown as written
            return text
    shown = tr("date", lang, day=value.day, month=_month(value.month, lang), year=value.year)
    return shown.replace(" ", NBSP)


def format_period(period, lang: str = "nb") -> str:
    """A period as readers write it, one unbreakable piece: ``2025`` (a year as it is),
    ``3. tertial 2025`` / ``T3 2025`` (en), ``2. kvartal 2025`` / ``Q2 2025``, ``mars 2025`` /
    ``March 2025``. Text that is no period is shown as written."""
    try:
        parsed = parse_period(period)
    except PeriodError:
        return str(period)
    if parsed.freq == YEARLY:
        return str(parsed.year)
    if parsed.freq == MONTHLY:
        shown = tr("period_M", lang, month=_month(parsed.sub, lang), year=parsed.year)
    else:
        shown = tr(f"period_{parsed.freq}", lang, n=parsed.sub, year=parsed.year)
    return shown.replace(" ", NBSP)
