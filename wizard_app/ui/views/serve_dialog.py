"""Serve a downloaded model on 127.0.0.1: port, optional key, start and stop, and the
URL with copy-paste snippets (curl, the openai Python client, other tools).

Planning (the GGUF header, this machine) and starting run in tasks; the server belongs to
``Services.serving``, which stops it with the app unless "keep running" is ticked.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wizard_app.ui.tasks import Task

if TYPE_CHECKING:
    from wizard_app.core.serve.server import LocalServer
    from wizard_app.ui.services import Services

SNIPPETS = ("curl", "python", "environment", "tools")


class ServeDialog(QDialog):
    def __init__(
        self,
        services: Services,
        path: Path,
        *,
        n_ctx: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services, self.path, self.n_ctx = services, path, n_ctx
        self.server: LocalServer | None = None
        self._task: Task | None = None
        self.setWindowTitle(self.tr("Serve %1").replace("%1", path.name))
        self.port = QSpinBox()
        self.port.setRange(1024, 65535)
        self.port.setValue(8080)
        self.key = QLineEdit()
        self.key.setPlaceholderText(self.tr("empty: no key (only this computer can connect)"))
        self.make_key = QPushButton(self.tr("&Make a key"))
        self.keep = QCheckBox(self.tr("&Keep it running after the app closes"))
        self.start = QPushButton(self.tr("&Start"))
        self.stop = QPushButton(self.tr("S&top"))
        self.stop.setEnabled(False)
        self.status = QLabel(
            self.tr("The server listens on 127.0.0.1 only: programs on this computer can use it.")
        )
        self.status.setWordWrap(True)
        self.url = QLineEdit()
        self.url.setReadOnly(True)
        self._build_snippets()
        self.copy = QPushButton(self.tr("&Copy"))
        self.copy.setEnabled(False)
        for widget, name in {
            self.port: self.tr("Port"),
            self.key: self.tr("API key clients must send"),
            self.make_key: self.tr("Make up an API key"),
            self.keep: self.tr("Keep the server running after the app closes"),
            self.start: self.tr("Start the server"),
            self.stop: self.tr("Stop the server"),
            self.url: self.tr("The server's address"),
            self.copy: self.tr("Copy the snippet shown"),
        }.items():
            widget.setAccessibleName(name)
        self._build_layout()
        self.setMinimumSize(640, 460)
        self.make_key.clicked.connect(self._on_make_key_clicked)
        self.start.clicked.connect(self._on_start_clicked)
        self.stop.clicked.connect(self._on_stop_clicked)
        self.copy.clicked.connect(self._on_copy_clicked)
        running = services.serving.server_for(path)  # opened again while it runs: show it
        if running is not None:
            self._show_running(running)
            self._set_busy(False)

    def _build_snippets(self) -> None:
        self.snippets = QTabWidget()
        self._texts: dict[str, QPlainTextEdit] = {}
        titles = {
            "curl": "curl",
            "python": "Python (openai)",
            "environment": self.tr("Environment"),
            "tools": self.tr("Editors and tools"),
        }
        for name in SNIPPETS:
            text = QPlainTextEdit()
            text.setReadOnly(True)
            text.setAccessibleName(self.tr("Snippet: %1").replace("%1", titles[name]))
            self._texts[name] = text
            self.snippets.addTab(text, titles[name])

    def _build_layout(self) -> None:
        key_row = QHBoxLayout()
        key_row.addWidget(self.key, 1)
        key_row.addWidget(self.make_key)
        form = QFormLayout()
        for caption, field in ((self.tr("&Port:"), self.port), (self.tr("API &key:"), key_row)):
            label = QLabel(caption)
            label.setBuddy(self.key if field is key_row else field)  # type: ignore[arg-type]
            form.addRow(label, field)
        form.addRow("", self.keep)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start)
        buttons.addWidget(self.stop)
        buttons.addStretch(1)
        address = QLabel(self.tr("&Address:"))
        address.setBuddy(self.url)
        url_row = QHBoxLayout()
        url_row.addWidget(address)
        url_row.addWidget(self.url, 1)
        url_row.addWidget(self.copy)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addLayout(url_row)
        layout.addWidget(self.snippets, 1)

    def _on_make_key_clicked(self) -> None:
        from wizard_app.core.serve.server import new_api_key

        self.key.setText(new_api_key())

    def _on_start_clicked(self) -> None:
        if self._task is not None or self.server is not None:
            return
        from wizard_app.core.runtime.placement import parse_gpu_layers

        path, port, key = self.path, self.port.value(), self.key.text().strip()
        keep = self.keep.isChecked()
        n_ctx = self.n_ctx or self.services.settings.default_context or None
        threads = self.services.settings.threads
        serving, models_dir = self.services.serving, self.services.models_dir
        runtime = self.services.runtime()

        def job(token):  # type: ignore[no-untyped-def]
            from wizard_app.core.hardware.probe import detect
            from wizard_app.core.runtime.placement import hardware_with_devices
            from wizard_app.core.serve.plan import plan_serve

            hello = runtime.start()  # what this llama.cpp build can offload to
            plan = plan_serve(
                path,
                hardware_with_devices(detect(models_dir), hello.devices),
                n_ctx=n_ctx,
                gpu_layers=parse_gpu_layers("auto"),
                offload=hello.supports_gpu_offload,
                port=port,
                api_key=key,
                n_threads=threads,
                keep_running=keep,
            )
            yield plan
            yield from serving.start_job(plan)(token)

        self.status.setText(self.tr("Starting the server (the model loads first)…"))
        self._set_busy(True)
        task = self._task = Task(job, "serve")
        task.signals.progress.connect(self._on_task_progress)
        task.signals.failed.connect(self._on_task_failed)
        task.signals.ended.connect(self._on_task_ended)
        self.services.runner.start(task)

    def _on_task_progress(self, event: object) -> None:
        from wizard_app.core.serve.plan import ServePlan
        from wizard_app.core.serve.server import LocalServer

        if isinstance(event, ServePlan):
            self.status.setText(
                self.tr("Loading %1 with %2 tokens of context and %3 GPU layers…")
                .replace("%1", event.settings.model_id)
                .replace("%2", str(event.settings.n_ctx))
                .replace("%3", str(event.settings.n_gpu_layers))
            )
        elif isinstance(event, LocalServer):
            self.services.serving.adopt(event)
            self._show_running(event)

    def _show_running(self, server: LocalServer) -> None:
        from wizard_app.core.serve.server import snippets

        self.server = server
        s = server.settings
        self.port.setValue(server.port)
        self.key.setText(s.api_key)
        self.keep.setChecked(s.keep_running)
        self.url.setText(server.url)
        for name, text in snippets(server.url, s.model_id, s.api_key).items():
            self._texts[name].setPlainText(text)
        self.copy.setEnabled(True)
        self.status.setText(
            self.tr(
                "Serving %1 at %2. Closing this window leaves it running: My models shows "
                "it, and its Stop serving button stops it."
            )
            .replace("%1", s.model_id)
            .replace("%2", server.url)
            + self._chat_note(server)
        )

    def _chat_note(self, server: LocalServer) -> str:
        chat = server.served_chat
        if chat is None or not chat.is_fallback:
            return ""  # the file's own chat template
        return " " + self.tr(
            "The file has no chat template: it is prompted in the %1 format, as Try it does."
        ).replace("%1", chat.name)

    def _on_task_failed(self, message: str) -> None:
        self.status.setText(self.tr("The server did not start: %1").replace("%1", message))

    def _on_task_ended(self) -> None:
        self._task = None
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        running = self.server is not None
        self.start.setEnabled(not busy and not running)
        self.stop.setEnabled(running and not busy)
        for widget in (self.port, self.key, self.make_key, self.keep):
            widget.setEnabled(not busy and not running)

    def _on_stop_clicked(self) -> None:
        if self.server is None:
            return
        task = self.services.serving.stop(self.server)
        task.signals.ended.connect(self._on_stopped)
        self.status.setText(self.tr("Stopping the server…"))
        self.stop.setEnabled(False)

    def _on_stopped(self) -> None:
        self.server = None
        self.url.clear()
        self.copy.setEnabled(False)
        self.status.setText(self.tr("The server was stopped."))
        self._set_busy(False)

    def _on_copy_clicked(self) -> None:
        text = self._texts[SNIPPETS[self.snippets.currentIndex()]].toPlainText()
        QGuiApplication.clipboard().setText(text)
