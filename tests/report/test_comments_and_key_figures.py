"""The unit's own words and its context figures in the briefing note, as a reader sees them.

comments.csv: a section "Enhetens vurdering og tiltak" (whole unit first, then per indicator,
assessment before measures), a marker in the scorecard, texts shown as text. Context figures
(indicator_type kontekst): in the title block, in the note's language and number format, and
nowhere among the unit's results (scorecard, "Kort fortalt", the run index's counts).
"""

from __future__ import annotations

import re
from html import unescape
from types import SimpleNamespace

import pytest
from conftest import write_folder

from kitlib import load_data, prepare_briefing
from kitlib.analysis.scorecard import prepared_values
from kitlib.batch.plan import UnitJob
from kitlib.batch.unit_runner import UnitRunner

NBSP = "\u00a0"
CONTEXT_INDICATORS = """
    barn,Barn,*,brukere,Fagsystemet,kontekst,barn,none,nei,Barn per 15. desember
    aarsverk,Årsverk,*,medarbeidere,Personalsystemet,kontekst,årsverk,none,nei,Avtalte årsverk
    budsjett,Budsjett,*,okonomi,Regnskapet,kontekst,NOK,none,nei,Justert netto driftsbudsjett
"""
CONTEXT_VALUES = """
    alna,barn,2007,70,
    alna,barn,2008,72,
    alna,aarsverk,2007,16.1,
    alna,aarsverk,2008,16.5,
    alna,budsjett,2007,17900000,
    alna,budsjett,2008,18400000,
"""
COMMENTS = """
    unit_id,period,indicator_id,kind,text
    alna,2008,sykefravaer,tiltak,Nærværsprosjekt med NAV fra mars.
    alna,2008,sykefravaer,vurdering,Fraværet er høyest i første tertial.
    alna,2008,,vurdering,Et år med omstilling.
    alna,2008,sykefravaer,tiltak,Faste vikarer på natt.
    alna,2007,forbruk,vurdering,Et gammelt år som ikke skal vises.
    alna,2008,,tiltak,Ny turnus fra høsten.
"""


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.strip().splitlines()]


def add_rows(path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n".join(lines(text)) + "\n")


@pytest.fixture
def alna_with_context(alna_folder):
    """Alna with its size, FTEs and budget (decimals: 0, 1 and 0)."""
    indicators = alna_folder / "indicators.csv"
    rows = indicators.read_text(encoding="utf-8").splitlines()
    decimals = {"barn": "0", "aarsverk": "1", "budsjett": "0"}
    extra = [f"{line},{decimals[line.split(',')[0]]}" for line in lines(CONTEXT_INDICATORS)]
    indicators.write_text(
        "\n".join([rows[0] + ",decimals", *(r + "," for r in rows[1:]), *extra]) + "\n", encoding="utf-8"
    )
    add_rows(alna_folder / "values.csv", CONTEXT_VALUES)
    return alna_folder


@pytest.fixture
def alna_with_comments(alna_with_context):
    return write_folder(alna_with_context, comments=COMMENTS)


def scorecard_row(html: str, indicator: str) -> str:
    return html.split(f'data-indicator="{indicator}"')[1].split("</tr>")[0]


def visible(markup: str) -> str:
    """The text a reader sees, tags gone, spaces (not the no-break ones) collapsed."""
    return unescape(re.sub(r"[ \t\n]+", " ", re.sub(r"<[^>]+>", " ", markup))).strip()


# -- the unit's assessment and measures ------------------------------------------------------


def test_comments_section_whole_unit_first_then_per_indicator_assessment_before_measures(alna_with_comments):
    note = prepare_briefing(alna_with_comments, "alna", 2008, "nb")
    html = note.comments_section().html
    assert html.startswith('<div class="kit-section tex2jax_ignore mathjax_ignore"><h2 id="comments">')
    assert '<h2 id="comments">Enhetens vurdering og tiltak</h2>' in html
    assert visible(html) == (
        "Enhetens vurdering og tiltak "
        "Enhetens egen vurdering av resultatene i 2008, og tiltakene den planlegger. "
        "Enheten som helhet Vurdering: Et år med omstilling. Tiltak: Ny turnus fra høsten. "
        f"Sykefravær 10,1{NBSP}% · mål 9,9{NBSP}% · ◐ nesten "
        "Vurdering: Fraværet er høyest i første tertial. "
        "Tiltak: Nærværsprosjekt med NAV fra mars. Faste vikarer på natt."
    )
    assert "gammelt år" not in html  # 2007's comment belongs to 2007's note
    assert html.index('id="comments-unit"') < html.index('id="comment-sykefravaer"')
    # two measures are a list, in the order the unit wrote them
    assert "<ul><li>Nærværsprosjekt med NAV fra mars.</li><li>Faste vikarer på natt.</li></ul>" in html


def test_comments_section_in_danish_and_english(alna_with_comments):
    danish = visible(prepare_briefing(alna_with_comments, "alna", 2008, "da").comments_section().html)
    assert danish.startswith("Enhedens vurdering og tiltag")
    assert "Enheden som helhed Vurdering: Et år med omstilling. Tiltag: Ny turnus fra høsten." in danish
    english = visible(prepare_briefing(alna_with_comments, "alna", 2008, "en").comments_section().html)
    assert english.startswith("The unit's assessment and measures")
    assert "The unit as a whole Assessment: Et år med omstilling. Measures: Ny turnus fra høsten." in english
    assert "Sykefravær 10.1% · target 9.9% · ◐ near" in english


def test_scorecard_marks_an_indicator_the_unit_has_commented_on(alna_with_comments):
    note = prepare_briefing(alna_with_comments, "alna", 2008, "nb")
    html = note.scorecard_section().html
    marked = scorecard_row(html, "sykefravaer")
    assert '<a href="#comment-sykefravaer">✎ Se enhetens kommentar</a>' in marked
    assert 'id="comment-sykefravaer"' in note.comments_section().html  # the link's target
    # the marker sits in the indicator's cell, under its name
    assert re.search(r'<th scope="row" class="indicator">Sykefravær<br><small class="comment-ref">', marked)
    assert "comment-ref" not in scorecard_row(html, "forbruk")  # its comment is 2007's
    assert "comment-ref" not in scorecard_row(html, "brukertilfredshet")
    english = prepare_briefing(alna_with_comments, "alna", 2008, "en").scorecard_section().html
    assert "✎ See the unit&#x27;s comment" in scorecard_row(english, "sykefravaer")


def test_comment_texts_are_text_never_html_markdown_or_tex(alna_with_context):
    write_folder(
        alna_with_context,
        comments="""
            unit_id,period,indicator_id,kind,text
            alna,2008,,vurdering,<script>alert('x')</script> **viktig** og $x$ kroner & <b>fet</b>
        """,
    )
    html = prepare_briefing(alna_with_context, "alna", 2008, "nb").comments_section().html
    assert "<script" not in html and "<b>" not in html
    assert (
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; **viktig** og $x$ kroner &amp; &lt;b&gt;fet&lt;/b&gt;"
        in html
    )
    # the notebook's MathJax would typeset $x$ as math: the section is marked to be left alone
    section = re.search(r'<div class="comments ([^"]*)">(.*)</div>', html, flags=re.S)
    assert {"tex2jax_ignore", "mathjax_ignore"} <= set(section.group(1).split())
    assert "$x$" in section.group(2)


def test_a_comment_for_a_tertial_of_the_year_is_shown_with_its_period(alna_with_context):
    write_folder(
        alna_with_context,
        comments="""
            unit_id,period,indicator_id,kind,text
            alna,2008T2,sykefravaer,tiltak,Sommervikarer på plass tidlig.
            alna,2008,sykefravaer,tiltak,Nærværsprosjekt.
            alna,2009T1,sykefravaer,tiltak,Neste år.
        """,
    )
    html = prepare_briefing(alna_with_context, "alna", 2008, "nb").comments_section().html
    assert (
        '<ul><li><span class="period">2.\u00a0tertial\u00a02008</span> Sommervikarer på plass tidlig.</li>'
        "<li>Nærværsprosjekt.</li></ul>" in html
    )
    assert "Neste år" not in html


def test_a_line_break_in_a_comment_starts_a_new_line(alna_with_context):
    (alna_with_context / "comments.csv").write_text(
        'unit_id,period,indicator_id,kind,text\nalna,2008,,vurdering,"Første linje.\nAndre <linje>."\n',
        encoding="utf-8",
    )
    html = prepare_briefing(alna_with_context, "alna", 2008, "nb").comments_section().html
    assert "Første linje.<br>Andre &lt;linje&gt;." in html


def test_without_comments_for_the_year_the_section_is_left_out_or_says_the_unit_wrote_none(synthetic_folder):
    assert prepare_briefing(synthetic_folder, "bhg-b", 2024, "nb").comments_section().html == ""
    write_folder(
        synthetic_folder,
        comments="""
            unit_id,period,indicator_id,kind,text
            bhg-a,2024,laerere,vurdering,Vi har rekruttert to barnehagelærere.
        """,
    )
    other = prepare_briefing(synthetic_folder, "bhg-b", 2024, "nb")
    assert visible(other.comments_section().html) == (
        "Enhetens vurdering og tiltak Enheten har ikke skrevet noen vurdering eller tiltak for 2024."
    )
    assert "comment-ref" not in other.scorecard_section().html
    assert prepare_briefing(synthetic_folder, "bhg-a", 2023, "nb").comments_section().html == ""
    unit = prepare_briefing(synthetic_folder, "bhg-a", 2024, "nb")
    assert "Andel barnehagelærere" in unit.comments_section().html
    assert "comment-ref" in scorecard_row(unit.scorecard_section().html, "laerere")


def test_the_sample_shows_its_comments_in_the_nursing_homes_note(sample_data):
    note = prepare_briefing("", "shj-berg-dal", 2025, "nb")
    text = visible(note.comments_section().html)
    assert text.startswith("Enhetens vurdering og tiltak")
    assert "Enheten som helhet Vurdering: 2025 har vært et krevende år." in text
    assert "Sykefravær 13,2" in text and "Tiltak:" in text
    assert "comment-ref" in scorecard_row(note.scorecard_section().html, "sykefravaer")


# -- context figures -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang,expected",
    [
        ("nb", f"72{NBSP}barn · 16,5{NBSP}årsverk · budsjett 18{NBSP}400{NBSP}000{NBSP}kr"),
        ("da", f"72{NBSP}børn · 16,5{NBSP}årsværk · budsjett 18.400.000{NBSP}kr"),
        ("en", f"72{NBSP}children · 16.5{NBSP}FTEs · budsjett 18,400,000{NBSP}kr"),
    ],
)
def test_the_title_block_shows_the_units_context_figures_of_the_year(alna_with_context, lang, expected):
    title = prepare_briefing(alna_with_context, "alna", 2008, lang).title_section().html
    assert f'<p class="key-figures">{expected}</p>' in title
    assert title.index("unit-name") < title.index("key-figures") < title.index('class="facts"')
    earlier = prepare_briefing(alna_with_context, "alna", 2007, lang).title_section().html
    assert "17" in re.search(r'<p class="key-figures">(.*?)</p>', earlier).group(1)  # 2007's budget


def test_a_title_without_context_figures_has_no_empty_line(alna_folder):
    assert "key-figures" not in prepare_briefing(alna_folder, "alna", 2008, "nb").title_section().html


def test_context_figures_stay_out_of_the_scorecard_the_summary_and_the_counts(alna_with_context, tmp_path):
    values = alna_with_context / "values.csv"
    values.write_text(
        values.read_text(encoding="utf-8").replace("alna,aarsverk,2008,16.5,", "alna,aarsverk,2008,,.."),
        encoding="utf-8",
    )
    note = prepare_briefing(alna_with_context, "alna", 2008, "nb")
    title = note.title_section().html
    assert f"72{NBSP}barn · budsjett" in title and "årsverk" not in title  # missing: left out
    scorecard = note.scorecard_section().html
    for indicator in ("barn", "aarsverk", "budsjett"):
        assert f'data-indicator="{indicator}"' not in scorecard
    assert 'data-indicator="sykefravaer"' in scorecard
    summary = visible(note.summary_section().html)
    assert "Tall for brukertilfredshet er ikke tilgjengelige ennå." in summary  # not "... og årsverk"
    assert "årsverk" not in summary and "budsjett" not in summary
    assert note.context_section().html == ""
    # the notes still define them
    assert "Justert netto driftsbudsjett" in note.notes_section().html

    # the run index counts the unit's results only
    data = load_data(alna_with_context)
    runner = object.__new__(UnitRunner)
    runner.plan = SimpleNamespace(out=tmp_path, year=2008, lang="nb", timeout=60)
    runner.data, runner.values, runner.kernel = data, prepared_values(data), None

    def stop(job, output):
        raise RuntimeError("the notebook is not run here")

    runner._execute = stop
    result = runner.run(UnitJob("alna", "Bydel Alna", "Bydel", "alna"))
    assert result.counts == {"met": 1, "near": 1, "no_data": 1}
