"""The workers' preload (batch/preload.py): what it keeps out of a worker, and that the notebook
machinery still checks notebooks without it."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120
    )


def test_preload_keeps_the_slow_iri_grammar_out_and_nbformat_still_validates():
    done = run_python(
        """
        import sys
        import kitlib.batch.preload
        import nbformat
        from nbformat.validator import ValidationError

        assert sys.modules["rfc3987_syntax"] is None, "the Lark grammar was built"
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
        nbformat.validate(nb)  # a good notebook passes
        nb.cells[0]["cell_type"] = "no-such-type"
        try:
            nbformat.validate(nb)
        except ValidationError:
            print("refused")
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "refused"


def test_preload_leaves_a_process_that_already_has_the_grammar_alone():
    done = run_python(
        """
        import sys, types
        sys.modules["rfc3987_syntax"] = marker = types.ModuleType("rfc3987_syntax")
        import kitlib.batch.preload
        print(sys.modules["rfc3987_syntax"] is marker)
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"


def test_workers_are_forked_from_a_server_that_imported_the_notebook_machinery():
    done = run_python(
        """
        import sys
        from kitlib.batch.server import worker_context

        ctx = worker_context()
        assert ctx.get_start_method() == "forkserver"
        assert "papermill" not in sys.modules  # not here: only in the server the workers fork from
        with ctx.Pool(1) as pool:  # eval runs in the worker: what it has without importing anything
            print(pool.apply(eval, ("sorted(m for m in __import__('sys').modules if m in ('papermill', 'nbconvert'))",)))
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['nbconvert', 'papermill']"
