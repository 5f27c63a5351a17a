"""The Making Data Count tables of the service-area and municipality notes: one row per unit and
frequent indicator with process limits, icons that carry a symbol and a word (never colour
alone), a legend that explains only the icons shown, counts that add up, and each failing target
as a choice for the dialogue seminar, in nb, da and en without placeholders."""

from __future__ import annotations

import dataclasses
import re
from html import unescape

import pandas as pd
import pytest
from test_text_invariants import problems, visible_texts

from kitlib.analysis.frequent import VARIATION_BASIS
from kitlib.report import variation_table as vt
from kitlib.report.area import prepare_area_briefing
from kitlib.report.i18n import tr
from kitlib.report.municipality import prepare_municipality_briefing
from kitlib.report.views import visible_text

LANGS = ("nb", "da", "en")
ICON = re.compile(
    r'<span class="mdc mdc-(\w+)" data-code="\w+"[^>]*>(<svg.*?</svg>)(?:<br>| )([^<]+)</span>', re.S
)


@pytest.fixture(scope="module")
def area():
    return prepare_area_briefing(service_area="Barnehage")


@pytest.fixture(scope="module")
def municipality():
    return prepare_municipality_briefing()


def _row(unit: str, variation: str, assurance: str, side: int = -1, period: str = "2025M11", **kw) -> dict:
    row = {"unit_id": unit, "unit_name": f"{unit.title()} sykehjem", "service_area": kw.pop("area", "Sykehjem"),
           "indicator_id": "sykefravaer", "name": "Sykefravær", "seasonal": False, "period": period,
           "latest": 9.0, "centre": 9.5, "lower": 7.2, "upper": 11.8, "target": 7.0,
           "variation": variation, "assurance": assurance, "side": side, "decimals": 1, "unit_of_measure": "%"}  # fmt: skip
    row.update(kw)
    return row


@pytest.fixture
def mixed() -> pd.DataFrame:
    """Every variation and assurance, monthly and tertial series, one without a target."""
    return pd.DataFrame(
        [
            _row("a", "improvement", "hit_and_miss", -1),
            _row("b", "concern", "fail", 1, seasonal=True),
            _row("c", "common_cause", "pass", 0, period="2025T3", target=12.0),
            _row("d", "neutral", "", 1, target=float("nan")),
            _row("e", "common_cause", "fail", 0, area="Barnehage"),
        ],
        columns=vt.COLUMNS,
    )


# -- the rows ----------------------------------------------------------------------------------
def test_the_table_has_one_row_per_scorecard_row_with_limits(area):
    own = area.own
    expected = own[own["trend_basis"] == VARIATION_BASIS]
    frame = area.variation_frame
    assert len(frame) == len(expected) > 0
    assert list(zip(frame["unit_id"], frame["indicator_id"])) == list(
        zip(expected["unit_id"], expected["indicator_id"])
    )
    assert frame["variation"].tolist() == expected["variation"].tolist()
    assert frame["assurance"].tolist() == expected["assurance"].tolist()
    assert frame["centre"].tolist() == expected["variation_centre"].tolist()
    html = area.variation_section().html
    rows = re.findall(r'<tr data-unit="([^"]+)" data-indicator="([^"]+)">', html)
    assert rows == list(zip(expected["unit_id"], expected["indicator_id"]))
    # the latest figure is the chart's last point, within its limits' scale, never empty
    assert frame["latest"].notna().all()
    assert (frame["period"] == expected["variation_period"].values).all()


def test_the_municipality_reads_the_same_rows_as_the_area_notes(municipality, area):
    rows = municipality.variation_frame
    own = municipality.own
    assert len(rows) == int((own["trend_basis"] == VARIATION_BASIS).sum())
    mine = rows[rows["service_area"] == area.service_area].reset_index(drop=True)
    pd.testing.assert_frame_equal(
        mine.drop(columns="service_area"),
        area.variation_frame.drop(columns="service_area"),
        check_dtype=False,
    )


# -- icons and legend --------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_every_icon_carries_a_symbol_and_its_word(mixed, lang):
    html = vt.table_html(mixed, lang)
    icons = ICON.findall(html)
    assert len(icons) >= 2 * len(mixed) - 1  # one without a target has no assurance icon
    for code, svg, word in icons:
        assert word.strip() == tr(f"var_{code}", lang)
        symbol = re.search(r"<text[^>]*>([^<]+)</text>", svg).group(1)
        assert unescape(symbol).strip(), code
        assert 'aria-hidden="true"' in svg  # a screen reader reads the word, not the circle
    assert {c for c, _, _ in icons} == {*mixed["variation"], *(a for a in mixed["assurance"] if a)}
    text = visible_text(html)
    for code in ("improvement", "concern", "neutral", "common_cause", "pass", "fail", "hit_and_miss"):
        assert tr(f"var_{code}", lang) in text


@pytest.mark.parametrize(("lang", "passed", "failed"), [("nb", "✔", "✘"), ("da", "✔", "✘"), ("en", "P", "F")])
def test_the_arrow_says_high_or_low_and_assurance_is_a_mark_the_reader_knows(mixed, lang, passed, failed):
    # NHS's P and F stand for English words; in nb and da a tick and a cross, the word beside
    html = vt.table_html(mixed, lang)
    symbols = {
        (c, unescape(re.search(r"<text[^>]*>([^<]+)</text>", s).group(1))) for c, s, _ in ICON.findall(html)
    }
    assert {("improvement", "↓"), ("concern", "↑"), ("neutral", "↑"), ("common_cause", "–")} <= symbols
    assert {("pass", passed), ("fail", failed), ("hit_and_miss", "~")} <= symbols


@pytest.mark.parametrize("lang", LANGS)
def test_the_legend_explains_only_the_icons_shown(mixed, lang):
    few = mixed[mixed["variation"] == "common_cause"]
    legend = vt.legend_html(few, lang)
    codes = [c for c, _, _ in ICON.findall(legend)]
    assert sorted(codes) == sorted({"common_cause", "pass", "fail"})
    text = visible_text(legend)
    assert tr("var_legend_fail", lang) in text
    assert tr("var_legend_improvement", lang) not in text
    full = [c for c, _, _ in ICON.findall(vt.legend_html(mixed, lang))]
    assert set(full) == {"improvement", "concern", "neutral", "common_cause", "pass", "fail", "hit_and_miss"}


def test_the_area_legend_follows_the_sample_table(area):
    html = area.variation_section().html
    table, legend = html.split('<ul class="mdc-legend"', 1)
    shown = {c for c, _, _ in ICON.findall(table)}
    assert {c for c, _, _ in ICON.findall(legend)} == shown


# -- counts ------------------------------------------------------------------------------------
def test_counts_add_up_per_area_and_in_all(mixed):
    table = vt.counts(mixed, "service_area")
    assert (table[list(vt.VARIATIONS)].sum(axis=1) == table["series"]).all()
    assert (table[list(vt.ASSURANCES)].sum(axis=1) == table["with_target"]).all()
    assert table["series"].sum() == len(mixed)
    total = vt.counts(mixed).iloc[0]
    assert (total["improvement"], total["concern"], total["neutral"], total["common_cause"]) == (1, 1, 1, 2)
    assert (total["fail"], total["hit_and_miss"], total["pass"], total["with_target"]) == (2, 1, 1, 4)


def _numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"(?<![\d,.])\d+(?![\d,.])", text)]


@pytest.mark.parametrize("lang", LANGS)
def test_the_count_sentence_names_every_category_so_it_adds_up(mixed, lang):
    sentence = vt.count_sentence(mixed, lang)
    numbers = _numbers(sentence)
    assert numbers[0] == len(mixed)
    variation, assurance = sentence.split(";")
    assert sum(_numbers(variation)[1:]) == len(mixed)  # 1 + 1 + 1 + 2
    assert sum(_numbers(assurance)) == len(mixed)  # 2 fail + 1 + 1 + 1 without a target
    assert tr("var_freq_M", lang) in sentence and tr("var_freq_T", lang) in sentence  # mixed frequencies
    assert not problems([sentence], lang)


@pytest.mark.parametrize("lang", LANGS)
def test_one_frequency_is_named_and_one_category_is_all(mixed, lang):
    monthly = mixed[mixed["period"].str.contains("M")].assign(variation="common_cause")
    sentence = vt.count_sentence(monthly, lang)
    assert sentence.startswith(tr("var_count_all", lang, total=len(monthly), series="", what="").split()[0])
    assert tr("var_freq_T", lang) not in sentence
    one = vt.count_sentence(mixed.iloc[:1], lang)
    assert not re.search(r"\b1 (indikatorer|indicators)", one)
    assert vt.count_sentence(mixed.iloc[:0], lang) == ""


@pytest.mark.parametrize("lang", LANGS)
def test_the_notes_kort_fortalt_count_the_series(area, municipality, lang):
    for note in (area, municipality):
        sentences = dataclasses.replace(note, lang=lang).summary_sentences()
        expected = vt.count_sentence(note.variation_frame, lang)
        assert expected and expected in sentences
    # the sample's kindergartens report sick leave per month since 2023: their series are months
    assert tr("var_freq_M", lang) in vt.count_sentence(area.variation_frame, lang)


def test_the_municipality_table_counts_each_area(municipality):
    section = municipality.variation_section()
    frame = section.frame
    rows = municipality.variation_frame
    assert frame.set_index("group")["series"].to_dict() == rows.groupby("service_area").size().to_dict()
    assert frame["fail"].sum() == int((rows["assurance"] == "fail").sum())
    heads = [c for c, _, _ in ICON.findall(section.html.split("<tbody>")[0])]
    assert heads == ["improvement", "concern", "common_cause", "pass", "fail", "hit_and_miss"]
    legend = section.html.split('<ul class="mdc-legend"', 1)[1]
    assert [c for c, _, _ in ICON.findall(legend)] == heads  # the legend in the columns' order
    # the counts show no arrows, so the legend does not explain them
    assert tr("var_legend_arrow", "nb").strip("; ") not in unescape(legend)


# -- the challenge note ------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_each_failing_target_is_a_choice_with_its_figures(mixed, lang):
    choices = vt.fail_choices(mixed, lang)
    assert len(choices) == 2
    assert all("7,2–11,8" in c.replace(".", ",") for c in choices)
    assert all("9,5" in c.replace(".", ",") and "7,0" in c.replace(".", ",") for c in choices)
    assert "B sykehjem" in choices[0] and "E sykehjem" in choices[1]
    assert tr("var_adjusted", lang, name="").strip() in choices[0]  # the seasonal one says so
    assert not problems(choices, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_the_sample_fail_enters_the_challenge_note(municipality, lang):
    note = dataclasses.replace(municipality, lang=lang)
    fails = note.variation_frame[note.variation_frame["assurance"] == "fail"]
    assert len(fails)  # the sample has one (a target beyond the lower limit)
    section = note.challenges_section()
    for choice in vt.fail_choices(note.variation_frame, lang):
        assert " ".join(choice.split()) in section.text  # the text reads a no-break space as a space
        assert choice in unescape(section.markdown.replace("\\", ""))
    for _, row in fails.iterrows():
        assert row["unit_name"] in section.text
    assert tr("muni_choices", lang) in section.text


# -- every language, every note ------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_the_tables_read_without_placeholders(area, municipality, mixed, lang):
    htmls = [
        dataclasses.replace(area, lang=lang).variation_section().html,
        dataclasses.replace(municipality, lang=lang).variation_section().html,
        vt.table_html(mixed, lang),
        vt.counts_html(mixed, lang),
    ]
    for html in htmls:
        texts = visible_texts(html)
        assert not problems(texts, lang)
        assert "nan" not in visible_text(html).lower().split()
        assert "{" not in visible_text(html) and "None" not in visible_text(html)
    # no empty cell where a figure is expected: only the target cell of a series without one
    cells = re.findall(r'<td class="num">([^<]*)</td>', vt.table_html(mixed, lang))
    assert sum(1 for c in cells if not c.strip()) == 1


def test_the_notes_still_render_every_section(area, municipality):
    for note in (area, municipality):
        sections = note.sections()
        assert len(sections) == len(note.SECTIONS)
        assert "variation" in note.SECTIONS
        assert note.variation_section()


def test_a_limit_that_would_show_as_the_target_gets_the_decimal_that_tells_them_apart():
    from kitlib.report.variation_words import limit_decimals

    assert limit_decimals(7.046, 8.9, 7.0, 1) == 2  # '7,0–8,9 %' against 7,0 % hid which side
    assert limit_decimals(6.996, 10.7, 7.0, 1) == 3  # 7,00 still reads as the target
    assert limit_decimals(6.8, 10.7, 7.0, 1) == 1
    assert limit_decimals(7.0, 10.7, 7.0, 1) == 1  # a limit on the target is the target
    assert limit_decimals(7.046, 8.9, float("nan"), 1) == 1


def test_the_fail_choices_show_limits_that_make_the_verdict_visible(municipality):
    rows = municipality.variation_frame
    for _, row in rows[rows["assurance"] == "fail"].iterrows():
        shown = vt._limits(row, "nb")
        lower, upper = (float(x.replace("\xa0%", "").replace(" %", "").replace(",", ".").split()[0])
                        for x in shown.split("–"))  # fmt: skip
        assert row["target"] not in (lower, upper), shown
