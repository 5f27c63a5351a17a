"""The indicator audit (KS's tests per indicator) and the indicators per unit, as frames of
the reader's text: the rows every other form (HTML, terminal, workbook) is made from."""

from __future__ import annotations

import pandas as pd

from kitlib.analysis.audit import KS_TESTS
from kitlib.report.audit_tables.verdicts import _area, _missing, _name, reasons_text, verdict_text
from kitlib.report.formatting import format_number
from kitlib.report.i18n import tr

LOAD_COUNTS = (
    ("load_indicators", "indicators"), ("load_survey", "survey_items"), ("load_measured", "measured_quality"),
    ("load_employee", "employee_items"), ("load_with_target", "with_target"),
)  # fmt: skip


def audit_frame(audit: pd.DataFrame, lang: str = "nb") -> pd.DataFrame:
    """One row per indicator: name, service area, each of KS's tests as symbol and words,
    and how many of the tests that could be judged it passes."""
    rows = []
    for _, row in audit.iterrows():
        cells = {
            tr("indicator", lang): _name(row, lang),
            tr("service_area", lang): _area(row["service_area"], lang),
        }
        for test in KS_TESTS:
            cells[tr(f"audit_{test}", lang)] = verdict_text(row[str(test)], row[f"{test}_reason"], lang)
        cells[tr("audit_passed", lang)] = _passed(row, lang)
        rows.append(cells)
    return pd.DataFrame(rows, columns=_audit_headers(lang))


def _audit_headers(lang: str) -> list[str]:
    tests = [tr(f"audit_{test}", lang) for test in KS_TESTS]
    return [tr("indicator", lang), tr("service_area", lang), *tests, tr("audit_passed", lang)]


def _passed(row, lang: str) -> str:
    return tr("audit_passed_n", lang, passed=int(row["passed"]), judged=int(row["judged"]))


def audit_findings(row, lang: str = "nb") -> str:
    """The tests an indicator fails, each with why: ``Relevant: uten mål; Sammenliknbar: ...``."""
    found = [
        f"{tr(f'audit_{test}', lang)}: {reasons_text(row[f'{test}_reason'], lang)}"
        for test in KS_TESTS
        if not _missing(row[str(test)]) and not bool(row[str(test)])
    ]
    return "; ".join(found) or tr("audit_no_findings", lang)


def load_frame(load: pd.DataFrame, lang: str = "nb") -> pd.DataFrame:
    """Per result unit: its counts of indicators and, in words, where they depart from KS's advice."""
    rows = []
    for _, row in load.iterrows():
        cells = {
            tr("unit", lang): _name(row, lang),
            tr("service_area", lang): _area(row["service_area"], lang),
        }
        for key, column in LOAD_COUNTS:
            cells[tr(key, lang)] = format_number(int(row[column]), 0, lang)
        cells[tr("audit_findings", lang)] = reasons_text(row["flags"], lang) or tr("audit_no_findings", lang)
        rows.append(cells)
    columns = [tr("unit", lang), tr("service_area", lang), *[tr(k, lang) for k, _ in LOAD_COUNTS]]
    return pd.DataFrame(rows, columns=[*columns, tr("audit_findings", lang)])
