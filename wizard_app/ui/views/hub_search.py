"""Find on the Hub: search GGUF repositories, see each file's exact fit, add one to yours.

Every Hub call runs in a background task (search, the file list, each file's header for
the fit, adding); the dialog only shows results. A file added here is written to the
user's own catalog and the app's catalog reloaded, so the recommendations show it as
"added by you" and it downloads like a catalog model.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wizard_app.core.units import human_bytes
from wizard_app.ui.tasks import Task, single

if TYPE_CHECKING:  # the Hub modules load with the first search, not with the window
    from wizard_app.core.cancel import CancelToken
    from wizard_app.core.catalog import Catalog
    from wizard_app.core.hub.add import FileReport
    from wizard_app.core.hub.search import RepoFiles
    from wizard_app.ui.services import Services

CONTEXT = 4096
_FILE, _QUANT, _SIZE, _FIT = range(4)


class HubSearchDialog(QDialog):
    """Search, file list with the fit on this machine, and Add to my models."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("Find on the Hub"))
        self.listing: RepoFiles | None = None
        self.reports: dict[str, FileReport] = {}
        self.added_id: str | None = None
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("e.g. qwen3 4b"))
        self.query.setAccessibleName(self.tr("Model to search for"))
        self.search_button = QPushButton(self.tr("&Search"))
        self.search_button.setAccessibleName(self.tr("Search the Hub"))
        self.repos = QListWidget()
        self.repos.setAccessibleName(self.tr("Repositories with GGUF files"))
        self.files = self._files_table()
        self.fit_button = QPushButton(self.tr("Check the &fit"))
        self.fit_button.setAccessibleName(self.tr("Read each file's header and check its fit"))
        self.add_button = QPushButton(self.tr("&Add to my models"))
        self.add_button.setAccessibleName(self.tr("Add the selected file to your models"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Hub search status"))
        self._lay_out()
        self.search_button.clicked.connect(self._on_search_button_clicked)
        self.query.returnPressed.connect(self._on_search_button_clicked)
        self.repos.currentItemChanged.connect(self._on_repos_current_item_changed)
        self.fit_button.clicked.connect(self._on_fit_button_clicked)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.files.itemSelectionChanged.connect(self._update_buttons)
        self._busy = False
        self._update_buttons()
        self.resize(1100, 600)

    def _files_table(self) -> QTableWidget:
        """The files of the chosen repository, with their quant, size and fit."""
        files = QTableWidget(0, 4)
        files.setAccessibleName(self.tr("GGUF files and their fit on this machine"))
        files.setHorizontalHeaderLabels(
            [self.tr("File"), self.tr("Quant"), self.tr("Size"), self.tr("Fit on this machine")]
        )
        files.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        files.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        files.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # the fit and the figures are read in full; a long file name gives way (elided in
        # the middle, whole in its tooltip)
        header = files.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(_FILE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("Qwen3-4B-Q4"))
        files.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        files.verticalHeader().setVisible(False)
        return files

    def _lay_out(self) -> None:
        label = QLabel(self.tr("&Model:"))
        label.setBuddy(self.query)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.query, 1)
        top.addWidget(self.search_button)
        middle = QHBoxLayout()
        middle.addWidget(self.repos, 1)
        middle.addWidget(self.files, 3)
        actions = QHBoxLayout()
        actions.addWidget(self.fit_button)
        actions.addWidget(self.add_button)
        actions.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        layout.addWidget(close)

    # ---- the Hub, always in a task -------------------------------------------------------
    def _hub(self) -> tuple[str, str | None]:
        from wizard_app.core.download.hub import resolve_endpoint, resolve_token

        settings = self.services.settings  # the endpoint and token downloads use
        return resolve_endpoint(settings.hub_endpoint or None), resolve_token(
            settings.hub_token or None
        )

    def _start(self, task: Task, on_result: Any, working: str) -> None:
        self._busy = True
        self._update_buttons()
        self.status.setText(working)
        task.signals.progress.connect(on_result)
        task.signals.failed.connect(self._on_task_failed)
        task.signals.ended.connect(self._on_task_ended)
        self.services.runner.start(task)

    def _on_search_button_clicked(self) -> None:
        text = self.query.text().strip()
        if not text:
            self.status.setText(self.tr("Type part of a model's name first."))
            return
        self.repos.clear()
        self._show_files(None)
        task = Task(single(partial(_search_job, self._hub(), text)), "hub-search")
        self._start(task, self._on_search_result, self.tr("Searching the Hub…"))

    def _on_search_result(self, hits: object) -> None:
        assert isinstance(hits, list)
        for hit in hits:
            text = self.tr("{repo} · {n} downloads").format(repo=hit.repo, n=hit.downloads or 0)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, hit.repo)
            self.repos.addItem(item)
        self.status.setText(
            self.tr("{n} repositories with GGUF files. Choose one to see its files.").format(
                n=len(hits)
            )
            if hits
            else self.tr("No GGUF repositories match.")
        )

    def _on_repos_current_item_changed(self, item: QListWidgetItem | None, _old: object) -> None:
        if item is None or self._busy:
            return
        repo = str(item.data(Qt.ItemDataRole.UserRole))
        task = Task(single(partial(_files_job, self._hub(), repo)), "hub-files")
        self._start(task, self._on_files_result, self.tr("Listing the files of {repo}…").format(
            repo=repo
        ))  # fmt: skip

    def _on_files_result(self, listing: object) -> None:
        self._show_files(listing)  # type: ignore[arg-type]
        self.status.setText(
            self.tr("Choose a file; Check the fit reads each file's header (no download).")
        )

    def _on_fit_button_clicked(self) -> None:
        if self.listing is None:
            return
        task = Task(partial(_fit_job, self._hub(), self.listing, self.services), "hub-fit")
        self._start(task, self._on_fit_result, self.tr("Reading the files' headers…"))

    def _on_fit_result(self, report: object) -> None:
        from wizard_app.core.hub.add import FileReport

        assert isinstance(report, FileReport)
        self.reports[report.file.name] = report
        for row in range(self.files.rowCount()):
            cell = self.files.item(row, _FILE)
            if cell is not None and cell.text() == report.file.name:
                item = QTableWidgetItem(self._fit_text(report))
                item.setToolTip(item.text())
                self.files.setItem(row, _FIT, item)
        self.status.setText(self.tr("Fit at {n} tokens of context.").format(n=CONTEXT))

    def _on_add_button_clicked(self) -> None:
        name = self._selected_file()
        if self.listing is None or name is None:
            return
        task = Task(
            single(partial(_add_job, self._hub(), self.listing, name, self.services)), "hub-add"
        )
        self._start(task, self._on_add_result, self.tr("Adding {file}…").format(file=name))

    def _on_add_result(self, result: object) -> None:
        assert isinstance(result, _Added)
        catalog, variant_id, quant = result.catalog, result.variant_id, result.quant
        self.services.catalog = catalog
        # one recommender per catalog (it caches shapes): the next recommendation is built
        # from the catalog that lists the new model
        self.services._recommender = None
        self.added_id = variant_id
        self.status.setText(
            self.tr(
                "Added as {id} ({quant}): your recommendations now list it as added by you, "
                "and it downloads like any catalog model."
            ).format(id=variant_id, quant=quant)
        )

    def _on_task_failed(self, message: str) -> None:
        self.status.setText(
            self.tr("The Hub could not be asked: {message}").format(message=message)
        )

    def _on_task_ended(self) -> None:
        self._busy = False
        self._update_buttons()

    # ---- widgets -------------------------------------------------------------------------
    def _show_files(self, listing: RepoFiles | None) -> None:
        self.listing = listing
        self.reports = {}
        files = [f for f in listing.files if not f.projector] if listing else []
        self.files.setRowCount(len(files))
        for row, f in enumerate(files):
            size = human_bytes(f.size) if f.size else self.tr("unknown")
            parts = self.tr(" ({n} parts)").format(n=len(f.parts)) if f.split else ""
            for col, text in enumerate((f.name, f.quant or "?", size + parts, "")):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.files.setItem(row, col, item)
        self._update_buttons()

    def _selected_file(self) -> str | None:
        rows = {i.row() for i in self.files.selectedIndexes()}
        if len(rows) != 1:
            return None
        cell = self.files.item(rows.pop(), _FILE)
        return cell.text() if cell is not None else None

    def _fit_text(self, report: FileReport) -> str:
        fit = report.fit
        if fit is None:
            return self.tr("no exact fit (split model)")
        verdict = {
            "gpu": self.tr("fits on the GPU"),
            "split": self.tr("fits, split between GPU and CPU"),
            "cpu": self.tr("fits, on the CPU only"),
            "no_fit": self.tr("does not fit"),
        }.get(fit.verdict, fit.verdict_text)
        return self.tr("{verdict}, needs {size}").format(
            verdict=verdict, size=human_bytes(fit.total_bytes)
        )

    def _update_buttons(self) -> None:
        idle = not self._busy if hasattr(self, "_busy") else True
        self.search_button.setEnabled(idle)
        self.fit_button.setEnabled(idle and self.listing is not None and bool(self.listing.files))
        self.add_button.setEnabled(idle and self._selected_file() is not None)


# ---- jobs (pool threads) -----------------------------------------------------------------
@dataclass(frozen=True)
class _Added:
    catalog: Catalog
    variant_id: str
    quant: str


def _hardware(services: Services) -> Any:
    from wizard_app.core.hardware.probe import detect
    from wizard_app.core.runtime.machine_profile import attach

    return attach(detect(services.models_dir), services.paths.cache)


def _search_job(hub: tuple[str, str | None], text: str) -> object:
    # huggingface_hub loads here, in the pool, not with the first click
    from wizard_app.core.hub.search import hub_api, search_gguf

    return search_gguf(hub_api(*hub), text)


def _files_job(hub: tuple[str, str | None], repo: str) -> object:
    from wizard_app.core.hub.search import hub_api, list_gguf_files

    return list_gguf_files(hub_api(*hub), repo)


def _fit_job(
    hub: tuple[str, str | None], listing: RepoFiles, services: Services, token: CancelToken
) -> Iterator[object]:
    from wizard_app.core.download.hub import HubClient
    from wizard_app.core.hub.add import inspect_file

    hw = _hardware(services)
    client = HubClient(*hub)
    for f in listing.files:
        if token.is_set():
            return
        if not f.projector:
            yield inspect_file(client, listing, f.name, hw, CONTEXT)


def _add_job(
    hub: tuple[str, str | None], listing: RepoFiles, name: str, services: Services
) -> _Added:
    from wizard_app.core.catalog.update import CatalogStore
    from wizard_app.core.catalog.user import add_user_variant
    from wizard_app.core.download.hub import HubClient, strip_credentials
    from wizard_app.core.hub.add import inspect_file, variant_for

    store = CatalogStore(services.paths.data / "catalog")
    report = inspect_file(HubClient(*hub), listing, name, _hardware(services), CONTEXT)
    variant = variant_for(report, strip_credentials(hub[0]))
    add_user_variant(store.user_file, variant, store.catalog())
    return _Added(store.catalog(), variant.id, variant.artifacts[0].quant)
