"""Where the bundled sample, notebooks and templates are: in the wheel or in the checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]  # the kitlib package folder
_CHECKOUT = _PACKAGE.parents[1]


def bundled(relative: str) -> Path:
    """Path of `relative` (e.g. 'data/sample') in an installed wheel or a source checkout."""
    for base in (_PACKAGE / "_bundled", _CHECKOUT):
        candidate = base / relative
        if candidate.exists():
            return candidate
    raise FileNotFoundError(
        f"kitlib cannot find its bundled '{relative}'; reinstall kitlib (pip install -e .)"
    )


def sample_folder() -> Path:
    return bundled("data/sample")
