"""Page 6: the download, with progress, speed and time left; pause, resume, cancel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from wizard_app.ui import format as fmt
from wizard_app.ui.errors import exception_text
from wizard_app.ui.services import Services
from wizard_app.ui.wizard.page_ids import PageId
from wizard_app.ui.wizard.state import WizardState

if TYPE_CHECKING:
    from wizard_app.core.download.events import DownloadProgress
    from wizard_app.core.download.status import Installed
    from wizard_app.core.library.installed import Library


class DownloadPage(QWizardPage):
    settings_requested = Signal()

    def __init__(self, services: Services, state: WizardState) -> None:
        super().__init__()
        self.services, self.state = services, state
        self.setTitle(self.tr("Download"))
        self._ids: list[int] = []
        self._done: dict[int, int] = {}
        self._total: dict[int, int] = {}
        self._states: dict[int, str] = {}
        self._start_failed = False
        self._make_widgets()
        self._lay_out()
        d = services.downloads
        d.progress.connect(self._on_downloads_progress)
        d.state_changed.connect(self._on_downloads_state_changed)
        d.failed.connect(self._on_downloads_failed)
        d.installed.connect(self._on_downloads_installed)
        d.retrying.connect(self._on_downloads_retrying)
        self.pause.clicked.connect(lambda: d.pause(self._ids))
        self.resume.clicked.connect(lambda: d.resume(self._ids))
        self.cancel.clicked.connect(self._on_cancel_clicked)

    def _make_widgets(self) -> None:
        self.what = QLabel()
        self.what.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setAccessibleName(self.tr("Download progress"))
        self.bar.setRange(0, 1000)
        self.figures = QLabel()
        self.figures.setAccessibleName(self.tr("Downloaded, speed and time left"))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.settings = QPushButton(self.tr("Open &Settings…"))
        self.settings.setAccessibleName(self.tr("Open the settings to enter a token or mirror"))
        self.settings.setVisible(False)
        self.settings.clicked.connect(self.settings_requested)
        self.way_out = QLabel(
            self.tr(
                "You can go Back and choose another model, or go Next to finish without the "
                "download: it stays in My models, where Resume continues it."
            )
        )
        self.way_out.setWordWrap(True)
        self.way_out.setVisible(False)
        self.pause = QPushButton(self.tr("&Pause"))
        self.resume = QPushButton(self.tr("&Resume"))
        self.cancel = QPushButton(self.tr("&Cancel download"))
        for button in (self.pause, self.resume, self.cancel):
            button.setAccessibleName(button.text().replace("&", ""))

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.pause)
        buttons.addWidget(self.resume)
        buttons.addWidget(self.cancel)
        buttons.addStretch(1)
        note = QLabel(
            self.tr(
                "The file is checked against its published checksum before it is used. "
                "A paused or interrupted download continues where it stopped."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.what)
        layout.addWidget(self.bar)
        layout.addWidget(self.figures)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.settings)
        layout.addWidget(self.way_out)
        layout.addStretch(1)
        layout.addWidget(note)

    # ---- starting ------------------------------------------------------------------------
    def initializePage(self) -> None:
        choice = self.state.choice
        assert choice is not None
        self.what.setText(
            self.tr("%1, %2 (%3) from %4")
            .replace("%1", choice.name)
            .replace("%2", choice.quant)
            .replace("%3", fmt.gb(choice.size_bytes))
            .replace("%4", choice.repo)
        )
        self.error.setVisible(False)
        self.settings.setVisible(False)
        self.way_out.setVisible(False)
        self._start_failed = False
        self.start()

    def start(self) -> None:
        assert self.state.choice is not None
        try:
            self._ids = self.services.downloads.enqueue(self.state.choice)
        except Exception as exc:  # a bad endpoint in the settings, an unwritable folder
            self._start_failed = True
            self._show_error(exception_text(exc), getattr(exc, "code", None) or "")
            return
        self._states = {}
        for n, info in enumerate(map(self.services.downloads.info, self._ids)):
            self._states[info.id] = info.state
            self._done[info.id] = info.bytes_done
            self._total[info.id] = info.size_bytes or 0
            if n == 0 and info.state == "verified":
                entry = self._library().installed(info.dest_path)
                if entry is not None:
                    self.state.model_path = entry.path
        self._update()

    def _library(self) -> Library:
        from wizard_app.core.library.installed import Library

        assert self.services.database is not None
        return Library(self.services.database, self.services.models_dir)

    # ---- events --------------------------------------------------------------------------
    def _on_downloads_progress(self, download_id: int, p: DownloadProgress) -> None:
        if download_id not in self._ids:
            return
        self._done[download_id] = p.done
        self._total[download_id] = p.total or self._total.get(download_id, 0)
        done, total = sum(self._done.values()), sum(self._total.values())
        if total:
            self.bar.setValue(int(1000 * done / total))
        parts = [self.tr("%1 of %2").replace("%1", fmt.gb(done)).replace("%2", fmt.gb(total))]
        if p.phase == "downloading":
            parts.append(fmt.rate(p.bytes_per_s))
            if p.eta_s is not None:
                parts.append(self.tr("%1 left").replace("%1", fmt.duration(p.eta_s)))
        else:
            parts.append(
                self.tr("checking the file")
                if p.phase == "checking"
                else self.tr("verifying the checksum")
            )
        self.figures.setText(" · ".join(parts))

    def _on_downloads_retrying(self, download_id: int, retry: object) -> None:
        if download_id in self._ids:
            self.figures.setText(
                self.tr("Connection trouble, trying again: %1").replace("%1", str(retry.reason))  # type: ignore[attr-defined]
            )

    def _on_downloads_state_changed(self, download_id: int, state: str, reason: str) -> None:
        if download_id not in self._ids:
            return
        self._states[download_id] = state
        if state == "cancelled":
            self._ids = [i for i in self._ids if i != download_id]
        self._update()

    def _on_downloads_failed(self, download_id: int, reason: str, code: str) -> None:
        if download_id in self._ids:
            self._show_error(reason, code)

    def _on_downloads_installed(self, download_id: int, event: Installed) -> None:
        if download_id not in self._ids:
            return
        if self._ids and download_id == self._ids[0]:
            self.state.model_path = event.path
        self._update()

    def _on_cancel_clicked(self) -> None:
        self.services.downloads.cancel(self._ids)
        self.figures.setText(self.tr("Cancelled; the partial file was deleted."))

    # ---- showing -------------------------------------------------------------------------
    def _show_error(self, message: str, code: str) -> None:
        from wizard_app.core.download.errors import NEEDS_ACCESS

        self.error.setText(self.tr("The download stopped: %1").replace("%1", message))
        self.error.setVisible(True)
        # a gated or private model: the remedy is a token (or a mirror) in the settings;
        # a Hub that cannot be reached: a mirror
        self.settings.setVisible(code in NEEDS_ACCESS or code == "download.unreachable")
        self.way_out.setVisible(True)
        self.completeChanged.emit()

    @property
    def states(self) -> dict[int, str]:
        return dict(self._states)

    def _update(self) -> None:
        states = set(self._states.get(i, "queued") for i in self._ids)
        running = bool(states & {"queued", "downloading"})
        self.pause.setEnabled(running)
        self.resume.setEnabled(bool(states & {"paused", "failed"}))
        self.cancel.setEnabled(bool(self._ids) and states != {"verified"})
        self.way_out.setVisible(self.failed())
        if self.downloaded():
            self.bar.setValue(1000)
            self.figures.setText(self.tr("Downloaded and verified."))
        elif states == {"paused"}:
            self.figures.setText(self.tr("Paused."))
        self.completeChanged.emit()

    def downloaded(self) -> bool:
        return (
            bool(self._ids)
            and all(self._states.get(i) == "verified" for i in self._ids)
            and self.state.model_path is not None
        )

    def failed(self) -> bool:
        """The download stopped on an error: Next then finishes without it (no dead end)."""
        return self._start_failed or "failed" in {self._states.get(i) for i in self._ids}

    def isComplete(self) -> bool:
        return self.downloaded() or self.failed()

    def nextId(self) -> int:
        # without the file there is nothing to try: straight to the summary
        return int(PageId.TRY_IT if self.downloaded() else PageId.FINISH)
