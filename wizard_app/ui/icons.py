"""The app's icons: SVG files in resources/icons, sharp at any scale factor."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from wizard_app.core.paths import bundled_dir


@cache
def icon(name: str) -> QIcon:
    path = bundled_dir("resources") / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


def app_icon() -> QIcon:
    return icon("app")
