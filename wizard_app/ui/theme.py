"""Following the OS light or dark theme, and the few colours the app paints itself.

The platform style already follows the OS; the badges and bars take their colours from
the palette, with a light and a dark set of accents so they stay readable on both.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

_ACCENTS = {
    # verdict: (light theme, dark theme)
    "gpu": ("#1b7f3b", "#5fd38a"),
    "split": ("#1f6fb2", "#6cb6ff"),
    "cpu": ("#a35c00", "#f2b35b"),
    "no_fit": ("#b3261e", "#ff8a80"),
    "open": ("#6a3fb5", "#c3a6ff"),
    "neutral": ("#5f6368", "#bdc1c6"),
}


def is_dark(widget: QWidget | None = None) -> bool:
    """Whether the palette in use is dark: what is painted, whatever the OS setting says."""
    palette = widget.palette() if widget is not None else QGuiApplication.palette()
    key = palette.cacheKey()
    dark = _dark.get(key)
    if dark is None:
        dark = _dark[key] = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return dark


_dark: dict[int, bool] = {}


def follow_color_scheme() -> None:
    """Repaint the app's own colours when the OS switches between light and dark."""
    hints = QGuiApplication.styleHints()
    if hints is not None:
        hints.colorSchemeChanged.connect(_on_color_scheme_changed)


def _on_color_scheme_changed(_scheme: Qt.ColorScheme) -> None:
    for widget in QApplication.allWidgets():
        widget.update()


def accent(name: str, widget: QWidget | None = None) -> QColor:
    light, dark = _ACCENTS.get(name, _ACCENTS["neutral"])
    return QColor(dark if is_dark(widget) else light)


def badge_colors(name: str, widget: QWidget | None = None) -> tuple[QColor, QColor]:
    """(background, text) for a badge: a tint of the accent with the accent as text."""
    fg = accent(name, widget)
    bg = QColor(fg)
    bg.setAlphaF(0.18 if is_dark(widget) else 0.12)
    return bg, fg
