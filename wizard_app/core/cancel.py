"""A thread-safe flag that long-running core generators check between chunks."""

from __future__ import annotations

import threading
import time


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    def is_set(self) -> bool:
        return self._event.is_set()

    def wait(self, timeout: float) -> bool:
        """Sleep up to ``timeout`` seconds; return True early if cancelled."""
        return self._event.wait(timeout)


class DeadlineToken(CancelToken):
    """Set when cancelled, when ``parent`` is, or once ``seconds`` have passed.

    For work that must not run past a time budget; the generators that poll ``is_set``
    stop at the next check, with no timer thread.
    """

    def __init__(self, seconds: float, parent: CancelToken | None = None) -> None:
        super().__init__()
        self._end = time.monotonic() + seconds
        self._parent = parent

    @property
    def expired(self) -> bool:
        return time.monotonic() > self._end

    def is_set(self) -> bool:
        parent = self._parent is not None and self._parent.is_set()
        return super().is_set() or parent or self.expired
