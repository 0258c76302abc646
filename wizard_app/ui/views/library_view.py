"""My models: what is installed, the download queue, and trying a model again."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wizard_app.ui.errors import exception_text
from wizard_app.ui.models.downloads import DownloadsModel
from wizard_app.ui.models.library import LibraryItem, LibraryModel
from wizard_app.ui.services import Services
from wizard_app.ui.tasks import Task
from wizard_app.ui.widgets.trial_panel import TrialPanel

if TYPE_CHECKING:
    from wizard_app.core.download.events import DownloadProgress
    from wizard_app.core.library.importing import ImportReady
    from wizard_app.core.library.installed import Library
    from wizard_app.core.library.scan import ScanRoots


def table(name: str) -> QTableView:
    view = QTableView()
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().setVisible(False)
    view.setTabKeyNavigation(False)
    view.setAlternatingRowColors(True)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


class TrialDialog(QDialog):
    """Trying an installed model outside the wizard."""

    def __init__(self, services: Services, item: LibraryItem, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Try %1").replace("%1", item.name))
        self.panel = TrialPanel(services)
        self.panel.set_model(
            Path(item.path), None, "chat", None, model_id=item.row_id, name=item.name
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        self.resize(900, 600)

    def done(self, result: int) -> None:
        self.panel.cancel()
        super().done(result)


class LibraryView(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.models = LibraryModel(self)
        self.queue = DownloadsModel(self)
        self.view = table(self.tr("Installed models"))
        self.view.setModel(self.models)
        self.queue_view = table(self.tr("Downloads"))
        self.queue_view.setModel(self.queue)
        self.empty = QLabel(self.tr("No models yet. Run the wizard to find and download one."))
        self._make_buttons()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.serving = QLabel()  # the servers this app runs, which outlive the Serve dialog
        self.serving.setAccessibleName(self.tr("Models being served"))
        self.serving.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.serving.hide()
        self._lay_out()
        self._connect(services)
        self._scan: Task | None = None
        self._import: Task | None = None
        self._ready: ImportReady | None = None
        self._found = 0
        self.scan_roots: ScanRoots | None = None  # None: where the other apps keep them
        self.message: QMessageBox | None = None
        services.when_ready(self.refresh)

    def _make_buttons(self) -> None:
        self.try_button = QPushButton(self.tr("&Try…"))
        self.folder_button = QPushButton(self.tr("Show &folder"))
        self.remove_button = QPushButton(self.tr("&Remove…"))
        self.serve_button = QPushButton(self.tr("Ser&ve…"))
        self.serve_button.setToolTip(
            self.tr("Serve the model on this computer with an OpenAI-compatible API")
        )
        self.scan_button = QPushButton(self.tr("Find models from &other apps"))
        self.scan_button.setToolTip(
            self.tr(
                "Look in the folders of LM Studio, GPT4All, Ollama and the Hugging Face "
                "cache; found models are used where they are, not copied."
            )
        )
        self.add_button = QPushButton(self.tr("&Add a file…"))
        self.add_button.setToolTip(
            self.tr("Add a GGUF model file from this computer; it is used where it is.")
        )
        self.pause_button = QPushButton(self.tr("&Pause"))
        self.resume_button = QPushButton(self.tr("Res&ume"))
        self.cancel_button = QPushButton(self.tr("&Cancel download"))
        for b in (
            self.try_button,
            self.folder_button,
            self.remove_button,
            self.serve_button,
            self.scan_button,
            self.add_button,
            self.pause_button,
            self.resume_button,
            self.cancel_button,
        ):
            b.setAccessibleName(b.text().replace("&", "").rstrip("…"))

    def _lay_out(self) -> None:
        row = QHBoxLayout()
        for b in (self.try_button, self.folder_button, self.remove_button, self.serve_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.add_button)
        row.addWidget(self.scan_button)
        qrow = QHBoxLayout()
        qrow.addWidget(QLabel(self.tr("<b>Downloads</b>")))
        qrow.addStretch(1)
        for b in (self.pause_button, self.resume_button, self.cancel_button):
            qrow.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 3)
        layout.addLayout(row)
        layout.addWidget(self.serving)
        layout.addWidget(self.status)
        layout.addLayout(qrow)
        layout.addWidget(self.queue_view, 1)

    def _connect(self, services: Services) -> None:
        self.try_button.clicked.connect(self._on_try_clicked)
        self.serve_button.clicked.connect(self._on_serve_clicked)
        self.folder_button.clicked.connect(self._on_folder_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.scan_button.clicked.connect(self.start_scan)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.pause_button.clicked.connect(lambda: self._queue_action("pause"))
        self.resume_button.clicked.connect(lambda: self._queue_action("resume"))
        self.cancel_button.clicked.connect(lambda: self._queue_action("cancel"))
        services.serving.changed.connect(self._update_buttons)
        d = services.downloads
        d.state_changed.connect(self._on_downloads_state_changed)
        d.installed.connect(self._on_downloads_installed)
        d.progress.connect(self._on_downloads_progress)
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)

    # ---- contents ------------------------------------------------------------------------
    def _library(self) -> Library:
        from wizard_app.core.library.installed import Library

        assert self.services.database is not None
        return Library(self.services.database, self.services.models_dir)

    def refresh(self) -> None:
        if self.services.database is None:
            return
        catalog = self.services.catalog
        items = [
            LibraryItem(
                # the catalog's name when the file came from the catalog, else the file's own
                name=catalog.get(e.catalog_id).variant.name
                if catalog is not None and e.catalog_id is not None and e.catalog_id in catalog
                else e.display_name,
                path=str(e.path),
                size_bytes=e.size_bytes,
                quant=e.quant,
                catalog_id=e.catalog_id,
                repo=e.repo,
                source=e.source,
                added_at=e.added_at,
                last_used_at=e.last_used_at,
                verified=e.sha256_verified,
                row_id=e.id,
            )
            for e in self._library().entries()
        ]
        self.models.set_rows(items)
        if items and not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.models.index(0, 0))
        self.empty.setVisible(not items)
        self.queue.set_rows([i for i in self.services.downloads.entries() if i.state != "verified"])
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_model = self.selected() is not None
        for b in (self.try_button, self.folder_button, self.remove_button, self.serve_button):
            b.setEnabled(has_model)
        self._show_serving()
        has_queue = self.queue.rowCount() > 0
        for b in (self.pause_button, self.resume_button, self.cancel_button):
            b.setEnabled(has_queue)

    def selected(self) -> LibraryItem | None:
        index = self.view.currentIndex()
        return self.models.row_at(index.row()) if index.isValid() else None

    # ---- actions -------------------------------------------------------------------------
    def _on_try_clicked(self) -> None:
        item = self.selected()
        if item is not None:
            TrialDialog(self.services, item, self).open()

    def _show_serving(self) -> None:
        """Where the app's servers are, and Stop serving for the selected model's."""
        serving = self.services.serving
        self.serving.setText(serving.summary())
        self.serving.setVisible(bool(self.serving.text()))
        item = self.selected()
        served = item is not None and serving.server_for(item.path) is not None
        self.serve_button.setText(self.tr("Stop ser&ving") if served else self.tr("Ser&ve…"))
        self.serve_button.setAccessibleName(self.serve_button.text().replace("&", "").rstrip("…"))

    def _on_serve_clicked(self) -> None:
        item = self.selected()
        server = self.services.serving.server_for(item.path) if item is not None else None
        if server is not None:
            self.services.serving.stop(server)
            self.serve_button.setEnabled(False)  # until it has stopped (serving.changed)
        elif item is not None:
            from wizard_app.ui.views.serve_dialog import ServeDialog

            self.serve_dialog = ServeDialog(self.services, Path(item.path), parent=self)
            self.serve_dialog.open()

    def _on_folder_clicked(self) -> None:
        item = self.selected()
        if item is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(item.path).parent)))

    def _on_remove_clicked(self) -> None:
        item = self.selected()
        if item is None or item.row_id is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Remove model"),
            self.tr(
                "Remove %1 from the library? A file the app downloaded is "
                "deleted; a file from another app stays where it is."
            ).replace("%1", item.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.finished.connect(lambda answer: self._remove(item, answer))
        box.open()

    def _remove(self, item: LibraryItem, answer: int) -> None:
        if answer != QMessageBox.StandardButton.Yes or item.row_id is None:
            return
        try:
            result = self._library().remove(item.row_id)
        except Exception as exc:  # a file in use, a permission: say so where it happened
            self.status.setText(exception_text(exc))
            return
        self.status.setText(result.note or self.tr("Removed."))
        self.refresh()

    def _queue_action(self, action: str) -> None:
        rows = self.queue_view.selectionModel().selectedRows()
        infos = [self.queue.row_at(r.row()) for r in rows] or self.queue.rows()
        getattr(self.services.downloads, action)([i.id for i in infos])

    def _on_add_clicked(self) -> None:
        dialog = QFileDialog(self, self.tr("Add a model file"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([self.tr("GGUF models (*.gguf)"), self.tr("All files (*)")])
        dialog.fileSelected.connect(lambda name: self.import_file(Path(name)))
        self.file_dialog = dialog
        dialog.open()

    def import_file(self, path: Path) -> None:
        """Read the file's header on a worker (as `model-wizard library import` does), then
        register it here, on the GUI thread."""
        from wizard_app.core.library.importing import prepare_import

        models_dir = self.services.models_dir
        self._ready = None
        self._import = Task(
            lambda token: prepare_import(path, models_dir, cancel=token), "library import"
        )
        self._import.signals.progress.connect(self._on_import_progress)
        self._import.signals.finished.connect(lambda: self._on_import_finished(path))
        self._import.signals.failed.connect(lambda text: self._on_import_failed(path, text))
        self.add_button.setEnabled(False)
        self.status.setText(self.tr("Reading %1…").replace("%1", path.name))
        self.services.runner.start(self._import)

    def _on_import_progress(self, event: object) -> None:
        from wizard_app.core.library.importing import ImportReady

        if isinstance(event, ImportReady):
            self._ready = event

    def _on_import_finished(self, path: Path) -> None:
        self.add_button.setEnabled(True)
        if self._ready is None or self.services.database is None:
            return
        try:
            entry = self._library().register_import(self._ready)
        except Exception as exc:  # the database is locked or full: say so here
            self._on_import_failed(path, exception_text(exc))
            return
        self.status.setText(self.tr("Added %1.").replace("%1", entry.display_name))
        self.refresh()
        for row, item in enumerate(self.models.rows()):
            if item.row_id == entry.id:
                self.view.setCurrentIndex(self.models.index(row, 0))

    def _on_import_failed(self, path: Path, text: str) -> None:
        self.add_button.setEnabled(True)
        lead = self.tr("%1 was not added to My models.").replace("%1", path.name)
        self.status.setText(f"{lead} {text}")
        self.message = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("Not a model file"), lead, parent=self
        )
        self.message.setInformativeText(text)
        self.message.open()

    def start_scan(self) -> None:
        from wizard_app.core.library.scan import ScanRoots, scan

        roots = self.scan_roots or ScanRoots.default()
        self._found = 0
        self._scan = Task(lambda token: scan(roots, cancel=token), "library scan")
        self._scan.signals.progress.connect(self._on_scan_found)
        self._scan.signals.finished.connect(lambda: self._on_scan_finished(roots))
        self._scan.signals.failed.connect(self.status.setText)
        self.scan_button.setEnabled(False)
        self.status.setText(self.tr("Looking for models from other apps…"))
        self.services.runner.start(self._scan)

    def _on_scan_found(self, found: object) -> None:
        from wizard_app.core.library.scan import FoundModel

        if isinstance(found, FoundModel) and self.services.database is not None:
            self._found += 1
            self._library().register(found)  # the database is written here, not in the task

    def _on_scan_finished(self, roots: ScanRoots) -> None:
        self.scan_button.setEnabled(True)
        folders = [str(p) for group in (roots.huggingface, roots.lmstudio, roots.gpt4all,
                                        roots.ollama) for p in group]  # fmt: skip
        where = self.tr("Looked in: %1.").replace("%1", ", ".join(folders))
        if self._found:
            found = self.tr("Models found in other apps: %1.").replace("%1", str(self._found))
        else:
            found = self.tr(
                "No models from other apps were found. Add a file with “Add a file…” instead."
            )
        self.status.setText(f"{found} {where}")
        self.refresh()

    # ---- downloads -----------------------------------------------------------------------
    def _on_downloads_state_changed(self, _id: int, _state: str, _reason: str) -> None:
        self.refresh()

    def _on_downloads_installed(self, _id: int, _event: object) -> None:
        self.refresh()

    def _on_downloads_progress(self, download_id: int, progress: DownloadProgress) -> None:
        self.queue.set_progress(download_id, progress.done)
