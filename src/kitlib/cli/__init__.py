"""Command-line layer: the `kitlib` command (validate, briefings, import, fetch-ssb).

The only place that configures logging. May import every layer below it.
"""

from __future__ import annotations

import os
import sys

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """The `kitlib` command. A `briefings` run in worker processes starts their server first,
    so that its imports run beside this process's own (kitlib.batch.server)."""
    if runs_workers(sys.argv[1:] if argv is None else argv):
        from kitlib.batch.server import start_workers_early

        start_workers_early()
    from kitlib.cli.main import main as run

    return run(argv)


def runs_workers(args: list[str]) -> bool:
    """Whether these arguments make briefings in local worker processes: the `briefings`
    command, without --help, --executor dask or --jobs 1, on a machine with more than one
    core (the default --jobs). A guess from the words alone: a wrong guess only costs a
    server started for nothing, or started later."""
    words = [a for a in args if a not in ("-v", "--verbose")]
    if not words or words[0] != "briefings" or {"-h", "--help"} & set(words):
        return False
    options = dict(_option_values(words[1:]))
    if options.get("--executor") == "dask":
        return False
    jobs = options.get("--jobs")
    if jobs is not None:
        return jobs.isdigit() and int(jobs) > 1
    return (os.cpu_count() or 1) > 1


def _option_values(words: list[str]):
    for position, word in enumerate(words):
        if word.startswith("--") and "=" in word:
            yield tuple(word.split("=", 1))
        elif word.startswith("--") and position + 1 < len(words):
            yield word, words[position + 1]
