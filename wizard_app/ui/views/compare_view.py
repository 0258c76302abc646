"""The Compare screen: set up, watch the answers side by side, rate, summarise, history.

The run itself is ``CompareRunner`` (one Task, each finished cell stored in the GUI
thread); this screen shows what it reports, takes the ratings and notes, and opens,
re-runs and deletes earlier comparisons. A stopped comparison resumes without running
its finished cells again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

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

from wizard_app.core.compare.spec import MAX_MODELS, MIN_MODELS
from wizard_app.ui.views.compare_runner import CompareRunner
from wizard_app.ui.widgets.compare_grid import CompareGrid
from wizard_app.ui.widgets.compare_history import CompareHistory
from wizard_app.ui.widgets.compare_setup import CompareSetup
from wizard_app.ui.widgets.compare_summary import CompareSummary

if TYPE_CHECKING:
    from wizard_app.core.compare.records import ComparisonRecord
    from wizard_app.core.compare.repository import ComparisonRepository
    from wizard_app.ui.services import Services


class CompareView(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.record: ComparisonRecord | None = None
        self.runner = CompareRunner(services, self)
        self._follow = True  # the grid shows the prompt being answered until the user picks one
        self.setup = CompareSetup()
        self.setup.enable_servers(services)
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
        self.runner.record_changed.connect(self._on_runner_record_changed)
        self.runner.cell_started.connect(self._on_runner_cell_started)
        self.runner.text_arrived.connect(self.grid.append)
        self.runner.status_changed.connect(self.status.setText)
        self.runner.running_changed.connect(self._on_runner_running_changed)
        self.runner.ended.connect(self._on_runner_ended)
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
        self._on_runner_running_changed(False)
        services.when_ready(self.refresh)

    # ---- data ----------------------------------------------------------------------------
    def repo(self) -> ComparisonRepository | None:
        from wizard_app.core.compare.repository import ComparisonRepository

        db = self.services.database
        return ComparisonRepository(db) if db is not None else None

    def refresh(self) -> None:
        """Models, prompt sets and history from the database (after start-up, on showing)."""
        from wizard_app.core.compare.prompt_sets import builtin_sets
        from wizard_app.core.compare.repository import PromptSetRepository
        from wizard_app.core.library.installed import Library

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
            self.setup.set_prompt_sets(self.setup.sets, use_case=use_case)
        if model_path is not None:
            self.setup.check_models({model_path})
        self.tabs.setCurrentWidget(self.setup)

    def _on_setup_save_set_requested(self, name: str) -> None:
        from wizard_app.core.compare.repository import PromptSetRepository

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
        return self.runner.running

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
        self._follow = True
        self.tabs.setCurrentIndex(1)
        self.runner.start(
            models,
            prompts,
            self.setup.settings(),
            self.setup.use_case,
            self.setup.blind.isChecked(),
        )

    def resume_run(self) -> None:
        rec = self.record
        if self.running or rec is None or (rec.complete and not self._failed(rec)):
            return
        self._follow = True
        self.tabs.setCurrentIndex(1)
        self.runner.resume(rec)

    @staticmethod
    def _failed(rec: ComparisonRecord) -> bool:
        return any(not c.done for c in rec.cells.values())

    def cancel(self) -> None:
        self.runner.cancel()

    def _on_runner_running_changed(self, running: bool) -> None:
        self.stop.setEnabled(running)
        self.setup.start.setEnabled(not running)
        rec = self.record
        self.resume.setEnabled(
            not running and rec is not None and (not rec.complete or self._failed(rec))
        )

    def _on_runner_record_changed(self, rec: ComparisonRecord) -> None:
        self.record = rec
        self._show_record()

    def _on_runner_cell_started(self, model: int, prompt: int) -> None:
        if self._follow:
            self.grid.show_prompt(prompt)
        self.grid.start_cell(model, prompt)

    def _on_runner_ended(self, how: str) -> None:
        if how != "finished":
            self.grid.stop_live()
        self.history.refresh()

    def _show_record(self) -> None:
        if self.record is None:
            return
        self.grid.set_comparison(self.record)
        self.summary.set_comparison(self.record)
        rec = self.record
        failed = sum(1 for c in rec.cells.values() if not c.done)
        text = (
            self.tr("%1 of %2 answers")
            .replace("%1", str(len(rec.finished_cells())))
            .replace("%2", str(rec.total))
        )
        self.progress.setText(
            text + (self.tr(", %1 failed").replace("%1", str(failed)) if failed else "")
        )

    def _on_grid_prompt_changed(self, _index: int) -> None:
        if self.running and self.grid.prompt.hasFocus():
            self._follow = False

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
        self._on_runner_running_changed(False)
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
        self.runner.rerun_of = rec.id
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
