"""The unit note's survey table shows the response rate where the people asked are known
(values.csv `population`), and says why those intervals are narrower; without them, nothing."""

from __future__ import annotations

import re
from html import unescape

import numpy as np
import pandas as pd
import pytest

from kitlib import load_data
from kitlib.analysis.scorecard import scorecard
from kitlib.data.contract import SURVEY_TYPE
from kitlib.data.resources import sample_folder
from kitlib.report.i18n import tr
from kitlib.report.tables import survey_table

LANGS = ("nb", "da", "en")


def rows(**changes) -> pd.DataFrame:
    row = dict(
        indicator_id="trivsel", name="Trivsel", indicator_type=SURVEY_TYPE, unit_of_measure="score 1-6",
        direction="higher", value=4.6, value_status="", n=6, population=7, suppressed=False, ci_low=4.4,
        ci_high=4.8, target=4.5, trend="stable", last_change=0.2, last_change_noise=0.3,
        national_value=4.0, national_gap=0.6, national_gap_clear=True, decimals=1,
    )  # fmt: skip
    row.update(changes)
    return pd.DataFrame([row])


def cells(html: str) -> list[str]:
    return [
        unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", html)
    ]


@pytest.mark.parametrize("lang, shown", [("nb", "86\u00a0%"), ("da", "86\u00a0%"), ("en", "86%")])
def test_response_rate_is_answers_of_people_asked(lang, shown):
    html = survey_table(rows(), lang)
    assert tr("response_rate", lang) in cells(html)
    assert shown in cells(html)  # 6 of 7
    assert tr("survey_population_note", lang) in unescape(html)
    for placeholder in ("nan", "None", "{"):
        assert placeholder not in unescape(re.sub(r"<[^>]+>", " ", html))


def test_more_answers_than_asked_is_shown_as_everyone():
    assert "100\u00a0%" in cells(survey_table(rows(n=9, population=7), "nb"))


def test_no_response_rate_column_or_note_where_no_row_knows_the_people_asked():
    for frame in (rows(population=np.nan), rows().drop(columns=["population"])):
        html = survey_table(frame, "nb")
        assert tr("response_rate", "nb") not in cells(html)
        assert tr("survey_population_note", "nb") not in unescape(html)
    # one row with people asked: the column is there, empty for the row without
    two = pd.concat([rows(), rows(indicator_id="b", name="Annet", population=np.nan)], ignore_index=True)
    table = cells(survey_table(two, "nb"))
    assert table.count("86\u00a0%") == 1


def test_the_sample_notes_survey_table_has_each_rows_response_rate():
    data = load_data(sample_folder())
    card = scorecard(data, "skole-nordby", data.latest_year)
    surveys = card[card["indicator_type"] == SURVEY_TYPE]
    html = survey_table(surveys, "nb")
    expected = [f"{round(100 * n / p)}\u00a0%" for n, p in zip(surveys["n"], surveys["population"])]
    assert expected and all(rate in cells(html) for rate in expected)
