"""Running a plan's notes in worker processes that pull them from a shared queue (or in this
process when jobs is 1), and what a fault does to a run.

- A note that raises fails alone. A worker runs the notebooks itself (in_process.py): one
  that runs over its timeout (`Plan.timeout`, for all its cells together) fails alone, and a
  new worker takes the place of the one it ran in. With --jobs 1 the notebooks run in a
  kernel: one that times out or whose kernel dies fails alone, and the kernel is restarted.
- A worker process that dies (killed, out of memory, or ended by the watchdog of a note
  stuck past its timeout) fails the note it was making; a new worker takes its place while
  notes are left.
- Ctrl-C (SIGINT to this process alone, or to the whole process group from a terminal):
  the workers (and a --jobs 1 kernel) are stopped within `STOP_SECONDS`, the notes made so far
  stay, the others are INTERRUPTED. `run_units` returns them; it does not raise.
- An output folder that can no longer be written (read-only, full, removed): the notes not
  yet made fail with one message (`folder_fault`) instead of each with its own error.

The workers ignore SIGINT (the parent decides) and stop on SIGTERM by killing their own
children (Chromium), so the note in progress ends at once; one that does not stop
in time is killed with its children.
"""

from __future__ import annotations

import contextlib
import glob
import logging
import os
import queue
import signal
import sys
import threading
import time
from dataclasses import asdict
from pathlib import Path

from kitlib.batch.plan import FAILED, INTERRUPTED, NOT_MADE, OK, Plan, UnitJob, UnitResult
from kitlib.batch.server import worker_context
from kitlib.batch.unit_runner import UnitRunner, data_for_workers
from kitlib.data.atomic import write_atomic

log = logging.getLogger("kitlib")

STOP_SECONDS = 2.5  # after Ctrl-C or a folder fault: how long workers get to stop before they are killed
POLL_SECONDS = 0.2  # how often the parent looks at its workers while it waits for reports
PROBE = ".kitlib-probe"  # written and removed to tell a broken output folder from one unit's bad name
PROBE_BYTES = 4096  # an empty file needs no free block: a full disk would still take it


class _Stop:
    """Why the run stops early: '' (it does not), INTERRUPTED, or the output folder's fault."""

    reason = ""

    def result(self, job: UnitJob, previous: UnitResult | None = None) -> UnitResult:
        """A note the run did not make because it stopped; one made meanwhile is kept."""
        if previous is not None and previous.status == OK:
            return previous
        if self.reason == INTERRUPTED:
            return UnitResult(job.unit_id, INTERRUPTED, error="interrupted before it was made")
        return UnitResult(job.unit_id, FAILED, error=f"{NOT_MADE}{self.reason}")


def folder_fault(out: Path) -> str:
    """'' when the output folder still takes a new file, else one line saying why not."""
    try:
        write_atomic(out / PROBE, bytes(PROBE_BYTES))
        (out / PROBE).unlink()
    except OSError as exc:
        return f"cannot write to the output folder {out} ({exc.strerror or exc})"
    return ""


def run_units(plan: Plan, jobs: int, progress: bool = False) -> list[UnitResult]:
    """Run every note of the plan in `jobs` worker processes (or in this process when 1);
    one result per note, in the plan's order (see the module's docstring for faults)."""
    from tqdm import tqdm

    total = len(plan.units)
    if not total:
        return []
    bar = tqdm(total=total, unit="briefing", file=sys.stderr, disable=None if progress else True)
    try:
        if jobs <= 1:
            return _run_here(plan, bar)
        with data_for_workers(plan) as snapshot:  # the folder validated once, here
            return _run_pool(plan, min(jobs, total), bar, snapshot)
    finally:
        bar.close()


def _run_one(runner: UnitRunner, job: UnitJob) -> UnitResult:
    try:
        return runner.run(job)
    except Exception as exc:  # noqa: BLE001 - the runner's own clean-up failed (a name the disk refuses)
        log.debug("briefing of %s failed", job.unit_id, exc_info=True)
        return UnitResult(job.unit_id, FAILED, error=f"{type(exc).__name__}: {exc}")


# ---------------------------------------------------------------- in this process (--jobs 1)


def _run_here(plan: Plan, bar) -> list[UnitResult]:
    stop = _Stop()
    results: list[UnitResult] = []
    runner = None
    since = time.time()
    with _sigint_stops(stop, lambda: _kill_children(since), unless=_in_notebook_run):
        try:
            runner = UnitRunner(plan)
            for job in plan.units:
                result = _run_one(runner, job)
                if not stop.reason and result.status != OK:
                    stop.reason = folder_fault(plan.out)
                results.append(stop.result(job, result) if stop.reason else result)
                bar.update(1)
                if stop.reason:
                    break
        except KeyboardInterrupt:  # Ctrl-C outside papermill: the note in progress is not made
            stop.reason = INTERRUPTED
        except Exception as exc:  # noqa: BLE001 - no kernel or data: every note fails with the reason
            log.debug("the briefing runner could not start", exc_info=True)
            stop.reason = stop.reason or f"{type(exc).__name__}: {exc}"
        finally:
            if runner is not None:
                runner.close()
    return results + [stop.result(job) for job in plan.units[len(results) :]]


@contextlib.contextmanager
def _sigint_stops(stop: _Stop, then=None, unless=None):
    """While the run lasts, Ctrl-C sets `stop.reason` and calls `then`. It raises
    KeyboardInterrupt the second time, and the first time when `unless(frame)` is false."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread receives signals
        return

    def on_sigint(_signum, frame):
        if stop.reason == INTERRUPTED:
            raise KeyboardInterrupt
        stop.reason = INTERRUPTED
        if then is not None:
            then()
        if unless is not None and not unless(frame):
            raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)


def _in_notebook_run(frame) -> bool:
    """Whether papermill is running a notebook: then a dead kernel ends it within a second,
    with papermill's and nbclient's own clean-up (a KeyboardInterrupt in their event loop
    would leave its kernel client open, and the process slow to exit)."""
    while frame is not None:
        if f"papermill{os.sep}" in frame.f_code.co_filename:
            return True
        frame = frame.f_back
    return False


def _kill_children(since: float) -> None:
    """Kill the kernels and browsers this process started since `since` (at Ctrl-C, --jobs 1):
    the note being made then fails at once (nbclient notices a dead kernel within a second)."""
    import psutil

    for child in psutil.Process().children():
        with contextlib.suppress(psutil.Error):
            command = " ".join(child.cmdline())
            if child.create_time() >= since - 1 and ("ipykernel" in command or "chrom" in command):
                child.kill()


# ---------------------------------------------------------------- worker processes


def _worker(
    plan: Plan, tasks, results, log_level: int = logging.WARNING, snapshot: Path | None = None
) -> None:
    """Worker process: take notes from `tasks` until a None arrives (or SIGTERM); report on `results`."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it stops us with SIGTERM

    def on_sigterm(_signum, _frame):
        # the parent stops the run: no polite shutdown, it waits; it reads nothing more from us
        # and tidies the files of the notes not made
        _kill_tree(os.getpid(), itself=False)  # Chromium, now
        os._exit(0)

    signal.signal(signal.SIGTERM, on_sigterm)
    _worker_logging(log_level)
    runner = None
    try:
        runner = UnitRunner(plan, snapshot, in_process=True)  # the notebooks run here (in_process.py)
        while (index := tasks.get()) is not None:
            job = plan.units[index]
            results.put(("start", index, os.getpid()))
            results.put(("done", index, asdict(_run_one(runner, job))))
            if runner.spent:  # a note timed out in this process: a fresh worker takes over
                results.put(("retire", None, os.getpid()))
                break
    except Exception as exc:  # noqa: BLE001 - report, so that the parent can mark the units
        log.debug("the briefing worker could not start", exc_info=True)
        results.put(("fatal", None, f"{type(exc).__name__}: {exc}"))
    finally:
        if runner is not None:
            runner.close()


def _worker_logging(level: int) -> None:
    """A worker logs as the process that started it does: kitlib's records from `level`
    on, on stderr; the kernel client's own complaints (a cell timed out, the kernel died) only
    with -v, since the note's failure reports them."""
    logging.basicConfig(level=min(level, logging.WARNING), format="%(levelname)s %(message)s")
    logging.getLogger("kitlib").setLevel(level)
    if level > logging.DEBUG:
        logging.getLogger("papermill").setLevel(logging.CRITICAL)


def _run_pool(plan: Plan, workers: int, bar, snapshot: Path | None = None) -> list[UnitResult]:
    ctx = worker_context()
    tasks, reports = ctx.Queue(), ctx.Queue()
    total = len(plan.units)
    for index in range(total):
        tasks.put(index)
    for _ in range(workers):
        tasks.put(None)
    level = logging.getLogger("kitlib").getEffectiveLevel()

    def start():
        proc = ctx.Process(target=_worker, args=(plan, tasks, reports, level, snapshot), daemon=True)
        with _sigint_ignored():  # inherited: the worker's Python starts with Ctrl-C ignored
            proc.start()
        return proc

    stop = _Stop()
    done: dict[int, UnitResult] = {}
    current: dict[int, int] = {}  # worker pid -> index of the note it is making
    procs: list = []
    fatal = ""
    spare = workers  # replacements for workers that die
    retired: list[int] = []  # workers that stopped after a note that timed out (in_process.py)

    def take(wait: float = POLL_SECONDS) -> str | None:
        return _take_report(plan, reports, done, current, stop, bar, retired, wait)

    with _sigint_stops(stop):
        try:
            procs = [start() for _ in range(workers)]
            while len(done) < total and not stop.reason:
                fatal = take() or fatal
                if not all(p.is_alive() for p in procs):
                    # what an ended worker said before it ended is in the queue: read it all
                    # before its note counts as lost (a worker may end right after reporting)
                    while (said := take(wait=0)) is not None:
                        fatal = said or fatal
                for _pid in retired:
                    if len(done) + len(current) < total:
                        procs.append(start())  # it never took its None from the queue: the new one will
                retired.clear()
                for proc in [p for p in procs if not p.is_alive() and p.pid in current]:
                    # a worker that died (killed, out of memory) fails the note it was making
                    index = current.pop(proc.pid)
                    unit_id = plan.units[index].unit_id
                    done[index] = UnitResult(unit_id, FAILED, error="the worker process died")
                    bar.update(1)
                    if spare and len(done) + len(current) < total:
                        spare -= 1  # it never took its None from the queue: the new one will
                        procs.append(start())
                if not any(p.is_alive() for p in procs):
                    break
        finally:
            _end_workers(plan, procs, tasks, reports, done, early=bool(stop.reason) or len(done) < total)
    if stop.reason:
        return [done.get(i) or stop.result(job) for i, job in enumerate(plan.units)]
    reason = fatal or "the worker process stopped unexpectedly"
    return [done.get(i) or UnitResult(job.unit_id, FAILED, error=reason) for i, job in enumerate(plan.units)]


def _take_report(
    plan: Plan, reports, done: dict, current: dict, stop: _Stop, bar, retired: list, wait: float
) -> str | None:
    """Record the next report of a worker, if one comes within `wait` seconds (None if none
    does); the reason a worker could not start when that is what it reports, else ''."""
    try:
        kind, index, payload = reports.get(timeout=wait)
    except queue.Empty:
        return None
    if kind == "start":
        current[payload] = index
    elif kind == "done":
        done[index] = result = UnitResult(**payload)
        for pid in [pid for pid, i in current.items() if i == index]:
            del current[pid]
        bar.update(1)
        if result.status != OK and (fault := folder_fault(plan.out)):
            stop.reason = fault
            del done[index]  # it failed on the folder: one of the notes not made
    elif kind == "retire":
        retired.append(payload)
    elif kind == "fatal":
        log.error("a briefing worker could not start: %s", payload)
        return payload
    return ""


def _end_workers(plan: Plan, procs: list, tasks, reports, done: dict, early: bool) -> None:
    """A run that stops early stops its workers and tidies the notes they left unfinished;
    a whole run's workers have taken their None and exit by themselves."""
    if early:
        _stop_workers(procs, tasks, reports)
        _tidy(plan, [job for i, job in enumerate(plan.units) if i not in done])
        return
    for proc in procs:
        proc.join(timeout=30)
        if proc.is_alive():
            _kill_tree(proc.pid)


def _stop_workers(procs, tasks, reports) -> None:
    """Stop the workers: SIGTERM (each kills its children and itself at once); whoever is left
    after STOP_SECONDS is killed with its children. The queues are dropped unread: a worker
    killed while it wrote to one may have left half a message."""
    with _sigint_ignored():  # a second Ctrl-C must not leave workers behind
        for proc in procs:
            if proc.is_alive():
                with contextlib.suppress(OSError):
                    os.kill(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_SECONDS
        while any(p.is_alive() for p in procs) and time.monotonic() < deadline:
            time.sleep(0.05)
        for proc in procs:
            if proc.is_alive():
                _kill_tree(proc.pid)
            proc.join(timeout=1)
        for channel in (tasks, reports):
            channel.cancel_join_thread()  # nobody reads them any more: do not wait to flush
            channel.close()


@contextlib.contextmanager
def _sigint_ignored():
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)


def _tidy(plan: Plan, jobs: list[UnitJob]) -> None:
    """Remove what a stopped worker may have left of the notes it did not finish: papermill's
    hidden running notebook and write_atomic's temporary files."""
    for job in jobs:
        names = [job.files.running_notebook]
        for name in (job.files.html, job.files.pdf, job.files.scorecard, job.files.workbook):
            names += [p.name for p in plan.out.glob(f".{glob.escape(name)}.*.tmp")]
        for name in names:
            with contextlib.suppress(OSError):
                (plan.out / name).unlink(missing_ok=True)


def _kill_tree(pid: int, itself: bool = True) -> None:
    """SIGKILL a process's descendants (kernels, Chromium), and the process itself if `itself`."""
    import psutil

    try:
        root = psutil.Process(pid)
        victims = root.children(recursive=True) + ([root] if itself else [])
    except psutil.Error:
        return
    for proc in victims:
        with contextlib.suppress(psutil.Error):
            proc.kill()
