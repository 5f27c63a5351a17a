"""A pool worker runs its notes' notebooks in its own IPython shell (batch/in_process.py).

The shell must give a notebook what a kernel gives it: the same outputs for the same cells
(compared here with papermill's own kernel engine on one notebook of every kind of output),
a note's timeout (a fresh worker takes over after it), and a watchdog for code the timeout
cannot reach. The shell is made in a subprocess or a pool worker, never in pytest's own
process: it becomes the process's IPython.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time

import nbformat
import pytest
from tiny_notebook import UNITS, for_unit, tiny_notebook

from kitlib import batch

# one cell per kind of output a notebook makes, a kernel's way and the shell's
CELLS = [
    "print('one'); print('two')\nimport sys; print('to stderr', file=sys.stderr)",
    "from IPython.display import HTML, Markdown, display\ndisplay(Markdown('**bold**'))\nHTML('<b>x</b>')",
    "import pandas as pd\npd.DataFrame({'a': [1, 2], 'b': ['x', None]})",
    "handle = display(Markdown('first'), display_id='d1')\nhandle.update(Markdown('second'))",
    "handle.update(Markdown('third, in the cell above'))\nprint('updated')",
    "from IPython.display import clear_output\nprint('gone')\nclear_output()\nprint('kept')",
    "import logging\nlogging.getLogger('kitlib').warning('a warning from the note')",
    "import warnings\nwarnings.warn('careful', UserWarning)",
    "import matplotlib.pyplot as plt\nfig, ax = plt.subplots(figsize=(2, 1))\nax.plot([1, 2, 3])\nplt.show()",
    "{'x': 1, 'when': None}",
    "x = 1\nx",
    "out = !echo from a shell command\nout",
]
RAISING = "raise ValueError('as planned')"

RUN = """
import sys, papermill
from kitlib.batch.in_process import ENGINE, register_engine
register_engine()
engine = {{"engine_name": ENGINE}} if sys.argv[3] == "shell" else {{}}
papermill.execute_notebook(sys.argv[1], sys.argv[2], kernel_name="python3", progress_bar=False, **engine)
"""


def executed(tmp_path, cells, how: str) -> nbformat.NotebookNode:
    """The notebook of `cells` as papermill leaves it, run in a kernel or in the shell."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    source, out = tmp_path / f"{how}.in.ipynb", tmp_path / f"{how}.out.ipynb"
    nbformat.write(nb, source)
    done = subprocess.run([sys.executable, "-c", RUN.format(), str(source), str(out), how],
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    if not out.exists():
        raise AssertionError(done.stderr)
    return nbformat.read(out, as_version=4)


def outputs(nb) -> list:
    """Each cell's outputs, as a reader and the page see them (images by size, not bytes)."""
    cells = []
    for cell in nb.cells:
        kept = []
        for output in cell.get("outputs", []):
            output = json.loads(json.dumps(output))
            if output["output_type"] == "error":
                output.pop("traceback")  # colours differ between a kernel's and a shell's
            if output["output_type"] == "stream":  # the cell's file name in a warning: how each names it
                output["text"] = re.sub(
                    r"<ipython-input-[^>]+>|/tmp/ipykernel_\d+/\d+\.py", "CELL", output["text"]
                )
            for mime in ("image/png",):
                if mime in output.get("data", {}):
                    output["data"][mime] = len(output["data"][mime]) > 1000
            kept.append(output)
        cells.append((cell.get("execution_count"), kept))
    return cells


@pytest.mark.slow
def test_the_shell_makes_the_outputs_a_kernel_makes(tmp_path):
    kernel = executed(tmp_path, [*CELLS, RAISING, "print('never run')"], "kernel")
    shell = executed(tmp_path, [*CELLS, RAISING, "print('never run')"], "shell")
    assert outputs(shell) == outputs(kernel)
    errors = [o for cell in shell.cells for o in cell.get("outputs", []) if o.output_type == "error"]
    assert [(e.ename, e.evalue) for e in errors] == [("ValueError", "as planned")]
    assert shell.cells[-1].outputs == [] and shell.cells[-1].execution_count is None  # not run after it


@pytest.mark.slow
def test_a_cell_tagged_raises_exception_goes_on_and_skip_execution_is_skipped(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(RAISING), nbformat.v4.new_code_cell("print('skipped')"),
                nbformat.v4.new_code_cell("print('after')")]  # fmt: skip
    nb.cells[0].metadata["tags"] = ["raises-exception"]
    nb.cells[1].metadata["tags"] = ["skip-execution"]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    source, out = tmp_path / "tags.ipynb", tmp_path / "tags.out.ipynb"
    nbformat.write(nb, source)
    # papermill fails a notebook with any error in it, as with a kernel; the cells ran on
    subprocess.run([sys.executable, "-c", RUN.format(), str(source), str(out), "shell"], timeout=300)
    cells = [c for c in nbformat.read(out, as_version=4).cells if c.cell_type == "code"]
    assert cells[0].outputs[-1].ename == "ValueError"
    assert cells[1].outputs == []
    assert cells[2].outputs[0].text == "after\n"


@pytest.mark.slow
def test_a_note_over_its_time_fails_alone_and_a_fresh_worker_makes_the_next(tmp_path):
    # worker A hangs on the first note; B makes the next two, slowly; the fourth is free after
    # A's timeout, and goes to the worker that replaced A, not to A
    units, pids = ["bhg-solsikken", *UNITS], tmp_path / "pids.txt"  # in the order a run makes them
    notebook = tiny_notebook(
        tmp_path,
        f"import os\nwith open({str(pids)!r}, 'a') as f: print(unit_id, os.getpid(), file=f)",
        for_unit(units[0], "time.sleep(600)"),
        f"if unit_id in {units[1:3]!r}:\n    import time; time.sleep(2.5)",
    )
    start = time.monotonic()
    result = batch.make_briefings(
        out=tmp_path / "out", units=units, level="unit", jobs=2, notebook=notebook, timeout=4
    )
    by_id = {r.unit_id: r for r in result.results}
    assert by_id[units[0]].status == "failed" and by_id[units[0]].error == "timed out after 4 s"
    assert [by_id[u].status for u in units[1:]] == ["ok", "ok", "ok"]
    assert time.monotonic() - start < 60
    pid = dict(line.split() for line in pids.read_text().splitlines())
    assert pid[units[0]] not in {pid[u] for u in units[1:]}
    assert len({pid[u] for u in units}) == 3


@pytest.mark.slow
def test_code_the_timeout_cannot_reach_is_ended_by_the_watchdog(tmp_path):
    # the alarm blocked, as code stuck in C would leave it unanswered: the watchdog ends the worker
    stuck = "import signal; signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM]); time.sleep(600)"
    notebook = tiny_notebook(tmp_path, for_unit(UNITS[0], stuck))
    start = time.monotonic()
    result = batch.make_briefings(
        out=tmp_path / "out", units=UNITS, level="unit", jobs=2, notebook=notebook, timeout=2
    )
    by_id = {r.unit_id: r for r in result.results}
    assert by_id[UNITS[0]].status == "failed" and by_id[UNITS[0]].error == "the worker process died"
    assert [by_id[u].status for u in UNITS[1:]] == ["ok", "ok"]
    assert time.monotonic() - start < 90


@pytest.mark.slow
def test_a_briefing_made_in_a_worker_is_the_briefing_a_fresh_kernel_makes(tmp_path, sample_data):
    # two service areas (different charts), each worker's second note after its shell's reset
    units = list(sample_data.units.drop_duplicates("service_area")["unit_id"].iloc[[0, 2, 3]])
    here = batch.make_briefings(out=tmp_path / "here", units=units, level="unit", jobs=2)
    fresh = batch.make_briefings(out=tmp_path / "fresh", units=units, level="unit", jobs=1, warm_kernel=False)
    assert [r.status for r in here.results] == [r.status for r in fresh.results] == ["ok"] * 3
    for name in sorted(
        p.name for p in (tmp_path / "fresh").iterdir() if p.suffix in (".html", ".csv", ".xlsx")
    ):
        assert (tmp_path / "here" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), name


@pytest.mark.slow
def test_a_worker_keeps_texts_as_python_strings_and_a_kernel_as_pandas_does(tmp_path):
    # what the notebook sees is the `str` type either way; only where its texts live differs
    seen = tmp_path / "seen.txt"
    report = (
        "import pandas as pd\nfrom kitlib import load_data\nperiod = load_data(data_dir).values['period']\n"
        f"with open({str(seen)!r}, 'a') as f:\n"
        "    print(unit_id, period.dtype, period.array.dtype.storage, pd.Series(['a']).array.dtype.storage, file=f)"
    )
    notebook = tiny_notebook(tmp_path, report)
    for jobs in (2, 1):
        result = batch.make_briefings(out=tmp_path / f"jobs{jobs}", units=UNITS[:2], level="unit", jobs=jobs,
                                      notebook=notebook)  # fmt: skip
        assert [r.status for r in result.results] == ["ok", "ok"], [r.error for r in result.results]
    lines = [line.split() for line in seen.read_text().splitlines()]
    assert [line[1:] for line in lines[:2]] == [["str", "python", "python"]] * 2  # pool workers
    assert [line[1:] for line in lines[2:]] == [["str", "pyarrow", "pyarrow"]] * 2  # --jobs 1: a kernel
