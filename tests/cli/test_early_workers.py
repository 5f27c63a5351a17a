"""`kitlib briefings` starts its workers' server before it imports pandas, and `import kitlib`
and `import kitlib.cli` import nothing heavy (the names load on first use)."""

from __future__ import annotations

import subprocess
import sys

import pytest

import kitlib
from kitlib.cli import runs_workers

HEAVY = ("pandas", "numpy", "matplotlib", "papermill", "nbconvert")


def modules_after(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sys.modules))"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return set(done.stdout.split())


@pytest.mark.parametrize("code", ["import kitlib", "import kitlib.cli", "import kitlib.batch.server"])
def test_the_command_and_the_package_import_nothing_heavy(code):
    loaded = modules_after(code)
    assert not [m for m in HEAVY if m in loaded]


def test_every_public_name_loads_on_first_use():
    for name in kitlib.__all__:
        assert getattr(kitlib, name) is not None, name
    assert set(kitlib.__all__) <= set(dir(kitlib))
    with pytest.raises(AttributeError, match="no attribute 'scorecards'"):
        kitlib.scorecards  # noqa: B018 - the lookup is the test


@pytest.mark.parametrize(
    ("args", "early"),
    [
        (["briefings"], True),
        (["-v", "briefings", "--level", "all"], True),
        (["briefings", "--jobs", "2"], True),
        (["briefings", "--jobs=3", "--pdf"], True),
        (["briefings", "--jobs", "1"], False),
        (["briefings", "--jobs=1"], False),
        (["briefings", "--executor", "dask", "--scheduler", "tcp://h:8786"], False),
        (["briefings", "--help"], False),
        (["validate", "data/sample"], False),
        ([], False),
    ],
)
def test_which_commands_start_the_workers_early(args, early, monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert runs_workers(args) is early


def test_one_core_runs_in_this_process(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    assert not runs_workers(["briefings"])
    assert runs_workers(["briefings", "--jobs", "2"])


def test_the_briefings_command_starts_the_server_before_it_imports_pandas(tmp_path):
    code = f"""
import sys
from multiprocessing import forkserver
import kitlib.batch.server as server
started = []
def early():
    started.append("pandas" in sys.modules)
server.start_workers_early = early
from kitlib.cli import main
main(["briefings", "--jobs", "2", "--units", "no-such-unit", "--out", {str(tmp_path)!r}])
print(started[0])  # (make_briefings asks again, later: the server is up by then)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1] == "False", done.stderr


def test_the_parent_of_a_pool_leaves_drawing_to_its_workers():
    # the parent validates and hands out while the workers' server imports: matplotlib in the
    # parent would cost it ~0.25 CPU s at the start, on the core the server needs
    loaded = modules_after("import kitlib.batch.pool, kitlib.batch.run, kitlib.cli.briefings")
    assert "matplotlib" not in loaded
