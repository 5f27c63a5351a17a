"""National scale: validate a folder of every municipality's units, snapshot it, load one unit.

The script builds a synthetic national data folder (356 municipalities of 25 result units,
300 indicators, 10 years: 26.7 million values, about 1 GB of CSV) once, caches it, and then
measures, each step in a fresh child process (so that the peak memory is that step's own,
read as the child's peak RSS, which counts Arrow's memory as well as Python's):

validate:   `check_folder(folder)`: read and check every file, build the typed tables
            (what `kitlib validate` and `load_data` do)           goal < 20 s, < 4 GB peak
snapshot:   `load_data` + `write_snapshot` (the Parquet snapshot, once per run)
worker:     `read_snapshot(path, unit_ids=[one unit])`, and one municipality's 25 units:
            what a worker of a national run loads                 goal < 0.5 s, < 500 MB peak

and, in the same run, the plain alternatives: `pandas.read_csv` of values.csv (only reading,
no checks), and the exact path (`check_folder(folder, exact=True)`: Python's csv reader and the
per-cell number code for every distinct text, what small files and broken ones get) on the
first 1 % of values.csv, extrapolated linearly to the whole folder (said so where printed).
The per-cell checks kitlib had before (every check a Python loop over the rows) took about
25 s CPU for 300 000 values on the same machine: some 2 200 s CPU for the national folder.

    python benchmarks/bench_scale.py [--folder DIR] [--municipalities 356] [--units 25]
                                     [--indicators 300] [--years 10] [--keep]

The folder defaults to a cache in the temp directory (reused while its size parameters are
the same; about 1.1 GB for the national size); `--keep` keeps the snapshot beside it. The
machine's other load shows in the wall-clock figures (the load average is printed before and
after): compare the lines of one run, and the CPU seconds between runs.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

GOALS = {"validate_s": 20.0, "validate_gb": 4.0, "worker_s": 0.5, "worker_mb": 500.0}
SERVICE_AREAS = ["Barnehage", "Skole", "Helse", "Sykehjem", "Hjemmetjeneste", "NAV", "Kultur", "Teknisk"]
PERSPECTIVES = ["brukere", "tjenester", "medarbeidere", "okonomi", "samfunn"]
FIRST_YEAR = 2016
SEED = 20260412


# -- the synthetic national folder -----------------------------------------------------------


def _indicator_kinds(count: int, rng: np.random.Generator) -> np.ndarray:
    """Per indicator: 0 a share in % (1 decimal), 1 a survey score 1-6 with n and sd,
    2 kroner (whole numbers, many distinct values), 3 a count (context figure)."""
    return rng.choice(4, size=count, p=[0.55, 0.2, 0.15, 0.1])


def _write_small_files(folder: Path, unit_ids, unit_areas, unit_kommune, kinds, years) -> None:
    types = np.array(["malt_kvalitet", "opplevd_kvalitet", "okonomi", "kontekst"])
    units_of_measure = np.array(["%", "score 1-6", "kr", "antall"])
    directions = np.array(["higher", "higher", "lower", "none"])
    lines = [
        "indicator_id,name,service_area,perspective,source,indicator_type,unit,direction,"
        "influenceable,definition,decimals"
    ]
    for i, kind in enumerate(kinds):
        perspective = "okonomi" if kind == 2 else "brukere" if kind == 1 else PERSPECTIVES[i % 5]
        decimals = 0 if kind in (2, 3) else 1
        lines.append(
            f"ind{i:03d},Indikator {i},*,{perspective},Syntetisk,{types[kind]},{units_of_measure[kind]},"
            f"{directions[kind]},delvis,Syntetisk indikator {i},{decimals}"
        )
    (folder / "indicators.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")

    lines = ["unit_id,name,service_area,parent_id,municipality,level"]
    lines += [f"{u},Enhet {u},{a},,Kommune {k},enhet" for u, a, k in zip(unit_ids, unit_areas, unit_kommune)]
    (folder / "units.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")

    # targets: one `*` row per service area, judged indicator and year for the last two years
    # and the next, and the units' own targets for 10 % of the units
    rng = np.random.default_rng(SEED + 1)
    lines = ["unit_id,indicator_id,period,target,tolerance,service_area"]
    judged = [i for i, kind in enumerate(kinds) if kind != 3]
    target_of = {0: "80.0", 1: "4.5", 2: "150000"}
    for i in judged:
        for year in (years[-2], years[-1], years[-1] + 1):
            lines += [f"*,ind{i:03d},{year},{target_of[kinds[i]]},,{area}" for area in SERVICE_AREAS]
    for u in unit_ids[::10]:
        for i in rng.choice(judged, size=min(20, len(judged)), replace=False):
            lines.append(f"{u},ind{i:03d},{years[-1] + 1},{target_of[kinds[i]]},,")
    (folder / "targets.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")

    lines = ["indicator_id,period,group,value,status"]
    for i, kind in enumerate(kinds):
        for year in years:
            for group in ("KOSTRA-gruppe 13", "Landet uten Oslo"):
                value = {0: "78.5", 1: "4.6", 2: "140000", 3: "120"}[kind]
                lines.append(f"ind{i:03d},{year},{group},{value},")
    (folder / "benchmarks.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")

    (folder / "kit.toml").write_text(
        'municipality = "Landet"\nlanguage = "nb"\n\n[benchmarks]\npeer_group = "KOSTRA-gruppe 13"\n'
        'national = "Landet uten Oslo"\n',
        encoding="utf-8",
    )
    lines = ["unit_id,period,indicator_id,kind,text"]
    lines += [
        f'{u},{years[-1]},,vurdering,"Et krevende år.\nVi har nådd de fleste målene, men ikke alle."'
        for u in unit_ids[:500]
    ]
    (folder / "comments.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _values_table(unit_codes: np.ndarray, unit_ids: list[str], kinds: np.ndarray, years, rng) -> pa.Table:
    """values.csv's rows for the given units (positions into unit_ids), sorted by unit, indicator, year."""
    n_ind, n_years = len(kinds), len(years)
    per_unit = n_ind * n_years
    rows = len(unit_codes) * per_unit
    unit = np.repeat(unit_codes.astype(np.int32), per_unit)
    ind = np.tile(np.repeat(np.arange(n_ind, dtype=np.int32), n_years), len(unit_codes))
    year = np.tile(np.arange(n_years, dtype=np.int32), len(unit_codes) * n_ind)
    kind = kinds[ind]
    noise = rng.standard_normal(rows).astype(np.float32)
    value = np.where(
        kind == 0,
        np.round(np.clip(75 + 10 * noise, 0, 100), 1),
        np.where(
            kind == 1,
            np.round(np.clip(4.5 + 0.4 * noise, 1, 6), 1),
            np.where(kind == 2, np.round(150_000 * np.exp(0.5 * noise)), np.round(np.abs(100 + 40 * noise))),
        ),
    )
    missing = rng.random(rows) < 0.01
    survey = kind == 1
    n = np.where(survey, rng.integers(3, 200, rows), 0)
    sd = np.round(np.abs(0.9 + 0.2 * noise), 2)
    value_text = pc.cast(pa.array(value, mask=missing), pa.string())
    return pa.table(
        {
            "unit_id": pa.DictionaryArray.from_arrays(pa.array(unit), pa.array(unit_ids)),
            "indicator_id": pa.DictionaryArray.from_arrays(
                pa.array(ind), pa.array([f"ind{i:03d}" for i in range(n_ind)])
            ),
            "period": pa.DictionaryArray.from_arrays(pa.array(year), pa.array([str(y) for y in years])),
            "value": value_text,
            "status": pa.array(np.where(missing, "..", ""), pa.string()),
            "n": pc.cast(pa.array(n, mask=~survey), pa.string()),
            "sd": pc.cast(pa.array(sd, mask=~survey), pa.string()),
        }
    )


def make_folder(folder: Path, municipalities: int, units: int, indicators: int, years: int) -> Path:
    """Write the synthetic national folder into `folder` (a complete folder is reused)."""
    params = {"municipalities": municipalities, "units": units, "indicators": indicators, "years": years}
    marker = folder / ".complete.json"
    if marker.exists() and json.loads(marker.read_text()) == params:
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    rng = np.random.default_rng(SEED)
    kinds = _indicator_kinds(indicators, rng)
    year_list = list(range(FIRST_YEAR, FIRST_YEAR + years))
    unit_ids, unit_areas, unit_kommune = [], [], []
    for k in range(municipalities):
        code = f"{301 + 7 * k:04d}"
        for u in range(units):
            area = SERVICE_AREAS[u % len(SERVICE_AREAS)]
            unit_ids.append(f"k{code}-{area.lower()}-{u:02d}")
            unit_areas.append(area)
            unit_kommune.append(code)
    _write_small_files(folder, unit_ids, unit_areas, unit_kommune, kinds, year_list)
    header = "unit_id,indicator_id,period,value,status,n,sd\n"
    options = pacsv.WriteOptions(include_header=False, quoting_style="none")
    with pa.OSFile(str(folder / "values.csv"), "wb") as sink:
        sink.write(header.encode())
        batch = 200  # units per slice: bounded memory while writing
        for start in range(0, len(unit_ids), batch):
            codes = np.arange(start, min(start + batch, len(unit_ids)))
            pacsv.write_csv(_values_table(codes, unit_ids, kinds, year_list, rng), sink, options)
    marker.write_text(json.dumps(params))
    return folder


def subset_folder(folder: Path, out: Path, share: float) -> tuple[Path, float]:
    """A copy of `folder` with the values of the first `share` of the units (same other files);
    returns the folder and the share of values.csv's rows it holds."""
    out.mkdir(parents=True, exist_ok=True)
    for path in folder.iterdir():
        if path.suffix in (".csv", ".toml") and path.name != "values.csv":
            shutil.copy(path, out / path.name)
    with (folder / "values.csv").open("rb") as src:
        header = src.readline()
        total = sum(1 for _ in src)
    keep = max(1, int(total * share))
    with (folder / "values.csv").open("rb") as src, (out / "values.csv").open("wb") as dst:
        dst.write(src.readline())
        for i, line in enumerate(src):
            if i >= keep:
                break
            dst.write(line)
    del header
    return out, keep / total


# -- the measured steps, each in a child process -------------------------------------------------


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _step(name: str, args: dict, queue) -> None:
    """One measured step; what it imports is loaded before the clock starts (a worker has it)."""
    import pandas as pd

    from kitlib.data import read_snapshot, snapshot, validate  # noqa: F401  (loads pyarrow, parquet)
    from kitlib.data.load import load_data

    if name == "worker":
        from kitlib.batch.in_process import keep_texts_in_python

        keep_texts_in_python()  # as a pool worker does before it reads the snapshot

    start, start_cpu = time.perf_counter(), time.process_time()
    extra = {}
    if name in ("validate", "validate-exact"):
        tables, _config, problems = validate.check_folder(args["folder"], exact=name == "validate-exact")
        extra = {"rows": len(tables["values"]), "problems": len(problems)}
    elif name == "snapshot":
        data = load_data(args["folder"])
        loaded = time.perf_counter() - start
        snapshot.write_snapshot(data, args["snapshot"])
        extra = {"rows": len(data.values), "load_s": loaded}
    elif name == "worker":
        data = read_snapshot(args["snapshot"], unit_ids=args["units"])
        extra = {"rows": len(data.values)}
    elif name == "read_csv":
        frame = pd.read_csv(Path(args["folder"]) / "values.csv", dtype=str, keep_default_na=False)
        extra = {"rows": len(frame)}
    seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    queue.put({"seconds": seconds, "cpu": cpu, "peak_mb": _peak_mb(), **extra})


def measure(name: str, **args) -> dict:
    """Run one step in a fresh process; its wall-clock seconds (without interpreter start) and peak RSS."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_step, args=(name, args, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def verdict(value: float, goal: float, unit: str) -> str:
    return f"{value:.2f} {unit} ({'meets' if value < goal else 'does NOT meet'} the goal < {goal:g} {unit})"


def load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg()) + f" on {os.cpu_count()} cores"


def figures(r: dict) -> str:
    return f"{r['seconds']:7.2f} s wall {r['cpu']:7.2f} s cpu {r['peak_mb']:6.0f} MB peak"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--folder", type=Path, default=None, help="where the synthetic folder is (cached)")
    parser.add_argument("--municipalities", type=int, default=356)
    parser.add_argument("--units", type=int, default=25, help="result units per municipality")
    parser.add_argument("--indicators", type=int, default=300)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--keep", action="store_true", help="keep the snapshot (beside the folder)")
    parser.add_argument("--subset", type=float, default=0.01, help="share of rows for the exact path")
    args = parser.parse_args()

    shape = f"{args.municipalities}x{args.units}x{args.indicators}x{args.years}"
    folder = args.folder or Path(tempfile.gettempdir()) / f"kitlib-bench-scale-{shape}"
    start = time.perf_counter()
    make_folder(folder, args.municipalities, args.units, args.indicators, args.years)
    size = sum(p.stat().st_size for p in folder.iterdir() if p.is_file()) / 1e9
    print(f"folder {folder}: {size:.2f} GB ({time.perf_counter() - start:.1f} s to make or find)")
    print(
        "each step in a fresh process; cpu counts every thread of it. On a machine shared with other\n"
        f"work the wall clock includes waiting for a core: compare the lines of one run. Before: {load()}\n"
    )
    w = 34
    base = measure("import")
    print(f"{'a process with kitlib.data imported':<{w}}{figures(base)}")
    plain = measure("read_csv", folder=str(folder))
    print(f"{'plain pandas.read_csv(values.csv)':<{w}}{figures(plain)}  (text only, no checks)")
    with tempfile.TemporaryDirectory() as tmp:
        small, share = subset_folder(folder, Path(tmp) / "subset", args.subset)
        exact = measure("validate-exact", folder=str(small))
    print(
        f"{f'exact path, {share:.1%} of the values':<{w}}{figures(exact)}  -> about "
        f"{exact['seconds'] / share:.0f} s wall, {exact['cpu'] / share:.0f} s cpu for all "
        "(linear extrapolation)"
    )
    val = measure("validate", folder=str(folder))
    print(
        f"{'validate: check_folder':<{w}}{figures(val)}  ({val['rows']:,} values, {val['problems']} problems)"
    )
    gb = val["peak_mb"] / 1024
    print(f"{'':<{w}}wall {verdict(val['seconds'], GOALS['validate_s'], 's')}")
    print(f"{'':<{w}}cpu  {verdict(val['cpu'], GOALS['validate_s'], 's')}")
    print(f"{'':<{w}}peak {verdict(gb, GOALS['validate_gb'], 'GB')}")
    print(f"{'':<{w}}({load()} after this step)")

    snapshot = folder.parent / f"{folder.name}.snapshot"
    snap = measure("snapshot", folder=str(folder), snapshot=str(snapshot))
    snap_size = sum(p.stat().st_size for p in snapshot.rglob("*") if p.is_file()) / 1e6
    print(
        f"{'load_data + write_snapshot':<{w}}{figures(snap)}  "
        f"(load_data {snap['load_s']:.1f} s wall; snapshot {snap_size:.0f} MB)"
    )
    first_kommune = f"k{301:04d}-"
    units = [
        line.split(",", 1)[0]
        for line in (folder / "units.csv").read_text(encoding="utf-8").splitlines()[1:]
        if line.startswith(first_kommune)
    ]
    for label, ids in (("one unit", units[:1]), (f"one municipality ({len(units)} units)", units)):
        runs = [measure("worker", snapshot=str(snapshot), units=ids) for _ in range(3)]
        best = min(runs, key=lambda r: r["seconds"])
        print(
            f"{f'worker: read_snapshot, {label}':<{w}}{figures(best)}  ({best['rows']:,} values; best of 3)"
        )
        print(f"{'':<{w}}wall {verdict(best['seconds'], GOALS['worker_s'], 's')}; "
              f"peak {verdict(best['peak_mb'], GOALS['worker_mb'], 'MB')} "
              f"(of which importing kitlib, pandas and pyarrow: {base['peak_mb']:.0f} MB)")  # fmt: skip
    if not args.keep:
        shutil.rmtree(snapshot, ignore_errors=True)
    print(f"\nafter: {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
