"""No Alt+letter on a wizard page (its labels, buttons, the window's tabs and menus) is also
the wizard's own Next, Back or Finish: Qt would then only move the focus between the two."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabBar, QWidget, QWizard

from tests.gui.dutch import in_dutch
from wizard_app.ui.main_window import MainWindow
from wizard_app.ui.wizard.page_ids import PageId

BUTTONS = (
    QWizard.WizardButton.NextButton,
    QWizard.WizardButton.BackButton,
    QWizard.WizardButton.FinishButton,
    QWizard.WizardButton.CancelButton,
)
FINISH = QWizard.WizardButton.FinishButton


def mnemonic(text: str) -> str | None:
    """The letter after a single '&' ('&&' is a literal ampersand), lower-cased."""
    match = re.search(r"(?<!&)&([^&\s])", text.replace("&&", ""))
    return match.group(1).lower() if match else None


def _texts(root: QWidget) -> Iterator[str]:
    for widget in root.findChildren(QWidget):
        if widget.objectName().startswith("__qt__"):  # the wizard's own buttons
            continue
        labelled = isinstance(widget, QLabel) and widget.buddy() is not None
        if labelled or isinstance(widget, QAbstractButton):
            yield widget.text()  # type: ignore[attr-defined]
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            yield widget.title()
        elif isinstance(widget, QTabBar):
            yield from (widget.tabText(i) for i in range(widget.count()))


def _keys(wizard: QWizard, buttons: tuple[QWizard.WizardButton, ...]) -> dict[str, str]:
    own = {}
    for which in buttons:
        if which == QWizard.WizardButton.CancelButton and wizard.testOption(
            QWizard.WizardOption.NoCancelButton
        ):
            continue
        letter = mnemonic(wizard.buttonText(which))
        if letter:
            own[letter] = wizard.buttonText(which)
    return own


def clashes(window: MainWindow) -> list[str]:
    """Every page against the buttons it shows (Finish only on a page that can end the
    wizard), and the window's tabs and menus, shown with every page, against them all."""
    wizard = window.wizard
    everywhere = _keys(wizard, BUTTONS)
    around = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    around += [a.text() for a in window.menuBar().actions()]
    found = [
        f"window: {t!r} against {everywhere[k]!r}"
        for t in around
        if (k := mnemonic(t)) in everywhere
    ]
    for page_id in PageId:
        page = wizard.page(page_id)
        shown = BUTTONS if page.isFinalPage() else tuple(b for b in BUTTONS if b != FINISH)
        own = _keys(wizard, shown)
        for text in _texts(page):
            letter = mnemonic(text)
            if letter in own:
                found.append(f"{page_id.name}: {text!r} against {own[letter]!r}")
    return found


@pytest.fixture
def dutch(qapp):  # type: ignore[no-untyped-def]
    with in_dutch(qapp):
        yield


def test_the_mnemonic_reader() -> None:
    assert mnemonic("&Next >") == "n"
    assert mnemonic("Fish && &chips") == "c"
    assert mnemonic("No shortcut") is None


def test_no_page_takes_the_wizards_own_keys(qtbot, ready) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ready)
    qtbot.addWidget(window)
    assert window.wizard.page(PageId.FINISH).isFinalPage()
    assert clashes(window) == []


def test_no_page_takes_the_wizards_own_keys_in_dutch(qtbot, ready, dutch) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ready)
    qtbot.addWidget(window)
    assert window.wizard.buttonText(QWizard.WizardButton.NextButton) == "&Volgende >"
    assert clashes(window) == []
