"""Every control a person uses has a name for screen readers and a keyboard path."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QMenuBar,
    QPlainTextEdit,
    QScrollBar,
    QTextEdit,
    QWidget,
)

from wizard_app.ui.main_window import MainWindow
from wizard_app.ui.views.settings_dialog import SettingsDialog

CONTROLS = (
    QAbstractButton, QAbstractItemView, QAbstractSlider, QAbstractSpinBox, QComboBox,
    QLineEdit, QPlainTextEdit, QTextEdit,
)  # fmt: skip


def unnamed(root: QWidget, checked: list[QWidget] | None = None) -> list[str]:
    missing = []
    checked = [] if checked is None else checked
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or isinstance(widget, QScrollBar):
            continue
        if widget.objectName().startswith("__qt__"):  # QWizard's own buttons
            continue
        if isinstance(widget, QHeaderView) or isinstance(
            widget.parent(), QAbstractSpinBox | QComboBox | QAbstractItemView | QMenuBar
        ):
            continue  # parts of a control: headers, the editor of a spin box, corner buttons
        if isinstance(widget.parent().parent(), QComboBox):
            continue  # a combo box's popup list
        checked.append(widget)
        iface = QAccessible.queryAccessibleInterface(widget)
        name = iface.text(QAccessible.Text.Name) if iface is not None else ""
        if not name.strip():
            missing.append(f"{type(widget).__name__} in {type(widget.parent()).__name__}")
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus and not isinstance(
            widget, QAbstractButton
        ):
            missing.append(f"{type(widget).__name__} cannot get keyboard focus")
    return missing


@pytest.fixture
def window(qtbot, ready):  # type: ignore[no-untyped-def]
    w = MainWindow(ready)
    qtbot.addWidget(w)
    return w


def test_every_control_has_an_accessible_name(qtbot, window, ready) -> None:  # type: ignore[no-untyped-def]
    checked: list[QWidget] = []
    assert unnamed(window, checked) == []
    assert len(checked) > 40  # every page of the wizard, My models and History
    dialog = SettingsDialog(ready, window)
    assert unnamed(dialog) == []


def test_the_menu_and_tabs_have_keyboard_shortcuts(window) -> None:  # type: ignore[no-untyped-def]
    texts = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert all("&" in t for t in texts)
    actions = window.menuBar().actions()[0].menu().actions()
    assert len(actions) >= 3  # New recommendation, Find on the Hub, Settings, Quit
    assert not any(a.shortcut().isEmpty() for a in actions)
