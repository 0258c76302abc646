"""One QRunnable adapter around the core's generators, and a runner that tracks them.

A core job is ``job(token) -> Iterator[event]``; :class:`Task` runs it in the thread
pool and turns each event into a queued ``progress`` signal in the GUI thread. The
:class:`TaskRunner` keeps the tokens of running tasks so that quitting cancels every
one of them and waits for the pool.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from wizard_app.core.cancel import CancelToken
from wizard_app.ui.errors import exception_text

log = logging.getLogger(__name__)

Job = Callable[[CancelToken], Iterator[object]]


class TaskSignals(QObject):
    progress = Signal(object)  # a core event dataclass, never a dict
    failed = Signal(str)
    finished = Signal()
    cancelled = Signal()
    ended = Signal()  # after any of the three above: bookkeeping only


class Task(QRunnable):
    """Runs ``job`` in a pool thread; its events arrive as ``signals.progress``."""

    def __init__(self, job: Job, name: str = "task") -> None:
        super().__init__()
        self.signals, self.token, self._job = TaskSignals(), CancelToken(), job
        self.name = name

    def run(self) -> None:
        signals = self.signals
        try:
            for event in self._job(self.token):
                signals.progress.emit(event)
        except Exception as exc:  # the message reaches the user
            log.warning("task %s failed", self.name, exc_info=True)
            signals.failed.emit(exception_text(exc))  # translated when it has a code
        else:
            (signals.cancelled if self.token.is_set() else signals.finished).emit()
        finally:
            signals.ended.emit()

    def cancel(self) -> None:
        self.token.cancel()


def single(fn: Callable[[], object]) -> Job:
    """A job that yields the one result of ``fn`` (a computation with no steps)."""

    def job(_token: CancelToken) -> Iterator[object]:
        yield fn()

    return job


class TaskRunner(QObject):
    """Starts tasks in the pool and remembers them until they end."""

    def __init__(self, pool: QThreadPool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = pool
        # the token and signals, not the task: the pool deletes a task once it has run
        self._running: dict[int, tuple[CancelToken, TaskSignals]] = {}

    def start(self, task: Task) -> Task:
        key = id(task.token)
        self._running[key] = (task.token, task.signals)
        task.signals.ended.connect(lambda: self._running.pop(key, None))
        self.pool.start(task)
        return task

    @property
    def running(self) -> int:
        return len(self._running)

    def cancel_all(self) -> None:
        for token, _signals in list(self._running.values()):
            token.cancel()

    def shutdown(self, timeout_ms: int = 15000) -> bool:
        """Cancel every task and wait for the pool; False if one did not stop in time."""
        self.cancel_all()
        return self.pool.waitForDone(timeout_ms)
