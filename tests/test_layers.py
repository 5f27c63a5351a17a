"""The layer rule (cli > batch > report > analysis > data > errors) holds, and breaking it fails.

`lint-imports` reads the contracts in pyproject.toml; .ci/run runs it on the tree. These
tests show that the contracts bite: an upward import in a copy of the package breaks them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter is not installed")


def lint_imports(tree: Path) -> subprocess.CompletedProcess:
    """Run lint-imports on the kitlib package under `tree`, with the repository's contracts."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(tree / "pyproject.toml"), "--no-cache"],
        cwd=tree, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@pytest.fixture
def package_copy(tmp_path) -> Path:
    shutil.copytree(
        ROOT / "src" / "kitlib", tmp_path / "kitlib", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_package_keeps_its_layers(package_copy):
    done = lint_imports(package_copy)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.mark.parametrize(
    ("module", "upward_import", "contract"),
    [
        ("kitlib/analysis/sneaky.py", "from kitlib.report.formatting import format_number", "Layers"),
        ("kitlib/data/sneaky.py", "from kitlib.analysis.status import target_status", "Layers"),
        ("kitlib/report/sneaky.py", "from kitlib.batch.plan import Plan", "Layers"),
        ("kitlib/batch/sneaky.py", "from kitlib.cli.main import main", "Layers"),
        ("kitlib/analysis/sneaky.py", "import matplotlib.pyplot", "draw, render and run no notebooks"),
        ("kitlib/analysis/sneaky.py", "import papermill", "draw, render and run no notebooks"),
    ],
)
def test_an_upward_import_breaks_the_contract(package_copy, module, upward_import, contract):
    (package_copy / module).write_text(f'"""Breaks the layer rule on purpose."""\n\n{upward_import}\n')
    done = lint_imports(package_copy)
    assert done.returncode != 0
    broken = [line for line in done.stdout.splitlines() if line.endswith("BROKEN")]
    assert any(contract in line for line in broken), done.stdout
    assert "sneaky" in done.stdout
