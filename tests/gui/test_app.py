"""The composition root: the window opens fast, without the heavy parts, and quits clean."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QTimer

from wizard_app import app
from wizard_app.core.paths import AppPaths

ROOT = Path(__file__).parents[2]

FIRST_WINDOW = """
import json, sys
from wizard_app import app

def shown(window):
    heavy = ["wizard_app.core.recommend.engine", "wizard_app.core.catalog.loader",
             "sqlalchemy", "alembic", "llama_cpp", "huggingface_hub", "numpy",
             "wizard_app.core.runtime.client", "wizard_app.core.download.queue"]
    print(json.dumps({"loaded": [m for m in heavy if m in sys.modules],
                      "tabs": window.tabs.count()}), flush=True)
    window.close()

sys.exit(app.run(sys.argv[1], ["wizard"], on_shown=shown))
"""


def test_the_first_window_needs_none_of_the_heavy_modules(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", FIRST_WINDOW, str(tmp_path)],
        capture_output=True, text=True, timeout=120, env=env, check=True,
    )  # fmt: skip
    report = json.loads(out.stdout.strip().splitlines()[0])
    assert report == {"loaded": [], "tabs": 4}


def _open_and_close(data_dir: Path) -> dict[str, object]:
    seen: dict[str, object] = {}

    def shown(window) -> None:  # type: ignore[no-untyped-def]
        seen["tab"] = window.tabs.currentWidget()
        seen["library"], seen["wizard"] = window.library, window.wizard
        seen["title"] = window.windowTitle()
        QTimer.singleShot(0, window.close)

    seen["rc"] = app.run(data_dir, ["wizard"], on_shown=shown)
    return seen


def test_a_first_start_opens_the_wizard(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seen = _open_and_close(tmp_path)
    assert seen["rc"] == 0
    assert seen["tab"] is seen["wizard"]
    assert seen["title"] == "Open Model Wizard"
    assert AppPaths.under(tmp_path).settings_file.parent.is_dir()


def test_a_returning_user_comes_back_to_the_library(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    paths = AppPaths.under(tmp_path).ensure()
    paths.database.write_bytes(b"")  # used before
    seen = _open_and_close(tmp_path)
    assert seen["tab"] is seen["library"]


def test_closing_at_once_starts_no_loading(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The window closed in the turn it appeared: nothing may start after the shutdown."""
    seen: dict[str, object] = {}

    def shown(window) -> None:  # type: ignore[no-untyped-def]
        window.close()  # before the start-up loading is connected to run
        seen["services"] = window.services

    assert app.run(tmp_path, ["wizard"], on_shown=shown) == 0
    services = seen["services"]
    assert services._task is None  # type: ignore[attr-defined]
    assert services.pool.activeThreadCount() == 0  # type: ignore[attr-defined]
