"""Briefing notes for many units: run the briefing notebook once per unit and publish
HTML pages, scorecard CSVs, an index and a manifest (``kitlib briefings``).

Why it is built this way (measured on 2 cores; see benchmarks/): starting Python,
importing papermill and starting a kernel cost more than a briefing itself. So the
workers are forked from a server that has imported papermill, nbconvert and kitlib once
(server.worker_context, started while the data is validated); each runs its notebooks in
its own IPython shell (in_process: no kernel, no messages), reset between units, with ONE
HTML exporter, and the workers pull units from a shared queue. `--jobs 1` and Dask keep a
warm kernel (kernel: reset between units, restarted every `kernel.RESTART_EVERY`). Every
output file is written atomically, so a reader (or a crashed run)
never sees half a page.

A run always ends with an index and a manifest of every note of the folder, whatever
happened: a note that fails, times out or is interrupted (Ctrl-C) is listed as such, and a
folder that cannot be written any more is reported in one line (pool explains the faults).
The manifest records each note's input fingerprint, so `resume` makes only the notes whose
outputs are missing, failed or older than their inputs; run.json holds what differs from
run to run, so the same inputs give the same bytes in every other file.

This module checks the input and runs the whole; the parts live in plan (the records),
outputs (file names), unit_runner (one unit), in_process (a worker's own shell), kernel (the
warm kernel), pool (the
workers and their faults), dask_executor (the same on a Dask cluster, `scheduler`), pdf
(Chromium), run_report (index, manifest, fingerprints) and earlier (what an earlier run left,
for `resume`).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

from kitlib.analysis.scorecard import result_units
from kitlib.batch.combined import make_combined_pdfs
from kitlib.batch.earlier import earlier_results, stale_notes, with_earlier_notes
from kitlib.batch.outputs import INDEX, MANIFEST, note_stems
from kitlib.batch.pdf import INSTALL_CHROMIUM, ChromiumMissingError, find_chromium
from kitlib.batch.plan import (
    ALL_LEVELS,
    AREA_NOTE,
    DEFAULT_TIMEOUT,
    INTERRUPTED,
    MUNICIPALITY_NOTE,
    NOT_MADE,
    NOTE_LEVELS,
    OK,
    UNIT_NOTE,
    BatchResult,
    Plan,
    UnitJob,
    UnitResult,
)
from kitlib.batch.pool import folder_fault, run_units
from kitlib.batch.run_report import (
    build_manifest,
    build_run_record,
    input_files,
    note_fingerprints,
    render_index,
)
from kitlib.batch.server import start_workers_early
from kitlib.data.atomic import write_atomic
from kitlib.data.load import KitData, load_data
from kitlib.data.resources import bundled, sample_folder
from kitlib.errors import BriefingError, KitlibError, UnknownUnitError
from kitlib.report.i18n import check_language

log = logging.getLogger("kitlib")

DEFAULT_OUT = Path("output/briefings")
RUN_RECORD = "run.json"  # this run's times, host and jobs: what differs between identical runs
_with_earlier_notes = with_earlier_notes  # its name here before earlier.py held it


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
    level: str | None = None,
    timeout: float | None = None,
) -> Plan:
    """Check every input and decide what to run; raises a KitlibError before anything is written.

    `level` (unit, service-area, municipality or all) says which notes; by default all of
    them, but only unit notes when `units` are named, and the units' and their area's notes
    when a `service_area` is."""
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
    if timeout is not None and not timeout > 0:
        raise BriefingError(f"the timeout must be a number of seconds above 0, not {timeout}")
    levels = _levels(level, units, service_area)
    jobs = _select_jobs(data, units, service_area, levels)
    notebooks = {lv: _level_notebook(lv) for lv in levels if lv != UNIT_NOTE}
    return Plan(
        data_dir=folder.resolve(),
        year=year,
        lang=lang,
        municipality=data.config.municipality,
        out=Path(out) if out else DEFAULT_OUT,
        notebook=nb_path.resolve(),
        template_dir=bundled("templates/briefing").resolve(),
        units=tuple(jobs),
        all_units=tuple(_select_jobs(data, None, None, NOTE_LEVELS)),
        chromium=chromium,
        warm_kernel=warm_kernel,
        area_notebook=notebooks[AREA_NOTE].resolve() if AREA_NOTE in notebooks else None,
        municipality_notebook=(
            notebooks[MUNICIPALITY_NOTE].resolve() if MUNICIPALITY_NOTE in notebooks else None
        ),
        timeout=float(timeout) if timeout else DEFAULT_TIMEOUT,
    )


NOTEBOOKS = {AREA_NOTE: "service_area.ipynb", MUNICIPALITY_NOTE: "municipality.ipynb"}


def _level_notebook(level: str) -> Path:
    try:
        return bundled(f"notebooks/{NOTEBOOKS[level]}")
    except FileNotFoundError as exc:
        raise BriefingError(f"{exc}; or make only the units' notes with --level unit") from exc


def _levels(level: str | None, units: list[str] | None, service_area: str | None) -> tuple[str, ...]:
    if not level:
        level = UNIT_NOTE if units else ALL_LEVELS
    if level == ALL_LEVELS:
        # the municipality's note is not part of one service area's run
        return (UNIT_NOTE, AREA_NOTE) if service_area else NOTE_LEVELS
    if level not in NOTE_LEVELS:
        choices = ", ".join((*NOTE_LEVELS, ALL_LEVELS))
        raise BriefingError(f"unknown level '{level}'; choose one of: {choices}")
    return (level,)


def _select_jobs(
    data: KitData, units: list[str] | None, service_area: str | None, levels: tuple[str, ...]
) -> list[UnitJob]:
    """The notes to make, the municipality's first, then the service areas', then the units'
    (the index's order); every file name stem unique, whatever the case."""
    chosen = _select_units(data, units, service_area)
    area_stems = _note_stems(data)[1]
    jobs = []
    if MUNICIPALITY_NOTE in levels:
        name = data.config.municipality or MUNICIPALITY_NOTE
        jobs.append(UnitJob(MUNICIPALITY_NOTE, name, "", MUNICIPALITY_NOTE, MUNICIPALITY_NOTE))
    if AREA_NOTE in levels:
        for area in dict.fromkeys(job.service_area for job in chosen):
            stem = area_stems[area]
            jobs.append(UnitJob(f"{AREA_NOTE}:{area}", area, area, stem, AREA_NOTE))
    if UNIT_NOTE in levels:
        jobs.extend(chosen)
    stems: dict[str, str] = {}
    for job in jobs:
        clash = stems.setdefault(job.stem.lower(), job.unit_id)
        if clash != job.unit_id:
            raise BriefingError(
                f"notes '{clash}' and '{job.unit_id}' would share the file name '{job.stem}'; "
                "rename the unit in units.csv"
            )
    return jobs


def _select_units(data: KitData, wanted: list[str] | None, service_area: str | None) -> list[UnitJob]:
    table = result_units(data)  # a service area's or the municipality's row is context, not a note
    stems = _note_stems(data)[0]
    if wanted:
        known = set(table["unit_id"])
        unknown = [u for u in dict.fromkeys(wanted) if u not in known]
        others = set(data.units["unit_id"]) - known
        if unknown:
            sample = ", ".join(table["unit_id"].head(8))
            context = [u for u in unknown if u in others]
            why = (
                f" ({', '.join(context)}: a service area's or the municipality's row, whose figures "
                "appear in its units' notes)"
                if context
                else ""
            )
            raise UnknownUnitError(
                f"unknown unit id(s): {', '.join(unknown)}{why}; "
                f"use result units from units.csv, e.g. {sample}"
            )
        table = table[table["unit_id"].isin(wanted)]
    if service_area:
        areas = list(dict.fromkeys(data.units["service_area"]))
        if service_area not in areas:
            raise BriefingError(f"unknown service area '{service_area}'; choose one of: {', '.join(areas)}")
        table = table[table["service_area"] == service_area]
    if table.empty:
        raise BriefingError("no unit matches both --units and --service-area; widen the selection")
    return [
        UnitJob(str(u), str(n), str(a), stems[str(u)])
        for u, n, a in zip(table["unit_id"], table["name"], table["service_area"])
    ]


def _note_stems(data: KitData) -> tuple[dict[str, str], dict[str, str]]:
    """Every note's file stem, from all the folder's result units and areas (outputs.note_stems),
    so that a run of a few units names their files as the full run does."""
    table = result_units(data)
    return note_stems(table["unit_id"].astype(str), table["service_area"].astype(str))


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
    combined: bool = False,
    level: str | None = None,
    timeout: float | None = None,
    resume: bool = False,
    scheduler: str | None = None,
    dask_return: bool = False,
) -> BatchResult:
    """Make every selected unit's briefing; see ``kitlib briefings --help``.

    Raises a KitlibError (nothing written) when the input is invalid. A note whose
    notebook fails, or takes longer than `timeout` seconds (all its cells), is reported in
    the result, index and manifest; the others go on. Ctrl-C stops the run: the notes made
    so far are kept and the others marked interrupted (`BatchResult.interrupted`, exit code
    130), in the index and manifest too. `resume` makes only the notes whose outputs are
    missing, failed or older than their inputs (data, notebook, template, kitlib version).
    `scheduler` (``tcp://host:8786``) runs the notes on that Dask cluster instead of `jobs`
    local processes (`dask_executor`); `dask_return` has the workers send the files back.
    `combined` (with `pdf`) also prints one PDF per service area for the seminar's paper pack.
    """
    if combined and not pdf:
        raise BriefingError("--combined joins the units' PDFs: add --pdf")
    jobs = jobs or default_jobs()
    if jobs > 1 and not scheduler:
        start_workers_early()  # their imports on another core while the folder is validated here
    plan = make_plan(
        data_dir, year=year, out=out, units=units, service_area=service_area,
        lang=lang, pdf=pdf, notebook=notebook, warm_kernel=warm_kernel, level=level, timeout=timeout,
    )  # fmt: skip
    _make_out_folder(plan)
    inputs = input_files(plan)
    fingerprints = note_fingerprints(plan, inputs)
    earlier = earlier_results(plan)
    todo = stale_notes(plan, earlier, fingerprints) if resume else plan
    results, seconds = _run_notes(todo, jobs, scheduler, fingerprints, progress, dask_return)
    problem = _run_problem(plan, results)
    kept = len(plan.units) - len(todo.units)
    shown, shown_results = with_earlier_notes(plan, results, earlier)
    paper = combined and not problem and not any(r.status == INTERRUPTED for r in results)
    packs, problem = _combined_packs(shown, shown_results) if paper else ({}, problem)
    summary = {
        INDEX: lambda: render_index(shown, shown_results, packs),
        MANIFEST: lambda: build_manifest(shown, shown_results, inputs),
        RUN_RECORD: lambda: build_run_record(plan, results, seconds, jobs, kept, problem),
    }
    unwritten = _write_summary(plan, summary)
    return BatchResult(plan, results, seconds, kept=kept, problem=problem, unwritten=unwritten)


def _make_out_folder(plan: Plan) -> None:
    try:
        plan.out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BriefingError(
            f"cannot make the output folder {plan.out} ({exc.strerror or exc}); choose another --out"
        ) from exc


def _run_notes(
    todo: Plan,
    jobs: int,
    scheduler: str | None,
    fingerprints: dict[str, str],
    progress: bool,
    dask_return: bool,
) -> tuple[list[UnitResult], float]:
    """Run the plan's notes here or on the Dask cluster; their results, stamped with their
    inputs' fingerprints, and the seconds it took."""
    log.info("making %d briefing(s) for %d in %s with %d job(s)", len(todo.units), todo.year, todo.out, jobs)
    start = time.perf_counter()
    if scheduler:  # --executor dask
        from kitlib.batch.dask_executor import run_units_dask

        results = run_units_dask(todo, scheduler, progress=progress, return_files=dask_return)
    else:
        results = run_units(todo, jobs, progress=progress)
    seconds = time.perf_counter() - start
    for result in results:
        result.fingerprint = fingerprints[result.unit_id] if result.status != INTERRUPTED else ""
    return results, seconds


def _run_problem(plan: Plan, results: list[UnitResult]) -> str:
    """Why the output folder broke mid-run (the pool's reason for the notes not made), or is
    broken now; empty when it is fine."""
    broken = (r.error.removeprefix(NOT_MADE) for r in results if r.error.startswith(NOT_MADE))
    return next(broken, "") or (folder_fault(plan.out) if any(r.status != OK for r in results) else "")


def _combined_packs(shown: Plan, shown_results: list[UnitResult]) -> tuple[dict, str]:
    """The service areas' paper packs, and the run's problem when they cannot be made."""
    try:
        return make_combined_pdfs(shown, shown_results), ""
    except (KitlibError, OSError) as exc:
        return {}, f"the service areas' combined PDFs could not be made: {exc}"


def _write_summary(plan: Plan, files: dict[str, Callable[[], str]]) -> str:
    """Render and write the index, manifest and run record in turn (each rendered only once the
    one before is written); what could not be written, or empty."""
    try:
        for name, render in files.items():
            write_atomic(plan.out / name, render())
    except OSError as exc:
        log.debug("writing the index failed", exc_info=True)
        return f"the index and manifest could not be written in {plan.out} ({exc.strerror or exc})"
    return ""
