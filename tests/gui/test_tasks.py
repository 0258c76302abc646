"""The one adapter between core generators and Qt: events, failures, cancel, shutdown."""

from __future__ import annotations

import threading
from collections.abc import Iterator

from wizard_app.core.cancel import CancelToken
from wizard_app.core.errors import InputError
from wizard_app.ui.tasks import Task, TaskRunner


def test_events_arrive_in_the_gui_thread_in_order(qtbot, pool) -> None:  # type: ignore[no-untyped-def]
    seen: list[tuple[int, str]] = []
    ran_in: list[str] = []

    def job(_token: CancelToken) -> Iterator[object]:
        ran_in.append(threading.current_thread().name)
        yield from range(5)

    task = Task(job)
    task.signals.progress.connect(lambda e: seen.append((e, threading.current_thread().name)))
    runner = TaskRunner(pool)
    with qtbot.waitSignal(task.signals.finished, timeout=5000):
        runner.start(task)
    assert [e for e, _ in seen] == [0, 1, 2, 3, 4]
    assert {t for _, t in seen} == {threading.main_thread().name}
    assert ran_in[0] != threading.main_thread().name


def test_a_failure_reaches_the_user_with_its_remedy(qtbot, pool) -> None:  # type: ignore[no-untyped-def]
    def job(_token: CancelToken) -> Iterator[object]:
        raise InputError("The disk is full.", "Free 2 GB.")
        yield  # pragma: no cover

    task = Task(job)
    with qtbot.waitSignal(task.signals.failed, timeout=5000) as blocker:
        TaskRunner(pool).start(task)
    assert blocker.args == ["The disk is full. Free 2 GB."]


def test_cancel_and_shutdown_stop_a_running_job(qtbot, pool) -> None:  # type: ignore[no-untyped-def]
    started = threading.Event()

    def job(token: CancelToken) -> Iterator[object]:
        started.set()
        while not token.wait(0.01):
            yield "tick"

    task = Task(job)
    runner = TaskRunner(pool)
    runner.start(task)
    assert started.wait(5)
    with qtbot.waitSignal(task.signals.cancelled, timeout=5000):
        assert runner.shutdown(5000)
    assert pool.activeThreadCount() == 0
    qtbot.waitUntil(lambda: runner.running == 0)


def test_many_signal_emits_do_not_corrupt_the_interpreter(qapp) -> None:  # type: ignore[no-untyped-def]
    """PySide6 6.12.0 on Python 3.11 lost a reference to True per emit and aborted the
    process after a few thousand (a long answer streams that many tokens)."""
    import sys

    from PySide6.QtCore import QObject, Signal

    class Source(QObject):
        event = Signal(object)

    got: list[int] = []
    source = Source()
    source.event.connect(got.append)
    before = sys.getrefcount(True)
    for i in range(20_000):
        source.event.emit(i)
    assert len(got) == 20_000
    assert sys.getrefcount(True) >= before - 100
