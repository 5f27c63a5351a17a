"""The `kitlib` command: validate a data folder, make briefings, import sources."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from kitlib import __version__
from kitlib.cli.audit import add_audit_command
from kitlib.cli.briefings import add_briefings_command
from kitlib.cli.imports import add_import_commands
from kitlib.data.plausible import folder_warnings
from kitlib.data.resources import sample_folder
from kitlib.data.validate import check_folder
from kitlib.errors import KitlibError

log = logging.getLogger("kitlib")


def _validate(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    tables, _config, problems = check_folder(folder)
    if problems:
        print(
            f"{folder}: {len(problems)} problem(s). Fix them (see data/README.md) and run again.",
            file=sys.stderr,
        )
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    # a valid folder's figures that are used as given but look wrong: told, never refused
    for warning in folder_warnings(tables):
        print(f"  warning: {warning}", file=sys.stderr)
    values = tables["values"]
    years = values["year"].dropna()
    span = f", {int(years.min())}-{int(years.max())}" if len(years) else ""
    print(
        f"OK {folder}: {len(tables['units'])} units, {len(tables['indicators'])} indicators, "
        f"{len(values)} values{span}, {len(tables['targets'])} targets, "
        f"{len(tables['benchmarks'])} benchmarks, {len(tables['comments'])} comments"
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kitlib", description="Indicators, targets and briefing notes for municipalities."
    )
    parser.add_argument("--version", action="version", version=f"kitlib {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("validate", help="check a data folder against the contract")
    check.add_argument(
        "folder", nargs="?", default=str(sample_folder()), help="data folder (default: sample)"
    )
    check.set_defaults(func=_validate)
    add_briefings_command(commands)
    add_import_commands(commands)
    add_audit_command(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING, format="%(levelname)s %(message)s"
    )
    if not args.verbose:  # a timed-out cell or dead kernel is reported per note, in one line
        logging.getLogger("papermill").setLevel(logging.CRITICAL)
    try:
        return args.func(args)
    except KitlibError as exc:
        print(f"kitlib: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # `kitlib audit | head`: the reader has what it wanted; no traceback, and none at exit
        # when Python flushes stdout again (the documented recipe: point it at devnull)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, as a shell reports a command cut off by its pipe


if __name__ == "__main__":
    sys.exit(main())
