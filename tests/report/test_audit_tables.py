"""The audit and SMART tables for readers: words in nb, da and en, symbols with words,
never an empty slot, 'nan' or 'None'; the workbook with numbers as numbers."""

from __future__ import annotations

import io
import math
import re
from dataclasses import replace

import openpyxl
import pandas as pd
import pytest
from audit_folder import RESULTS_YEAR, write_audit_folder

from kitlib import load_data
from kitlib.analysis.audit import audit_indicators, scorecard_load
from kitlib.analysis.smart import check_targets
from kitlib.data.config import LANGUAGES
from kitlib.report.audit_tables import (
    audit_frame,
    audit_report_text,
    audit_section_html,
    audit_workbook,
    load_frame,
    smart_frame,
    smart_html,
    verdict_text,
)

BAD = re.compile(r"\bnan\b|\bNone\b|<NA>|\bNaT\b|\{[a-z_]*\}", re.IGNORECASE)


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    """Audit, indicators per unit and SMART check of a folder with every kind of verdict,
    and a target of a unit without figures (missing stays missing)."""
    data = load_data(write_audit_folder(tmp_path_factory.mktemp("tables") / "data"))
    values = data.values[~((data.values["unit_id"] == "bhg-f") & (data.values["indicator_id"] == "hull"))]
    data = replace(data, values=values)
    extra = data.targets[data.targets["year"] == RESULTS_YEAR + 1].iloc[[0]]
    extra = extra.assign(unit_id="bhg-f", indicator_id="hull", target=85.0)
    data = replace(data, targets=pd.concat([data.targets, extra], ignore_index=True))
    check = check_targets(data, RESULTS_YEAR + 1)
    return audit_indicators(data, RESULTS_YEAR), scorecard_load(data, RESULTS_YEAR), check


def cells(frame: pd.DataFrame) -> list[str]:
    return [str(v) for v in [*frame.columns, *frame.to_numpy().ravel()]]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_reader_text_has_no_empty_slot_in_any_language(tables, lang):
    audit, load, check = tables
    assert check["realistic"].isna().any() and check["realistic"].eq(False).any()  # every kind shown
    assert audit["relevant"].isna().any()
    for frame in (audit_frame(audit, lang), load_frame(load, lang), smart_frame(check, lang)):
        shown = cells(frame)
        assert all(c.strip() for c in shown), frame.columns
        assert not [c for c in shown if BAD.search(c)]
    for text in (audit_report_text(audit, load, check, lang), audit_section_html(audit, load, check, lang)):
        assert not BAD.search(text)
        assert "()" not in text and "( )" not in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_verdict_is_a_symbol_with_words(tables, lang):
    audit, _, check = tables
    verdict_columns = list(audit_frame(audit, lang).columns[2:9]) + list(smart_frame(check, lang).columns[6:])
    for frame in (audit_frame(audit, lang), smart_frame(check, lang)):
        for column in [c for c in frame.columns if c in verdict_columns]:
            for cell in frame[column]:
                symbol, _, words = cell.partition(" ")
                assert symbol in ("✔", "✘", "–") and re.search(r"\w{2,}", words), (column, cell)


def test_the_verdict_words_say_why(tables):
    audit, _, check = tables
    shown = audit_frame(audit, "nb").set_index("Indikator")
    assert shown.loc["Udefinert", "Dokumentert"] == "✘ mangler definisjon"
    assert shown.loc["Retning", "Tolkningsbar"] == "✘ uklart om høyere eller lavere er bedre"
    assert shown.loc["Dekning", "Påvirkbar"] == "– kontekst for enhetene"
    assert shown.loc["Tilfredshet", "Krav oppfylt"] == "7 av 7"
    assert verdict_text(pd.NA, "", "en") == "– cannot be judged"
    assert verdict_text(False, "met_for_years", "da", n=4) == "✘ allerede nået i hvert af de seneste 4 år"
    unmeasured = smart_frame(check, "nb", unit_id="bhg-f").set_index("Indikator").loc["Hull"]
    assert unmeasured["Siste resultat"] == "– mangler tall fra før"
    assert unmeasured["Realistisk, men ambisiøst"] == "– mangler tall fra før"


@pytest.mark.parametrize(
    ("lang", "words"),
    [("nb", "målet ber om 3,0 prosentpoeng per år, den største forbedringen på ett år er 1,0 prosentpoeng"),
     ("en", "the target asks for 3.0 percentage points a year, the largest improvement in one year is 1.0 percentage points")],
)  # fmt: skip
def test_a_large_step_names_the_step_asked_and_the_largest_made(tables, lang, words):
    _, _, check = tables
    row = check.iloc[0].copy()
    row[["unit_of_measure", "decimals", "realistic", "realistic_reason"]] = ["%", 1, False, "large_step"]
    row[["asked_step", "largest_step"]] = [3.0, 1.0]
    realistic = smart_frame(row.to_frame().T, lang).iloc[0].iloc[-2].replace("\u00a0", " ")
    assert realistic.startswith("✘ ") and realistic.endswith(f"({words})")
    row["asked_step"] = math.nan  # no figures, no brackets: never an empty slot
    assert "(" not in smart_frame(row.to_frame().T, lang).iloc[0].iloc[-2]


def test_one_units_targets_in_html(tables):
    _, _, check = tables
    page = smart_html(check, "nb", unit_id="bhg-a")
    assert page.count("<tr>") == 1 + (check["unit_id"] == "bhg-a").sum()
    assert '<th scope="col">Enhet</th>' not in page  # one unit: no unit column
    assert 'class="verdict passed"' in page
    assert "finnes ikke mål" in smart_html(check, "nb", unit_id="no-such-unit")


def test_the_workbook_has_norwegian_headers_and_numbers_as_numbers(tables):
    audit, load, check = tables
    book = openpyxl.load_workbook(io.BytesIO(audit_workbook(audit, load, check)))
    assert book.sheetnames == ["Indikatorrevisjon", "Indikatorer per enhet", "SMART-sjekk"]
    rows = list(book["SMART-sjekk"].iter_rows(values_only=True))
    header = rows[0]
    assert header[:3] == ("Enhet", "Indikator", "Mål")
    by_key = {(r[0], r[1]): dict(zip(header, r)) for r in rows[1:]}
    good = by_key[("Barnehage A", "Tilfredshet")]
    assert isinstance(good["Mål"], float) and isinstance(good["Siste resultat"], float)
    assert by_key[("Barnehage F", "Hull")]["Siste resultat"] is None  # missing stays empty, never 0
    counts = list(book["Indikatorer per enhet"].iter_rows(values_only=True))
    assert isinstance(counts[1][2], int)
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            assert not any(isinstance(v, float) and math.isnan(v) for v in row)
            assert not any(isinstance(v, str) and BAD.search(v) for v in row)
    assert audit_workbook(audit, load, check) == audit_workbook(audit, load, check)  # same bytes each run


@pytest.mark.parametrize("lang", ["nb", "da", "en"])
def test_a_heading_over_targets_met_for_years_says_at_least_not_the_rows_years(lang):
    # the column head stood over rows of 6 and 7 years as 'hvert av de siste 3 årene'
    from kitlib.analysis.smart import MET_YEARS
    from kitlib.report.audit_tables import reason_heading, reasons_text

    head = reason_heading("met_for_years", lang)
    assert str(MET_YEARS) in head and head != reasons_text("met_for_years", lang, n=MET_YEARS)
    assert "7" in reasons_text("met_for_years", lang, n=7)
    assert reason_heading("no_target", lang) == reasons_text("no_target", lang)
