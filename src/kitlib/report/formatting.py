"""Numbers as readers expect them: ``10,1 %`` and ``1 234`` in Norwegian, ``1.234`` in Danish."""

from __future__ import annotations

import math
from decimal import Decimal

import pandas as pd

from kitlib.analysis.rounding import round_half_up
from kitlib.report.i18n import tr, unit_word

NBSP = "\u00a0"
_SEPARATORS = {"nb": (NBSP, ","), "da": (".", ","), "en": (",", ".")}


def format_number(value: float | None, decimals: int = 1, lang: str = "nb") -> str:
    """`value` rounded to `decimals`, with the language's thousands and decimal marks; '' if missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    thousands, decimal = _SEPARATORS.get(lang, _SEPARATORS["nb"])
    rounded = Decimal(repr(round_half_up(float(value), decimals)))  # as the status was decided
    text = f"{abs(rounded):,.{max(decimals, 0)}f}"
    text = text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)
    return ("−" if rounded < 0 else "") + text


def format_value(value: float | None, unit: str = "", decimals: int = 1, lang: str = "nb") -> str:
    """A figure with its unit of measure: ``10,1 %``, ``1 234 kr``, ``23 dager``, ``4,5``."""
    number = format_number(value, decimals, lang)
    if not number:
        return ""
    word = unit_word(unit, lang)
    if word == "%" and lang == "en":
        return f"{number}%"
    return f"{number}{NBSP}{word}" if word else number


def format_gap(gap: float | None, unit: str = "", decimals: int = 1, lang: str = "nb") -> str:
    """A signed difference, ``+1,2 %-poeng`` style: explicit plus so direction is never guessed."""
    if gap is None or (isinstance(gap, float) and math.isnan(gap)):
        return ""
    sign = "+" if round(gap, decimals) > 0 else ""
    text = format_value(gap, "" if unit == "%" else unit, decimals, lang)
    if unit == "%":
        text += NBSP + tr("percentage_points", lang)
    return sign + text


def format_indicator_value(value: float | None, indicator, lang: str = "nb") -> str:
    """`value` in the unit and decimals of `indicator` (a scorecard row; decimals default to 1)."""
    decimals = 1 if pd.isna(indicator["decimals"]) else int(indicator["decimals"])
    return format_value(value, indicator["unit_of_measure"], decimals, lang)
