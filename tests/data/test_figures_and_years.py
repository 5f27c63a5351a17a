"""Figures that broke the briefings, and periods from the future, are refused with their place."""

from __future__ import annotations

import pytest

from kitlib import check_folder
from kitlib.cli.main import main
from kitlib.data import validate

TOO_LARGE = (
    "is too large: figures must be below 1e15 (1 000 000 000 000 000) in absolute value; "
    "no municipal figure comes near it, so it is a typing or export error"
)
TOO_PRECISE = (
    "significant digits; at most 15 are allowed: a computer number keeps only 15, so the rest "
    "would change silently, and no municipal figure needs more; round it"
)


def problems_of(folder, **kwargs):
    return [str(p) for p in check_folder(folder, **kwargs)[2]]


def replace_line(path, line_number, new_text):
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[line_number - 1] = new_text
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def with_benchmarks(folder):
    (folder / "benchmarks.csv").write_text(
        "indicator_id,period,group,value\nforbruk,2008,Bydeler,98.5\n", encoding="utf-8"
    )
    return folder


def test_a_figure_of_1e15_or_more_is_refused(alna_folder):
    replace_line(alna_folder / "values.csv", 3, "alna,brukertilfredshet,2007,100000000000000000000000000000,")
    replace_line(alna_folder / "targets.csv", 4, "*,forbruk,2008,-1 000 000 000 000 000")
    assert problems_of(alna_folder) == [
        f"values.csv, line 3, column 'value': '10000000000000000000...' (30 characters) {TOO_LARGE}",
        f"targets.csv, line 4, column 'target': '-1 000 000 000 000 000' {TOO_LARGE}",
    ]


@pytest.mark.parametrize(
    "name,line,text,where",
    [
        ("values.csv", 6, "alna,sykefravaer,2007,{number},", "values.csv, line 6, column 'value'"),
        ("targets.csv", 3, "*,sykefravaer,2008,{number}", "targets.csv, line 3, column 'target'"),
        ("benchmarks.csv", 2, "forbruk,2008,Bydeler,{number}", "benchmarks.csv, line 2, column 'value'"),
    ],
)
def test_a_400_digit_number_is_refused_in_every_file(alna_folder, name, line, text, where):
    with_benchmarks(alna_folder)
    replace_line(alna_folder / name, line, text.format(number="9" * 400))
    assert problems_of(alna_folder) == [
        f"{where}: '99999999999999999999...' (400 characters) has 400 {TOO_PRECISE}"
    ]


def test_more_than_15_significant_digits_are_refused_with_a_rounded_example(alna_folder):
    replace_line(alna_folder / "values.csv", 7, "alna,sykefravaer,2008,10.0600000000000004,")
    replace_line(alna_folder / "values.csv", 8, "alna,forbruk,2006,97.2400000000000,")  # 4 digits and zeros
    assert problems_of(alna_folder) == [
        f"values.csv, line 7, column 'value': '10.0600000000000004' has 18 {TOO_PRECISE}, e.g. to 10.06"
    ]


@pytest.mark.parametrize("text", ["inf", "-Infinity", "nan", "NaN"])
def test_infinite_and_not_a_number_written_out_are_refused(alna_folder, text):
    replace_line(alna_folder / "values.csv", 5, f"alna,sykefravaer,2006,{text},")
    assert problems_of(alna_folder) == [
        f"values.csv, line 5, column 'value': '{text}' is not a finite number; write the figure itself, "
        "or leave the cell empty (a missing figure is marked with a status, see data/README.md)"
    ]


@pytest.mark.parametrize("decimals", ["50", "7", "-1"])
def test_decimals_must_be_a_whole_number_from_0_to_6(alna_folder, decimals):
    ind = alna_folder / "indicators.csv"
    lines = ind.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",decimals", lines[1] + f",{decimals}", lines[2] + ",6", lines[3] + ",0"]
    ind.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert problems_of(alna_folder) == [
        f"indicators.csv, line 2, column 'decimals': '{decimals}' should be a whole number from 0 to 6"
    ]


def test_a_period_after_the_current_year_is_refused(alna_folder):
    with_benchmarks(alna_folder)
    replace_line(alna_folder / "values.csv", 7, "alna,sykefravaer,2999,10.06,")
    replace_line(alna_folder / "benchmarks.csv", 2, "forbruk,2027K1,Bydeler,98.5")
    assert problems_of(alna_folder, current_year=2026) == [
        "values.csv, line 7, column 'period': period 2999 is after the current year 2026; fix the date",
        "benchmarks.csv, line 2, column 'period': period 2027K1 is after the current year 2026; fix the date",
    ]


def test_a_period_before_1900_is_refused(alna_folder):
    replace_line(alna_folder / "values.csv", 2, "alna,brukertilfredshet,0206,4.89,")
    assert problems_of(alna_folder) == [
        "values.csv, line 2, column 'period': period 0206 is before 1900; fix the date"
    ]


def test_targets_may_be_set_up_to_five_years_ahead(alna_folder):
    targets = alna_folder / "targets.csv"
    targets.write_text(
        targets.read_text(encoding="utf-8") + "*,sykefravaer,2013,9.5\n*,sykefravaer,2014,9.4\n",
        encoding="utf-8",
    )
    assert problems_of(alna_folder, current_year=2008) == [
        "targets.csv, line 7, column 'period': period 2014 is more than 5 years after the current "
        "year 2008; targets are set at most 5 years ahead (up to 2013); fix the date"
    ]


def test_the_current_year_comes_from_the_clock_and_the_cli_reports_the_future(
    alna_folder, monkeypatch, capsys
):
    monkeypatch.setattr(validate, "this_year", lambda: 2007)
    assert main(["validate", str(alna_folder)]) == 2
    err = capsys.readouterr().err
    assert (
        "values.csv, line 4, column 'period': period 2008 is after the current year 2007; fix the date" in err
    )
    assert "targets.csv" not in err  # 2008 and 2009 are targets set ahead
