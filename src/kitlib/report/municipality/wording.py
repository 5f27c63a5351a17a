"""Words the municipality note's sections share: a capital first letter, and text made safe
for Markdown. Lists ('a, b og c') and boolean cells use kitlib.report.narrative's helpers."""

from __future__ import annotations

from kitlib.report.views import markdown_list


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _md(text: str) -> str:
    """Text for Markdown, its special characters escaped (as markdown_list does)."""
    return markdown_list([text])[2:]
