"""The `kitlib audit` subcommand: the indicators against KS's seven tests, the number of
indicators per unit against KS's advice, and the targets against SMART."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kitlib.data.config import LANGUAGES
from kitlib.errors import DataValidationError, KitlibError, printable

DEFAULT_OUT = Path("output/audit")
AUDIT_CSV, TARGETS_CSV, WORKBOOK = "audit.csv", "targets_check.csv", "audit.xlsx"


def add_audit_command(subparsers) -> None:
    """Add `audit` to the `kitlib` command's subparsers."""
    cmd = subparsers.add_parser(
        "audit",
        help="check indicators against KS's seven tests and targets against SMART",
        description=(
            "Judge every indicator in use on KS's seven tests (relevant, influenceable, reliable, stable, "
            "comparable, interpretable, documented) as far as the data can tell, count each unit's "
            "indicators against KS's advice, and check the targets (specific, measurable, realistic but "
            "ambitious, time-bound). Prints the tables and writes OUT/audit.csv, OUT/targets_check.csv "
            "and OUT/audit.xlsx. Exit codes: 0 done, 2 the input is invalid (nothing written)."
        ),
    )
    cmd.add_argument("--data", metavar="DIR", help="data folder (default: the embedded sample)")
    cmd.add_argument("--year", type=int, help="results year (default: the latest year with yearly figures)")
    cmd.add_argument(
        "--target-year", type=int, metavar="YEAR",
        help="year whose targets are checked (default: the year after the results year when targets.csv "
        "has targets for it, else the results year)",
    )  # fmt: skip
    cmd.add_argument("--lang", choices=LANGUAGES, help="language of the tables (default: kit.toml's)")
    cmd.add_argument("--out", metavar="DIR", help=f"output folder (default: {DEFAULT_OUT})")
    cmd.set_defaults(func=run_audit_command)


def run_audit_command(args: argparse.Namespace) -> int:
    from kitlib.analysis.audit import audit_indicators, scorecard_load
    from kitlib.analysis.scorecard import prepared_values
    from kitlib.analysis.smart import check_targets
    from kitlib.data.atomic import write_atomic
    from kitlib.data.load import load_data
    from kitlib.data.resources import sample_folder
    from kitlib.report.audit_tables import audit_report_text, audit_workbook
    from kitlib.report.i18n import check_language
    from kitlib.report.workbook import csv_text

    folder = Path(args.data) if args.data else sample_folder()
    try:
        data = load_data(folder)
    except DataValidationError as exc:
        print(
            f"kitlib: {len(exc.problems)} problem(s) in {exc.folder or folder}; nothing was written.",
            file=sys.stderr,
        )
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        print("Fix them (see data/README.md) and run again.", file=sys.stderr)
        return 2
    if data.values.empty:
        raise KitlibError(f"{folder / 'values.csv'} holds no figures, so there is nothing to audit")
    year = data.latest_year if args.year is None else args.year
    if year not in data.years:
        known = ", ".join(str(y) for y in data.years)
        raise KitlibError(f"no figures for {year} in {folder / 'values.csv'}; it has figures for {known}")
    target_year = args.target_year
    if target_year is None:
        target_year = year + 1 if (data.targets["year"] == year + 1).any() else year
    lang = check_language(args.lang or data.config.language)

    values = prepared_values(data)
    audit = audit_indicators(data, year, values=values)
    load = scorecard_load(data, year, values=values)
    targets = check_targets(data, target_year, values=values)

    out = Path(args.out) if args.out else DEFAULT_OUT
    out.mkdir(parents=True, exist_ok=True)
    write_atomic(out / AUDIT_CSV, csv_text(audit))  # no cell a spreadsheet would run as a formula
    write_atomic(out / TARGETS_CSV, csv_text(targets))
    write_atomic(out / WORKBOOK, audit_workbook(audit, load, targets, lang))
    print(printable(audit_report_text(audit, load, targets, lang), keep="\n"))  # names from the data: no ESC
    for name in (AUDIT_CSV, TARGETS_CSV, WORKBOOK):
        print(out / name)
    return 0
