"""The views of the current unit: its sentences ("Kort fortalt") and its scorecard."""

from __future__ import annotations

from html import escape

from kitlib.explorer.session import Selection, Session
from kitlib.explorer.views.base import MARKED, _empty, _results, _unit_name, block
from kitlib.report.i18n import perspective_name, tr
from kitlib.report.narrative import summary_sentences
from kitlib.report.tables import SCORECARD_HEADERS, scorecard_table


def sentences_html(session: Session, sel: Selection) -> str:
    """The current unit's sentences ("Kort fortalt") for the results year (kitlib.report.narrative)."""
    lang = session.lang
    if not sel.unit:
        return block(_empty(tr("explore_pick_unit", lang)), "sentences")
    cfg = session.data.config
    sentences = summary_sentences(
        _results(session.own(sel.unit, sel.end)), sel.end, lang, session.groups["peer_group"],
        cfg.setting("budget.underspend_warning"), cfg.thresholds.min_respondents,
    )  # fmt: skip
    heading = f"{tr('summary', lang)}: {_unit_name(session, sel.unit)}, {sel.end}"
    items = "".join(f"<li>{escape(s)}</li>" for s in sentences)
    return block(f'<h3>{escape(heading)}</h3><ul class="summary">{items}</ul>', "sentences")


def scorecard_html(session: Session, sel: Selection) -> str:
    """The current unit's scorecard for the results year (kitlib.report.tables), the selected
    indicator's row marked."""
    lang = session.lang
    if not sel.unit:
        return block(_empty(tr("explore_pick_unit", lang)), "scorecard")
    own = _results(session.own(sel.unit, sel.end))
    cfg = session.data.config
    names = {p: perspective_name(p, lang, cfg) for p in own["perspective"].unique()}
    compared = own["peer_median"].notna().any()
    headers = SCORECARD_HEADERS if compared else tuple(h for h in SCORECARD_HEADERS if h != "units")
    table = scorecard_table(own, names, lang, min_n=cfg.thresholds.min_respondents, headers=headers)
    row = f'<tr data-indicator="{escape(sel.indicator)}"'
    table = table.replace(f"{row}>", f"{row}{MARKED}>", 1)
    heading = f"{tr('scorecard', lang)}: {_unit_name(session, sel.unit)}, {sel.end}"
    return block(f"<h3>{escape(heading)}</h3>{table}", "scorecard")
