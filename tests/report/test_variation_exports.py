"""The scorecard's exports carry the XmR reading: `variation` and `assurance` as Making Data
Count's codes in the CSV (for machines) and the Excel workbook (headers in the note's
language), empty where a series has no limits."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from kitlib import load_data, sample_folder
from kitlib.analysis.scorecard import scorecard
from kitlib.batch.unit_runner import scorecard_csv
from kitlib.report.i18n import LANGUAGES, tr
from kitlib.report.workbook import scorecard_workbook

CODES = {"variation": {"improvement", "concern", "neutral", "common_cause"},
         "assurance": {"pass", "fail", "hit_and_miss"}}  # fmt: skip


@pytest.fixture(scope="module")
def card():
    """A care home's scorecard: sick leave per tertial has limits, the yearly figures none."""
    data = load_data(sample_folder())
    return scorecard(data, "shj-berg-dal", data.latest_year)


def _expected(card) -> dict[str, tuple[str, str]]:
    return {r["name"]: (r["variation"], r["assurance"]) for _, r in card.iterrows()}


def test_the_sample_card_has_rows_with_and_without_limits(card):
    limited = card[card["variation"] != ""]
    assert len(limited) and (card["variation"] == "").any()
    assert set(limited["variation"]) <= CODES["variation"] and set(limited["assurance"]) <= CODES["assurance"]


def test_the_csv_holds_the_codes_of_the_scorecard_rows(card):
    rows = list(csv.DictReader(io.StringIO(scorecard_csv(card))))
    assert {"variation", "assurance"} <= set(rows[0])
    got = {r["name"]: (r["variation"], r["assurance"]) for r in rows}
    assert got == _expected(card)  # empty where there are no limits, never 'nan'


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_workbook_holds_the_codes_under_headers_in_the_notes_language(card, lang):
    sheet = openpyxl.load_workbook(io.BytesIO(scorecard_workbook(card, {}, lang))).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    variation, assurance = (header.index(tr(f"xlsx_{key}", lang)) for key in ("variation", "assurance"))
    assert header[variation - 1] == tr("xlsx_trend", lang)  # beside status and trend
    name = header.index(tr("xlsx_indicator", lang))
    got = {r[name]: (r[variation] or "", r[assurance] or "") for r in rows[1:]}
    assert got == _expected(card)
    empty = [r for r in rows[1:] if r[variation] is None]
    assert empty and all(r[assurance] is None for r in empty)  # an empty cell, not '' or 'nan'


def test_every_code_passes_through_both_exports(card):
    """Codes the sample does not reach (an improvement that passes, a concern that fails...)."""
    combos = [("improvement", "pass"), ("concern", "fail"), ("neutral", ""), ("common_cause", "hit_and_miss")]
    made = card.iloc[: len(combos)].copy()
    made["variation"], made["assurance"] = zip(*combos)
    rows = list(csv.DictReader(io.StringIO(scorecard_csv(made))))
    assert [(r["variation"], r["assurance"]) for r in rows] == combos
    sheet = openpyxl.load_workbook(io.BytesIO(scorecard_workbook(made, {}, "nb"))).active
    cells = list(sheet.iter_rows(min_row=2, values_only=True))
    header = next(sheet.iter_rows(values_only=True))
    at = header.index("Variasjon"), header.index("Variasjon mot mål")
    assert [(r[at[0]], r[at[1]] or "") for r in cells] == combos
