"""Where a unit note's time goes: the worker process (papermill, nbclient, the HTML export, the
scorecard files) and its warm kernel (the notebook's cells, ipykernel's messages), each under
cProfile, for the same notes in one run.

    python benchmarks/profile_batch.py [--units-count 24] [--top 25] [--sort tottime|cumtime]

One worker makes the notes one after the other in this process (as `kitlib briefings
--jobs 1` does); its first note warms it and is not profiled. The kernel's profiler is
started by the priming code before each note, so it sees everything the kernel does for
the note, and the stats are fetched from the kernel at the end. It prints, per side, CPU
seconds per note and the functions that took most of it.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path


def _kernel_code(stats_path: Path, start: bool) -> str:
    """Code run in the kernel: start its profiler (kept across the namespace's reset in the
    builtins module), or stop it and dump its stats."""
    if start:
        return (
            "import builtins as _b, cProfile as _cp\n"
            "if not hasattr(_b, '_kitlib_profile'):\n"
            "    _b._kitlib_profile = _cp.Profile()\n"
            "_b._kitlib_profile.enable()\n"
        )
    stop = "import builtins as _b\n_b._kitlib_profile.disable()\n"
    return stop + f"_b._kitlib_profile.dump_stats({str(stats_path)!r})\n"


def top(stats: pstats.Stats, sort: str, count: int) -> str:
    out = io.StringIO()
    stats.stream = out
    stats.sort_stats(sort).print_stats(count)
    lines = out.getvalue().splitlines()
    start = next((i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls")), 0)
    return "\n".join(line.replace(str(Path(sys.prefix)), "<env>") for line in lines[start:] if line.strip())


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--units-count", type=int, default=24, help="sample units to profile (default 24)")
    parser.add_argument("--top", type=int, default=25, help="functions to print per side (default 25)")
    parser.add_argument(
        "--sort", default="tottime", choices=("tottime", "cumtime"), help="order (default tottime)"
    )
    parser.add_argument("--save", type=Path, help="also write worker.prof and kernel.prof to this folder")
    args = parser.parse_args()

    from kitlib.batch.run import make_plan
    from kitlib.batch.unit_runner import UnitRunner

    out = Path(tempfile.mkdtemp(prefix="profile-batch-"))
    plan = make_plan(out=out, level="unit")
    jobs = list(plan.units[: args.units_count + 1])  # the first one warms the worker
    runner = UnitRunner(plan)
    runner.kernel.restart_every = len(jobs) + 1  # one kernel for every profiled note
    stats_path = out / "kernel.prof"
    priming = runner._priming
    runner._priming = lambda job: priming(job) + _kernel_code(stats_path, start=True)
    try:
        runner.run(jobs[0])
        worker = cProfile.Profile()
        wall, cpu = time.perf_counter(), time.process_time()
        worker.enable()
        for job in jobs[1:]:
            result = runner.run(job)
            if result.status != "ok":
                raise SystemExit(f"{job.unit_id} failed: {result.error}")
        worker.disable()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        runner.kernel._run_sync(runner.kernel._execute)(_kernel_code(stats_path, start=False))
    finally:
        runner.close()
    n = len(jobs) - 1
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        worker.dump_stats(str(args.save / "worker.prof"))
        shutil.copy(stats_path, args.save / "kernel.prof")
    kernel = pstats.Stats(str(stats_path))
    print(f"{n} unit notes, one worker and its kernel; wall {wall / n:.3f} s/note")
    print(f"\n== worker process: {cpu / n:.3f} CPU s/note (sorted by {args.sort})")
    print(top(pstats.Stats(worker), args.sort, args.top))
    print(f"\n== kernel: {kernel.total_tt / n:.3f} profiled s/note (sorted by {args.sort})")
    print(top(kernel, args.sort, args.top))
    shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
