"""Seconds per briefing note, three ways, on the same units in the same run (issue 12).

(a) naive: per unit, the papermill CLI, then the nbconvert CLI with kitlib's template
    (as batch/unit_runner.py configures its HTMLExporter), one unit after the other;
(b) `kitlib briefings --level unit --jobs N`: workers that run the notebooks in their own
    shell, one exporter per worker (timed from the outside, command start-up included);
(c) the in-process floor: the same analysis, charts and section HTML for the same units
    in N processes (forked from a server that imported kitlib, data loaded once per
    process), no notebook, no kernel.

It prints seconds per note for each, the ratios a/b and b/c against issue 23's goals (on 2
cores: b <= 0.4 s per note, c <= 0.3, a/b >= 35, b/c <= 1.3, every level <= 15 s, at most
400 MB per worker and its kernel), what the charts cost inside the floor, the peak memory
of (b)'s processes, and checks that (a) and (b) wrote the same pages: the same visible text
and the same figures (exit code 1 if not). `--all-levels` also times `kitlib briefings
--jobs N` for every level (the municipality's note, one per service area, one per unit).
`--against REV` also makes (b)'s notes (with `--all-levels`, every level's too) with the
checkout of a git revision (the commit before a speed-up) and checks that the reader sees
the same: the same visible text and the same plotted data in every figure (its SVG without
the text, which may be written as text or as outlines).

    python benchmarks/bench_batch.py [--units-count 24] [--jobs 2] [--all-levels] [--against REV] [--keep DIR]

The goals are for an otherwise idle machine: the script prints the load average before and
after, so that a run on a busy machine says so.
"""

from __future__ import annotations

import argparse
import base64
import multiprocessing as mp
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import psutil

BIN = Path(sys.executable).parent  # papermill, jupyter and kitlib of this environment
GOAL_B, GOAL_C, GOAL_AB, GOAL_BC = 0.4, 0.3, 35.0, 1.3  # seconds per note, ratios (issue 23)
GOAL_ALL, GOAL_MB = 15.0, 400  # seconds for every level; MB for one worker and its kernel
PSS = sys.platform.startswith("linux")  # psutil reads the proportional set size from /proc/PID/smaps
CHART_SECTIONS = ("trend_charts", "distance", "variation", "sick_leave", "budget")  # the sections that draw


def tool(name: str) -> str:
    found = BIN / name
    return str(found) if found.exists() else (shutil.which(name) or name)


# ---------------------------------------------------------------- (a) naive


def naive(units: list[str], year: int, lang: str, out: Path) -> float:
    from kitlib.batch.exporter import page_options
    from kitlib.data.resources import bundled, sample_folder

    notebook = bundled("notebooks/briefing.ipynb")
    options = page_options(bundled("templates/briefing"))  # the page settings (b) uses, as flags
    html_options = [
        "--to", "html", "--template", options.pop("template_name"),
        *(f"--TemplateExporter.extra_template_basedirs={d}" for d in options.pop("extra_template_basedirs")),
        *(f"--HTMLExporter.{name}={value}" for name, value in options.items()),
        "--output-dir", str(out),
    ]  # fmt: skip
    start = time.perf_counter()
    for unit in units:
        executed = out / f"{unit}.ipynb"
        subprocess.run(
            [
                tool("papermill"), str(notebook), str(executed), "-k", "python3", "--no-progress-bar",
                "-p", "data_dir", str(sample_folder()), "-p", "unit_id", unit, "-p", "year", str(year),
                "-p", "lang", lang,
            ],
            check=True, capture_output=True,
        )  # fmt: skip
        subprocess.run(
            [tool("jupyter"), "nbconvert", *html_options, str(executed)], check=True, capture_output=True
        )
    return time.perf_counter() - start


# ---------------------------------------------------------------- (b) kitlib briefings


def batch(
    units: list[str] | None, year: int, lang: str, out: Path, jobs: int, src: Path | None = None
) -> float:
    """`kitlib briefings`; with `src`, the kitlib of that folder (another checkout's src/),
    on this checkout's sample."""
    from kitlib.data.resources import sample_folder

    command = [tool("kitlib"), "briefings", "--year", str(year), "--lang", lang, "--out", str(out)]
    env = None
    if src is not None:
        command[0:1] = [sys.executable, "-c", "import sys; from kitlib.cli import main; sys.exit(main())"]
        command += ["--data", str(sample_folder())]
        env = dict(os.environ, PYTHONPATH=str(src))
    command += ["--jobs", str(jobs)]
    command += ["--level", "unit", "--units", *units] if units else ["--level", "all"]
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def other_checkout(rev: str, units: list[str] | None, year: int, lang: str, outs: dict, jobs: int) -> None:
    """(b)'s notes made by the checkout of `rev` (a temporary git worktree): the unit notes
    into outs["unit"], and every level's notes into outs["all"] if it is given."""
    root = Path(__file__).resolve().parents[1]
    worktree = Path(tempfile.mkdtemp(prefix="bench-rev-")) / "checkout"
    subprocess.run(["git", "-C", str(root), "worktree", "add", "--detach", str(worktree), rev], check=True,
                   capture_output=True)  # fmt: skip
    try:
        batch(units, year, lang, outs["unit"], jobs, src=worktree / "src")
        if "all" in outs:
            batch(None, year, lang, outs["all"], jobs, src=worktree / "src")
    finally:
        subprocess.run(["git", "-C", str(root), "worktree", "remove", "--force", str(worktree)], check=False,
                       capture_output=True)  # fmt: skip


# ---------------------------------------------------------------- (c) the in-process floor


def _floor_note(args: tuple[str, int, str, str]) -> tuple[str, float, float]:
    """One unit's note without a notebook: the sections the notebook displays, as one page."""
    import matplotlib.pyplot as plt

    from kitlib import prepare_briefing
    from kitlib.batch.in_process import keep_texts_in_python
    from kitlib.data.atomic import write_atomic
    from kitlib.report.charts.recycle import recycled_figures

    keep_texts_in_python()  # as (b)'s workers keep them
    unit, year, lang, out = args
    start = time.perf_counter()
    briefing = prepare_briefing("", unit, year, lang)
    parts, charts = [], 0.0
    with recycled_figures():  # as (b)'s workers draw: on the figures of the process's last note
        for name in briefing.SECTIONS:
            begun = time.process_time()
            part = getattr(briefing, f"{name}_section")()
            if part.html:
                parts.append(f"<div>{part.html}</div>")
                _ = part.text, part.markdown  # what the display bundle holds besides the HTML
            if name in CHART_SECTIONS:
                charts += time.process_time() - begun
    plt.close("all")
    page = f'<!DOCTYPE html><html lang="{lang}"><body>{"".join(parts)}</body></html>'
    write_atomic(Path(out) / f"{unit}.html", page)
    return unit, time.perf_counter() - start, charts


def floor(units: list[str], year: int, lang: str, out: Path, jobs: int) -> float:
    """All units in `jobs` processes; the CPU seconds the chart sections took, summed. The
    processes start as (b)'s workers and kernels do: forked from a server that imported kitlib
    once, so that (b) and (c) differ by the notebook machinery only."""
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["kitlib.report.briefing"])
    with ctx.Pool(jobs) as pool:
        done = pool.map(_floor_note, [(u, year, lang, str(out)) for u in units], chunksize=1)
    return sum(charts for _u, _s, charts in done)


# ---------------------------------------------------------------- what a reader sees


class _Page(HTMLParser):
    """The visible text of a page (no head, style or script) and its figures (img sources)."""

    HIDDEN = {"head", "style", "script", "title"}
    BLOCKS = {"p", "li", "tr", "h1", "h2", "h3", "figure", "table", "ul", "ol", "section", "div", "header"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.parts: list[str] = []
        self.figures: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")
        if tag == "img":
            self.figures.append(dict(attrs).get("src") or "")
            self.parts.append(dict(attrs).get("alt") or "")

    def handle_endtag(self, tag):
        if tag in self.HIDDEN:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def reader_view(path: Path) -> tuple[str, list[str]]:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    text = "\n".join(" ".join(line.split()) for line in "".join(page.parts).splitlines() if line.strip())
    return text, page.figures


def same_pages(units: list[str], a: Path, b: Path, figures=lambda src: src) -> list[str]:
    """The units whose pages differ in visible text or figures between folders a and b
    (`figures` says what of an image's source to compare: by default all of it)."""
    differ = []
    for unit in units:
        (text_a, figures_a), (text_b, figures_b) = (
            reader_view(a / f"{unit}.html"),
            reader_view(b / f"{unit}.html"),
        )
        if text_a != text_b or [figures(f) for f in figures_a] != [figures(f) for f in figures_b]:
            differ.append(unit)
    return differ


SVG_TEXT = re.compile(r"text_\d+$")  # matplotlib's group of one text: <text>, or glyph outlines


def plotted_data(src: str) -> str:
    """What an SVG figure plots: its lines, markers, bars and clip paths, without its text
    (text as text and text as outlines draw the same words differently) or metadata."""
    prefix = "data:image/svg+xml;base64,"
    if not src.startswith(prefix):
        return src
    root = ET.fromstring(base64.b64decode(src[len(prefix) :]))
    for parent in list(root.iter()):
        for child in list(parent):
            if SVG_TEXT.match(child.get("id", "")) or child.tag.endswith("metadata"):
                parent.remove(child)
    return ET.tostring(root, encoding="unicode")


# ---------------------------------------------------------------- main


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


class CpuMeter(threading.Thread):
    """CPU seconds of this process and all its descendants while it runs. Sampled (every 50 ms)
    rather than taken from getrusage: the workers and kernels are children of a forkserver
    that nobody waits for, so RUSAGE_CHILDREN never sees them. A process's last < 50 ms are
    missed."""

    def __init__(self):
        super().__init__(daemon=True)
        self.me = psutil.Process()
        self.seen: dict[tuple[int, float], tuple[float, float]] = {}  # process -> (first, last)
        self.peak: dict[tuple[int, float], int] = {}  # process -> its largest resident set, bytes
        self.parent: dict[tuple[int, float], int] = {}
        self.kernels: set[tuple[int, float]] = set()
        self.samples = 0
        self.done = threading.Event()

    def _sample(self, baseline: bool = False) -> None:
        for proc in self.me.children(recursive=True):
            try:
                times = proc.cpu_times()
                key = (proc.pid, proc.create_time())
                # proportional set size (shared pages split between their sharers: the forked
                # kernel shares most of its worker's) every 10th sample: reading it costs CPU
                if not PSS:
                    memory = proc.memory_info().rss
                else:
                    memory = proc.memory_full_info().pss if self.samples % 10 == 0 else 0
                if key not in self.parent:
                    self.parent[key] = proc.ppid()
                    command = " ".join(proc.cmdline())
                    if "ipykernel_launcher" in command:
                        self.kernels.add(key)
            except psutil.Error:
                continue
            self.peak[key] = max(memory, self.peak.get(key, 0))
            now = times.user + times.system
            # a process already running counts from now; one started since, from its start
            first = self.seen[key][0] if key in self.seen else (now if baseline else 0.0)
            self.seen[key] = (first, now)
        self.samples += 1

    def run(self) -> None:
        self._sample(baseline=True)
        self.started_own = time.process_time()
        while not self.done.wait(0.05):
            self._sample()

    def stop(self) -> float:
        self.done.set()
        self.join()
        own = time.process_time() - self.started_own
        return own + sum(last - first for first, last in self.seen.values())

    def worker_peak_mb(self) -> tuple[float, float, float]:
        """(worker and kernel, worker alone, kernel alone): the largest peaks in MB of a worker
        and of its kernels, as proportional set sizes where Linux gives them (else resident
        sets, shared pages counted in each: an upper bound). A worker is a child of the
        command's forkserver; a pool worker runs its notebooks itself, with no kernel (0)."""
        mb = 1024 * 1024
        by_pid = {pid: peak for (pid, _t), peak in self.peak.items()}
        parent_of = {pid: parent for (pid, _t), parent in self.parent.items()}

        def depth(pid: int) -> int:
            steps = 0
            while pid in parent_of and steps < 10:
                pid, steps = parent_of[pid], steps + 1
            return steps if pid == self.me.pid else -1

        kernels = {pid for pid, _t in self.kernels}
        # a worker: the bench, then the kitlib command, then its forkserver, then the worker
        workers = {pid: [] for pid in parent_of if depth(pid) == 3 and pid not in kernels}
        for pid in kernels:
            workers.setdefault(parent_of[pid], []).append(by_pid.get(pid, 0))
        if not workers:
            return 0.0, 0.0, 0.0
        pairs = [(by_pid.get(pid, 0), max(peaks, default=0)) for pid, peaks in workers.items()]
        return max(w + k for w, k in pairs) / mb, max(w for w, _ in pairs) / mb, max(k for _, k in pairs) / mb


def timed(work, *args, meter: CpuMeter | None = None):
    """(wall seconds, CPU seconds, what `work` returned)."""
    meter = meter or CpuMeter()
    wall = time.perf_counter()
    meter.start()
    value = work(*args)
    seconds = time.perf_counter() - wall
    return seconds, meter.stop(), value


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--units-count", type=int, default=24, help="how many sample units (default 24: all)")
    parser.add_argument("--jobs", type=int, default=2, help="processes for (b) and (c) (default 2)")
    parser.add_argument("--all-levels", action="store_true", help="also time a run of every level")
    parser.add_argument(
        "--against", metavar="REV", help="also compare (b)'s notes with those of this git revision"
    )
    parser.add_argument("--keep", type=Path, help="keep the outputs in this folder")
    args = parser.parse_args()

    from kitlib import load_data
    from kitlib.analysis.scorecard import result_units
    from kitlib.data.resources import sample_folder

    data = load_data(sample_folder())
    units = list(result_units(data)["unit_id"].head(args.units_count))
    year, lang, jobs = data.latest_year, data.config.language, args.jobs
    n = len(units)
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-batch-"))
    for name in ("naive", "kitlib", "floor", "all", "against", "against-all"):
        (root / name).mkdir(parents=True, exist_ok=True)
    print(
        f"{n} units of the sample, year {year}, {jobs} jobs, {os.cpu_count()} cores; "
        f"load average before: {os.getloadavg()[0]:.1f}; outputs in {root}",
        flush=True,
    )
    a, a_cpu, _ = timed(naive, units, year, lang, root / "naive")
    print(f"(a) done: {a:.1f} s", flush=True)
    memory = CpuMeter()
    b, b_cpu, _ = timed(batch, units, year, lang, root / "kitlib", jobs, meter=memory)
    print(f"(b) done: {b:.1f} s", flush=True)
    c, c_cpu, charts = timed(floor, units, year, lang, root / "floor", jobs)
    print(f"(c) done: {c:.1f} s", flush=True)

    print(f"\n{'how':<58} {'s total':>8} {'s/note':>7} {'CPU s/note':>11}  goal")
    goal_b, goal_c = f"<= {GOAL_B}: {verdict(b / n <= GOAL_B)}", f"<= {GOAL_C}: {verdict(c / n <= GOAL_C)}"
    rows = [
        ("(a) naive: papermill CLI + nbconvert CLI per unit", a, a_cpu, ""),
        (f"(b) kitlib briefings --level unit --jobs {jobs}", b, b_cpu, goal_b),
        (f"(c) in-process floor, {jobs} processes, no notebook", c, c_cpu, goal_c),
    ]
    for name, total, cpu, goal in rows:
        print(f"{name:<58} {total:>8.1f} {total / n:>7.2f} {cpu / n:>11.2f}  {goal}")
    print(
        f"a/b = {a / b:.1f}  (goal >={GOAL_AB:g}: {verdict(a / b >= GOAL_AB)}); CPU time: {a_cpu / b_cpu:.1f}"
    )
    print(f"b/c = {b / c:.2f}  (goal <={GOAL_BC:g}: {verdict(b / c <= GOAL_BC)}); CPU: {b_cpu / c_cpu:.2f}")
    print(
        f"the chart sections inside (c): {charts / n:.2f} CPU s/note ({charts / c_cpu:.0%} of its CPU time)"
    )
    both, worker, kernel = memory.worker_peak_mb()
    print(
        f"(b) peak memory of a worker and its kernel (if any): {both:.0f} MB "
        f"(worker {worker:.0f}, kernel {kernel:.0f}; {'proportional set sizes' if PSS else 'resident sets'}; "
        f"goal <= {GOAL_MB}: {verdict(0 < both <= GOAL_MB)})"
    )
    if args.all_levels:
        every, every_cpu, _ = timed(batch, None, year, lang, root / "all", jobs)
        notes = len(list((root / "all").glob("*.html"))) - 1  # not the index
        print(
            f"kitlib briefings --jobs {jobs}, every level: {notes} notes in {every:.1f} s, "
            f"{every / notes:.2f} s/note, {every_cpu / notes:.2f} CPU s/note "
            f"(goal <= {GOAL_ALL:g} s: {verdict(every <= GOAL_ALL)})"
        )
    print(f"load average after: {os.getloadavg()[0]:.1f} (on {os.cpu_count()} cores)")

    differ = same_pages(units, root / "naive", root / "kitlib")
    if differ:
        print(f"(a) and (b) differ in visible text or figures: {', '.join(differ)}")
    else:
        print(f"(a) and (b): the same visible text and figures on all {n} pages")
    if args.against:
        outs = {"unit": root / "against"} | ({"all": root / "against-all"} if args.all_levels else {})
        other_checkout(args.against, units, year, lang, outs, jobs)
        changed = same_pages(units, root / "against", root / "kitlib", figures=plotted_data)
        pages = n
        if args.all_levels:
            notes = sorted(p.stem for p in (root / "all").glob("*.html") if p.name != "index.html")
            changed += same_pages(notes, root / "against-all", root / "all", figures=plotted_data)
            pages += len(notes)
        if changed:
            print(f"{args.against} and (b) differ in visible text or plotted data: {', '.join(changed)}")
        else:
            print(
                f"{args.against} and this checkout: the same visible text and plotted data on {pages} pages"
            )
        differ += changed
    if not args.keep:
        shutil.rmtree(root)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
