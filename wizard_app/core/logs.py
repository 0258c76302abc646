"""Logging to a rotating file in the logs folder (and stderr when asked)."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(log_dir: Path, *, to_stderr: bool = False, level: int = logging.INFO) -> Path:
    """Send the app's log records to ``log_dir/model-wizard.log``; returns that path."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "model-wizard.log"
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_wizard", False):
            root.removeHandler(handler)
            handler.close()
    file_handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=5_000_000, backupCount=3, encoding="utf-8"
    )
    file_handler.setFormatter(logging.Formatter(LOG_FORMAT))
    file_handler._wizard = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    if to_stderr:
        stream = logging.StreamHandler()
        stream.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        stream._wizard = True  # type: ignore[attr-defined]
        root.addHandler(stream)
    root.setLevel(level if not to_stderr else logging.DEBUG)
    return path
