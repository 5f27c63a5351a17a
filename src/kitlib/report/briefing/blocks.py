"""The building blocks every note shares (the unit's, the service area's, the municipality's):
a section as one block, a table in its own scrolling box, the title block and its line of
key figures, and a text from the data folder as escaped text."""

from __future__ import annotations

import dataclasses
import functools
from html import escape

import pandas as pd

from kitlib.report.formatting import format_date, format_indicator_value, format_text
from kitlib.report.i18n import COUNTED_UNITS, tr
from kitlib.report.narrative import in_sentence
from kitlib.report.views import Section


def section(method=None, *, css: str = ""):
    """A section of the note as one block (a method returning its HTML, or a `Section` with
    the objects behind it). Its text is the data's, so JupyterLab must not typeset '$...$'
    in it as math (MathJax skips tex2jax_ignore / mathjax_ignore). `css` adds classes, e.g.
    ``detail-start``: on paper the detail begins on a new page."""
    if method is None:
        return functools.partial(section, css=css)
    classes = " ".join(filter(None, ("kit-section", css, "tex2jax_ignore mathjax_ignore")))

    @functools.wraps(method)
    def wrapper(self) -> Section:
        part = method(self)
        part = part if isinstance(part, Section) else Section(part)
        html = f'<div class="{classes}">{part.html}</div>' if part.html else ""
        return dataclasses.replace(part, html=html)

    return wrapper


def scrolling(table: str) -> str:
    """A table in its own box: on a phone it scrolls sideways there, never the page."""
    return f'<div class="table-scroll">{table}</div>'


def title_block(
    kicker: str, name: str, facts: list[str], lang: str, data_date: str = "", figures: str = ""
) -> str:
    """A note's title block: kicker, name, key figures (HTML), facts and the date of the data."""
    if data_date:
        facts = [*facts, tr("generated_from", lang, date=format_date(data_date, lang))]
    return (
        f'<header class="briefing-title"><p class="kicker">{escape(kicker)}</p>'
        f'<h1 class="unit-name">{escape(name)}</h1>{figures}'
        f'<p class="facts">{escape(" · ".join(facts))}</p></header>'
    )


def key_figures_line(rows: pd.DataFrame, lang: str) -> str:
    """'72 barn · 16,5 årsverk · budsjett 18 400 000 kr': a figure whose unit says what it
    counts reads by itself; any other (kroner, %) follows its name."""
    parts = []
    for _, row in rows.iterrows():
        shown = format_indicator_value(row["value"], row, lang)
        counted = str(row["unit_of_measure"]).strip().lower() in COUNTED_UNITS
        parts.append(shown if counted else f"{in_sentence(format_text(row['name'], lang))} {shown}")
    if not parts:
        return ""
    line = " · ".join(parts)
    return f'<p class="key-figures">{escape(line[0].upper() + line[1:])}</p>'


def _plain_text(text: str) -> str:
    """A text from the data folder as text: escaped, its line breaks kept."""
    return "<br>".join(escape(line.strip()) for line in str(text).splitlines())
