"""The briefing exporter: nbconvert's page, without its BeautifulSoup pass where that changes nothing."""

from __future__ import annotations

import shutil

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbconvert import HTMLExporter

from kitlib.batch.exporter import briefing_exporter, needs_accessibility_pass, page_options
from kitlib.data.resources import bundled

SVG = "data:image/svg+xml;base64,PHN2Zy8+"


def notebook(
    *html_outputs: str, markdown: str = "## Mål og resultater\n\nSykefravær *7,1 %*."
) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell(markdown))
    for html in html_outputs:
        cell = nbformat.v4.new_code_cell("section")
        cell.outputs = [
            nbformat.v4.new_output("display_data", data={"text/html": html, "text/plain": "section"})
        ]
        nb.cells.append(cell)
    nb.metadata["kitlib"] = {
        "lang": "nb",
        "title": "Berg & Dal 2025",
        "unit_name": "Berg & Dal",
        "year": 2025,
    }
    return nb


def nbconvert_page(template, nb) -> str:
    """What nbconvert's own HTMLExporter writes with the same template and options."""
    exporter = HTMLExporter(**page_options(template))
    return exporter.from_notebook_node(nb)[0]


@pytest.fixture(scope="module")
def template():
    return bundled("templates/briefing").resolve()


def test_a_briefing_page_is_nbconverts_page_without_the_second_parse(template):
    nb = notebook(
        f'<figure class="chart"><img src="{SVG}" alt="Sykefraværet har gått ned"></figure>',
        "<table><tr><th>Indikator</th><td>7,1&nbsp;%</td></tr></table><br>",
    )
    ours = briefing_exporter(template).from_notebook_node(nb)[0]
    theirs = nbconvert_page(template, nb)
    assert not needs_accessibility_pass(ours)
    assert ours != theirs  # the second parse rewrote the page (e.g. <br> as <br/>)
    # ... and changed nothing else: parsed the same way, the two pages are the same
    assert str(BeautifulSoup(ours, features="html.parser")) == theirs


def test_an_image_without_alt_text_still_gets_nbconverts_placeholder(template):
    nb = notebook(f'<img src="{SVG}">', f'<img alt="Budsjett" src="{SVG}">')
    ours = briefing_exporter(template).from_notebook_node(nb)[0]
    assert ours == nbconvert_page(template, nb)
    assert 'alt="No description has been provided for this image"' in ours
    assert 'alt="Budsjett"' in ours


@pytest.mark.parametrize(
    ("html", "needed"),
    [
        (f'<img src="{SVG}" alt="x">', False),
        (f'<IMG ALT="" src="{SVG}">', False),  # an empty alt is a decorative image, not a missing one
        (f'<img src="{SVG}">', True),
        (f'<img src="{SVG}" data-alt="x">', True),
        ('<div class="jp-Notebook-cell">x</div>', False),  # a cell's class, not the container
        ('<div class="jp-Notebook jp-mod-commandMode">x</div>', True),
    ],
)
def test_which_pages_need_the_pass(html, needed):
    assert needs_accessibility_pass(html) is needed


def test_one_exporter_per_template_until_the_template_changes(tmp_path, template):
    copy = tmp_path / "briefing"
    shutil.copytree(template, copy)
    first = briefing_exporter(copy)
    assert briefing_exporter(copy) is first
    css = copy / "static" / "briefing.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.kit-new { color: #000; }\n", encoding="utf-8")
    changed = briefing_exporter(copy)
    assert changed is not first
    assert ".kit-new" in changed.from_notebook_node(notebook("<p>x</p>"))[0]
