"""The XmR chart and its sentences: what is plotted (points, centre, dashed limits, target,
flagged points with their own marker), the end labels, and sentences in nb, da and en with
figures and periods and never a placeholder."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from kitlib.analysis import variation_summary, xmr
from kitlib.report import charts
from kitlib.report.charts import briefing_figure
from kitlib.report.formatting import NBSP
from kitlib.report.variation_words import variation_sentences

LANGS = ("nb", "da", "en")
BAD = re.compile(r"\bnan\b|\bNone\b|<NA>|\{[a-z_]*\}|\(\)|\s[,.:]|^\s|\s$", re.IGNORECASE)
BASE = [10.3, 9.7] * 12  # centre 10, limits 10 ± 1.596 on a 24-month baseline


def months(values) -> pd.DataFrame:
    return pd.DataFrame({"period": [f"{2023 + i // 12}M{i % 12 + 1:02d}" for i in range(len(values))],
                         "value": values})  # fmt: skip


STORIES = {  # a name -> the last months after the baseline
    "shift": [9.4, 9.3, 9.5, 9.2, 9.4, 9.3, 9.4, 9.3],
    "trend": [10.6, 10.5, 10.4, 10.3, 10.2, 10.1, 10.0],
    "outside": [10.3, 9.7, 10.3, 13.0],
    "two_of_three": [10.3, 11.2, 9.7, 11.3],
    "common": [10.3, 9.7] * 4,
}


def chart_of(story: str, direction: str = "lower") -> pd.DataFrame:
    return xmr(months(BASE + STORIES[story]), direction=direction, baseline=24)


def test_the_chart_plots_points_centre_dashed_limits_and_target():
    chart = chart_of("outside")
    with briefing_figure() as (_fig, ax):
        charts.xmr_chart(chart, ax=ax, name="Sykefravær", unit="%", lang="nb", target=9.0)
    lines = {line.get_label(): line for line in ax.lines}
    assert np.allclose(lines["value"].get_ydata(), chart["value"])
    assert np.allclose(lines["centre"].get_ydata(), 10.0)
    for side, expected in (("upper", 11.596), ("lower", 8.404)):
        assert np.allclose(lines[side].get_ydata(), expected)
        assert lines[side].get_linestyle() == "--"  # dashed
        assert tuple(lines[side]._unscaled_dash_pattern[1]) == charts.process.LIMIT_DASHES["final"]
    assert lines["target"].get_ydata()[0] == 9.0
    concern = [c for c in ax.collections if c.get_label() == "concern"]
    assert len(concern) == 1 and concern[0].get_offsets().tolist() == [[27.0, 13.0]]
    markers = {c.get_label(): c.get_paths()[0].vertices.round(2).tolist() for c in ax.collections}
    assert markers["concern"] != markers["common"]  # its own marker, not colour alone


def test_end_labels_name_the_last_value_the_centre_the_limits_and_the_target():
    with briefing_figure() as (_fig, ax):
        charts.xmr_chart(chart_of("common"), ax=ax, name="Sykefravær", unit="%", lang="nb", target=9.0)
    texts = {t.get_text() for t in ax.texts}
    assert {
        f"9,7{NBSP}% (aug)",
        "Snitt 10,0",
        "Øvre grense 11,6",
        "Nedre grense 8,4",
        f"Mål 9,0{NBSP}%",
    } <= texts


def test_provisional_limits_are_dotted_and_too_few_points_draw_no_limits():
    with briefing_figure() as (_fig, ax):
        charts.xmr_chart(xmr(months(BASE[:14])), ax=ax, name="X")
    upper = {line.get_label(): line for line in ax.lines}["upper"]
    assert tuple(upper._unscaled_dash_pattern[1]) == charts.process.LIMIT_DASHES["provisional"]  # dotted
    with briefing_figure() as (_fig, ax):
        charts.xmr_chart(xmr(months(BASE[:8])), ax=ax, name="X")
    assert {line.get_label() for line in ax.lines} == {"value"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("story", list(STORIES))
def test_every_reading_is_told_with_figures_and_no_placeholder(story, lang):
    chart = chart_of(story)
    summary = variation_summary(chart, "lower", target=9.0)
    sentences = variation_sentences(summary, name="Sykefravær", unit="%", lang=lang, target=9.0,
                                    value=float(chart["value"].iat[-1]))  # fmt: skip
    assert len(sentences) == 2
    for sentence in sentences:
        assert not BAD.search(sentence), sentence
        assert sentence[0].isupper() and sentence.endswith(".")
        assert re.search(r"\d", sentence)
    first = sentences[0]
    if story == "shift":
        assert "9 " in first and "2024" in first  # nine months below since December 2024
    if story == "outside":
        assert "13" in first
    assert ("11,6" in sentences[1]) if lang != "en" else ("11.6" in sentences[1])


def test_the_sentence_follows_the_direction_and_the_assurance():
    shift = variation_summary(chart_of("shift"), "lower", target=9.0)
    text = " ".join(variation_sentences(shift, name="Sykefravær", unit="%", target=9.0))
    assert "under snittet" in text and "varig forbedring" in text and "i noen måneder og ikke i andre" in text
    worse = variation_summary(chart_of("shift", "higher"), "higher", target=12.0)
    text = " ".join(variation_sentences(worse, name="Andel", unit="%", target=12.0))
    assert "varig forverring" in text and "ikke uten å endre arbeidsmåten" in text
    met = variation_summary(chart_of("common"), "lower", target=12.0)
    assert "hver gang" in variation_sentences(met, name="Sykefravær", unit="%", target=12.0)[-1]


@pytest.mark.parametrize("lang", LANGS)
def test_without_limits_the_sentence_says_why(lang):
    summary = variation_summary(xmr(months(BASE[:8])), "lower", target=9.0)
    sentences = variation_sentences(summary, name="Sykefravær", lang=lang, target=9.0)
    assert len(sentences) == 1 and "12" in sentences[0] and not BAD.search(sentences[0])
    provisional = variation_summary(xmr(months(BASE[:14])), "lower")
    assert len(variation_sentences(provisional, name="Sykefravær", lang=lang)) == 2
