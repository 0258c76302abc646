"""Trying a model: presets, a prompt, streamed output, Stop, and the measured figures.

The run is ``core.runtime.trial.trial_run`` in a Task; inference happens in the worker
process. With a server chosen as the runtime (``RuntimePicker``) the same prompt goes to
its model through the remote client instead. Tokens are collected as they arrive and
painted every 40 ms, not one by one.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from wizard_app.ui.presets import Preset, presets_for
from wizard_app.ui.tasks import Task
from wizard_app.ui.widgets.metrics import MetricsView
from wizard_app.ui.widgets.runtime_picker import RuntimePicker, show_remote

if TYPE_CHECKING:
    from wizard_app.core.hardware.profile import HardwareProfile
    from wizard_app.core.runtime.trial import TrialResult
    from wizard_app.ui.services import Services

PAINT_MS = 40


class TrialPanel(QWidget):
    run_finished = Signal(object)  # core.runtime.trial.TrialResult
    running_changed = Signal(bool)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._task: Task | None = None
        self._path: Path | None = None
        self._hw: HardwareProfile | None = None
        self._model_id: int | None = None
        self._name: str | None = None
        self._pending: list[str] = []
        self._tokens = 0
        self._first_at: float | None = None
        self.last_result: TrialResult | None = None
        self._make_inputs()
        self.ignore_eos = False  # benchmarks: keep generating to max_tokens
        self.temperature = 0.8  # sampling of the next run (tests and comparisons pin them)
        self.seed: int | None = None
        self._make_outputs()
        self.runtime = RuntimePicker(services)
        self._lay_out()
        self._paint = QTimer(self)
        self._paint.setInterval(PAINT_MS)
        self._paint.timeout.connect(self._on_paint_timeout)
        self.presets.currentIndexChanged.connect(self._on_presets_changed)
        self.prompt.textChanged.connect(self._on_prompt_text_changed)
        self.run.clicked.connect(self.start)
        self.stop.clicked.connect(self.cancel)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.start)

    def _make_inputs(self) -> None:
        self.presets = QComboBox()
        self.presets.setAccessibleName(self.tr("Prompt presets"))
        self.prompt = QPlainTextEdit()
        self.prompt.setAccessibleName(self.tr("Prompt"))
        self.prompt.setPlaceholderText(self.tr("Type a prompt, or choose a preset above."))
        self.prompt.setTabChangesFocus(True)
        self.prompt.setMaximumHeight(120)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.max_tokens = QSpinBox()
        self.max_tokens.setRange(16, 8192)
        self.max_tokens.setValue(256)
        self.max_tokens.setSingleStep(64)
        self.max_tokens.setSuffix(self.tr(" tokens"))
        self.max_tokens.setAccessibleName(self.tr("Longest answer in tokens"))

    def _make_outputs(self) -> None:
        self.run = QPushButton(self.tr("&Run"))
        self.run.setToolTip(self.tr("Run the prompt (Ctrl+Return)"))
        self.run.setAccessibleName(self.tr("Run the prompt"))
        self.stop = QPushButton(self.tr("S&top"))
        self.stop.setAccessibleName(self.tr("Stop the answer"))
        self.stop.setEnabled(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.output = QPlainTextEdit()
        self.output.setReadOnly(True)
        self.output.setAccessibleName(self.tr("The model's answer"))
        self.output.setTabChangesFocus(True)
        self.metrics = MetricsView()

    def _lay_out(self) -> None:
        preset_label = QLabel(self.tr("Pr&eset:"))
        preset_label.setBuddy(self.presets)
        top = QHBoxLayout()
        top.addWidget(preset_label)
        top.addWidget(self.presets, 1)
        length_label = QLabel(self.tr("&Longest answer:"))
        length_label.setBuddy(self.max_tokens)
        top.addWidget(length_label)
        top.addWidget(self.max_tokens)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.run)
        buttons.addWidget(self.stop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.runtime)
        layout.addLayout(top)
        layout.addWidget(self.prompt)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        body = QHBoxLayout()
        body.addWidget(self.output, 3)
        body.addWidget(self.metrics, 2)
        layout.addLayout(body, 1)

    # ---- set up --------------------------------------------------------------------------
    def set_model(
        self,
        path: Path,
        hw: HardwareProfile | None,
        use_case: str,
        language: str | None,
        *,
        model_id: int | None = None,
        name: str | None = None,
    ) -> None:
        self._path, self._hw, self._model_id, self._name = path, hw, model_id, name
        self.presets.blockSignals(True)
        self.presets.clear()
        self.presets.addItem(self.tr("Your own prompt"), None)
        for preset in presets_for(self.services.presets, use_case, language):
            self.presets.addItem(preset.title, preset)
        self.presets.blockSignals(False)
        self.presets.setCurrentIndex(1 if self.presets.count() > 1 else 0)
        self._on_presets_changed(self.presets.currentIndex())

    def _on_presets_changed(self, index: int) -> None:
        preset: Preset | None = self.presets.itemData(index)
        if preset is not None:
            self.prompt.setPlainText(preset.prompt)
        self.note.setText(
            self.tr("What to look for: %1").replace("%1", preset.note)
            if preset is not None and preset.note
            else ""
        )

    def _on_prompt_text_changed(self) -> None:
        """An edited preset is the user's own prompt: its hint and system prompt no longer fit."""
        preset: Preset | None = self.presets.currentData()
        if preset is not None and self.prompt.toPlainText() != preset.prompt:
            self.presets.setCurrentIndex(0)

    @property
    def running(self) -> bool:
        return self._task is not None

    # ---- running -------------------------------------------------------------------------
    def start(self) -> None:
        if self.running or not self.prompt.toPlainText().strip():
            return
        if self.runtime.is_remote:
            self._start_remote()
            return
        if self._path is None:
            return
        from wizard_app.core.runtime.trial import TrialSettings, trial_run

        preset: Preset | None = self.presets.currentData()
        settings = TrialSettings(
            path=self._path,
            prompt=self.prompt.toPlainText().strip(),
            system=(preset.system or None) if preset is not None else None,
            n_threads=self.services.settings.threads or None,
            n_ctx=self.services.settings.default_context or None,
            max_tokens=self.max_tokens.value(),
            ignore_eos=self.ignore_eos,
            temperature=self.temperature,
            seed=self.seed,
        )
        client, hw, models_dir = self.services.runtime(), self._hw, self.services.models_dir
        cache = self.services.paths.cache

        def job(token):  # type: ignore[no-untyped-def]
            if hw is None:  # opened from the library: read this machine first
                from wizard_app.core.hardware.probe import detect
                from wizard_app.core.runtime.machine_profile import attach

                yield (probed := attach(detect(models_dir), cache))
                yield from trial_run(client, settings, probed, token)
            else:
                yield from trial_run(client, settings, hw, token)

        self._run_task(job, self.tr("Starting the model…"))

    def _start_remote(self) -> None:
        chosen = self.runtime.selected()
        if chosen is None:
            self.status.setText(self.tr("Choose a model on the server first."))
            return
        from wizard_app.core.remote.client import RemoteClient
        from wizard_app.core.remote.runtime import chat_request

        endpoint, model = chosen
        preset: Preset | None = self.presets.currentData()
        request = chat_request(
            model,
            self.prompt.toPlainText().strip(),
            system=(preset.system or None) if preset is not None else None,
            max_tokens=self.max_tokens.value(),
            temperature=self.temperature,
            seed=self.seed,
        )

        def job(token):  # type: ignore[no-untyped-def]
            with RemoteClient(endpoint) as client:
                yield from client.chat(request, token)

        self._run_task(job, self.tr("Asking %1…").replace("%1", endpoint.name))

    def _run_task(self, job, starting: str) -> None:  # type: ignore[no-untyped-def]
        self.output.clear()
        self._pending, self._tokens, self._first_at = [], 0, None
        self.metrics.clear()
        self.status.setText(starting)
        task = self._task = Task(job, "trial")
        task.signals.progress.connect(self._on_task_progress)
        task.signals.failed.connect(self._on_task_failed)
        task.signals.finished.connect(self._on_task_ended)
        task.signals.cancelled.connect(self._on_task_cancelled)
        self._set_running(True)
        self.services.runner.start(task)

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.status.setText(self.tr("Stopping…"))

    def _set_running(self, running: bool) -> None:
        self.run.setEnabled(not running)
        self.stop.setEnabled(running)
        if running:
            self._paint.start()
        else:
            self._paint.stop()
            self._on_paint_timeout()
            self._task = None
        self.running_changed.emit(running)

    def _on_task_progress(self, event: object) -> None:
        from wizard_app.core.hardware.profile import HardwareProfile
        from wizard_app.core.remote.client import RemoteDone
        from wizard_app.core.runtime import protocol as p
        from wizard_app.core.runtime.trial import Planned, TrialResult

        if isinstance(event, RemoteDone):
            self._on_paint_timeout()
            self._complete_text(event.text)
            show_remote(self.metrics, event)
        elif isinstance(event, HardwareProfile):
            self._hw = event
        elif isinstance(event, p.Token):
            if self._first_at is None:
                self._first_at = time.perf_counter()
                self.status.setText(self.tr("Answering…"))
            self._pending.append(event.text)
            self._tokens += 1
        elif isinstance(event, Planned):
            self.metrics.show_plan(event.plan)
            self.status.setText(self.tr("Loading the model…"))
        elif isinstance(event, p.LoadProgress):
            self.status.setText(
                self.tr("Loading the model… %1%").replace("%1", str(int(event.fraction * 100)))
            )
        elif isinstance(event, p.Loaded):
            self.status.setText(self.tr("Reading the prompt…"))
        elif isinstance(event, TrialResult):
            self._on_paint_timeout()
            self._complete_text(event.output)
            self.last_result = event
            self.metrics.show_result(event)
            self._save(event)
            self.run_finished.emit(event)

    def _on_paint_timeout(self) -> None:
        if self._pending:
            text, self._pending = "".join(self._pending), []
            cursor = self.output.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertText(text)
            self.output.setTextCursor(cursor)
            self.output.ensureCursorVisible()
        if self._first_at is not None and self.running:
            elapsed = time.perf_counter() - self._first_at
            self.metrics.show_live(self._tokens, elapsed)

    def _complete_text(self, final: str) -> None:
        """The worker holds back a last partial character or stop-string prefix; the final
        text has it, resolved."""
        shown = self.output.toPlainText()
        if final == shown:
            return
        if final.startswith(shown):
            cursor = self.output.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertText(final[len(shown) :])
        else:
            self.output.setPlainText(final)

    def _on_task_failed(self, message: str) -> None:
        self._set_running(False)
        self.status.setText(self.tr("The run failed: %1").replace("%1", message))

    def _on_task_ended(self) -> None:
        self._set_running(False)
        self.status.setText(self.tr("Done."))

    def _on_task_cancelled(self) -> None:
        self._set_running(False)
        self.status.setText(self.tr("Stopped."))

    def _save(self, result: TrialResult) -> None:
        """Keep the run: its measured figures correct later estimates on this machine."""
        from wizard_app import __version__
        from wizard_app.core.runtime.records import run_fields
        from wizard_app.core.storage.run_tables import RunRepository

        db = self.services.database
        if db is None or self._hw is None:
            return
        fields = run_fields(
            result,
            machine_id=self.services.machine_id(self._hw),
            app_version=__version__,
            model_id=self._model_id,
            model_name=self._name,
        )
        RunRepository(db).add_run(fields)
        if self._model_id is not None:
            from wizard_app.core.library.installed import Library

            Library(db, self.services.models_dir).touch(self._model_id)

    def text(self) -> str:
        return self.output.toPlainText()
