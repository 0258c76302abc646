"""packaging/screenshots.py keeps working: it drives the whole app and saves every page."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
PAGES = ("1-welcome", "2-use-case", "3-hardware", "4-budget", "5-recommendations",
         "5b-left-out", "5c-upgrades", "6-download", "7-try-it", "8-finish", "9-my-models",
         "10-history", "11-settings", "12-compare-setup", "12b-compare-answers",
         "12c-compare-summary")  # fmt: skip

pytestmark = pytest.mark.slow


def test_the_script_takes_every_page(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "screenshots.py"), "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=900, env=env, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    for page in PAGES:
        image = QImage(str(tmp_path / f"{page}.png"))
        assert not image.isNull(), page
        assert image.width() >= 400, page
