"""The words of the notes live in one place and are complete in every language."""

from __future__ import annotations

import string

import pandas as pd
import pytest

from kitlib.analysis.codes import Status, Trend
from kitlib.data.config import LANGUAGES
from kitlib.report.charts import briefing_figure, trend_chart
from kitlib.report.formatting import format_gap
from kitlib.report.i18n import STATUS_SYMBOL, TEXT, TREND_SYMBOL, status_label, trend_label, unit_word


def _fields(phrase: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(phrase) if name}


def test_every_language_has_every_phrase_with_the_same_slots():
    reference = TEXT["nb"]
    for lang in LANGUAGES:
        assert set(TEXT[lang]) == set(reference), lang
        for key, phrase in TEXT[lang].items():
            assert phrase.strip() or key.endswith("_and"), (lang, key)
            assert _fields(phrase) == _fields(reference[key]), (lang, key)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_code_has_a_symbol_and_a_word(lang):
    for code in Status:
        assert status_label(code, lang).startswith(STATUS_SYMBOL[code] + " ")
    for code in Trend:
        assert trend_label(code, lang).startswith(TREND_SYMBOL[code] + " ")
    assert len({status_label(code, lang) for code in Status}) == len(Status)


@pytest.mark.parametrize(
    ("unit", "lang", "word"),
    [("days", "nb", "dager"), ("dager", "da", "dage"), ("NOK", "nb", "kr"), ("%", "en", "%"),
     ("score 1-6", "nb", ""), ("antall", "nb", ""), ("timer", "nb", "timer")],
)  # fmt: skip
def test_units_of_measure_are_written_in_the_notes_language(unit, lang, word):
    assert unit_word(unit, lang) == word


def test_percentage_point_gaps_use_the_languages_word():
    assert format_gap(1.25, "%", 1, "nb").endswith("\u00a0prosentpoeng")
    assert format_gap(1.25, "%", 1, "da").endswith("\u00a0procentpoint")
    assert format_gap(1.25, "%", 1, "en").endswith("\u00a0percentage\u00a0points")


def test_chart_axes_name_the_unit_in_the_notes_language():
    history = pd.DataFrame({"period": ["2023", "2024"], "value": [20.0, 18.0], "target": [15.0, 15.0]})
    with briefing_figure() as (_fig, ax):
        trend_chart(history, ax=ax, name="Saksbehandlingstid", unit="days", lang="nb")
    assert ax.get_ylabel() == "dager"
