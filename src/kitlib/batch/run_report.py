"""The run's index page, manifest and run record, the notes' input fingerprints, and how a
failed unit is described.

Same inputs, same bytes: index.html and manifest.json depend on the inputs and the notes
only, so two runs of the same batch (also with a different --jobs) give identical files.
What differs from run to run (when, how long, on which machine, how many jobs) goes to
run.json, which describes the last run only.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import socket
import sys
from datetime import UTC, datetime
from importlib import metadata

from kitlib.analysis.codes import JUDGED, Status
from kitlib.batch.plan import (
    AREA_NOTE,
    FAILED,
    INTERRUPTED,
    MUNICIPALITY_NOTE,
    OK,
    UNIT_NOTE,
    Plan,
    UnitResult,
)
from kitlib.data.atomic import sha256
from kitlib.errors import printable
from kitlib.report.formatting import replace_controls
from kitlib.report.i18n import status_label, tr

# The index's columns: every status a unit's indicators can have, best first.
INDEX_STATUSES = (*JUDGED, Status.NO_DATA, Status.NO_TARGET)
# the packages that shape what a note shows (seaborn draws none of it: charts are plain matplotlib)
VERSIONED = ("kitlib", "pandas", "matplotlib", "papermill", "nbconvert", "nbclient", "ipykernel")


def render_index(plan: Plan, results: list[UnitResult], packs: dict[str, str] | None = None) -> str:
    """The run's front page: every unit by service area, with status counts and failures;
    `packs` links each service area's combined PDF (area -> file name)."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(
        loader=FileSystemLoader(str(plan.template_dir)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )
    by_id = {r.unit_id: r for r in results}
    lang = plan.lang
    state = {FAILED: tr("index_failed", lang), INTERRUPTED: tr("index_interrupted", lang)}

    def entry(job) -> dict:
        return _index_entry(plan, job, by_id[job.unit_id], state)

    municipality = next((entry(j) for j in plan.units if j.level == MUNICIPALITY_NOTE), None)
    area_notes = {j.service_area: entry(j) for j in plan.units if j.level == AREA_NOTE}
    areas: dict[str, list[dict]] = {area: [] for area in area_notes}
    for job in plan.units:
        if job.level == UNIT_NOTE:
            areas.setdefault(job.service_area, []).append(entry(job))
    css = (plan.template_dir / "static" / "briefing.css").read_text(encoding="utf-8")
    page = env.get_template("run_index.html.j2").render(
        lang=lang,
        municipality=plan.municipality,
        year=plan.year,
        areas=areas,
        municipality_note=municipality,
        area_notes=area_notes,
        totals={area: _column_sums(units) for area, units in areas.items()},
        packs=packs or {},
        grand_total=_column_sums([u for units in areas.values() for u in units]),
        labels=_index_labels(plan),
        css=css,
        failed=sum(1 for r in results if r.status == FAILED),
        interrupted=sum(1 for r in results if r.status == INTERRUPTED),
        total=sum(1 for job in plan.units if job.level == UNIT_NOTE),  # units, not notes
    )
    return replace_controls(page)  # no NUL or ESC from the data reaches the page


def _index_entry(plan: Plan, job, r: UnitResult, state: dict[str, str]) -> dict:
    """One note's row of the index: its links, its status counts and what went wrong."""
    files = note_files(plan, job, r)  # only files that exist: no link leads nowhere
    return {
        "name": job.name,
        "unit_id": job.unit_id,
        "href": files.get("html") or files.get("failed_notebook", ""),
        "pdf": files.get("pdf", ""),
        "csv": files.get("scorecard", ""),
        "xlsx": files.get("workbook", ""),
        "ok": r.status == OK,
        "state": state.get(r.status, r.status),
        "counts": [r.counts.get(code, 0) for code in INDEX_STATUSES],
        "error": r.error,
        "failed_cell": r.failed_cell,
    }


def _index_labels(plan: Plan) -> dict:
    """The index's words in the plan's language."""
    lang = plan.lang
    return {
        "title": f"{tr('briefing_for', lang)} {plan.year}",
        "unit": tr("unit", lang),
        "service_area": tr("service_area", lang),
        "statuses": [status_label(code, lang) for code in INDEX_STATUSES],
        "all_units": tr("index_all_units", lang),
        "totals": tr("index_totals", lang),
        "pack": tr("index_pack", lang),
        "municipality_note": tr("index_municipality_note", lang),
        "area_note": tr("index_area_note", lang),
        **{
            key: tr(f"index_{key}", lang)
            for key in ("failed", "cell", "units_n", "failed_n", "interrupted", "interrupted_n")
        },
    }


def _column_sums(units: list[dict]) -> list[int]:
    """Status counts summed over units (a failed unit counts nothing)."""
    return [sum(column) for column in zip(*(u["counts"] for u in units))] or [0] * len(INDEX_STATUSES)


def note_files(plan: Plan, job, result: UnitResult) -> dict[str, str]:
    """The files of a note that exist in the output folder, by kind: its page, PDF and
    scorecard when it was made, the executed notebook of one whose notebook raised."""
    names = {"failed_notebook": job.files.failed_notebook} if result.failed_cell is not None else {}
    if result.status == OK:
        names = {"html": job.files.html}
        if plan.chromium:  # a PDF of an earlier run with --pdf would not match this page
            names["pdf"] = job.files.pdf
        if job.level == UNIT_NOTE:
            names |= {"scorecard": job.files.scorecard, "workbook": job.files.workbook}
    return {kind: name for kind, name in names.items() if (plan.out / name).is_file()}


def input_files(plan: Plan) -> dict:
    """What goes into every note: the data files, the notebooks and the template, with hashes."""
    files = sorted(p for p in plan.data_dir.rglob("*") if p.is_file() and not p.name.startswith("."))
    template_files = sorted(p for p in plan.template_dir.rglob("*") if p.is_file())
    notebooks = {
        level: {"path": str(path), "sha256": sha256(path)}
        for level in (UNIT_NOTE, AREA_NOTE, MUNICIPALITY_NOTE)
        if (path := plan.notebook_for(level)) is not None
    }
    return {
        "data_dir": str(plan.data_dir),
        "files": [
            {"path": p.relative_to(plan.data_dir).as_posix(), "sha256": sha256(p), "bytes": p.stat().st_size}
            for p in files
        ],
        "notebook": notebooks[UNIT_NOTE],
        "notebooks": notebooks,
        "template": [
            {"path": p.relative_to(plan.template_dir).as_posix(), "sha256": sha256(p)} for p in template_files
        ],
    }


def note_fingerprints(plan: Plan, inputs: dict | None = None) -> dict[str, str]:
    """{note id: sha256 of everything its output depends on}: the data files, its level's
    notebook, the template, kitlib's version, the year and the language. A note whose
    recorded fingerprint differs from this is out of date (kitlib briefings --resume)."""
    inputs = inputs or input_files(plan)
    common = {
        "data": [[f["path"], f["sha256"]] for f in inputs["files"]],
        "template": [[f["path"], f["sha256"]] for f in inputs["template"]],
        "kitlib": _version("kitlib"),
        "year": plan.year,
        "lang": plan.lang,
    }
    prints = {}
    for job in plan.units:
        notebook = inputs["notebooks"].get(job.level, {}).get("sha256", "")
        text = json.dumps({**common, "notebook": notebook, "level": job.level}, sort_keys=True)
        prints[job.unit_id] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return prints


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return ""


def build_manifest(plan: Plan, results: list[UnitResult], inputs: dict | None = None) -> str:
    """What went in (files and their hashes, package versions) and how each note went: the
    same bytes for the same inputs and notes (no times, no host, no job count: see run.json)."""
    versions = {"python": platform.python_version()} | {p: _version(p) for p in VERSIONED}
    by_id = {job.unit_id: job for job in plan.units}

    def note(r: UnitResult) -> dict:
        job = by_id[r.unit_id]
        files = note_files(plan, job, r)
        return {
            "status": r.status,
            "error": r.error,
            "failed_cell": r.failed_cell,
            "counts": r.counts,
            "level": job.level,
            "stem": job.stem,  # the id's file name stem (batch.outputs)
            "html": files.get("html", ""),
            "pdf": files.get("pdf", ""),
            "failed_notebook": files.get("failed_notebook", ""),
            "scorecard": job.files.scorecard if job.level == UNIT_NOTE else "",
            "fingerprint": r.fingerprint,
        }

    manifest = {
        "settings": {
            "year": plan.year,
            "lang": plan.lang,
            "municipality": plan.municipality,
            "pdf": bool(plan.chromium),
        },
        "inputs": inputs or input_files(plan),
        "versions": versions,
        "units": {r.unit_id: note(r) for r in results},
        "summary": {
            status: sum(1 for r in results if r.status == status) for status in (OK, FAILED, INTERRUPTED)
        },
    }
    return json.dumps(manifest, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def build_run_record(
    plan: Plan, results: list[UnitResult], seconds: float, jobs: int, kept: int = 0, problem: str = ""
) -> str:
    """run.json: the facts of this run that differ between identical runs (when, how long,
    where, with how many jobs), kept apart so that manifest.json stays the same bytes."""
    record = {
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(seconds, 3),
        "jobs": jobs,
        "timeout": plan.timeout,
        "warm_kernel": plan.warm_kernel,
        "host": {
            "name": socket.gethostname(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "python": sys.executable,
        },
        "made": [r.unit_id for r in results],  # the notes this run tried; the others were up to date
        "kept": kept,
        "problem": problem,
        "seconds_per_note": {r.unit_id: r.seconds for r in results},
    }
    return json.dumps(record, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def describe_failure(result: UnitResult) -> str:
    where = f" in cell {result.failed_cell}" if result.failed_cell is not None else ""
    return printable(f"{result.unit_id}: failed{where}: {result.error}")  # for the terminal: no ESC
