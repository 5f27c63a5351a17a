"""Every notebook runs with papermill; committed notebooks are clean and paired with their .py."""

from __future__ import annotations

from pathlib import Path

import jupytext
import nbformat
import papermill
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_with_default_parameters(path, tmp_path):
    out = tmp_path / path.name
    papermill.execute_notebook(str(path), str(out), kernel_name="python3", progress_bar=False)
    executed = nbformat.read(out, as_version=4)
    outputs = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs]
    assert outputs
    assert not [o for o in outputs if o.output_type == "error"]
    assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_one_typed_parameters_cell_and_no_functions(path):
    notebook = nbformat.read(path, as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    parameters = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(parameters) == 1
    for line in parameters[0].source.splitlines():
        assert ":" in line.split("=")[0] and "#" in line, f"untyped or uncommented parameter: {line}"
    assert not [c for c in code if "def " in c.source or "class " in c.source]
    assert not [c for c in code if c.outputs or c.execution_count]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_in_step_with_its_jupytext_pair(path):
    paired = path.with_suffix(".py")
    assert paired.exists(), f"pair {path.name} with `jupytext --set-formats ipynb,py:percent`"
    from_py = jupytext.read(paired)
    from_nb = nbformat.read(path, as_version=4)
    assert [c.source for c in from_py.cells] == [c.source for c in from_nb.cells]


@pytest.mark.slow
def test_briefing_notebook_shows_each_section_as_the_page_does(tmp_path):
    """Run from the notebooks folder as JupyterLab does, with a unit whose note has every
    section: each section cell shows one HTML output (the summary also as Markdown) and
    no cell shows a bare object repr (an empty section shows nothing at all)."""
    path = next(p for p in NOTEBOOKS if p.name == "briefing.ipynb")
    out = tmp_path / path.name
    papermill.execute_notebook(
        str(path), str(out), parameters={"unit_id": "shj-berg-dal"}, cwd=str(path.parent),
        kernel_name="python3", progress_bar=False,
    )  # fmt: skip
    executed = nbformat.read(out, as_version=4)
    shown = [c for c in executed.cells if c.cell_type == "code" and "_section()" in c.source]
    assert len(shown) == 14
    for cell in shown:
        bundles = [o.data for o in cell.outputs]
        # its sick leave and spending have months enough for limits: the XmR charts show them
        if "sick_leave_section" in cell.source or "budget_section" in cell.source:
            assert bundles == [], cell.source
            continue
        assert len(bundles) == 1, cell.source
        assert bundles[0]["text/html"].startswith('<div class="kit-section'), cell.source
    summary = next(c for c in shown if "summary_section" in c.source)
    assert summary.outputs[0].data["text/markdown"].startswith("## Kort fortalt")


@pytest.mark.slow
def test_analysis_notebook_exports_the_tidy_table_without_suppressed_figures(tmp_path):
    """The analysts' notebook writes the tidy table to the Excel path of its parameters, and a
    suppressed survey figure is as empty there as in the table."""
    import pandas as pd

    path = next(p for p in NOTEBOOKS if p.name == "analysis.ipynb")
    export = tmp_path / "tidy.xlsx"
    papermill.execute_notebook(str(path), str(tmp_path / path.name), parameters={"excel_path": str(export)},
                               kernel_name="python3", progress_bar=False)  # fmt: skip
    table = pd.read_excel(export)
    hidden = table[table["suppressed"]]
    assert len(hidden)
    assert hidden[["value", "n", "sd", "ci_low", "ci_high"]].isna().all().all()
    assert {"unit_id", "indicator_id", "period", "value", "status"} <= set(table.columns)
