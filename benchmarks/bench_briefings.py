"""Seconds per briefing: the naive way against `kitlib briefings`, on the same units.

naive:   per unit, the papermill CLI, then the nbconvert CLI (--no-input), one after another
kitlib:  `kitlib briefings --jobs 2` (warm kernels, one exporter per worker)

Both are timed from the outside, command start-up included, in the same run:

    python benchmarks/bench_briefings.py [--units-count 6] [--jobs 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kitlib import load_data
from kitlib.data.resources import bundled, sample_folder

BIN = Path(sys.executable).parent  # papermill, jupyter and kitlib of this environment


def tool(name: str) -> str:
    found = BIN / name
    return str(found) if found.exists() else (shutil.which(name) or name)


def naive(units: list[str], year: int, out: Path) -> float:
    notebook = bundled("notebooks/briefing.ipynb")
    start = time.perf_counter()
    for unit in units:
        executed = out / f"{unit}.ipynb"
        subprocess.run(
            [
                tool("papermill"), str(notebook), str(executed), "-k", "python3", "--no-progress-bar",
                "-p", "data_dir", str(sample_folder()), "-p", "unit_id", unit, "-p", "year", str(year),
                "-p", "lang", "nb",
            ],
            check=True, capture_output=True,
        )  # fmt: skip
        subprocess.run(
            [tool("jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
            check=True,
            capture_output=True,
        )
    return time.perf_counter() - start


def batch(units: list[str], year: int, out: Path, jobs: int) -> float:
    start = time.perf_counter()
    subprocess.run(
        [
            tool("kitlib"),
            "briefings",
            "--year",
            str(year),
            "--out",
            str(out),
            "--jobs",
            str(jobs),
            "--units",
            *units,
        ],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--units-count", type=int, default=6, help="how many sample units (default 6)")
    parser.add_argument("--jobs", type=int, default=2, help="workers of kitlib briefings (default 2)")
    parser.add_argument("--keep", type=Path, help="keep the outputs in this folder")
    args = parser.parse_args()

    data = load_data(sample_folder())
    units = list(data.units["unit_id"].head(args.units_count))
    year = data.latest_year
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-briefings-"))
    (root / "naive").mkdir(parents=True, exist_ok=True)
    print(f"{len(units)} units of the sample, year {year}; outputs in {root}", flush=True)

    rows = [
        ("naive: papermill CLI + nbconvert CLI per unit", naive(units, year, root / "naive")),
        (f"kitlib briefings --jobs {args.jobs}", batch(units, year, root / "kitlib", args.jobs)),
    ]
    base = rows[0][1] / len(units)
    print(f"{'how':<50} {'s total':>8} {'s/briefing':>11} {'vs naive':>9}")
    for name, seconds in rows:
        each = seconds / len(units)
        print(f"{name:<50} {seconds:>8.1f} {each:>11.2f} {each / base:>9.2f}")
    if not args.keep:
        shutil.rmtree(root)
    return 0


if __name__ == "__main__":
    sys.exit(main())
