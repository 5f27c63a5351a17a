"""The HTML exporter that turns an executed notebook into its briefing page, made once per
template folder and process (the pool's forkserver makes the bundled one, so that every
worker starts with its Jinja templates compiled: batch/preload.py).

nbconvert's HTMLExporter parses every page it writes with BeautifulSoup, to give an image
without alt text a placeholder and to make the lab layout's cells focusable, and writes the
page again from the parse: a third of a note's export, and it changes nothing on a briefing
page (every chart has its alt text, and the template draws no `.jp-Notebook` container).
`BriefingExporter` makes that pass only on a page that needs it.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

# what nbconvert's pass changes: an <img> without alt, and cells inside a .jp-Notebook container
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ALT = re.compile(r"\salt\s*=", re.IGNORECASE)
_NOTEBOOK_CONTAINER = re.compile(r"""class\s*=\s*["'][^"']*\bjp-Notebook\b(?!-)""")


def needs_accessibility_pass(html: str) -> bool:
    """Whether nbconvert's BeautifulSoup pass would change `html`."""
    return bool(_NOTEBOOK_CONTAINER.search(html)) or any(not _ALT.search(tag) for tag in _IMG.findall(html))


@functools.cache
def _exporter_class():
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class BriefingExporter(HTMLExporter):
        """HTMLExporter.from_notebook_node (nbconvert 7), its BeautifulSoup pass made only
        where it changes the page."""

        def from_notebook_node(self, nb, resources=None, **kw):
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            highlight_code = self.filters.get(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)
            )
            resources = self._init_resources(resources)
            filter_data_type = WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources
            )
            self.register_filter("highlight_code", highlight_code)
            self.register_filter("filter_data_type", filter_data_type)
            html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            if needs_accessibility_pass(html):
                html = _accessibility_pass(html, self.log)
            return html, resources

    return BriefingExporter


def _accessibility_pass(html: str, log) -> str:
    """nbconvert's own pass (HTMLExporter.from_notebook_node), for a page that needs it."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, features="html.parser")
    missing_alt = 0
    for elem in soup.select("img:not([alt])"):
        elem.attrs["alt"] = "No description has been provided for this image"
        missing_alt += 1
    if missing_alt:
        log.warning("Alternative text is missing on %s image(s).", missing_alt)
    for elem in soup.select(".jp-Notebook div.jp-Cell-inputWrapper"):
        elem.attrs["tabindex"] = "0"
    for elem in soup.select(".jp-Notebook div.jp-OutputArea-output"):
        elem.attrs["tabindex"] = "0"
    return str(soup)


def briefing_exporter(template_dir: Path):
    """The exporter of the briefing pages with the template in `template_dir`, one per process
    and version of the template's files (reused for every note: its Jinja environment compiles
    each template once; an analyst's edit to the template makes a new one)."""
    return _exporter(template_dir, _signature(template_dir))


def warm_exporter(template_dir: Path) -> None:
    """Compile the template now (a page of an empty notebook), so that the first note does not."""
    import nbformat

    _exporter(template_dir, _signature(template_dir)).from_notebook_node(nbformat.v4.new_notebook())


def _signature(template_dir: Path) -> tuple:
    return tuple(
        (str(path), stat.st_mtime_ns, stat.st_size)
        for path in sorted(template_dir.rglob("*"))
        if path.is_file() and (stat := path.stat())
    )


def page_options(template_dir: Path) -> dict:
    """The exporter's settings for a briefing page with the template in `template_dir`:
    outputs only, images embedded, nothing loaded from the network (also what a test gives
    nbconvert's own HTMLExporter to compare the pages)."""
    return {
        "template_name": template_dir.name,
        "extra_template_basedirs": [str(template_dir.parent)],
        "exclude_input": True,
        "exclude_input_prompt": True,
        "exclude_output_prompt": True,
        "exclude_anchor_links": True,
        "embed_images": True,
        "mathjax_url": "",
        "require_js_url": "",
    }


@functools.lru_cache(maxsize=4)
def _exporter(template_dir: Path, _signature: tuple):
    # the notebook checked once after all preprocessors, not after each of them (12 times):
    # the same page, 20 ms less per note
    return _exporter_class()(**page_options(template_dir), optimistic_validation=True)
