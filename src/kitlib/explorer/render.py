"""The explorer's "make the briefing" button: one unit's note through the batch's own code
path (`kitlib.batch.run.make_briefings`, the briefing notebook run by papermill and
rendered by nbconvert), and a link to the page it wrote."""

from __future__ import annotations

import os
from dataclasses import dataclass
from html import escape
from pathlib import Path

from kitlib.errors import KitlibError


@dataclass(frozen=True)
class Rendered:
    """What the button made: the page (None when the unit failed) or the reason it failed."""

    unit_id: str
    page: Path | None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.page is not None


def render_briefing(
    folder: Path, unit_id: str, *, year: int, lang: str, out: Path | str | None = None
) -> Rendered:
    """Make `unit_id`'s briefing for `year` in `lang` into `out` (default: the batch's
    output/briefings), in this process, as `kitlib briefings --units unit_id` would."""
    from kitlib.batch.run import make_briefings  # papermill and nbconvert: loaded on first use

    try:
        result = make_briefings(folder, year=year, out=out or None, units=[unit_id], lang=lang, jobs=1)
    except KitlibError as exc:
        return Rendered(unit_id, None, str(exc))
    unit = result.results[0]
    if unit.status != "ok":
        return Rendered(unit_id, None, unit.error or unit.status)
    return Rendered(unit_id, result.plan.out / result.plan.units[0].files.html)


def page_href(page: Path, here: Path | None = None) -> str:
    """The page's address as a link in a notebook: relative to the kernel's folder (the
    notebook's, where JupyterLab resolves relative links) when inside it, else a file URI."""
    page = page.resolve()
    here = (here or Path.cwd()).resolve()
    try:
        return page.relative_to(here).as_posix()
    except ValueError:
        return page.as_uri()


def link_html(page: Path, text: str) -> str:
    href = page_href(page)
    return (
        f'<a href="{escape(href)}" target="_blank" rel="noopener">{escape(text)}</a> '
        f"<code>{escape(os.fspath(page))}</code>"
    )
