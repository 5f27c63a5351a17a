"""`kitlib briefings --executor dask`: the same notes on a Dask distributed cluster.

One LocalCluster on loopback (two worker processes, one thread each) serves the module. The
notebook runs are slow, so there are two of them on the cluster: three sample units through
the API (the pages byte for byte those of the local executor), and the same units through
the command line with --dask-return and a notebook that raises for one unit and kills the
worker of another (each fails alone, with its reason; the third is made). No worker or
kernel process, nor a worker's scratch folder, may be left behind.
"""

from __future__ import annotations

import dataclasses
import json
import socket
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

from kitlib import batch
from kitlib.batch import dask_executor
from kitlib.batch.plan import FAILED, OK
from kitlib.cli.main import main
from kitlib.data.resources import bundled
from kitlib.errors import BriefingError

distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")
psutil = pytest.importorskip("psutil")

CLUSTER = dict(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1")


def descendants() -> dict[int, str]:
    """This process's descendants but multiprocessing's resource tracker, which lives as long
    as this process once a cluster has spawned its workers."""
    found = {}
    for proc in psutil.Process().children(recursive=True):
        try:
            command = " ".join(proc.cmdline())
        except psutil.Error:
            continue  # gone meanwhile
        if "resource_tracker" not in command:
            found[proc.pid] = command
    return found


def kernels() -> list[psutil.Process]:
    """The Jupyter kernels running below this process (the local ones and the workers')."""
    found = []
    for proc in psutil.Process().children(recursive=True):
        try:
            if any("ipykernel" in part for part in proc.cmdline()):
                found.append(proc)
        except psutil.Error:
            pass  # gone meanwhile
    return found


def worker_folders() -> set[Path]:
    """The folders of the shipped inputs in the Dask workers' scratch space (on this machine)."""
    return set(Path(tempfile.gettempdir()).glob("dask-scratch-space/worker-*/kitlib-*"))


def wait_until(check, seconds: float = 20.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.2)
    return check()


@pytest.fixture(scope="module")
def cluster():
    before = descendants()
    # a task whose worker dies fails at once (by default Dask tries it on three more workers)
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        with distributed.LocalCluster(**CLUSTER) as local:
            yield local.scheduler_address
    assert wait_until(lambda: not (descendants().keys() - before.keys())), [
        command for pid, command in descendants().items() if pid not in before
    ]


@pytest.fixture(scope="module")
def units(sample_data) -> list[str]:
    """The first unit of three service areas: three different notebook paths."""
    return list(sample_data.units.drop_duplicates("service_area")["unit_id"].head(3))


@pytest.fixture(scope="module")
def local_run(tmp_path_factory, units):
    out = tmp_path_factory.mktemp("local")
    return batch.make_briefings(out=out, units=units, level="unit", jobs=1), out


@pytest.mark.slow
def test_the_dask_executor_makes_the_local_executors_pages(cluster, local_run, units, tmp_path):
    local, local_out = local_run
    out = tmp_path / "dask"
    folders = worker_folders()

    result = batch.make_briefings(out=out, units=units, level="unit", scheduler=cluster)

    assert [r.unit_id for r in result.results] == units  # in the plan's order
    assert [r.status for r in result.results] == [OK] * 3, [r.error for r in result.failed]
    assert [r.counts for r in result.results] == [r.counts for r in local.results]
    for unit in units:
        for name in (f"{unit}.html", f"{unit}.scorecard.csv"):
            assert (out / name).read_bytes() == (local_out / name).read_bytes(), name
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert {u: e["status"] for u, e in manifest["units"].items()} == dict.fromkeys(units, OK)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no marker or running notebook
    assert wait_until(lambda: not kernels(), 10), "the workers' warm kernels were not closed"
    assert worker_folders() <= folders  # the shipped notebooks and template are removed


def crashing_notebook(folder: Path, raises: str, dies: str) -> Path:
    """The briefing notebook with a cell, after the parameters, that raises for unit `raises`
    and kills the process running the kernel (the Dask worker) for unit `dies`."""
    nb = nbformat.read(bundled("notebooks/briefing.ipynb"), as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])) + 1
    code = (
        f"if unit_id == {raises!r}:\n    raise ValueError('boom for the test')\n"
        f"if unit_id == {dies!r}:\n    import os, signal\n    os.kill(os.getppid(), signal.SIGKILL)"
    )
    nb.cells.insert(at, nbformat.v4.new_code_cell(code))
    path = folder / "briefing_crashing.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.mark.slow
def test_cli_with_returned_files_fails_a_raising_unit_and_a_dead_worker_alone(
    cluster, local_run, units, tmp_path, capsys
):
    _, local_out = local_run
    good, raises, dies = units
    notebook = crashing_notebook(tmp_path, raises, dies)
    out = tmp_path / "cli"
    out.mkdir()
    (out / f"{raises}.html").write_text("last year's page", encoding="utf-8")
    folders = worker_folders()

    code = main([
        "briefings", "--units", *units, "--out", str(out), "--notebook", str(notebook),
        "--executor", "dask", "--scheduler", cluster, "--dask-return",
    ])  # fmt: skip

    assert code == 1
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["units"]
    assert manifest[good]["status"] == OK
    assert (out / f"{good}.html").is_file() and (out / f"{good}.scorecard.xlsx").is_file()
    assert (out / f"{good}.scorecard.csv").read_bytes() == (local_out / f"{good}.scorecard.csv").read_bytes()
    # the notebook raised: its cell and error reported, its executed notebook returned, last page gone
    assert manifest[raises]["status"] == FAILED
    assert "ValueError: boom for the test" in manifest[raises]["error"]
    assert manifest[raises]["failed_cell"] is not None
    kept = nbformat.read(out / f"{raises}.failed.ipynb", as_version=4)
    assert "An Exception was encountered" in kept.cells[0].source
    assert not (out / f"{raises}.html").exists()
    # the worker died under the unit
    assert manifest[dies]["status"] == FAILED
    assert "Dask worker" in manifest[dies]["error"] and "died" in manifest[dies]["error"]
    assert not (out / f"{dies}.html").exists()
    err = capsys.readouterr().err
    assert raises in err and dies in err
    assert wait_until(lambda: worker_folders() <= folders, 10)  # the dead worker's too: by its successor


@pytest.mark.slow
def test_workers_that_do_not_see_the_folders_are_named_before_any_unit_runs(cluster, tmp_path):
    plan = batch.make_plan(units=["skole-nordby"], level="unit", out=tmp_path / "out")
    elsewhere = dataclasses.replace(plan, data_dir=tmp_path / "only-on-my-laptop")
    with pytest.raises(BriefingError) as caught:
        dask_executor.run_units_dask(elsewhere, cluster)
    message = str(caught.value)
    assert "only-on-my-laptop" in message and "--dask-return" in message and "2 Dask worker(s)" in message
    assert not list((tmp_path / "out").iterdir())  # the marker file is gone, nothing was made


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_unreachable_scheduler_is_named_in_the_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(dask_executor, "CONNECT_TIMEOUT", 1)
    address = f"tcp://127.0.0.1:{free_port()}"
    start = time.monotonic()
    code = main(["briefings", "--units", "skole-nordby", "--out", str(tmp_path / "out"),
                 "--executor", "dask", "--scheduler", address])  # fmt: skip
    assert code == 2
    err = capsys.readouterr().err
    assert f"cannot reach the Dask scheduler at {address}" in err and "dask scheduler" in err
    assert time.monotonic() - start < 30
    assert not (tmp_path / "out" / "skole-nordby.html").exists()


def test_without_distributed_the_error_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed raises ImportError
    plan = batch.make_plan(units=["skole-nordby"], level="unit", out=tmp_path)
    with pytest.raises(BriefingError, match=r"pip install 'kitlib\[dask\]'"):
        dask_executor.run_units_dask(plan, "tcp://127.0.0.1:8786")


@pytest.mark.parametrize(
    "options",
    [["--executor", "dask"], ["--scheduler", "tcp://127.0.0.1:8786"], ["--dask-return"]],
)
def test_dask_options_need_each_other(options, tmp_path, capsys):
    assert main(["briefings", "--out", str(tmp_path), *options]) == 2
    assert "--scheduler ADDRESS" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())
