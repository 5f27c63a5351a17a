"""indicators.csv's `seasonal`: yes/no (ja/nei, ja/nej), empty or absent is no; loaded as a bool
column that is always there; any other word is refused with file, line, column and the words
allowed."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import INDICATOR_HEADER, write_folder

from kitlib import check_folder, load_data
from kitlib.errors import DataValidationError

ROWS = {
    "fravaer": "Fravær,*,medarbeidere,Lønnssystemet,medarbeider,%,lower,delvis,Fravær per måned",
    "tid": "Saksbehandlingstid,*,tjenester,Fagsystemet,malt_kvalitet,days,lower,ja,Dager",
    "forbruk": "Forbruk,*,okonomi,Regnskap,okonomi,%,lower,ja,Prosent av budsjett",
}


def folder(tmp_path, seasonal: dict[str, str] | None):
    header = INDICATOR_HEADER + (",seasonal" if seasonal is not None else "")
    rows = [f"{iid},{row}" + (f",{seasonal.get(iid, '')}" if seasonal is not None else "")
            for iid, row in ROWS.items()]  # fmt: skip
    values = ["unit_id,indicator_id,period,value"] + [f"u1,{iid},2025M01,5" for iid in ROWS]
    return write_folder(
        tmp_path / "seasonal",
        indicators="\n".join([header, *rows]),
        units="unit_id,name,service_area\nu1,Enhet 1,Barnehage",
        values="\n".join(values),
    )


def seasonal_of(data) -> dict[str, bool]:
    return dict(zip(data.indicators["indicator_id"], data.indicators["seasonal"]))


def test_without_the_column_no_indicator_is_seasonal(tmp_path):
    data = load_data(folder(tmp_path, None))
    assert data.indicators["seasonal"].dtype == bool
    assert seasonal_of(data) == {"fravaer": False, "tid": False, "forbruk": False}


@pytest.mark.parametrize("yes,no", [("yes", "no"), ("ja", "nei"), ("ja", "nej")])
def test_yes_and_no_in_three_languages_and_empty_is_no(tmp_path, yes, no):
    data = load_data(folder(tmp_path, {"fravaer": yes, "tid": no}))
    assert data.indicators["seasonal"].dtype == bool
    assert seasonal_of(data) == {"fravaer": True, "tid": False, "forbruk": False}


def test_another_word_is_refused_with_file_line_column_and_the_words_allowed(tmp_path):
    path = folder(tmp_path, {"tid": "sometimes"})
    problems = check_folder(path)[2]
    assert [(p.file, p.line, p.column) for p in problems] == [("indicators.csv", 3, "seasonal")]
    assert "'sometimes' is not one of: yes, no, ja, nei, nej" in problems[0].message
    with pytest.raises(DataValidationError, match=r"indicators.csv.*3.*seasonal.*'sometimes' is not one of"):
        load_data(path)


def test_the_sample_marks_sick_leave_seasonal():
    data = load_data(Path(__file__).resolve().parents[2] / "data" / "sample")
    assert [i for i, seasonal in seasonal_of(data).items() if seasonal] == ["sykefravaer"]
