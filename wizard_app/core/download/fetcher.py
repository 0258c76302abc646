"""One remote file to one verified local file, whatever the network and the disk do.

The bytes go to ``<file>.part`` next to the destination, with ``<file>.part.json`` saying
which remote file they belong to. The sha256 is computed while streaming (the part
already on disk is hashed first on a resume) and compared with the expected value; only
then is the part renamed, atomically, to its final name. Nothing partial ever carries
the final name, and a failure of any kind leaves a part that the next run resumes.

Writing and hashing run on two helper threads fed by the reading loop, so a download
runs at network speed rather than at network + hash + disk speed. Large files can be
fetched over several ranged connections (``connections``; 0 tries a second connection
and keeps it only if the measured throughput improves): the other connections write
into the part file at their offsets and log each written range to
``<file>.part.ranges``, so a crash loses nothing that reached the disk.

``fetch`` is a generator of small frozen events, checking a :class:`CancelToken`
between chunks; it never touches the database.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import http.client
import json
import logging
import os
import queue
import random
import shutil
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath, PurePosixPath
from typing import Any, BinaryIO, TypeVar

from wizard_app.core.cancel import CancelToken
from wizard_app.core.download.hub import (
    DownloadError,
    HubClient,
    HubResponse,
    RemoteFile,
    TransientError,
    safe_url,
)
from wizard_app.core.errors import InputError
from wizard_app.core.units import human_bytes

log = logging.getLogger(__name__)

MiB = 1 << 20
_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
PART_SUFFIX = ".part"
META_SUFFIX = ".part.json"
RANGES_SUFFIX = ".part.ranges"
LOCK_SUFFIX = ".part.lock"


# ---- events ---------------------------------------------------------------------------
class _StallWatch:
    """Raises ``TransientError`` when a window of ``timeout`` seconds brings too few bytes."""

    def __init__(self, timeout: float, min_bytes: int) -> None:
        self.timeout, self.min_bytes = timeout, min_bytes
        self.start, self.bytes = time.monotonic(), 0

    def add(self, n: int) -> None:
        now = time.monotonic()
        self.bytes += n
        if now - self.start >= self.timeout:
            if self.bytes < self.min_bytes:
                raise TransientError(
                    f"The download stalled: {self.bytes} bytes in {self.timeout:g} s."
                )
            self.start, self.bytes = now, 0


@dataclass(frozen=True)
class DownloadStarted:
    """About to fetch: ``resumed_from`` bytes of a previous run are kept."""

    total: int | None
    resumed_from: int
    sha256: str | None
    commit: str | None
    part: Path


@dataclass(frozen=True)
class DownloadProgress:
    """Bytes on disk so far (``done``), averaged speed and the time left."""

    done: int
    total: int | None
    bytes_per_s: float
    eta_s: float | None
    phase: str = "downloading"  # checking (hashing a kept part) | downloading | verifying
    connections: int = 1


@dataclass(frozen=True)
class DownloadRetry:
    """A transient failure; the next attempt starts after ``delay_s``."""

    attempt: int
    max_attempts: int
    delay_s: float
    reason: str


@dataclass(frozen=True)
class DownloadVerified:
    """The file is complete, its sha256 checked, and it carries its final name."""

    path: Path
    size: int
    sha256: str
    commit: str | None
    fetched: int  # bytes that crossed the network in this run
    expected_sha256: str | None


FetchEvent = DownloadStarted | DownloadProgress | DownloadRetry | DownloadVerified


# ---- errors ---------------------------------------------------------------------------
class DiskSpaceError(DownloadError):
    """Not enough room, before starting or when the disk filled up mid-way."""


class IntegrityError(DownloadError):
    """The bytes do not match the expected sha256 (or size)."""


class BusyError(DownloadError):
    """Another process is downloading the same file right now (it holds the part's lock)."""


# ---- options --------------------------------------------------------------------------
WriteHook = Callable[[int, int], None]


@dataclass(frozen=True)
class FetchOptions:
    stall_timeout: float = 30.0  # no byte for this long (or too few, below) is a stall
    stall_min_bytes: int = 16 * 1024  # fewer bytes than this per stall_timeout is a stall
    retries: int = 6  # attempts in a row without progress before giving up
    backoff_base: float = 1.0
    backoff_max: float = 60.0
    chunk_size: int = MiB
    disk_margin: int = 128 * MiB
    progress_interval: float = 0.25
    speed_window: float = 5.0
    fsync: bool = True
    connections: int = 0  # 1: one connection; N: up to N; 0: measure whether 2+ are faster
    max_connections: int = 4  # the ceiling for connections=0
    min_segment: int = 32 * MiB  # never split a range into pieces smaller than this
    probe_s: float = 2.0  # how long each measurement of connections=0 lasts
    # connections=0 tries more connections only below this speed: above it the limit is
    # the CPU or the disk, and another connection costs CPU (its bytes are hashed again
    # from the disk) for nothing
    probe_below: float = 256 * MiB
    # Keep <file>.part.json, with the verified sha256, after the rename: the caller
    # (the download manager) deletes it once the result is recorded, so a crash in
    # between finds a complete file it can check instead of fetching it all again.
    keep_receipt: bool = False
    free_space: Callable[[Path], int] | None = None  # injectable for tests
    write_hook: WriteHook | None = None  # called before each write (tests inject ENOSPC)

    def backoff(self, attempt: int, retry_after: float | None = None) -> float:
        if retry_after is not None:
            return min(self.backoff_max, retry_after)
        delay = min(self.backoff_max, self.backoff_base * (2.0 ** (attempt - 1)))
        return delay * (0.75 + random.random() / 2)  # jitter: no thundering herd


def part_paths(dest: Path) -> tuple[Path, Path, Path, Path]:
    """The part file, its identity, its log of written ranges, and its lock."""
    return (
        dest.with_name(dest.name + PART_SUFFIX),
        dest.with_name(dest.name + META_SUFFIX),
        dest.with_name(dest.name + RANGES_SUFFIX),
        dest.with_name(dest.name + LOCK_SUFFIX),
    )


class _PartLock:
    """An exclusive lock on the part (released by the OS if the process dies), so two
    processes never write the same file."""

    def __init__(self, path: Path, name: str) -> None:
        self.path = path
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(self._fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(self._fd)
            raise BusyError(
                f"{name} is already being downloaded by another Open Model Wizard process.",
                "Wait for it to finish, or stop it first.",
            ) from exc

    @staticmethod
    def held(path: Path) -> bool:
        """Whether a live process holds the lock at ``path`` (a dead one's is released)."""
        try:
            fd = os.open(path, os.O_RDWR)
        except OSError:
            return False
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                fcntl.flock(fd, fcntl.LOCK_UN)
        except OSError:
            return True
        finally:
            os.close(fd)
        return False

    def release(self, remove: bool = False) -> None:
        if remove:
            with contextlib.suppress(OSError):  # Windows: not while another process has it
                self.path.unlink(missing_ok=True)
        os.close(self._fd)


_P = TypeVar("_P", bound=PurePath)
# Characters Windows does not allow in a file name (a drive colon among them), and its
# reserved device names: refused on every system, so a name means the same file everywhere.
_BAD_CHARS = set('<>:"|?*\\') | {chr(c) for c in range(32)}
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{dev}{n}" for dev in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")
}


def destination(models_dir: _P, repo: str, filename: str) -> _P:
    """``<models>/<owner>/<name>/<file>``, refusing any path that escapes the folder.

    ``repo`` must be a repository id (``owner/name``), so that two different requests
    never name the same file. Works for a ``PureWindowsPath`` folder too: a drive
    (``C:evil.gguf``), a reserved device name or a backslash is refused.
    """
    from wizard_app.core.download.hub import check_repo_id

    check_repo_id(repo)
    rel = PurePosixPath(repo) / PurePosixPath(filename)
    if rel.is_absolute() or any(_bad_part(part) for part in rel.parts) or not filename:
        raise InputError(
            f"'{repo}/{filename}' is not a valid repository file path.",
            "Give the file's path inside the repository, e.g. model-Q4_K_M.gguf.",
        )
    dest = models_dir.joinpath(*rel.parts)
    if dest.drive != models_dir.drive or dest.parts[: len(models_dir.parts)] != models_dir.parts:
        raise InputError(f"'{repo}/{filename}' would be saved outside the models folder.")
    return dest


def _bad_part(part: str) -> bool:
    if part in ("", ".", "..") or any(c in _BAD_CHARS for c in part):
        return True
    if part != part.rstrip(" ."):  # Windows drops trailing dots and spaces
        return True
    return part.split(".")[0].upper() in _RESERVED


def download_busy(dest: Path) -> bool:
    """Whether another live process is downloading ``dest`` right now."""
    return _PartLock.held(part_paths(dest)[3])


def remove_receipt(dest: Path) -> None:
    """Forget the receipt a ``keep_receipt`` fetch left next to ``dest``."""
    with contextlib.suppress(OSError):
        part_paths(dest)[1].unlink(missing_ok=True)


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


# ---- done ranges ----------------------------------------------------------------------
class Intervals:
    """A set of byte ranges ``[start, end)``, kept merged and sorted."""

    def __init__(self, items: list[tuple[int, int]] | None = None) -> None:
        self._items: list[tuple[int, int]] = []
        for s, e in items or []:
            self.add(s, e)

    def add(self, start: int, end: int) -> None:
        if end <= start:
            return
        out: list[tuple[int, int]] = []
        placed = False
        for s, e in self._items:
            if e < start:
                out.append((s, e))
            elif s > end:
                if not placed:
                    out.append((start, end))
                    placed = True
                out.append((s, e))
            else:
                start, end = min(s, start), max(e, end)
        if not placed:
            out.append((start, end))
        self._items = sorted(out)

    def contiguous_end(self, pos: int) -> int:
        """The end of the range that contains ``pos`` (``pos`` itself if none does)."""
        for s, e in self._items:
            if s <= pos < e:
                return e
        return pos

    def next_start(self, pos: int) -> int | None:
        """The start of the first range beginning after ``pos``."""
        return next((s for s, _ in self._items if s > pos), None)

    def total(self) -> int:
        return sum(e - s for s, e in self._items)

    def items(self) -> list[tuple[int, int]]:
        return list(self._items)

    def clip(self, size: int) -> Intervals:
        return Intervals([(s, min(e, size)) for s, e in self._items if s < size])


class _Journal:
    """Append-only log of written ranges, one ``start end`` line per write."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        self._lock = threading.Lock()

    def append(self, start: int, end: int) -> None:
        with self._lock:
            os.write(self._fd, f"{start} {end}\n".encode())

    def close(self) -> None:
        with self._lock:
            if self._fd >= 0:
                os.close(self._fd)
                self._fd = -1

    @staticmethod
    def read(path: Path) -> Intervals:
        done = Intervals()
        with contextlib.suppress(OSError), path.open("rb") as f:
            for line in f:
                fields = line.split()
                if len(fields) == 2 and fields[0].isdigit() and fields[1].isdigit():
                    done.add(int(fields[0]), int(fields[1]))
        return done


# ---- the writing and hashing pipeline -------------------------------------------------
class _Sink:
    """Writes buffers sequentially at a position and hashes them, on two threads.

    The reading loop takes a buffer from a small pool (:meth:`buffer`), fills it and hands
    it over (:meth:`put`); the writer and the hasher use the same memory, and the buffer
    returns to the pool when both are done. The pool bounds what is in memory and not
    yet on disk (what a crash would lose) to ``buffers`` x ``size`` bytes.
    ``flush`` waits until everything handed over is on disk and hashed. A write error
    stops the writing (later buffers are dropped) and is raised by the next ``buffer``,
    ``put`` or ``flush``; the file then holds exactly ``position`` bytes of data.
    """

    def __init__(
        self, path: Path, position: int, hook: WriteHook | None, size: int, buffers: int = 4
    ) -> None:
        self.file: BinaryIO = open(path, "r+b" if path.exists() else "w+b", buffering=0)  # noqa: SIM115
        self.file.seek(position)
        self.position = position
        self.hasher = hashlib.sha256()
        self.journal: _Journal | None = None
        self.error: OSError | None = None
        self._hook = hook
        self._free: queue.Queue[bytearray] = queue.Queue()
        for _ in range(buffers):
            self._free.put(bytearray(size))
        self._wq: queue.Queue[_Item | None] = queue.Queue()
        self._hq: queue.Queue[_Item | None] = queue.Queue()
        self._release_lock = threading.Lock()
        self._threads = [
            threading.Thread(target=self._write_loop, name="fetch-write", daemon=True),
            threading.Thread(target=self._hash_loop, name="fetch-hash", daemon=True),
        ]
        for t in self._threads:
            t.start()

    def buffer(self) -> bytearray:
        """A free buffer (waits while the writer and the hasher catch up)."""
        if self.error is not None:
            raise self.error
        return self._free.get()

    def give_back(self, buf: bytearray) -> None:
        self._free.put(buf)

    def put(self, buf: bytearray, n: int) -> None:
        if self.error is not None:
            self._free.put(buf)
            raise self.error
        item = _Item(buf, n)
        self._wq.put(item)
        self._hq.put(item)

    def _release(self, item: _Item) -> None:
        with self._release_lock:
            item.users -= 1
            done = item.users == 0
        if done:
            self._free.put(item.buf)

    def _write_loop(self) -> None:
        while True:
            item = self._wq.get()
            try:
                if item is None:
                    return
                if self.error is None:
                    self._write(memoryview(item.buf)[: item.n])
            except OSError as exc:
                self.error = exc
            finally:
                if item is not None:
                    self._release(item)
                self._wq.task_done()

    def _write(self, view: memoryview) -> None:
        while view:
            if self._hook is not None:
                self._hook(self.position, len(view))
            n = self.file.write(view)
            if n is None or n <= 0:
                raise OSError(errno.EIO, "short write")
            start = self.position
            self.position += n
            if self.journal is not None:
                self.journal.append(start, self.position)
            view = view[n:]

    def _hash_loop(self) -> None:
        while True:
            item = self._hq.get()
            try:
                if item is None:
                    return
                self.hasher.update(memoryview(item.buf)[: item.n])
            finally:
                if item is not None:
                    self._release(item)
                self._hq.task_done()

    def flush(self) -> None:
        self._wq.join()
        self._hq.join()
        if self.error is not None:
            raise self.error

    def seek(self, position: int) -> None:
        self.flush()
        self.file.seek(position)
        self.position = position

    def reset(self) -> None:
        """Back to an empty file and a fresh hash (the server ignored our Range)."""
        self.flush()
        self.file.seek(0)
        self.file.truncate(0)
        self.position = 0
        self.hasher = hashlib.sha256()

    def close(self, fsync: bool = False) -> None:
        """Stop the threads; fsync if asked; raise a pending write error."""
        try:
            if self._threads[0].is_alive():
                self._wq.put(None)
                self._hq.put(None)
                for t in self._threads:
                    t.join()
            if fsync and self.error is None:
                os.fsync(self.file.fileno())
        finally:
            self.file.close()
            if self.journal is not None:
                self.journal.close()
        if self.error is not None:
            raise self.error


@dataclass
class _Item:
    buf: bytearray
    n: int
    users: int = 2  # the writer and the hasher


# ---- helper connections ---------------------------------------------------------------
@dataclass
class _Claim:
    """A byte range ``[pos, end)`` a connection is fetching; ``end`` may shrink."""

    pos: int
    end: int
    stop: bool = False
    thread: threading.Thread | None = None
    attempt: int = 0
    finished: bool = False


@dataclass
class _Shared:
    lock: threading.Lock = field(default_factory=threading.Lock)
    done: Intervals = field(default_factory=Intervals)
    received: int = 0  # bytes read from the network by every connection, this run
    events: queue.Queue[tuple[str, _Claim, Any]] = field(default_factory=queue.Queue)
    closing: threading.Event = field(default_factory=threading.Event)


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


class _RangeIgnored(Exception):
    """The server answered a ranged request with the whole file."""

    def __init__(self, resp: HubResponse) -> None:
        super().__init__("range ignored")
        self.resp = resp


class _Fetch:
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
        self.part, self.meta, self.ranges, self.lock_path = part_paths(dest)
        self.shared = _Shared()
        self.claims: list[_Claim] = []
        self.head: _Claim | None = None
        self.p = 0  # everything before p is on disk and hashed
        self.sink: _Sink | None = None
        self.speed = _Speed(self.opt.speed_window)
        self.last_event = 0.0
        self.head_attempt = 0
        fixed = self.opt.connections
        self.target = fixed if fixed > 0 else 1
        self.ramp: dict[str, Any] | None = (
            {"phase": "single", "since": None, "bytes": 0} if fixed == 0 else None
        )
        self.ranges_ok = True
        self.ctx = (remote.repo, remote.filename, remote.revision)

    # ---- the whole run -----------------------------------------------------------------
    def run(self) -> Generator[FetchEvent, None, None]:
        self._check_expected()
        try:
            self.dest.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DownloadError(
                f"Cannot create the folder {self.dest.parent}: {exc.strerror or exc}.",
                "Choose a writable data folder with --data-dir.",
            ) from exc
        try:
            lock = _PartLock(self.lock_path, self.remote.filename)
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
            empty = not ok and self._nothing_kept()
            if empty:  # nothing to resume: leave no empty part, identity or lock behind
                self._discard()
            lock.release(remove=ok or empty or not self.part.exists())

    def _nothing_kept(self) -> bool:
        try:
            return not self.part.exists() or (
                self.part.stat().st_size == 0 and not _Journal.read(self.ranges).items()
            )
        except OSError:
            return False

    def _already_there(self) -> Generator[FetchEvent, None, DownloadVerified | None]:
        """A destination that already holds the expected bytes (say the app stopped between
        the rename and the clean-up) is verified, not fetched again. Without an expected
        hash, the receipt a ``keep_receipt`` run left says which bytes it renamed."""
        expected, size = self.expected, self.size
        if not expected:
            receipt = self._receipt()
            if receipt is not None:
                expected, size = receipt
        if not expected or size is None:
            return None
        try:
            if not self.dest.is_file() or self.dest.stat().st_size != size:
                return None
            sha = hashlib.sha256()
            buf = bytearray(4 * MiB)
            done, last = 0, 0.0
            with open(self.dest, "rb", buffering=0) as f:
                while n := f.readinto(buf):
                    if self.cancel.is_set():
                        return None
                    sha.update(memoryview(buf)[:n])
                    done += n
                    if time.monotonic() - last >= self.opt.progress_interval:
                        last = time.monotonic()
                        yield DownloadProgress(done, size, 0.0, None, "checking")
        except OSError:
            return None
        if sha.hexdigest() != expected:
            return None
        for path in (
            (self.part, self.ranges)
            if self.opt.keep_receipt
            else (self.part, self.meta, self.ranges)
        ):
            path.unlink(missing_ok=True)
        return DownloadVerified(self.dest, size, expected, self.remote.commit, 0,
                                self.expected or None)  # fmt: skip

    def _identity(self) -> dict[str, Any]:
        return {
            "repo": self.remote.repo,
            "filename": self.remote.filename,
            "size": self.size,
            "sha256": self.expected,
            "etag": self.remote.etag,
        }

    def _receipt(self) -> tuple[str, int] | None:
        """``(sha256, size)`` of the bytes a previous run of this same remote file renamed
        to the destination, if it left its receipt."""
        try:
            stored = json.loads(self.meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(stored, dict) or stored.get("identity") != self._identity():
            return None
        done = stored.get("renamed")
        if not isinstance(done, dict):
            return None
        sha, size = done.get("sha256"), done.get("size")
        if not isinstance(sha, str) or not isinstance(size, int):
            return None
        if self.size is not None and size != self.size:
            return None
        return sha, size

    def _check_expected(self) -> None:
        hub_sha = self.remote.sha256
        if self.expected and hub_sha and self.expected != hub_sha:
            raise IntegrityError.from_code(
                "download.checksum.hub",
                filename=self.remote.filename,
                commit=self.remote.commit or "?",
                hub_sha=hub_sha,
                expected=self.expected,
            )

    def _open_part(self) -> int:
        """Keep a part that belongs to the same remote file; otherwise start afresh."""
        identity = self._identity()
        kept = Intervals()
        try:
            stored = json.loads(self.meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stored = None
        # a receipt ("renamed") with a part still there: the crash came before the rename
        same = isinstance(stored, dict) and stored.get("identity") == identity
        try:
            if same and self.part.exists():
                on_disk = self.part.stat().st_size
                if self.ranges.exists():
                    kept = _Journal.read(self.ranges).clip(min(on_disk, self.size or on_disk))
                elif self.size is None or on_disk <= self.size:
                    kept = Intervals([(0, on_disk)])
            else:
                for path in (self.part, self.ranges):
                    path.unlink(missing_ok=True)
                tmp = self.meta.with_name(self.meta.name + ".tmp")
                tmp.write_text(json.dumps({"version": 1, "identity": identity}), "utf-8")
                os.replace(tmp, self.meta)
            if not kept.items():
                self.ranges.unlink(missing_ok=True)
            self.sink = _Sink(self.part, 0, self.opt.write_hook, self.opt.chunk_size)
            if not kept.items():
                self.sink.file.truncate(0)
            elif self.ranges.exists():
                self.sink.journal = _Journal(self.ranges)
        except OSError as exc:
            raise self._disk_error(exc) from exc
        self.shared.done = kept
        return kept.total()

    def _check_disk(self) -> None:
        if self.size is None:
            return
        need = max(0, self.size - self.shared.done.total()) + self.opt.disk_margin
        free = self._free()
        if free < need:
            raise DiskSpaceError.from_code(
                "download.no_space",
                folder=str(self.dest.parent),
                filename=self.remote.filename,
                need=human_bytes(need),
                margin=human_bytes(self.opt.disk_margin),
                free=human_bytes(free),
                missing=human_bytes(need - free),
            )

    def _free(self) -> int:
        if self.opt.free_space is not None:
            return self.opt.free_space(self.dest.parent)
        return shutil.disk_usage(self.dest.parent).free

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
                        self._discard()
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
            yield from self._drain_events()
            if self.size is not None and self.p >= self.size:
                return
            kept_end = self._done_end(self.p)
            if kept_end > self.p:
                yield from self._hash_disk(min(kept_end, self.p + 64 * MiB))
                continue
            if self._claim_at(self.p) is not None:
                # Another connection is fetching the bytes we need to hash next.
                self._fill_connections()
                self.cancel.wait(0.05)
                event = self._progress()
                if event is not None:
                    yield event
                continue
            finished = yield from self._stream_head()
            if finished:
                return

    def _done_end(self, pos: int) -> int:
        with self.shared.lock:
            return self.shared.done.contiguous_end(pos)

    def _claim_at(self, pos: int) -> _Claim | None:
        with self.shared.lock:
            return next((c for c in self.claims if c.pos <= pos < c.end and not c.finished), None)

    def _boundary(self, pos: int) -> int | None:
        """Where the unclaimed, not-yet-done stretch starting at ``pos`` ends."""
        with self.shared.lock:
            ends = [c.pos for c in self.claims if c.pos > pos and not c.finished]
            nxt = self.shared.done.next_start(pos)
        if nxt is not None:
            ends.append(nxt)
        if self.size is not None:
            ends.append(self.size)
        return min(ends) if ends else None

    def _stream_head(self) -> Generator[FetchEvent, None, bool]:
        """Fetch from ``p`` over the main connection, hashing in line; retry on failure.

        Returns True when the file is complete (the end of a file of unknown size).
        """
        assert self.sink is not None
        try:
            self.sink.seek(self.p)  # the sink writes where the main connection starts
        except OSError as exc:
            raise self._disk_error(exc) from exc
        end = self._boundary(self.p)
        head = _Claim(self.p, end if end is not None else 1 << 62)
        with self.shared.lock:
            self.claims.append(head)
            self.head = head
        try:
            while not self.cancel.is_set():
                before = head.pos
                try:
                    complete = yield from self._head_attempt(head)
                    self.head_attempt = 0
                    return complete
                except _RangeIgnored as exc:
                    yield from self._restart(exc.resp, head)
                    return self.size is None
                except TransientError as exc:
                    try:
                        self.sink.flush()
                    except OSError as disk:
                        raise self._disk_error(disk) from disk
                    if head.pos - before >= MiB:
                        self.head_attempt = 0
                    self.head_attempt += 1
                    if self.head_attempt > self.opt.retries:
                        raise self._gave_up(exc) from exc
                    delay = self.opt.backoff(self.head_attempt, exc.retry_after)
                    log.info("retrying %s in %.1f s: %s", self.remote.filename, delay, exc)
                    yield DownloadRetry(self.head_attempt, self.opt.retries, delay, exc.message)
                    if self.cancel.wait(delay):
                        return False
            return False
        finally:
            with self.shared.lock:
                self.claims.remove(head)
                self.head = None
            with contextlib.suppress(OSError):
                self.sink.flush()
            written = self.sink.position
            with self.shared.lock:
                self.shared.done.add(self.p, written)
            self.p = max(self.p, written)

    def _head_attempt(self, head: _Claim) -> Generator[FetchEvent, None, bool]:
        assert self.sink is not None
        last = None if head.end >= (self.size or 1 << 62) else head.end - 1
        resp = self.client.open_range(
            self.remote.url, head.pos, last, timeout=self.opt.stall_timeout, context=self.ctx
        )
        if head.pos > 0 or last is not None:
            got = resp.content_range() if resp.status == 206 else None
            if got is None or got[0] != head.pos:
                raise _RangeIgnored(resp)  # _restart reads (and closes) this response
            if self.size is not None and got[2] is not None and got[2] != self.size:
                resp.close()
                raise self._changed(got[2])
        with resp:
            if self.size is None and resp.status == 200 and resp.length is not None:
                self.size = resp.length
            yield from self._pump(resp, head)
            if self.size is None:
                return True
        return False

    def _restart(self, resp: HubResponse, head: _Claim) -> Iterator[FetchEvent]:
        """The server ignored Range and sends the whole file: use that, from byte 0."""
        assert self.sink is not None
        log.warning("%s ignored the byte range; starting over", safe_url(resp.url))
        self._stop_helpers()
        self.ranges_ok = False
        self.target = 1
        self.ramp = None
        with resp:
            if resp.status != 200:
                raise TransientError(f"The server answered {resp.status} to a ranged request.")
            self.sink.reset()
            if self.sink.journal is not None:
                self.sink.journal.close()
                self.sink.journal = None
                self.ranges.unlink(missing_ok=True)
            with self.shared.lock:
                self.shared.done = Intervals()
                for c in list(self.claims):
                    if c is not head:
                        self.claims.remove(c)
            self.p = 0
            head.pos, head.end = 0, self.size if self.size is not None else 1 << 62
            yield from self._pump(resp, head)

    def _pump(self, resp: HubResponse, claim: _Claim) -> Iterator[FetchEvent]:
        """Read the body into the sink until the claim's end (which may shrink)."""
        assert self.sink is not None
        stall = _StallWatch(self.opt.stall_timeout, self.opt.stall_min_bytes)
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
                n = _read_into(resp, memoryview(buf)[:want], self.opt.stall_timeout)
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
            self._fill_connections()
            event = self._progress()
            if event is not None:
                yield event
            yield from self._drain_events()

    # ---- several connections -----------------------------------------------------------
    def _fill_connections(self) -> None:
        """Measure (connections=0) and start helper connections up to the target."""
        if self.size is None or not self.ranges_ok:
            return
        self._ramp()
        while self._active() < self.target:
            claim = self._split()
            if claim is None:
                return
            self._start_helper(claim)

    def _active(self) -> int:
        with self.shared.lock:
            return sum(1 for c in self.claims if not c.finished and not c.stop)

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
                    self._trim_helpers(self.target)
            log.info("keeping %d connection(s) (%s/s)", self.target, human_bytes(rate))
            self.ramp = None

    def _trim_helpers(self, keep: int) -> None:
        with self.shared.lock:
            helpers = [c for c in self.claims if c is not self.head and not c.finished]
            for c in helpers[max(0, keep - (1 if self.head else 0)) :]:
                c.stop = True

    def _split(self) -> _Claim | None:
        """A range for a new connection: a stretch nobody fetches (left by a resume),
        else the upper half of the largest range still being fetched."""
        assert self.size is not None
        with self.shared.lock:
            hole = self._unclaimed_hole()
            if hole is not None:
                claim = _Claim(*hole)
            else:
                live = [c for c in self.claims if not c.finished and not c.stop]
                best = max(live, key=lambda c: c.end - c.pos, default=None)
                if best is None or best.end - best.pos < 2 * self.opt.min_segment:
                    return None
                mid = best.pos + (best.end - best.pos) // 2
                mid -= mid % MiB
                claim = _Claim(mid, best.end)
                best.end = mid
            self.claims.append(claim)
        self._journal_on()
        return claim

    def _unclaimed_hole(self) -> tuple[int, int] | None:
        """A stretch after ``p`` that nobody fetches (a resume left it); lock held."""
        assert self.size is not None
        busy = Intervals(self.shared.done.items())
        for c in self.claims:
            if not c.finished:
                # the main connection's bytes since p are in the sink, not yet in done
                busy.add(self.p if c is self.head else c.pos, c.end)
        pos = self.p
        for s, e in [*busy.items(), (self.size, self.size)]:
            if e <= pos:
                continue
            # a stretch starting at p with no main connection on it is for the main one
            if s > pos and (pos != self.p or self.head is not None):
                return pos, s
            pos = max(pos, e)
        return None

    def _journal_on(self) -> None:
        """From the first helper on, the part file has holes: log each written range."""
        assert self.sink is not None
        if self.sink.journal is not None:
            return
        self.sink.flush()
        journal = _Journal(self.ranges)
        with self.shared.lock:
            done = self.shared.done.items()
        if self.head is not None and self.sink.position > self.p:
            done.append((self.p, self.sink.position))
        for s, e in done:
            journal.append(s, e)
        self.sink.journal = journal

    def _start_helper(self, claim: _Claim) -> None:
        claim.thread = threading.Thread(
            target=self._helper, args=(claim,), name="fetch-range", daemon=True
        )
        claim.thread.start()

    def _helper(self, claim: _Claim) -> None:
        """Fetch ``[pos, end)`` over another connection, writing at its offset."""
        shared = self.shared
        try:
            with open(self.part, "r+b", buffering=0) as f:
                while not (shared.closing.is_set() or claim.stop):
                    with shared.lock:
                        if claim.pos >= claim.end:
                            break
                        start, last = claim.pos, claim.end - 1
                    before = start
                    try:
                        resp = self.client.open_range(
                            self.remote.url,
                            start,
                            last,
                            timeout=self.opt.stall_timeout,
                            context=self.ctx,
                        )
                        with resp:
                            got = resp.content_range() if resp.status == 206 else None
                            if got is None or got[0] != start:
                                shared.events.put(("norange", claim, None))
                                return
                            f.seek(start)
                            self._helper_pump(resp, claim, f)
                        claim.attempt = 0
                    except TransientError as exc:
                        if claim.pos - before >= MiB:
                            claim.attempt = 0
                        claim.attempt += 1
                        if claim.attempt > self.opt.retries:
                            shared.events.put(("gave_up", claim, exc))
                            return
                        delay = self.opt.backoff(claim.attempt, exc.retry_after)
                        shared.events.put(("retry", claim, (exc, delay)))
                        if shared.closing.wait(delay):
                            return
        except OSError as exc:
            shared.events.put(("disk", claim, exc))
        except DownloadError as exc:
            shared.events.put(("fatal", claim, exc))
        except Exception as exc:  # surfaced in the main loop, never lost in a thread
            shared.events.put(("fatal", claim, exc))
        finally:
            with shared.lock:
                claim.finished = True
            shared.events.put(("finished", claim, None))

    def _helper_pump(self, resp: HubResponse, claim: _Claim, f: BinaryIO) -> None:
        shared, hook = self.shared, self.opt.write_hook
        stall = _StallWatch(self.opt.stall_timeout, self.opt.stall_min_bytes)
        journal = self.sink.journal if self.sink else None
        buf = memoryview(bytearray(self.opt.chunk_size))
        while not (shared.closing.is_set() or claim.stop):
            with shared.lock:
                want = min(len(buf), claim.end - claim.pos)
            if want <= 0:
                return
            got = _read_into(resp, buf[:want], self.opt.stall_timeout)
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

    def _drain_events(self) -> Iterator[FetchEvent]:
        while True:
            try:
                kind, claim, payload = self.shared.events.get_nowait()
            except queue.Empty:
                return
            if kind == "finished":
                with self.shared.lock:
                    if claim in self.claims:
                        self.claims.remove(claim)
            elif kind == "retry":
                exc, delay = payload
                yield DownloadRetry(claim.attempt, self.opt.retries, delay, exc.message)
            elif kind == "gave_up":
                log.info("a helper connection gave up (%s); the main one takes over", payload)
                self.target = max(1, self.target - 1)
            elif kind == "norange":
                self.ranges_ok = False
                self.target = 1
                self.ramp = None
            elif kind == "disk":
                raise self._disk_error(payload) from payload
            elif kind == "fatal":
                if isinstance(payload, DownloadError):
                    raise payload
                raise DownloadError(f"A download connection failed: {payload}.") from payload

    def _stop_helpers(self) -> None:
        self.shared.closing.set()
        with self.shared.lock:
            threads = [c.thread for c in self.claims if c.thread is not None]
        for t in threads:
            t.join()
        self.shared.closing.clear()
        with self.shared.lock:
            self.claims = [c for c in self.claims if c.thread is None]
        while not self.shared.events.empty():
            self.shared.events.get_nowait()

    # ---- the end -----------------------------------------------------------------------
    def _finish(self) -> Iterator[FetchEvent]:
        assert self.sink is not None
        self.size = self.p if self.size is None else self.size
        yield DownloadProgress(self.p, self.size, self.speed.rate(), 0.0, "verifying")
        self._stop_helpers()
        sink, self.sink = self.sink, None
        try:
            sink.close(fsync=self.opt.fsync)
        except OSError as exc:
            raise self._disk_error(exc) from exc
        digest = sink.hasher.hexdigest()
        try:
            on_disk = self.part.stat().st_size
        except OSError as exc:
            raise self._disk_error(exc) from exc
        if on_disk != self.size or self.p != self.size:
            self._discard()
            raise IntegrityError(
                f"{self.remote.filename} came out at {on_disk} bytes instead of {self.size}; "
                "the partial file was deleted.",
                "Run the download again.",
            )
        if self.expected and digest != self.expected:
            self._discard()
            raise IntegrityError.from_code(
                "download.checksum",
                filename=self.remote.filename,
                digest=digest,
                expected=self.expected,
            )
        try:
            if self.opt.keep_receipt:
                tmp = self.meta.with_name(self.meta.name + ".tmp")
                record = {
                    "version": 1,
                    "identity": self._identity(),
                    "renamed": {"sha256": digest, "size": self.size},
                }
                tmp.write_text(json.dumps(record), "utf-8")
                os.replace(tmp, self.meta)
            os.replace(self.part, self.dest)
            _fsync_dir(self.dest.parent, self.opt.fsync)
        except OSError as exc:
            raise self._disk_error(exc) from exc
        for path in (self.ranges,) if self.opt.keep_receipt else (self.meta, self.ranges):
            path.unlink(missing_ok=True)
        yield DownloadVerified(
            self.dest, self.size, digest, self.remote.commit, self.shared.received, self.expected
        )

    def _discard(self) -> None:
        for path in (self.part, self.meta, self.ranges):
            path.unlink(missing_ok=True)

    def _shutdown(self) -> None:
        self.shared.closing.set()
        with self.shared.lock:
            threads = [c.thread for c in self.claims if c.thread is not None]
        for t in threads:
            t.join()
        if self.sink is not None:
            sink, self.sink = self.sink, None
            with contextlib.suppress(OSError):
                sink.close(fsync=False)

    # ---- messages ----------------------------------------------------------------------
    def _progress(self, phase: str = "downloading") -> DownloadProgress | None:
        now = time.monotonic()
        done = self._done_now()
        self.speed.add(now, done)
        if now - self.last_event < self.opt.progress_interval:
            return None
        self.last_event = now
        rate = self.speed.rate()
        eta = (self.size - done) / rate if (rate > 0 and self.size is not None) else None
        return DownloadProgress(done, self.size, rate, eta, phase, max(1, self._active()))

    def _done_now(self) -> int:
        with self.shared.lock:
            done = self.shared.done.total()
            if self.head is not None:
                done += self.head.pos - self.p
        return done

    def _disk_error(self, exc: OSError) -> DownloadError:
        kept = self._done_now() if self.sink is not None else 0
        if exc.errno in _DISK_FULL:
            need = max(0, (self.size or 0) - kept) + self.opt.disk_margin
            return DiskSpaceError.from_code(
                "download.disk_full",
                folder=str(self.dest.parent),
                kept=human_bytes(kept),
                filename=self.remote.filename,
                part=self.part.name,
                need=human_bytes(need),
            )
        return DownloadError(
            f"Cannot write {self.part}: {exc.strerror or exc}. What was written is kept.",
            "Check the disk and the folder's permissions, then run the download again.",
        )

    def _gave_up(self, exc: TransientError) -> DownloadError:
        done = self._done_now()
        params: dict[str, str | int | float] = {
            "filename": self.remote.filename,
            "attempts": self.opt.retries + 1,
            "cause": exc.message,
            "kept": human_bytes(done),
            "part": self.part.name,
        }
        if self.size:
            return DownloadError.from_code(
                "download.gave_up.total", total=human_bytes(self.size), **params
            )
        return DownloadError.from_code("download.gave_up", **params)

    def _changed(self, new_size: int) -> DownloadError:
        self._discard()
        return DownloadError(
            f"{self.remote.filename} changed on the server while downloading "
            f"(now {new_size} bytes, was {self.size}); the partial file was deleted.",
            "Run the download again.",
        )


def _read_into(resp: HubResponse, view: memoryview, stall_timeout: float) -> int:
    try:
        return resp.readinto_some(view)
    except TimeoutError as exc:
        raise TransientError(f"The download stalled: no data for {stall_timeout:g} s.") from exc
    except (OSError, http.client.HTTPException) as exc:
        raise TransientError(f"The connection was lost ({exc.__class__.__name__}).") from exc


def _fsync_dir(folder: Path, enabled: bool) -> None:
    if not enabled or os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
