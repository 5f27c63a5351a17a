"""The seminar's paper pack joins the notes as HTML: it must keep their stylesheet."""

from __future__ import annotations

import dataclasses

from kitlib.batch.combined import combined_html
from kitlib.batch.plan import UnitJob
from kitlib.batch.run import make_plan

NOTE = """<!DOCTYPE html><html><head>
<style type="text/css">@page { size: A4; @top-left { font-size: 8pt; } }
table.kit-table { border-collapse: collapse; }</style>
<style>@page { @top-left { content: "Lia barnehage · 2025"; } }</style>
</head><body><main><h1>{name}</h1></main></body></html>"""


def test_the_pack_keeps_the_notes_stylesheet_and_names_each_unit_on_its_pages(tmp_path):
    jobs = (UnitJob("a", "Lia barnehage", "Barnehage", "a"), UnitJob("b", "Solsikken", "Barnehage", "b"))
    plan = dataclasses.replace(make_plan(units=["bhg-lia"]), out=tmp_path, units=jobs)
    for job in jobs:
        (tmp_path / job.files.html).write_text(NOTE.replace("{name}", job.name), encoding="utf-8")
    page = combined_html(plan, "Barnehage", list(jobs))
    assert "table.kit-table { border-collapse: collapse; }" in page  # the stylesheet, whole
    assert page.count('content: "Lia barnehage · 2025"') == 1  # its own page rule, not the note's header
    assert '@page unit-1 { @top-left { content: "Lia barnehage · 2025"; } }' in page
    assert '@page unit-2 { @top-left { content: "Solsikken · 2025"; } }' in page
