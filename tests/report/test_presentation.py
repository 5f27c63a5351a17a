"""Presentation: numbers as readers expect, missing shown as missing, markup as text."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from kitlib import load_data
from kitlib.analysis.history import indicator_history
from kitlib.analysis.scorecard import scorecard
from kitlib.report.briefing import prepare_briefing
from kitlib.report.charts import briefing_figure, distance_chart, figure_html, trend_chart
from kitlib.report.formatting import NBSP, format_gap, format_number, format_value
from kitlib.report.narrative import summary_sentences
from kitlib.report.tables import scorecard_table, survey_table

SNAPSHOTS = Path(__file__).parent / "snapshots"


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "lang", "expected"),
    [
        (10.06, "%", 1, "nb", f"10,1{NBSP}%"),
        (1234, "", 0, "nb", f"1{NBSP}234"),
        (1234, "", 0, "da", "1.234"),
        (1234.5, "NOK", 0, "nb", f"1{NBSP}235{NBSP}kr"),  # half away from zero
        (10.06, "%", 1, "en", "10.1%"),
        (23, "dager", 0, "en", f"23{NBSP}days"),
        (4.5, "score 1-6", 2, "nb", "4,50"),
        (float("nan"), "%", 1, "nb", ""),
    ],
)
def test_numbers_are_written_the_readers_way(value, unit, decimals, lang, expected):
    assert format_value(value, unit, decimals, lang) == expected


def test_negative_numbers_use_a_real_minus_and_tiny_negatives_are_zero():
    assert format_number(-1.25, 1) == "−1,3"
    assert format_number(-0.04, 1) == "0,0"
    assert format_gap(-1.23, "%", 1) == f"−1,2{NBSP}prosentpoeng"
    assert format_gap(0.5, "score 1-6", 1, "en") == "+0.5"


def alna_card(alna_folder):
    return scorecard(load_data(alna_folder), "alna", 2008)


def test_missing_value_is_shown_as_missing_never_zero_or_failed(alna_folder):
    html = scorecard_table(alna_card(alna_folder), {}, "nb")
    row = html.split('data-indicator="brukertilfredshet"')[1].split("</tr>")[0]
    assert "ikke tilgjengelig ennå" in row
    assert "status-no_data" in row and "mangler tall" in row
    assert "0,0" not in row and "status-not_met" not in row


def test_scorecard_html_matches_its_snapshot(alna_folder):
    html = scorecard_table(alna_card(alna_folder), {"brukere": "Brukere"}, "nb", table_id="snap")
    snapshot = SNAPSHOTS / "alna_scorecard.html"
    if os.environ.get("KITLIB_UPDATE_SNAPSHOTS"):
        snapshot.write_text(html + "\n", encoding="utf-8")
    assert html + "\n" == snapshot.read_text(encoding="utf-8")


def test_names_with_markup_come_out_as_text(alna_folder):
    card = alna_card(alna_folder)
    card.loc[0, "name"] = "<b>&\"'"
    html = scorecard_table(card, {"brukere": "<i>Brukere</i>"}, "nb")
    assert "<b>" not in html and "<i>" not in html
    assert "&lt;b&gt;&amp;&quot;&#x27;" in html
    assert "&lt;i&gt;Brukere&lt;/i&gt;" in html


def test_status_and_trend_are_symbol_and_word_in_each_language(alna_folder):
    card = alna_card(alna_folder)
    assert "✔ nådd" in scorecard_table(card, {}, "nb")
    assert "✔ nået" in scorecard_table(card, {}, "da")
    english = scorecard_table(card, {}, "en")
    assert "✔ met" in english and "↗ improving" in english


def test_small_survey_groups_are_hidden_with_the_count(synthetic_folder):
    values = synthetic_folder / "values.csv"
    lines = [ln for ln in values.read_text().splitlines() if not ln.startswith("bhg-c,tilfredshet,2024,")]
    values.write_text("\n".join([*lines, "bhg-c,tilfredshet,2024,5.9,,4,0.3"]) + "\n")
    card = scorecard(load_data(synthetic_folder), "bhg-c", 2024)
    html = survey_table(card[card["indicator_type"] == "opplevd_kvalitet"], "nb", min_n=5)
    assert "færre enn 5 svar" in html
    assert "5,9" not in html
    assert ">4<" in html  # the number of respondents is still shown


def test_summary_counts_agree_with_the_scorecard(alna_folder):
    card = alna_card(alna_folder)
    sentences = summary_sentences(card, 2008, "nb")
    assert sentences[0] == "1 av 3 mål er nådd i 2008, 1 er nesten nådd, og 1 mangler tall."
    assert (
        "Størst forbedring: sykefravær har gått ned fra 11,6\u00a0% i 2006 til 10,1\u00a0% i 2008."
        in sentences
    )
    assert 3 <= len(sentences) <= 6
    assert summary_sentences(card, 2008, "en")[0] == (
        "1 of 3 targets were met in 2008, 1 nearly met, and 1 without figures."
    )


def test_trend_chart_plots_the_history_and_keeps_gaps(alna_folder):
    data = load_data(alna_folder)
    history = indicator_history(data, "alna", "brukertilfredshet")
    with briefing_figure() as (fig, ax):
        trend_chart(history, ax=ax, name="Brukertilfredshet", unit="score 1-6")
    unit_lines = [line for line in ax.lines if line.get_label() == "Denne enheten"]
    assert [np.asarray(line.get_ydata(), dtype=float).tolist() for line in unit_lines] == [[4.89, 4.70]]
    assert all(2 not in line.get_xdata() for line in unit_lines)  # 2008 is a gap, not a zero
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2006", "2007", "2008"]
    target_line = next(line for line in ax.lines if line.get_label() == "Mål")
    assert np.asarray(target_line.get_ydata(), dtype=float)[-1] == 4.5


def test_distance_chart_dots_are_signed_so_positive_is_better(alna_folder):
    card = alna_card(alna_folder)
    with briefing_figure() as (fig, ax):
        distance_chart(card, ax=ax, measure="pp")  # both are shares: percentage points
    names = {y: t.get_text() for y, t in zip(ax.get_yticks(), ax.get_yticklabels())}
    gaps = {names[y]: x for x, y in ax.collections[-1].get_offsets()}  # the dots, one per row
    assert gaps["✔ Forbruk av budsjett"] == pytest.approx(3.0)  # 97 against at most 100
    assert gaps["◐ Sykefravær"] == pytest.approx(-0.16)  # 10,06 against 9,9: 0,16 points short


def test_figure_html_is_deterministic_and_has_alt_text():
    def draw():
        with briefing_figure() as (fig, ax):
            ax.plot([1, 2, 3], [3, 1, 2])
        return figure_html(fig, alt='Sykefravær "test" <x>')

    first, second = draw(), draw()
    assert first == second
    assert 'alt="Sykefravær &quot;test&quot; &lt;x&gt;"' in first
    assert "data:image/svg+xml;base64," in first


def test_briefing_defaults_to_the_sample_first_unit_and_latest_year():
    briefing = prepare_briefing()
    assert briefing.year == briefing.data.latest_year
    assert briefing.unit["unit_id"] == briefing.data.units["unit_id"].iat[0]
    title = briefing.title_section().html
    assert briefing.data.config.municipality in title
    assert str(briefing.year) in title
