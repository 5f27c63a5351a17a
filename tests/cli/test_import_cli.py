"""The import commands as the lead's cli.py will call them."""

from __future__ import annotations

import argparse

import pytest
from folder_rows import REAL

import kitlib
from kitlib.cli.imports import add_import_commands


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kitlib")
    add_import_commands(parser.add_subparsers())
    args = parser.parse_args(argv)
    return args.func(args)


@pytest.mark.parametrize(
    "kind,name",
    [
        ("jsonstat", "ssb_07221_pxwebapi_jsonstat2.json"),
        ("jsonstat", "ssb_07459_statbank_jsonstat2.json"),
        ("ssb-csv", "ssb_13135_kostra_kulturskole_statbank.csv"),
        ("ssb-csv", "ssb_11616_statbank_raw.csv"),
        ("ssb-xlsx", "ssb_12061_kostra_kulturskole_statbank.xlsx"),
        ("kolada", "kolada_n00945_derived.csv"),
        ("kolada", "kolada_grp_data_derived.csv"),
    ],
)
def test_every_fixture_imports_from_the_command_line(tmp_path, capsys, kind, name):
    out = tmp_path / "data"
    assert run(["import", kind, str(REAL / name), "--out", str(out)]) == 0
    assert kitlib.check_folder(out)[2] == []
    printed = capsys.readouterr().out
    assert "Needing completion" in printed and "direction" in printed


def test_jsonstat_options(tmp_path, capsys):
    out = tmp_path / "data"
    code = run(
        [
            "import",
            "jsonstat",
            str(REAL / "ssb_07221_pxwebapi_jsonstat2.json"),
            "--out",
            str(out),
            "--filter",
            "Boligtype=03",
            "--totals",
            "drop",
            "--service-area",
            "Bolig",
            "--perspective",
            "samfunn",
        ]
    )
    assert code == 0
    text = (out / "indicators.csv").read_text(encoding="utf-8")
    assert "07221:Boligindeks:Boligtype=03" in text and ",Bolig,samfunn," in text
    # --totals drop: no Hele landet rows; the file is there with its header only
    assert (out / "benchmarks.csv").read_text(encoding="utf-8") == "indicator_id,period,group,value\n"


def test_long_and_targets_commands(tmp_path, capsys):
    src = tmp_path / "fravaer.csv"
    src.write_text("enhet;mål;år;verdi\nbhg-sol;sykefravaer;2024;7,4\n", encoding="utf-8")
    out = tmp_path / "data"
    assert (
        run(
            [
                "import",
                "long",
                str(src),
                "--out",
                str(out),
                "--unit",
                "enhet",
                "--indicator",
                "mål",
                "--period",
                "år",
                "--value",
                "verdi",
                "--service-area",
                "Barnehage",
            ]
        )
        == 0
    )
    # a target needs a direction, and the import refuses to leave a broken folder
    card = tmp_path / "kort.csv"
    card.write_text("Måleindikator;Mål 2025\nsykefravaer;6,5\n", encoding="utf-8")
    assert run(["import", "targets", str(card), "--out", str(out)]) == 2
    assert "direction 'none'" in capsys.readouterr().err
    ind = out / "indicators.csv"
    ind.write_text(ind.read_text(encoding="utf-8").replace(",none,", ",lower,"), encoding="utf-8")
    assert run(["import", "targets", str(card), "--out", str(out)]) == 0
    assert kitlib.check_folder(out)[2] == []
    assert "targets: 1 written" in capsys.readouterr().out


def test_errors_exit_2_with_message(tmp_path, capsys):
    bad = tmp_path / "x.csv"
    bad.write_text("a;b\n1;2\n", encoding="utf-8")
    assert run(["import", "ssb-csv", str(bad), "--out", str(tmp_path / "d")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kitlib import ssb-csv: ") and "x.csv" in err
    assert run(["import", "kolada", str(tmp_path / "missing.json"), "--out", str(tmp_path / "d")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert run(["fetch-ssb", "07221", "--query", str(bad), "--out", str(tmp_path / "d")]) == 2
