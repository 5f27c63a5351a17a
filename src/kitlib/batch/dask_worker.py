"""The worker side of a Dask run (`dask_executor`): each worker process keeps a run's warm
`UnitRunner`s, each in a thread of its own, from the first of the run's tasks it gets until
the client closes the run or the runner has been idle for `IDLE_SECONDS`."""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import os
import queue
import shutil
import tempfile
import threading
from dataclasses import asdict
from pathlib import Path

from kitlib.batch.dask_inputs import _unpack_inputs
from kitlib.batch.plan import Plan, UnitJob, UnitResult
from kitlib.errors import BriefingError

IDLE_SECONDS = 30 * 60  # a warm runner nobody used for this long (its client gone) closes itself

_LOCK = threading.Lock()
_RUNS: dict[str, _WorkerRun] = {}  # run token -> this worker process's part of that run


def _run_unit(token: str, plan: Plan, index: int, inputs, return_files: bool) -> dict:
    """The Dask task: make one unit's files with a warm runner of this worker; the UnitResult as
    a dict, and in return mode the unit's files as bytes by name (removed here)."""
    run = _worker_run(token, plan, inputs)
    job = plan.units[index]
    runner = run.checkout()
    try:
        result = runner.run(job)
    finally:
        run.checkin(runner)
    files = run.take_files(job) if return_files else None
    return {"result": asdict(result), "files": files}


def _worker_run(token: str, plan: Plan, inputs) -> _WorkerRun:
    with _LOCK:
        run = _RUNS.get(token)
        if run is None:
            run = _RUNS[token] = _WorkerRun(token, plan, inputs)
        return run


async def _close_run(token: str) -> None:
    """Run by the client on every worker at the end: close this run's warm runners (in a
    thread, so that the worker's event loop keeps answering the scheduler)."""
    with _LOCK:
        run = _RUNS.pop(token, None)
    if run is not None:
        await asyncio.get_running_loop().run_in_executor(None, run.close)


class _WorkerRun:
    """A run's warm runners in one worker process, and the folder of its shipped inputs."""

    def __init__(self, token: str, plan: Plan, inputs):
        self.token = token
        self.root = Path(tempfile.mkdtemp(prefix="kitlib-", dir=_scratch_folder()))
        try:
            self.plan = _with_local_chromium(_unpack_inputs(plan, inputs, self.root))
        except BaseException:
            self._remove_folder()
            raise
        self.idle: list[_RunnerThread] = []
        self.runners: list[_RunnerThread] = []
        self.closed = False

    def checkout(self) -> _RunnerThread:
        with _LOCK:
            if self.closed:
                raise BriefingError("the run was closed on this worker (its client ended it)")
            if self.idle:
                return self.idle.pop()
        runner = _RunnerThread(self.plan, self._forget)  # seconds: data, kernel; not under the lock
        with _LOCK:
            closed = self.closed
            if not closed:
                self.runners.append(runner)
        if closed:  # the client closed the run meanwhile
            runner.close()
            raise BriefingError("the run was closed on this worker (its client ended it)")
        return runner

    def checkin(self, runner: _RunnerThread) -> None:
        with _LOCK:
            if runner.alive:
                self.idle.append(runner)

    def _forget(self, runner: _RunnerThread) -> bool:
        """Called by a runner that has been idle too long: may it close? (not when in use)"""
        with _LOCK:
            if runner not in self.idle:
                return False
            self.idle.remove(runner)
            self.runners.remove(runner)
            if not self.runners:
                _RUNS.pop(self.token, None)
                self.closed = True
        if self.closed:
            self._remove_folder()
        return True

    def take_files(self, job: UnitJob) -> dict[str, bytes]:
        out = self.plan.out
        names = (job.files.html, job.files.pdf, job.files.scorecard, job.files.workbook)
        files = {}
        for name in (*names, job.files.failed_notebook):
            path = out / name
            if path.is_file():
                files[name] = path.read_bytes()
                path.unlink()
        return files

    def close(self) -> None:
        with _LOCK:
            self.closed = True
            runners, self.runners, self.idle = self.runners, [], []
        for runner in runners:
            runner.close()
        self._remove_folder()

    def _remove_folder(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def _scratch_folder() -> str | None:
    """The worker's own scratch folder: Dask removes it when the worker closes, and a new
    worker removes those of workers that died."""
    try:
        from distributed import get_worker

        return get_worker().local_directory
    except (ImportError, ValueError):  # not in a Dask worker
        return None


def _with_local_chromium(plan: Plan) -> Plan:
    """The client's Chromium path may not exist on this machine: use this machine's."""
    if plan.chromium is None or os.path.exists(plan.chromium):
        return plan
    from kitlib.batch.pdf import INSTALL_CHROMIUM, ChromiumMissingError, find_chromium

    found = find_chromium()
    if found is None:
        raise ChromiumMissingError(f"--pdf needs Chromium on every Dask worker: {INSTALL_CHROMIUM}")
    return dataclasses.replace(plan, chromium=found)


class _RunnerThread:
    """One UnitRunner used only from a thread of its own: its warm kernel's manager and event
    loop belong to the thread that made them, whichever of Dask's threads runs the task."""

    def __init__(self, plan: Plan, may_close):
        self._jobs: queue.Queue = queue.Queue()
        self._may_close = may_close
        self.alive = True
        started: concurrent.futures.Future = concurrent.futures.Future()
        self._thread = threading.Thread(
            target=self._serve, args=(plan, started), name="kitlib-unit-runner", daemon=True
        )
        self._thread.start()
        started.result()  # raises what building the runner raised (data not found, say)

    def run(self, job: UnitJob) -> UnitResult:
        reply: concurrent.futures.Future = concurrent.futures.Future()
        self._jobs.put((job, reply))
        return reply.result()

    def close(self) -> None:
        if self._thread.is_alive():
            self._jobs.put(None)
            self._thread.join()

    def _serve(self, plan: Plan, started: concurrent.futures.Future) -> None:
        from kitlib.batch.unit_runner import UnitRunner

        try:
            runner = UnitRunner(plan)
        except BaseException as exc:  # noqa: BLE001 - handed to the task that asked for the runner
            self.alive = False
            started.set_exception(exc)
            return
        started.set_result(None)
        try:
            while True:
                try:
                    item = self._jobs.get(timeout=IDLE_SECONDS)
                except queue.Empty:
                    if self._may_close(self):
                        break
                    continue
                if item is None:
                    break
                job, reply = item
                try:
                    reply.set_result(runner.run(job))
                except BaseException as exc:  # noqa: BLE001 - the task reports it; this runner goes on
                    reply.set_exception(exc)
        finally:
            self.alive = False
            runner.close()
