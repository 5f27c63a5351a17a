"""A section shows the page's HTML in a notebook and keeps the objects behind it."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.figure import Figure

from kitlib import prepare_briefing
from kitlib.report.views import Section, markdown_list, visible_text


def test_an_empty_section_shows_nothing(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: shown.append(a))
    Section("")._ipython_display_()
    assert shown == []
    Section("<p>x</p>", markdown="x")._ipython_display_()
    bundle = shown[0][0]
    assert (
        bundle["text/html"] == "<p>x</p>" and bundle["text/markdown"] == "x" and bundle["text/plain"] == "x"
    )


def test_visible_text_reads_text_and_alt_texts_not_markup():
    html = '<h2>Mål</h2><p>Sykefravær &lt;10 %</p><figure><img src="data:x" alt="Linje: 9,2 %"></figure>'
    assert visible_text(html) == "Mål\nSykefravær <10 %\nLinje: 9,2 %"


def test_markdown_escapes_the_data_s_own_characters():
    text = markdown_list(["Mål *nådd* for [A] $5", "B &amp; C"])
    assert text == "- Mål \\*nådd\\* for \\[A\\] \\$5\n- B & C"


@pytest.fixture(scope="module")
def note():
    return prepare_briefing("", "shj-berg-dal", 2025, "nb")


def test_every_section_keeps_what_it_shows(note):
    sections = dict(zip(note.SECTIONS, note.sections()))
    assert list(sections["scorecard"].frame["indicator_id"]) == list(note.own["indicator_id"])
    charts = sections["trend_charts"]
    assert charts.figures and all(isinstance(f, Figure) for f in charts.figures)
    drawn = {t.get_text() for f in charts.figures for ax in f.axes for t in ax.texts}
    # every plotted indicator is in the frame, with its values
    assert set(charts.frame["indicator"]) and charts.frame["value"].notna().any()
    assert drawn
    # sick leave has limits: its XmR chart replaces the tertial bars, with the chart's rows kept
    variation = sections["variation"]
    assert variation.figures and {"centre", "lower", "upper", "point"} <= set(variation.frame.columns)
    assert variation.frame["period"].str.contains("T|M").all() and not sections.pop("sick_leave")
    assert not sections.pop("budget")  # its spending per month is an XmR chart too
    assert sections["summary"].markdown.startswith("## Kort fortalt\n\n- ")
    assert isinstance(sections["overview"].frame, pd.DataFrame)
    for name, part in sections.items():
        assert part.html.startswith('<div class="kit-section'), name


def test_a_section_reads_as_its_page_does(note):
    section = note.scorecard_section()
    assert section._repr_html_() == section.html == str(section)
    first = section.text.split("\n")[0]
    assert first == "Målekart"
    assert "<" not in section.text and "Sykefravær" in section.text
