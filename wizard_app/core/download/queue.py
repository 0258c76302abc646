"""The download manager: a queue kept in SQLite, a few downloads at a time.

States: ``queued`` -> ``downloading`` -> ``verified``, or ``paused`` (by the user),
``failed`` (with the reason). A download that was running when the app stopped, or
crashed, goes back to ``queued`` on the next start and resumes from its part file; one
that another live process is running (it holds the part's lock) is left to it. A
verified file is recorded in the library first and in the queue second, and the
fetcher's receipt goes last, so a crash between any two is repaired on the next start
(``Library.adopt_models_folder``) or the next download, without fetching it again.

Workers are threads that run :func:`fetch` and put events on a queue; they never
touch the database. The manager's methods run on the caller's thread (the GUI thread,
or the CLI's main thread): :meth:`DownloadManager.poll` starts queued downloads up to
the concurrency limit, takes the workers' events, persists them, and returns them.
The token is never stored, nor a user and password in a mirror's URL (the row keeps the
URL without them): ``client_for(endpoint)`` builds a client when a download runs.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wizard_app.core.cancel import CancelToken
from wizard_app.core.download.destination import destination
from wizard_app.core.download.events import (
    DownloadProgress,
    DownloadRetry,
    DownloadStarted,
)
from wizard_app.core.download.hub import split_credentials
from wizard_app.core.download.install import add_to_library, ensure_in_library
from wizard_app.core.download.job import ClientFactory, download_job, run_in_thread
from wizard_app.core.download.options import FetchOptions
from wizard_app.core.download.partfile import download_busy, part_paths, remove_receipt
from wizard_app.core.download.request import DownloadRequest
from wizard_app.core.download.response import RemoteFile
from wizard_app.core.download.status import (
    Done,
    DownloadInfo,
    Failed,
    Installed,
    ManagerEvent,
    Progress,
    Resolved,
    Retrying,
    Spawner,
    StateChanged,
    Stopped,
    WorkerEvent,
    info_of,
)
from wizard_app.core.errors import InputError, StorageError
from wizard_app.core.library.installed import Library, ModelEntry
from wizard_app.core.storage.database import Database
from wizard_app.core.storage.download_repository import DownloadRepository
from wizard_app.core.storage.download_tables import DownloadRow

log = logging.getLogger(__name__)


@dataclass
class _Job:
    id: int
    token: CancelToken
    thread: threading.Thread | None  # None: run by a spawner the manager does not join
    stop_as: str = "queued"  # the state a stop leads to: paused, queued (shutdown), cancelled
    last_saved: float = 0.0


class DownloadManager:
    def __init__(
        self,
        db: Database,
        models_dir: Path,
        client_for: ClientFactory,
        *,
        max_concurrent: int = 2,
        options: FetchOptions | None = None,
        library: Library | None = None,
        spawn: Spawner | None = None,
    ) -> None:
        self.db = db
        self.rows = DownloadRepository(db)
        self._spawner = spawn
        self.models_dir = models_dir
        self.client_for = client_for
        self.max_concurrent = max(1, max_concurrent)
        # the receipt lets a crash between the rename and the database commit be repaired
        self.options = dataclasses.replace(options or FetchOptions(), keep_receipt=True)
        self.library = library or Library(db, models_dir)
        self._jobs: dict[int, _Job] = {}
        self._events: queue.Queue[tuple[int, WorkerEvent]] = queue.Queue()
        # endpoints with a user and password, by their stored (credential-free) URL
        self._endpoints: dict[str, str] = {}
        # a verified file asked for at another revision: what it was, until the check ends
        self._before: dict[int, tuple[str, str | None, str | None]] = {}
        self.repaired: list[ModelEntry] = []  # library entries added back on start
        self._recover()

    # ---- the queue ---------------------------------------------------------------------
    def _recover(self) -> None:
        """Downloads that were running when the app (not another one) stopped are queued
        again, and verified files the library lost are added back."""
        self.rows.requeue_interrupted(download_busy)  # a busy one: another process runs it
        self.repaired = self.library.adopt_models_folder()

    def enqueue(self, req: DownloadRequest) -> int:
        """Queue a file (or return the existing entry for the same destination).

        A file already verified answers only for its own revision (or commit); asked for
        another one, it is queued again, so the Hub is asked about that revision (a file
        with the same bytes is then checked on disk, not fetched again).
        """
        dest = destination(self.models_dir, req.repo, req.filename)
        endpoint, credentials = split_credentials(req.endpoint)
        if credentials is not None:  # kept in memory, never in the database
            self._endpoints[endpoint] = req.endpoint
        row = self.rows.latest_for(dest)
        if row is not None:
            if row.state == "verified" and dest.exists():
                if req.revision in (row.revision, row.commit):
                    ensure_in_library(self.library, Path(row.dest_path))
                    return row.id
                self._before[row.id] = (row.revision, row.commit, row.expected_sha256)
            elif row.state in ("queued", "downloading"):
                return row.id
        fields: dict[str, Any] = {
            "repo": req.repo,
            "filename": req.filename,
            "revision": req.revision,
            "endpoint": endpoint,
            "catalog_id": req.catalog_id,
            "quant": req.quant,
            "expected_sha256": req.expected_sha256,
            "state": "queued",  # paused, failed, or a removed file: queued again
            "reason": None,
        }
        if req.size_bytes is not None:
            fields["size_bytes"] = req.size_bytes
        if row is None:
            return self.rows.add(dest, **fields)
        self.rows.update(row.id, **fields)
        return row.id

    def get(self, download_id: int) -> DownloadInfo:
        row = self.rows.get(download_id)
        if row is None:
            raise InputError(f"No download with id {download_id}.")
        return info_of(row)

    def entries(self) -> list[DownloadInfo]:
        return [info_of(r) for r in self.rows.all()]

    def pause(self, download_id: int) -> None:
        job = self._jobs.get(download_id)
        if job is not None:
            job.stop_as = "paused"
            job.token.cancel()
            return
        self._set_state(download_id, "paused", only_from=("queued", "failed"))

    def resume(self, download_id: int) -> None:
        self._set_state(download_id, "queued", only_from=("paused", "failed"))

    def cancel(self, download_id: int) -> None:
        """Stop and forget a download; its part file is deleted."""
        job = self._jobs.get(download_id)
        if job is not None:
            job.stop_as = "cancelled"
            job.token.cancel()
            return
        self._forget(download_id)

    def _forget(self, download_id: int) -> None:
        row = self.rows.get(download_id)
        if row is None:
            return
        if row.state != "verified":
            for path in part_paths(Path(row.dest_path)):
                with contextlib.suppress(OSError):  # a lock held elsewhere on Windows
                    path.unlink(missing_ok=True)
        self.rows.delete(download_id)

    def _set_state(
        self,
        download_id: int,
        state: str,
        reason: str | None = None,
        only_from: tuple[str, ...] | None = None,
    ) -> bool:
        moved = self.rows.set_state(download_id, state, reason, only_from)
        if moved is None:
            raise InputError(f"No download with id {download_id}.")
        return moved

    # ---- running -----------------------------------------------------------------------
    @property
    def active(self) -> list[int]:
        return list(self._jobs)

    def _start_queued(self, only: list[int] | None = None) -> list[ManagerEvent]:
        started: list[ManagerEvent] = []
        free = self.max_concurrent - len(self._jobs)
        if free <= 0:
            return started
        for row in self.rows.claim_queued(free, running=list(self._jobs), only=only):
            self._spawn(row)
            started.append(StateChanged(row.id, "downloading"))
        return started

    def _spawn(self, row: DownloadRow) -> None:
        job = download_job(
            self.client_for,
            self.options,
            self._endpoints.get(row.endpoint, row.endpoint),
            row.repo,
            row.filename,
            row.revision,
            Path(row.dest_path),
            row.expected_sha256,
        )
        if self._spawner is not None:
            self._jobs[row.id] = _Job(row.id, self._spawner(row.id, job), None)
            return
        token, thread = run_in_thread(row.id, job, self.post)
        self._jobs[row.id] = _Job(row.id, token, thread)

    def post(self, download_id: int, event: WorkerEvent) -> None:
        """Hand over what a download's job yielded (from any thread); ``poll`` applies it."""
        self._events.put((download_id, event))

    def poll(self, timeout: float = 0.1, only: list[int] | None = None) -> list[ManagerEvent]:
        """Start what may start, then persist and return what the workers reported.

        Waits up to ``timeout`` for the first report. ``only`` limits which queued
        downloads may start (the CLI runs its own, not the whole queue).
        """
        out = self._start_queued(only)
        try:
            item = self._events.get(timeout=timeout) if timeout > 0 else self._events.get_nowait()
            while True:
                out.extend(self._apply(*item))
                item = self._events.get_nowait()
        except queue.Empty:
            pass
        out.extend(self._start_queued(only))
        return out

    def _apply(self, download_id: int, event: WorkerEvent) -> list[ManagerEvent]:
        job = self._jobs.get(download_id)
        if isinstance(event, Resolved):
            with contextlib.suppress(StorageError):  # noted in the log; the download goes on
                self._save_resolved(download_id, event.remote)
            return []
        if isinstance(event, DownloadStarted):
            self._save_progress(download_id, event.resumed_from, event.total)
            return []
        if isinstance(event, DownloadProgress):
            if job is not None and time.monotonic() - job.last_saved > 2.0:
                job.last_saved = time.monotonic()
                self._save_progress(download_id, event.done, event.total)
            return [Progress(download_id, event)]
        if isinstance(event, DownloadRetry):
            return [Retrying(download_id, event)]
        self._end(download_id)
        if isinstance(event, Stopped):
            stop_as = job.stop_as if job is not None else "queued"
            if stop_as == "cancelled":
                self._forget(download_id)
                return [StateChanged(download_id, "cancelled")]
            self._set_state(download_id, stop_as)
            return [StateChanged(download_id, stop_as)]
        if isinstance(event, Failed):
            before = self._before.pop(download_id, None)
            if event.busy:  # the row belongs to the process that holds the lock
                return [StateChanged(download_id, "failed", event.reason, event.code, event.params)]
            if job is not None and job.stop_as == "cancelled":
                self._forget(download_id)
                return [StateChanged(download_id, "cancelled")]
            reason = event.reason
            try:
                if before is not None and self._restore(download_id, before):
                    pass  # the file verified before is still there and still in the library
                else:
                    self._set_state(download_id, "failed", event.reason)
            except StorageError as exc:  # say both: why it failed, and why it is not saved
                log.warning("cannot record the failure of download %s: %s", download_id, exc)
                reason = f"{event.reason} (Not recorded: {exc.message})"
            return [StateChanged(download_id, "failed", reason, event.code, event.params)]
        self._before.pop(download_id, None)
        return self._installed(download_id, event)

    def _restore(self, download_id: int, before: tuple[str, str | None, str | None]) -> bool:
        row = self.rows.get(download_id)
        if row is None or row.sha256 is None or not Path(row.dest_path).exists():
            return False
        revision, commit, expected = before
        self.rows.update(
            download_id, state="verified", reason=None, revision=revision, commit=commit,
            expected_sha256=expected,
        )  # fmt: skip
        return True

    def _save_resolved(self, download_id: int, remote: RemoteFile) -> None:
        row = self.rows.get(download_id)
        if row is not None:
            self.rows.update(
                download_id, commit=remote.commit, size_bytes=remote.size or row.size_bytes
            )

    def _installed(self, download_id: int, done: Done) -> list[ManagerEvent]:
        """Record a verified file: the library entry first, then the queue row, then the
        receipt goes. A crash between any two leaves what the next start repairs."""
        v = done.verified
        row = self.rows.get(download_id)
        if row is None:
            return []
        model_id = add_to_library(self.library, self.rows, row, done)
        written = self.rows.update(
            download_id,
            state="verified",
            reason=None,
            sha256=v.sha256,
            # the hash the bytes were checked against (catalog or Hub), None if none was
            expected_sha256=v.expected_sha256,
            bytes_done=v.size,
            size_bytes=v.size,
            commit=v.commit or row.commit,
        )
        if written is None:
            return []
        remove_receipt(v.path)
        return [
            StateChanged(download_id, "verified"),
            Installed(download_id, v.path, v.sha256, model_id, v.fetched),
        ]

    def _save_progress(self, download_id: int, done: int, total: int | None) -> None:
        """Best effort: the part file, not this figure, is what a resume relies on."""
        fields: dict[str, int] = {"bytes_done": done}
        if total is not None:
            fields["size_bytes"] = total
        try:
            self.rows.update(download_id, **fields)
        except StorageError as exc:
            log.warning("cannot save the progress of download %s: %s", download_id, exc)

    def _end(self, download_id: int) -> None:
        job = self._jobs.pop(download_id, None)
        if job is not None and job.thread is not None:
            job.thread.join(timeout=5)

    def run(
        self, ids: list[int] | None = None, cancel: CancelToken | None = None
    ) -> Iterator[ManagerEvent]:
        """Poll until the given downloads (or all) are no longer queued or running.

        On ``cancel``, the running downloads stop and stay queued for next time.
        """
        cancel = cancel or CancelToken()
        while True:
            if cancel.is_set():
                yield from self.shutdown()
                return
            yield from self.poll(0.2, only=ids)
            if not self._pending(ids):
                return

    def _pending(self, ids: list[int] | None) -> bool:
        if any(ids is None or i in ids for i in self._jobs):
            return True
        return self.rows.count_queued(ids) > 0

    def shutdown(self, timeout: float = 30.0) -> list[ManagerEvent]:
        """Stop every running download; they stay queued and resume on the next start."""
        for job in self._jobs.values():
            if job.stop_as not in ("paused", "cancelled"):
                job.stop_as = "queued"
            job.token.cancel()
        out: list[ManagerEvent] = []
        deadline = time.monotonic() + timeout
        while self._jobs and time.monotonic() < deadline:
            try:
                download_id, event = self._events.get(timeout=0.2)
            except queue.Empty:
                continue
            if download_id in self._jobs:
                out.extend(self._apply(download_id, event))
        return out
