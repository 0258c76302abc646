"""How a worker's end is told: the errors the client raises and the words for a death.

A worker can end by a signal (SIGKILL from the system when memory runs out, SIGSEGV from
a kernel that crashes on this CPU), by an exit code, or by falling silent. Each gets a
message with its cause, the worker's last words without Python's own crash report, and
an error code the UI translates.
"""

from __future__ import annotations

import re
import signal
from collections.abc import Mapping, Sequence

from wizard_app.core.errors import Param, WizardError, render


class RunError(WizardError):
    """The worker reported an error for a request (bad file, out of memory, ...)."""

    def __init__(
        self,
        message: str,
        remedy: str = "",
        kind: str = "",
        details: Sequence[str] = (),
        *,
        code: str | None = None,
        params: Mapping[str, Param] | None = None,
    ) -> None:
        super().__init__(message, remedy, code=code, params=params)
        self.kind = kind
        self.details = tuple(details)


class WorkerDied(RunError):
    """The worker process ended while the app was waiting on it."""

    returncode: int | None = None


# Python's faulthandler report of a native crash: frames of the app, not words for a user.
_FRAME_LINE = re.compile(
    r"^\s*(File \"|Fatal Python error|Current thread|Thread 0x|Extension modules|"
    r"<no Python frame>|Stack \(most recent call first\)|Garbage-collecting)"
)
# Crashes of native code (signals on POSIX, NTSTATUS exit codes on Windows).
_CRASH_SIGNALS = {"SIGSEGV", "SIGILL", "SIGBUS", "SIGFPE"}
_WINDOWS_CRASHES = {0xC0000005: "access violation", 0xC000001D: "illegal instruction"}


def last_words(output: Sequence[str]) -> list[str]:
    """What the worker printed last, without Python's own crash report."""
    return [line for line in output if line.strip() and not _FRAME_LINE.match(line)][-3:]


def crash_name(returncode: int | None) -> str | None:
    """The name of a native crash ('SIGSEGV', 'access violation'), or None."""
    if returncode is None:
        return None
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            return None
        return name if name in _CRASH_SIGNALS else None
    return _WINDOWS_CRASHES.get(returncode & 0xFFFFFFFF)


def death_code(returncode: int | None, output: Sequence[str]) -> tuple[str, dict[str, Param]]:
    """The error code for a worker killed by the system or crashed in native code."""
    crashed = crash_name(returncode)
    if crashed is not None:
        return "runtime.worker_crashed", {"signal": crashed}
    if returncode is None or -returncode != getattr(signal, "SIGKILL", 9):
        return "", {}
    tail = last_words(output)
    try:
        name = signal.Signals(-returncode).name
    except ValueError:
        name = f"signal {-returncode}"
    if tail:
        return "runtime.worker_killed.words", {"signal": name, "words": " | ".join(tail)}
    return "runtime.worker_killed", {"signal": name}


def death_message(returncode: int | None, output: Sequence[str]) -> tuple[str, str]:
    code, params = death_code(returncode, output)
    if code:
        return render(code, params)
    tail = last_words(output)
    said = f" Its last words: {' | '.join(tail)}" if tail else ""
    if returncode is None:
        what = "The model process stopped answering."
    elif returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        if -returncode == getattr(signal, "SIGKILL", 9):
            what = f"The model process was killed ({name}); the system may have run out of memory."
        elif -returncode == signal.SIGABRT:
            what = f"llama.cpp aborted the model process ({name})."
        else:
            what = f"The model process crashed ({name})."
    else:
        what = f"The model process exited unexpectedly (code {returncode})."
    remedy = (
        "The app is fine and a fresh model process is ready: load the model again, or try a "
        "smaller model, quant or context if it happens again."
    )
    return what + said, remedy


def worker_died(returncode: int | None, output: Sequence[str]) -> WorkerDied:
    """The error for a worker that ended with ``returncode``, its last ``output`` lines."""
    message, remedy = death_message(returncode, output)
    code, params = death_code(returncode, output)
    died = WorkerDied(
        message, remedy, "worker_died", tuple(output), code=code or None, params=params
    )
    died.returncode = returncode
    return died


def worker_hung(seconds: int) -> WorkerDied:
    """The error for a worker silent for ``seconds`` (the client's watchdog)."""
    message, remedy = render("runtime.worker_hung", {"seconds": seconds})
    return WorkerDied(
        message, remedy, "worker_died", (), code="runtime.worker_hung", params={"seconds": seconds}
    )
