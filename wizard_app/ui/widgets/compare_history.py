"""Earlier comparisons, filtered by model, use case and date: open, re-run, delete."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wizard_app.ui.labels import USE_CASES, use_case_label
from wizard_app.ui.models.comparisons import ComparisonsModel
from wizard_app.ui.views.library_view import table

if TYPE_CHECKING:
    from wizard_app.core.compare.records import ComparisonRecord
    from wizard_app.core.compare.repository import ComparisonRepository

PERIODS = (None, 1, 7, 30, 365)  # days back; None: any time


class CompareHistory(QWidget):
    open_requested = Signal(int)
    rerun_requested = Signal(int)
    delete_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo: ComparisonRepository | None = None
        self.model = ComparisonsModel(self)
        self.view = table(self.tr("Earlier comparisons"))
        self.view.setModel(self.model)
        self.model_filter = QLineEdit()
        self.model_filter.setAccessibleName(self.tr("Filter by model"))
        self.model_filter.setPlaceholderText(self.tr("Model name"))
        self.use_case = QComboBox()
        self.use_case.setAccessibleName(self.tr("Filter by use case"))
        self.use_case.addItem(self.tr("Any use case"), None)
        for key in USE_CASES:
            self.use_case.addItem(use_case_label(key), key)
        self.period = QComboBox()
        self.period.setAccessibleName(self.tr("Filter by date"))
        for days, text in zip(
            PERIODS,
            (
                self.tr("Any time"),
                self.tr("Today"),
                self.tr("The last 7 days"),
                self.tr("The last 30 days"),
                self.tr("The last year"),
            ),
            strict=True,
        ):
            self.period.addItem(text, days)
        self.open = QPushButton(self.tr("&Open"))
        self.open.setAccessibleName(self.tr("Open the selected comparison"))
        self.rerun = QPushButton(self.tr("&Re-run…"))
        self.rerun.setAccessibleName(self.tr("Run the selected comparison's prompts again"))
        self.delete = QPushButton(self.tr("Dele&te"))
        self.delete.setAccessibleName(self.tr("Delete the selected comparison"))
        self.count = QLabel()
        filters = QHBoxLayout()
        for text, widget in (
            (self.tr("Mo&del:"), self.model_filter),
            (self.tr("Use cas&e:"), self.use_case),
            (self.tr("D&ate:"), self.period),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        for b in (self.open, self.rerun, self.delete):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.model_filter.textChanged.connect(self.refresh)
        self.use_case.currentIndexChanged.connect(self.refresh)
        self.period.currentIndexChanged.connect(self.refresh)
        self.open.clicked.connect(lambda: self._emit(self.open_requested))
        self.view.doubleClicked.connect(lambda: self._emit(self.open_requested))
        self.rerun.clicked.connect(lambda: self._emit(self.rerun_requested))
        self.delete.clicked.connect(lambda: self._emit(self.delete_requested))

    def refresh(self) -> None:
        if self.repo is None:
            return
        days = self.period.currentData()
        since = datetime.now(timezone.utc) - timedelta(days=days) if days else None
        rows = self.repo.list(
            model=self.model_filter.text().strip() or None,
            use_case=self.use_case.currentData(),
            since=since,
        )
        self.model.set_rows(rows)
        self.count.setText(self.tr("Comparisons: %1").replace("%1", str(len(rows))))
        for b in (self.open, self.rerun, self.delete):
            b.setEnabled(bool(rows))
        if rows:
            self.view.selectRow(0)

    def selected(self) -> ComparisonRecord | None:
        if not self.model.rowCount():
            return None
        index = self.view.currentIndex()
        row: ComparisonRecord = self.model.row_at(index.row() if index.isValid() else 0)
        return row

    def _emit(self, signal: SignalInstance) -> None:
        rec = self.selected()
        if rec is not None:
            signal.emit(rec.id)
