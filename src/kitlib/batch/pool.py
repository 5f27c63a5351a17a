"""Running a plan's units in worker processes that pull them from a shared queue."""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import queue
import sys
from dataclasses import asdict

from kitlib.batch.plan import Plan, UnitResult
from kitlib.batch.unit_runner import UnitRunner

log = logging.getLogger("kitlib")


def _worker(plan: Plan, tasks, results) -> None:
    """Worker process: take units from `tasks` until a None arrives; report on `results`."""
    runner = None
    try:
        runner = UnitRunner(plan)
        while (index := tasks.get()) is not None:
            job = plan.units[index]
            results.put(("start", index, os.getpid()))
            results.put(("done", index, asdict(runner.run(job))))
    except Exception as exc:  # noqa: BLE001 - report, so that the parent can mark the units
        results.put(("fatal", None, f"{type(exc).__name__}: {exc}"))
    finally:
        if runner is not None:
            runner.close()


def run_units(plan: Plan, jobs: int, progress: bool = False) -> list[UnitResult]:
    """Run every unit of the plan in `jobs` worker processes (or in this process when 1)."""
    from tqdm import tqdm

    total = len(plan.units)
    bar = tqdm(total=total, unit="briefing", file=sys.stderr, disable=None if progress else True)
    try:
        if jobs <= 1:
            return _run_here(plan, bar)
        return _run_pool(plan, min(jobs, total), bar)
    finally:
        bar.close()


def _run_here(plan: Plan, bar) -> list[UnitResult]:
    runner = UnitRunner(plan)
    try:
        results = []
        for job in plan.units:
            results.append(runner.run(job))
            bar.update(1)
        return results
    finally:
        runner.close()


def _run_pool(plan: Plan, workers: int, bar) -> list[UnitResult]:
    # spawn, not fork: a fork of a process that runs threads (a Jupyter kernel calling
    # this function, zmq) can deadlock; spawned workers import once and then stay warm.
    ctx = mp.get_context("spawn")
    tasks, reports = ctx.Queue(), ctx.Queue()
    for index in range(len(plan.units)):
        tasks.put(index)
    for _ in range(workers):
        tasks.put(None)
    procs = [ctx.Process(target=_worker, args=(plan, tasks, reports), daemon=True) for _ in range(workers)]
    for proc in procs:
        proc.start()
    done: dict[int, UnitResult] = {}
    current: dict[int, int] = {}  # worker pid -> index of the unit it is working on
    fatal = ""
    try:
        while len(done) < len(plan.units):
            try:
                kind, index, payload = reports.get(timeout=2)
            except queue.Empty:
                if not any(p.is_alive() for p in procs):
                    break
                _mark_dead_workers(plan, procs, current, done, bar)
                continue
            if kind == "start":
                current[payload] = index
            elif kind == "done":
                done[index] = UnitResult(**payload)
                current = {pid: i for pid, i in current.items() if i != index}
                bar.update(1)
            else:
                fatal = payload
                log.error("a briefing worker could not start: %s", payload)
    finally:
        for proc in procs:
            proc.join(timeout=30)
            if proc.is_alive():
                proc.terminate()
    reason = fatal or "the worker process stopped unexpectedly"
    return [
        done.get(i) or UnitResult(job.unit_id, "failed", error=reason) for i, job in enumerate(plan.units)
    ]


def _mark_dead_workers(plan, procs, current, done, bar) -> None:
    """A worker that died (killed, out of memory) fails the unit it was working on."""
    alive = {p.pid for p in procs if p.is_alive()}
    for pid, index in list(current.items()):
        if pid not in alive and index not in done:
            done[index] = UnitResult(plan.units[index].unit_id, "failed", error="the worker process died")
            del current[pid]
            bar.update(1)
