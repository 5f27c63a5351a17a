"""`kitlib audit`: prints the tables, writes audit.csv, targets_check.csv and audit.xlsx."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
from audit_folder import RESULTS_YEAR, write_audit_folder

from kitlib.cli.main import main

FILES = ("audit.csv", "targets_check.csv", "audit.xlsx")


def test_the_audit_prints_the_tables_and_writes_three_files(tmp_path, capsys):
    folder = write_audit_folder(tmp_path / "data")
    out = tmp_path / "out"
    assert main(["audit", "--data", str(folder), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert all((out / name).is_file() for name in FILES)
    assert not list(out.glob(".*.tmp"))  # written atomically: no temporary file left
    assert f"Indikatorrevisjon {RESULTS_YEAR}" in printed
    assert f"SMART-sjekk av målene for {RESULTS_YEAR + 1}" in printed  # targets.csv has next year's
    assert "Dokumentert: mangler definisjon" in printed  # udefinert
    assert "Tolkningsbar: uklart om høyere eller lavere er bedre" in printed  # retning
    lines = printed.splitlines()
    header = next(line for line in lines if line.startswith("Indikator "))
    undefined_line = next(line for line in lines if line.startswith("Udefinert "))
    assert undefined_line.index("6 av 7") == header.index("Krav oppfylt")  # columns aligned
    audit = pd.read_csv(out / "audit.csv", dtype=str, keep_default_na=False)
    undefined = audit.set_index("indicator_id").loc["udefinert"]
    assert (undefined["documented"], undefined["documented_reason"]) == ("False", "no_definition")
    assert "barn" not in set(audit["indicator_id"])
    targets = pd.read_csv(out / "targets_check.csv")
    assert (targets["period"] == RESULTS_YEAR + 1).all() and len(targets) > 0
    book = openpyxl.load_workbook(io.BytesIO((out / "audit.xlsx").read_bytes()))
    assert book.sheetnames == ["Indikatorrevisjon", "Indikatorer per enhet", "SMART-sjekk"]


def test_the_year_and_language_can_be_chosen(tmp_path, capsys):
    folder = write_audit_folder(tmp_path / "data")
    out = tmp_path / "out"
    code = main(["audit", "--data", str(folder), "--out", str(out), "--year", "2024", "--lang", "en",
                 "--target-year", "2025"])  # fmt: skip
    assert code == 0
    printed = capsys.readouterr().out
    assert "Indicator audit 2024" in printed and "SMART check of the targets for 2025" in printed
    book = openpyxl.load_workbook(out / "audit.xlsx")
    assert book.sheetnames[0] == "Indicator audit"


def test_an_invalid_folder_names_the_file_and_writes_nothing(tmp_path, capsys):
    folder = write_audit_folder(tmp_path / "data")
    values = folder / "values.csv"
    values.write_text(
        values.read_text(encoding="utf-8") + "bhg-a,tilfredshet,2025x,4.5,,,\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    assert main(["audit", "--data", str(folder), "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert "values.csv" in captured.err and "Traceback" not in captured.err
    assert not out.exists()


def test_a_year_without_figures_is_refused_clearly(tmp_path, capsys):
    folder = write_audit_folder(tmp_path / "data")
    out = tmp_path / "out"
    assert main(["audit", "--data", str(folder), "--out", str(out), "--year", "2031"]) == 2
    err = capsys.readouterr().err
    assert "2031" in err and "values.csv" in err and "Traceback" not in err
    assert not out.exists()


def test_a_missing_folder_is_refused_clearly(tmp_path, capsys):
    assert main(["audit", "--data", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "nowhere" in err and "Traceback" not in err


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path):
    """`kitlib audit | head`: the pipe closes before kitlib writes; no traceback, exit 141."""
    import subprocess
    import sys

    script = "import sys; from kitlib.cli.main import main; sys.exit(main(['audit', '--out', sys.argv[1]]))"
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path / "audit")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    child.stdout.close()  # the reader is gone before the first line
    err = child.stderr.read().decode()
    assert child.wait(timeout=120) == 141
    assert "Traceback" not in err and "BrokenPipe" not in err
