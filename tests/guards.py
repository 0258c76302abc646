"""What every test is held to, whether it asks or not (a pytest plugin, see conftest.py).

- **No thread left running.** A Python thread or a Qt pool task that a test started and
  that is still alive a few seconds after it ended fails the test: it would run into the
  next test, hold files open on Windows, or hide a shutdown that does not happen.
- **No Qt warning.** ``qt_log_level_fail = WARNING`` in pyproject (pytest-qt, as
  qutebrowser does); the few messages a headless run always prints are listed there.
- **A test checks something.** A test that ends without one passing ``assert``, a
  ``pytest.raises``/``pytest.warns`` or a pytest-qt wait fails with "checked nothing": a
  test that skips its own work (an ``if`` around the asserts, a loop over nothing) would
  otherwise pass while testing nothing. Asserts are counted through pytest's assertion
  pass hook (``enable_assertion_pass_hook``), also in the tests' helper modules, which
  conftest registers for assertion rewriting.
"""

from __future__ import annotations

import functools
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

GRACE_S = 3.0
_checks = [0]


def _count() -> None:
    _checks[0] += 1


def pytest_assertion_pass(item: pytest.Item, lineno: int, orig: str, expl: str) -> None:
    _count()


def _counted(fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _count()  # a raises/warns/wait that is not met fails the test by itself
        return fn(*args, **kwargs)

    wrapper.__wrapped_check__ = True  # type: ignore[attr-defined]
    return wrapper


def _install_counters() -> None:
    for name in ("raises", "warns", "deprecated_call", "approx"):
        if not getattr(getattr(pytest, name), "__wrapped_check__", False):
            setattr(pytest, name, _counted(getattr(pytest, name)))
    try:
        from pytestqt.qtbot import QtBot
    except ImportError:
        return
    for name in (
        "waitSignal",
        "waitSignals",
        "waitUntil",
        "waitCallback",
        "waitExposed",
        "waitActive",
        "assertNotEmitted",
    ):
        method = getattr(QtBot, name, None)
        if method is not None and not getattr(method, "__wrapped_check__", False):
            setattr(QtBot, name, _counted(method))


_install_counters()


def _busy_pool_tasks() -> int:
    if "PySide6.QtCore" not in sys.modules:  # unit tests never import Qt
        return 0
    from PySide6.QtCore import QThreadPool

    return int(QThreadPool.globalInstance().activeThreadCount())


@pytest.fixture(autouse=True)
def no_thread_left_running(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a test that leaves a Python thread or a pool task running after it ends."""
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + GRACE_S
    while True:
        left = [
            t
            for t in threading.enumerate()
            if t not in before and t.is_alive() and not isinstance(t, threading._DummyThread)
        ]
        busy = _busy_pool_tasks()
        if (not left and not busy) or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    if left or busy:
        names = ", ".join(t.name for t in left)
        pytest.fail(
            f"{request.node.name} left threads running: {names or ''} (global pool tasks: {busy})"
        )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    _checks[0] = 0
    result = yield
    if _checks[0] == 0 and not item.get_closest_marker("checks_by_running"):
        pytest.fail(
            f"{item.name} checked nothing: no assert, pytest.raises or qtbot wait passed. "
            "Assert what the test is about (or mark it checks_by_running with a reason "
            "when finishing without an exception is the check).",
            pytrace=False,
        )
    return result
