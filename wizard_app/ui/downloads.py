"""The download manager, driven by a timer on the GUI thread.

``DownloadManager`` keeps its queue in SQLite and runs each file in a worker thread that
never touches the database; its ``poll`` (called here every 100 ms while something is
queued or running) persists what the workers reported and returns it, and this class
turns those events into Qt signals. Downloads interrupted by a quit resume on the next
start.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from wizard_app.ui.errors import error_text

if TYPE_CHECKING:
    from wizard_app.core.download.hub import HubClient
    from wizard_app.core.download.queue import DownloadInfo, DownloadManager
    from wizard_app.ui.services import Services
    from wizard_app.ui.wizard.state import Choice

log = logging.getLogger(__name__)
POLL_MS = 100


class Downloads(QObject):
    progress = Signal(int, object)  # download id, fetcher.DownloadProgress
    retrying = Signal(int, object)  # download id, fetcher.DownloadRetry
    state_changed = Signal(int, str, str)  # id, state, reason ("" if none), translated
    installed = Signal(int, object)  # id, queue.Installed

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._manager: DownloadManager | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    # ---- the manager -------------------------------------------------------------------
    def manager(self) -> DownloadManager:
        if self._manager is None:
            from wizard_app.core.download.hub import resolve_endpoint, resolve_token
            from wizard_app.core.download.queue import DownloadManager

            settings = self.services.settings
            endpoint = resolve_endpoint(settings.hub_endpoint or None)
            explicit = settings.hub_token or None

            def client_for(url: str) -> HubClient:
                from wizard_app.core.download.hub import HubClient

                # runs in the download's worker thread; the token goes to its endpoint only
                token = resolve_token(explicit) if url == endpoint else None
                return HubClient(url, token)

            assert self.services.database is not None
            self._manager = DownloadManager(
                self.services.database, self.services.models_dir, client_for
            )
            self.endpoint = endpoint
        return self._manager

    def reset(self) -> None:
        """Forget the manager (settings changed); the next use builds a new one."""
        if self._manager is not None and not self._manager.active:
            self._manager = None

    def resume_interrupted(self) -> None:
        """Start polling: downloads a quit interrupted are queued and resume."""
        if any(i.state == "queued" for i in self.entries()):
            self._timer.start()

    # ---- actions -----------------------------------------------------------------------
    def enqueue(self, choice: Choice) -> list[int]:
        from wizard_app.core.download.request import file_request, requests_for_artifact

        manager = self.manager()
        catalog = self.services.catalog
        variant = catalog.get(choice.id).variant if catalog is not None else None
        artifact = variant.artifact(choice.quant) if variant is not None else None
        if artifact is not None:
            requests = requests_for_artifact(artifact, endpoint=self.endpoint, catalog_id=choice.id)
        else:
            requests = [
                file_request(choice.repo, name, endpoint=self.endpoint, revision=choice.revision)
                for name in choice.files
            ]
        ids = [manager.enqueue(req) for req in requests]
        self._timer.start()
        return ids

    def pause(self, ids: list[int]) -> None:
        for i in ids:
            self.manager().pause(i)
        self._timer.start()

    def resume(self, ids: list[int]) -> None:
        for i in ids:
            self.manager().resume(i)
        self._timer.start()

    def cancel(self, ids: list[int]) -> None:
        for i in ids:
            self.manager().cancel(i)
        self._timer.start()

    def entries(self) -> list[DownloadInfo]:
        return self.manager().entries() if self.services.database is not None else []

    def info(self, download_id: int) -> DownloadInfo:
        return self.manager().get(download_id)

    # ---- polling -----------------------------------------------------------------------
    def _on_timer_timeout(self) -> None:
        from wizard_app.core.download.queue import Installed, Progress, Retrying, StateChanged

        manager = self.manager()
        for event in manager.poll(timeout=0):
            if isinstance(event, Progress):
                self.progress.emit(event.id, event.progress)
            elif isinstance(event, Retrying):
                self.retrying.emit(event.id, event.retry)
            elif isinstance(event, StateChanged):
                reason = error_text(event.code, event.params, event.reason or "")
                self.state_changed.emit(event.id, event.state, reason)
            elif isinstance(event, Installed):
                self.installed.emit(event.id, event)
        if not manager.active and not any(e.state == "queued" for e in manager.entries()):
            self._timer.stop()

    def shutdown(self) -> None:
        """Stop the running downloads; they stay queued and resume on the next start."""
        self._timer.stop()
        if self._manager is not None:
            self._manager.shutdown()
