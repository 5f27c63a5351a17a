"""The seminar's paper pack: one PDF per service area with a contents page and every unit's
note after it (``kitlib briefings --pdf --combined``).

The notes are joined as HTML (each unit's page body on pages of its own, named so that
each printed page's header names its unit), then printed once with Chromium.
"""

from __future__ import annotations

import re
from html import escape

from kitlib.batch.outputs import note_stems, pack_stem
from kitlib.batch.pdf import print_pdf
from kitlib.batch.plan import AREA_NOTE, MUNICIPALITY_NOTE, Plan, UnitResult
from kitlib.data.atomic import write_atomic
from kitlib.report.i18n import tr

_MAIN = re.compile(r"<main>(.*)</main>", re.S)
_STYLE = re.compile(r"<style[^>]*>.*?</style>", re.S)
_RUNNING_HEADER = re.compile(r"^<style[^>]*>\s*@page\s*\{\s*@top-left\s*\{\s*content:")


def combined_name(plan: Plan, service_area: str) -> str:
    """The pack's file name stem for a service area: 'samlet-skole', after its note's stem."""
    jobs = (*plan.all_units, *plan.units)
    notes = (j.stem for j in jobs if j.level == AREA_NOTE and j.service_area == service_area)
    return pack_stem(next(notes, None) or note_stems([], [service_area])[1][service_area])


def make_combined_pdfs(plan: Plan, results: list[UnitResult]) -> dict[str, str]:
    """One PDF per service area of the units that were made; returns {service area: file name}."""
    ok = {r.unit_id for r in results if r.status == "ok"}
    areas: dict[str, list] = {}
    for job in plan.units:  # the area's own note first (the plan's order), then its units'
        if job.level == MUNICIPALITY_NOTE:
            continue  # a note of its own, not part of one area's pack
        if job.unit_id in ok and (plan.out / job.files.html).is_file():
            areas.setdefault(job.service_area, []).append(job)
    made = {}
    for area, jobs in areas.items():
        stem = combined_name(plan, area)
        page = plan.out / f".{stem}.html"
        write_atomic(page, combined_html(plan, area, jobs))
        try:
            print_pdf(plan.chromium, page, plan.out / f"{stem}.pdf")
        finally:
            page.unlink(missing_ok=True)
        made[area] = f"{stem}.pdf"
    return made


def combined_html(plan: Plan, area: str, jobs: list) -> str:
    """The contents page and the notes of `jobs`, each on pages named after its unit."""
    first = (plan.out / jobs[0].files.html).read_text(encoding="utf-8")
    # the note's stylesheet, without its one-line rule that names the unit on every page
    styles = "".join(s for s in _STYLE.findall(first) if not _RUNNING_HEADER.search(s))
    page_rules, bodies = [], []
    for number, job in enumerate(jobs, start=1):
        html = (plan.out / job.files.html).read_text(encoding="utf-8")
        body = _MAIN.search(html)
        label = _css_string(f"{job.name} · {plan.year}")
        page_rules.append(f'@page unit-{number} {{ @top-left {{ content: "{label}"; }} }}')
        bodies.append(
            f'<section class="combined-unit" style="page: unit-{number}; break-before: page">'
            f"{body.group(1) if body else ''}</section>"
        )
    contents = "".join(f"<li>{escape(job.name)}</li>" for job in jobs)
    title = f"{tr('briefing_for', plan.lang)} {plan.year}"
    return (
        f'<!DOCTYPE html><html lang="{escape(plan.lang)}"><head><meta charset="utf-8">'
        f"<title>{escape(area)} · {escape(title)}</title>{styles}"
        f'<style>{" ".join(page_rules)}</style></head><body class="kit-briefing"><main>'
        f'<section class="contents"><p class="kicker">{escape(plan.municipality)}</p>'
        f"<h1>{escape(area)}</h1><p>{escape(title)}</p>"
        f"<h2>{escape(tr('contents', plan.lang))}</h2><ol>{contents}</ol></section>"
        f"{''.join(bodies)}</main></body></html>"
    )


def _css_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ").replace("\n", " ")
