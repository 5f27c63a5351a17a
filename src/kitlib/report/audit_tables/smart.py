"""The SMART check of targets for readers: each target's figures (the target, the latest
result, the best comparable one, the step asked and made) and its checks in words."""

from __future__ import annotations

import pandas as pd

from kitlib.analysis.smart import SMART_CHECKS, SmartCheck, SmartReason
from kitlib.report.audit_tables.verdicts import (
    NOT_JUDGED,
    TARGET_FOR_KEYS,
    _missing,
    _name,
    _text,
    reason_heading,
    reasons_text,
    verdict_text,
)
from kitlib.report.formatting import format_gap, format_period, format_text, format_value
from kitlib.report.i18n import tr


def _figure(row, column: str, lang: str) -> str:
    value = row[column]
    if _missing(value):
        return ""
    decimals = 1 if _missing(row["decimals"]) else int(row["decimals"])
    return format_value(float(value), _text(row["unit_of_measure"]), decimals, lang)


def _current(row, lang: str) -> str:
    shown = _figure(row, "current_value", lang)
    if not shown:
        return f"{NOT_JUDGED} {tr('why_no_history', lang)}"
    return f"{shown} ({format_period(row['current_period'], lang)})"


def _best(row, lang: str) -> str:
    shown = _figure(row, "best_value", lang)
    if not shown:
        return NOT_JUDGED
    return f"{shown} ({format_text(_text(row['best_by_name']), lang)})"


def _step(row, column: str, lang: str) -> str:
    """An improvement as a size, ``2,4 prosentpoeng``: it is asked or made, never negative here."""
    if _missing(row[column]):
        return ""
    decimals = 1 if _missing(row["decimals"]) else int(row["decimals"])
    return format_gap(abs(float(row[column])), _text(row["unit_of_measure"]), decimals, lang).lstrip("+")


def smart_evidence(row, lang: str = "nb") -> dict[str, str]:
    """Per reason code, the figures that show it where the table has no column for them: a
    large step names the step asked and the largest one made (the current figure and the best
    comparable one stand in their own columns)."""
    asked, largest = _step(row, "asked_step", lang), _step(row, "largest_step", lang)
    if not (asked and largest):
        return {}
    return {str(SmartReason.LARGE_STEP): tr("smart_step_evidence", lang, asked=asked, largest=largest)}


def _smart_verdicts(row, lang: str) -> list[str]:
    evidence = smart_evidence(row, lang)
    return [
        verdict_text(row[str(c)], row[f"{c}_reason"], lang, n=row["met_years"], evidence=evidence)
        for c in SMART_CHECKS
    ]


def _smart_headers(lang: str) -> list[str]:
    checks = [tr(f"smart_{check}", lang) for check in SMART_CHECKS]
    return [
        tr("unit", lang), tr("indicator", lang), tr("target", lang), tr("smart_target_for", lang),
        tr("smart_current", lang), tr("smart_best", lang), *checks,
    ]  # fmt: skip


def smart_frame(
    check: pd.DataFrame, lang: str = "nb", *, unit_id: str | None = None, flagged_only: bool = False
) -> pd.DataFrame:
    """One row per target (of one unit, with `unit_id`): the target, whose it is, the latest
    result, the best comparable result, and each SMART check as symbol and words."""
    if unit_id is not None:
        check = check[check["unit_id"] == unit_id]
    if flagged_only:
        check = check[check["flagged"]]
    rows = []
    for _, row in check.iterrows():
        cells = [
            _name(row, lang, "unit_name") or _text(row["unit_id"]), _name(row, lang),
            _figure(row, "target", lang) or NOT_JUDGED,
            tr(TARGET_FOR_KEYS.get(row["target_for"], "smart_for_all"), lang),
            _current(row, lang), _best(row, lang), *_smart_verdicts(row, lang),
        ]  # fmt: skip
        rows.append(cells)
    return pd.DataFrame(rows, columns=_smart_headers(lang))


def smart_findings(row, lang: str = "nb") -> str:
    """The checks a target fails, each with why; the realism check's reasons speak for
    themselves ("already met in each of the last 5 years"), the others are named."""
    found = []
    for check in SMART_CHECKS:
        if _missing(row[str(check)]) or bool(row[str(check)]):
            continue
        why = reasons_text(
            row[f"{check}_reason"], lang, n=row["met_years"], evidence=smart_evidence(row, lang)
        )
        found.append(why if check == SmartCheck.REALISTIC else f"{tr(f'smart_{check}', lang)}: {why}")
    return "; ".join(found) or tr("audit_no_findings", lang)


def flagged_frame(check: pd.DataFrame, lang: str = "nb") -> pd.DataFrame:
    """The targets with findings only, a row each: unit, indicator, target, the latest result,
    the best comparable result, and the findings with their rule and evidence."""
    rows = [
        [
            _name(row, lang, "unit_name") or _text(row["unit_id"]), _name(row, lang),
            _figure(row, "target", lang) or NOT_JUDGED, _current(row, lang), _best(row, lang),
            smart_findings(row, lang),
        ]
        for _, row in check[check["flagged"]].iterrows()
    ]  # fmt: skip
    columns = [tr("unit", lang), tr("indicator", lang), tr("target", lang), tr("smart_current", lang),
               tr("smart_best", lang), tr("audit_findings", lang)]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def smart_reason_counts(check: pd.DataFrame, lang: str = "nb") -> str:
    """How many targets fail the realism check for each reason, most first:
    ``innenfor usikkerheten rundt siste resultat: 98 · ...``; '' when none does."""
    codes = check.loc[check["realistic"].eq(False).fillna(False), "realistic_reason"].str.split(";").explode()
    counts = codes[codes != ""].value_counts()
    return " · ".join(f"{reason_heading(code, lang)}: {n}" for code, n in counts.items())
