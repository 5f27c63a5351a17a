"""The audit as plain aligned text for the terminal: what ``kitlib audit`` prints."""

from __future__ import annotations

import pandas as pd

from kitlib.report.audit_tables.indicators import _passed, audit_findings, load_frame
from kitlib.report.audit_tables.smart import flagged_frame, smart_reason_counts
from kitlib.report.audit_tables.verdicts import _area, _name, _text
from kitlib.report.i18n import tr

NAME_WIDTH, UNIT_WIDTH = 42, 30  # terminal columns: longer names end in "…"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def text_table(frame: pd.DataFrame, widths: dict[str, int] | None = None) -> str:
    """A frame of text as aligned plain text: a header, a rule, one line per row. Columns in
    `widths` are cut to that many characters; the last column is never cut."""
    widths = widths or {}
    columns = list(frame.columns)
    cells = [
        [_clip(_text(v), widths.get(c, 10**6)) for c, v in zip(columns, row)]
        for row in frame.itertuples(index=False)
    ]
    size = [max([len(str(c)), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    right = [bool(cells) and all(_looks_numeric(r[i]) for r in cells) for i in range(len(columns))]

    def line(values) -> str:
        parts = [
            (v.rjust(size[i]) if right[i] else v.ljust(size[i])) if i < len(values) - 1 else v
            for i, v in enumerate(values)
        ]
        return "  ".join(parts).rstrip()

    rule = "  ".join("─" * s for s in size)
    return "\n".join([line([str(c) for c in columns]), rule, *(line(r) for r in cells)])


def _looks_numeric(text: str) -> bool:
    return (
        bool(text) and text.replace("\u00a0", "").replace(",", "").replace(".", "").replace("−", "").isdigit()
    )


def audit_report_text(audit: pd.DataFrame, load: pd.DataFrame, check: pd.DataFrame, lang: str = "nb") -> str:
    """What ``kitlib audit`` prints: the audit, the indicators per unit and the targets with findings."""
    year = _text(audit["year"].iloc[0]) if len(audit) else ""
    target_year = _text(check["period"].iloc[0]) if len(check) else ""
    parts = [*_audit_lines(audit, year, lang), *_load_lines(load, year, lang)]
    if check.empty:
        parts.append(tr("smart_nothing", lang, year=target_year))
        return "\n".join(parts) + "\n"
    return "\n".join([*parts, *_smart_lines(check, target_year, lang)]) + "\n"


def _audit_lines(audit: pd.DataFrame, year: str, lang: str) -> list[str]:
    """The audit's heading, legend and summary, and a line per indicator with its findings."""
    indicator, findings = tr("indicator", lang), tr("audit_findings", lang)
    rows = pd.DataFrame(
        [
            [_name(row, lang), _area(row["service_area"], lang), _passed(row, lang),
             audit_findings(row, lang)]
            for _, row in audit.iterrows()
        ],
        columns=[indicator, tr("service_area", lang), tr("audit_passed", lang), findings],
    )  # fmt: skip
    flagged = int((audit["failed"] > 0).sum())
    return [
        tr("audit_title", lang, year=year),
        tr("audit_legend", lang),
        tr("audit_summary", lang, flagged=flagged, total=len(audit)),
        "",
        text_table(rows, {indicator: NAME_WIDTH}),
        "",
    ]


def _load_lines(load: pd.DataFrame, year: str, lang: str) -> list[str]:
    """The indicators per unit: heading, KS's advice and the table."""
    return [
        tr("load_title", lang, year=year),
        tr("load_advice", lang),
        "",
        text_table(load_frame(load, lang), {tr("unit", lang): UNIT_WIDTH}),
        "",
    ]


def _smart_lines(check: pd.DataFrame, target_year: str, lang: str) -> list[str]:
    """The SMART check: heading, summary, the reasons counted, and the targets with findings only
    (a terminal has no room for the ones that pass)."""
    shown = check[check["flagged"]]
    rows = flagged_frame(check, lang)
    parts = [
        tr("smart_title", lang, year=target_year),
        tr("smart_intro", lang),
        tr("smart_summary", lang, flagged=len(shown), total=len(check)),
        smart_reason_counts(check, lang),
        "",
    ]
    if len(shown):
        unit, indicator, best = tr("unit", lang), tr("indicator", lang), tr("smart_best", lang)
        parts.append(text_table(rows, {unit: UNIT_WIDTH, indicator: NAME_WIDTH, best: 36}))
    return parts
