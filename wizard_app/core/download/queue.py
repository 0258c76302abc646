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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import func, select

from wizard_app.core.cancel import CancelToken
from wizard_app.core.download.destination import destination
from wizard_app.core.download.errors import BusyError
from wizard_app.core.download.events import (
    DownloadProgress,
    DownloadRetry,
    DownloadStarted,
    DownloadVerified,
)
from wizard_app.core.download.fetcher import fetch
from wizard_app.core.download.hub import HubClient, RemoteFile, split_credentials
from wizard_app.core.download.options import FetchOptions
from wizard_app.core.download.partfile import download_busy, part_paths, remove_receipt
from wizard_app.core.download.request import DownloadRequest
from wizard_app.core.errors import InputError, Param, StorageError, WizardError
from wizard_app.core.gguf.info import GGUFInfo
from wizard_app.core.gguf.reader import read_local_header
from wizard_app.core.gguf.shards import shard_name, shard_paths
from wizard_app.core.library.installed import Library, ModelEntry
from wizard_app.core.storage.database import Database
from wizard_app.core.storage.download_tables import DownloadRow

log = logging.getLogger(__name__)

ClientFactory = Callable[[str], HubClient]


@dataclass(frozen=True)
class DownloadInfo:
    """A row of the queue, as the UI and the CLI show it."""

    id: int
    repo: str
    filename: str
    revision: str
    commit: str | None
    state: str
    reason: str | None
    bytes_done: int
    size_bytes: int | None
    dest_path: Path
    sha256: str | None
    catalog_id: str | None
    quant: str | None
    expected_sha256: str | None = None  # once verified: the hash it was checked against

    @property
    def checked(self) -> bool:
        """Verified against a sha256 from the Hub or the catalog (not only complete)."""
        return (
            self.state == "verified" and bool(self.sha256) and (self.expected_sha256 == self.sha256)
        )


# ---- events for the caller --------------------------------------------------------------
@dataclass(frozen=True)
class StateChanged:
    """``reason`` is English; ``code`` and ``params`` (a live failure) let a UI translate it."""

    id: int
    state: str
    reason: str | None = None
    code: str | None = None
    params: dict[str, Param] = field(default_factory=dict)


@dataclass(frozen=True)
class Progress:
    id: int
    progress: DownloadProgress


@dataclass(frozen=True)
class Retrying:
    id: int
    retry: DownloadRetry


@dataclass(frozen=True)
class Installed:
    """Verified and in the library (``model_id`` is None for a shard still waiting)."""

    id: int
    path: Path
    sha256: str
    model_id: int | None
    fetched: int


ManagerEvent = StateChanged | Progress | Retrying | Installed


# ---- what workers send back -------------------------------------------------------------
@dataclass(frozen=True)
class _Resolved:
    remote: RemoteFile


@dataclass(frozen=True)
class _Done:
    verified: DownloadVerified
    info: GGUFInfo | None


@dataclass(frozen=True)
class _Stopped:
    pass


@dataclass(frozen=True)
class _Failed:
    reason: str
    code: str | None = None
    params: dict[str, Param] = field(default_factory=dict)
    busy: bool = False  # another process is downloading the file: its row is not ours


_WorkerEvent = (
    _Resolved | _Done | _Stopped | _Failed | DownloadStarted | DownloadProgress | DownloadRetry
)


WorkerEvent = _WorkerEvent
# A download's work: network and disk only, every outcome yielded as an event.
WorkerJob = Callable[[CancelToken], Iterator[WorkerEvent]]
# Runs a download's job somewhere (a thread of its own by default, a UI task in the app)
# and hands each event to ``DownloadManager.post``; returns the token that stops it.
Spawner = Callable[[int, WorkerJob], CancelToken]


@dataclass
class _Job:
    id: int
    token: CancelToken
    thread: threading.Thread | None  # None: run by a spawner the manager does not join
    stop_as: str = "queued"  # the state a stop leads to: paused, queued (shutdown), cancelled
    last_saved: float = 0.0


def _info(row: DownloadRow) -> DownloadInfo:
    return DownloadInfo(
        id=row.id,
        repo=row.repo,
        filename=row.filename,
        revision=row.revision,
        commit=row.commit,
        state=row.state,
        reason=row.reason,
        bytes_done=row.bytes_done,
        size_bytes=row.size_bytes,
        dest_path=Path(row.dest_path),
        sha256=row.sha256,
        catalog_id=row.catalog_id,
        quant=row.quant,
        expected_sha256=row.expected_sha256,
    )


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
        self._spawner = spawn
        self.models_dir = models_dir
        self.client_for = client_for
        self.max_concurrent = max(1, max_concurrent)
        # the receipt lets a crash between the rename and the database commit be repaired
        self.options = dataclasses.replace(options or FetchOptions(), keep_receipt=True)
        self.library = library or Library(db, models_dir)
        self._jobs: dict[int, _Job] = {}
        self._events: queue.Queue[tuple[int, _WorkerEvent]] = queue.Queue()
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
        with self.db.session() as s:
            for row in s.scalars(select(DownloadRow).where(DownloadRow.state == "downloading")):
                if not download_busy(Path(row.dest_path)):  # else another process runs it
                    row.state = "queued"
            s.commit()
        self.repaired = self.library.adopt_models_folder()

    def _ensure_in_library(self, row: DownloadRow) -> None:
        """A verified download whose library entry is missing (a crash between the two
        writes) gets it back."""
        first = _first_shard_if_complete(Path(row.dest_path))
        if first is not None and first.exists() and self.library.find_path(first) is None:
            self.library.adopt_models_folder(only=[first])

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
        with self.db.session() as s:
            row = s.scalars(
                select(DownloadRow)
                .where(DownloadRow.dest_path == str(dest))
                .order_by(DownloadRow.id.desc())
            ).first()
            if row is not None:
                if row.state == "verified" and dest.exists():
                    if req.revision in (row.revision, row.commit):
                        self._ensure_in_library(row)
                        return row.id
                    self._before[row.id] = (row.revision, row.commit, row.expected_sha256)
                elif row.state in ("queued", "downloading"):
                    return row.id
                row.state, row.reason = "queued", None  # paused, failed, or a removed file
            else:
                last = s.scalar(select(func.max(DownloadRow.position))) or 0
                row = DownloadRow(dest_path=str(dest), position=last + 1, bytes_done=0)
                s.add(row)
            row.repo, row.filename, row.revision = req.repo, req.filename, req.revision
            row.endpoint, row.catalog_id, row.quant = endpoint, req.catalog_id, req.quant
            row.expected_sha256 = req.expected_sha256
            row.size_bytes = req.size_bytes if req.size_bytes is not None else row.size_bytes
            s.commit()
            return row.id

    def get(self, download_id: int) -> DownloadInfo:
        with self.db.session() as s:
            row = s.get(DownloadRow, download_id)
            if row is None:
                raise InputError(f"No download with id {download_id}.")
            return _info(row)

    def entries(self) -> list[DownloadInfo]:
        with self.db.session() as s:
            rows = s.scalars(select(DownloadRow).order_by(DownloadRow.position)).all()
            return [_info(r) for r in rows]

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
        with self.db.session() as s:
            row = s.get(DownloadRow, download_id)
            if row is None:
                return
            if row.state != "verified":
                for path in part_paths(Path(row.dest_path)):
                    with contextlib.suppress(OSError):  # a lock held elsewhere on Windows
                        path.unlink(missing_ok=True)
            s.delete(row)
            s.commit()

    def _set_state(
        self,
        download_id: int,
        state: str,
        reason: str | None = None,
        only_from: tuple[str, ...] | None = None,
    ) -> bool:
        with self.db.session() as s:
            row = s.get(DownloadRow, download_id)
            if row is None:
                raise InputError(f"No download with id {download_id}.")
            if only_from is not None and row.state not in only_from:
                return False
            row.state, row.reason = state, reason
            if state in ("verified", "failed"):
                row.finished_at = datetime.now(timezone.utc)
            s.commit()
            return True

    # ---- running -----------------------------------------------------------------------
    @property
    def active(self) -> list[int]:
        return list(self._jobs)

    def _start_queued(self, only: list[int] | None = None) -> list[ManagerEvent]:
        started: list[ManagerEvent] = []
        free = self.max_concurrent - len(self._jobs)
        if free <= 0:
            return started
        with self.db.session() as s:
            q = select(DownloadRow).where(DownloadRow.state == "queued")
            if self._jobs:  # another process may have queued one of ours again on its start
                q = q.where(DownloadRow.id.not_in(list(self._jobs)))
            if only is not None:
                q = q.where(DownloadRow.id.in_(only))
            rows = s.scalars(q.order_by(DownloadRow.position).limit(free)).all()
            for row in rows:
                row.state, row.reason = "downloading", None
            s.commit()
            for row in rows:
                self._spawn(row)
                started.append(StateChanged(row.id, "downloading"))
        return started

    def _spawn(self, row: DownloadRow) -> None:
        job = self._job(
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
        token = CancelToken()
        thread = threading.Thread(
            target=self._run_in_thread, args=(row.id, job, token), name=f"download-{row.id}",
            daemon=True,
        )  # fmt: skip
        self._jobs[row.id] = _Job(row.id, token, thread)
        thread.start()

    def _run_in_thread(self, download_id: int, job: WorkerJob, token: CancelToken) -> None:
        for event in job(token):
            self.post(download_id, event)

    def post(self, download_id: int, event: WorkerEvent) -> None:
        """Hand over what a download's job yielded (from any thread); ``poll`` applies it."""
        self._events.put((download_id, event))

    def _job(
        self,
        endpoint: str,
        repo: str,
        filename: str,
        revision: str,
        dest: Path,
        expected: str | None,
    ) -> WorkerJob:
        """A download's work: network and disk only, never the database."""

        def job(token: CancelToken) -> Iterator[WorkerEvent]:
            try:
                client = self.client_for(endpoint)
                remote = client.metadata(repo, filename, revision)
                yield _Resolved(remote)
                done: DownloadVerified | None = None
                for event in fetch(
                    client, remote, dest, expected_sha256=expected, cancel=token,
                    options=self.options,
                ):  # fmt: skip
                    if isinstance(event, DownloadVerified):
                        done = event
                    else:
                        yield event
                if done is None:
                    yield _Stopped()
                    return
                info = None
                with contextlib.suppress(InputError):
                    info = read_local_header(done.path)
                yield _Done(done, info)
            except BusyError as exc:
                yield _Failed(str(exc), exc.code, exc.params, busy=True)
            except WizardError as exc:
                yield _Failed(str(exc), exc.code, exc.params)
            except Exception as exc:  # the reason reaches the user, not a dead thread
                log.exception("download of %s failed", filename)
                yield _Failed(f"Unexpected error: {exc!r}.")

        return job

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

    def _apply(self, download_id: int, event: _WorkerEvent) -> list[ManagerEvent]:
        job = self._jobs.get(download_id)
        if isinstance(event, _Resolved):
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
        if isinstance(event, _Stopped):
            stop_as = job.stop_as if job is not None else "queued"
            if stop_as == "cancelled":
                self._forget(download_id)
                return [StateChanged(download_id, "cancelled")]
            self._set_state(download_id, stop_as)
            return [StateChanged(download_id, stop_as)]
        if isinstance(event, _Failed):
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
        with self.db.session() as s:
            row = s.get(DownloadRow, download_id)
            if row is None or row.sha256 is None or not Path(row.dest_path).exists():
                return False
            row.state, row.reason = "verified", None
            row.revision, row.commit, row.expected_sha256 = before
            s.commit()
            return True

    def _save_resolved(self, download_id: int, remote: RemoteFile) -> None:
        with self.db.session() as s:
            row = s.get(DownloadRow, download_id)
            if row is not None:
                row.commit = remote.commit
                row.size_bytes = remote.size or row.size_bytes
                s.commit()

    def _installed(self, download_id: int, done: _Done) -> list[ManagerEvent]:
        """Record a verified file: the library entry first, then the queue row, then the
        receipt goes. A crash between any two leaves what the next start repairs."""
        v = done.verified
        with self.db.session() as s:
            row = s.get(DownloadRow, download_id)
            if row is None:
                return []
            repo, filename, catalog_id, quant = row.repo, row.filename, row.catalog_id, row.quant
            revision = v.commit or row.commit or row.revision
        model_id = None
        first = _first_shard_if_complete(v.path)
        if first is not None:
            checked = v.expected_sha256 is not None
            if first != v.path:
                checked = checked and self._checked(first)
            entry = self.library.add_download(
                first,
                repo=repo,
                filename=str(Path(filename).with_name(first.name).as_posix()),
                revision=revision,
                sha256=v.sha256 if first == v.path else self._sha_of(first) or v.sha256,
                info=done.info if first == v.path else _header(first),
                catalog_id=catalog_id,
                quant=quant,
                download_id=download_id if first == v.path else None,
                verified=checked,
            )
            model_id = entry.id
        with self.db.session() as s:
            row = s.get(DownloadRow, download_id)
            if row is None:
                return []
            row.state, row.reason, row.sha256 = "verified", None, v.sha256
            # the hash the bytes were checked against (catalog or Hub), None if none was
            row.expected_sha256 = v.expected_sha256
            row.bytes_done, row.size_bytes = v.size, v.size
            row.commit = v.commit or row.commit
            row.finished_at = datetime.now(timezone.utc)
            s.commit()
        remove_receipt(v.path)
        return [
            StateChanged(download_id, "verified"),
            Installed(download_id, v.path, v.sha256, model_id, v.fetched),
        ]

    def _checked(self, path: Path) -> bool:
        with self.db.session() as s:
            row = s.scalars(
                select(DownloadRow).where(
                    DownloadRow.dest_path == str(path), DownloadRow.state == "verified"
                )
            ).first()
            return bool(row and row.expected_sha256 and row.expected_sha256 == row.sha256)

    def _sha_of(self, path: Path) -> str | None:
        with self.db.session() as s:
            row = s.scalars(
                select(DownloadRow).where(
                    DownloadRow.dest_path == str(path), DownloadRow.state == "verified"
                )
            ).first()
            return row.sha256 if row else None

    def _save_progress(self, download_id: int, done: int, total: int | None) -> None:
        """Best effort: the part file, not this figure, is what a resume relies on."""
        try:
            with self.db.session() as s:
                row = s.get(DownloadRow, download_id)
                if row is not None:
                    row.bytes_done = done
                    if total is not None:
                        row.size_bytes = total
                    s.commit()
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
        with self.db.session() as s:
            q = select(func.count()).select_from(DownloadRow).where(DownloadRow.state == "queued")
            if ids is not None:
                q = q.where(DownloadRow.id.in_(ids))
            return bool(s.scalar(q))

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


def _first_shard_if_complete(path: Path) -> Path | None:
    """The model to register once this file is verified: itself, or for a split model
    its first shard when every shard is on disk."""
    if shard_name(path.name) is None:
        return path
    shards = shard_paths(path)
    return shards[0] if all(s.exists() for s in shards) else None


def _header(path: Path) -> GGUFInfo | None:
    try:
        return read_local_header(path)
    except InputError:
        return None
