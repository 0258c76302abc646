"""Extra connections for a large file: optional, and switched off with ``connections=1``.

The main connection (``fetcher``) streams from the first byte not yet hashed. Each extra
connection claims a byte range (a stretch a resume left unfetched, else the upper half
of the largest range still being fetched), fetches it on a thread of its own and writes
it into the part file at its offset, logging every written range to the journal. With
``connections=0`` the ramp measures whether a second (then a third and fourth)
connection makes the download faster and keeps only as many as help. What happens on a
thread reaches the main loop as an event (``drain``), never as a lost exception.
"""

from __future__ import annotations

import errno
import logging
import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from wizard_app.core.download.errors import DownloadError, TransientError
from wizard_app.core.download.events import DownloadRetry
from wizard_app.core.download.hub import HubClient
from wizard_app.core.download.options import FetchOptions, MiB
from wizard_app.core.download.partfile import Intervals, Journal
from wizard_app.core.download.response import HubResponse
from wizard_app.core.download.retry import Attempts, StallWatch, read_into
from wizard_app.core.download.sink import Sink
from wizard_app.core.units import human_bytes

log = logging.getLogger(__name__)

UNBOUNDED = 1 << 62  # the end of a claim on a file of unknown size


@dataclass(eq=False)
class Claim:
    """A byte range ``[pos, end)`` a connection is fetching; ``end`` may shrink."""

    pos: int
    end: int
    stop: bool = False
    thread: threading.Thread | None = None
    finished: bool = False


@dataclass
class Shared:
    """What the main loop and the connection threads share, under ``lock``."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    done: Intervals = field(default_factory=Intervals)
    received: int = 0  # bytes read from the network by every connection, this run
    events: queue.Queue[tuple[str, Claim, Any]] = field(default_factory=queue.Queue)
    closing: threading.Event = field(default_factory=threading.Event)
    claims: list[Claim] = field(default_factory=list)
    head: Claim | None = None  # the main connection's claim while it streams

    def done_end(self, pos: int) -> int:
        with self.lock:
            return self.done.contiguous_end(pos)

    def claim_at(self, pos: int) -> Claim | None:
        with self.lock:
            return next((c for c in self.claims if c.pos <= pos < c.end and not c.finished), None)

    def boundary(self, pos: int, size: int | None) -> int | None:
        """Where the unclaimed, not-yet-done stretch starting at ``pos`` ends."""
        with self.lock:
            ends = [c.pos for c in self.claims if c.pos > pos and not c.finished]
            nxt = self.done.next_start(pos)
        if nxt is not None:
            ends.append(nxt)
        if size is not None:
            ends.append(size)
        return min(ends) if ends else None

    def done_now(self, p: int) -> int:
        """Bytes on disk: the done ranges, plus the main connection's since ``p``."""
        with self.lock:
            done = self.done.total()
            if self.head is not None:
                done += self.head.pos - p
        return done

    def active(self) -> int:
        with self.lock:
            return sum(1 for c in self.claims if not c.finished and not c.stop)


class ExtraConnections:
    """Starts, measures, trims and stops the connections beside the main one."""

    def __init__(
        self,
        client: HubClient,
        url: str,
        ctx: tuple[str, str, str],
        part: Path,
        ranges: Path,
        options: FetchOptions,
        shared: Shared,
    ) -> None:
        self.client, self.url, self.ctx = client, url, ctx
        self.part, self.ranges = part, ranges
        self.opt = options
        self.shared = shared
        fixed = options.connections
        self.target = fixed if fixed > 0 else 1
        self.ramp: dict[str, Any] | None = (
            {"phase": "single", "since": None, "bytes": 0} if fixed == 0 else None
        )
        self.ranges_ok = True
        self._sink: Sink | None = None

    def disable(self) -> None:
        """The server does not serve ranges: one connection from now on."""
        self.ranges_ok = False
        self.target = 1
        self.ramp = None

    def fill(self, p: int, size: int | None, sink: Sink) -> None:
        """Measure (connections=0) and start connections up to the target."""
        if size is None or not self.ranges_ok:
            return
        self._sink = sink
        self._ramp()
        while self.shared.active() < self.target:
            claim = self._split(p, size)
            if claim is None:
                return
            self._journal_on(p, sink)
            claim.thread = threading.Thread(
                target=self._run, args=(claim,), name="fetch-range", daemon=True
            )
            claim.thread.start()

    def _ramp(self) -> None:
        ramp = self.ramp
        if ramp is None:
            return
        now = time.monotonic()
        with self.shared.lock:
            received = self.shared.received
        if ramp["since"] is None:
            ramp["since"], ramp["bytes"] = now, received
            return
        if now - ramp["since"] < self.opt.probe_s:
            return
        rate = (received - ramp["bytes"]) / (now - ramp["since"])
        ramp["since"], ramp["bytes"] = now, received
        if ramp["phase"] == "single":
            if rate >= self.opt.probe_below:
                log.info("one connection: %s/s, fast enough", human_bytes(rate))
                self.ramp = None
                return
            ramp["rate"], ramp["phase"] = rate, "probing"
            self.target = 2
            log.info("one connection: %s/s; trying two", human_bytes(rate))
        elif rate > ramp["rate"] * 1.2 and self.target < self.opt.max_connections:
            log.info("%d connections: %s/s; trying more", self.target, human_bytes(rate))
            ramp["rate"] = rate
            self.target = min(self.opt.max_connections, self.target * 2)
        else:
            if rate <= ramp["rate"] * 1.2:  # not faster: start no more connections
                self.target = max(1, self.target // 2)
                if rate < ramp["rate"] * 0.8:  # slower: stop the extra ones now
                    self._trim(self.target)
            log.info("keeping %d connection(s) (%s/s)", self.target, human_bytes(rate))
            self.ramp = None

    def _trim(self, keep: int) -> None:
        shared = self.shared
        with shared.lock:
            extra = [c for c in shared.claims if c is not shared.head and not c.finished]
            for c in extra[max(0, keep - (1 if shared.head else 0)) :]:
                c.stop = True

    def _split(self, p: int, size: int) -> Claim | None:
        """A range for a new connection: a stretch nobody fetches (left by a resume),
        else the upper half of the largest range still being fetched."""
        shared = self.shared
        with shared.lock:
            hole = self._unclaimed_hole(p, size)
            if hole is not None:
                claim = Claim(*hole)
            else:
                live = [c for c in shared.claims if not c.finished and not c.stop]
                best = max(live, key=lambda c: c.end - c.pos, default=None)
                if best is None or best.end - best.pos < 2 * self.opt.min_segment:
                    return None
                mid = best.pos + (best.end - best.pos) // 2
                mid -= mid % MiB
                claim = Claim(mid, best.end)
                best.end = mid
            shared.claims.append(claim)
        return claim

    def _unclaimed_hole(self, p: int, size: int) -> tuple[int, int] | None:
        """A stretch after ``p`` that nobody fetches (a resume left it); lock held."""
        shared = self.shared
        busy = Intervals(shared.done.items())
        for c in shared.claims:
            if not c.finished:
                # the main connection's bytes since p are in the sink, not yet in done
                busy.add(p if c is shared.head else c.pos, c.end)
        pos = p
        for s, e in [*busy.items(), (size, size)]:
            if e <= pos:
                continue
            # a stretch starting at p with no main connection on it is for the main one
            if s > pos and (pos != p or shared.head is not None):
                return pos, s
            pos = max(pos, e)
        return None

    def _journal_on(self, p: int, sink: Sink) -> None:
        """From the first extra connection on, the part file has holes: log each write."""
        if sink.journal is not None:
            return
        sink.flush()
        journal = Journal(self.ranges)
        with self.shared.lock:
            done = self.shared.done.items()
            head = self.shared.head
        if head is not None and sink.position > p:
            done.append((p, sink.position))
        for s, e in done:
            journal.append(s, e)
        sink.journal = journal

    def _run(self, claim: Claim) -> None:
        """Fetch ``[pos, end)`` over another connection, writing at its offset."""
        shared = self.shared
        attempts = Attempts(self.opt)
        try:
            with open(self.part, "r+b", buffering=0) as f:
                while not (shared.closing.is_set() or claim.stop):
                    with shared.lock:
                        if claim.pos >= claim.end:
                            break
                        start, last = claim.pos, claim.end - 1
                    try:
                        if not self._attempt(claim, f, start, last):
                            shared.events.put(("norange", claim, None))
                            return
                        attempts.succeeded()
                    except TransientError as exc:
                        delay = attempts.failed(claim.pos - start, exc)
                        if delay is None:
                            shared.events.put(("gave_up", claim, exc))
                            return
                        shared.events.put(("retry", claim, (exc, delay, attempts.count)))
                        if shared.closing.wait(delay):
                            return
        except OSError as exc:
            shared.events.put(("disk", claim, exc))
        except Exception as exc:  # surfaced in the main loop, never lost in a thread
            shared.events.put(("fatal", claim, exc))
        finally:
            with shared.lock:
                claim.finished = True
            shared.events.put(("finished", claim, None))

    def _attempt(self, claim: Claim, f: BinaryIO, start: int, last: int) -> bool:
        """One request for ``[start, last]``; False when the server ignores the range."""
        resp = self.client.open_range(
            self.url, start, last, timeout=self.opt.stall_timeout, context=self.ctx
        )
        with resp:
            got = resp.content_range() if resp.status == 206 else None
            if got is None or got[0] != start:
                return False
            f.seek(start)
            self._pump(resp, claim, f)
        return True

    def _pump(self, resp: HubResponse, claim: Claim, f: BinaryIO) -> None:
        shared, hook = self.shared, self.opt.write_hook
        stall = StallWatch(self.opt.stall_timeout, self.opt.stall_min_bytes)
        journal = self._sink.journal if self._sink else None
        buf = memoryview(bytearray(self.opt.chunk_size))
        while not (shared.closing.is_set() or claim.stop):
            with shared.lock:
                want = min(len(buf), claim.end - claim.pos)
            if want <= 0:
                return
            got = read_into(resp, buf[:want], self.opt.stall_timeout)
            if not got:
                raise TransientError("The connection closed early.")
            with shared.lock:
                n = min(got, claim.end - claim.pos)  # the end may have moved meanwhile
                pos = claim.pos
            view = buf[:n]
            while view:
                if hook is not None:
                    hook(pos, len(view))
                w = f.write(view) or 0
                if w <= 0:
                    raise OSError(errno.EIO, "short write")
                if journal is not None:
                    journal.append(pos, pos + w)
                with shared.lock:
                    shared.done.add(pos, pos + w)
                    claim.pos = pos + w
                    shared.received += w
                pos += w
                view = view[w:]
            stall.add(n)

    def drain(self) -> Iterator[DownloadRetry]:
        """Handle what the connection threads reported. Raises ``OSError`` for a disk
        problem and ``DownloadError`` for anything else that ends the download."""
        shared = self.shared
        while True:
            try:
                kind, claim, payload = shared.events.get_nowait()
            except queue.Empty:
                return
            if kind == "finished":
                with shared.lock:
                    if claim in shared.claims:
                        shared.claims.remove(claim)
            elif kind == "retry":
                exc, delay, attempt = payload
                yield DownloadRetry(attempt, self.opt.retries, delay, exc.message)
            elif kind == "gave_up":
                log.info("an extra connection gave up (%s); the main one takes over", payload)
                self.target = max(1, self.target - 1)
            elif kind == "norange":
                self.disable()
            elif kind == "disk":
                raise payload
            elif kind == "fatal":
                if isinstance(payload, DownloadError):
                    raise payload
                raise DownloadError(f"A download connection failed: {payload}.") from payload

    def join(self) -> None:
        """Stop every connection thread and wait for it."""
        shared = self.shared
        shared.closing.set()
        with shared.lock:
            threads = [c.thread for c in shared.claims if c.thread is not None]
        for t in threads:
            t.join()

    def stop(self) -> None:
        """Stop the extra connections and forget them; the main one goes on alone."""
        shared = self.shared
        self.join()
        shared.closing.clear()
        with shared.lock:
            shared.claims = [c for c in shared.claims if c.thread is None]
        while not shared.events.empty():
            shared.events.get_nowait()
