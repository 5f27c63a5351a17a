"""The municipality's note on the sample: every section reads cleanly in nb, da and en, the
challenge note holds 5-10 items, and its Markdown draft says what the page says."""

from __future__ import annotations

import dataclasses
import re
from html import unescape

import pytest
from test_text_invariants import problems, visible_texts

from kitlib.analysis.challenges import XMR_RUN_SIZE
from kitlib.analysis.codes import JUDGED, Status
from kitlib.analysis.frequent import summary_of
from kitlib.analysis.scorecard import result_units
from kitlib.report.formatting import format_period
from kitlib.report.i18n import status_label, tr
from kitlib.report.municipality import MunicipalityBriefing, prepare_municipality_briefing
from kitlib.report.variation_words import run_item

LANGS = ("nb", "da", "en")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
ITEM = re.compile(r'<li><h3 class="challenge-name">(.*?) <span class="challenge-area">\((.*?)\)</span></h3>'
                  r"<p>(.*?)</p></li>", re.S)  # fmt: skip
MARKDOWN_ITEM = re.compile(r"^(\d+)\. \*\*(.+?)\*\* \((.+?)\)\n\n   (.+)$", re.M)


@pytest.fixture(scope="module")
def note() -> MunicipalityBriefing:
    return prepare_municipality_briefing()


def _in(note: MunicipalityBriefing, lang: str) -> MunicipalityBriefing:
    return dataclasses.replace(note, lang=lang)


def _unmarkdown(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


@pytest.mark.parametrize("lang", LANGS)
def test_every_section_reads_without_placeholders_iso_dates_or_wrong_decimals(note, lang):
    sections = _in(note, lang).sections()
    assert [bool(s) for s in sections] == [True] * len(sections)  # the sample fills every section
    for section in sections:
        assert section.html.startswith('<div class="kit-section')
        texts = visible_texts(section.html)
        assert problems(texts, lang) == [], section.text[:200]
        assert not [t for t in texts if ISO_DATE.search(t)]
    for markdown in (s.markdown for s in sections if s.markdown):
        assert problems(markdown.splitlines(), lang) == []


def test_the_challenge_note_has_five_to_ten_numbered_items(note):
    html = note.challenges_section().html
    items = ITEM.findall(html)
    assert 5 <= len(items) <= 10
    assert html.count("<li>") == len(items)
    assert len(items) == len(note.challenges)
    # largest first: the ranks behind the items are 1, 2, 3, ...
    assert note.challenges["rank"].tolist() == list(range(1, len(items) + 1))


@pytest.mark.parametrize("lang", LANGS)
def test_the_markdown_draft_matches_the_pages_items(note, lang):
    section = _in(note, lang).challenges_section()
    page = [tuple(unescape(part) for part in item) for item in ITEM.findall(section.html)]
    draft = MARKDOWN_ITEM.findall(section.markdown)
    assert [int(number) for number, *_ in draft] == list(range(1, len(page) + 1))
    assert [tuple(_unmarkdown(part) for part in rest) for _, *rest in draft] == page
    assert section.markdown.startswith(f"## {tr('muni_challenges', lang)}\n\n")


def test_each_challenge_names_its_figures_and_units(note):
    names = dict(zip(note.data.units["unit_id"], note.data.units["name"]))
    for (_, challenge), (_, _, text) in zip(note.challenges.iterrows(), note.challenge_items()):
        assert re.search(r"\d", text), text  # figures, not only words
        assert any(names[u] in text for u in challenge["unit_ids"]), text
        assert text.endswith(".") and text[0].isupper()


def test_every_unit_a_challenge_names_has_its_figure_beside_it(note):
    names = "|".join(re.escape(n) for n in sorted(note.data.units["name"], key=len, reverse=True))
    listed = 0
    for _, _, text in note.challenge_items():
        for also in re.findall(r"Det gjelder også (.*?)\.(?: |$)", text):
            items = re.findall(rf"(?:{names}) \(\d[^()]*\)", also)
            assert re.sub(rf"(?:{names}) \(\d[^()]*\)", "", also).replace(", ", "").replace(" og ", "") == ""
            listed += len(items)
    assert listed  # the sample has a challenge shared by more units than are told in full


def test_sick_leave_is_told_as_over_the_target_on_the_sample(note):
    sick = [t for name, _, t in note.challenge_items() if name == "Sykefravær"]
    assert sick and "over målet" in sick[0] and "under målet" not in sick[0]
    if "gått" in sick[0]:
        assert "har gått opp" in sick[0] and "har gått ned" not in sick[0]


def test_a_suppressed_sample_figure_is_not_among_the_challenges(note):
    values = note.values
    hidden = values[values["suppressed"].fillna(False).astype(bool) & (values["year"] == note.year)]
    assert len(hidden)  # the sample has survey results from too few respondents
    pairs = set(zip(note.rows["figure_unit_id"], note.rows["indicator_id"]))
    assert not pairs & set(zip(hidden["unit_id"], hidden["indicator_id"]))


@pytest.mark.parametrize("lang", LANGS)
def test_status_is_symbol_and_word_in_the_overview_and_area_lines(note, lang):
    shown = _in(note, lang)
    overview = shown.overview_section().text
    for code in (*JUDGED, Status.NO_DATA):
        assert status_label(code, lang) in overview
    lines = shown.area_lines()
    assert len(lines) == result_units(note.data)["service_area"].nunique()
    for _, _, line in lines:
        assert status_label(Status.MET, lang)[0] + " " in line and tr(Status.MET, lang) in line


def test_the_title_names_the_municipality_year_and_data_date(note):
    text = note.title_section().text
    assert "Fjordvik kommune" in text and str(note.year) in text and "15. februar 2026" in text


@pytest.mark.parametrize("lang", LANGS)
def test_a_small_folder_reads_cleanly_and_counts_its_units_right(synthetic_folder, lang):
    note = prepare_municipality_briefing(synthetic_folder, lang=lang)
    for section in note.sections():
        assert problems(visible_texts(section.html), lang) == [], section.text[:200]
    title = note.title_section().text
    assert tr("muni_area_units", lang, n=6) in title and tr("muni_scope", lang, units=6, areas=1) not in title
    first = note.challenges.iloc[0]
    assert first["indicator_id"] == "sykefravaer" and first["units_affected"] == 5


def test_a_folder_without_clear_challenges_says_so_and_invents_none(alna_folder):
    note = prepare_municipality_briefing(alna_folder)
    assert note.challenges.empty
    section = note.challenges_section()
    assert tr("muni_challenges_none", "nb", year=note.year) in section.text
    assert "<ol" not in section.html
    assert note.summary_sentences()[0].startswith("1 av 3 mål er nådd i 2008")  # one unit: no "de 1 enhetene"


def test_the_smart_section_names_each_flagged_target_with_its_rule_and_evidence(note):
    html = note.smart_section().html
    units = re.search(r'<table class="kit-table counts" id="smart-units">.*?</table>', html, re.S).group(0)
    targets = re.search(r'<table class="kit-table smart" id="smart-flagged">.*?</table>', html, re.S).group(0)
    flagged = note.check[note.check["flagged"]]
    assert len(flagged) and targets.count("<tr>") == 1 + len(flagged)
    assert units.count("<tr>") == 1 + flagged["unit_id"].nunique()  # only units with findings
    for _, row in flagged.iterrows():
        assert str(row["name"]).split()[0].lower() in targets.lower()
    if (flagged["realistic_reason"] == "large_step").any():
        assert "per år, den største forbedringen på ett år er" in targets  # the evidence beside it


@pytest.mark.parametrize("lang", ["nb", "da", "en"])
def test_a_worsening_the_xmr_chart_found_is_a_challenge_told_as_its_run(note, lang):
    # Berg & Dal's sick leave per month, seasonally adjusted, has sat above its mean since
    # May 2025 (tests/data/test_sample_months.py): a concern the unit's chart shows, so the
    # municipality's challenge note names it too, as that run and never as a yearly change.
    rows = note.rows
    run = rows[(rows["figure_unit_id"] == "shj-berg-dal") & (rows["indicator_id"] == "sykefravaer")]
    assert len(run) == 1 and bool(run["worsening"].iloc[0])
    assert run["trend_basis"].iloc[0] == "variation" and run["worsening_size"].iloc[0] == XMR_RUN_SIZE
    row = run.iloc[0]
    told = _in(note, lang)
    since = format_period(row["variation_since"], lang)
    sick = [t for _, _, t in told.challenge_items() if "Berg" in t and since in t]
    assert len(sick) == 1, [t for _, _, t in told.challenge_items()]
    item = run_item(summary_of(row), unit="%", decimals=1, lang=lang)
    assert item and item in unescape(sick[0])
    assert tr("summary_up", lang) in sick[0]  # above its mean: lower sick leave is better
