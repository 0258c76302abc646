"""The download manager, its downloads run as tasks (``ui.tasks``), its events as signals.

``DownloadManager`` keeps its queue in SQLite. Each download's job (network and disk
only) runs as a :class:`Task` in a thread pool of its own, so two long downloads never
hold the threads the rest of the app's tasks need. The task hands each event to the
manager as it happens (thread-safe) and wakes the GUI thread, where ``poll`` persists
it and this class turns it into Qt signals. Downloads interrupted by a quit resume on
the next start.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal

from wizard_app.ui.errors import error_text
from wizard_app.ui.tasks import Task, TaskRunner

if TYPE_CHECKING:
    from wizard_app.core.cancel import CancelToken
    from wizard_app.core.catalog import Catalog
    from wizard_app.core.download.hub import HubClient
    from wizard_app.core.download.queue import DownloadManager
    from wizard_app.core.download.status import DownloadInfo, WorkerJob
    from wizard_app.core.settings import AppSettings
    from wizard_app.core.storage.database import Database
    from wizard_app.ui.wizard.state import Choice

log = logging.getLogger(__name__)
MAX_CONCURRENT = 2


class DownloadContext(Protocol):
    """What the downloads need of the app's services (``ui.services.Services``)."""

    settings: AppSettings
    database: Database | None
    catalog: Catalog | None

    @property
    def models_dir(self) -> Path: ...


class Downloads(QObject):
    progress = Signal(int, object)  # download id, events.DownloadProgress
    retrying = Signal(int, object)  # download id, events.DownloadRetry
    state_changed = Signal(int, str, str)  # id, state, reason ("" if none), translated
    failed = Signal(int, str, str)  # id, reason (translated), error code ("" if none)
    installed = Signal(int, object)  # id, queue.Installed
    _posted = Signal()  # a task handed the manager an event (emitted in the pool)

    def __init__(self, services: DownloadContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._manager: DownloadManager | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(MAX_CONCURRENT)
        self._runner = TaskRunner(self._pool, self)
        self._posted.connect(self._on_posted)
        self._closed = False

    # ---- the manager -------------------------------------------------------------------
    def manager(self) -> DownloadManager:
        if self._manager is None:
            from wizard_app.core.download.hub import (
                resolve_endpoint,
                resolve_token,
                strip_credentials,
            )
            from wizard_app.core.download.queue import DownloadManager

            settings = self.services.settings
            endpoint = resolve_endpoint(settings.hub_endpoint or None)
            explicit = settings.hub_token or None

            def client_for(url: str) -> HubClient:
                from wizard_app.core.download.hub import HubClient

                # runs in the download's task; the token goes to its endpoint only (a
                # mirror's URL is compared without the login it may carry)
                same = strip_credentials(url) == strip_credentials(endpoint)
                return HubClient(url, resolve_token(explicit) if same else None)

            assert self.services.database is not None
            self._manager = DownloadManager(
                self.services.database,
                self.services.models_dir,
                client_for,
                max_concurrent=MAX_CONCURRENT,
                spawn=self._spawn,
            )
            self.endpoint = endpoint
        return self._manager

    def _spawn(self, download_id: int, job: WorkerJob) -> CancelToken:
        """Run a download's job as a task; its events reach the manager as they happen."""
        manager = self.manager()

        def post(event: object) -> None:  # in the pool thread
            manager.post(download_id, event)  # type: ignore[arg-type]
            self._posted.emit()

        def run(token: CancelToken) -> Iterator[object]:
            yield from job(token)

        task = Task(run, f"download {download_id}")
        task.signals.progress.connect(post, Qt.ConnectionType.DirectConnection)
        self._runner.start(task)
        return task.token

    def reset(self) -> None:
        """Forget the manager (settings changed); the next use builds a new one."""
        if self._manager is not None and not self._manager.active:
            self._manager = None

    def resume_interrupted(self) -> None:
        """Start the downloads a quit interrupted (they are queued again)."""
        if any(i.state == "queued" for i in self.entries()):
            self._on_posted()

    # ---- actions -----------------------------------------------------------------------
    def enqueue(self, choice: Choice) -> list[int]:
        from wizard_app.core.download.request import requests_for_artifact

        manager = self.manager()
        # the same requests as `model-wizard download` makes from the catalog's artifact
        requests = requests_for_artifact(
            choice.artifact, endpoint=self.endpoint, catalog_id=choice.id
        )
        ids = [manager.enqueue(req) for req in requests]
        self._on_posted()
        return ids

    def pause(self, ids: list[int]) -> None:
        for i in ids:
            self.manager().pause(i)
        self._on_posted()

    def resume(self, ids: list[int]) -> None:
        for i in ids:
            self.manager().resume(i)
        self._on_posted()

    def cancel(self, ids: list[int]) -> None:
        for i in ids:
            self.manager().cancel(i)
        self._on_posted()

    def entries(self) -> list[DownloadInfo]:
        return self.manager().entries() if self.services.database is not None else []

    def info(self, download_id: int) -> DownloadInfo:
        return self.manager().get(download_id)

    # ---- events ------------------------------------------------------------------------
    def _on_posted(self) -> None:
        """Start what may start, persist what the tasks reported, and say it."""
        from wizard_app.core.download.status import Installed, Progress, Retrying, StateChanged

        if self._closed:  # a task's last wake-up after the quit: start nothing new
            return
        for event in self.manager().poll(timeout=0):
            if isinstance(event, Progress):
                self.progress.emit(event.id, event.progress)
            elif isinstance(event, Retrying):
                self.retrying.emit(event.id, event.retry)
            elif isinstance(event, StateChanged):
                reason = error_text(event.code, event.params, event.reason or "")
                self.state_changed.emit(event.id, event.state, reason)
                if event.state == "failed":
                    self.failed.emit(event.id, reason, event.code or "")
            elif isinstance(event, Installed):
                self.installed.emit(event.id, event)

    def shutdown(self) -> None:
        """Stop the running downloads; they stay queued and resume on the next start."""
        self._closed = True
        if self._manager is not None:
            self._manager.shutdown()
        self._runner.shutdown()
