"""Every view of the current selection in one static fragment, for a notebook exported
to HTML, where the live widgets cannot render."""

from __future__ import annotations

from html import escape

from kitlib.explorer.session import Selection, Session
from kitlib.explorer.views.base import LIVE_CLASS, selection_title
from kitlib.report.i18n import tr


def static_html(session: Session, sel: Selection, outputs: dict[str, str]) -> str:
    """The current selection's outputs as one static fragment: what a notebook exported to
    HTML shows where the live widgets cannot (they need a running kernel, and the page's
    widget scripts the internet). Its style rule hides it in an output area where the live
    app has rendered (JupyterLab, the classic notebook): there it would say everything twice."""
    lang = session.lang
    hide = (
        f"<style>.jp-OutputArea:has(.{LIVE_CLASS}) .kit-explore-static, "
        f".output:has(.{LIVE_CLASS}) .kit-explore-static {{ display: none; }}</style>"
    )
    head = hide + (
        f"<h2>{escape(tr('explore_title', lang))}: {escape(selection_title(session, sel))}</h2>"
        f'<p class="note">{escape(tr("explore_static_note", lang))}</p>'
    )
    order = ("sentences", "trend", "facts", "scorecard", "ranking", "heatmap")
    body = "".join(outputs[k] for k in order if k in outputs)
    return f'<section class="kit-explore-static tex2jax_ignore mathjax_ignore">{head}{body}</section>'
