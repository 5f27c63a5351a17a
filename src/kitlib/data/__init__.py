"""Data layer: the data contract, reading and validating a data folder, kit.toml, and the
importers that turn SSB, Statistikkbanken, Kolada and spreadsheet files into a data folder.

May import: the standard library, pandas, numpy, pyarrow, openpyxl and `kitlib.errors`;
nothing of the layers above (analysis, report, batch, cli).

`load_data`, `KitData` and the Parquet snapshot of a loaded folder (`write_snapshot`,
`read_snapshot`: one unit's slice of a national folder in a fraction of a second) are
importable from here; the snapshot's module is loaded on first use.
"""

from kitlib.data.load import KitData, load_data

_LAZY = {"write_snapshot": "kitlib.data.snapshot", "read_snapshot": "kitlib.data.snapshot"}

__all__ = ["KitData", "load_data", "read_snapshot", "write_snapshot"]


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
