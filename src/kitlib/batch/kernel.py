"""The warm Jupyter kernel a worker keeps across units: reset between them, restarted now and then."""

from __future__ import annotations

import logging
import subprocess

log = logging.getLogger("kitlib")

RESTART_EVERY = 20  # a warm kernel grows ~2 MiB per briefing even after %reset
RESET_CODE = "%reset -f\nimport matplotlib.pyplot as _plt\n_plt.close('all')\ndel _plt\n"


class WarmKernel:
    """One python3 kernel kept alive across units; papermill gets it as `km=`.

    papermill never shuts down a kernel it did not start, and atexit does not run in
    pool workers, so `close()` must be called explicitly.
    """

    def __init__(self, restart_every: int | None = None):
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        self._run_sync = run_sync
        self._manager_class = AsyncKernelManager
        self.restart_every = restart_every or RESTART_EVERY
        self.km = None
        self._run_sync(self._start)()
        self.served = 0
        self.broken = False

    def prepare(self) -> None:
        """Make the kernel fresh for the next unit: reset it, or restart it now and then."""
        if self.served == 0 and not self.broken:
            return
        alive = self._run_sync(self._is_alive)()
        if self.broken or not alive or self.served % self.restart_every == 0:
            log.debug("restarting the kernel after %d briefings", self.served)
            self._run_sync(self._restart)()
            self.broken = False
            return
        try:
            self._run_sync(self._execute)(RESET_CODE)
        except Exception as exc:  # noqa: BLE001 - any failure to reset means: start afresh
            log.warning("kernel reset failed (%s); restarting it", exc)
            self._run_sync(self._restart)()

    def done(self, ok: bool) -> None:
        self.served += 1
        self.broken = self.broken or not ok

    async def _start(self) -> None:
        # A new manager each time: shutting a kernel down destroys its manager's zmq context.
        self.km = self._manager_class(kernel_name="python3")
        # The kernel's own stderr holds only start-up and shutdown chatter (transport
        # warnings, "KeyboardInterrupt caught"); cell output reaches the notebook anyway.
        await self.km.start_kernel(stderr=subprocess.DEVNULL)

    async def _is_alive(self) -> bool:
        return await self.km.is_alive()

    async def _restart(self) -> None:
        try:
            await self.km.shutdown_kernel(now=True)
        except Exception as exc:  # noqa: BLE001 - a broken kernel is replaced all the same
            log.warning("kernel shutdown before restart failed: %s", exc)
        await self._start()

    async def _execute(self, code: str) -> None:
        # A short-lived client per reset (~0.4 s, mostly waiting for the kernel to answer):
        # a client kept open across papermill runs stopped getting replies.
        client = self.km.client()
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=60)
            reply = await client.execute_interactive(
                code, timeout=60, store_history=False, output_hook=lambda _msg: None
            )
        finally:
            client.stop_channels()
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"{reply['content'].get('ename')}: {reply['content'].get('evalue')}")

    def close(self) -> None:
        try:
            self._run_sync(self.km.shutdown_kernel)(now=False)
        except Exception as exc:  # noqa: BLE001 - a dying kernel must not hide the results
            log.warning("kernel shutdown failed: %s", exc)
