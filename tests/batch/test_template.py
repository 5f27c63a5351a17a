"""The briefing template guarantees the page by itself: no code, no prompts, one title."""

from __future__ import annotations

import re

import nbformat
import pytest
from nbconvert import HTMLExporter

from kitlib.data.resources import bundled

SECRET_CODE = "secret_analysis_code = 42  # must never reach a reader"


@pytest.fixture
def executed_notebook():
    """A notebook as papermill leaves it: parameters, code with outputs, a notebook-only cell."""
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('unit_id = "skole-nordby"', execution_count=1)
    params.metadata["tags"] = ["parameters"]
    title = nbformat.v4.new_code_cell(SECRET_CODE, execution_count=2)
    title.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={
                "text/html": '<header class="briefing-title"><h1 class="unit-name">Nordby skole</h1></header>'
            },
        ),
        nbformat.v4.new_output("execute_result", data={"text/plain": "42"}, execution_count=2),
    ]
    heading = nbformat.v4.new_markdown_cell("## For the analyst only")
    heading.metadata["tags"] = ["notebook-only"]
    nb.cells = [params, heading, title]
    nb.metadata["kitlib"] = {"lang": "nb", "title": "Nordby skole 2025", "municipality": "Fjordvik kommune",
                             "unit_name": "Nordby skole", "service_area": "Skole", "year": 2025}  # fmt: skip
    return nb


def test_the_template_alone_shows_no_code_and_no_prompts(executed_notebook):
    """With nbconvert's default flags (input and prompts included), the page still has none."""
    template = bundled("templates/briefing")
    exporter = HTMLExporter(template_name=template.name, extra_template_basedirs=[str(template.parent)])
    assert exporter.exclude_input is False  # the guarantee must not come from the flags
    body, _ = exporter.from_notebook_node(executed_notebook)
    main = body[body.index("<body") :]  # the page's content, after its inlined CSS
    assert "secret_analysis_code" not in body
    assert 'unit_id = "skole-nordby"' not in body
    assert "In&nbsp;[" not in main and "In [" not in main and "Out[" not in main
    assert "jp-InputArea" not in main and "jp-InputPrompt" not in main and "jp-OutputPrompt" not in main
    assert "For the analyst only" not in body
    assert main.count("Nordby skole</h1>") == 1
    assert "Fjordvik kommune" not in main  # the notebook's title block names it, not a masthead
    assert "<title>Nordby skole 2025</title>" in body


def test_the_page_carries_its_content_security_policy_and_no_script(executed_notebook):
    """First in <head>: the browser runs no script and loads nothing from outside the page
    (the charts are data: images, the styles inline); the browser test checks it works."""
    template = bundled("templates/briefing")
    exporter = HTMLExporter(template_name=template.name, extra_template_basedirs=[str(template.parent)])
    executed_notebook.cells.append(nbformat.v4.new_markdown_cell("<script>alert(1)</script>"))
    body, _ = exporter.from_notebook_node(executed_notebook)
    head = body[body.index("<head>") : body.index("</head>")]
    policy = re.search(r'<meta content="([^"]*)" http-equiv="Content-Security-Policy"', head)
    assert policy, "no Content-Security-Policy in <head>"
    directives = [d.strip() for d in policy.group(1).split(";")]
    assert directives[0] == "default-src 'none'" and "script-src" not in policy.group(1)
    assert "img-src data:" in directives and "base-uri 'none'" in directives
    assert head.index("Content-Security-Policy") < head.index("<style")  # before what it covers
    assert "<script" not in head and "require.js" not in body and "MathJax" not in body
