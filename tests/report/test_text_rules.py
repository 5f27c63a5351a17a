"""Text that reads like a careful writer's, in nb, da and en: dates and periods in words,
en dashes in ranges, percentage points spelled out, thousands marks in names and units,
names in lower case inside sentences, no unit said twice, no double negatives.

The new functions are looked up on the module when a test runs, so each test fails on its
own rule, not on an import.
"""

from __future__ import annotations

import re

import pytest

from kitlib import prepare_briefing
from kitlib.report import formatting
from kitlib.report.i18n import TEXT
from kitlib.report.narrative import in_sentence, summary_sentences
from kitlib.report.tables import notes_table, scorecard_table

NBSP = "\u00a0"


def plain(text: str) -> str:
    """What a reader reads: no-break spaces as spaces."""
    return text.replace(NBSP, " ")


@pytest.fixture(scope="module")
def berg_dal():
    """Berg & Dal sykehjem's scorecard (it has legemiddelavvik per 1000 liggedøgn and legetimer)."""
    return prepare_briefing("", "shj-berg-dal", 0, "nb").own


# ----------------------------------------------------------------- dates and periods


@pytest.mark.parametrize(
    ("iso", "lang", "expected"),
    [("2026-02-15", "nb", "15. februar 2026"), ("2026-02-15", "da", "15. februar 2026"),
     ("2026-02-15", "en", "15 February 2026"), ("2025-03-01", "nb", "1. mars 2025"),
     ("2025-03-01", "da", "1. marts 2025"), ("2025-05-09", "en", "9 May 2025"),
     ("februar 2026", "nb", "februar 2026"), ("", "en", "")],
)  # fmt: skip
def test_a_date_is_written_in_words(iso, lang, expected):
    shown = formatting.format_date(iso, lang)
    assert plain(shown) == expected
    if iso[:1].isdigit():
        assert " " not in shown  # one unbreakable piece


@pytest.mark.parametrize(
    ("period", "lang", "expected"),
    [("2025T3", "nb", "3. tertial 2025"), ("2025T3", "da", "3. tertial 2025"), ("2025T3", "en", "T3 2025"),
     ("2024K2", "nb", "2. kvartal 2024"), ("2024K2", "da", "2. kvartal 2024"), ("2024K2", "en", "Q2 2024"),
     ("2025M03", "nb", "mars 2025"), ("2025M03", "da", "marts 2025"), ("2025M03", "en", "March 2025"),
     ("2025", "nb", "2025"), ("2025", "en", "2025")],
)  # fmt: skip
def test_a_period_is_written_in_words(period, lang, expected):
    shown = formatting.format_period(period, lang)
    assert plain(shown) == expected
    assert " " not in shown


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("nb", "Tall per 15. februar 2026"), ("da", "Tal pr. 15. februar 2026"),
     ("en", "Figures as of 15 February 2026")],
)  # fmt: skip
def test_the_title_and_the_notes_give_the_date_in_words(lang, expected):
    note = prepare_briefing("", "skole-sentrum", 0, lang)
    assert expected in plain(note.title_section().html)
    assert "2026-02-15" not in note.title_section().html
    notes = plain(notes_table(note.card, lang, data_date="2026-02-15"))
    leave = notes.split("Sykefravær</th>")[1].split("</tr>")[0]  # its own data date: 2026-01-31
    assert leave.endswith({"nb": "31. januar 2026</td>", "da": "31. januar 2026</td>",
                           "en": "31 January 2026</td>"}[lang])  # fmt: skip
    assert not re.search(r"\d{4}-\d\d-\d\d", notes)


@pytest.mark.parametrize(
    ("lang", "expected"), [("nb", "3. tertial 2025"), ("da", "3. tertial 2025"), ("en", "T3 2025")]
)
def test_the_scorecards_period_tag_is_in_words(berg_dal, lang, expected):
    card = berg_dal.copy()
    card.loc[card["indicator_id"] == "sykefravaer", "period"] = "2025T3"
    html = plain(scorecard_table(card, {}, lang))
    assert f'<span class="period">{expected}</span>' in html
    assert "2025T3" not in html


@pytest.mark.parametrize(
    ("lang", "expected"), [("nb", "1. tertial 2025"), ("da", "1. tertial 2025"), ("en", "T1 2025")]
)
def test_a_comment_on_a_tertial_names_the_tertial_in_words(sample_copy, lang, expected):
    with (sample_copy / "comments.csv").open("a", encoding="utf-8") as comments:
        comments.write("shj-berg-dal,2025T1,sykefravaer,tiltak,Ekstra vikarer i januar.\n")
    html = plain(prepare_briefing(sample_copy, "shj-berg-dal", 2025, lang).comments_section().html)
    assert f'<span class="period">{expected}</span> Ekstra vikarer i januar.' in html


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("nb", "har gått ned fra 9,4 % i 3. tertial 2024 til 8,1 % i 3. tertial 2025"),
     ("da", "er faldet fra 9,4 % i 3. tertial 2024 til 8,1 % i 3. tertial 2025"),
     ("en", "fell from 9.4% in T3 2024 to 8.1% in T3 2025")],
)  # fmt: skip
def test_a_sentence_names_its_periods_in_words(berg_dal, lang, expected):
    card = berg_dal[berg_dal["indicator_id"] == "sykefravaer"].assign(
        period="2025T3", trend_from_period="2024T3", value=8.1, trend_from_value=9.4, trend="improving",
        trend_change=-1.3, last_change=-0.4, trend_noise=0.3, status="met", trend_basis="years",
    )  # fmt: skip
    text = plain(" ".join(summary_sentences(card, 2025, lang)))
    assert expected in text


# ----------------------------------------------------------------- numbers and units


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("nb", "+1,3 prosentpoeng"), ("da", "+1,3 procentpoint"), ("en", "+1.3 percentage points")],
)
def test_a_gap_in_shares_is_in_percentage_points_and_never_breaks(lang, expected):
    shown = formatting.format_gap(1.25, "%", 1, lang)
    assert plain(shown) == expected
    assert " " not in shown
    assert plain(formatting.format_gap(-1, "%", 0, lang)).endswith(
        {"nb": "−1 prosentpoeng", "da": "−1 procentpoint", "en": "−1 percentage point"}[lang]
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("nb", "1,55 per 1 000 liggedøgn"),
        ("da", "1,55 per 1.000 liggedøgn"),
        ("en", "1.55 per 1,000 liggedøgn"),
    ],
)
def test_a_number_inside_a_unit_gets_thousands_marks(lang, expected):
    assert plain(formatting.format_value(1.55, "per 1000 liggedøgn", 2, lang)) == expected


@pytest.mark.parametrize("lang", ["nb", "da", "en"])
def test_names_get_thousands_marks_but_years_stay(lang):
    mark = {"nb": " ", "da": ".", "en": ","}[lang]
    shown = plain(formatting.format_text("Avvik per 10000 liggedøgn 2019-2025, ikke 1999 men 12345,6", lang))
    assert shown == f"Avvik per 10{mark}000 liggedøgn 2019–2025, ikke 1999 men 12345,6"


@pytest.mark.parametrize("lang", ["nb", "da", "en"])
def test_ranges_in_names_get_an_en_dash(lang):
    assert formatting.format_text("Netto driftsutgifter per innbygger 6-15 år", lang).endswith("6–15 år")
    assert formatting.format_text("Andel elever 1.-4. trinn i SFO", lang) == "Andel elever 1.–4. trinn i SFO"
    assert formatting.format_text("skole_netto_innb", lang) == "skole_netto_innb"
    for kept in ("Tall per 2025-01-31", "Tiltak etter barnevernsloven § 4-12"):  # no ranges
        assert formatting.format_text(kept, lang) == kept
    html = prepare_briefing("", "skole-sentrum", 0, lang).context_section().html
    assert "per innbygger 6–15 år" in html and "6-15" not in html
    assert 'data-indicator="skole_netto_innb"' in html  # the id is untouched


# ----------------------------------------------------------------- sentences


@pytest.mark.parametrize("lang", ["nb", "da", "en"])
def test_a_sentence_does_not_repeat_a_unit_the_name_already_says(berg_dal, lang):
    card = berg_dal[berg_dal["indicator_id"] == "shj_legemiddelavvik"].assign(
        value=1.55, target=1.2, status="not_met", trend="improving", trend_from_value=2.05,
        trend_from_period="2023", trend_change=-0.5, last_change=-0.2, trend_noise=0.1,
    )  # fmt: skip
    sentences = [plain(s) for s in summary_sentences(card, 2025, lang)]
    told = [s for s in sentences if "legemiddelavvik" in s]
    assert len(told) == 1  # improving, and still short of its target, in one sentence
    for sentence in told:
        assert sentence.count("liggedøgn") == 1, sentence
        assert {"nb": "per 1 000 liggedøgn", "da": "per 1.000 liggedøgn", "en": "per 1,000 liggedøgn"}[
            lang
        ] in sentence
    assert re.search(
        r"1[,.]55 i 2025, men når (ennå|endnu) ikke målet 1,20\.|1\.55 in 2025, but has not yet reached its target of 1\.20\.",
        told[0],
    ), told[0]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("nb", "0,38 timer mot målet 0,65 timer"), ("da", "0,38 timer mod målet 0,65 timer"),
     ("en", "0.38 hours against a target of 0.65 hours")],
)  # fmt: skip
def test_a_unit_the_name_does_not_say_is_kept(berg_dal, lang, expected):
    both = berg_dal["indicator_id"].isin(["shj_legetimer", "shj_legemiddelavvik"])
    card = berg_dal[both].assign(status="not_met", trend="stable")
    card.loc[card["indicator_id"] == "shj_legemiddelavvik", ["value", "target"]] = [1.55, 1.2]
    worse = plain(" ".join(summary_sentences(card, 2025, lang)))
    assert expected in worse  # 'timer' is not in 'Legetimer per uke per beboer': it stays
    assert worse.count("liggedøgn") == 1, worse


@pytest.mark.parametrize("lang", ["nb", "da", "en"])
def test_names_are_lower_case_in_a_sentence_unless_they_start_with_an_acronym(berg_dal, lang):
    assert in_sentence("Sykefravær") == "sykefravær"
    assert in_sentence("Årsverk") == "årsverk"
    for kept in ("KOSTRA-andel 6-15 år", "NAV-tiltak", "IKT", "SkoleArena-bruk", "A4-ark"):
        assert in_sentence(kept) == kept
    card = berg_dal[berg_dal["indicator_id"] == "shj_legetimer"].assign(
        name="KOSTRA-legetimer 0-17 år", status="not_met", trend="stable"
    )
    worse = [s for s in summary_sentences(card, 2025, lang) if "KOSTRA" in s]
    assert worse and ": KOSTRA-legetimer 0–17 år " in worse[0]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("nb", "er nådd i 2025, 1 er nesten nådd, og 1 er ikke nådd."),
     ("da", "er nået i 2025, 1 er næsten nået, og 1 er ikke nået."),
     ("en", "were met in 2025, 1 nearly met, and 1 not met.")],
)  # fmt: skip
def test_and_between_two_clauses_takes_a_comma(berg_dal, lang, expected):
    card = berg_dal[berg_dal["target"].notna() & berg_dal["value"].notna()].head(3).assign(trend="stable")
    card["status"] = ["met", "near", "not_met"]
    assert summary_sentences(card, 2025, lang)[0].endswith(expected)
    both = berg_dal.assign(trend="stable")  # two not met: two clauses in one sentence
    worse = [s for s in summary_sentences(both, 2025, lang) if s.startswith(("Størst", "Largest"))][0]
    assert {"nb": " %, og ", "da": " %, og ", "en": "%, and "}[lang] in plain(worse)


def test_an_english_sentence_has_a_comma_after_its_opening_phrase(berg_dal):
    text = " ".join(summary_sentences(berg_dal, 2025, "en", "KOSTRA-gruppe 13"))
    assert re.search(r"Compared with KOSTRA-gruppe 13, the unit does (better|worse|neither)", text)


DOUBLE_NEGATIVE = {
    "nb": re.compile(r"\b(?:Ingen|ingen|Ingenting)\b[^.;:]*\bikke\b"),
    "da": re.compile(r"\b(?:Ingen|ingen|Intet|intet)\b[^.;:]*\bikke\b"),
    "en": re.compile(r"\b(?:No|no|None|none|Nothing)\b[^.;:]*\bnot\b"),
}


@pytest.mark.parametrize("lang", ["nb", "da", "en"])
def test_no_phrase_says_no_and_not_at_once(lang):
    found = {key: phrase for key, phrase in TEXT[lang].items() if DOUBLE_NEGATIVE[lang].search(phrase)}
    assert not found


@pytest.mark.parametrize("lang", ["nb", "da", "en"])
def test_no_phrase_has_a_hyphen_in_a_range(lang):
    assert not [phrase for phrase in TEXT[lang].values() if re.search(r"\d-\d", phrase)]
    assert not [phrase for phrase in TEXT[lang].values() if re.search(r"%-|\bpp\b", phrase)]
