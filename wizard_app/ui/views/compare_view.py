"""The Compare screen: set up, watch the answers side by side, rate, summarise, history.

The run is ``core.compare.runner.run_comparison`` in one Task; inference happens in the
worker process, one model at a time. Tokens are collected as they arrive and painted
every 40 ms. Each finished cell is stored here, in the GUI thread, through the
repository; a stopped comparison resumes without running its finished cells again.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wizard_app.core.cancel import CancelToken
from wizard_app.core.compare.spec import MAX_MODELS, MIN_MODELS
from wizard_app.ui.tasks import Task
from wizard_app.ui.widgets.compare_grid import CompareGrid
from wizard_app.ui.widgets.compare_history import CompareHistory
from wizard_app.ui.widgets.compare_setup import CompareSetup
from wizard_app.ui.widgets.compare_summary import CompareSummary

if TYPE_CHECKING:
    from wizard_app.core.compare.spec import CompareSettings, ModelChoice, PromptItem
    from wizard_app.core.hardware.profile import HardwareProfile
    from wizard_app.core.storage.compare_tables import ComparisonRecord, ComparisonRepository
    from wizard_app.ui.services import Services

PAINT_MS = 40


class CompareView(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.record: ComparisonRecord | None = None
        self._task: Task | None = None
        self._hw: HardwareProfile | None = None
        self._new: (
            tuple[list[ModelChoice], list[PromptItem], CompareSettings, str | None, bool] | None
        ) = None
        self._rerun_of: int | None = None
        self._pending: list[tuple[int, int, str]] = []
        self._follow = True  # the grid shows the prompt being answered until the user picks one
        self.setup = CompareSetup()
        self.grid = CompareGrid()
        self.summary = CompareSummary()
        self.history = CompareHistory()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.progress = QLabel()
        self.stop = QPushButton(self.tr("S&top"))
        self.stop.setAccessibleName(self.tr("Stop the comparison"))
        self.resume = QPushButton(self.tr("Resum&e"))
        self.resume.setAccessibleName(self.tr("Resume the comparison"))
        answers = QWidget()
        al = QVBoxLayout(answers)
        al.addWidget(self.grid, 1)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.progress)
        row.addWidget(self.stop)
        row.addWidget(self.resume)
        al.addLayout(row)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Comparison"))
        self.tabs.addTab(self.setup, self.tr("Set &up"))
        self.tabs.addTab(answers, self.tr("A&nswers"))
        self.tabs.addTab(self.summary, self.tr("Summar&y"))
        self.tabs.addTab(self.history, self.tr("Ear&lier comparisons"))
        QVBoxLayout(self).addWidget(self.tabs)
        self._paint = QTimer(self)
        self._paint.setInterval(PAINT_MS)
        self._paint.timeout.connect(self._on_paint_timeout)
        self.setup.start_requested.connect(self.start)
        self.setup.save_set_requested.connect(self._on_setup_save_set_requested)
        self.stop.clicked.connect(self.cancel)
        self.resume.clicked.connect(self.resume_run)
        self.grid.rated.connect(self._on_grid_rated)
        self.grid.prompt_changed.connect(self._on_grid_prompt_changed)
        self.summary.reveal_requested.connect(self._on_summary_reveal_requested)
        self.summary.export_requested.connect(self._on_summary_export_requested)
        self.history.open_requested.connect(self.open_comparison)
        self.history.rerun_requested.connect(self.rerun)
        self.history.delete_requested.connect(self._on_history_delete_requested)
        self._set_running(False)
        services.when_ready(self.refresh)

    # ---- data ----------------------------------------------------------------------------
    def repo(self) -> ComparisonRepository | None:
        from wizard_app.core.storage.compare_tables import ComparisonRepository

        db = self.services.database
        return ComparisonRepository(db) if db is not None else None

    def refresh(self) -> None:
        """Models, prompt sets and history from the database (after start-up, on showing)."""
        from wizard_app.core.compare.prompt_sets import builtin_sets
        from wizard_app.core.download.library import Library
        from wizard_app.core.storage.compare_tables import PromptSetRepository

        db = self.services.database
        if db is None:
            return
        self.setup.set_models(Library(db, self.services.models_dir).entries())
        first = self.setup.source.count() == 0
        sets = [*builtin_sets(), *PromptSetRepository(db).all()]
        self.setup.set_prompt_sets(sets, use_case="chat" if first else None)
        self.history.repo = self.repo()
        self.history.refresh()

    def prepare(self, use_case: str | None, model_path: Path | None = None) -> None:
        """Come from the wizard: its use case's presets, its model checked."""
        self.refresh()
        if use_case:
            self.setup.set_prompt_sets(self.setup._sets, use_case=use_case)
        if model_path is not None:
            self.setup.check_models({model_path})
        self.tabs.setCurrentWidget(self.setup)

    def _on_setup_save_set_requested(self, name: str) -> None:
        from wizard_app.core.storage.compare_tables import PromptSetRepository

        db = self.services.database
        if db is None:
            return
        if not name:
            self.setup.status.setText(self.tr("Type a name for the set first."))
            return
        prompts = self.setup.prompt_items()
        if not prompts:
            self.setup.status.setText(self.tr("Add a prompt first."))
            return
        PromptSetRepository(db).save(name, prompts, self.setup.use_case)
        self.refresh()
        self.setup.status.setText(self.tr("Saved the set “%1”.").replace("%1", name))

    # ---- running -------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._task is not None

    def start(self) -> None:
        if self.running or self.services.database is None:
            return
        models, prompts = self.setup.chosen_models(), self.setup.prompt_items()
        if not MIN_MODELS <= len(models) <= MAX_MODELS:
            self.setup.status.setText(self.tr("Choose two to four models."))
            return
        if not prompts:
            self.setup.status.setText(self.tr("Add at least one prompt."))
            return
        self.setup.status.setText("")
        blind = self.setup.blind.isChecked()
        self._new = (models, prompts, self.setup.settings(), self.setup.use_case, blind)
        self._launch(models, prompts, self.setup.settings(), set())

    def resume_run(self) -> None:
        rec = self.record
        if self.running or rec is None or (rec.complete and not self._failed(rec)):
            return
        self._new = None
        self._launch(list(rec.models), list(rec.prompts), rec.settings, rec.finished_cells())

    @staticmethod
    def _failed(rec: ComparisonRecord) -> bool:
        return any(not c.done for c in rec.cells.values())

    def _launch(
        self,
        models: list[ModelChoice],
        prompts: list[PromptItem],
        settings: CompareSettings,
        skip: set[tuple[int, int]],
    ) -> None:
        from wizard_app.core.compare.runner import run_comparison

        client, hw, models_dir = self.services.runtime(), self._hw, self.services.models_dir

        def job(token: CancelToken) -> Iterator[object]:
            from wizard_app.core.hardware.probe import detect

            probed = hw or detect(models_dir)
            yield probed  # first: the comparison is stored with this machine
            yield from run_comparison(
                client, models, prompts, settings, probed, skip=skip, token=token
            )

        self._pending, self._follow = [], True
        self.status.setText(self.tr("Starting…"))
        task = self._task = Task(job, "compare")
        task.signals.progress.connect(self._on_task_progress)
        task.signals.failed.connect(self._on_task_failed)
        task.signals.finished.connect(self._on_task_finished)
        task.signals.cancelled.connect(self._on_task_cancelled)
        self._set_running(True)
        self.tabs.setCurrentIndex(1)
        self.services.runner.start(task)

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.services.runtime().cancel()
            self.status.setText(self.tr("Stopping…"))

    def _set_running(self, running: bool) -> None:
        self.stop.setEnabled(running)
        self.setup.start.setEnabled(not running)
        rec = self.record
        self.resume.setEnabled(
            not running and rec is not None and (not rec.complete or self._failed(rec))
        )
        if running:
            self._paint.start()
        else:
            self._paint.stop()
            self._on_paint_timeout()
            self._task = None

    def _name(self, model: int) -> str:
        from wizard_app.core.compare.summary import labels

        return labels(self.record)[model] if self.record is not None else ""

    def _on_task_progress(self, event: object) -> None:
        from wizard_app.core.compare import runner as r
        from wizard_app.core.hardware.profile import HardwareProfile

        if isinstance(event, r.CellToken):
            self._pending.append((event.model, event.prompt, event.text))
        elif isinstance(event, HardwareProfile):
            self._hw = event
            self._begin_record(event)
        elif isinstance(event, r.CellStarted):
            self._on_paint_timeout()
            if self._follow:
                self.grid.show_prompt(event.prompt)
            self.grid.start_cell(event.model, event.prompt)
            self.status.setText(
                self.tr("%1 is answering prompt %2…")
                .replace("%1", self._name(event.model))
                .replace("%2", str(event.prompt + 1))
            )
        elif isinstance(event, r.ModelStarted | r.ModelLoading):
            percent = int(event.fraction * 100) if isinstance(event, r.ModelLoading) else 0
            self.status.setText(
                self.tr("Loading %1… %2%")
                .replace("%1", self._name(event.model))
                .replace("%2", str(percent))
            )
        elif isinstance(event, r.CellFinished):
            self._on_paint_timeout()
            self._store(event)

    def _begin_record(self, hw: HardwareProfile) -> None:
        repo = self.repo()
        if self._new is None or repo is None:
            return
        from wizard_app import __version__

        models, prompts, settings, use_case, blind = self._new
        self.record = repo.create(
            models,
            prompts,
            settings,
            machine_id=self.services.machine_id(hw),
            hardware=hw.model_dump(mode="json"),
            app_version=__version__,
            use_case=use_case,
            blind=blind,
            rerun_of=self._rerun_of,
        )
        self._new, self._rerun_of = None, None
        self._show_record()

    def _store(self, event: object) -> None:
        from wizard_app import __version__
        from wizard_app.core.compare.runner import CellFinished

        repo = self.repo()
        assert isinstance(event, CellFinished)
        if repo is None or self.record is None:
            return
        repo.record(self.record, event, app_version=__version__)
        self.record = repo.get(self.record.id)
        self.grid.update_record(self.record, event.model, event.prompt)
        self.summary.set_comparison(self.record)
        self._show_progress()

    def _show_record(self) -> None:
        if self.record is None:
            return
        self.grid.set_comparison(self.record)
        self.summary.set_comparison(self.record)
        self._show_progress()

    def _show_progress(self) -> None:
        rec = self.record
        if rec is None:
            return
        failed = sum(1 for c in rec.cells.values() if not c.done)
        text = (
            self.tr("%1 of %2 answers")
            .replace("%1", str(len(rec.finished_cells())))
            .replace("%2", str(rec.total))
        )
        self.progress.setText(
            text + (self.tr(", %1 failed").replace("%1", str(failed)) if failed else "")
        )

    def _on_paint_timeout(self) -> None:
        if not self._pending:
            return
        merged: dict[tuple[int, int], list[str]] = {}
        for model, prompt, text in self._pending:
            merged.setdefault((model, prompt), []).append(text)
        self._pending = []
        for (model, prompt), parts in merged.items():
            self.grid.append(model, prompt, "".join(parts))

    def _on_grid_prompt_changed(self, _index: int) -> None:
        if self.running and self.grid.prompt.hasFocus():
            self._follow = False

    def _on_task_failed(self, message: str) -> None:
        self._set_running(False)
        self.grid.stop_live()
        self.status.setText(self.tr("The comparison stopped: %1").replace("%1", message))
        self.history.refresh()

    def _on_task_finished(self) -> None:
        self._set_running(False)
        self.status.setText(self.tr("Done. Rate the answers, then see the summary."))
        self.history.refresh()

    def _on_task_cancelled(self) -> None:
        self._set_running(False)
        self.grid.stop_live()
        self.status.setText(self.tr("Stopped. Resume runs only the answers still to do."))
        self.history.refresh()

    # ---- ratings, reveal, export ---------------------------------------------------------
    def _on_grid_rated(self, model: int, prompt: int, rating: object, note: str) -> None:
        repo = self.repo()
        if repo is None or self.record is None:
            return
        repo.rate(self.record.id, model, prompt, rating if isinstance(rating, int) else None, note)
        self.record = repo.get(self.record.id)
        self.grid.set_comparison(self.record)
        self.summary.set_comparison(self.record)

    def _on_summary_reveal_requested(self) -> None:
        repo = self.repo()
        if repo is not None and self.record is not None:
            repo.reveal(self.record.id)
            self.record = repo.get(self.record.id)
            self._show_record()

    def _on_summary_export_requested(self, fmt: str) -> None:
        if self.record is None:
            return
        filters = {
            "md": self.tr("Markdown (*.md)"),
            "csv": self.tr("CSV (*.csv)"),
            "json": self.tr("JSON (*.json)"),
        }
        dialog = QFileDialog(self, self.tr("Export the comparison"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(filters[fmt])
        dialog.setDefaultSuffix(fmt)
        dialog.selectFile(f"comparison-{self.record.id}.{fmt}")
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path), fmt))
        dialog.open()
        self.export_dialog = dialog

    def export_to(self, path: Path, fmt: str) -> bool:
        from wizard_app.core.compare.export import export

        if self.record is None:
            return False
        try:
            path.write_text(export(self.record, fmt), encoding="utf-8", newline="")
        except OSError as exc:
            self.status.setText(
                self.tr("Cannot write %1: %2").replace("%1", str(path)).replace("%2", str(exc))
            )
            return False
        self.status.setText(self.tr("Exported to %1.").replace("%1", str(path)))
        return True

    # ---- history -------------------------------------------------------------------------
    def open_comparison(self, comparison_id: int) -> None:
        repo = self.repo()
        if repo is None or self.running:
            return
        self.record = repo.get(comparison_id)
        self._show_record()
        self._set_running(False)
        self.status.setText("")
        self.tabs.setCurrentIndex(1)

    def rerun(self, comparison_id: int) -> None:
        """The same prompts and settings, ready to run on the same models or others."""
        repo = self.repo()
        if repo is None:
            return
        rec = repo.get(comparison_id)
        self.refresh()
        self.setup._own()
        self.setup.set_prompts(list(rec.prompts))
        self.setup.load_settings(rec.settings, rec.blind)
        self.setup.check_models({m.path for m in rec.models})
        self.setup.use_case = rec.use_case
        self._rerun_of = rec.id
        self.setup.status.setText(
            self.tr(
                "The prompts and settings of comparison %1: choose the models, then start."
            ).replace("%1", str(rec.id))
        )
        self.tabs.setCurrentWidget(self.setup)

    def _on_history_delete_requested(self, comparison_id: int) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete the comparison"),
            self.tr("Delete comparison %1 with its answers and ratings?").replace(
                "%1", str(comparison_id)
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.accepted.connect(lambda: self.delete(comparison_id))
        box.open()
        self.confirm_box = box

    def delete(self, comparison_id: int) -> None:
        repo = self.repo()
        if repo is None or (self.running and self.record and self.record.id == comparison_id):
            return
        repo.delete(comparison_id)
        if self.record is not None and self.record.id == comparison_id:
            self.record = None
            self.grid.record = None
            self.summary.set_comparison(None)
        self.history.refresh()
