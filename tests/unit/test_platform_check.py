"""The hint that replaces Qt's "could not load the Qt platform plugin" abort."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from wizard_app.ui import platform_check as pc

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 on Linux")


def test_no_display_says_so_and_other_platforms_are_left_to_qt() -> None:
    assert "DISPLAY is not set" in (pc.problem({}) or "")
    assert pc.problem({"WAYLAND_DISPLAY": "wayland-0"}) is None
    assert pc.problem({"QT_QPA_PLATFORM": "offscreen"}) is None


def test_the_real_plugin_loads_or_names_a_package_to_install() -> None:
    plugin = pc._xcb_plugin()
    assert plugin is not None
    lib = pc.missing_library(plugin)
    message = pc.problem({"DISPLAY": ":99"}, plugin)
    if lib is None:
        assert message is None
    else:
        assert lib in pc.DEBIAN_PACKAGES, lib
        assert message is not None
        assert pc.DEBIAN_PACKAGES[lib] in message
        assert "sudo apt install libxcb-cursor0" in message


def test_a_plugin_that_is_not_a_library_is_reported(tmp_path: Path) -> None:
    fake = tmp_path / "libqxcb.so"
    fake.write_bytes(b"not an ELF file")
    message = pc.problem({"DISPLAY": ":99"}, fake)
    assert message is not None
    assert "cannot open" in message


def test_the_app_prints_the_hint_and_exits_2_instead_of_aborting(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}  # no DISPLAY, no Qt platform
    done = subprocess.run(
        [sys.executable, "-m", "wizard_app", "--data-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip
    assert done.returncode == 2
    assert "no display" in done.stderr
    assert "Traceback" not in done.stderr
    assert "qt.qpa" not in done.stderr
