"""The Settings dialog's catalog box: which catalog is in use, update it, roll it back."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wizard_app.ui.tasks import Task, single

if TYPE_CHECKING:  # the catalog modules load with the first update, not with the window
    from wizard_app.core.catalog.update import CatalogStore
    from wizard_app.ui.services import Services


class CatalogUpdateBox(QGroupBox):
    """Fetches a signed catalog in a task; the update is used from the next start.

    ``store`` defaults to the data folder's, checked with the key shipped in resources/.
    """

    def __init__(
        self, services: Services, store: CatalogStore | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Model catalog"))
        self.services = services
        self._store = store
        self.url = QLineEdit(services.settings.catalog_url)
        self.url.setPlaceholderText("https://…/catalog.json")
        self.update_button = QPushButton(self.tr("&Update catalog"))
        self.rollback_button = QPushButton(self.tr("&Roll back"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.url.setAccessibleName(self.tr("Address of a signed catalog update"))
        self.update_button.setAccessibleName(self.tr("Update the model catalog"))
        self.rollback_button.setAccessibleName(self.tr("Go back to the previous catalog"))
        self.status.setAccessibleName(self.tr("Catalog status"))
        label = QLabel(self.tr("Update &address:"))
        label.setBuddy(self.url)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.url, 1)
        row.addWidget(self.update_button)
        row.addWidget(self.rollback_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self.update_button.clicked.connect(self._on_update_clicked)
        self.rollback_button.clicked.connect(self._on_rollback_clicked)
        self._show_in_use()

    @property
    def store(self) -> CatalogStore:
        if self._store is None:
            from wizard_app.core.catalog.update import CatalogStore

            self._store = CatalogStore(self.services.paths.data / "catalog")
        return self._store

    def _show_in_use(self) -> None:
        catalog = self.services.catalog
        if catalog is None:
            self.status.setText("")
        elif catalog.origin == "bundled":
            self.status.setText(
                self.tr("In use: the catalog that came with the app ({n} models).").format(
                    n=len(catalog)
                )
            )
        else:
            self.status.setText(
                self.tr("In use: the catalog update of {date} ({n} models).").format(
                    date=catalog.origin.removeprefix("update "), n=len(catalog)
                )
            )

    def _start(self, task: Task) -> None:
        self.update_button.setEnabled(False)
        self.rollback_button.setEnabled(False)
        self.status.setText(self.tr("Working…"))
        task.signals.progress.connect(self._on_task_progress)
        task.signals.failed.connect(self._on_task_failed)
        task.signals.ended.connect(self._on_task_ended)
        self.services.runner.start(task)

    def _on_update_clicked(self) -> None:
        url = self.url.text().strip()
        if not url:
            self.status.setText(self.tr("Give the address of a catalog update first."))
            return
        from wizard_app.core.catalog.update import update_catalog

        self._start(Task(single(partial(update_catalog, self.store, url)), "catalog-update"))

    def _on_rollback_clicked(self) -> None:
        self._start(Task(single(self.store.rollback), "catalog-rollback"))

    def _on_task_progress(self, result: object) -> None:
        from wizard_app.core.catalog.update import UpdateResult

        assert isinstance(result, UpdateResult)
        if result.created is None:
            text = self.tr(
                "Now in use from the next start: the catalog that came with the app ({n} models)."
            ).format(n=result.variants)
        else:
            text = self.tr(
                "Now in use from the next start: the catalog of {date} ({n} models)."
            ).format(date=f"{result.created:%Y-%m-%d %H:%M} UTC", n=result.variants)
        self.status.setText(text)

    def _on_task_failed(self, message: str) -> None:
        self.status.setText(
            self.tr("The catalog was not changed: {message}").format(message=message)
        )

    def _on_task_ended(self) -> None:
        self.update_button.setEnabled(True)
        self.rollback_button.setEnabled(True)
