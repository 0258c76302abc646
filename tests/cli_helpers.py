"""Running ``model-wizard`` in the test process, with its own data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard_app.cli import main


def cli(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``model-wizard --data-dir DATA ARGS...``."""
    code = main(["--data-dir", str(data), *args])
    out, err = capsys.readouterr()
    return code, out, err
