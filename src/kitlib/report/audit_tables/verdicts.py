"""Verdicts and reasons in the reader's words, shared by every form of the audit tables.

Every verdict is a symbol *and* a word (✔ oppfylt, ✘ with the reason, – cannot be judged),
never colour alone; reason codes (``no_target;no_perspective``) become the reader's words.
"""

from __future__ import annotations

import math

import pandas as pd

from kitlib.analysis.audit import (
    MAX_EMPLOYEE_ITEMS,
    MAX_INDICATORS,
    MAX_MEASURED_QUALITY,
    MAX_SURVEY_ITEMS,
    MIN_MEASURED_QUALITY,
    MIN_SURVEY_ITEMS,
    LoadFlag,
)
from kitlib.analysis.smart import MET_YEARS, TARGET_FOR_ALL, TARGET_FOR_AREA, TARGET_FOR_UNIT, SmartReason
from kitlib.data.contract import ALL_SERVICE_AREAS
from kitlib.report.formatting import format_text
from kitlib.report.i18n import tr

PASSED, FAILED, NOT_JUDGED = "✔", "✘", "–"
LOAD_LIMITS = {
    LoadFlag.TOO_MANY_INDICATORS: MAX_INDICATORS,
    LoadFlag.TOO_MANY_SURVEY_ITEMS: MAX_SURVEY_ITEMS,
    LoadFlag.TOO_MANY_MEASURED_QUALITY: MAX_MEASURED_QUALITY,
    LoadFlag.TOO_MANY_EMPLOYEE_ITEMS: MAX_EMPLOYEE_ITEMS,
    LoadFlag.FEW_SURVEY_ITEMS: MIN_SURVEY_ITEMS,
    LoadFlag.FEW_MEASURED_QUALITY: MIN_MEASURED_QUALITY,
}
TARGET_FOR_KEYS = {
    TARGET_FOR_UNIT: "smart_for_unit",
    TARGET_FOR_AREA: "smart_for_service_area",
    TARGET_FOR_ALL: "smart_for_all",
}


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _text(value) -> str:
    return "" if _missing(value) else str(value)


def reasons_text(codes, lang: str = "nb", *, n=None, evidence: dict[str, str] | None = None) -> str:
    """The reader's words for reason codes joined by ';' (``no_target;no_perspective``), each
    followed by its evidence in brackets where `evidence` has some for its code."""
    words = []
    for code in _text(codes).split(";"):
        if code:
            word = tr(f"why_{code}", lang, n=_text(n), limit=LOAD_LIMITS.get(code, ""))
            words.append(f"{word} ({evidence[code]})" if evidence and evidence.get(code) else word)
    return "; ".join(words)


def reason_heading(code: str, lang: str = "nb") -> str:
    """A reason as a column head or a count's label, over targets met for different numbers of
    years: 'allerede nådd minst 3 år på rad' (each row says its own years)."""
    return reasons_text(
        "met_for_years_least" if code == SmartReason.MET_FOR_YEARS else code, lang, n=MET_YEARS
    )


def verdict_text(
    verdict, reasons, lang: str = "nb", *, n=None, evidence: dict[str, str] | None = None
) -> str:
    """✔ ja · ✘ <why> · – <why it was not judged, or that it cannot be>."""
    why = reasons_text(reasons, lang, n=n, evidence=evidence)
    if _missing(verdict):
        return f"{NOT_JUDGED} {why or tr('audit_not_judged', lang)}"
    if bool(verdict):
        return f"{PASSED} {tr('audit_yes', lang)}"
    return f"{FAILED} {why}".rstrip()


def _area(area, lang: str) -> str:
    return tr("audit_all_units", lang) if area == ALL_SERVICE_AREAS else _text(area)


def _name(row, lang: str, column: str = "name") -> str:
    return format_text(_text(row[column]), lang)
