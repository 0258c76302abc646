"""How the worker process is started: the app's own executable with a worker flag.

From source that is ``python -m wizard_app --runtime-worker``; in a frozen (PyInstaller)
build ``sys.executable`` is the app itself, so the same flag goes straight to it. Both
``wizard_app/__main__.py`` and ``wizard_app.cli.main`` hand the flag to the worker before
anything else is imported, so a frozen app's entry point needs nothing more.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

WORKER_FLAG = "--runtime-worker"


def worker_command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, WORKER_FLAG]
    return [sys.executable, "-m", "wizard_app", WORKER_FLAG]


def worker_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The parent's environment, with this checkout importable from source."""
    env = dict(os.environ)
    if not getattr(sys, "frozen", False):
        root = str(Path(__file__).resolve().parents[3])
        paths = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
        if root not in paths:
            env["PYTHONPATH"] = os.pathsep.join([root, *paths])
    env.setdefault("PYTHONIOENCODING", "utf-8")
    if extra:
        env.update(extra)
    return env


def is_worker_invocation(argv: list[str]) -> bool:
    return argv[:1] == [WORKER_FLAG]
