"""The window: the wizard, My models and History as tabs; Settings from the menu."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from wizard_app import __version__
from wizard_app.ui.services import Services
from wizard_app.ui.views.library_view import LibraryView
from wizard_app.ui.wizard.page_ids import PageId
from wizard_app.ui.wizard.wizard import ModelWizard

if TYPE_CHECKING:
    from wizard_app.ui.views.compare_view import CompareView
    from wizard_app.ui.views.history_view import HistoryView


class MainWindow(QMainWindow):
    shown = Signal()  # the first time the window is on screen

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("Open Model Wizard"))
        self.wizard = ModelWizard(services)
        self.library = LibraryView(services)
        self.tabs = QTabWidget()
        # Compare and History are built on their first visit: their widgets cost start-up
        self._compare = _LazyTab(self.tabs, self._make_compare)
        self._history = _LazyTab(self.tabs, self._make_history)
        self.tabs.setAccessibleName(self.tr("Sections"))
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.wizard, self.tr("Wi&zard"))
        self.tabs.addTab(self.library, self.tr("My &models"))
        self.tabs.addTab(self._compare.slot, self.tr("&Compare"))
        self.tabs.addTab(self._history.slot, self.tr("Hi&story"))
        self.setCentralWidget(self.tabs)
        self.banner = QLabel()
        self.statusBar().addWidget(self.banner, 1)
        self._build_menu()
        welcome = self.wizard.page(PageId.WELCOME)
        welcome.library_requested.connect(lambda: self.tabs.setCurrentWidget(self.library))  # type: ignore[attr-defined]
        welcome.history_requested.connect(lambda: self.tabs.setCurrentWidget(self.history))  # type: ignore[attr-defined]
        self.wizard.page(PageId.DOWNLOAD).settings_requested.connect(self.open_settings)  # type: ignore[attr-defined]
        self.wizard.page(PageId.FINISH).compare_requested.connect(self._on_compare_requested)  # type: ignore[attr-defined]
        self.wizard.finished.connect(self._on_wizard_finished)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        services.failed.connect(self._on_services_failed)
        services.ready.connect(self._on_services_ready)
        self.banner.setText(self.tr("Loading the model catalog…"))
        # someone who used the app before comes back to their models and history
        if services.paths.database.exists():
            self.tabs.setCurrentWidget(self.library)
        self.resize(1100, 720)
        self._shown = False

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&File"))
        new = QAction(self.tr("&New recommendation"), self)
        new.setShortcut(QKeySequence.StandardKey.New)
        new.triggered.connect(self.restart_wizard)
        hub = QAction(self.tr("Find on the &Hub…"), self)
        hub.setShortcut(QKeySequence("Ctrl+F"))
        hub.triggered.connect(self.open_hub_search)
        settings = QAction(self.tr("&Settings…"), self)
        settings.setShortcut(QKeySequence("Ctrl+,"))
        settings.triggered.connect(self.open_settings)
        quit_ = QAction(self.tr("&Quit"), self)
        quit_.setShortcut(QKeySequence("Ctrl+Q"))
        quit_.triggered.connect(self.close)
        for action in (new, hub, settings, quit_):
            menu.addAction(action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About"), self)
        about.triggered.connect(self._on_about_triggered)
        help_menu.addAction(about)

    @property
    def compare(self) -> CompareView:
        """The Compare tab's view, built (and put in its tab) the first time it is needed."""
        return cast("CompareView", self._compare.view())

    @property
    def history(self) -> HistoryView:
        """The History tab's view, built the first time it is needed."""
        return cast("HistoryView", self._history.view())

    def _make_compare(self) -> QWidget:
        from wizard_app.ui.views.compare_view import CompareView

        return CompareView(self.services)

    def _make_history(self) -> QWidget:
        from wizard_app.ui.views.history_view import HistoryView

        return HistoryView(self.services)

    # ---- navigation ----------------------------------------------------------------------
    def restart_wizard(self) -> None:
        self.wizard.restart()
        self.wizard.show()
        self.tabs.setCurrentWidget(self.wizard)

    def _on_wizard_finished(self, _result: int) -> None:
        # QWizard hides itself when it finishes; it is reused for the next run
        self.restart_wizard()
        self.library.refresh()
        if self._history.built:
            self.history.refresh()
        self.tabs.setCurrentWidget(self.library)

    def _on_compare_requested(self, use_case: str, model_path: object) -> None:
        """The wizard's last step: compare the chosen model with others for its use case."""
        self.tabs.setCurrentWidget(self.compare)
        self.compare.prepare(use_case or None, model_path if isinstance(model_path, Path) else None)

    def _on_tabs_current_changed(self, _index: int) -> None:
        current = self.tabs.currentWidget()
        for lazy in (self._compare, self._history):
            if current is lazy.slot:
                current = lazy.view()  # its first visit: the view takes the slot's place
        if current is self.library:
            self.library.refresh()
        elif self._compare.built and current is self.compare and not self.compare.running:
            self.compare.refresh()
        elif self._history.built and current is self.history:
            self.history.refresh()

    def open_settings(self) -> None:
        from wizard_app.ui.views.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.services, self)
        dialog.open()
        self.settings_dialog = dialog

    def open_hub_search(self) -> None:
        """Find a GGUF repository on the Hub, see its fit, add a file to my models."""
        from wizard_app.ui.views.hub_search import HubSearchDialog

        dialog = HubSearchDialog(self.services, self)
        dialog.open()
        self.hub_dialog = dialog

    def _on_about_triggered(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Open Model Wizard"),
            self.tr(
                "Open Model Wizard %1: choose, download and try an open-weight language "
                "model that fits your machine. Nothing leaves your machine except model "
                "downloads."
            ).replace("%1", __version__),
        )

    # ---- start-up and the end ------------------------------------------------------------
    def _on_services_ready(self) -> None:
        self.banner.setText("")
        self.services.downloads.resume_interrupted()
        database = self.services.database
        if database is not None and database.notice_codes:  # a damaged file was set aside
            from wizard_app.ui.errors import notice_text

            self.notice_box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("The database was replaced"),
                notice_text(database.notice_codes, database.notice or ""),
                QMessageBox.StandardButton.Ok,
                self,
            )
            self.notice_box.open()

    def _on_services_failed(self, message: str) -> None:
        self.banner.setText(self.tr("The app cannot start properly: %1").replace("%1", message))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown:
            self._shown = True
            QTimer.singleShot(0, self.shown.emit)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.services.shutdown()
        super().closeEvent(event)


class _LazyTab:
    """A tab whose view is made the first time it is needed: until then a blank slot
    holds its place (and label) in the tab bar."""

    def __init__(self, tabs: QTabWidget, make: Callable[[], QWidget]) -> None:
        self.tabs = tabs
        self.make = make
        self.slot = QWidget()
        self._view: QWidget | None = None

    @property
    def built(self) -> bool:
        return self._view is not None

    def view(self) -> QWidget:
        if self._view is None:
            view = self.make()
            index = self.tabs.indexOf(self.slot)
            label = self.tabs.tabText(index)
            current = self.tabs.currentIndex()
            blocked = self.tabs.blockSignals(True)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, view, label)
            self.tabs.setCurrentIndex(current)
            self.tabs.blockSignals(blocked)
            self.slot.deleteLater()
            self._view = view
        return self._view
