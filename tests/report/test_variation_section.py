"""The unit note's "Variasjon over tid": an XmR chart for every series with process limits, its
reading in words beside it, and "Kort fortalt" telling the same reading, on every sample unit
in nb, da and en."""

from __future__ import annotations

import re

import numpy as np
import pytest

from kitlib import prepare_briefing
from kitlib.analysis.frequent import VARIATION_BASIS
from kitlib.data.resources import sample_folder
from kitlib.report.views import visible_text

PLACEHOLDER = re.compile(r"\bnan\b|\bNone\b|\{|\}|\(\s*\)|  ")


@pytest.fixture(scope="module")
def notes():
    from kitlib.data.load import load_data

    data = load_data(sample_folder())
    units = data.units.loc[data.units["level"] == "enhet", "unit_id"].tolist()
    return {(u, lang): prepare_briefing("", u, 2025, lang) for u in units for lang in ("nb", "da", "en")}


def test_every_series_with_limits_gets_its_chart_and_only_those(notes):
    for (unit, _lang), note in notes.items():
        read = note.own[note.own["trend_basis"] == VARIATION_BASIS]
        section = note.variation_section()
        if read.empty:
            assert not section, unit
            continue
        assert section.figures, unit
        axes = [ax for fig in section.figures for ax in fig.axes]
        assert len(axes) == len(read), unit
        for ax, (_, row) in zip(axes, read.iterrows()):
            reading = note._readings[row["indicator_id"]]
            # the line is the series as read (seasonally adjusted where the row says so)
            line = next(line for line in ax.get_lines() if line.get_label() == "value")
            assert np.allclose(line.get_ydata(), reading.chart["value"].to_numpy(dtype=float), equal_nan=True)
            centre = [line for line in ax.get_lines() if line.get_label() == "centre"]
            assert centre and np.allclose(centre[0].get_ydata(), row["variation_centre"])
            assert reading.seasonal == bool(row["variation_seasonal"])
        # the rows behind the chart are kept for the analyst
        assert {"centre", "lower", "upper", "signal", "point"} <= set(section.frame.columns)


def test_the_reading_in_words_has_no_placeholder_in_any_language(notes):
    for (unit, lang), note in notes.items():
        section = note.variation_section()
        if not section:
            continue
        text = visible_text(section.html)
        assert not PLACEHOLDER.search(text), (unit, lang, text)
        words = re.findall(r'<p class="variation-text">(.*?)</p>', section.html)
        assert len(words) == len(note._readings), unit
        assert all(w.strip() for w in words)


def test_kort_fortalt_tells_an_xmr_trend_as_its_run_and_never_as_a_yearly_change(notes):
    run_words = {"nb": "på rad siden", "da": "i træk siden", "en": "in a row since"}
    for (unit, lang), note in notes.items():
        read = note.own[
            (note.own["trend_basis"] == VARIATION_BASIS) & note.own["trend"].isin(["improving", "worsening"])
        ]
        summary = " ".join(note.summary_section().markdown.split())
        for _, row in read.iterrows():
            # the chart found a run, so the trend is one; a yearly "fra 12,1 % i 2021" is not told
            assert np.isnan(row["trend_from_value"]) and row["variation_signal"] in ("shift", "trend")
            name = row["name"].split()[0].lower()
            assert not re.search(rf"{name}(, [\w ]+,)? (har gått (opp|ned)|er (steget|faldet)|(rose|fell)) (fra|from) ",
                                 summary.lower()), (unit, lang, summary)  # fmt: skip
            if re.search(rf"{name}[^.;]*(har ligget|har gått|er gået|has been|has gone)", summary.lower()):
                assert run_words[lang] in summary, (unit, lang, summary)


def test_kort_fortalt_tells_a_latest_point_of_concern_that_is_no_trend(notes):
    # a latest tertial beyond the limits (skole-sentrum) is no trend, so the trend column says
    # stable; "Kort fortalt" must still tell it, as the chart colours it
    from kitlib.report.formatting import format_period
    from kitlib.report.i18n import tr

    lead = {lang: tr("summary_special", lang, items="").split(":")[0] for lang in ("nb", "da", "en")}
    told = set()
    for (unit, lang), note in notes.items():
        own = note.own
        special = own[
            (own["variation"] == "concern") & own["variation_signal"].isin(["outside", "two_of_three"])
        ]
        summary = " ".join(note.summary_section().markdown.split())
        assert (lead[lang] in summary) == (not special.empty), (unit, lang, summary)
        for _, row in special.iterrows():
            assert format_period(row["variation_period"], lang).replace("\xa0", " ") in summary.replace(
                "\xa0", " "
            )
            told.add(unit)
    assert {"skole-sentrum", "hjt-nord"} <= told


def test_the_definitions_say_which_series_are_seasonally_adjusted(notes):
    for (unit, lang), note in notes.items():
        adjusted = [i for i, r in note._readings.items() if r.seasonal]
        text = note.notes_section().text
        key = {"nb": "sesongjustert", "da": "Sæsonkorrigeret", "en": "Seasonally adjusted"}[lang]
        assert (key.lower() in text.lower()) == bool(adjusted), (unit, lang)


def test_special_cause_the_chart_colours_before_the_latest_reading_is_told(notes):
    # every chart whose points before the latest reading carry a signal says when the last
    # one was, so that "ingen spesiell variasjon" never stands beside a coloured point
    from kitlib.analysis.variation import earlier_signal
    from kitlib.report.formatting import format_period

    told = 0
    for (unit, lang), note in notes.items():
        html = note.variation_section().html if note._readings else ""
        for reading in note._readings.values():
            earlier = earlier_signal(reading.chart, reading.summary)
            read = reading.chart[reading.chart["point"] != ""]
            flagged_before = (read["signal"].iloc[: len(read) - max(reading.summary.points, 1)] != "").any()
            assert (earlier is not None) == bool(flagged_before), unit
            if earlier is not None:
                assert format_period(earlier.period, lang).replace(" ", "\xa0") in html.replace(" ", "\xa0")
                told += 1
        if lang == "nb" and unit == "bhg-maurtua":
            assert "Tidligere spesiell variasjon: et punkt over øvre kontrollgrense i januar" in html
    assert told  # the sample has such charts (Maurtua's January 2025, Byggesak øst's July 2024)


def test_the_seasonal_note_names_the_series_own_period(notes):
    # a tertial series is adjusted by its tertials, a monthly one by its months: the note
    # beside each says which, never "måneds (tertials, kvartals)"
    from kitlib.data.periods import parse_period
    from kitlib.report.i18n import tr

    seen = set()
    for (unit, lang), note in notes.items():
        for indicator, reading in note._readings.items():
            if not reading.seasonal:
                continue
            freq = parse_period(reading.summary.period).freq
            part = tr(f"xmr_part_{freq}", lang)
            text = visible_text(note.variation_section().html)
            assert f" {part} (" in text, (unit, lang, indicator)
            seen.add(freq)
    assert seen >= {"M", "T"}  # the sample has both: nursing homes by month, schools by tertial
