"""Running a plan's units on a Dask distributed cluster (``kitlib briefings --executor dask``).

For runs that outgrow one machine: a scheduler on one machine, workers on the others (see
README, "Many machines (Dask)"). Each unit is one Dask task; every worker process keeps its
`UnitRunner` (data loaded once, one warm kernel, one exporter) for the whole run, as a
worker of the local pool does, and the client collects one `UnitResult` per unit in plan
order.

- **Warm runners.** A runner lives in a thread of its own on the worker (a `_RunnerThread`
  of dask_worker, the worker's side): its kernel manager is bound to the event loop of the
  thread that made it, and Dask may run tasks on any of its executor threads. A worker with
  N threads holds at most N runners. At the end of the run the client closes them on every
  worker; a runner idle for `IDLE_SECONDS` (its client gone) closes itself, and a kernel
  whose worker dies exits with it.
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
  bytes, and the client writes them atomically: for workers without a shared disk
  (dask_inputs ships them).

This module is the client's side: connecting, checking the workers, submitting and collecting.
"""

from __future__ import annotations

import dataclasses
import logging
import sys
import uuid
from pathlib import Path

# the worker's side and the shipped inputs were part of this module: still importable here (F401)
from kitlib.batch.dask_inputs import _missing_paths, _pack_inputs, _plan_inputs, _unpack_inputs  # noqa: F401
from kitlib.batch.dask_worker import (  # noqa: F401
    _LOCK,
    _RUNS,
    IDLE_SECONDS,
    _close_run,
    _run_unit,
    _RunnerThread,
    _scratch_folder,
    _with_local_chromium,
    _worker_run,
    _WorkerRun,
)
from kitlib.batch.plan import FAILED, INTERRUPTED, OK, Plan, UnitJob, UnitResult
from kitlib.data.atomic import write_atomic
from kitlib.errors import BriefingError

log = logging.getLogger("kitlib")

INSTALL_DASK = "pip install 'kitlib[dask]'"
CONNECT_TIMEOUT = 5  # seconds to reach the scheduler before giving up
WORKER_WAIT = 30  # seconds to wait for a first worker when the scheduler has none


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
