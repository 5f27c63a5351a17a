"""A section of a note as a notebook shows it: the page's HTML and the objects behind it.

A notebook cell that ends with a section displays it as the reader's page shows it (the
HTML, which the briefing template lays out), while the analyst keeps the real objects to
reuse: ``section.frame`` (the figures behind a table, as a DataFrame), ``section.figures``
(matplotlib Figures, e.g. ``section.figures[0].savefig("x.svg")``) and ``section.markdown``
(the text, e.g. to paste into a document).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape, unescape
from html.parser import HTMLParser

import pandas as pd


@dataclass(frozen=True)
class Section:
    html: str = ""  # as the page shows it: words in the note's language, escaped data
    frame: pd.DataFrame | None = None  # the rows behind a table or chart, numbers unformatted
    figures: tuple = field(default=(), repr=False)  # matplotlib Figures, in page order
    markdown: str = ""  # the text as Markdown, where the section is text

    def __bool__(self) -> bool:
        return bool(self.html)

    def __str__(self) -> str:
        return self.html

    @property
    def text(self) -> str:
        """What a reader reads, as plain text (charts by their alt text)."""
        return visible_text(self.html)

    def _repr_html_(self) -> str | None:
        return self.html or None

    def _repr_markdown_(self) -> str | None:
        return self.markdown or None

    def _ipython_display_(self) -> None:
        # An empty section (no comments this year, no budget figures) leaves no output at
        # all, not even a plain-text repr: the page must not show "Section(...)".
        if not self.html:
            return
        from IPython.display import display

        bundle = {"text/html": self.html, "text/plain": self.text}
        if self.markdown:
            bundle["text/markdown"] = self.markdown
        display(bundle, raw=True)


class SectionedNote:
    """A note made of named sections: SECTIONS in page order, each drawn by a
    ``<name>_section()`` method that returns a `Section`."""

    SECTIONS: tuple[str, ...] = ()

    def sections(self) -> list[Section]:
        """Every section in page order (empty ones included, they show nothing)."""
        return [getattr(self, f"{name}_section")() for name in self.SECTIONS]


def sentence_list(heading: str, title: str, sentences: list[str], css: str = "summary") -> Section:
    """Sentences as the page shows them (escaped, under `heading`, the section's <h2>) and as
    Markdown under `title`."""
    items = "".join(f"<li>{escape(s)}</li>" for s in sentences)
    return Section(
        f'{heading}<ul class="{css}">{items}</ul>', markdown=f"## {title}\n\n{markdown_list(sentences)}"
    )


def markdown_list(items: list, numbered: bool = False) -> str:
    """Sentences as a Markdown list (bullets, or numbers), Markdown's own characters escaped."""
    return "\n".join(
        f"{f'{i}.' if numbered else '-'} {_escape_markdown(unescape(str(item)))}"
        for i, item in enumerate(items, 1)
    )


def _escape_markdown(text: str) -> str:
    for char in "\\`*_[]<>#|$":
        text = text.replace(char, "\\" + char)
    return text


class _Reader(HTMLParser):
    """The words of an HTML fragment as a reader meets them: text, and images by their alt."""

    BLOCKS = {"p", "li", "tr", "h1", "h2", "h3", "figure", "table", "ul", "section", "div", "header"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS or tag == "br":
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append("\t")
        if tag == "img":
            self.parts.append(dict(attrs).get("alt") or "")

    def handle_data(self, data):
        self.parts.append(data)


def visible_text(html: str) -> str:
    reader = _Reader()
    reader.feed(html)
    lines = ("".join(reader.parts)).splitlines()
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())
