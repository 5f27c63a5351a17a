"""The contract is enforced: every problem named with file, line and column."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from kitlib import DataValidationError, check_folder, load_data
from kitlib.cli.main import main


def problems_of(folder):
    return [str(p) for p in check_folder(folder)[2]]


def replace_line(path, line_number, new_text):
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[line_number - 1] = new_text
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def append_line(path, text):
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text + "\n")


def test_valid_folder_has_no_problems(alna_folder, synthetic_folder):
    assert problems_of(alna_folder) == []
    assert problems_of(synthetic_folder) == []


def test_text_in_a_value_names_file_line_and_column(alna_folder):
    replace_line(alna_folder / "values.csv", 3, "alna,brukertilfredshet,2007,fire komma sju,")
    assert problems_of(alna_folder) == [
        "values.csv, line 3, column 'value': 'fire komma sju' is not a number (decimal mark , or .)"
    ]


def test_unknown_unit_in_targets(alna_folder):
    append_line(alna_folder / "targets.csv", "bydel-x,sykefravaer,2009,9")
    (problem,) = problems_of(alna_folder)
    assert problem.startswith("targets.csv, line 6, column 'unit_id': unknown unit id 'bydel-x'")


def test_duplicated_row_points_to_its_first_occurrence(alna_folder):
    append_line(alna_folder / "values.csv", "alna,sykefravaer,2007,10.35,")
    (problem,) = problems_of(alna_folder)
    assert problem.startswith("values.csv, line 11: duplicate row")
    assert "first appears on line 6" in problem


def test_bad_period_and_bad_direction_and_target_without_direction(alna_folder):
    replace_line(alna_folder / "values.csv", 2, "alna,brukertilfredshet,2006T4,4.89,")
    ind = alna_folder / "indicators.csv"
    text = (
        ind.read_text(encoding="utf-8")
        .replace(",lower,ja,", ",down,ja,")
        .replace(",higher,delvis,", ",none,delvis,")
    )
    ind.write_text(text, encoding="utf-8")
    found = problems_of(alna_folder)
    assert "indicators.csv, line 4, column 'direction': 'down' is not one of: higher, lower, none" in found
    assert any(p.startswith("values.csv, line 2, column 'period': '2006T4'") for p in found)
    assert any(
        p.startswith("targets.csv, line 2, column 'indicator_id'") and "direction 'none'" in p for p in found
    )


def test_missing_required_column_and_file(alna_folder):
    ind = alna_folder / "indicators.csv"
    ind.write_text(ind.read_text(encoding="utf-8").replace(",definition", ",explanation"), encoding="utf-8")
    (alna_folder / "units.csv").unlink()
    found = problems_of(alna_folder)
    assert "indicators.csv, line 1, column 'definition': required column is missing from the header" in found
    assert any(p.startswith("units.csv: file missing") for p in found)


def test_empty_value_needs_a_missing_status_and_a_status_cannot_hide_a_value(alna_folder):
    replace_line(alna_folder / "values.csv", 4, "alna,brukertilfredshet,2008,,")
    replace_line(alna_folder / "values.csv", 5, "alna,sykefravaer,2006,11.6,..")
    found = problems_of(alna_folder)
    assert any(p.startswith("values.csv, line 4, column 'value': is empty") for p in found)
    assert any(p.startswith("values.csv, line 5, column 'status'") for p in found)


def test_semicolons_decimal_commas_and_extra_columns_are_accepted(alna_folder):
    values = alna_folder / "values.csv"
    rows = [line.split(",") for line in values.read_text(encoding="utf-8").splitlines()]
    semicolon = [";".join([*r[:3], r[3].replace(".", ","), r[4], "note"]) for r in rows]
    semicolon[0] = semicolon[0].replace("note", "kommentar")
    values.write_text("\n".join(semicolon) + "\n", encoding="utf-8")
    assert problems_of(alna_folder) == []
    data = load_data(alna_folder)
    assert data.values.query("indicator_id == 'sykefravaer' and period == '2007'")["value"].iat[0] == 10.35
    assert "kommentar" in data.values.columns


def test_load_data_raises_with_every_problem(alna_folder):
    replace_line(alna_folder / "values.csv", 2, "alna,ukjent,2006,4.89,")
    replace_line(alna_folder / "values.csv", 3, "alna,brukertilfredshet,2007,x,")
    with pytest.raises(DataValidationError) as info:
        load_data(alna_folder)
    assert len(info.value.problems) == 2
    assert "values.csv, line 2" in str(info.value)


def test_cli_validate_exit_codes_and_messages(alna_folder, capsys):
    assert main(["validate", str(alna_folder)]) == 0
    assert capsys.readouterr().out.startswith(f"OK {alna_folder}: 1 units, 3 indicators, 9 values, 2006-2008")
    replace_line(alna_folder / "values.csv", 3, "alna,brukertilfredshet,2007,abc,")
    assert main(["validate", str(alna_folder)]) == 2
    assert "values.csv, line 3, column 'value'" in capsys.readouterr().err


def test_the_sample_is_valid_and_a_broken_copy_is_rejected_with_locations(sample_copy, capsys):
    assert main(["validate", str(sample_copy)]) == 0
    capsys.readouterr()
    values = sample_copy / "values.csv"
    lines = values.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    value_col, period_col = header.index("value"), header.index("period")
    broken = lines[1].split(",")
    broken[value_col] = "mye"
    lines[1] = ",".join(broken)
    bad_period = lines[2].split(",")
    bad_period[period_col] = "2024T5"
    lines[2] = ",".join(bad_period)
    lines.append(lines[3])  # duplicate
    values.write_text("\n".join(lines) + "\n", encoding="utf-8")
    append_line(sample_copy / "targets.csv", "finnes-ikke,sykefravaer,2025,6,,")
    assert main(["validate", str(sample_copy)]) == 2
    err = capsys.readouterr().err
    assert "values.csv, line 2, column 'value': 'mye' is not a number" in err
    assert "values.csv, line 3, column 'period': '2024T5'" in err
    assert f"values.csv, line {len(lines)}: duplicate row" in err
    assert "column 'unit_id': unknown unit id 'finnes-ikke'" in err
    shutil.rmtree(sample_copy)


def test_target_for_an_indicator_of_another_service_area(synthetic_folder):
    ind = synthetic_folder / "indicators.csv"
    append_line(
        ind, "saksbehandling,Saksbehandlingstid,Byggesak,tjenester,Sak,malt_kvalitet,dager,lower,ja,Dager"
    )
    append_line(synthetic_folder / "targets.csv", "bhg-a,saksbehandling,2024,21,")
    (problem,) = problems_of(synthetic_folder)
    assert problem.startswith("targets.csv, line 7, column 'indicator_id': indicator 'saksbehandling'")
    assert "'Byggesak'" in problem and "'Barnehage'" in problem


def test_benchmark_group_named_in_kit_toml_must_exist(synthetic_folder):
    (synthetic_folder / "kit.toml").write_text(
        '[benchmarks]\nnational = "Landet utan Oslo"\n', encoding="utf-8"
    )
    (problem,) = problems_of(synthetic_folder)
    assert problem.startswith(
        "kit.toml, column 'benchmarks.national': group 'Landet utan Oslo' does not occur"
    )


# -- the fast path (bulkread, per distinct text) gives what the exact per-cell path gives ------------

PLAIN_FILES = {
    "plain": (b"a,b,c\n1,2,3\nx , y,z\n", True),
    "crlf": (b"a,b\r\n1,2\r\n3,4\r\n", True),
    "bom": (b"\xef\xbb\xbfa,b\n1,2\n", True),
    "semicolons and decimal commas": (b"a;b\n1,5;2\n", True),
    "trailing blank lines": (b"a,b\n1,2\n\n\n", True),
    "a row of empty cells": (b"a,b\n1,2\n , \n3,4\n", True),
    "quoted cells on one line": (b'a,b\n"x,y",2\n', True),
    "a guarded formula": (b"a,b\n'=x,2\n", True),
    "unicode spaces": ("a,b\n\u00a0x\u2003,2\n".encode(), True),
    "a newline inside quotes": (b'a,b\n"x\ny",2\n3,4\n', False),
    "a blank line between rows": (b"a,b\n1,2\n\n3,4\n", True),
    "a line of spaces between rows": (b"a,b\n1,2\n   \n3,4\n", False),
    "lone carriage returns": (b"a,b\r1,2\r", False),
    "a NUL byte": (b"a,b\n1,\x002\n", False),
    "an escape character": (b"a,b\n1,\x1b[31m2\n", False),
    "a row of another width": (b"a,b\n1,2,3\n", False),
    "a quote inside a cell": (b'a,b\nx"y,2\n', False),
    "latin-1": ("a,b\nBærum,2\n".encode("latin-1"), False),
    "a repeated column name": (b"a,a\n1,2\n", False),
    "blank lines and empty rows between rows": (b"a,b\n1,2\n\n,\n\r\n3,4\n", True),
    "a blank line in a CRLF file": (b"a,b\r\n1,2\r\n\r\n3,4\r\n", True),
    "a lone carriage return at the end": (b"a,b\n1,2\r", False),
    "a guarded formula and spaces in both columns": (b"a,b\n'=x, '+1 \n y ,2\n", True),
    "a control character in the second column": (b"a,b\nx,1\x0b2\n", False),
    "invalid UTF-8 in the second column": (b"a,b\nx,\xff\n", False),
}


@pytest.mark.parametrize("name", PLAIN_FILES)
def test_the_fast_reader_reads_a_plain_file_as_the_exact_reader_does(name, tmp_path, monkeypatch):
    from kitlib.data import bulkread
    from kitlib.data.tables import read_raw_table

    monkeypatch.setattr(bulkread, "FAST_READ_BYTES", 0)
    content, plain = PLAIN_FILES[name]
    path = tmp_path / "values.csv"
    path.write_bytes(content)
    fast = bulkread.read_plain_table(path)
    for chunk in (2, 3, 5):  # the file's bytes are checked chunk by chunk: seams must not matter
        monkeypatch.setattr(bulkread, "_CHUNK", chunk)
        assert (bulkread.read_plain_table(path) is None) == (fast is None)
    # a column read as Arrow strings (figures) is plain exactly when it is as a category
    as_strings = [bulkread.read_plain_table(path, strings=s) for s in (["b"], ["a", "b"])]
    if not plain:
        assert fast is None and as_strings == [None, None]  # the exact reader names what is wrong
        return
    exact, problems = read_raw_table(path)
    assert problems == [] and fast is not None
    for read in (fast, *as_strings):
        assert list(read.lines) == list(exact.lines)
        assert read.frame.astype(object).to_dict("list") == exact.frame.to_dict("list")
    assert str(as_strings[0].frame["b"].dtype).startswith("string")


NUMBER_TEXTS = [
    "5.", ".5", "-.5", "-", ".", "1.2.3", "1-2", "--1", "-0", "007", "+5", " 5", "5 ", "1e5", "inf", "nan",
    "1,5", "1 234,5", "1.234,5", "", "12345678901234567", "123456789012345", "1234567890123456", "0,1", "-1",
    "1,2,3", "1.", "æ", "\u0661\u0662", "0x10", "2,5", "12", "12.0", "-3", "6", "7", "1e20", "=1", "'=1",
]  # fmt: skip


@pytest.mark.parametrize("integer, minimum, maximum", [(False, None, None), (False, 0, None), (True, 0, 6)])
def test_figures_read_per_row_give_the_numbers_and_messages_of_the_exact_path(integer, minimum, maximum):
    """A figure column read by bulkread as Arrow strings is converted row by row, in several
    chunks; every row gets the number and message its text gets from the per-cell code."""
    import numpy as np
    import pyarrow as pa

    from kitlib.data import validate
    from kitlib.data.tables import RawTable

    rng = np.random.default_rng(11)
    plain = [f"{rng.normal(0, 10.0 ** rng.integers(-2, 8)):.{rng.integers(0, 4)}f}" for _ in range(400)]
    texts = list(rng.permutation(NUMBER_TEXTS * 3 + plain + [t.replace(".", ",") for t in plain[:100]]))
    whole = pa.array(texts, pa.string())
    chunks = [whole.slice(i, 37) for i in range(0, len(texts), 37)]  # slices: chunks with an offset
    per_row = pd.Series(pd.arrays.ArrowExtensionArray(pa.chunked_array(chunks)))
    found = {}
    for name, column, exact in (("fast", per_row, False), ("exact", pd.Series(texts, dtype=object), True)):
        problems = []
        raw = RawTable("values.csv", pd.DataFrame({"value": column}), list(range(2, len(texts) + 2)))
        check = validate._FileCheck(raw, problems, exact=exact)
        numbers = check.numbers("value", integer=integer, minimum=minimum, maximum=maximum)
        found[name] = (numbers.to_numpy(), sorted(str(p) for p in problems), check.empty_cells("value"))
    np.testing.assert_array_equal(found["fast"][0], found["exact"][0])
    assert found["fast"][1] == found["exact"][1]
    assert len(found["exact"][1]) >= 3 * 15  # the odd texts above are refused, each three times
    np.testing.assert_array_equal(found["fast"][2], found["exact"][2])


BREAKS = [
    (2, "value", "fire komma sju"), (3, "value", "1.234,5"), (4, "value", "1e20"), (5, "value", "inf"),
    (6, "value", "12345678901234567"), (7, "value", " 7,40 "), (8, "value", ""), (9, "status", ".."),
    (10, "period", "2024T4"), (11, "period", "2024M1"), (12, "period", "1899"), (13, "period", "2099"),
    (14, "unit_id", "finnes-ikke"), (15, "indicator_id", "ukjent"), (16, "n", "-3"), (17, "n", "2,5"),
    (18, "sd", "-1"), (19, "status", "x"), (20, "value", "-0"), (21, "value", "007"), (22, "n", "12"),
    (23, "period", "2024T01"), (24, "value", "+5"), (25, "value", "5,"),
]  # fmt: skip


def test_the_fast_path_finds_the_same_problems_and_tables_as_the_exact_one(sample_copy, monkeypatch):
    from kitlib.data import bulkread, validate

    values = sample_copy / "values.csv"
    rows = [line.split(",") for line in values.read_text(encoding="utf-8").splitlines()]
    for number, column, text in BREAKS:
        rows[number - 1][rows[0].index(column)] = text
    lines = [";".join(cells) for cells in rows]  # semicolons: a cell may hold a decimal comma
    lines += [lines[30], lines[31].replace(";;", "; ;")]  # a duplicate row; a cell with a space
    # a blank line and a row of empty cells (one per column): later lines keep their numbers
    lines[26:26] = ["", ";" * (len(rows[0]) - 1)]
    values.write_text("\n".join(lines) + "\n", encoding="utf-8")
    append_line(sample_copy / "targets.csv", "finnes-ikke,sykefravaer,2025,6,,")

    monkeypatch.setattr(bulkread, "FAST_READ_BYTES", 0)
    assert bulkread.read_plain_table(values, strings=["value"]) is not None  # the fast path reads it
    fast_tables, _, fast = validate.check_folder(sample_copy, current_year=2026)
    exact_tables, _, exact = validate.check_folder(sample_copy, current_year=2026, exact=True)
    assert [str(p) for p in fast] == [str(p) for p in exact]
    assert len([p for p in exact if p.file == "values.csv"]) >= 20
    for name, table in exact_tables.items():
        pd.testing.assert_frame_equal(fast_tables[name], table, check_exact=True)


def test_plain_numbers_convert_exactly_as_python_reads_them(monkeypatch):
    import numpy as np

    from kitlib.data import validate

    rng = np.random.default_rng(7)
    texts = [f"{rng.normal(0, 10.0 ** rng.integers(-3, 12)):.{rng.integers(0, 7)}f}" for _ in range(3000)]
    texts += [t.replace(".", ",") for t in texts[:500]] + ["", "0", "-0", "007", "0.1", "123456789012345"]
    texts = np.array(texts, dtype=object)
    for integer, minimum, maximum in ((False, None, None), (False, 0, None), (True, 0, 6)):
        fast = validate._numbers(texts, integer, minimum, maximum)
        exact = validate._numbers(texts, integer, minimum, maximum, exact=True)
        np.testing.assert_array_equal(fast[0], exact[0])
        assert fast[1] == exact[1]
        assert exact[1] and not np.isnan(exact[0]).all()


def test_absent_optional_columns_and_header_only_files_keep_their_types(sample_copy, monkeypatch):
    from kitlib.data import bulkread, validate

    for name in ("targets.csv", "comments.csv", "benchmarks.csv"):
        path = sample_copy / name
        path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    values = sample_copy / "values.csv"
    rows = [line.split(",")[:5] for line in values.read_text(encoding="utf-8").splitlines()]  # no n, sd
    values.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    monkeypatch.setattr(bulkread, "FAST_READ_BYTES", 0)
    fast_tables, _, fast = validate.check_folder(sample_copy, current_year=2026)
    exact_tables, _, exact = validate.check_folder(sample_copy, current_year=2026, exact=True)
    assert fast == exact == []
    assert str(exact_tables["values"]["n"].dtype) == "Int64" and exact_tables["targets"].empty
    for name, table in exact_tables.items():
        pd.testing.assert_frame_equal(fast_tables[name], table, check_exact=True)
