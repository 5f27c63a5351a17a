"""The `kitlib briefings` subcommand: one briefing note per unit, as HTML (and PDF)."""

from __future__ import annotations

import argparse
import sys

from kitlib.batch.plan import ALL_LEVELS, NOTE_LEVELS
from kitlib.data.config import LANGUAGES
from kitlib.errors import DataValidationError


def add_briefings_command(subparsers) -> None:
    """Add `briefings` to the `kitlib` command's subparsers."""
    cmd = subparsers.add_parser(
        "briefings",
        help="make one briefing note per unit (HTML, optionally PDF)",
        description=(
            "Run the briefing notebook for every unit (or a selection) and write OUT/<unit>.html, "
            "OUT/<unit>.scorecard.csv, OUT/index.html and OUT/manifest.json. Exit codes: 0 all made, "
            "1 some units failed (see index.html), 2 the input is invalid (nothing written)."
        ),
    )
    cmd.add_argument("--data", metavar="DIR", help="data folder (default: the embedded sample)")
    cmd.add_argument("--year", type=int, help="results year (default: the latest year with yearly figures)")
    cmd.add_argument("--out", metavar="DIR", help="output folder (default: output/briefings)")
    cmd.add_argument("--units", nargs="+", metavar="ID", help="only these unit ids")
    cmd.add_argument("--service-area", metavar="NAME", help="only the units of this service area")
    cmd.add_argument("--jobs", type=int, metavar="N", help="worker processes (default: min(2, CPU count))")
    cmd.add_argument("--lang", choices=LANGUAGES, help="language of the notes (default: kit.toml's)")
    cmd.add_argument("--pdf", action="store_true", help="also print each note to PDF with Chromium")
    cmd.add_argument(
        "--combined", action="store_true",
        help="with --pdf: also one PDF per service area (contents page, then every unit's note)",
    )  # fmt: skip
    cmd.add_argument(
        "--level", choices=(*NOTE_LEVELS, ALL_LEVELS),
        help=(
            "which notes: unit, service-area (all its units side by side), municipality (the whole "
            "and the challenge note) or all (default: all; with --units: unit; with --service-area: "
            "its units and its own note)"
        ),
    )  # fmt: skip
    cmd.set_defaults(func=run_briefings_command)


def run_briefings_command(args: argparse.Namespace) -> int:
    from kitlib.batch.run import make_briefings
    from kitlib.batch.run_report import describe_failure

    if args.jobs is not None and args.jobs < 1:
        print("kitlib: --jobs must be 1 or more", file=sys.stderr)
        return 2
    try:
        result = make_briefings(
            args.data, year=args.year, out=args.out, units=args.units, service_area=args.service_area,
            jobs=args.jobs, lang=args.lang, pdf=args.pdf, progress=True, combined=args.combined,
            level=args.level,
        )  # fmt: skip
    except DataValidationError as exc:
        where = exc.folder or "the data folder"
        print(f"kitlib: {len(exc.problems)} problem(s) in {where}; nothing was made.", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        print("Fix them (see data/README.md) and run again.", file=sys.stderr)
        return 2
    ok = len(result.results) - len(result.failed)
    out = result.plan.out
    print(
        f"{ok} of {len(result.results)} briefing(s) for {result.plan.year} in {out} ({result.seconds:.1f} s)"
    )
    for failure in result.failed:
        print(f"  {describe_failure(failure)}", file=sys.stderr)
    if result.failed:
        print(f"See {out / 'index.html'}; failed notebooks are kept as <unit>.failed.ipynb.", file=sys.stderr)
    print(out / "index.html")
    return result.exit_code
