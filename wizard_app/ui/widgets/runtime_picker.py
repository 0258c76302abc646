"""Where a prompt runs: this computer, or a model on one of the user's endpoints.

The endpoints come from the file the CLI shares (``core.remote.endpoints``); a server's
models are listed by a Task, never in a slot. ``show_remote`` fills the figures view with
what the remote client measured.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from wizard_app.ui import format as fmt
from wizard_app.ui.tasks import Task

if TYPE_CHECKING:
    from wizard_app.core.remote.client import RemoteDone
    from wizard_app.core.remote.endpoints import Endpoint, EndpointStore
    from wizard_app.ui.services import Services
    from wizard_app.ui.widgets.metrics import MetricsView


class RuntimePicker(QWidget):
    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._task: Task | None = None
        self.runtime = QComboBox()
        self.runtime.setAccessibleName(self.tr("Where the model runs"))
        self.model = QComboBox()
        self.model.setAccessibleName(self.tr("Model on the server"))
        self.model.setMinimumContentsLength(18)
        self.refresh = QPushButton(self.tr("Re&fresh"))
        self.refresh.setAccessibleName(self.tr("List the server's models again"))
        self.state = QLabel()
        self.state.setWordWrap(True)
        label = QLabel(self.tr("R&untime:"))
        label.setBuddy(self.runtime)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label)
        row.addWidget(self.runtime)
        row.addWidget(self.model, 1)
        row.addWidget(self.refresh)
        row.addWidget(self.state, 1)
        self.runtime.currentIndexChanged.connect(self._on_runtime_changed)
        self.model.currentIndexChanged.connect(self.changed)
        self.refresh.clicked.connect(self._list_models)
        self.reload()

    def store(self) -> EndpointStore:
        from wizard_app.core.remote.endpoints import EndpointStore

        return EndpointStore.in_config(self.services.paths.config)

    def reload(self) -> None:
        """Read the endpoints again (after Settings changed them)."""
        current = self.runtime.currentData()
        self.runtime.blockSignals(True)
        self.runtime.clear()
        self.runtime.addItem(self.tr("This computer"), None)
        for endpoint in self.store().all():
            self.runtime.addItem(endpoint.name, endpoint.name)
        self.runtime.setCurrentIndex(max(0, self.runtime.findData(current)))
        self.runtime.blockSignals(False)
        self._on_runtime_changed()

    def endpoint(self) -> Endpoint | None:
        name = self.runtime.currentData()
        if name is None:
            return None
        for endpoint in self.store().all():
            if endpoint.name == name:
                return endpoint
        return None

    def selected(self) -> tuple[Endpoint, str] | None:
        """The endpoint and model id to ask, or None for this computer."""
        endpoint, model = self.endpoint(), self.model.currentData()
        return (endpoint, str(model)) if endpoint is not None and model else None

    @property
    def is_remote(self) -> bool:
        return self.runtime.currentData() is not None

    def _on_runtime_changed(self) -> None:
        remote = self.is_remote
        self.model.setVisible(remote)
        self.refresh.setVisible(remote)
        self.state.setText("")
        self.model.clear()
        if remote:
            self._list_models()
        self.changed.emit()

    def _list_models(self) -> None:
        endpoint = self.endpoint()
        if endpoint is None or self._task is not None:
            return
        from wizard_app.core.remote.client import RemoteClient

        def job(token):  # type: ignore[no-untyped-def]
            with RemoteClient(endpoint, read_timeout_s=15) as client:
                yield client.models()

        self.state.setText(self.tr("Asking %1 for its models…").replace("%1", endpoint.name))
        task = self._task = Task(job, "remote-models")
        task.signals.progress.connect(self._on_models_listed)
        task.signals.failed.connect(self._on_models_failed)
        task.signals.ended.connect(self._on_models_ended)
        self.services.runner.start(task)

    def _on_models_listed(self, models: object) -> None:
        self.model.blockSignals(True)
        self.model.clear()
        for m in models:  # type: ignore[attr-defined]
            self.model.addItem(m.id, m.id)
        self.model.blockSignals(False)
        count = self.model.count()
        self.state.setText(
            self.tr("Models on the server: %1").replace("%1", str(count))
            if count
            else self.tr("The server lists no models.")
        )
        self.changed.emit()

    def _on_models_failed(self, message: str) -> None:
        self.state.setText(message)

    def _on_models_ended(self) -> None:
        self._task = None


def show_remote(view: MetricsView, done: RemoteDone) -> None:
    """The remote client's figures; what only the server knows stays a dash."""
    m = done.metrics
    view.clear()
    view.measured["ttft"].setText(fmt.seconds(m.ttft_s))
    view.measured["gen"].setText(fmt.tokens_per_s(m.gen_tok_per_s))
    notes = [
        QCoreApplication.translate(
            "RuntimePicker", "Measured here, through the network: %1 tokens."
        ).replace("%1", str(m.gen_tokens)),
        QCoreApplication.translate(
            "RuntimePicker", "The server's memory and load time are not known here."
        ),
    ]
    timings = m.server_timings
    if timings is not None:
        view.measured["prompt"].setText(fmt.tokens_per_s(timings.prompt_per_second))
        notes.append(
            QCoreApplication.translate("RuntimePicker", "The server's own figure: %1.").replace(
                "%1", fmt.tokens_per_s(timings.predicted_per_second)
            )
        )
    view.notes.setText(" ".join(notes))
