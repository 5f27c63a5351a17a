"""The scorecard as an Excel workbook for readers: their language, numbers as numbers."""

from __future__ import annotations

import io
import math
import time

import openpyxl

from kitlib import load_data, scorecard
from kitlib.report.workbook import scorecard_workbook


def test_workbook_has_headers_in_the_notes_language_and_numbers_as_numbers(alna_folder):
    card = scorecard(load_data(alna_folder), "alna", 2008)
    first = scorecard_workbook(card, {"brukere": "Brukere"}, "nb")
    time.sleep(1.1)  # a zip entry stamped with the clock would now differ
    assert scorecard_workbook(card, {"brukere": "Brukere"}, "nb") == first
    sheet = openpyxl.load_workbook(io.BytesIO(first)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:4] == ("Perspektiv", "Indikator", "Periode", "Resultat")
    by_name = {r[1]: dict(zip(header, r)) for r in rows[1:]}
    leave = by_name["Sykefravær"]
    assert leave["Resultat"] == 10.06 and isinstance(leave["Mål"], float)
    assert leave["Status"] == "◐ nesten"
    satisfaction = by_name["Brukertilfredshet"]
    assert satisfaction["Resultat"] is None  # missing stays empty, never 0
    assert satisfaction["Perspektiv"] == "Brukere"
    english = openpyxl.load_workbook(io.BytesIO(scorecard_workbook(card, {}, "en"))).active
    assert next(english.iter_rows(values_only=True))[3] == "Result"
    assert not any(isinstance(v, float) and math.isnan(v) for r in rows for v in r)
