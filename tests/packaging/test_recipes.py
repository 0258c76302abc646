"""The packaging recipes agree with the project: the workflow builds the llama-cpp-python
that pyproject pins, every file the recipes name exists, the Linux metadata validates."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "build.yml"
METAINFO = ROOT / "packaging" / "linux" / "org.openmodelwizard.OpenModelWizard.metainfo.xml"
DESKTOP = ROOT / "packaging" / "linux" / "open-model-wizard.desktop"


def test_the_workflow_builds_the_pinned_llama_cpp_python_on_three_systems() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    pinned = re.search(r'"llama-cpp-python(?:\[\w+\])?==([\d.]+)"', pyproject)
    assert pinned is not None
    assert workflow["env"]["LLAMA_CPP_PYTHON"] == pinned.group(1)
    job = workflow["jobs"]["build"]
    systems = {entry["os"] for entry in job["strategy"]["matrix"]["include"]}
    assert {s.split("-")[0] for s in systems} == {"ubuntu", "windows", "macos"}
    assert "macos-14" in systems  # Apple Silicon, Metal
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    assert "python packaging/build.py" in runs
    assert "pip wheel --no-deps --wheel-dir wheels" in runs
    cache = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/cache"))
    for part in ("LLAMA_CPP_PYTHON", "runner.os", "PYTHON_VERSION", "BACKEND"):
        assert part in cache["with"]["key"]


def test_every_file_the_recipes_name_exists() -> None:
    outputs = {"dist", "build"}  # what build.py writes
    named = []
    for recipe in ("model_wizard.spec", "build.py"):
        text = (ROOT / "packaging" / recipe).read_text(encoding="utf-8")
        for base, parts in re.findall(r'\b(ROOT|PACKAGING)((?: / "[^"{}]+")+)', text):
            path = "/".join(re.findall(r'"([^"]+)"', parts))
            if path not in outputs:
                named.append(f"packaging/{path}" if base == "PACKAGING" else path)
    installer = (ROOT / "packaging" / "windows" / "installer.iss").read_text(encoding="utf-8")
    named += [m.replace("\\", "/") for m in re.findall(r"\\\.\.\\(resources\\[\w\\.]+)", installer)]
    missing = [name for name in named if not (ROOT / name).exists()]
    assert not missing
    assert "resources/icons/app.ico" in named
    assert "packaging/macos/entitlements.plist" in named
    assert "packaging/linux/AppRun" in named


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="needs appstreamcli")
def test_the_appstream_metadata_validates() -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_the_desktop_entry_validates() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""  # no hints either


def test_the_icons_hold_the_sizes_the_systems_ask_for() -> None:
    sys.path.insert(0, str(ROOT / "packaging"))
    ico = (ROOT / "resources" / "icons" / "app.ico").read_bytes()
    count = int.from_bytes(ico[4:6], "little")
    sides = {ico[6 + 16 * i] or 256 for i in range(count)}
    assert {16, 32, 48, 256} <= sides
    icns = (ROOT / "resources" / "icons" / "app.icns").read_bytes()
    assert icns[:4] == b"icns"
    assert int.from_bytes(icns[4:8], "big") == len(icns)
    assert b"ic10" in icns  # 1024 px, for the Retina Finder
