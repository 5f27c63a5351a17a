"""The run's index page and manifest, and how a failed unit is described."""

from __future__ import annotations

import json
import platform
from datetime import UTC, datetime
from importlib import metadata

from kitlib.analysis.codes import JUDGED, Status
from kitlib.batch.plan import AREA_NOTE, MUNICIPALITY_NOTE, UNIT_NOTE, Plan, UnitResult
from kitlib.data.atomic import sha256
from kitlib.report.i18n import status_label, tr

# The index's columns: every status a unit's indicators can have, best first.
INDEX_STATUSES = (*JUDGED, Status.NO_DATA, Status.NO_TARGET)
VERSIONED = ("kitlib", "pandas", "matplotlib", "seaborn", "papermill", "nbconvert", "nbclient", "ipykernel")


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

    def entry(job) -> dict:
        r = by_id[job.unit_id]
        return {
            "name": job.name,
            "unit_id": job.unit_id,
            "href": job.files.html if r.status == "ok" else job.files.failed_notebook,
            "pdf": job.files.pdf if plan.chromium and r.status == "ok" else "",
            "csv": job.files.scorecard,
            "xlsx": job.files.workbook if r.status == "ok" else "",
            "ok": r.status == "ok",
            "counts": [r.counts.get(code, 0) for code in INDEX_STATUSES],
            "error": r.error,
            "failed_cell": r.failed_cell,
        }

    municipality = next((entry(j) for j in plan.units if j.level == MUNICIPALITY_NOTE), None)
    area_notes = {j.service_area: entry(j) for j in plan.units if j.level == AREA_NOTE}
    areas: dict[str, list[dict]] = {area: [] for area in area_notes}
    for job in plan.units:
        if job.level == UNIT_NOTE:
            areas.setdefault(job.service_area, []).append(entry(job))
    lang = plan.lang
    labels = {
        "title": f"{tr('briefing_for', lang)} {plan.year}",
        "unit": tr("unit", lang),
        "service_area": tr("service_area", lang),
        "statuses": [status_label(code, lang) for code in INDEX_STATUSES],
        "all_units": tr("index_all_units", lang),
        "totals": tr("index_totals", lang),
        "pack": tr("index_pack", lang),
        "municipality_note": tr("index_municipality_note", lang),
        "area_note": tr("index_area_note", lang),
        **{key: tr(f"index_{key}", lang) for key in ("failed", "cell", "units_n", "failed_n")},
    }
    css = (plan.template_dir / "static" / "briefing.css").read_text(encoding="utf-8")
    return env.get_template("run_index.html.j2").render(
        lang=lang,
        municipality=plan.municipality,
        year=plan.year,
        areas=areas,
        municipality_note=municipality,
        area_notes=area_notes,
        totals={area: _column_sums(units) for area, units in areas.items()},
        packs=packs or {},
        grand_total=_column_sums([u for units in areas.values() for u in units]),
        labels=labels,
        css=css,
        failed=sum(1 for r in results if r.status != "ok"),
        total=sum(1 for job in plan.units if job.level == UNIT_NOTE),  # units, not notes
    )


def _column_sums(units: list[dict]) -> list[int]:
    """Status counts summed over units (a failed unit counts nothing)."""
    return [sum(column) for column in zip(*(u["counts"] for u in units))] or [0] * len(INDEX_STATUSES)


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
                "level": by_id[r.unit_id].level,
                "html": by_id[r.unit_id].files.html if r.status == "ok" else "",
                "failed_notebook": by_id[r.unit_id].files.failed_notebook
                if r.failed_cell is not None
                else "",
                "scorecard": by_id[r.unit_id].files.scorecard,
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


def describe_failure(result: UnitResult) -> str:
    where = f" in cell {result.failed_cell}" if result.failed_cell is not None else ""
    return f"{result.unit_id}: failed{where}: {result.error}"
