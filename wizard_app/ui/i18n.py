"""Loading the app's translations (resources/i18n/wizard_<lang>.qm) and Qt's own."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from wizard_app.core.paths import bundled_dir

log = logging.getLogger(__name__)

SUPPORTED = ("en", "nl")


def i18n_dir() -> str:
    return str(bundled_dir("resources") / "i18n")


def install_translators(app: QCoreApplication, language: str | None = None) -> list[QTranslator]:
    """Install the translators for ``language`` (default: the system's); returns them.

    The caller keeps the list alive: a translator that is garbage-collected stops working.
    """
    locale = QLocale(language) if language else QLocale.system()
    if language:
        QLocale.setDefault(locale)
    installed: list[QTranslator] = []
    if locale.language() in (QLocale.Language.English, QLocale.Language.C):
        return installed
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    own = QTranslator(app)
    if own.load(locale, "wizard", "_", i18n_dir()):
        app.installTranslator(own)
        installed.append(own)
    else:
        log.info("no translation for %s; showing English", locale.name())
    return installed
