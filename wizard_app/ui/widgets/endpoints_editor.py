"""Settings: the named OpenAI-compatible servers (the same file as ``model-wizard
endpoints``). A change is saved at once; Check asks the server in a task."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wizard_app.ui.errors import exception_text
from wizard_app.ui.tasks import Task

if TYPE_CHECKING:
    from wizard_app.core.remote.endpoints import Endpoint, EndpointStore
    from wizard_app.ui.services import Services


class EndpointsEditor(QGroupBox):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._task: Task | None = None
        self.setTitle(self.tr("Servers (OpenAI-compatible endpoints)"))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Saved servers"))
        self.list.setMaximumHeight(90)
        self.name = QLineEdit()
        self.name.setPlaceholderText("gpu-box")
        self.url = QLineEdit()
        self.url.setPlaceholderText("http://192.168.1.20:8080")
        self.key = QLineEdit()
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText(self.tr("empty: the server needs no key"))
        self.verify = QCheckBox(self.tr("Verify the TLS certi&ficate"))
        self.verify.setChecked(True)
        self.save = QPushButton(self.tr("Sa&ve server"))
        self.remove = QPushButton(self.tr("Rem&ove"))
        self.check = QPushButton(self.tr("Chec&k"))
        self.result = QLabel()
        self.result.setWordWrap(True)
        for widget, name in {
            self.name: self.tr("Server name"),
            self.url: self.tr("Server address"),
            self.key: self.tr("Server API key"),
            self.save: self.tr("Save the server"),
            self.remove: self.tr("Remove the chosen server"),
            self.check: self.tr("Check the chosen server"),
        }.items():
            widget.setAccessibleName(name)
        form = QFormLayout()
        for text, field in (
            (self.tr("&Name:"), self.name),
            (self.tr("Addre&ss:"), self.url),
            (self.tr("API ke&y:"), self.key),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow("", self.verify)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save)
        buttons.addWidget(self.remove)
        buttons.addWidget(self.check)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.save.clicked.connect(self._on_save_clicked)
        self.remove.clicked.connect(self._on_remove_clicked)
        self.check.clicked.connect(self._on_check_clicked)
        self._fill()

    def store(self) -> EndpointStore:
        from wizard_app.core.remote.endpoints import EndpointStore

        return EndpointStore.in_config(self.services.paths.config)

    def _fill(self, select: str | None = None) -> None:
        self.list.clear()
        for e in self.store().all():
            self.list.addItem(e.name)
        rows = [self.list.item(i).text() for i in range(self.list.count())]
        if select in rows:
            self.list.setCurrentRow(rows.index(select))
        has = bool(rows)
        self.remove.setEnabled(has)
        self.check.setEnabled(has)

    def _chosen(self) -> Endpoint | None:
        item = self.list.currentItem()
        if item is None:
            return None
        for e in self.store().all():
            if e.name == item.text():
                return e
        return None

    def _on_list_current_row_changed(self, _row: int) -> None:
        e = self._chosen()
        if e is None:
            return
        self.name.setText(e.name)
        self.url.setText(e.base_url)
        self.key.setText(e.api_key)
        self.verify.setChecked(e.verify_tls)

    def _on_save_clicked(self) -> None:
        from wizard_app.core.errors import WizardError
        from wizard_app.core.remote.endpoints import Endpoint

        try:
            saved = self.store().add(
                Endpoint(
                    self.name.text().strip(),
                    self.url.text(),
                    self.key.text().strip(),
                    self.verify.isChecked(),
                )
            )
        except (WizardError, OSError) as exc:
            self.result.setText(exception_text(exc))
            return
        self._fill(saved.name)
        self.result.setText(self.tr("Saved %1.").replace("%1", saved.name))

    def _on_remove_clicked(self) -> None:
        e = self._chosen()
        if e is None:
            return
        self.store().remove(e.name)
        self._fill()
        self.result.setText(self.tr("Removed %1.").replace("%1", e.name))

    def _on_check_clicked(self) -> None:
        e = self._chosen()
        if e is None or self._task is not None:
            return
        from wizard_app.core.remote.client import RemoteClient

        def job(token):  # type: ignore[no-untyped-def]
            with RemoteClient(e, connect_timeout_s=5, read_timeout_s=10) as client:
                yield client.check()

        self.result.setText(self.tr("Asking %1…").replace("%1", e.name))
        task = self._task = Task(job, "endpoint-check")
        task.signals.progress.connect(self._on_check_progress)
        task.signals.failed.connect(self.result.setText)
        task.signals.ended.connect(self._on_check_ended)
        self.services.runner.start(task)

    def _on_check_progress(self, health: object) -> None:
        models = ", ".join(m.id for m in health.models) or "–"  # type: ignore[attr-defined]
        ms = round(health.latency_s * 1000)  # type: ignore[attr-defined]
        self.result.setText(
            self.tr("%1 answered in %2 ms. Models: %3")
            .replace("%1", health.endpoint)  # type: ignore[attr-defined]
            .replace("%2", str(ms))
            .replace("%3", models)
        )

    def _on_check_ended(self) -> None:
        self._task = None
