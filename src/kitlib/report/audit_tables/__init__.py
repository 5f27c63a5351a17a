"""The indicator audit, the indicators per unit and the SMART check of targets, for readers.

Three forms of the same tables, all with words from i18n and every verdict as symbol *and*
word (✔ oppfylt, ✘ with the reason, – cannot be judged), never colour alone:

- frames of text (``audit_frame``, ``load_frame``, ``smart_frame``) and HTML
  (``audit_section_html``, ``smart_html``) for the municipality notebook;
- plain aligned text for the terminal (``audit_report_text``, used by ``kitlib audit``);
- an Excel workbook (``audit_workbook``), headers in the reader's language (Norwegian by
  default) and figures as numbers, written the way report.workbook writes the scorecard.

One module per concern: the verdicts and reasons in words (verdicts), the audit and the
indicators per unit as frames (indicators), the SMART check as frames (smart), the HTML
(notebook_html), the terminal text (terminal) and the workbook (xlsx). Every name is
exported here, where it was while the package was one module.
"""

from kitlib.report.audit_tables.indicators import LOAD_COUNTS, audit_findings, audit_frame, load_frame
from kitlib.report.audit_tables.notebook_html import audit_section_html, frame_html, smart_html
from kitlib.report.audit_tables.smart import (
    flagged_frame,
    smart_evidence,
    smart_findings,
    smart_frame,
    smart_reason_counts,
)
from kitlib.report.audit_tables.terminal import NAME_WIDTH, UNIT_WIDTH, audit_report_text, text_table
from kitlib.report.audit_tables.verdicts import (
    FAILED,
    LOAD_LIMITS,
    NOT_JUDGED,
    PASSED,
    TARGET_FOR_KEYS,
    reason_heading,
    reasons_text,
    verdict_text,
)
from kitlib.report.audit_tables.xlsx import audit_workbook

__all__ = [
    "FAILED",
    "LOAD_COUNTS",
    "LOAD_LIMITS",
    "NAME_WIDTH",
    "NOT_JUDGED",
    "PASSED",
    "TARGET_FOR_KEYS",
    "UNIT_WIDTH",
    "audit_findings",
    "audit_frame",
    "audit_report_text",
    "audit_section_html",
    "audit_workbook",
    "frame_html",
    "load_frame",
    "reason_heading",
    "reasons_text",
    "smart_evidence",
    "smart_findings",
    "flagged_frame",
    "smart_frame",
    "smart_html",
    "smart_reason_counts",
    "text_table",
    "verdict_text",
]
