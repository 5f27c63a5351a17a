"""The server the pool's worker processes are forked from (a multiprocessing forkserver
that has imported what a worker needs, batch/preload.py), and starting it early.

This module imports nothing but the standard library: the `kitlib` command starts the
server before it imports pandas and the rest (kitlib.cli), so that the server's imports
(~1.2 s) run on the other core while the command itself starts, loads and validates.
"""

from __future__ import annotations

import multiprocessing as mp


def worker_context():
    """The multiprocessing context that starts the workers: a forkserver that has imported
    what a worker needs (batch/preload.py), so that a worker costs a fork, not an import.
    Not a plain fork of this process: forking a process that runs threads (a Jupyter kernel
    calling make_briefings, zmq) can deadlock. `start_workers_early` starts the server."""
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["kitlib.batch.preload"])
    return ctx


def start_workers_early() -> None:
    """Start the forkserver (and its imports) now, on another core, while this process loads
    and validates the data; the first worker then starts without waiting for the imports.
    The server stays for this process's life and serves every later run."""
    from multiprocessing import forkserver

    worker_context()
    forkserver.ensure_running()
