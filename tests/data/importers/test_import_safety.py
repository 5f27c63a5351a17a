"""What the importers write is safe to open: no cell runs as a formula, any encoding is read."""

from __future__ import annotations

import csv

import pytest
from folder_rows import find, rows

from kitlib.data.csvsafe import safe_csv_cell, unguarded_csv_cell
from kitlib.data.importers import import_long
from kitlib.data.tables import read_raw_table


@pytest.mark.parametrize(
    "text,written",
    [
        ('=HYPERLINK("http://x.example","x")', '\'=HYPERLINK("http://x.example","x")'),
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("+cmd", "'+cmd"),
        ("-2+3", "'-2+3"),
        ("-", "'-"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-2\n=1", "'-2\n=1"),  # a number on the first line only is no number
        # plain numbers stay numbers, as the contract and spreadsheets write them
        ("-2.5", "-2.5"),
        ("-2,5", "-2,5"),
        ("+47", "+47"),
        ("-1 234,5", "-1 234,5"),
        ("-.5", "-.5"),
        ("1e5", "1e5"),
        # nothing else changes
        ("Sørby skole", "Sørby skole"),
        ("'quoted'", "'quoted'"),
        ("", ""),
        (None, ""),
        (7, "7"),
    ],
)
def test_safe_csv_cell_follows_owasp(text, written):
    assert safe_csv_cell(text) == written
    assert unguarded_csv_cell(written) == ("" if text is None else str(text))


def test_a_guarded_cell_is_guarded_once():
    assert safe_csv_cell("'=x") == "'=x"
    assert unguarded_csv_cell("''=x") == "''=x"  # not what safe_csv_cell writes: kept as it is


def test_the_contract_reader_drops_the_guard(tmp_path):
    path = tmp_path / "units.csv"
    path.write_text("unit_id,name,service_area\n'=a,'@b,'Skole'\n", encoding="utf-8")
    raw, problems = read_raw_table(path)
    assert problems == []
    assert raw.frame.iloc[0].tolist() == ["=a", "@b", "'Skole'"]


def test_import_writes_every_file_guarded_and_reads_it_back(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "=kilde.csv"  # a file name is a cell of provenance.csv
    src.write_text("enhet;navn;indikator;år;verdi\n@u;=navn;-ind;2024;-7,5\n", encoding="utf-8")
    out = tmp_path / "data"
    for _ in range(2):  # the second import matches the guarded ids: no new rows
        import_long("=kilde.csv", out, unit="enhet", unit_name="navn", indicator="indikator", period="år",
                    value="verdi")  # fmt: skip
    text = (out / "units.csv").read_text(encoding="utf-8")
    assert text == "unit_id,name,service_area\n'@u,'=navn,Kommune\n"
    assert (out / "values.csv").read_text(encoding="utf-8").splitlines()[1:] == ["'@u,'-ind,2024,-7.5"]
    assert find(out, "indicators.csv", indicator_id="'-ind")["name"] == "'-ind"
    with open(out / "provenance.csv", encoding="utf-8", newline="") as handle:
        assert [r["source"] for r in csv.DictReader(handle)] == ["'=kilde.csv", "'=kilde.csv"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_import_reads_unicode_text_in_any_byte_order(tmp_path, encoding):
    """Excel's "Unicode text" is UTF-16 with tabs; other tools leave out the byte order mark."""
    src = tmp_path / "kilde.txt"
    src.write_bytes("enhet\tindikator\tår\tverdi\nSørby\tfravær\t2024\t7,4\n".encode(encoding))
    out = tmp_path / "data"
    import_long(src, out, unit="enhet", indicator="indikator", period="år", value="verdi")
    assert rows(out, "values.csv") == [
        {"unit_id": "Sørby", "indicator_id": "fravær", "period": "2024", "value": "7.4"}
    ]
