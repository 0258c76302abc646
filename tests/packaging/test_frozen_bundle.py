"""The Linux one-folder app built with PyInstaller (packaging/build.py) and run: its
``--self-test`` (window, catalog, database, the bundled model through the frozen worker),
the frozen CLI (smoke_test.py) and the size limit. Takes two to four minutes on 2 cores."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="CI's workflow builds those"),
]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("pyinstaller")
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build.py"), "--only-folder", "--no-test",
         "--dist", str(out / "dist"), "--work", str(out / "build")],
        capture_output=True, text=True, timeout=1500, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out / "dist" / "OpenModelWizard", result.stdout


@pytest.mark.timeout(1800)
def test_the_frozen_app_passes_its_self_test(bundle: tuple[Path, str]) -> None:
    folder, build_log = bundle
    size = re.search(r"^size: ([\d.]+) MB", build_log, re.M)
    assert size is not None, build_log[-2000:]
    assert float(size.group(1)) < 250
    t = time.perf_counter()
    result = subprocess.run(
        [str(folder / "model-wizard"), "--self-test"],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    elapsed = time.perf_counter() - t
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "self-test (linux, frozen)" in result.stdout
    assert "[ok  ] generate: selftest.gguf" in result.stdout  # the model the build bundled
    assert elapsed < 120


@pytest.mark.timeout(600)
def test_the_frozen_cli_runs_a_model(bundle: tuple[Path, str]) -> None:
    folder, _ = bundle
    version = subprocess.run(
        [str(folder / "model-wizard"), "--version"], capture_output=True, text=True, check=False
    )
    assert version.returncode == 0
    assert re.fullmatch(r"model-wizard \S+ \(llama\.cpp with [A-Za-z +]*CPU\)\n", version.stdout)
    smoke = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "smoke_test.py"), str(folder / "model-wizard")],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
    assert "smoke test passed" in smoke.stdout
