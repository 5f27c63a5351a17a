"""Command-line layer: the `kitlib` command (validate, briefings, import, fetch-ssb).

The only place that configures logging. May import every layer below it.
"""

from kitlib.cli.main import main

__all__ = ["main"]
