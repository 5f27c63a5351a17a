"""`kitlib briefings` under injected faults: a hanging cell, a killed kernel, a killed worker,
one note's file-system error, an output folder that turns read-only halfway, and Ctrl-C
(SIGINT to the process group and to the main process alone).

Each run uses the tiny notebook (tiny_notebook.py) on two or three units, so that a note
takes about a second; the fault is a cell that hangs, kills something or breaks a file
for one unit.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from tiny_notebook import UNITS, for_unit, tiny_notebook

from kitlib import batch
from kitlib.cli.main import main

HREF = re.compile(r'href="([^"#]+)"')
# the `kitlib` command as installed beside this Python (or, failing that, the same code)
_SCRIPT = Path(sys.executable).with_name("kitlib")
KITLIB = (
    [str(_SCRIPT)]
    if _SCRIPT.is_file()
    else [sys.executable, "-c", "import sys; from kitlib.cli import main; sys.exit(main())"]
)


def links_lead_somewhere(out: Path) -> None:
    """Every link of the index points to a file that exists."""
    index = (out / "index.html").read_text(encoding="utf-8")
    missing = [href for href in HREF.findall(index) if not (out / href).is_file()]
    assert not missing, missing


def statuses(out: Path) -> dict[str, str]:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {unit: entry["status"] for unit, entry in manifest["units"].items()}


@pytest.fixture(scope="module")
def hanging_and_killed(tmp_path_factory):
    """One run (--jobs 1, 5 s timeout): the first note hangs, the second kills its kernel."""
    folder = tmp_path_factory.mktemp("faults")
    notebook = tiny_notebook(
        folder,
        for_unit(UNITS[0], "time.sleep(600)"),
        for_unit(UNITS[1], "os.kill(os.getpid(), 9)"),
    )
    start = time.monotonic()
    result = batch.make_briefings(
        out=folder / "out", units=UNITS, level="unit", jobs=1, notebook=notebook, timeout=5
    )
    return result, folder / "out", time.monotonic() - start


@pytest.mark.slow
def test_a_hanging_note_times_out_and_the_next_one_gets_a_fresh_kernel(hanging_and_killed):
    result, out, seconds = hanging_and_killed
    by_id = {r.unit_id: r for r in result.results}
    assert by_id[UNITS[0]].status == "failed"
    assert by_id[UNITS[0]].error == "timed out after 5 s"
    assert by_id[UNITS[2]].status == "ok"  # a kernel still busy sleeping would have timed it out too
    assert seconds < 120  # not 600 s per cell
    assert result.exit_code == 1
    links_lead_somewhere(out)  # no link to a .failed.ipynb that was never written
    row = re.search(
        rf'<tr data-unit="{UNITS[0]}" class="failed">(.*?)</tr>', (out / "index.html").read_text(), re.S
    )
    assert "timed out after 5 s" in row.group(1)


@pytest.mark.slow
def test_a_killed_kernel_fails_its_note_only(hanging_and_killed):
    result, out, _ = hanging_and_killed
    by_id = {r.unit_id: r for r in result.results}
    assert by_id[UNITS[1]].status == "failed"
    assert by_id[UNITS[1]].error == "the kernel died (killed, or out of memory)"
    assert statuses(out) == {UNITS[0]: "failed", UNITS[1]: "failed", UNITS[2]: "ok"}
    assert (out / f"{UNITS[2]}.html").is_file()


@pytest.mark.slow
def test_a_killed_worker_fails_its_note_and_the_others_are_made(tmp_path):
    # a pool worker runs its notes' cells itself (batch/in_process.py): this kills the worker
    notebook = tiny_notebook(tmp_path, for_unit(UNITS[0], "os.kill(os.getpid(), 9)"))
    result = batch.make_briefings(out=tmp_path / "out", units=UNITS, level="unit", jobs=2, notebook=notebook)
    by_id = {r.unit_id: r for r in result.results}
    assert by_id[UNITS[0]].status == "failed" and by_id[UNITS[0]].error == "the worker process died"
    assert [by_id[u].status for u in UNITS[1:]] == ["ok", "ok"]
    assert statuses(tmp_path / "out") == {UNITS[0]: "failed", UNITS[1]: "ok", UNITS[2]: "ok"}
    links_lead_somewhere(tmp_path / "out")


@pytest.mark.slow
@pytest.mark.parametrize("jobs", [1, 2])
def test_one_notes_file_error_fails_that_note_only(tmp_path, jobs):
    """A directory where a note's page goes (as a name the file system refuses would): that
    note fails with the OSError, the others are made, the index and manifest are written."""
    out = tmp_path / "out"
    page = out / f"{UNITS[1]}.html"
    notebook = tiny_notebook(tmp_path, for_unit(UNITS[1], f"os.makedirs({str(page)!r})"))
    result = batch.make_briefings(out=out, units=UNITS[1:], level="unit", jobs=jobs, notebook=notebook)
    by_id = {r.unit_id: r for r in result.results}
    assert by_id[UNITS[1]].status == "failed" and "IsADirectoryError" in by_id[UNITS[1]].error
    assert by_id[UNITS[2]].status == "ok"
    assert not result.problem and not result.unwritten
    assert statuses(out) == {UNITS[1]: "failed", UNITS[2]: "ok"}
    links_lead_somewhere(out)


@contextlib.contextmanager
def read_only_switch(folder: Path):
    """Yields the code that makes `folder` read-only from inside a notebook cell, and makes it
    writable again afterwards. Root ignores file modes, so as root the folder is made
    immutable (chattr +i); where that is not supported, the test is skipped."""
    if os.geteuid() != 0:
        yield f"os.chmod({str(folder)!r}, 0o555)"
        folder.chmod(0o755)
        return
    trial = folder.parent / "chattr-trial"
    trial.mkdir()
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(trial)]).returncode != 0:
        pytest.skip("as root a folder is made read-only with chattr +i, which this file system lacks")
    subprocess.run(["chattr", "-i", str(trial)], check=True)
    try:
        yield f"import subprocess; subprocess.run(['chattr', '+i', {str(folder)!r}], check=True)"
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=False)


@pytest.mark.slow
def test_a_folder_that_turns_read_only_fails_the_rest_with_one_message(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    with read_only_switch(out) as make_read_only:
        notebook = tiny_notebook(tmp_path, for_unit(UNITS[1], make_read_only))
        code = main(["briefings", "--units", *UNITS, "--level", "unit", "--jobs", "1",
                     "--notebook", str(notebook), "--out", str(out)])  # fmt: skip
    captured = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in captured.err
    lines = captured.err.strip().splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith(f"kitlib: cannot write to the output folder {out} (")
    assert lines[0].endswith("; 2 note(s) not made")
    assert lines[1].startswith(f"kitlib: the index and manifest could not be written in {out} (")
    assert captured.out.startswith("1 of 3 briefing(s)")
    assert (out / f"{UNITS[0]}.html").is_file()  # what was made before stays
    assert not (out / f"{UNITS[2]}.html").exists()


def descendants(pid: int) -> list[psutil.Process]:
    return [p for p in psutil.Process(pid).children(recursive=True) if "resource_tracker" not in _cmd(p)]


def _cmd(proc: psutil.Process) -> str:
    try:
        return " ".join(proc.cmdline())
    except psutil.Error:
        return ""


def is_kernel(proc: psutil.Process) -> bool:
    """A kernel (python -m ipykernel_launcher), as --jobs 1 runs its notebooks in."""
    with contextlib.suppress(psutil.Error):
        return "ipykernel" in _cmd(proc)
    return False


def running(procs: list[psutil.Process]) -> list[psutil.Process]:
    alive = []
    for proc in procs:
        with contextlib.suppress(psutil.Error):
            if proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE:
                alive.append(proc)
    return alive


@pytest.mark.slow
@pytest.mark.parametrize(("target", "jobs"), [("group", 2), ("main", 2), ("main", 1), ("sigterm", 2)])
def test_ctrl_c_stops_everything_keeps_what_was_made_and_says_so_in_one_line(tmp_path, target, jobs):
    """SIGINT (or SIGTERM) after the first note appears: the other two notes are in their (slow) cells."""
    out = tmp_path / "out"
    notebook = tiny_notebook(tmp_path, f"import time\nif unit_id != {UNITS[0]!r}:\n    time.sleep(120)")
    command = [*KITLIB, "briefings", "--units", *UNITS, "--level", "unit", "--jobs", str(jobs),
               "--notebook", str(notebook), "--out", str(out)]  # fmt: skip
    temp = tmp_path / "temp"  # where the run hands the data to its workers
    temp.mkdir()
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        env={**os.environ, "TMPDIR": str(temp)},
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 240
        while not (out / f"{UNITS[0]}.html").exists():
            assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
            time.sleep(0.1)
        time.sleep(1)  # the next note's cell is running
        children = descendants(proc.pid)
        if jobs == 1:
            assert any(is_kernel(p) for p in children)
        else:  # the forkserver and its workers, which run the cells themselves
            assert len(children) >= 1 + jobs
        sent = time.monotonic()
        if target == "group":
            os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        elif target == "sigterm":
            os.kill(proc.pid, signal.SIGTERM)  # a scheduler's or systemd's stop: as Ctrl-C
        else:
            os.kill(proc.pid, signal.SIGINT)
        while running(children) and time.monotonic() - sent < 5:
            time.sleep(0.05)
        assert not running(children), [_cmd(p) for p in running(children)]  # workers and kernels, within 5 s
        stdout, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130
    assert stdout == ""
    assert stderr.splitlines() == [
        f"interrupted: 1 of 3 notes made, 2 not made; index at {out / 'index.html'}"
    ]
    assert statuses(out) == {UNITS[0]: "ok", UNITS[1]: "interrupted", UNITS[2]: "interrupted"}
    index = (out / "index.html").read_text(encoding="utf-8")
    for unit in UNITS[1:]:
        row = re.search(rf'<tr data-unit="{unit}" class="failed">(.*?)</tr>', index, re.S).group(1)
        assert "avbrutt" in row and "href" not in row
    links_lead_somewhere(out)
    assert not list(out.glob(".*")), "temporary files left behind"
    assert not [p for p in temp.iterdir() if p.name.startswith("kitlib-")], "hand-over folder left behind"


def test_an_output_folder_that_is_a_file_is_refused_in_one_line(tmp_path, capsys):
    taken = tmp_path / "notes"
    taken.write_text("not a folder", encoding="utf-8")
    assert main(["briefings", "--units", UNITS[0], "--out", str(taken)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"kitlib: cannot make the output folder {taken} (File exists); choose another --out"
