"""A warm kernel is ready once it has answered kernel_info on the shell channel and its idle
status for that request has arrived on IOPub (batch/kernel.py, wait_for_ready)."""

from __future__ import annotations

import asyncio
import queue

import pytest

from kitlib.batch.kernel import WarmKernel, wait_for_ready


class FakeClient:
    """A kernel client whose kernel answers every kernel_info on the shell channel, but whose
    IOPub subscription only connects from the `connected_from`-th request on (zmq's slow
    joiner: what a kernel publishes before the subscription is lost)."""

    def __init__(self, connected_from: int = 1, alive: bool = True, answers: bool = True):
        self.requests, self.connected_from, self.alive, self.answers = [], connected_from, alive, answers
        self.shell, self.iopub = queue.Queue(), queue.Queue()
        self.handled = None

    def kernel_info(self) -> str:
        msg_id = f"request-{len(self.requests) + 1}"
        self.requests.append(msg_id)
        if not self.answers:
            return msg_id
        parent = {"msg_id": msg_id}
        if len(self.requests) >= self.connected_from:
            self.iopub.put(
                {"msg_type": "status", "parent_header": parent, "content": {"execution_state": "busy"}}
            )
            self.iopub.put(
                {"msg_type": "status", "parent_header": parent, "content": {"execution_state": "idle"}}
            )
        self.shell.put(
            {"msg_type": "kernel_info_reply", "parent_header": parent, "content": {"protocol_version": "5.4"}}
        )
        return msg_id

    async def get_shell_msg(self, timeout):
        return self._get(self.shell)

    async def get_iopub_msg(self, timeout):
        return self._get(self.iopub)

    def _get(self, channel):
        try:
            return channel.get_nowait()
        except queue.Empty:
            raise queue.Empty from None

    async def is_alive(self):
        return self.alive

    def _handle_kernel_info_reply(self, msg):
        self.handled = msg["parent_header"]["msg_id"]


def test_ready_at_the_first_answer_on_both_channels():
    client = FakeClient()
    asyncio.run(wait_for_ready(client, timeout=5))
    assert client.requests == ["request-1"]
    assert client.handled == "request-1"  # the kernel's protocol version taken, as jupyter_client does


def test_asks_again_until_iopub_carries_the_answer():
    client = FakeClient(connected_from=3)
    asyncio.run(wait_for_ready(client, timeout=5))
    assert client.requests == ["request-1", "request-2", "request-3"]
    assert client.handled == "request-3"


def test_a_dead_kernel_is_told_at_once():
    with pytest.raises(RuntimeError, match="died before it replied"):
        asyncio.run(wait_for_ready(FakeClient(connected_from=99, alive=False), timeout=5))


def test_a_kernel_that_never_answers_times_out():
    with pytest.raises(RuntimeError, match="did not reply within 0.05 s"):
        asyncio.run(wait_for_ready(FakeClient(answers=False), timeout=0.05))


def test_a_real_kernel_started_this_way_runs_the_first_cell_without_history():
    kernel = WarmKernel()
    try:
        kernel.prepare("x = 6 * 7")
        out = []

        async def run():
            # and without input history (KERNEL_OPTIONS): nothing is written to ~/.ipython
            await kernel.kc.execute_interactive(
                "print(x, get_ipython().history_manager.enabled)",
                timeout=30,
                output_hook=lambda m: out.append(m["content"].get("text", "")),
            )

        kernel._run_sync(run)()
    finally:
        kernel.close()
    assert "".join(out).strip() == "42 False"
