"""Running the external tools the probes ask (nvidia-smi, rocm-smi, sysctl).

Every call goes through a ``Runner`` so tests can answer with recorded output. A tool that
is missing, hangs, or fails becomes a ``ProbeFailed`` whose ``reason`` is one short phrase
for ``HardwareProfile.unknown``; nothing else escapes.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Sequence
from typing import NamedTuple

DEFAULT_TIMEOUT_S = 3.0


class CommandResult(NamedTuple):
    returncode: int
    stdout: str
    stderr: str = ""


Runner = Callable[[Sequence[str], float], CommandResult]


class ProbeFailed(Exception):
    """A probe could not read its figure; ``reason`` says why in a few words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def run_subprocess(argv: Sequence[str], timeout: float) -> CommandResult:
    """The real runner: no shell, no stdin, output decoded leniently."""
    creationflags = 0
    if sys.platform == "win32":
        creationflags = subprocess.CREATE_NO_WINDOW  # no console window from the GUI
    proc = subprocess.run(
        list(argv),
        capture_output=True,
        stdin=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        check=False,
        creationflags=creationflags,
    )
    return CommandResult(proc.returncode, proc.stdout or "", proc.stderr or "")


def _first_line(text: str, limit: int = 160) -> str:
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= limit else line[: limit - 1] + "…"
    return ""


def run_tool(runner: Runner, argv: Sequence[str], timeout: float = DEFAULT_TIMEOUT_S) -> str:
    """Stdout of ``argv``, or ``ProbeFailed`` saying why there is none."""
    name = argv[0]
    try:
        result = runner(argv, timeout)
    except FileNotFoundError:
        raise ProbeFailed(f"{name} not found") from None
    except subprocess.TimeoutExpired:
        raise ProbeFailed(f"{name} did not answer within {timeout:g} s") from None
    except OSError as exc:
        raise ProbeFailed(f"{name} could not be started ({exc.strerror or exc})") from None
    if result.returncode != 0:
        detail = _first_line(result.stderr) or _first_line(result.stdout)
        suffix = f": {detail}" if detail else ""
        raise ProbeFailed(f"{name} failed with exit code {result.returncode}{suffix}")
    return result.stdout
