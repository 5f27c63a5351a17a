"""Running a plan's units on a Dask distributed cluster (``kitlib briefings --executor dask``).

For runs that outgrow one machine: a scheduler on one machine, workers on the others (see
README, "Many machines (Dask)"). Each unit is one Dask task; every worker process keeps its
`UnitRunner` (data loaded once, one warm kernel, one exporter) for the whole run, as a
worker of the local pool does, and the client collects one `UnitResult` per unit in plan
order.

- **Warm runners.** A runner lives in a thread of its own on the worker (a `_RunnerThread`):
  its kernel manager is bound to the event loop of the thread that made it, and Dask may run
  tasks on any of its executor threads. A worker with N threads holds at most N runners. At
  the end of the run the client closes them on every worker; a runner idle for
  `IDLE_SECONDS` (its client gone) closes itself, and a kernel whose worker dies exits with it.
- **Failure isolation.** A unit whose notebook raises fails alone, as in the local pool. A
  task that raises (a worker that cannot load the data, say) or a worker that dies fails
  that unit with the reason; the other units go on. Tasks are not retried (`retries=0`);
  Dask itself reschedules a task whose worker died, up to its `allowed-failures`.
- **Ctrl-C.** As in the local pool, the notes made so far stay and the others are
  INTERRUPTED; notes in progress finish on their workers (within the plan's timeout), whose
  runners then close.
- **Files.** The client sends the notebooks and the template to each worker once (so kitlib
  may be installed anywhere on the workers). By default the workers read the data folder
  and write into the output folder at the client's paths, so both must be on a filesystem
  all machines share; every worker is checked before any unit runs. With `return_files` the
  data goes to the workers too, they write into a temporary folder and return the files'
  bytes, and the client writes them atomically: for workers without a shared disk.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import logging
import os
import queue
import shutil
import sys
import tempfile
import threading
import uuid
from dataclasses import asdict
from pathlib import Path

from kitlib.batch.plan import FAILED, INTERRUPTED, OK, Plan, UnitJob, UnitResult
from kitlib.data.atomic import write_atomic
from kitlib.errors import BriefingError

log = logging.getLogger("kitlib")

INSTALL_DASK = "pip install 'kitlib[dask]'"
CONNECT_TIMEOUT = 5  # seconds to reach the scheduler before giving up
WORKER_WAIT = 30  # seconds to wait for a first worker when the scheduler has none
IDLE_SECONDS = 30 * 60  # a warm runner nobody used for this long (its client gone) closes itself


def run_units_dask(
    plan: Plan, scheduler: str | None, progress: bool = False, return_files: bool = False
) -> list[UnitResult]:
    """Run every unit of the plan on the Dask cluster whose scheduler is at `scheduler`
    (e.g. ``tcp://host:8786``); the results in plan order.

    Raises a BriefingError, before any unit runs, when distributed is not installed, the
    scheduler cannot be reached, it has no workers, or (without `return_files`) a worker
    does not see the plan's folders."""
    from tqdm import tqdm

    if not scheduler:
        raise BriefingError("--executor dask needs --scheduler ADDRESS, e.g. tcp://host:8786")
    try:
        import distributed
    except ImportError as exc:
        raise BriefingError(
            f"--executor dask needs Dask's distributed scheduler, which is not installed: {INSTALL_DASK}"
        ) from exc
    if not plan.units:
        return []
    plan = dataclasses.replace(plan, out=plan.out.resolve())  # the workers do not share our cwd
    plan.out.mkdir(parents=True, exist_ok=True)
    client = _connect(distributed, scheduler)
    token = uuid.uuid4().hex
    bar = tqdm(total=len(plan.units), unit="briefing", file=sys.stderr, disable=None if progress else True)
    futures: list = []
    done: dict[int, UnitResult] = {}
    interrupted = False
    try:
        _wait_for_workers(client, scheduler)
        if not return_files:
            _check_shared_paths(client, plan, token)
        # sent once to every worker (a list of one: a dict would be scattered value by value)
        [inputs] = client.scatter([_pack_inputs(plan, return_files)], broadcast=True, hash=False)
        for index, job in enumerate(plan.units):
            key = f"kitlib-{job.stem}-{token}"
            args = (token, plan, index, inputs, return_files)
            futures.append(client.submit(_run_unit, *args, key=key, pure=False, retries=0))
        where = {future.key: index for index, future in enumerate(futures)}
        for future in distributed.as_completed(futures, loop=client.loop):
            index = where[future.key]
            done[index] = _collect(plan, plan.units[index], future, distributed.KilledWorker)
            bar.update(1)
    except KeyboardInterrupt:
        # as the local pool: the notes made so far stay, the others are interrupted. Notes in
        # progress finish on their workers (within --timeout); their runners close after them.
        interrupted = True
    finally:
        bar.close()
        _finish(client, token, futures, wait=not interrupted)
    return [
        done.get(index) or UnitResult(job.unit_id, INTERRUPTED, error="interrupted before it was made")
        for index, job in enumerate(plan.units)
    ]


def _finish(client, token: str, futures: list, wait: bool) -> None:
    """Cancel what is left, close this run's warm runners on every worker, disconnect."""
    try:
        if futures:
            client.cancel(futures)  # nothing, after a whole run; the rest, after Ctrl-C or an error
        client.run(_close_run, token, wait=wait)
    except Exception as exc:  # noqa: BLE001 - idle runners close themselves in the end
        log.warning("could not close the warm kernels on the Dask workers: %s", exc)
    finally:
        client.close()


def _connect(distributed, scheduler: str):
    try:
        return distributed.Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, ValueError, TypeError) as exc:  # a timeout is an OSError
        raise BriefingError(
            f"cannot reach the Dask scheduler at {scheduler} within {CONNECT_TIMEOUT} s ({exc}); "
            "start one with `dask scheduler` on that machine, or check the address and port"
        ) from exc


def _wait_for_workers(client, scheduler: str) -> None:
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT)
    except TimeoutError as exc:
        raise BriefingError(
            f"the Dask scheduler at {scheduler} has no workers after {WORKER_WAIT} s; start some with "
            f"`dask worker {scheduler} --nworkers 2 --nthreads 1` on each machine"
        ) from exc


def _collect(plan: Plan, job: UnitJob, future, killed_worker) -> UnitResult:
    """The unit's result from its finished task; in return mode, its files written here."""
    try:
        payload = future.result()
    except killed_worker as exc:
        tries, last = exc.allowed_failures + 1, getattr(exc.last_worker, "address", exc.last_worker)
        why = f"the Dask worker running it died (killed, or out of memory; tried on {tries}, the last {last})"
        return UnitResult(job.unit_id, FAILED, error=why)
    except Exception as exc:  # noqa: BLE001 - one unit's failure must not stop the others (also
        # a task Dask cancelled, its scheduler restarted say: FutureCancelledError)
        return UnitResult(job.unit_id, FAILED, error=f"on the Dask worker: {type(exc).__name__}: {exc}")
    result = UnitResult(**payload["result"])
    if payload["files"] is not None:
        try:
            _write_returned(plan.out, job, result, payload["files"])
        except OSError as exc:  # the run goes on; run.folder_fault tells a broken folder
            result.status, result.error = FAILED, f"its files could not be written to {plan.out}: {exc}"
    return result


def _write_returned(out: Path, job: UnitJob, result: UnitResult, files: dict[str, bytes]) -> None:
    """Write a unit's returned files, and drop what the worker would have dropped in the
    folder: a failed unit's old page and PDF, a made unit's old failed notebook."""
    for name, content in files.items():
        write_atomic(out / name, content)
    stale = (job.files.html, job.files.pdf) if result.status != OK else (job.files.failed_notebook,)
    for name in stale:
        if name not in files:
            (out / name).unlink(missing_ok=True)


# ---------------------------------------------------------------- checks and inputs


def _plan_inputs(plan: Plan) -> dict[str, Path]:
    """The folders and files a worker reads, by the name they get in a shipped copy."""
    paths = {"data": plan.data_dir, "notebook": plan.notebook, "template": plan.template_dir}
    if plan.area_notebook is not None:
        paths["area_notebook"] = plan.area_notebook
    if plan.municipality_notebook is not None:
        paths["municipality_notebook"] = plan.municipality_notebook
    return paths


def _check_shared_paths(client, plan: Plan, token: str) -> None:
    """Every worker must see the data and the output folder at our paths (a file we write
    there: a folder of the same name on the worker's own disk will not do)."""
    marker = plan.out / f".kitlib-dask-{token}"
    write_atomic(marker, token)
    try:
        missing = client.run(_missing_paths, [str(plan.data_dir), str(marker)])
    finally:
        marker.unlink(missing_ok=True)
    blind = {worker: paths for worker, paths in missing.items() if paths}
    if blind:
        worker, paths = next(iter(blind.items()))
        shown = [plan.out.as_posix() + " (the output folder)" if p == str(marker) else p for p in paths]
        raise BriefingError(
            f"{len(blind)} Dask worker(s) do not see the run's folders, e.g. {worker} misses "
            f"{', '.join(shown)}; put the data and output folders on a path every machine shares, "
            "or add --dask-return to send the data to the workers and get the files back"
        )


def _missing_paths(paths: list[str]) -> list[str]:
    """On a worker: which of `paths` it cannot see."""
    return [p for p in paths if not os.path.exists(p)]


def _pack_inputs(plan: Plan, with_data: bool) -> dict[str, dict[str, bytes]]:
    """The files a worker reads (notebooks, template folder, and the data folder if
    `with_data`), as bytes by relative path; hidden files and folders are left out."""
    packed: dict[str, dict[str, bytes]] = {}
    for name, path in _plan_inputs(plan).items():
        if name == "data" and not with_data:
            continue
        if path.is_file():
            packed[name] = {path.name: path.read_bytes()}
            continue
        packed[name] = {
            file.relative_to(path).as_posix(): file.read_bytes()
            for file in sorted(path.rglob("*"))
            if file.is_file() and not any(part.startswith(".") for part in file.relative_to(path).parts)
        }
    return packed


def _unpack_inputs(plan: Plan, packed: dict[str, dict[str, bytes]], root: Path) -> Plan:
    """On a worker: write the shipped inputs under `root` and point a copy of the plan at them
    (and, with the data, at `root/out` for the outputs)."""
    places = {}
    for name, files in packed.items():
        for rel, content in files.items():
            target = root / name / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        places[name] = root / name
    original = _plan_inputs(plan)
    # a notebook keeps its file name, the template folder its name (nbconvert's template_name)
    notebooks = {k: places[k] / original[k].name for k in original if k.endswith("notebook")}
    template = root / "templates" / plan.template_dir.name
    template.parent.mkdir()
    places["template"].rename(template)
    plan = dataclasses.replace(plan, template_dir=template, **notebooks)
    if "data" not in places:
        return plan
    (root / "out").mkdir()
    return dataclasses.replace(plan, data_dir=places["data"], out=root / "out")


# ---------------------------------------------------------------- on the worker

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
