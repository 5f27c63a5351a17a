"""What an earlier run left in the output folder: its notes, read back from its manifest, so that
`resume` makes only the notes whose outputs are missing, failed or older than their inputs, and
a run of a few units keeps the folder's other notes in the index and manifest."""

from __future__ import annotations

import dataclasses
import json

from kitlib.batch.outputs import MANIFEST
from kitlib.batch.plan import OK, UNIT_NOTE, Plan, UnitJob, UnitResult
from kitlib.batch.run_report import note_files


def stale_notes(plan: Plan, earlier: dict[str, UnitResult], fingerprints: dict[str, str]) -> Plan:
    """The plan cut to the notes `resume` must make again."""
    stale = [job for job in plan.units if not up_to_date(plan, job, earlier.get(job.unit_id), fingerprints)]
    return dataclasses.replace(plan, units=tuple(stale))


def up_to_date(plan: Plan, job: UnitJob, earlier: UnitResult | None, fingerprints: dict[str, str]) -> bool:
    """Whether an earlier run made this note from the same inputs and all its files are still there."""
    if earlier is None or earlier.status != OK or earlier.fingerprint != fingerprints[job.unit_id]:
        return False
    wanted = {"html"} | ({"pdf"} if plan.chromium else set())
    if job.level == UNIT_NOTE:
        wanted |= {"scorecard", "workbook"}
    return wanted <= set(note_files(plan, job, earlier))


def with_earlier_notes(
    plan: Plan, results: list[UnitResult], earlier: dict[str, UnitResult] | None = None
) -> tuple[Plan, list[UnitResult]]:
    """This run's units plus the notes an earlier run left in the folder for the same data,
    year and language (from its manifest, where their files still exist), in units.csv's order.

    So `--units a b` into a folder of 24 notes updates a and b and keeps the other 22 in the
    index and manifest, instead of an index of two."""
    earlier = earlier_results(plan) if earlier is None else earlier
    ran = {r.unit_id for r in results}
    by_id = {r.unit_id: r for r in results} | {u: r for u, r in earlier.items() if u not in ran}
    jobs = tuple(job for job in (plan.all_units or plan.units) if job.unit_id in by_id)
    return dataclasses.replace(plan, units=jobs), [by_id[job.unit_id] for job in jobs]


def earlier_results(plan: Plan) -> dict[str, UnitResult]:
    try:
        manifest = json.loads((plan.out / MANIFEST).read_text(encoding="utf-8"))
        settings, units = manifest["settings"], manifest["units"]
        same = (settings["year"], settings["lang"], manifest["inputs"]["data_dir"]) == (
            plan.year, plan.lang, str(plan.data_dir),
        )  # fmt: skip
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # no earlier run here, or one we cannot read: show this run alone
    if not same:
        return {}
    kept = {}
    for unit_id, entry in units.items():
        page = entry.get("html") or ""
        if entry.get("status") == "ok" and not (page and (plan.out / page).is_file()):
            continue  # its page is gone: do not link to it
        kept[unit_id] = UnitResult(
            unit_id, status=entry.get("status", "failed"), error=entry.get("error", ""),
            failed_cell=entry.get("failed_cell"), counts=dict(entry.get("counts", {})),
            fingerprint=entry.get("fingerprint", ""),
        )  # fmt: skip
    return kept
