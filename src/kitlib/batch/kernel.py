"""The warm Jupyter kernel a worker keeps across units: reset between them, restarted now and then.

Used where the notebooks must not run in the worker's own process: `--jobs 1` (the caller's
process, perhaps an analyst's kernel) and Dask workers (threads). A pool worker runs them in
its own shell instead (in_process.py).

One kernel client stays connected for the kernel's life, and papermill runs every notebook
through it (the `kitlib-warm` papermill engine): a new client costs ~0.4 s of waiting for
the kernel to answer and for its IOPub channel to go quiet, once for the reset and once for
papermill, per unit. Messages are matched to their request, so what an earlier run left on
a channel is ignored.

Before each unit, `prepare(code)` resets the kernel's namespace (RESET_CODE; modules stay
imported, so kitlib is imported once per kernel) and runs `code`: the batch primes the
kernel with the data as the worker loaded it (kitlib.data.handover.prime).
"""

from __future__ import annotations

import logging
import queue
import subprocess
import time

log = logging.getLogger("kitlib")

RESTART_EVERY = 20  # a warm kernel grows ~2 MiB per briefing even after %reset
# What `%reset -f` does to the namespace, without its gc.collect() and re-initialisation
# (0.4 s of CPU per unit in a kernel that made a briefing; this takes milliseconds): every
# name the notebook defined goes, and so do the cached outputs (Out, _, _1, ...).
RESET_CODE = """\
def _kitlib_reset(shell=get_ipython()):
    ns, hidden, hook = shell.user_ns, shell.user_ns_hidden, shell.displayhook
    for name in [n for n in ns if n not in hidden and n not in ("__builtin__", "__builtins__", "__name__")]:
        del ns[name]
    out = ns.get("_oh")
    for number in list(out or ()):
        ns.pop(f"_{number}", None)
        hidden.pop(f"_{number}", None)
    if out is not None:
        out.clear()
    hook._ = hook.__ = hook.___ = ""
    ns.update({"_": "", "__": "", "___": ""})
    import sys
    if "matplotlib.pyplot" in sys.modules:  # kitlib draws without pyplot; a notebook may use it
        sys.modules["matplotlib.pyplot"].close("all")
_kitlib_reset()
"""
# Run after a fresh kernel's first `prepare(code)`: what it holds then (every module, the data
# it was primed with) it holds for good, and the garbage collector stops scanning it. 35 ms of
# CPU per note, 7 % of the kernel's work (one worker, 22 sample notes).
FREEZE_CODE = """\
import gc
gc.collect()
gc.freeze()
del gc
"""
# No input history: IPython would write every cell of every note to the user's history
# database (~/.ipython), committing it after each cell in a thread while the next cell waits
# for its lock: ~20 ms per note, and thousands of entries a run that nobody reads.
KERNEL_OPTIONS = ["--HistoryManager.enabled=False"]
ENGINE = "kitlib-warm"  # the papermill engine that runs a notebook through the kernel's client


class WarmKernel:
    """One python3 kernel kept alive across units; papermill gets it with `papermill_args()`.

    papermill never shuts down a kernel it did not start, and atexit does not run in
    worker processes, so `close()` must be called explicitly.
    """

    def __init__(self, restart_every: int | None = None):
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        _register_engine()
        self._run_sync = run_sync
        self._manager_class = AsyncKernelManager
        self.restart_every = restart_every or RESTART_EVERY
        self.km = None
        self.kc = None
        self._run_sync(self._start)()
        self.served = 0
        self.broken = False

    def prepare(self, code: str = "") -> None:
        """Make the kernel fresh for the next unit (reset it, or restart it now and then) and run
        `code` in it; a kernel that cannot is restarted and asked once more. `code` only saves
        work (the notebook loads what it was not given), so its failure fails no unit."""
        fresh = self.served == 0 and not self.broken
        if not fresh:
            alive = self._run_sync(self._is_alive)()
            if self.broken or not alive or self.served % self.restart_every == 0:
                log.debug("restarting the kernel after %d briefings", self.served)
                self._run_sync(self._restart)()
                self.broken, fresh = False, True
        todo = code + FREEZE_CODE if fresh else RESET_CODE + code
        if not todo:
            return
        try:
            self._run_sync(self._execute)(todo)
        except Exception as exc:  # noqa: BLE001 - any failure to reset means: start afresh
            log.warning("kernel reset failed (%s); restarting it", exc)
            self._run_sync(self._restart)()
            if code:
                try:
                    self._run_sync(self._execute)(code)
                except Exception as again:  # noqa: BLE001 - see above
                    log.warning("priming the kernel failed (%s); the notebook loads the data itself", again)

    def done(self, ok: bool) -> None:
        self.served += 1
        self.broken = self.broken or not ok

    def papermill_args(self) -> dict:
        """The arguments that make papermill.execute_notebook run in this kernel, through its client."""
        return {"engine_name": ENGINE, "km": self.km, "kernel_client": self.kc}

    async def _start(self) -> None:
        # A new manager each time: shutting a kernel down destroys its manager's zmq context.
        self.km = self._manager_class(kernel_name="python3")
        # The kernel's own stderr holds only start-up and shutdown chatter (transport
        # warnings, "KeyboardInterrupt caught"); cell output reaches the notebook anyway.
        await self.km.start_kernel(stderr=subprocess.DEVNULL, extra_arguments=KERNEL_OPTIONS)
        self.kc = self.km.client()
        self.kc.start_channels()
        try:
            await wait_for_ready(self.kc, timeout=60)
        except Exception:
            self.kc.stop_channels()
            self.kc = None
            raise

    async def _is_alive(self) -> bool:
        return await self.km.is_alive()

    async def _restart(self) -> None:
        self._stop_client()
        try:
            await self.km.shutdown_kernel(now=True)
        except Exception as exc:  # noqa: BLE001 - a broken kernel is replaced all the same
            log.warning("kernel shutdown before restart failed: %s", exc)
        await self._start()

    async def _execute(self, code: str) -> None:
        reply = await self.kc.execute_interactive(
            code, timeout=60, store_history=False, output_hook=lambda _msg: None
        )
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"{reply['content'].get('ename')}: {reply['content'].get('evalue')}")

    def _stop_client(self) -> None:
        if self.kc is not None:
            try:
                self.kc.stop_channels()
            except Exception as exc:  # noqa: BLE001 - the channels of a dead kernel
                log.debug("stopping the kernel client failed: %s", exc)
            self.kc = None

    def close(self) -> None:
        self._stop_client()
        try:
            self._run_sync(self.km.shutdown_kernel)(now=False)
        except Exception as exc:  # noqa: BLE001 - a dying kernel must not hide the results
            log.warning("kernel shutdown failed: %s", exc)


async def wait_for_ready(kc, timeout: float) -> None:
    """Return when the kernel answers on both channels: as jupyter_client's
    `KernelClient.wait_for_ready`, without its last step, which listens to IOPub until it has
    been silent for 0.2 s (a fixed 0.2 s of every kernel start). Here IOPub is known to be
    connected once it carries the kernel's idle status after our kernel_info request; later
    messages of the start-up are ignored by nbclient, which matches messages to its requests."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        request = kc.kernel_info()
        try:
            reply = await kc.get_shell_msg(timeout=1)
        except queue.Empty:
            reply = None
        if reply is not None and reply["parent_header"].get("msg_id") == request:
            if await _idle_after(kc, request, within=0.2):
                kc._handle_kernel_info_reply(reply)  # the protocol version, as wait_for_ready does
                return
        if not await kc.is_alive():
            raise RuntimeError("the kernel died before it replied to kernel_info")
    raise RuntimeError(f"the kernel did not reply within {timeout:g} s")


async def _idle_after(kc, request: str, within: float) -> bool:
    """Whether IOPub carries the kernel's idle status after `request` within `within` seconds."""
    deadline = time.monotonic() + within
    while (left := deadline - time.monotonic()) > 0:
        try:
            msg = await kc.get_iopub_msg(timeout=left)
        except queue.Empty:
            return False
        if (
            msg["msg_type"] == "status"
            and msg["parent_header"].get("msg_id") == request
            and msg["content"].get("execution_state") == "idle"
        ):
            return True
    return False


def _register_engine() -> None:
    """papermill's engine `kitlib-warm`: its own NBClientEngine, but the notebook client uses the
    kernel client it is given (`kernel_client=`) instead of connecting a new one."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.exceptions import PapermillException
    from papermill.log import logger
    from papermill.utils import merge_kwargs, remove_args

    try:
        papermill_engines.get_engine(ENGINE)
        return
    except PapermillException:
        pass

    class WarmEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(
            cls, nb_man, kernel_name, log_output=False, stdout_file=None, stderr_file=None,
            start_timeout=60, execution_timeout=None, **kwargs,
        ):  # fmt: skip
            client_of_kernel = kwargs.pop("kernel_client", None)
            kwargs = remove_args(["input_path"], **kwargs)
            final = merge_kwargs(
                remove_args(["timeout", "startup_timeout"], **kwargs),
                timeout=execution_timeout if execution_timeout else kwargs.get("timeout"),
                startup_timeout=start_timeout, kernel_name=kernel_name, log=logger,
                log_output=log_output, stdout_file=stdout_file, stderr_file=stderr_file,
            )  # fmt: skip
            client = PapermillNotebookClient(nb_man, **final)
            client.kc = client_of_kernel  # None: nbclient connects one of its own, as papermill does
            return client.execute()

    papermill_engines.register(ENGINE, WarmEngine)
