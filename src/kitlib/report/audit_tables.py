"""The indicator audit, the indicators per unit and the SMART check of targets, for readers.

Three forms of the same tables, all with words from i18n and every verdict as symbol *and*
word (✔ oppfylt, ✘ with the reason, – cannot be judged), never colour alone:

- frames of text (``audit_frame``, ``load_frame``, ``smart_frame``) and HTML
  (``audit_section_html``, ``smart_html``) for the municipality notebook;
- plain aligned text for the terminal (``audit_report_text``, used by ``kitlib audit``);
- an Excel workbook (``audit_workbook``), headers in the reader's language (Norwegian by
  default) and figures as numbers, written the way report.workbook writes the scorecard.
"""

from __future__ import annotations

import io
import math
from html import escape

import pandas as pd

from kitlib.analysis.audit import (
    KS_TESTS,
    MAX_EMPLOYEE_ITEMS,
    MAX_INDICATORS,
    MAX_MEASURED_QUALITY,
    MAX_SURVEY_ITEMS,
    MIN_MEASURED_QUALITY,
    MIN_SURVEY_ITEMS,
    LoadFlag,
)
from kitlib.analysis.smart import (
    MET_YEARS,
    SMART_CHECKS,
    TARGET_FOR_ALL,
    TARGET_FOR_AREA,
    TARGET_FOR_UNIT,
    SmartCheck,
    SmartReason,
)
from kitlib.data.contract import ALL_SERVICE_AREAS
from kitlib.report.formatting import format_gap, format_number, format_period, format_text, format_value
from kitlib.report.i18n import tr, unit_word
from kitlib.report.workbook import FIXED_TIME, _fixed_zip_times, append_row

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
NAME_WIDTH, UNIT_WIDTH = 42, 30  # terminal columns: longer names end in "…"


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


# -- the indicator audit ------------------------------------------------------------------


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


# -- indicators per unit ----------------------------------------------------------------------

LOAD_COUNTS = (
    ("load_indicators", "indicators"), ("load_survey", "survey_items"), ("load_measured", "measured_quality"),
    ("load_employee", "employee_items"), ("load_with_target", "with_target"),
)  # fmt: skip


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


# -- the SMART check ------------------------------------------------------------------------


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


def smart_reason_counts(check: pd.DataFrame, lang: str = "nb") -> str:
    """How many targets fail the realism check for each reason, most first:
    ``innenfor usikkerheten rundt siste resultat: 98 · ...``; '' when none does."""
    codes = check.loc[check["realistic"].eq(False).fillna(False), "realistic_reason"].str.split(";").explode()
    counts = codes[codes != ""].value_counts()
    return " · ".join(f"{reasons_text(code, lang, n=MET_YEARS)}: {n}" for code, n in counts.items())


# -- HTML for the notebook --------------------------------------------------------------------


def frame_html(frame: pd.DataFrame, *, table_id: str, css_class: str, caption: str = "") -> str:
    """A frame of reader's text as an HTML table: escaped, the first column as row headers."""
    head = "".join(f'<th scope="col">{escape(str(c))}</th>' for c in frame.columns)
    lines = []
    for values in frame.itertuples(index=False):
        first, *rest = (escape(_text(v)) for v in values)
        cells = "".join(f"<td{_cell_class(v)}>{v}</td>" for v in rest)
        lines.append(f'<tr><th scope="row">{first}</th>{cells}</tr>')
    caption_html = f'<caption class="legend">{escape(caption)}</caption>' if caption else ""
    return (
        f'<table class="kit-table {escape(css_class)}" id="{escape(table_id)}">{caption_html}'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(lines)}</tbody></table>"
    )


def _cell_class(text: str) -> str:
    """A class per verdict, for print and screen styles; the symbol and words carry the meaning."""
    for symbol, name in ((PASSED, "passed"), (FAILED, "failed"), (NOT_JUDGED, "not-judged")):
        if text.startswith(symbol + " ") or text == symbol:
            return f' class="verdict {name}"'
    return ""


def smart_html(check: pd.DataFrame, lang: str = "nb", *, unit_id: str | None = None) -> str:
    """The SMART check as HTML: one unit's targets with `unit_id`, else every unit's."""
    year = _text(check["period"].iloc[0]) if len(check) else ""
    if check.empty or (unit_id is not None and not (check["unit_id"] == unit_id).any()):
        return f'<p class="empty">{escape(tr("smart_nothing", lang, year=year))}</p>'
    frame = smart_frame(check, lang, unit_id=unit_id)
    if unit_id is not None:
        frame = frame.drop(columns=[tr("unit", lang)])
    return frame_html(
        frame, table_id=f"smart-{unit_id or 'all'}", css_class="smart", caption=tr("audit_legend", lang)
    )


def audit_section_html(
    audit: pd.DataFrame,
    load: pd.DataFrame,
    check: pd.DataFrame,
    lang: str = "nb",
    *,
    unit_id: str | None = None,
) -> str:
    """The whole section for the municipality notebook: the audit, the indicators per unit
    and the SMART check (of one unit's targets with `unit_id`), with headings and legends."""
    year = _text(audit["year"].iloc[0]) if len(audit) else ""
    target_year = _text(check["period"].iloc[0]) if len(check) else ""
    flagged = int((audit["failed"] > 0).sum())
    shown = check if unit_id is None else check[check["unit_id"] == unit_id]
    smart_flagged = int(shown["flagged"].sum())
    legend = tr("audit_legend", lang)
    parts = [
        f"<h2>{escape(tr('audit_title', lang, year=year))}</h2>",
        f"<p>{escape(tr('audit_summary', lang, flagged=flagged, total=len(audit)))}</p>",
        frame_html(audit_frame(audit, lang), table_id="audit", css_class="audit", caption=legend),
        f"<h2>{escape(tr('load_title', lang, year=year))}</h2>",
        f"<p>{escape(tr('load_advice', lang))}</p>",
        frame_html(load_frame(load, lang), table_id="audit-load", css_class="audit-load"),
        f"<h2>{escape(tr('smart_title', lang, year=target_year))}</h2>",
        f"<p>{escape(tr('smart_intro', lang))} "
        f"{escape(tr('smart_summary', lang, flagged=smart_flagged, total=len(shown)))}</p>",
        f"<p>{escape(smart_reason_counts(shown, lang))}</p>" if smart_flagged else "",
        smart_html(check, lang, unit_id=unit_id),
    ]  # fmt: skip
    return "\n".join(parts)


# -- plain text for the terminal --------------------------------------------------------------


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
    indicator, area, unit = tr("indicator", lang), tr("service_area", lang), tr("unit", lang)
    findings = tr("audit_findings", lang)
    audit_rows = pd.DataFrame(
        [
            [
                _name(row, lang),
                _area(row["service_area"], lang),
                _passed(row, lang),
                audit_findings(row, lang),
            ]
            for _, row in audit.iterrows()
        ],
        columns=[indicator, area, tr("audit_passed", lang), findings],
    )
    flagged = int((audit["failed"] > 0).sum())
    parts = [
        tr("audit_title", lang, year=year),
        tr("audit_legend", lang),
        tr("audit_summary", lang, flagged=flagged, total=len(audit)),
        "",
        text_table(audit_rows, {indicator: NAME_WIDTH}),
        "",
        tr("load_title", lang, year=year),
        tr("load_advice", lang),
        "",
        text_table(load_frame(load, lang), {unit: UNIT_WIDTH}),
        "",
    ]
    if check.empty:
        parts.append(tr("smart_nothing", lang, year=target_year))
        return "\n".join(parts) + "\n"
    shown = check[check["flagged"]]
    best = tr("smart_best", lang)
    smart_rows = pd.DataFrame(
        [
            [
                _name(row, lang, "unit_name") or _text(row["unit_id"]), _name(row, lang),
                _figure(row, "target", lang) or NOT_JUDGED, _current(row, lang), _best(row, lang),
                smart_findings(row, lang),
            ]
            for _, row in shown.iterrows()
        ],
        columns=[unit, indicator, tr("target", lang), tr("smart_current", lang), best, findings],
    )  # fmt: skip
    parts += [
        tr("smart_title", lang, year=target_year),
        tr("smart_intro", lang),
        tr("smart_summary", lang, flagged=len(shown), total=len(check)),
        smart_reason_counts(check, lang),
        "",
    ]
    if len(shown):
        parts.append(text_table(smart_rows, {unit: UNIT_WIDTH, indicator: NAME_WIDTH, best: 36}))
    return "\n".join(parts) + "\n"


# -- the workbook ---------------------------------------------------------------------------


def _number_format(decimals) -> str:
    places = 1 if _missing(decimals) else int(decimals)
    return "0" if places == 0 else "0." + "0" * places


def audit_workbook(audit: pd.DataFrame, load: pd.DataFrame, check: pd.DataFrame, lang: str = "nb") -> bytes:
    """The audit, the indicators per unit and the SMART check as one .xlsx (three sheets):
    headers in `lang`, verdicts as symbol and words, figures as numbers with their decimals,
    missing figures as empty cells (never 0). The bytes are the same on every run."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    frame = audit_frame(audit, lang)
    extra = [tr("audit_units", lang), tr("audit_median_n", lang), tr("audit_series_years", lang)]
    rows = [
        (
            [*values, _int(row["units"]), _float(row["median_n"]), _int(row["series_years"])],
            {len(values) + 2: "0"},
        )
        for values, (_, row) in zip(frame.itertuples(index=False), audit.iterrows())
    ]
    _sheet(book, tr("audit_sheet", lang), [*frame.columns, *extra], rows, widths=(44, 16))

    frame = load_frame(load, lang)
    count_columns = {tr(key, lang): column for key, column in LOAD_COUNTS}
    rows = []
    for values, (_, row) in zip(frame.itertuples(index=False), load.iterrows()):
        cells = [
            _int(row[count_columns[c]]) if c in count_columns else v for c, v in zip(frame.columns, values)
        ]
        rows.append((cells, {}))
    _sheet(book, tr("load_sheet", lang), list(frame.columns), rows, widths=(36, 16))

    headers = [
        tr("unit", lang), tr("indicator", lang), tr("target", lang), tr("xlsx_unit_of_measure", lang),
        tr("smart_target_for", lang), tr("smart_current_period", lang), tr("smart_current", lang),
        tr("smart_noise", lang), tr("smart_best", lang), tr("smart_best_by", lang),
        tr("smart_asked_step", lang), tr("smart_largest_step", lang),
        *[tr(f"smart_{c}", lang) for c in SMART_CHECKS],
    ]  # fmt: skip
    rows = []
    for _, row in check.iterrows():
        fmt = _number_format(row["decimals"])
        cells = [
            _name(row, lang, "unit_name") or _text(row["unit_id"]), _name(row, lang), _float(row["target"]),
            _unit_of_measure(row, lang), tr(TARGET_FOR_KEYS.get(row["target_for"], "smart_for_all"), lang),
            format_period(row["current_period"], lang) if _text(row["current_period"]) else None,
            _float(row["current_value"]), _float(row["noise"]), _float(row["best_value"]),
            _text(row["best_by_name"]) or None, _float(row["asked_step"]), _float(row["largest_step"]),
            *_smart_verdicts(row, lang),
        ]  # fmt: skip
        rows.append((cells, {3: fmt, 7: fmt, 8: fmt, 9: fmt, 11: fmt, 12: fmt}))
    _sheet(book, tr("smart_sheet", lang), headers, rows, widths=(36, 44))
    book.properties.created = book.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_zip_times(buffer.getvalue())


def _unit_of_measure(row, lang: str) -> str:
    """As the scorecard workbook writes it: the reader's word (``kr``, ``dager``), else as given."""
    unit = _text(row["unit_of_measure"])
    return format_text(unit_word(unit, lang) or unit, lang)


def _int(value):
    return None if _missing(value) else int(value)


def _float(value):
    return None if _missing(value) else float(value)


def _sheet(book, title: str, headers: list[str], rows, *, widths=()) -> None:
    """One sheet: bold headers, frozen first row and column, `rows` as (cells, {column: format})."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title[:31])
    append_row(sheet, headers)  # text stays text: never a formula
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cells, formats in rows:
        append_row(sheet, cells)
        for column, number_format in formats.items():
            sheet.cell(row=sheet.max_row, column=column).number_format = number_format
    sheet.freeze_panes = "B2"
    for position in range(1, len(headers) + 1):
        default = 22 if position > len(widths) else widths[position - 1]
        sheet.column_dimensions[get_column_letter(position)].width = default
