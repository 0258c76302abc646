"""Page 5: the ranked picks, why, what was left out, upgrades, and export."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWizardPage,
)

from wizard_app.core.cancel import CancelToken
from wizard_app.ui import format as fmt
from wizard_app.ui import labels
from wizard_app.ui.models.recommendations import (
    ExclusionModel,
    PickRow,
    PickTableModel,
    UpgradeModel,
)
from wizard_app.ui.reasons import reason_texts
from wizard_app.ui.services import Services
from wizard_app.ui.tasks import Task
from wizard_app.ui.widgets.delegates import BadgeDelegate, MemoryBarDelegate
from wizard_app.ui.widgets.details_pane import DetailsPane
from wizard_app.ui.wizard.page_ids import PageId
from wizard_app.ui.wizard.pages.budget import PRIORITY_BY_POSITION
from wizard_app.ui.wizard.state import Choice, WizardState

if TYPE_CHECKING:
    from wizard_app.core.catalog.schema import Artifact
    from wizard_app.core.library.installed import ModelEntry
    from wizard_app.core.recommend import history as history_store
    from wizard_app.core.recommend.engine import Recommendation, RecommendRequest

log = logging.getLogger(__name__)
TOP = 8


def _table(name: str) -> QTableView:
    view = QTableView()
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().setVisible(False)
    view.setWordWrap(True)
    view.setAlternatingRowColors(True)
    view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    view.horizontalHeader().setStretchLastSection(True)
    return view


class RecommendationsPage(QWizardPage):
    def __init__(self, services: Services, state: WizardState) -> None:
        super().__init__()
        self.services, self.state = services, state
        self.setTitle(self.tr("Recommendations"))
        self._task: Task | None = None
        self._key: tuple[object, ...] | None = None
        # history ids by the answers and machine they were saved for: a revisit saves none
        self._saved: dict[str, int] = {}
        self._other_quant: dict[str, Artifact | None] = {}  # pick id -> another quant's file
        self.picks = PickTableModel(self)
        self.excluded = ExclusionModel(self)
        self.upgrades = UpgradeModel(self)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self._make_views()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Results"))
        self.tabs.addTab(self.pick_view, self.tr("Recommended"))
        self.tabs.addTab(self.excluded_view, self.tr("Left out"))
        self.tabs.addTab(self.upgrade_view, self.tr("Upgrades"))
        self.details = DetailsPane()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([820, 420])
        splitter.setChildrenCollapsible(False)
        self.export_md = QPushButton(self.tr("Export as &Markdown…"))
        self.export_json = QPushButton(self.tr("Export as &JSON…"))
        self.export_md.setAccessibleName(self.tr("Export the recommendation as Markdown"))
        self.export_json.setAccessibleName(self.tr("Export the recommendation as JSON"))
        self.assumptions = QLabel()
        self.assumptions.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.assumptions, 1)
        buttons.addWidget(self.export_md)
        buttons.addWidget(self.export_json)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.pick_view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.details.quant_changed.connect(self._on_details_quant_changed)
        self.export_md.clicked.connect(lambda: self.export_via_dialog("md"))
        self.export_json.clicked.connect(lambda: self.export_via_dialog("json"))
        self._set_busy(False)

    def _make_views(self) -> None:
        """The three result tables: the picks (with badge and memory-bar delegates), the
        models left out and the upgrade advice."""
        self.pick_view = _table(self.tr("Recommended models"))
        self.pick_view.setModel(self.picks)
        self._badges = BadgeDelegate(self.pick_view)
        self._bars = MemoryBarDelegate(self.pick_view)
        for column in (PickTableModel.FIT, PickTableModel.OPEN):
            self.pick_view.setItemDelegateForColumn(column, self._badges)
        self.pick_view.setItemDelegateForColumn(PickTableModel.MEMORY, self._bars)
        # sized once per result: ResizeToContents would measure every cell on each change
        self.pick_view.horizontalHeader().setStretchLastSection(False)
        self.excluded_view = _table(self.tr("Models left out"))
        self.excluded_view.setModel(self.excluded)
        self.excluded_view.setColumnWidth(0, 220)
        self.upgrade_view = _table(self.tr("Upgrade advice"))
        self.upgrade_view.setModel(self.upgrades)

    # ---- asking --------------------------------------------------------------------------
    def request(self) -> RecommendRequest:
        from wizard_app.core.recommend.engine import RecommendRequest

        field = self.field
        return RecommendRequest(
            use_case=str(field("use_case")),
            language=field("language") or None,
            license=str(field("license") or "any"),
            openness="fully-open" if field("fully_open") else "any",
            priority=PRIORITY_BY_POSITION[int(field("priority_position"))],
            context=int(field("context") or 0) or None,
            disk_budget_gb=float(field("disk_budget_gb") or 0) or None,
            budget_usd=float(field("budget_usd") or 0),
            top=TOP,
        )

    def initializePage(self) -> None:
        request, hw = self.request(), self.state.hardware
        key = (request, hw.model_dump_json() if hw is not None else None)
        if key == self._key and (self.state.recommendation is not None or self.busy):
            return
        self._key = key
        self.state.recommendation = None
        self.state.choice = None
        self._other_quant.clear()
        self.picks.set_rows([])
        self.excluded.set_rows([])
        self.upgrades.set_rows([])
        self._set_busy(True)
        self.services.when_ready(lambda: self._start(request, key))

    def _start(self, request: RecommendRequest, key: tuple[object, ...]) -> None:
        if key != self._key or self.state.hardware is None:
            return
        hw, services = self.state.hardware, self.services

        name = f"{labels.use_case_label(request.use_case)} ({request.priority})"

        def job(_token: CancelToken) -> Iterator[object]:
            recommender = services.recommender()
            rec = recommender.run(hw, request)
            from wizard_app.core.recommend import history as history_store

            yield key, rec, history_store.prepare(name, hw, rec, recommender.catalog)

        task = self._task = Task(job, "recommend")
        task.signals.progress.connect(self._on_result)
        task.signals.failed.connect(self._on_failed)
        self.services.runner.start(task)

    @property
    def busy(self) -> bool:
        return self._task is not None

    def _set_busy(self, busy: bool) -> None:
        if busy:
            self.status.setText(self.tr("Comparing the catalog's models with your machine…"))
        else:
            self._task = None
        for w in (self.export_md, self.export_json):
            w.setEnabled(not busy and self.state.recommendation is not None)
        self.completeChanged.emit()

    def _on_failed(self, message: str) -> None:
        self._set_busy(False)
        self.status.setText(self.tr("No recommendation: %1").replace("%1", message))

    def _on_result(
        self, result: tuple[tuple[object, ...], Recommendation, history_store.PreparedEntry]
    ) -> None:
        key, rec, entry = result
        if key != self._key:
            return  # the answers changed while this one ran
        self.state.recommendation = rec
        hw = self.state.hardware
        self._set_busy(False)
        self.picks.set_picks(rec.picks, bool(hw and hw.unified_memory))
        self.excluded.set_rows(rec.excluded)
        self.upgrades.set_rows(rec.upgrades)
        self._fit_columns()
        self.tabs.setTabText(0, self.tr("Recommended (%1)").replace("%1", str(len(rec.picks))))
        self.tabs.setTabText(1, self.tr("Left out (%1)").replace("%1", str(len(rec.excluded))))
        self.tabs.setTabText(2, self.tr("Upgrades (%1)").replace("%1", str(len(rec.upgrades))))
        self.tabs.setTabVisible(2, rec.request.budget_usd > 0)
        notes = reason_texts(rec.assumption_codes, rec.assumptions)
        self.assumptions.setText(" ".join(notes[:2]))
        self.assumptions.setToolTip("\n".join(notes))
        if rec.picks:
            self.status.setText(
                self.tr("Best for %1 at %2 of context. Choose one to see why and to download it.")
                .replace("%1", labels.use_case_label(rec.request.use_case).lower())
                .replace("%2", fmt.tokens(rec.context))
            )
            self.pick_view.selectRow(0)
        else:
            self.status.setText(
                self.tr(
                    "No model in the catalog fits these answers. See why under "
                    "‘Left out’, or go back and loosen a constraint."
                )
            )
            self.tabs.setCurrentIndex(1)
        QTimer.singleShot(0, self, lambda: self._save_history(entry))  # a turn of its own

    def _fit_columns(self) -> None:
        view = self.pick_view
        view.resizeColumnsToContents()
        view.setColumnWidth(PickTableModel.MEMORY, 120)
        for column, widest in ((PickTableModel.MODEL, 260), (PickTableModel.LICENCE, 150)):
            view.setColumnWidth(column, min(widest, view.columnWidth(column)))
        QTimer.singleShot(0, self._fit_other_tabs)  # wrapped text: measured in a turn of its own

    def _fit_other_tabs(self) -> None:
        for view in (self.excluded_view, self.upgrade_view):
            view.resizeColumnsToContents()
            last = view.model().columnCount() - 1
            view.setColumnWidth(
                last,
                max(200, view.viewport().width() - sum(view.columnWidth(c) for c in range(last))),
            )
            view.resizeRowsToContents()

    def _save_history(self, entry: history_store.PreparedEntry) -> None:
        if self.services.database is None:
            return
        # the same machine whether or not its speed has been timed yet (the timing ends
        # while the user is on later pages)
        machine = {k: v for k, v in entry.hardware.items() if k != "compute"}
        seen = json.dumps([entry.answers, machine], sort_keys=True)
        if seen in self._saved:
            self.state.history_id = self._saved[seen]
            return
        try:
            from wizard_app.core.recommend import history as history_store

            self.state.history_id = self._saved[seen] = history_store.write(
                self.services.database, entry
            )
        except Exception:  # the history is a convenience; the result is still shown
            log.warning("could not save the recommendation to the history", exc_info=True)

    # ---- choosing ------------------------------------------------------------------------
    def current_row(self) -> int:
        rows = self.pick_view.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _on_selection_changed(self, _sel: QItemSelection, _desel: QItemSelection) -> None:
        row = self.current_row()
        if row < 0 or self.services.catalog is None:
            return
        r: PickRow = self.picks.row_at(row)
        entry = self.services.catalog.get(r.pick.id)
        self.details.show_pick(r.pick, entry, r.quant, r.fit, self.picks.unified)
        self._choose(r)

    def _on_details_quant_changed(self, quant: str) -> None:
        self.choose_quant(quant)

    def choose_quant(self, quant: str) -> None:
        """Estimate the fit of another quant of the selected model (fast: no pool)."""
        from wizard_app.core.fit import estimate, shape_from_variant

        row, hw = self.current_row(), self.state.hardware
        if row < 0 or hw is None or self.services.catalog is None:
            return
        r: PickRow = self.picks.row_at(row)
        variant = self.services.catalog.get(r.pick.id).variant
        shape = shape_from_variant(variant, quant)
        fit = estimate(shape, hw, r.fit.context)
        # the file of the quant chosen, from the same lookup (the pick holds its own)
        self._other_quant[r.pick.id] = variant.artifact(quant)
        self.picks.set_quant(row, quant, shape.weights_bytes, fit)
        self.details.show_fit(quant, fit)
        self._choose(r)

    def _choose(self, r: PickRow) -> None:
        other = self._other_quant.get(r.pick.id)
        choice = Choice.from_pick(r.pick, other if other and other.quant == r.quant else None)
        choice.size_bytes, choice.fit = r.size_bytes, r.fit
        self.state.choice = choice
        paths = self.local_paths(choice)
        entry = self._installed(paths[0]) if paths else None
        self.state.installed_before = entry is not None
        self.state.model_path = entry.path if entry is not None else None
        self.completeChanged.emit()

    def _installed(self, path: Path) -> ModelEntry | None:
        from wizard_app.core.library.installed import Library

        if self.services.database is None:
            return None
        return Library(self.services.database, self.services.models_dir).installed(path)

    def local_paths(self, choice: Choice) -> list[Path]:
        from wizard_app.core.download.destination import destination

        return [destination(self.services.models_dir, choice.repo, f) for f in choice.files]

    def isComplete(self) -> bool:
        c = self.state.choice
        return not self.busy and c is not None and c.fit.verdict != "no_fit"

    def nextId(self) -> int:
        if self.state.target is not None:  # it runs elsewhere: the finish page says how
            return int(PageId.FINISH)
        return int(PageId.TRY_IT if self.state.installed_before else PageId.DOWNLOAD)

    # ---- export --------------------------------------------------------------------------
    def export_via_dialog(self, kind: str) -> None:
        if self.state.recommendation is None:
            return
        suggested = str(Path.home() / f"recommendation.{kind}")
        filters = self.tr("Markdown (*.md)") if kind == "md" else self.tr("JSON (*.json)")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the recommendation"), suggested, filters
        )
        if path:
            self.export_to(Path(path) if Path(path).suffix else Path(f"{path}.{kind}"))

    def export_to(self, path: Path) -> None:
        from wizard_app.ui.export import write_export

        assert self.state.recommendation is not None
        try:
            write_export(path, self.state.recommendation, self.state.hardware)
        except OSError as exc:
            self.status.setText(
                self.tr("Could not write %1: %2. Choose another folder.")
                .replace("%1", str(path))
                .replace("%2", exc.strerror or str(exc))
            )
            return
        self.status.setText(self.tr("Saved to %1.").replace("%1", str(path)))
