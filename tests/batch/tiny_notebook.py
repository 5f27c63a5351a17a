"""A tiny unit notebook for the batch's fault, resume and determinism tests: the briefing
notebook's parameters and cells of the test's choosing, so that a note takes a second, not
twenty, and a test can make one unit hang, kill its kernel or its worker."""

from __future__ import annotations

from pathlib import Path

import nbformat

# three result units of the sample, in the order a run makes them (units.csv's)
UNITS = ["bhg-lia", "skole-nordby", "skole-lia"]

PARAMETERS = 'data_dir = ""\nunit_id = ""\nyear = 0\nlang = "nb"'


def tiny_notebook(folder: Path, *cells: str, name: str = "tiny.ipynb") -> Path:
    """A notebook with the parameters cell, then `cells` (code), then a heading."""
    nb = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell(PARAMETERS)
    parameters.metadata["tags"] = ["parameters"]
    code = [nbformat.v4.new_code_cell(cell) for cell in cells or ("print(unit_id)",)]
    nb.cells = [parameters, *code, nbformat.v4.new_markdown_cell("# A tiny note")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    nbformat.write(nb, path)
    return path


def for_unit(unit_id: str, code: str) -> str:
    """A cell that runs `code` (one line) for one unit only."""
    return f"import os, time\nif unit_id == {unit_id!r}:\n    {code}\nprint(unit_id)"
