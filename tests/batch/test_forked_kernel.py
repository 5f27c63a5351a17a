"""A pool worker's first kernel is forked from the worker (batch/forked_kernel.py): it must
behave as a launched kernel does: run code as the worker's child in its own session, be
interrupted, die with the worker, be seen dead when killed, and be replaced by a launched one.

Each scenario runs in a fresh Python that has imported the workers' preload, as a worker has:
forking the test process itself would copy pytest into a kernel."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.slow

PRELUDE = """
import os, signal, sys, time
import kitlib.batch.preload  # what a worker has loaded when it starts
from kitlib.batch.forked_kernel import ForkedProcess
from kitlib.batch.kernel import WarmKernel

def run(kernel, code):
    outputs = []
    def hook(msg):
        if msg["msg_type"] == "stream":
            outputs.append(msg["content"]["text"])
    reply = kernel._run_sync(kernel.kc.execute_interactive)(code, timeout=30, output_hook=hook)
    return reply["content"]["status"], "".join(outputs).strip()
"""


def scenario(body: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PRELUDE + textwrap.dedent(body)], capture_output=True, text=True, timeout=150
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.split()


def test_the_first_kernel_is_forked_runs_code_and_is_our_child_in_its_own_session():
    out = scenario(
        """
        kernel = WarmKernel(fork=True)
        print(isinstance(kernel.km.provisioner.process, ForkedProcess))
        status, text = run(kernel, "import os; print(os.getppid(), os.getsid(0) == os.getpid())")
        print(status, text.split()[0] == str(os.getpid()), text.split()[1])
        # started with the warm kernel's options, as a launched one is (no input history)
        print(run(kernel, "print(get_ipython().history_manager.enabled)")[1])
        kernel.close()
        """
    )
    assert out == ["True", "ok", "True", "True", "False"]


def test_a_forked_kernel_is_interrupted_like_a_launched_one():
    out = scenario(
        """
        import threading
        kernel = WarmKernel(fork=True)
        threading.Timer(1.0, lambda: kernel._run_sync(kernel.km.interrupt_kernel)()).start()
        started = time.monotonic()
        status, _ = run(kernel, "import time; time.sleep(25)")
        print(status, time.monotonic() - started < 15)
        print(run(kernel, "print(6 * 7)")[1])  # and it goes on
        kernel.close()
        """
    )
    assert out == ["error", "True", "42"]


def test_a_killed_forked_kernel_is_seen_dead_and_replaced_by_a_launched_one():
    out = scenario(
        """
        kernel = WarmKernel(fork=True)
        pid = kernel.km.provisioner.pid
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while kernel._run_sync(kernel._is_alive)() and time.monotonic() < deadline:
            time.sleep(0.05)
        print(kernel._run_sync(kernel._is_alive)())
        kernel.done(ok=False)
        kernel.prepare("x = 1")  # restarts it
        print(type(kernel.km.provisioner.process).__name__, kernel.km.provisioner.pid != pid)
        print(run(kernel, "print(x + 1)")[1])
        kernel.close()
        """
    )
    assert out == ["False", "Popen", "True", "2"]


def test_a_forked_kernel_dies_with_its_worker():
    out = scenario(
        """
        import psutil
        read, write = os.pipe()
        worker = os.fork()
        if worker == 0:  # the worker: forks its kernel, says the kernel's pid, waits to be killed
            kernel = WarmKernel(fork=True)
            os.write(write, str(kernel.km.provisioner.pid).encode())
            time.sleep(60)
            os._exit(0)
        kernel_pid = int(os.read(read, 32))
        print(psutil.pid_exists(kernel_pid))
        os.kill(worker, signal.SIGKILL)  # out of memory, say: no clean-up runs
        os.waitpid(worker, 0)
        deadline = time.monotonic() + 15
        def gone():
            try:
                return psutil.Process(kernel_pid).status() == psutil.STATUS_ZOMBIE
            except psutil.NoSuchProcess:
                return True
        while not gone() and time.monotonic() < deadline:
            time.sleep(0.1)
        print(gone())
        """
    )
    assert out == ["True", "True"]


def test_a_forked_kernel_that_does_not_come_up_is_replaced_by_a_launched_one():
    out = scenario(
        """
        from kitlib.batch import forked_kernel
        forked_kernel._run_kernel = lambda *args: 1  # the child exits at once, as a broken start would
        kernel = WarmKernel(fork=True)
        print(type(kernel.km.provisioner.process).__name__, run(kernel, "print(6 * 7)")[1])
        kernel.close()
        """
    )
    assert out == ["Popen", "42"]
