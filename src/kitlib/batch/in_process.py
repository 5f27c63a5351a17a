"""A pool worker runs its notes' notebooks itself, in an IPython shell of its own process.

A kernel is a second process that the worker talks to in messages: every output is encoded,
signed, sent, decoded and checked twice, and the kernel keeps a copy of the worker's data.
Measured on the sample (one worker, its unit notes in a row): the notebook's cells cost
0.30 CPU s a note in the worker's own shell against 0.51 in a warm kernel and its worker,
and the worker is one process of ~210 MB instead of two.

The pool's workers are processes of their own (forked from the batch's server), so the
notebook's code has nothing else to disturb there; `--jobs 1` (the caller's process, maybe
an analyst's Jupyter kernel) and Dask workers (threads) keep a kernel. What a kernel gives a
notebook, the shell gives too, with the same outputs: display data, results and errors as
a kernel's messages carry them (ipykernel's display publisher and display hook, as JSON),
stdout and stderr, logging and warnings into the cell's stderr, pyplot figures through the
inline backend, `!commands` with their output captured.

Between notes the namespace is reset as a warm kernel's is (kernel.RESET_CODE). A note runs
at most its timeout, all cells together: an alarm raises `NoteTimedOut` in the cell; code
that does not return to Python (blocked in C, the alarm blocked) is ended by a watchdog that
dumps its stack to stderr and ends the worker, whose note then fails alone and whose place a
new worker takes. After a timeout the worker retires (`spent`): what the interrupted code
left half done stays in no later note.
"""

from __future__ import annotations

import contextlib
import faulthandler
import json
import logging
import os
import signal
import sys
import threading

import nbformat
from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell
from jupyter_client.jsonutil import json_default
from traitlets.config import Config

from kitlib.batch.kernel import RESET_CODE

ENGINE = "kitlib-in-process"  # the papermill engine that runs a notebook in this process's shell
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"  # what a kernel's pyplot draws with
WATCHDOG_GRACE = 10.0  # seconds past a note's timeout before the watchdog ends the worker


class NoteTimedOut(BaseException):
    """Raised in a cell when its note has used up its time (BaseException: notebook code that
    catches Exception does not swallow it)."""


class NoteShell(InteractiveShell):
    """The process's IPython shell, with a kernel's outputs: errors become error outputs."""

    def _showtraceback(self, etype, evalue, stb):
        error = {"output_type": "error", "ename": etype.__name__, "evalue": str(evalue), "traceback": stb}
        self.display_pub.outputs.append(nbformat.from_dict(error))


class _Publisher(DisplayPublisher):
    """Display data into `outputs`, as nbclient turns a kernel's display messages into outputs;
    an update goes to every output of the note shown with its display id."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.outputs: list = []
        self.shown: dict[str, list] = {}  # display id -> the outputs that show it, in this note
        self._clear_on_next = False

    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
        display_id = (transient or {}).get("display_id")
        data, metadata = _as_sent(data), _as_sent(metadata or {})
        if update:
            for output in self.shown.get(display_id, []):
                output["data"], output["metadata"] = data, metadata
            return
        self._clear_if_waiting()
        output = nbformat.from_dict({"output_type": "display_data", "data": data, "metadata": metadata})
        if display_id is not None:
            self.shown.setdefault(display_id, []).append(output)
        self.outputs.append(output)

    def clear_output(self, wait=False):
        if wait:
            self._clear_on_next = True
        else:
            self.outputs.clear()

    def _clear_if_waiting(self):
        if self._clear_on_next:
            self.outputs.clear()
            self._clear_on_next = False


class _ResultHook(DisplayHook):
    """A cell's result into the outputs as `execute_result`, as a kernel's display hook sends it."""

    def start_displayhook(self):
        self._result = {"output_type": "execute_result", "execution_count": self.prompt_count}

    def write_output_prompt(self):
        pass

    def write_format_data(self, format_dict, md_dict=None):
        self._result["data"], self._result["metadata"] = _as_sent(format_dict), _as_sent(md_dict or {})

    def finish_displayhook(self):
        sys.stdout.flush()
        if self._result.get("data"):
            self.shell.display_pub._clear_if_waiting()
            self.shell.display_pub.outputs.append(nbformat.from_dict(self._result))
        self._result = {}


class _Stream:
    """sys.stdout or sys.stderr during a cell: text into the outputs, consecutive writes as one."""

    encoding, errors = "utf-8", "replace"

    def __init__(self, name: str, publisher: _Publisher):
        self.name, self._publisher = name, publisher

    def write(self, text: str) -> int:
        if not text:
            return 0
        outputs = self._publisher.outputs
        if outputs and outputs[-1].get("output_type") == "stream" and outputs[-1].get("name") == self.name:
            outputs[-1]["text"] += text
        else:
            self._publisher._clear_if_waiting()
            outputs.append(nbformat.from_dict({"output_type": "stream", "name": self.name, "text": text}))
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError("a notebook cell's output has no file descriptor")


def _as_sent(value):
    """`value` as a kernel's message carries it: JSON (bytes as base64, dates as text)."""
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return dict(value)  # the usual mime bundle: text only, nothing to convert
    return json.loads(json.dumps(value, default=json_default))


def note_shell() -> NoteShell:
    """This process's shell, made on first use. Only for a process of the batch's own (a pool
    worker): it becomes the process's IPython (`get_ipython()`), its __main__ and displayhook."""
    if NoteShell.initialized():
        return NoteShell.instance()
    # what a kernel does before pyplot is imported; here matplotlib may be imported already
    backend = os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)
    if "matplotlib" in sys.modules:
        sys.modules["matplotlib"].rcParams["backend"] = backend
    config = Config()
    config.HistoryManager.enabled = False  # as the kernels' KERNEL_OPTIONS (kernel.py)
    shell = NoteShell.instance(config=config, display_pub_class=_Publisher, displayhook_class=_ResultHook)
    shell.system = shell.system_piped  # `!command`'s output into the cell, as in a kernel
    return shell


def keep_texts_in_python() -> None:
    """This process's pandas keeps text columns (the `str` type) as Python strings, not in
    Arrow arrays. Only for a process of the batch's own (a pool worker).

    The type is the same either way (pandas 3 gives `str` the two storages with the same
    behaviour, and `str(dtype)` is 'str' in both); what differs is the cost on small frames:
    each filter, join or comparison of an Arrow column goes through pyarrow's compute
    functions, ~15 µs a call, thousands of calls a note. Measured on the sample (one worker
    forked from the server, its unit notes in a row): 0.328 → 0.298 CPU s a note, the pages
    byte-identical. Analysts'
    kernels keep pandas' default, where large frames gain from Arrow.
    """
    import pandas as pd

    pd.set_option("mode.string_storage", "python")


def register_engine() -> None:
    """papermill's engine `kitlib-in-process` (ENGINE): each code cell in this process's shell."""
    from papermill.engines import Engine, papermill_engines
    from papermill.exceptions import PapermillException

    try:
        papermill_engines.get_engine(ENGINE)
        return
    except PapermillException:
        pass

    class InProcessEngine(Engine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, timeout_func=None, **_kwargs):
            run_notebook(nb_man, timeout_func)

    papermill_engines.register(ENGINE, InProcessEngine)


def run_notebook(nb_man, timeout_func=None) -> None:
    """Run papermill's notebook (`nb_man.nb`) cell by cell, as its nbclient engine does: stop at
    the first error not allowed (tag `raises-exception`), skip cells tagged `skip-execution`.
    `timeout_func(cell)`: seconds the rest of the note may take (None: no limit)."""
    from nbclient.exceptions import CellTimeoutError

    shell = note_shell()
    shell.display_pub.outputs, shell.display_pub.shown = [], {}
    shell.run_cell(RESET_CODE, store_history=False, silent=True)
    shell.execution_count = 1  # each note counts its cells from 1, as in a fresh kernel
    cells = nb_man.nb.cells
    left = timeout_func(cells[0]) if timeout_func is not None and cells else None
    try:
        with _deadline(left):  # one alarm for the whole note: its timeout is for all its cells
            _run_cells(nb_man, shell)
    except NoteTimedOut as exc:  # rang between cells, in papermill's own bookkeeping
        raise CellTimeoutError.error_from_timeout_and_cell("Cell execution timed out", left, None) from exc


def _run_cells(nb_man, shell: NoteShell) -> None:
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    for index, cell in enumerate(nb_man.nb.cells):
        nb_man.cell_start(cell, index)
        try:
            if cell.cell_type != "code" or not cell.source.strip():
                continue
            if "skip-execution" in cell.metadata.get("tags", []):
                continue
            error = _run_cell(shell, cell)
            if isinstance(error, NoteTimedOut):
                raise CellTimeoutError.error_from_timeout_and_cell("Cell execution timed out", None, cell)
            if error is not None and "raises-exception" not in cell.metadata.get("tags", []):
                content = next((o for o in reversed(cell.outputs) if o.output_type == "error"), None)
                content = content or {"ename": type(error).__name__, "evalue": str(error), "traceback": []}
                raise CellExecutionError.from_cell_and_msg(cell, content)
        except CellExecutionError as exc:
            nb_man.cell_exception(nb_man.nb.cells[index], cell_index=index, exception=exc)
            break
        finally:
            nb_man.cell_complete(nb_man.nb.cells[index], cell_index=index)


def _run_cell(shell: NoteShell, cell) -> BaseException | None:
    """Run one cell, its outputs into `cell.outputs`; the error it raised, if any."""
    publisher = shell.display_pub
    publisher.outputs = cell.outputs = []
    publisher._clear_on_next = False
    cell.execution_count = shell.execution_count
    try:
        with _cell_streams(publisher), _cell_logging():
            result = shell.run_cell(cell.source, store_history=True)
    except NoteTimedOut as exc:  # the alarm rang outside the cell's own code
        return exc
    return result.error_before_exec or result.error_in_exec


@contextlib.contextmanager
def _cell_streams(publisher: _Publisher):
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Stream("stdout", publisher), _Stream("stderr", publisher)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


@contextlib.contextmanager
def _cell_logging():
    """Log records of the cell's code go where a kernel's go: warnings and worse, as bare
    messages, into the cell's stderr (logging's last resort), not to the worker's terminal."""
    root, kitlib = logging.getLogger(), logging.getLogger("kitlib")
    handlers, level = root.handlers[:], kitlib.level
    root.handlers, kitlib.level = [], logging.NOTSET
    try:
        yield
    finally:
        root.handlers, kitlib.level = handlers, level


@contextlib.contextmanager
def _deadline(seconds: float | None):
    """NoteTimedOut in this (main) thread after `seconds`; the watchdog WATCHDOG_GRACE later
    (faulthandler: a thread of its own that needs no Python, so it ends code stuck in C)."""
    if seconds is None or threading.current_thread() is not threading.main_thread():
        yield
        return

    def ring(_signum, _frame):
        raise NoteTimedOut(f"the note ran over its time ({seconds:g} s)")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))
    faulthandler.dump_traceback_later(seconds + WATCHDOG_GRACE, exit=True, file=sys.__stderr__)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        faulthandler.cancel_dump_traceback_later()
        signal.signal(signal.SIGALRM, previous)
