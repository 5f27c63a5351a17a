"""A worker's first kernel, forked from the worker instead of started as a new Python.

A new kernel process imports IPython, pandas, matplotlib and kitlib before it runs its first
cell: ~2.5 s of CPU, twice per run on two workers. The workers are forked from a server that
has imported all of that already (server.worker_context, batch/preload.py), so a worker can
fork its kernel too and the kernel starts in ~0.2 s. Only while the worker is still
single-threaded (at its start, before any kernel client runs): forking a process with
running threads can deadlock the child. Later (re)starts launch `python -m ipykernel_launcher`
as usual.

The forked kernel is an ordinary kernel to jupyter_client: the worker is its parent (poll,
wait and signals work as on a subprocess), it runs in its own session like a launched kernel
(interrupt and kill reach its process group), and the worker's SIGTERM handling kills it
with the worker's other children.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner

INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
# what `ps`, `top` and psutil's name() show for a forked kernel (its command line stays the
# preloading server's): a launched kernel shows "python ... ipykernel_launcher"
PROCESS_NAME = "kitlib-kernel"


def may_fork() -> bool:
    """Whether this process can fork a kernel safely: one thread, and the kernel's modules loaded."""
    return hasattr(os, "fork") and threading.active_count() == 1 and "ipykernel.kernelapp" in sys.modules


def forking_manager(kernel_name: str = "python3") -> AsyncKernelManager:
    """A kernel manager whose first start forks this process (see the module's docstring)."""
    manager = AsyncKernelManager(kernel_name=kernel_name)
    manager.kernel_id = str(uuid.uuid4())
    manager.provisioner = ForkingProvisioner(
        kernel_id=manager.kernel_id, kernel_spec=manager.kernel_spec, parent=manager
    )
    return manager


class ForkingProvisioner(LocalProvisioner):
    """LocalProvisioner that forks this process for the kernel when `may_fork()` says it can."""

    async def launch_kernel(self, cmd: list[str], **kwargs):
        if not may_fork() or "-f" not in cmd:
            return await super().launch_kernel(cmd, **kwargs)
        connection_file = cmd[cmd.index("-f") + 1]
        options = cmd[cmd.index("-f") + 2 :]  # the kernel's own options (start_kernel's extra_arguments)
        env = dict(kwargs.get("env") or os.environ)
        env["JPY_PARENT_PID"] = str(os.getpid())  # as jupyter_client's launcher: dies with its worker
        cwd = kwargs.get("cwd")
        pid = os.fork()
        if pid == 0:  # the kernel: never returns into the worker's code
            code = 1
            try:
                code = _run_kernel(connection_file, env, cwd, options)
            finally:
                os._exit(code)
        self.process = ForkedProcess(pid)
        self.pid = pid
        self.pgid = pid  # the child makes itself a session (and group) leader at once
        self.cwd = cwd or Path.cwd()
        return self.connection_info


class ForkedProcess:
    """The parts of subprocess.Popen that jupyter_client uses, for a child made with os.fork."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                done, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:  # reaped elsewhere: it is gone all the same
                self.returncode = -1
            else:
                if done:
                    self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout)
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def _run_kernel(connection_file: str, env: dict, cwd, options: list[str]) -> int:
    """In the forked child: become what `python -m ipykernel_launcher -f FILE` would be."""
    os.setsid()  # as jupyter_client launches a kernel: its own session, so Ctrl-C is not ours
    _name_process(PROCESS_NAME)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 2)  # as WarmKernel starts it: start-up and shutdown chatter only
    os.environ.clear()
    os.environ.update(env)
    if cwd:
        os.chdir(cwd)
    # what ipykernel does before matplotlib is imported; here matplotlib is imported already
    backend = os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)
    if "matplotlib" in sys.modules:
        sys.modules["matplotlib"].rcParams["backend"] = backend
    # the worker's event loop is running in this frame: the kernel gets a loop of its own
    asyncio.events._set_running_loop(None)
    asyncio.set_event_loop(asyncio.new_event_loop())
    from ipykernel.kernelapp import IPKernelApp

    try:
        # parent_handle's default was read from the environment when ipykernel was imported
        # (in the preloading server): give it the worker, so that the kernel dies with it
        IPKernelApp.launch_instance(
            argv=["-f", connection_file, *options], parent_handle=int(env["JPY_PARENT_PID"])
        )
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 0
    return 0


def _name_process(name: str) -> None:
    """Set this process's name (Linux: prctl PR_SET_NAME); elsewhere, or if refused, keep it."""
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        libc.prctl(15, name.encode()[:15], 0, 0, 0)  # 15: PR_SET_NAME
    except (OSError, AttributeError):
        pass
