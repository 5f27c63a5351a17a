"""The audit tables as HTML for the municipality notebook: escaped tables with a class per
verdict (for print and screen styles; the symbol and words carry the meaning), headings and
legends."""

from __future__ import annotations

from html import escape

import pandas as pd

from kitlib.report.audit_tables.indicators import audit_frame, load_frame
from kitlib.report.audit_tables.smart import smart_frame, smart_reason_counts
from kitlib.report.audit_tables.verdicts import FAILED, NOT_JUDGED, PASSED, _text
from kitlib.report.i18n import tr


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
