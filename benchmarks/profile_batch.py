"""Where a unit note's time goes in a pool worker (the notebook's cells in its own shell,
papermill, the HTML export, the scorecard files), under cProfile; with `--kernel`, in the
worker and the warm kernel of `--jobs 1` (the notebook's cells, ipykernel's messages), each
under cProfile, for the same notes in one run.

    python benchmarks/profile_batch.py [--units-count 24] [--top 25] [--save DIR] [--kernel]

One worker makes the notes one after the other in this process; its first note warms it
and is not profiled. With `--kernel`, the kernel's profiler is
started by the priming code before each note, so it sees everything the kernel does for
the note, and the stats are fetched from the kernel at the end. It prints, per side, the
seconds of work per note (time spent waiting for the other side, for a message or for a
thread is left out), that time by package, and the functions with most time of their own.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path


def _kernel_code(stats_path: Path, start: bool) -> str:
    """Code run in the kernel: start its profiler (kept across the namespace's reset in the
    builtins module), or stop it and dump its stats. Both sides' profilers count the CPU time
    of the thread they profile (thread_time): time spent waiting, or descheduled while the
    other process runs, is no one's work."""
    if start:
        return (
            "import builtins as _b, cProfile as _cp, time as _time\n"
            "if not hasattr(_b, '_kitlib_profile'):\n"
            "    _b._kitlib_profile = _cp.Profile(_time.thread_time)\n"
            "_b._kitlib_profile.enable()\n"
        )
    stop = "import builtins as _b\n_b._kitlib_profile.disable()\n"
    return stop + f"_b._kitlib_profile.dump_stats({str(stats_path)!r})\n"


# what a process does while it waits (for the kernel, for a message, for its IOPub thread):
# not work, and left out of the tables
IDLE = ("poll' of 'select.epoll", "acquire' of '_thread.lock", "time.sleep", "select.select")


def top(stats: pstats.Stats, count: int, notes: int) -> tuple[float, str]:
    """(seconds of work per note, the `count` functions with most time of their own)."""
    rows = []
    for (path, line, name), (_calls, ncalls, own, cumulative, _callers) in stats.stats.items():
        where = name if path == "~" else f"{Path(path).name}:{line}({name})"
        if any(idle in name for idle in IDLE):
            continue
        rows.append((own, cumulative, ncalls, where, path))
    work = sum(own for own, *_ in rows)
    rows.sort(reverse=True)
    lines = [f"{'own ms/note':>12} {'with callees':>13} {'calls/note':>11}  function"]
    for own, cumulative, ncalls, where, path in rows[:count]:
        package = _package(path)
        lines.append(
            f"{own / notes * 1000:>12.1f} {cumulative / notes * 1000:>13.1f} {ncalls / notes:>11.0f}  "
            f"{where}{f'  [{package}]' if package else ''}"
        )
    return work / notes, "\n".join(lines)


def by_package(stats: pstats.Stats, notes: int, count: int = 12) -> str:
    """Time of its own per note, summed by the package a function is in."""
    totals: dict[str, float] = {}
    for (path, _line, name), (_calls, _ncalls, own, _cumulative, _callers) in stats.stats.items():
        if any(idle in name for idle in IDLE):
            continue
        package = _package(path) or ("(built-in)" if path == "~" else "(standard library)")
        totals[package] = totals.get(package, 0.0) + own
    ranked = sorted(totals.items(), key=lambda item: -item[1])[:count]
    return "  ".join(f"{package} {own / notes * 1000:.0f}" for package, own in ranked)


def _package(path: str) -> str:
    parts = Path(path).parts
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1].removesuffix(".py")
    if "kitlib" in parts:
        return "kitlib"
    return ""


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--units-count", type=int, default=24, help="sample units to profile (default 24)")
    parser.add_argument("--top", type=int, default=25, help="functions to print per side (default 25)")
    parser.add_argument(
        "--sort", default="tottime", choices=("tottime", "cumtime"), help="order (default tottime)"
    )
    parser.add_argument("--save", type=Path, help="also write worker.prof (and kernel.prof) to this folder")
    parser.add_argument("--kernel", action="store_true", help="in a kernel, as --jobs 1")
    args = parser.parse_args()

    from kitlib.batch.run import make_plan
    from kitlib.batch.unit_runner import UnitRunner

    out = Path(tempfile.mkdtemp(prefix="profile-batch-"))
    plan = make_plan(out=out, level="unit")
    jobs = list(plan.units[: args.units_count + 1])  # the first one warms the worker
    runner = UnitRunner(plan, in_process=not args.kernel)
    stats_path = out / "kernel.prof"
    if args.kernel:
        runner.kernel.restart_every = len(jobs) + 1  # one kernel for every profiled note
        priming = runner._priming
        runner._priming = lambda job: priming(job) + _kernel_code(stats_path, start=True)
    try:
        runner.run(jobs[0])
        worker = cProfile.Profile(time.thread_time)
        wall, cpu = time.perf_counter(), time.process_time()
        worker.enable()
        for job in jobs[1:]:
            result = runner.run(job)
            if result.status != "ok":
                raise SystemExit(f"{job.unit_id} failed: {result.error}")
        worker.disable()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if args.kernel:
            runner.kernel._run_sync(runner.kernel._execute)(_kernel_code(stats_path, start=False))
    finally:
        runner.close()
    n = len(jobs) - 1
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        worker.dump_stats(str(args.save / "worker.prof"))
        if args.kernel:
            shutil.copy(stats_path, args.save / "kernel.prof")
    sides = [("worker process", pstats.Stats(worker))]
    if args.kernel:
        sides.append(("kernel", pstats.Stats(str(stats_path))))
    who = "one worker and its kernel" if args.kernel else "one worker"
    print(f"{n} unit notes, {who}, under cProfile (slower than without)")
    print(f"wall {wall / n:.3f} s/note; worker CPU {cpu / n:.3f} s/note")
    for side, stats in sides:
        work, table = top(stats, args.top, n)
        print(f"\n== {side}: {work:.3f} s/note of work (waiting left out); by package, ms/note:")
        print(by_package(stats, n))
        print(table)
    shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
