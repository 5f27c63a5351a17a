"""The fast path of `kitlib briefings` writes what the slow path writes, byte for byte.

Fast: one warm kernel for several notes, reset between them through a client kept open, and
primed with the data as the worker loaded it and each unit's scorecard (kitlib.data.cache),
so the kernel neither reads nor validates the folder. Slow: a fresh kernel per note that
loads the folder itself (`warm_kernel=False`).
"""

from __future__ import annotations

import pytest

from kitlib import batch
from kitlib.batch.unit_runner import UnitRunner, data_for_workers
from kitlib.data import cache, load

# run in the fast kernel before its first note: count the folder reads of load_data
COUNT_READS = """
import kitlib.data.load as _load
_real = _load.check_folder
def _counting(*args, **kwargs):
    _load.reads = getattr(_load, "reads", 0) + 1
    return _real(*args, **kwargs)
_load.check_folder = _counting
_load.reads = 0
del _load, _real, _counting
"""
REPORT = """
import kitlib.data.load as _load
from kitlib.data import cache as _cache
print(_load.reads, sorted(str(k) for e in _cache._entries.values() for k in e.derived))
"""


def kernel_output(runner: UnitRunner, code: str) -> str:
    kernel, out = runner.kernel, []

    async def execute():
        def hook(msg):
            if msg["msg_type"] == "stream":
                out.append(msg["content"]["text"])

        await kernel.kc.execute_interactive(code, timeout=60, output_hook=hook)

    kernel._run_sync(execute)()
    return "".join(out)


@pytest.mark.slow
def test_a_primed_warm_kernel_writes_the_bytes_of_a_fresh_kernel(tmp_path, sample_data):
    # two service areas (different charts); the second note runs in the reset kernel
    units = list(sample_data.units.drop_duplicates("service_area")["unit_id"].iloc[[2, 3]])
    fast = tmp_path / "fast"
    fast.mkdir()
    plan = batch.make_plan(out=fast, units=units, level="unit")
    with data_for_workers(plan) as snapshot:
        runner = UnitRunner(plan, snapshot)
        try:
            kernel_output(runner, COUNT_READS)
            results = [runner.run(job) for job in plan.units]
            reads, derived = kernel_output(runner, REPORT).split(" ", 1)
            frozen = kernel_output(runner, "import gc; print(gc.get_freeze_count() > 0)").strip()
        finally:
            runner.close()
        # the kernel was primed from the parent's snapshot: the worker wrote no copy of its own
        assert snapshot is not None and not list(snapshot.parent.glob("kitlib-kernel-*"))
    assert [r.status for r in results] == ["ok", "ok"], [r.error for r in results]
    assert reads == "0", "the primed kernel read the data folder itself"
    assert frozen == "True", "the collector still scans what the kernel was primed with"
    for unit in units:
        assert f"'scorecard', '{unit}', {plan.year}" in derived

    slow = batch.make_briefings(out=tmp_path / "slow", units=units, level="unit", jobs=1, warm_kernel=False)
    assert [r.status for r in slow.results] == ["ok", "ok"]
    for job in plan.units:
        for name in (job.files.html, job.files.scorecard):
            assert (fast / name).read_bytes() == (tmp_path / "slow" / name).read_bytes(), name
    assert not [p.name for p in fast.iterdir() if p.name.startswith(".")]


def test_workers_take_the_parents_validated_data_and_leave_no_file(tmp_path, monkeypatch, sample_data):
    plan = batch.make_plan(out=tmp_path / "out", level="unit", warm_kernel=False)
    with data_for_workers(plan) as snapshot:
        assert snapshot is not None and snapshot.is_dir()
        cache.clear()  # as in a spawned worker

        def no_reading(*_args, **_kwargs):
            raise AssertionError("the worker read the folder again")

        monkeypatch.setattr(load, "check_folder", no_reading)
        runner = UnitRunner(plan, snapshot)
        assert runner.data.units.equals(sample_data.units)
        runner.close()
    assert not snapshot.parent.exists()
