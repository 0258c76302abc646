"""History: earlier recommendations and the trial runs on this machine."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from wizard_app.core.cancel import CancelToken
from wizard_app.ui.models.history import HistoryModel
from wizard_app.ui.models.runs import RunsModel
from wizard_app.ui.services import Services
from wizard_app.ui.tasks import Task
from wizard_app.ui.views.library_view import table


def render_saved(result: dict[str, Any], hardware: dict[str, Any]) -> Iterator[str]:
    """Validate a stored recommendation and render it as Markdown (in a task: it is big)."""
    from wizard_app.core.hardware.profile import HardwareProfile
    from wizard_app.core.recommend.engine import Recommendation
    from wizard_app.ui.export import to_markdown

    rec = Recommendation.model_validate(result)
    yield to_markdown(rec, HardwareProfile.model_validate(hardware) if hardware else None)


class HistoryView(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.answers = HistoryModel(self)
        self.runs = RunsModel(self)
        self.answers_view = table(self.tr("Earlier recommendations"))
        self.answers_view.setModel(self.answers)
        self.runs_view = table(self.tr("Trial runs"))
        self.runs_view.setModel(self.runs)
        self.show_button = QPushButton(self.tr("&Show recommendation"))
        self.show_button.setAccessibleName(self.tr("Show the selected recommendation"))
        self.status = QLabel()
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(QLabel(self.tr("<b>Recommendations</b>")))
        tl.addWidget(self.answers_view)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.show_button)
        tl.addLayout(row)
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(QLabel(self.tr("<b>Trial runs on this machine</b> (measured, predicted)")))
        bl.addWidget(self.runs_view)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.show_button.clicked.connect(self.show_selected)
        self.answers_view.doubleClicked.connect(self.show_selected)
        self._task: Task | None = None
        services.when_ready(self.refresh)

    def refresh(self) -> None:
        from wizard_app.core.recommend.history import history
        from wizard_app.core.storage.run_tables import RunRepository

        db = self.services.database
        if db is None:
            return
        self.answers.set_rows(history(db))
        self.runs.set_rows(RunRepository(db).recent())
        self.show_button.setEnabled(self.answers.rowCount() > 0)

    def show_selected(self) -> None:
        from wizard_app.core.storage.tables import SavedProfile

        index = self.answers_view.currentIndex()
        row = (
            self.answers.row_at(index.row() if index.isValid() else 0)
            if self.answers.rowCount()
            else None
        )
        if row is None or self.services.database is None or self._task is not None:
            return
        with self.services.database.session() as s:
            profile = s.get(SavedProfile, row["id"])
            if profile is None or not profile.recommendations:
                return
            result, hardware = profile.recommendations[-1].result, profile.hardware

        def job(_token: CancelToken) -> Iterator[object]:
            yield from render_saved(result, hardware)

        self._task = Task(job, "render history")
        self._task.signals.progress.connect(self._on_rendered)
        self._task.signals.failed.connect(self._on_render_failed)
        self.status.setText(self.tr("Opening…"))
        self.services.runner.start(self._task)

    def _on_render_failed(self, message: str) -> None:
        self._task = None
        self.status.setText(
            self.tr("This entry was saved by another version and cannot be shown: %1").replace(
                "%1", message
            )
        )

    def _on_rendered(self, markdown: str) -> None:
        self._task = None
        self.status.setText("")
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Recommendation"))
        browser = QTextBrowser(dialog)
        browser.setAccessibleName(self.tr("Saved recommendation"))
        browser.setOpenExternalLinks(True)
        browser.setMarkdown(markdown)
        QVBoxLayout(dialog).addWidget(browser)
        dialog.resize(760, 560)
        dialog.open()
        self.last_dialog = dialog
