"""`kitlib validate` warns about figures it uses as given but that look wrong: more answers
than people asked, and shares of respondents no whole number of them can give."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kitlib.cli.main import main
from kitlib.data.plausible import folder_warnings, nearest_possible_shares
from kitlib.data.resources import sample_folder
from kitlib.data.validate import check_folder

BASE = Path(__file__).resolve().parents[1] / "bad_inputs" / "base"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The corpus' small valid folder (two schools, a kindergarten), with a population column."""
    target = tmp_path / "data"
    shutil.copytree(BASE, target)
    lines = (target / "values.csv").read_text(encoding="utf-8").splitlines()
    (target / "values.csv").write_text(
        "\n".join([lines[0] + ",population", *(f"{x}," for x in lines[1:])]) + "\n"
    )
    return target


def set_row(folder: Path, line: int, text: str) -> None:
    lines = (folder / "values.csv").read_text(encoding="utf-8").splitlines()
    lines[line - 1] = text
    (folder / "values.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def validate(folder: Path, capsys) -> tuple[int, str, str]:
    code = main(["validate", str(folder)])
    out, err = capsys.readouterr()
    return code, out, err


def test_an_impossible_share_is_a_warning_naming_line_and_nearest_shares(folder, capsys):
    set_row(folder, 3, "skole-nord,mobbing,2022,3.2,,35,,")
    code, out, err = validate(folder, capsys)
    assert code == 0 and out.startswith("OK ")  # a warning: the figure is still used
    assert err.splitlines() == [
        "  warning: values.csv, line 3, column 'value': 3,2 % of 35 respondents is 1,12 people, not a whole "
        "number; the possible shares nearest are 2,9 % (1 of 35) or 5,7 % (2 of 35): check value and n "
        "(the figure is used as given)"
    ]


@pytest.mark.parametrize("share, n", [(2.9, 35), (5.7, 35), (0.0, 35), (100.0, 35), (33.3, 3)])
def test_a_share_that_rounds_from_a_whole_count_is_possible(share, n):
    # 1 of 35 is 2,857 %: written 2,9 it is the rounded true share
    assert nearest_possible_shares(share, n) == []


def test_decimals_written_set_the_rounding_tolerance():
    assert nearest_possible_shares(3.0, 33) == []  # 1 of 33 is 3,03 %: 3 % written without decimals
    assert nearest_possible_shares(3.1, 33) != []  # 3,1 claims 3,05-3,15 %, which no count gives
    assert nearest_possible_shares(3.03, 33) == []
    # 6 % written without decimals claims 5,5-6,5 % of 40, 2,2-2,6 pupils: no whole count
    assert nearest_possible_shares(6, 40) == [(5.0, 2), (7.5, 3)]


def test_more_answers_than_people_asked_is_a_warning_for_that_row(folder, capsys):
    set_row(folder, 2, "skole-nord,trivsel,2022,4.1,,40,0.9,38")
    set_row(folder, 6, "skole-nord,trivsel,2023,4.2,,41,0.9,45")
    code, out, err = validate(folder, capsys)
    assert code == 0
    assert err.splitlines() == [
        "  warning: values.csv, line 2, column 'n': 40 respondents, but population says 38 people were "
        "asked; the figure is read as a complete count (no sampling uncertainty): check n and population "
        "of this row"
    ]


def test_population_must_be_a_whole_number_of_at_least_one(folder):
    set_row(folder, 2, "skole-nord,trivsel,2022,4.1,,40,0.9,0")
    set_row(folder, 6, "skole-nord,trivsel,2023,4.2,,41,0.9,44.5")
    problems = [str(p) for p in check_folder(folder)[2]]
    assert problems[0] == "values.csv, line 2, column 'population': '0' should be 1 or more"
    assert problems[1].startswith("values.csv, line 6, column 'population': '44.5'")
    assert len(problems) == 2


def test_population_is_loaded_as_a_count(folder):
    set_row(folder, 2, "skole-nord,trivsel,2022,4.1,,40,0.9,44")
    values = check_folder(folder)[0]["values"]
    assert values["population"].dtype == "Int64"
    assert values["population"].dropna().tolist() == [44]


def test_the_sample_has_no_impossible_share_and_no_more_answers_than_asked(capsys):
    tables, _config, problems = check_folder(sample_folder())
    assert problems == [] and folder_warnings(tables) == []
    code, _out, err = validate(sample_folder(), capsys)
    assert (code, err) == (0, "")
    surveys = tables["values"][tables["values"]["n"].notna()]
    # the survey rows carry the people asked (a national test's pupils need none)
    asked = surveys[surveys["indicator_id"] != "skole_np_lesing5"]
    assert asked["population"].notna().all() and (asked["n"] <= asked["population"]).all()
