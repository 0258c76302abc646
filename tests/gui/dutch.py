"""The app in Dutch for the span of a test: its translators installed, then removed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QLocale

from wizard_app.ui.i18n import install_translators


@contextmanager
def in_dutch(app: QCoreApplication) -> Iterator[None]:
    before = QLocale()
    translators = install_translators(app, "nl")
    try:
        yield
    finally:
        for t in translators:
            QCoreApplication.removeTranslator(t)
        QLocale.setDefault(before)
