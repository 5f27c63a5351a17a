"""The worked examples in docs/ run as written: their code blocks are executed in order, one
namespace per page, and their own asserts check the figures the prose tells."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"
PAGES = ["variation.md"]


@pytest.mark.parametrize("page", PAGES)
def test_the_code_blocks_of_a_docs_page_run_and_their_asserts_hold(page):
    blocks = re.findall(r"```python\n(.*?)```", (DOCS / page).read_text(encoding="utf-8"), re.S)
    assert blocks, f"docs/{page} has no python example"
    namespace: dict = {}
    for block in blocks:
        exec(compile(block, f"docs/{page}", "exec"), namespace)  # noqa: S102 - our own docs


def test_the_variation_page_prints_what_it_shows(capsys):
    text = (DOCS / "variation.md").read_text(encoding="utf-8")
    first = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    exec(compile(first, "docs/variation.md", "exec"), {})  # noqa: S102
    printed = [line.split() for line in capsys.readouterr().out.splitlines()]
    shown = [line[1:].split() for line in first.splitlines() if line.startswith("# ") and line[2:3].isdigit()]
    assert printed[-3:] == shown
