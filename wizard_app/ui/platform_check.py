"""Before Qt starts on Linux: can its xcb platform plugin load, and is there a display?

Without the X11 libraries Qt's xcb plugin needs (``libxcb-cursor0`` first among them since
Qt 6.5), Qt prints "Could not load the Qt platform plugin "xcb"" and aborts the process.
This module finds that out first, by loading the plugin the way Qt would, and says which
system packages to install. It imports no Qt module, so nothing of Qt has started yet.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import re
import sys
from pathlib import Path

# The libraries PySide6's libqxcb.so needs beyond a desktop's usual set, with the Debian
# and Ubuntu package of each (Qt's own list: doc.qt.io/qt-6/linux-requirements.html).
DEBIAN_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libGL.so.1": "libgl1",
    "libdbus-1.so.3": "libdbus-1-3",
}
ALL_PACKAGES = " ".join(dict.fromkeys(DEBIAN_PACKAGES.values()))
_MISSING = re.compile(r"([\w.+-]+\.so[\w.]*): cannot open shared object file")


def _xcb_plugin() -> Path | None:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations)))
    plugin = root / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.is_file() else None


def missing_library(plugin: Path) -> str | None:
    """The first library the plugin cannot find, or None when it loads."""
    try:
        ctypes.CDLL(str(plugin), mode=os.RTLD_LAZY | os.RTLD_LOCAL)
    except OSError as exc:
        match = _MISSING.search(str(exc))
        return match.group(1) if match else str(exc)
    return None


def problem(env: dict[str, str] | None = None, plugin: Path | None = None) -> str | None:
    """What stops the window from opening, in words with the fix; None if nothing does."""
    env = dict(os.environ) if env is None else env
    if not sys.platform.startswith("linux"):
        return None
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return None  # offscreen, wayland, vnc...: Qt's own business
    if not env.get("DISPLAY"):
        if env.get("WAYLAND_DISPLAY"):
            return None  # Qt picks its wayland plugin
        return (
            "There is no display to open the window on (DISPLAY is not set). Run the app "
            "from a desktop session, or use the command line: model-wizard --help."
        )
    plugin = plugin or _xcb_plugin()
    if plugin is None:
        return None
    lib = missing_library(plugin)
    if lib is None:
        return None
    package = DEBIAN_PACKAGES.get(lib)
    named = f"{lib} (Debian/Ubuntu package {package})" if package else lib
    return (
        f"The window cannot open: Qt's X11 plugin needs {named}, which is not installed. "
        f"On Debian or Ubuntu install what Qt needs with: sudo apt install {ALL_PACKAGES}. "
        "On Fedora: sudo dnf install xcb-util-cursor xcb-util-wm xcb-util-image "
        "xcb-util-keysyms xcb-util-renderutil libxkbcommon-x11."
    )
