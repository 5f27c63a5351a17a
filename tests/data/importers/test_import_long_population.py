"""kitlib import long --population: the people asked behind a survey figure reach values.csv."""

from __future__ import annotations

from pathlib import Path

import pytest
from folder_rows import assert_valid, find

from kitlib.data.importers import SourceFormatError, import_long

COLS = {"unit": "Enhet", "indicator": "Indikator", "period": "År", "value": "Snitt", "n": "Svar"}


def survey(tmp_path: Path, asked: str = "30") -> Path:
    path = tmp_path / "medarbeiderundersokelsen.csv"
    path.write_text(
        f"Enhet;Indikator;År;Snitt;Svar;Ansatte\nHaugtun;Trivsel;2025;4,6;28;{asked}\nLia;Trivsel;2025;4,4;12;\n",
        encoding="utf-8",
    )
    return path


def test_population_is_written_beside_n(tmp_path):
    out = tmp_path / "data"
    import_long(survey(tmp_path), out, **COLS, population="Ansatte")
    assert_valid(out)
    assert (
        find(out, "values.csv", unit_id="Haugtun")["n"],
        find(out, "values.csv", unit_id="Haugtun")["population"],
    ) == ("28", "30")
    assert find(out, "values.csv", unit_id="Lia")["population"] == ""


def test_without_the_option_values_csv_has_no_population_column(tmp_path):
    out = tmp_path / "data"
    import_long(survey(tmp_path), out, **COLS)
    assert "population" not in (out / "values.csv").read_text(encoding="utf-8").splitlines()[0]


@pytest.mark.parametrize("asked", ["0", "29,5", "tretti"])
def test_a_population_that_is_no_count_of_at_least_one_is_refused_with_its_line(tmp_path, asked):
    with pytest.raises(SourceFormatError) as info:
        import_long(survey(tmp_path, asked), tmp_path / "data", **COLS, population="Ansatte")
    message = str(info.value)
    assert "line 2" in message and "Ansatte" in message and "people asked, at least 1" in message
