"""The `kitlib briefings` subcommand: one briefing note per unit, as HTML (and PDF)."""

from __future__ import annotations

import argparse
import signal
import sys

from kitlib.batch.plan import ALL_LEVELS, DEFAULT_TIMEOUT, NOT_MADE, NOTE_LEVELS
from kitlib.data.config import LANGUAGES
from kitlib.errors import DataValidationError


def add_briefings_command(subparsers) -> None:
    """Add `briefings` to the `kitlib` command's subparsers."""
    cmd = subparsers.add_parser(
        "briefings",
        help="make one briefing note per unit (HTML, optionally PDF)",
        description=(
            "Run the briefing notebook for every unit (or a selection) and write OUT/<unit>.html, "
            "OUT/<unit>.scorecard.csv, OUT/index.html, OUT/manifest.json and OUT/run.json. Exit codes: "
            "0 all made, 1 some units failed (see index.html), 2 the input is invalid (nothing written), "
            "130 interrupted (Ctrl-C; the notes made so far are kept, --resume makes the rest)."
        ),
    )
    # in this order in --help
    _add_selection_options(cmd)
    _add_note_options(cmd)
    _add_run_options(cmd)
    _add_executor_options(cmd)
    cmd.set_defaults(func=run_briefings_command)


def _add_selection_options(cmd) -> None:
    """Which data, year and units, and where the notes go."""
    cmd.add_argument("--data", metavar="DIR", help="data folder (default: the embedded sample)")
    cmd.add_argument("--year", type=int, help="results year (default: the latest year with yearly figures)")
    cmd.add_argument("--out", metavar="DIR", help="output folder (default: output/briefings)")
    cmd.add_argument("--units", nargs="+", metavar="ID", help="only these unit ids")
    cmd.add_argument("--service-area", metavar="NAME", help="only the units of this service area")


def _add_note_options(cmd) -> None:
    """How many notes at once, and what each one is: language, PDF, paper pack, level."""
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


def _add_run_options(cmd) -> None:
    """How each note runs: its time limit, its notebook, and whether to make only the stale ones."""
    cmd.add_argument(
        "--timeout", type=float, metavar="SECONDS", default=DEFAULT_TIMEOUT,
        help=(
            f"seconds one note may take, all its cells together (default: {DEFAULT_TIMEOUT}); a note "
            "over it fails and its kernel is restarted"
        ),
    )  # fmt: skip
    cmd.add_argument(
        "--notebook", metavar="FILE",
        help="the units' notebook to run (default: the bundled briefing.ipynb); parameters as in it",
    )  # fmt: skip
    cmd.add_argument(
        "--resume", action="store_true",
        help=(
            "make only the notes whose files are missing, failed or older than their inputs (data, "
            "notebook, template, kitlib version); the index still lists every note of OUT"
        ),
    )  # fmt: skip


def _add_executor_options(cmd) -> None:
    """Where the notes run: here, or on a Dask cluster."""
    cmd.add_argument(
        "--executor", choices=("local", "dask"), default="local",
        help=(
            "where the notes run: local worker processes (default, see --jobs) or a Dask distributed "
            "cluster (--scheduler; needs pip install 'kitlib[dask]'). The Dask workers read the data "
            "and write OUT at the same paths as this machine, so both must be on a filesystem all "
            "machines share, unless --dask-return"
        ),
    )  # fmt: skip
    cmd.add_argument(
        "--scheduler", metavar="ADDRESS",
        help="with --executor dask: the scheduler's address, e.g. tcp://host:8786 (see `dask scheduler`)",
    )  # fmt: skip
    cmd.add_argument(
        "--dask-return", action="store_true",
        help=(
            "with --executor dask: send the data folder to the workers (once each) and have them "
            "return the files, which are written here (for workers without a shared disk)"
        ),
    )  # fmt: skip


def run_briefings_command(args: argparse.Namespace) -> int:
    from kitlib.batch.run import make_briefings
    from kitlib.batch.run_report import describe_failure

    if args.jobs is not None and args.jobs < 1:
        print("kitlib: --jobs must be 1 or more", file=sys.stderr)
        return 2
    dask = args.executor == "dask"
    if dask != bool(args.scheduler) or (args.dask_return and not dask):
        print("kitlib: --executor dask needs --scheduler ADDRESS, and they (and --dask-return) "
              "need each other", file=sys.stderr)  # fmt: skip
        return 2
    if not args.timeout > 0:
        print("kitlib: --timeout must be a number of seconds above 0", file=sys.stderr)
        return 2
    # SIGTERM (a scheduler, systemd, `kill`) stops the run as Ctrl-C does: the notes made stay,
    # the index says which were not made, workers, kernels and temporary files go
    previous = signal.signal(signal.SIGTERM, _terminate_as_interrupt)
    try:
        result = make_briefings(
            args.data, year=args.year, out=args.out, units=args.units, service_area=args.service_area,
            jobs=args.jobs, lang=args.lang, pdf=args.pdf, progress=True, combined=args.combined,
            level=args.level, timeout=args.timeout, resume=args.resume, notebook=args.notebook,
            scheduler=args.scheduler, dask_return=args.dask_return,
        )  # fmt: skip
    except KeyboardInterrupt:  # a second Ctrl-C while the first one was being handled
        print("interrupted: stopped at once; run again with --resume to finish", file=sys.stderr)
        return 130
    except DataValidationError as exc:
        where = exc.folder or "the data folder"
        print(f"kitlib: {len(exc.problems)} problem(s) in {where}; nothing was made.", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        print("Fix them (see data/README.md) and run again.", file=sys.stderr)
        return 2
    finally:
        signal.signal(signal.SIGTERM, previous)
    return report(result, describe_failure)


def _terminate_as_interrupt(_signum, _frame) -> None:
    signal.raise_signal(signal.SIGINT)  # the pool's Ctrl-C handler, or KeyboardInterrupt


def report(result, describe_failure) -> int:
    """Tell what the run did, briefly: one line after Ctrl-C or when the output folder broke,
    else a summary line, one line per failed note and the index; returns the exit code."""
    out, total = result.plan.out, len(result.results)
    made = total - len(result.failed)
    index = out / "index.html"
    where = f"index at {index}" if not result.unwritten else result.unwritten
    if result.interrupted:
        print(f"interrupted: {made} of {total} notes made, {total - made} not made; {where}", file=sys.stderr)
        return result.exit_code
    kept = f"; {result.kept} up to date" if result.kept else ""
    print(f"{made} of {total} briefing(s) for {result.plan.year} in {out} ({result.seconds:.1f} s){kept}")
    not_made = [r for r in result.failed if r.error.startswith(NOT_MADE)]
    if result.problem:
        count = f"; {len(not_made)} note(s) not made" if not_made else ""
        print(f"kitlib: {result.problem}{count}", file=sys.stderr)
    for failure in result.failed:
        if failure not in not_made:  # those are the problem above
            print(f"  {describe_failure(failure)}", file=sys.stderr)
    if result.unwritten:
        print(f"kitlib: {result.unwritten}", file=sys.stderr)
        return result.exit_code
    if result.failed:
        print(f"See {index}; failed notebooks are kept as <unit>.failed.ipynb.", file=sys.stderr)
    print(index)
    return result.exit_code
