"""What every view of the explorer shares: the fragment around a view's HTML, the
markers of the chosen cells, and the lookups of a unit's or indicator's name and row."""

from __future__ import annotations

from html import escape

import pandas as pd

from kitlib.data.contract import CONTEXT_TYPE, MISSING_SYMBOLS
from kitlib.explorer.session import Selection, Session
from kitlib.report.formatting import format_text
from kitlib.report.i18n import tr

MARKED = ' class="chosen" style="background:#fff4d6"'  # the chosen units' and indicator's cells
LIVE_CLASS = "kit-explore-app"  # the class of the rendered app (see static_html)
# the comparison keys -> the phrase that names them, and the scorecard's column of their value
COMPARISON_WORDS = {"peers": "other_units", "peer_group": "peer_group", "national": "national"}


def block(html: str, css: str = "") -> str:
    """A view's fragment; its text is the data's, so JupyterLab must not typeset '$...$' in it."""
    classes = " ".join(filter(None, ("kit-explore", css, "tex2jax_ignore mathjax_ignore")))
    return f'<div class="{classes}">{html}</div>'


def _empty(text: str) -> str:
    return f'<p class="empty">{escape(text)}</p>'


def _results(own: pd.DataFrame) -> pd.DataFrame:
    """The unit's results: its own rows without key figures (never judged, ranked or counted)."""
    return own[own["indicator_type"] != CONTEXT_TYPE]


def _row(session: Session, unit_id: str, sel: Selection):
    """The unit's scorecard row of the selected indicator for the results year, or None."""
    return session.row(unit_id, sel.end, sel.indicator)


def _unit_name(session: Session, unit_id: str) -> str:
    return str(session.names.get(unit_id, unit_id))


def indicator_name(session: Session, indicator_id: str) -> str:
    if indicator_id not in session.indicators.index:
        return indicator_id
    return format_text(str(session.indicators.at[indicator_id, "name"]), session.lang)


def _missing_text(row, lang: str, min_n: int) -> str:
    """Why a row has no figure, in words: too few answers, not yet available, no data."""
    if row is None:
        return f"– {tr('no_data', lang)}"
    if bool(row.get("suppressed", False)):
        return tr("too_few", lang, n=min_n)
    status = row.get("value_status") or ""
    return "– " + tr(f"missing_{status}" if status in MISSING_SYMBOLS else "no_data", lang)


def selection_title(session: Session, sel: Selection) -> str:
    names = ", ".join(_unit_name(session, u) for u in sel.units)
    parts = [names, sel.area, indicator_name(session, sel.indicator), f"{sel.start}–{sel.end}"]
    return " · ".join(p for p in parts if p)
