"""One remote file to one verified local file, whatever the network and the disk do.

The bytes go to the part file (``partfile``); the sha256 is computed while streaming
(the part already on disk is hashed first on a resume) and compared with the expected
value; only then is the part renamed, atomically, to its final name. Nothing partial
ever carries the final name, and a failure of any kind leaves a part that the next run
resumes.

This module is the main connection: it streams from the first byte not yet hashed into
the sink (``sink``: writing and hashing on two threads, so a download runs at network
speed rather than at network + hash + disk speed), and hashes from the disk what the
extra connections (``extra``, optional) wrote. Every connection retries by the one
policy in ``retry``.

``fetch`` is a generator of small frozen events (``events``), checking a
:class:`CancelToken` between chunks; it never touches the database.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import time
from collections import deque
from collections.abc import Generator, Iterator
from pathlib import Path

from wizard_app.core.cancel import CancelToken
from wizard_app.core.download import errors
from wizard_app.core.download.errors import DownloadError, IntegrityError, TransientError
from wizard_app.core.download.events import (
    DownloadProgress,
    DownloadStarted,
    DownloadVerified,
    FetchEvent,
)
from wizard_app.core.download.extra import ExtraConnections, Shared
from wizard_app.core.download.hub import HubClient
from wizard_app.core.download.options import FetchOptions, MiB
from wizard_app.core.download.partfile import Journal, PartFile, PartLock
from wizard_app.core.download.response import RemoteFile
from wizard_app.core.download.retry import Attempts
from wizard_app.core.download.single import MainConnection
from wizard_app.core.download.sink import Sink

log = logging.getLogger(__name__)


def fetch(
    client: HubClient,
    remote: RemoteFile,
    dest: Path,
    *,
    expected_sha256: str | None = None,
    cancel: CancelToken | None = None,
    options: FetchOptions | None = None,
) -> Generator[FetchEvent, None, None]:
    """Download ``remote`` to ``dest``; the last event is :class:`DownloadVerified`.

    Raises :class:`DownloadError` (with a remedy) when it cannot finish. When ``cancel``
    is set, it returns early and the part file stays for the next run.
    """
    return _Fetch(client, remote, dest, expected_sha256, cancel or CancelToken(), options).run()


class _Speed:
    """Bytes per second over a sliding window, for progress and ETA."""

    def __init__(self, window: float) -> None:
        self.window = window
        self.samples: deque[tuple[float, int]] = deque()

    def add(self, now: float, done: int) -> None:
        self.samples.append((now, done))
        while len(self.samples) > 2 and now - self.samples[1][0] >= self.window:
            self.samples.popleft()

    def rate(self) -> float:
        if len(self.samples) < 2:
            return 0.0
        (t0, d0), (t1, d1) = self.samples[0], self.samples[-1]
        return (d1 - d0) / (t1 - t0) if t1 > t0 else 0.0


class _Fetch(MainConnection):
    """The whole run: resume or start, stream, hash what others wrote, verify, rename."""

    def __init__(
        self,
        client: HubClient,
        remote: RemoteFile,
        dest: Path,
        expected_sha256: str | None,
        cancel: CancelToken,
        options: FetchOptions | None,
    ) -> None:
        self.client = client
        self.remote = remote
        self.dest = dest
        self.cancel = cancel
        self.opt = options or FetchOptions()
        self.expected = (expected_sha256 or "").lower() or remote.sha256
        self.size = remote.size
        self.files = PartFile(dest, remote, self.expected or "")
        self.part = self.files.part
        self.shared = Shared()
        ctx = (remote.repo, remote.filename, remote.revision)
        self.ctx = ctx
        self.extra = ExtraConnections(
            client, remote.url, ctx, self.part, self.files.ranges, self.opt, self.shared
        )
        self.p = 0  # everything before p is on disk and hashed
        self.sink: Sink | None = None
        self.speed = _Speed(self.opt.speed_window)
        self.last_event = 0.0
        self.attempts = Attempts(self.opt)

    # ---- the whole run -----------------------------------------------------------------
    def run(self) -> Generator[FetchEvent, None, None]:
        if self.expected and self.remote.sha256 and self.expected != self.remote.sha256:
            raise errors.hub_mismatch(self.remote, self.expected)
        try:
            self.dest.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DownloadError(
                f"Cannot create the folder {self.dest.parent}: {exc.strerror or exc}.",
                "Choose a writable data folder with --data-dir.",
            ) from exc
        try:
            lock = PartLock(self.files.lock_path, self.remote.filename)
        except OSError as exc:
            raise self._disk_error(exc) from exc
        ok = False
        try:
            done = yield from self._already_there()
            if done is not None:
                ok = True
                yield done
                return
            resumed = self._open_part()
            self._check_disk()
            yield DownloadStarted(self.size, resumed, self.expected, self.remote.commit, self.part)
            yield from self._hash_kept()
            if self.cancel.is_set():
                return
            assert self.sink is not None
            self.sink.seek(self.p)
            yield from self._loop()
            if self.cancel.is_set():
                return
            yield from self._finish()
            ok = True
        finally:
            self._shutdown()
            empty = not ok and self.files.nothing_kept()
            if empty:  # nothing to resume: leave no empty part, identity or lock behind
                self.files.discard()
            lock.release(remove=ok or empty or not self.part.exists())

    def _already_there(self) -> Generator[FetchEvent, None, DownloadVerified | None]:
        """A destination that already holds the expected bytes (say the app stopped between
        the rename and the clean-up) is verified, not fetched again. Without an expected
        hash, the receipt a ``keep_receipt`` run left says which bytes it renamed."""
        expected, size = self.expected, self.size
        if not expected:
            receipt = self.files.receipt(self.size)
            if receipt is not None:
                expected, size = receipt
        if not expected or size is None:
            return None
        interval = self.opt.progress_interval
        if not (yield from self.files.dest_matches(expected, size, self.cancel, interval)):
            return None
        self.files.remove_leftovers(self.opt.keep_receipt)
        return DownloadVerified(self.dest, size, expected, self.remote.commit, 0,
                                self.expected or None)  # fmt: skip

    def _open_part(self) -> int:
        """Keep a part that belongs to the same remote file; otherwise start afresh."""
        try:
            kept = self.files.kept(self.size)
            self.sink = Sink(self.part, 0, self.opt.write_hook, self.opt.chunk_size)
            if not kept.items():
                self.sink.file.truncate(0)
            elif self.files.ranges.exists():
                self.sink.journal = Journal(self.files.ranges)
        except OSError as exc:
            raise self._disk_error(exc) from exc
        self.shared.done = kept
        return kept.total()

    def _check_disk(self) -> None:
        if self.size is None:
            return
        need = max(0, self.size - self.shared.done.total()) + self.opt.disk_margin
        if self.opt.free_space is not None:
            free = self.opt.free_space(self.dest.parent)
        else:
            free = shutil.disk_usage(self.dest.parent).free
        if free < need:
            raise errors.no_space(
                self.dest.parent, self.remote.filename, need, self.opt.disk_margin, free
            )

    def _hash_kept(self) -> Iterator[FetchEvent]:
        """Hash the kept prefix of the part before fetching more."""
        end = self.shared.done.contiguous_end(0)
        if end:
            yield from self._hash_disk(end, phase="checking")

    def _hash_disk(self, end: int, phase: str = "downloading") -> Iterator[FetchEvent]:
        """Hash ``[p, end)`` from the part file (ranges other connections wrote)."""
        assert self.sink is not None
        buf = bytearray(4 * MiB)
        try:
            with open(self.part, "rb", buffering=0) as f:
                f.seek(self.p)
                while self.p < end:
                    if self.cancel.is_set():
                        return
                    view = memoryview(buf)[: min(len(buf), end - self.p)]
                    n = f.readinto(view)
                    if not n:
                        self.files.discard()
                        raise IntegrityError(
                            f"The part file {self.part.name} is shorter than its log of "
                            "written ranges says; it was deleted.",
                            "Run the download again.",
                        )
                    self.sink.hasher.update(view[:n])
                    self.p += n
                    event = self._progress(phase)
                    if event is not None:
                        yield event
        except OSError as exc:
            raise DownloadError(
                f"Cannot read {self.part}: {exc.strerror or exc}.",
                "Check the disk, then run the download again.",
            ) from exc

    # ---- the main loop -----------------------------------------------------------------
    def _loop(self) -> Iterator[FetchEvent]:
        while not self.cancel.is_set():
            yield from self._drain()
            if self.size is not None and self.p >= self.size:
                return
            kept_end = self.shared.done_end(self.p)
            if kept_end > self.p:
                yield from self._hash_disk(min(kept_end, self.p + 64 * MiB))
                continue
            if self.shared.claim_at(self.p) is not None:
                # Another connection is fetching the bytes we need to hash next.
                self._fill()
                self.cancel.wait(0.05)
                event = self._progress()
                if event is not None:
                    yield event
                continue
            finished = yield from self._stream_head()
            if finished:
                return

    # ---- the end -----------------------------------------------------------------------
    def _finish(self) -> Iterator[FetchEvent]:
        assert self.sink is not None
        self.size = self.p if self.size is None else self.size
        yield DownloadProgress(self.p, self.size, self.speed.rate(), 0.0, "verifying")
        self.extra.stop()
        sink, self.sink = self.sink, None
        try:
            sink.close(fsync=self.opt.fsync)
            on_disk = self.part.stat().st_size
        except OSError as exc:
            raise self._disk_error(exc) from exc
        digest = sink.hasher.hexdigest()
        if on_disk != self.size or self.p != self.size:
            self.files.discard()
            raise IntegrityError(
                f"{self.remote.filename} came out at {on_disk} bytes instead of {self.size}; "
                "the partial file was deleted.",
                "Run the download again.",
            )
        if self.expected and digest != self.expected:
            self.files.discard()
            raise IntegrityError.from_code(
                "download.checksum",
                filename=self.remote.filename,
                digest=digest,
                expected=self.expected,
            )
        try:
            self.files.commit(
                digest, self.size, keep_receipt=self.opt.keep_receipt, fsync=self.opt.fsync
            )
        except OSError as exc:
            raise self._disk_error(exc) from exc
        self.files.remove_leftovers(self.opt.keep_receipt)
        yield DownloadVerified(
            self.dest, self.size, digest, self.remote.commit, self.shared.received, self.expected
        )

    def _shutdown(self) -> None:
        self.extra.join()
        if self.sink is not None:
            sink, self.sink = self.sink, None
            with contextlib.suppress(OSError):
                sink.close(fsync=False)

    # ---- messages ----------------------------------------------------------------------
    def _progress(self, phase: str = "downloading") -> DownloadProgress | None:
        now = time.monotonic()
        done = self.shared.done_now(self.p)
        self.speed.add(now, done)
        if now - self.last_event < self.opt.progress_interval:
            return None
        self.last_event = now
        rate = self.speed.rate()
        eta = (self.size - done) / rate if (rate > 0 and self.size is not None) else None
        return DownloadProgress(done, self.size, rate, eta, phase, max(1, self.shared.active()))

    def _disk_error(self, exc: OSError) -> DownloadError:
        kept = self.shared.done_now(self.p) if self.sink is not None else 0
        return errors.disk_error(
            exc,
            part=self.part,
            filename=self.remote.filename,
            kept=kept,
            size=self.size,
            margin=self.opt.disk_margin,
        )

    def _gave_up(self, exc: TransientError) -> DownloadError:
        return errors.gave_up(
            exc,
            filename=self.remote.filename,
            attempts=self.opt.retries + 1,
            kept=self.shared.done_now(self.p),
            size=self.size,
            part=self.part,
        )
