"""The composition root: paths, settings, services and the window.

Only what the first window needs is imported here; the catalog, the database and the
engine load in the thread pool once the window is up.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)


def _application(argv: Sequence[str] | None) -> QApplication:
    """The running QApplication (tests make one), else a new one: named, with its icon."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from wizard_app import __version__
    from wizard_app.ui.icons import app_icon

    app = QApplication.instance()
    if app is None:
        # fractional scale factors as the OS sets them (125 %, 150 %): sharp SVG icons
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(list(argv if argv is not None else sys.argv))
    assert isinstance(app, QApplication)
    app.setApplicationName("Open Model Wizard")
    app.setOrganizationName("OpenModelWizard")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("open-model-wizard")
    app.setWindowIcon(app_icon())
    return app


def run(
    data_dir: str | os.PathLike[str] | None = None,
    argv: Sequence[str] | None = None,
    on_shown: Callable[[object], None] | None = None,
) -> int:
    """Build everything, show the window and run the event loop until it closes."""
    from PySide6.QtCore import QThreadPool

    from wizard_app.core.errors import WizardError
    from wizard_app.core.logs import setup_logging
    from wizard_app.core.paths import AppPaths

    app = _application(argv)
    try:
        paths = AppPaths.resolve(data_dir).ensure()
    except WizardError as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "Open Model Wizard", str(exc))
        return 2
    setup_logging(paths.logs)
    from wizard_app.core import yamlfile

    yamlfile.DEFAULT_CACHE = paths.parsed_cache  # the rules and tables parse once

    from wizard_app.core.settings import AppSettings
    from wizard_app.ui.i18n import install_translators
    from wizard_app.ui.services import Services

    settings = AppSettings.load(paths.settings_file)
    translators = install_translators(app, settings.language or None)
    from wizard_app.ui.theme import follow_color_scheme

    follow_color_scheme()
    pool = QThreadPool()
    pool.setMaxThreadCount(max(2, QThreadPool.globalInstance().maxThreadCount()))
    services = Services(paths, pool, settings)

    from wizard_app.ui.main_window import MainWindow

    window = MainWindow(services)
    if on_shown is not None:
        window.shown.connect(lambda: on_shown(window))
    # the catalog and the database load once the window is on screen, not before
    window.shown.connect(services.start)
    window.show()
    try:
        return int(app.exec())
    finally:
        del translators
        services.shutdown()


def main(data_dir: str | os.PathLike[str] | None = None) -> int:
    return run(data_dir)


if __name__ == "__main__":
    raise SystemExit(main())
