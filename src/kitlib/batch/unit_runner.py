"""Making one unit's files: scorecard CSV, executed notebook, HTML page and PDF."""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from kitlib.analysis.cached import (
    HISTORIES,
    VALUES,
    cached_histories,
    cached_scorecard,
    cached_scorecards,
    cached_values,
    scorecards_key,
)
from kitlib.batch.exporter import briefing_exporter
from kitlib.batch.kernel import WarmKernel
from kitlib.batch.pdf import print_pdf
from kitlib.batch.plan import AREA_NOTE, MUNICIPALITY_NOTE, NOTE_LEVELS, UNIT_NOTE, Plan, UnitJob, UnitResult
from kitlib.data import handover
from kitlib.data.atomic import write_atomic
from kitlib.data.contract import CONTEXT_TYPE
from kitlib.data.load import load_data
from kitlib.report.formatting import replace_controls
from kitlib.report.i18n import perspective_name
from kitlib.report.workbook import csv_text, scorecard_workbook

HANDOVER = "data.handover"  # a folder of Parquet files and JSON (kitlib.data.handover)
log = logging.getLogger("kitlib")


def scorecard_csv(card) -> str:
    """The library scorecard as plain UTF-8 CSV: comma, decimal point, '\\n' line endings, and
    no text a spreadsheet would run as a formula (report.workbook.csv_text)."""
    return csv_text(card)


class UnitRunner:
    """Makes one unit's files. One per worker process: data, exporter and kernel are reused."""

    def __init__(self, plan: Plan, snapshot: Path | None = None, in_process: bool = False):
        """`snapshot`: the data as the parent process validated it (`data_for_workers`);
        `in_process`: run the notebooks in this process's own shell, not in a kernel (only in a
        process of the batch's own: a pool worker, see batch/in_process.py)."""
        self.plan = plan
        self.in_process = in_process and plan.warm_kernel
        self.kernel = WarmKernel() if plan.warm_kernel and not self.in_process else None
        self.spent = False  # a note timed out in this process's shell: it should make no more
        self._handover = None  # the folder this runner wrote the kernel's data to, if it did
        self._kernel_data: Path | None = None  # what the kernel is primed with
        try:
            self._load(plan, snapshot)
        except BaseException:
            self.close()  # nobody else holds this runner yet: its kernel must not outlive it
            raise

    def _load(self, plan: Plan, snapshot: Path | None) -> None:
        if self.in_process:
            from kitlib.batch.in_process import keep_texts_in_python

            keep_texts_in_python()  # before the data is read, so that its columns are kept so too
        if snapshot is not None:
            handover.prime(snapshot)  # so load_data neither reads nor validates the folder again
        self.data = load_data(plan.data_dir)
        self.values = cached_values(self.data)
        self.exporter = briefing_exporter(plan.template_dir)
        if self.in_process:  # the notebooks find the data loaded above in this process
            from kitlib.batch.in_process import note_shell, register_engine

            register_engine()
            note_shell()
            # what this process holds now (the data, every module) it holds for good: the
            # collector stops scanning it (as a kernel's FREEZE_CODE), ~30 ms a note
            gc.collect()
            gc.freeze()
        self.injected_at = {
            level: _injected_cell_index(path)
            for level in NOTE_LEVELS
            if (path := plan.notebook_for(level)) is not None
        }
        # the kernel is primed before each note with the data as loaded here, every unit's
        # scorecard and the histories (kitlib.data.handover): it neither reads the folder nor
        # computes them again. The parent's snapshot holds all of that already; without one
        # (--jobs 1, Dask) this runner writes its own.
        if self.kernel is None:
            return
        if snapshot is not None:
            self._kernel_data = snapshot
            return
        self._handover = Path(tempfile.mkdtemp(prefix="kitlib-kernel-"))
        if handover.export(self.data, self._handover / HANDOVER, keys=handed_over(self.data, plan.year)):
            self._kernel_data = self._handover / HANDOVER
        else:
            self._drop_handover()

    def close(self) -> None:
        if self.kernel is not None:
            self.kernel.close()
        self._drop_handover()

    def _drop_handover(self) -> None:
        if self._handover is not None:
            shutil.rmtree(self._handover, ignore_errors=True)
            self._handover = None

    def _priming(self, job: UnitJob) -> str:
        """Code that hands the kernel the data, the scorecards and the histories (once: prime()
        skips a file it has read, and a warm kernel keeps what it was primed with)."""
        if self._kernel_data is None:
            return ""
        path = str(self._kernel_data)
        return f"from kitlib.data import handover as _handover\n_handover.prime({path!r})\ndel _handover\n"

    def run(self, job: UnitJob) -> UnitResult:
        start = time.perf_counter()
        result = UnitResult(job.unit_id)
        try:
            self._make(job, result)
        except Exception as exc:  # noqa: BLE001 - one unit's failure must not stop the others
            log.debug("briefing of %s failed", job.unit_id, exc_info=True)  # the traceback only with -v
            result.status, result.error = "failed", failure_text(exc, self.plan.timeout)
            self._drop_stale(job.files.html, job.files.pdf)
        result.seconds = round(time.perf_counter() - start, 3)
        return result

    def _make(self, job: UnitJob, result: UnitResult) -> None:
        from papermill.exceptions import PapermillExecutionError

        out, plan = self.plan.out, self.plan
        if job.level == UNIT_NOTE:
            self._write_scorecard(job, result)

        running = out / job.files.running_notebook
        failed = out / job.files.failed_notebook
        try:
            nb = self._execute(job, running)
        except PapermillExecutionError as exc:
            # papermill has written the notebook with its error banner: keep it for the analyst
            if running.exists():
                os.replace(running, failed)
            result.status = "failed"
            result.error = f"{exc.ename}: {exc.evalue}".strip().rstrip(":")
            result.failed_cell = self._source_index(exc.cell_index, job.level)
            self._drop_stale(job.files.html, job.files.pdf)
            if self.kernel is not None:
                self.kernel.done(ok=True)  # the kernel is fine; the notebook raised
            return
        except BaseException:
            if running.exists():
                os.replace(running, failed)
            if self.kernel is not None:
                self.kernel.done(ok=False)
            self.spent = self.in_process  # code stopped halfway (a timeout): not in this process again
            raise
        running.unlink(missing_ok=True)
        failed.unlink(missing_ok=True)
        if self.kernel is not None:
            self.kernel.done(ok=True)

        page = out / job.files.html
        write_atomic(page, self.render(nb, job))
        if plan.chromium:
            print_pdf(plan.chromium, page, out / job.files.pdf)

    def _write_scorecard(self, job: UnitJob, result: UnitResult) -> None:
        """The unit's scorecard as CSV and Excel, and its status counts for the index."""
        out, plan = self.plan.out, self.plan
        card = cached_scorecard(self.data, job.unit_id, plan.year, values=self.values)
        write_atomic(out / job.files.scorecard, scorecard_csv(card))
        names = {p: perspective_name(p, plan.lang, self.data.config) for p in card["perspective"].unique()}
        write_atomic(out / job.files.workbook, scorecard_workbook(card, names, plan.lang))
        # the unit's results: not the area's figures, nor its own context figures (users, budget)
        level = self.data.unit(job.unit_id)["level"]
        own = card[(card["level"] == level) & (card["indicator_type"] != CONTEXT_TYPE)]
        result.counts = {k: int(v) for k, v in own["status"].value_counts().sort_index().items()}

    def _parameters(self, job: UnitJob) -> dict:
        """The notebook's parameters: each level's notebook names its subject its own way."""
        common = {"data_dir": str(self.plan.data_dir), "year": self.plan.year, "lang": self.plan.lang}
        if job.level == AREA_NOTE:
            return {**common, "service_area": job.service_area}
        if job.level == MUNICIPALITY_NOTE:
            return common
        return {**common, "unit_id": job.unit_id}

    def _execute(self, job: UnitJob, output: Path):
        import papermill

        if self.kernel is not None:
            self.kernel.prepare(self._priming(job))
        self._deadline = time.monotonic() + self.plan.timeout  # for all the cells, not each one
        recycling = contextlib.nullcontext()
        if self.in_process:
            from kitlib.batch.in_process import ENGINE
            from kitlib.report.charts.recycle import recycled_figures  # matplotlib: not in the parent

            engine = {"engine_name": ENGINE}
            # the note's charts are encoded in its outputs when it ends, and its namespace is
            # reset before the next: the next note may draw on its figures again (recycle.py)
            recycling = recycled_figures()
        else:
            engine = self.kernel.papermill_args() if self.kernel is not None else {}
        with recycling:
            return papermill.execute_notebook(
                str(self.plan.notebook_for(job.level)),
                str(output),
                parameters=self._parameters(job),
                kernel_name="python3",
                **engine,
                request_save_on_cell_execute=False,
                progress_bar=False,
                log_output=False,
                timeout_func=self._time_left,  # nbclient asks before each cell
            )

    def render(self, nb, job: UnitJob) -> str:
        """The executed notebook as the briefing page; the template reads nb.metadata.kitlib."""
        nb.metadata["kitlib"] = {
            "lang": self.plan.lang,
            "municipality": self.plan.municipality,
            "service_area": job.service_area,
            "level": job.level,
            "title": f"{job.name} {self.plan.year}",
            "unit_id": job.unit_id,
            "unit_name": job.name,
            "year": self.plan.year,
        }
        body, _resources = self.exporter.from_notebook_node(nb)
        return replace_controls(body)  # no NUL or ESC from the data reaches the page

    def _source_index(self, executed_index: int, level: str = UNIT_NOTE) -> int:
        """Index of a cell of the executed notebook in the source notebook (papermill adds a cell)."""
        return executed_index - 1 if executed_index > self.injected_at[level] else executed_index

    def _time_left(self, _cell) -> float:
        """What is left of the note's timeout (never 0: nbclient reads 0 as no timeout)."""
        return max(0.01, self._deadline - time.monotonic())

    def _drop_stale(self, *names: str) -> None:
        """A failed unit must not leave last run's page looking current (the index does not link it)."""
        for name in names:
            try:
                (self.plan.out / name).unlink(missing_ok=True)
            except OSError:  # a folder gone read-only: the unit's failure says so already
                log.debug("could not remove %s", name, exc_info=True)


def failure_text(exc: Exception, timeout: float) -> str:
    """One line for the index and terminal: a timeout and a dead kernel in words, else the error."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    if isinstance(exc, CellTimeoutError):
        return f"timed out after {timeout:g} s"
    if isinstance(exc, DeadKernelError):
        return "the kernel died (killed, or out of memory)"
    return f"{type(exc).__name__}: {exc}"


def _injected_cell_index(notebook: Path) -> int:
    """Where papermill puts its injected-parameters cell: after the 'parameters' cell, else first."""
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    for index, cell in enumerate(nb.cells):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            return index + 1
    return 0


@contextlib.contextmanager
def data_for_workers(plan: Plan) -> Iterator[Path | None]:
    """The folder as this process loaded and validated it, in a private file for the worker
    processes (`UnitRunner(plan, snapshot)`), removed afterwards; None when there is nothing
    to hand on (a folder changed in the last seconds: each worker reads it)."""
    folder = Path(tempfile.mkdtemp(prefix="kitlib-data-"))
    try:
        path = folder / HANDOVER
        data = load_data(plan.data_dir)
        yield path if handover.export(data, path, keys=handed_over(data, plan.year)) else None
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def handed_over(data, year: int) -> list:
    """What a worker or kernel gets with the data: computed here once (if not already) for all
    units: the prepared values, every unit's scorecard of `year` and the indicators' histories."""
    values = cached_values(data)
    cached_scorecards(data, year, values)
    cached_histories(data, values)
    return [VALUES, HISTORIES, scorecards_key(year)]
