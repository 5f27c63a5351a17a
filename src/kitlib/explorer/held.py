"""Selectors changed together update their outputs once: the explorers' shared hold."""

from __future__ import annotations

from contextlib import contextmanager


class HeldUpdates:
    """A base for an explorer whose update method returns early while `_holding`."""

    _holding = 0

    @contextmanager
    def _hold(self):
        """Change selectors without each change updating the outputs (one update after)."""
        self._holding += 1
        try:
            yield
        finally:
            self._holding -= 1
