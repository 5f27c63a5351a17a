"""Briefing notes for many units: run the briefing notebook once per unit and publish
HTML pages, scorecard CSVs, an index and a manifest (``kitlib briefings``).

Why it is built this way (measured in /work/shared/notes/STACK.md): starting Python,
importing papermill and starting a kernel cost more than a briefing itself. So each
worker process imports once, keeps ONE warm kernel (reset between units, restarted
every `RESTART_EVERY` units) and ONE HTML exporter, and the workers pull units from a
shared queue. Every output file is written atomically, so a reader (or a crashed run)
never sees half a page.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing as mp
import os
import platform
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from .errors import KitlibError, UnknownUnitError
from .i18n import check_language, status_label, tr
from .load import KitData, load_data
from .resources import bundled, sample_folder
from .scorecard import prepared_values, scorecard

log = logging.getLogger("kitlib")

DEFAULT_OUT = Path("output/briefings")
RESTART_EVERY = 20  # a warm kernel grows ~2 MiB per briefing even after %reset
CELL_TIMEOUT = 600  # seconds one notebook cell may take before the unit fails
CHROMIUM_TIMEOUT = 180
RESET_CODE = "%reset -f\nimport matplotlib.pyplot as _plt\n_plt.close('all')\ndel _plt\n"
VERSIONED = ("kitlib", "pandas", "matplotlib", "seaborn", "papermill", "nbconvert", "nbclient", "ipykernel")
CHROMIUM_NAMES = ("chromium", "chromium-browser")
INSTALL_CHROMIUM = "install it with 'sudo apt-get install -y chromium' (Debian/Ubuntu), or run without --pdf"


class BriefingError(KitlibError):
    """The briefings cannot be made as asked (before any unit runs)."""


class ChromiumMissingError(BriefingError):
    """--pdf was asked for but no Chromium is installed."""


# ---------------------------------------------------------------- plan


@dataclass(frozen=True)
class UnitJob:
    unit_id: str
    name: str
    service_area: str
    stem: str  # file name stem in the output folder (the unit id, made safe for file names)


@dataclass(frozen=True)
class Plan:
    """Everything a worker needs; picklable, so that spawned workers get it whole."""

    data_dir: Path
    year: int
    lang: str
    municipality: str
    out: Path
    notebook: Path
    template_dir: Path
    units: tuple[UnitJob, ...]
    chromium: str | None = None  # path of the browser when PDFs are wanted
    warm_kernel: bool = True


@dataclass
class UnitResult:
    unit_id: str
    status: str = "ok"  # ok or failed
    seconds: float = 0.0
    error: str = ""
    failed_cell: int | None = None  # index in the notebook's cell list, counting from 0
    counts: dict[str, int] = field(default_factory=dict)  # scorecard statuses: met, near, not_met, ...


@dataclass
class BatchResult:
    plan: Plan
    results: list[UnitResult]
    seconds: float

    @property
    def failed(self) -> list[UnitResult]:
        return [r for r in self.results if r.status != "ok"]

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


def find_chromium() -> str | None:
    """Path of Debian's chromium (or Ubuntu's chromium-browser), if installed."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def file_stem(unit_id: str) -> str:
    """A unit id made safe as a file name: anything but letters, digits, '.', '_', '-' becomes '_'."""
    return re.sub(r"[^\w.-]", "_", unit_id).lstrip(".") or "_"


def make_plan(
    data_dir: Path | str | None = None,
    *,
    year: int | None = None,
    out: Path | str | None = None,
    units: list[str] | None = None,
    service_area: str | None = None,
    lang: str | None = None,
    pdf: bool = False,
    notebook: Path | str | None = None,
    warm_kernel: bool = True,
) -> Plan:
    """Check every input and decide what to run; raises a KitlibError before anything is written."""
    folder = Path(data_dir) if data_dir else sample_folder()
    data = load_data(folder)  # DataValidationError lists every problem
    chromium = None
    if pdf:
        chromium = find_chromium()
        if chromium is None:
            raise ChromiumMissingError(f"--pdf needs Chromium, which is not installed: {INSTALL_CHROMIUM}")
    year = int(year) if year else data.latest_year
    if year not in data.years:
        span = f"{data.years[0]}-{data.years[-1]}" if data.years else "no years"
        raise BriefingError(
            f"no figures for year {year} in {folder}; the data holds {span}. Pick one of those."
        )
    lang = check_language(lang or data.config.language)
    nb_path = Path(notebook) if notebook else bundled("notebooks/briefing.ipynb")
    if not nb_path.is_file():
        raise BriefingError(f"briefing notebook {nb_path} not found; pass an existing .ipynb file")
    jobs = _select_units(data, units, service_area)
    return Plan(
        data_dir=folder.resolve(),
        year=year,
        lang=lang,
        municipality=data.config.municipality,
        out=Path(out) if out else DEFAULT_OUT,
        notebook=nb_path.resolve(),
        template_dir=bundled("templates/briefing").resolve(),
        units=tuple(jobs),
        chromium=chromium,
        warm_kernel=warm_kernel,
    )


def _select_units(data: KitData, wanted: list[str] | None, service_area: str | None) -> list[UnitJob]:
    table = data.units
    if wanted:
        known = set(table["unit_id"])
        unknown = [u for u in dict.fromkeys(wanted) if u not in known]
        if unknown:
            sample = ", ".join(table["unit_id"].head(8))
            raise UnknownUnitError(
                f"unknown unit id(s): {', '.join(unknown)}; use ids from units.csv, e.g. {sample}"
            )
        table = table[table["unit_id"].isin(wanted)]
    if service_area:
        areas = list(dict.fromkeys(data.units["service_area"]))
        if service_area not in areas:
            raise BriefingError(f"unknown service area '{service_area}'; choose one of: {', '.join(areas)}")
        table = table[table["service_area"] == service_area]
    if table.empty:
        raise BriefingError("no unit matches both --units and --service-area; widen the selection")
    jobs = [
        UnitJob(str(u), str(n), str(a), file_stem(str(u)))
        for u, n, a in zip(table["unit_id"], table["name"], table["service_area"])
    ]
    stems: dict[str, str] = {}
    for job in jobs:
        clash = stems.setdefault(job.stem.lower(), job.unit_id)
        if clash != job.unit_id:
            raise BriefingError(
                f"unit ids '{clash}' and '{job.unit_id}' would share the file name '{job.stem}'; "
                "rename one of them in units.csv"
            )
    return jobs


# ---------------------------------------------------------------- files


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write to a temporary file beside `path`, then rename it over `path` in one step."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; published files are for all readers
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def scorecard_csv(card) -> str:
    """The library scorecard as plain UTF-8 CSV: comma, decimal point, '\\n' line endings."""
    return card.to_csv(index=False, lineterminator="\n")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------- browser


def chromium_command(chromium: str, profile: Path, *flags: str) -> list[str]:
    """Headless Chromium that talks to nobody: no sync, updates or background fetches."""
    return [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", *flags,
    ]  # fmt: skip


def print_pdf(chromium: str, page: Path, pdf: Path) -> None:
    """Print `page` to `pdf` (A4 comes from the page's @page rule), atomically."""
    partial = pdf.with_name(f".{pdf.stem}.partial.pdf")
    with tempfile.TemporaryDirectory(prefix="kitlib-chromium-") as profile:
        command = chromium_command(
            chromium, Path(profile), "--no-pdf-header-footer", f"--print-to-pdf={partial}",
            page.resolve().as_uri(),
        )  # fmt: skip
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=CHROMIUM_TIMEOUT)
        except subprocess.TimeoutExpired as exc:
            partial.unlink(missing_ok=True)
            raise BriefingError(f"Chromium took over {CHROMIUM_TIMEOUT} s to print {page.name}") from exc
    if done.returncode != 0 or not partial.is_file() or partial.stat().st_size == 0:
        partial.unlink(missing_ok=True)
        tail = done.stderr.strip().splitlines()[-3:]
        raise BriefingError(
            f"Chromium could not print {page.name} (exit {done.returncode}): {' / '.join(tail)}"
        )
    os.replace(partial, pdf)


# ---------------------------------------------------------------- one worker


class WarmKernel:
    """One python3 kernel kept alive across units; papermill gets it as `km=`.

    papermill never shuts down a kernel it did not start, and atexit does not run in
    pool workers, so `close()` must be called explicitly.
    """

    def __init__(self, restart_every: int | None = None):
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        self._run_sync = run_sync
        self._manager_class = AsyncKernelManager
        self.restart_every = restart_every or RESTART_EVERY
        self.km = None
        self._run_sync(self._start)()
        self.served = 0
        self.broken = False

    def prepare(self) -> None:
        """Make the kernel fresh for the next unit: reset it, or restart it now and then."""
        if self.served == 0 and not self.broken:
            return
        alive = self._run_sync(self._is_alive)()
        if self.broken or not alive or self.served % self.restart_every == 0:
            log.debug("restarting the kernel after %d briefings", self.served)
            self._run_sync(self._restart)()
            self.broken = False
            return
        try:
            self._run_sync(self._execute)(RESET_CODE)
        except Exception as exc:  # noqa: BLE001 - any failure to reset means: start afresh
            log.warning("kernel reset failed (%s); restarting it", exc)
            self._run_sync(self._restart)()

    def done(self, ok: bool) -> None:
        self.served += 1
        self.broken = self.broken or not ok

    async def _start(self) -> None:
        # A new manager each time: shutting a kernel down destroys its manager's zmq context.
        self.km = self._manager_class(kernel_name="python3")
        # The kernel's own stderr holds only start-up and shutdown chatter (transport
        # warnings, "KeyboardInterrupt caught"); cell output reaches the notebook anyway.
        await self.km.start_kernel(stderr=subprocess.DEVNULL)

    async def _is_alive(self) -> bool:
        return await self.km.is_alive()

    async def _restart(self) -> None:
        try:
            await self.km.shutdown_kernel(now=True)
        except Exception as exc:  # noqa: BLE001 - a broken kernel is replaced all the same
            log.warning("kernel shutdown before restart failed: %s", exc)
        await self._start()

    async def _execute(self, code: str) -> None:
        # A short-lived client per reset (~0.4 s, mostly waiting for the kernel to answer):
        # a client kept open across papermill runs stopped getting replies.
        client = self.km.client()
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=60)
            reply = await client.execute_interactive(
                code, timeout=60, store_history=False, output_hook=lambda _msg: None
            )
        finally:
            client.stop_channels()
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"{reply['content'].get('ename')}: {reply['content'].get('evalue')}")

    def close(self) -> None:
        try:
            self._run_sync(self.km.shutdown_kernel)(now=False)
        except Exception as exc:  # noqa: BLE001 - a dying kernel must not hide the results
            log.warning("kernel shutdown failed: %s", exc)


class UnitRunner:
    """Makes one unit's files. One per worker process: data, exporter and kernel are reused."""

    def __init__(self, plan: Plan):
        from nbconvert import HTMLExporter

        self.plan = plan
        self.data = load_data(plan.data_dir)
        self.values = prepared_values(self.data)
        self.exporter = HTMLExporter(
            template_name=plan.template_dir.name,
            extra_template_basedirs=[str(plan.template_dir.parent)],
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
            exclude_anchor_links=True,
            embed_images=True,
            mathjax_url="",
            require_js_url="",
        )
        self.injected_at = _injected_cell_index(plan.notebook)
        self.kernel = WarmKernel() if plan.warm_kernel else None

    def close(self) -> None:
        if self.kernel is not None:
            self.kernel.close()

    def run(self, job: UnitJob) -> UnitResult:
        start = time.perf_counter()
        result = UnitResult(job.unit_id)
        try:
            self._make(job, result)
        except Exception as exc:  # noqa: BLE001 - one unit's failure must not stop the others
            log.exception("briefing of %s failed", job.unit_id)
            result.status, result.error = "failed", f"{type(exc).__name__}: {exc}"
            self._drop_stale(job, "html", "pdf")
        result.seconds = round(time.perf_counter() - start, 3)
        return result

    def _make(self, job: UnitJob, result: UnitResult) -> None:
        from papermill.exceptions import PapermillExecutionError

        out, plan = self.plan.out, self.plan
        card = scorecard(self.data, job.unit_id, plan.year, values=self.values)
        write_atomic(out / f"{job.stem}.scorecard.csv", scorecard_csv(card))
        result.counts = {k: int(v) for k, v in card["status"].value_counts().sort_index().items()}

        running = out / f".{job.stem}.running.ipynb"
        failed = out / f"{job.stem}.failed.ipynb"
        try:
            nb = self._execute(job, running)
        except PapermillExecutionError as exc:
            # papermill has written the notebook with its error banner: keep it for the analyst
            if running.exists():
                os.replace(running, failed)
            result.status = "failed"
            result.error = f"{exc.ename}: {exc.evalue}".strip().rstrip(":")
            result.failed_cell = self._source_index(exc.cell_index)
            self._drop_stale(job, "html", "pdf")
            if self.kernel is not None:
                self.kernel.done(ok=True)  # the kernel is fine; the notebook raised
            return
        except BaseException:
            if running.exists():
                os.replace(running, failed)
            if self.kernel is not None:
                self.kernel.done(ok=False)
            raise
        running.unlink(missing_ok=True)
        failed.unlink(missing_ok=True)
        if self.kernel is not None:
            self.kernel.done(ok=True)

        page = out / f"{job.stem}.html"
        write_atomic(page, self.render(nb, job))
        if plan.chromium:
            print_pdf(plan.chromium, page, out / f"{job.stem}.pdf")

    def _execute(self, job: UnitJob, output: Path):
        import papermill

        if self.kernel is not None:
            self.kernel.prepare()
        return papermill.execute_notebook(
            str(self.plan.notebook),
            str(output),
            parameters={
                "data_dir": str(self.plan.data_dir),
                "unit_id": job.unit_id,
                "year": self.plan.year,
                "lang": self.plan.lang,
            },
            kernel_name="python3",
            km=self.kernel.km if self.kernel is not None else None,
            request_save_on_cell_execute=False,
            progress_bar=False,
            log_output=False,
            execution_timeout=CELL_TIMEOUT,
        )

    def render(self, nb, job: UnitJob) -> str:
        """The executed notebook as the briefing page; the template reads nb.metadata.kitlib."""
        nb.metadata["kitlib"] = {
            "lang": self.plan.lang,
            "municipality": self.plan.municipality,
            "service_area": job.service_area,
            "title": f"{job.name} {self.plan.year}",
            "unit_id": job.unit_id,
            "unit_name": job.name,
            "year": self.plan.year,
        }
        body, _resources = self.exporter.from_notebook_node(nb)
        return body

    def _source_index(self, executed_index: int) -> int:
        """Index of a cell of the executed notebook in the source notebook (papermill adds a cell)."""
        return executed_index - 1 if executed_index > self.injected_at else executed_index

    def _drop_stale(self, job: UnitJob, *suffixes: str) -> None:
        """A failed unit must not leave last run's page looking current."""
        for suffix in suffixes:
            (self.plan.out / f"{job.stem}.{suffix}").unlink(missing_ok=True)


def _injected_cell_index(notebook: Path) -> int:
    """Where papermill puts its injected-parameters cell: after the 'parameters' cell, else first."""
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    for index, cell in enumerate(nb.cells):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            return index + 1
    return 0


def _worker(plan: Plan, tasks, results) -> None:
    """Worker process: take units from `tasks` until a None arrives; report on `results`."""
    runner = None
    try:
        runner = UnitRunner(plan)
        while (index := tasks.get()) is not None:
            job = plan.units[index]
            results.put(("start", index, os.getpid()))
            results.put(("done", index, asdict(runner.run(job))))
    except Exception as exc:  # noqa: BLE001 - report, so that the parent can mark the units
        results.put(("fatal", None, f"{type(exc).__name__}: {exc}"))
    finally:
        if runner is not None:
            runner.close()


# ---------------------------------------------------------------- many workers


def run_units(plan: Plan, jobs: int, progress: bool = False) -> list[UnitResult]:
    """Run every unit of the plan in `jobs` worker processes (or in this process when 1)."""
    from tqdm import tqdm

    total = len(plan.units)
    bar = tqdm(total=total, unit="briefing", file=sys.stderr, disable=None if progress else True)
    try:
        if jobs <= 1:
            return _run_here(plan, bar)
        return _run_pool(plan, min(jobs, total), bar)
    finally:
        bar.close()


def _run_here(plan: Plan, bar) -> list[UnitResult]:
    runner = UnitRunner(plan)
    try:
        results = []
        for job in plan.units:
            results.append(runner.run(job))
            bar.update(1)
        return results
    finally:
        runner.close()


def _run_pool(plan: Plan, workers: int, bar) -> list[UnitResult]:
    # spawn, not fork: a fork of a process that runs threads (a Jupyter kernel calling
    # this function, zmq) can deadlock; spawned workers import once and then stay warm.
    ctx = mp.get_context("spawn")
    tasks, reports = ctx.Queue(), ctx.Queue()
    for index in range(len(plan.units)):
        tasks.put(index)
    for _ in range(workers):
        tasks.put(None)
    procs = [ctx.Process(target=_worker, args=(plan, tasks, reports), daemon=True) for _ in range(workers)]
    for proc in procs:
        proc.start()
    done: dict[int, UnitResult] = {}
    current: dict[int, int] = {}  # worker pid -> index of the unit it is working on
    fatal = ""
    try:
        while len(done) < len(plan.units):
            try:
                kind, index, payload = reports.get(timeout=2)
            except queue.Empty:
                if not any(p.is_alive() for p in procs):
                    break
                _mark_dead_workers(plan, procs, current, done, bar)
                continue
            if kind == "start":
                current[payload] = index
            elif kind == "done":
                done[index] = UnitResult(**payload)
                current = {pid: i for pid, i in current.items() if i != index}
                bar.update(1)
            else:
                fatal = payload
                log.error("a briefing worker could not start: %s", payload)
    finally:
        for proc in procs:
            proc.join(timeout=30)
            if proc.is_alive():
                proc.terminate()
    reason = fatal or "the worker process stopped unexpectedly"
    return [
        done.get(i) or UnitResult(job.unit_id, "failed", error=reason) for i, job in enumerate(plan.units)
    ]


def _mark_dead_workers(plan, procs, current, done, bar) -> None:
    """A worker that died (killed, out of memory) fails the unit it was working on."""
    alive = {p.pid for p in procs if p.is_alive()}
    for pid, index in list(current.items()):
        if pid not in alive and index not in done:
            done[index] = UnitResult(plan.units[index].unit_id, "failed", error="the worker process died")
            del current[pid]
            bar.update(1)


# ---------------------------------------------------------------- index and manifest


def render_index(plan: Plan, results: list[UnitResult]) -> str:
    """The run's front page: every unit by service area, with status counts and failures."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(
        loader=FileSystemLoader(str(plan.template_dir)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )
    by_id = {r.unit_id: r for r in results}
    areas: dict[str, list[dict]] = {}
    for job in plan.units:
        r = by_id[job.unit_id]
        areas.setdefault(job.service_area, []).append(
            {
                "name": job.name,
                "unit_id": job.unit_id,
                "href": f"{job.stem}.html" if r.status == "ok" else f"{job.stem}.failed.ipynb",
                "pdf": f"{job.stem}.pdf" if plan.chromium and r.status == "ok" else "",
                "csv": f"{job.stem}.scorecard.csv",
                "ok": r.status == "ok",
                "counts": [r.counts.get(code, 0) for code in ("met", "near", "not_met")],
                "error": r.error,
                "failed_cell": r.failed_cell,
            }
        )
    lang = plan.lang
    labels = {
        "title": f"{tr('briefing_for', lang)} {plan.year}",
        "unit": tr("unit", lang),
        "service_area": tr("service_area", lang),
        "statuses": [status_label(code, lang) for code in ("met", "near", "not_met")],
        **INDEX_TEXT[lang],
    }
    css = (plan.template_dir / "static" / "briefing.css").read_text(encoding="utf-8")
    return env.get_template("run_index.html.j2").render(
        lang=lang,
        municipality=plan.municipality,
        year=plan.year,
        areas=areas,
        labels=labels,
        css=css,
        failed=sum(1 for r in results if r.status != "ok"),
        total=len(results),
    )


INDEX_TEXT = {
    "nb": {"failed": "feilet", "cell": "celle", "units_n": "enheter", "failed_n": "feilet"},
    "da": {"failed": "fejlede", "cell": "celle", "units_n": "enheder", "failed_n": "fejlede"},
    "en": {"failed": "failed", "cell": "cell", "units_n": "units", "failed_n": "failed"},
}


def build_manifest(plan: Plan, results: list[UnitResult], seconds: float, jobs: int) -> str:
    """What went in (files and their hashes, package versions) and how each unit went."""
    files = sorted(p for p in plan.data_dir.rglob("*") if p.is_file() and not p.name.startswith("."))
    template_files = sorted(p for p in plan.template_dir.rglob("*") if p.is_file())
    versions = {"python": platform.python_version()}
    for package in VERSIONED:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = ""
    by_id = {job.unit_id: job for job in plan.units}
    manifest = {
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        "settings": {
            "year": plan.year,
            "lang": plan.lang,
            "municipality": plan.municipality,
            "pdf": bool(plan.chromium),
            "jobs": jobs,
            "warm_kernel": plan.warm_kernel,
        },
        "inputs": {
            "data_dir": str(plan.data_dir),
            "files": [
                {
                    "path": p.relative_to(plan.data_dir).as_posix(),
                    "sha256": sha256(p),
                    "bytes": p.stat().st_size,
                }
                for p in files
            ],
            "notebook": {"path": str(plan.notebook), "sha256": sha256(plan.notebook)},
            "template": [
                {"path": p.relative_to(plan.template_dir).as_posix(), "sha256": sha256(p)}
                for p in template_files
            ],
        },
        "versions": versions,
        "units": {
            r.unit_id: {
                "status": r.status,
                "seconds": r.seconds,
                "error": r.error,
                "failed_cell": r.failed_cell,
                "counts": r.counts,
                "html": f"{by_id[r.unit_id].stem}.html" if r.status == "ok" else "",
                "failed_notebook": f"{by_id[r.unit_id].stem}.failed.ipynb"
                if r.failed_cell is not None
                else "",
                "scorecard": f"{by_id[r.unit_id].stem}.scorecard.csv",
            }
            for r in results
        },
        "summary": {
            "ok": sum(1 for r in results if r.status == "ok"),
            "failed": sum(1 for r in results if r.status != "ok"),
            "seconds": round(seconds, 3),
        },
    }
    return json.dumps(manifest, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------- entry point


def default_jobs() -> int:
    return max(1, min(2, os.cpu_count() or 1))


def make_briefings(
    data_dir: Path | str | None = None,
    *,
    year: int | None = None,
    out: Path | str | None = None,
    units: list[str] | None = None,
    service_area: str | None = None,
    jobs: int | None = None,
    lang: str | None = None,
    pdf: bool = False,
    notebook: Path | str | None = None,
    warm_kernel: bool = True,
    progress: bool = False,
) -> BatchResult:
    """Make every selected unit's briefing; see ``kitlib briefings --help``.

    Raises a KitlibError (nothing written) when the input is invalid. A unit whose
    notebook fails is reported in the result, index and manifest; the others go on.
    """
    plan = make_plan(
        data_dir, year=year, out=out, units=units, service_area=service_area,
        lang=lang, pdf=pdf, notebook=notebook, warm_kernel=warm_kernel,
    )  # fmt: skip
    jobs = jobs or default_jobs()
    plan.out.mkdir(parents=True, exist_ok=True)
    log.info("making %d briefing(s) for %d in %s with %d job(s)", len(plan.units), plan.year, plan.out, jobs)
    start = time.perf_counter()
    results = run_units(plan, jobs, progress=progress)
    seconds = time.perf_counter() - start
    write_atomic(plan.out / "index.html", render_index(plan, results))
    write_atomic(plan.out / "manifest.json", build_manifest(plan, results, seconds, jobs))
    return BatchResult(plan, results, seconds)


def describe_failure(result: UnitResult) -> str:
    where = f" in cell {result.failed_cell}" if result.failed_cell is not None else ""
    return f"{result.unit_id}: failed{where}: {result.error}"
