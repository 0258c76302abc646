"""The main connection of a download: it streams from the first byte not yet hashed.

Its bytes go through the sink (written and hashed in line); it retries by the one policy
in ``retry``; when the server ignores a byte range it starts over from byte 0 with the
whole body. ``MainConnection`` is the streaming half of the fetch in ``fetcher`` (which
sets up, hashes what the extra connections wrote, verifies and renames).
"""

from __future__ import annotations

import contextlib
import logging
from abc import ABC, abstractmethod
from collections.abc import Generator, Iterator

from wizard_app.core.cancel import CancelToken
from wizard_app.core.download import errors
from wizard_app.core.download.errors import DownloadError, TransientError
from wizard_app.core.download.events import DownloadProgress, DownloadRetry, FetchEvent
from wizard_app.core.download.extra import UNBOUNDED, Claim, ExtraConnections, Shared
from wizard_app.core.download.hub import HubClient, safe_url
from wizard_app.core.download.options import FetchOptions
from wizard_app.core.download.partfile import Intervals, PartFile
from wizard_app.core.download.response import HubResponse, RemoteFile
from wizard_app.core.download.retry import Attempts, StallWatch, read_into
from wizard_app.core.download.sink import Sink
from wizard_app.core.units import human_bytes

log = logging.getLogger(__name__)


class _RangeIgnored(Exception):
    """The server answered a ranged request with the whole file."""

    def __init__(self, resp: HubResponse) -> None:
        super().__init__("range ignored")
        self.resp = resp


class MainConnection(ABC):
    """Streaming over the main connection; the state is the fetch's own (``fetcher``)."""

    client: HubClient
    remote: RemoteFile
    cancel: CancelToken
    opt: FetchOptions
    files: PartFile
    shared: Shared
    extra: ExtraConnections
    ctx: tuple[str, str, str]
    attempts: Attempts
    size: int | None
    p: int  # everything before p is on disk and hashed
    sink: Sink | None

    @abstractmethod
    def _progress(self, phase: str = "downloading") -> DownloadProgress | None:
        """A progress event, at most every ``progress_interval``."""

    @abstractmethod
    def _disk_error(self, exc: OSError) -> DownloadError:
        """The error for a failed write to the part file."""

    @abstractmethod
    def _gave_up(self, exc: TransientError) -> DownloadError:
        """The error once the retry policy has no attempt left."""

    def _fill(self) -> None:
        assert self.sink is not None
        self.extra.fill(self.p, self.size, self.sink)

    def _drain(self) -> Iterator[FetchEvent]:
        try:
            yield from self.extra.drain()
        except OSError as exc:
            raise self._disk_error(exc) from exc

    def _stream_head(self) -> Generator[FetchEvent, None, bool]:
        """Fetch from ``p`` over the main connection, hashing in line; retry on failure.

        Returns True when the file is complete (the end of a file of unknown size).
        """
        assert self.sink is not None
        try:
            self.sink.seek(self.p)  # the sink writes where the main connection starts
        except OSError as exc:
            raise self._disk_error(exc) from exc
        end = self.shared.boundary(self.p, self.size)
        head = Claim(self.p, end if end is not None else UNBOUNDED)
        with self.shared.lock:
            self.shared.claims.append(head)
            self.shared.head = head
        try:
            while not self.cancel.is_set():
                before = head.pos
                try:
                    complete = yield from self._head_attempt(head)
                    self.attempts.succeeded()
                    return complete
                except _RangeIgnored as exc:
                    yield from self._restart(exc.resp, head)
                    return self.size is None
                except TransientError as exc:
                    try:
                        self.sink.flush()
                    except OSError as disk:
                        raise self._disk_error(disk) from disk
                    delay = self.attempts.failed(head.pos - before, exc)
                    if delay is None:
                        raise self._gave_up(exc) from exc
                    log.info("retrying %s in %.1f s: %s", self.remote.filename, delay, exc)
                    yield DownloadRetry(self.attempts.count, self.opt.retries, delay, exc.message)
                    if self.cancel.wait(delay):
                        return False
            return False
        finally:
            with self.shared.lock:
                self.shared.claims.remove(head)
                self.shared.head = None
            with contextlib.suppress(OSError):
                self.sink.flush()
            written = self.sink.position
            with self.shared.lock:
                self.shared.done.add(self.p, written)
            self.p = max(self.p, written)

    def _head_attempt(self, head: Claim) -> Generator[FetchEvent, None, bool]:
        assert self.sink is not None
        last = None if head.end >= (self.size or UNBOUNDED) else head.end - 1
        resp = self.client.open_range(
            self.remote.url, head.pos, last, timeout=self.opt.stall_timeout, context=self.ctx
        )
        if head.pos > 0 or last is not None:
            got = resp.content_range() if resp.status == 206 else None
            if got is None or got[0] != head.pos:
                raise _RangeIgnored(resp)  # _restart reads (and closes) this response
            if self.size is not None and got[2] is not None and got[2] != self.size:
                resp.close()
                self.files.discard()
                raise errors.changed(self.remote.filename, got[2], self.size)
        with resp:
            if self.size is None and resp.status == 200 and resp.length is not None:
                self.size = resp.length
            yield from self._pump(resp, head)
            if self.size is None:
                return True
        return False

    def _restart(self, resp: HubResponse, head: Claim) -> Iterator[FetchEvent]:
        """The server ignored Range and sends the whole file: use that, from byte 0."""
        assert self.sink is not None
        log.warning("%s ignored the byte range; starting over", safe_url(resp.url))
        self.extra.stop()
        self.extra.disable()
        with resp:
            if resp.status != 200:
                raise TransientError(f"The server answered {resp.status} to a ranged request.")
            self.sink.reset()
            if self.sink.journal is not None:
                self.sink.journal.close()
                self.sink.journal = None
                self.files.ranges.unlink(missing_ok=True)
            with self.shared.lock:
                self.shared.done = Intervals()
                self.shared.claims = [c for c in self.shared.claims if c is head]
            self.p = 0
            head.pos, head.end = 0, self.size if self.size is not None else UNBOUNDED
            yield from self._pump(resp, head)

    def _pump(self, resp: HubResponse, claim: Claim) -> Iterator[FetchEvent]:
        """Read the body into the sink until the claim's end (which may shrink)."""
        assert self.sink is not None
        stall = StallWatch(self.opt.stall_timeout, self.opt.stall_min_bytes)
        while not self.cancel.is_set():
            with self.shared.lock:
                want = min(self.opt.chunk_size, claim.end - claim.pos)
            if want <= 0:
                return
            try:
                buf = self.sink.buffer()
            except OSError as exc:
                raise self._disk_error(exc) from exc
            try:
                n = read_into(resp, memoryview(buf)[:want], self.opt.stall_timeout)
            except BaseException:
                self.sink.give_back(buf)
                raise
            if not n:
                self.sink.give_back(buf)
                if self.size is not None and claim.pos < min(claim.end, self.size):
                    raise TransientError(
                        f"The connection closed early at {human_bytes(claim.pos)} of "
                        f"{human_bytes(self.size)}."
                    )
                return
            try:
                self.sink.put(buf, n)
            except OSError as exc:
                raise self._disk_error(exc) from exc
            with self.shared.lock:
                claim.pos += n
                self.shared.received += n
            stall.add(n)
            self._fill()
            event = self._progress()
            if event is not None:
                yield event
            yield from self._drain()
