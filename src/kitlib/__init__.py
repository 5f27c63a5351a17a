"""kitlib: indicators, targets and briefing notes for results-based municipal management.

The package is layered; data flows one way and no layer imports one above it
(checked by import-linter, see pyproject.toml):

    kitlib.data      the contract, load, validate, import    (reads files)
    kitlib.analysis  status, trend, peers, scorecard         (pure functions)
    kitlib.report    words, numbers, narrative, tables, charts, the briefing
    kitlib.batch     many notes: papermill, nbconvert, index, manifest
    kitlib.cli       the `kitlib` command
    kitlib.explorer  `explore`: the analysts' explorer in JupyterLab (beside cli)

The names below are the public API, each loaded on first use, so that `import kitlib`
stays cheap (no pandas, no matplotlib, no papermill): the `kitlib` command starts its
worker processes before it imports anything heavy.
"""

from kitlib.errors import (
    BriefingError,
    ConfigError,
    DataValidationError,
    KitlibError,
    Problem,
    UnknownUnitError,
)

__version__ = "0.1.0"

_LAZY = {
    "KitData": "kitlib.data.load",
    "check_folder": "kitlib.data.validate",
    "explore": "kitlib.explorer.app",
    "load_data": "kitlib.data.load",
    "make_briefings": "kitlib.batch.run",
    "prepare_briefing": "kitlib.report.briefing",
    "sample_folder": "kitlib.data.resources",
    "scorecard": "kitlib.analysis.scorecard",
    "tidy": "kitlib.analysis.tidy",
}

__all__ = [
    "BriefingError",
    "ConfigError",
    "DataValidationError",
    "KitData",
    "KitlibError",
    "Problem",
    "UnknownUnitError",
    "check_folder",
    "explore",
    "load_data",
    "make_briefings",
    "prepare_briefing",
    "sample_folder",
    "scorecard",
    "tidy",
]


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kitlib' has no attribute '{name}'")


def __dir__():
    return sorted({*globals(), *_LAZY})
