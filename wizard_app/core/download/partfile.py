"""The part file of a download and the files beside it.

The bytes go to ``<file>.part`` next to the destination, with ``<file>.part.json``
saying which remote file they belong to (and, after a ``keep_receipt`` download, which
bytes were renamed). Extra connections write at their offsets and log each written range
to ``<file>.part.ranges`` (the journal), so a crash loses nothing that reached the disk.
``<file>.part.lock`` is held while a process downloads, so two never write one file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import threading
import time
from collections.abc import Generator
from pathlib import Path
from typing import Any

from wizard_app.core.cancel import CancelToken
from wizard_app.core.download.errors import BusyError
from wizard_app.core.download.events import DownloadProgress
from wizard_app.core.download.options import MiB
from wizard_app.core.download.response import RemoteFile

PART_SUFFIX = ".part"
META_SUFFIX = ".part.json"
RANGES_SUFFIX = ".part.ranges"
LOCK_SUFFIX = ".part.lock"


def part_paths(dest: Path) -> tuple[Path, Path, Path, Path]:
    """The part file, its identity, its log of written ranges, and its lock."""
    return (
        dest.with_name(dest.name + PART_SUFFIX),
        dest.with_name(dest.name + META_SUFFIX),
        dest.with_name(dest.name + RANGES_SUFFIX),
        dest.with_name(dest.name + LOCK_SUFFIX),
    )


def download_busy(dest: Path) -> bool:
    """Whether another live process is downloading ``dest`` right now."""
    return PartLock.held(part_paths(dest)[3])


def remove_receipt(dest: Path) -> None:
    """Forget the receipt a ``keep_receipt`` fetch left next to ``dest``."""
    with contextlib.suppress(OSError):
        part_paths(dest)[1].unlink(missing_ok=True)


class PartLock:
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


class Journal:
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


class PartFile:
    """The part of one destination for one remote file (with the expected sha256)."""

    def __init__(self, dest: Path, remote: RemoteFile, expected: str) -> None:
        self.dest = dest
        self.remote = remote
        self.expected = expected
        self.part, self.meta, self.ranges, self.lock_path = part_paths(dest)

    def identity(self, size: int | None) -> dict[str, Any]:
        """What the part belongs to; a part of anything else is not resumed."""
        return {
            "repo": self.remote.repo,
            "filename": self.remote.filename,
            "size": size,
            "sha256": self.expected,
            "etag": self.remote.etag,
        }

    def _stored(self) -> Any:
        try:
            return json.loads(self.meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def _write_meta(self, record: dict[str, Any]) -> None:
        tmp = self.meta.with_name(self.meta.name + ".tmp")
        tmp.write_text(json.dumps(record), "utf-8")
        os.replace(tmp, self.meta)

    def receipt(self, size: int | None) -> tuple[str, int] | None:
        """``(sha256, size)`` of the bytes a previous run of this same remote file renamed
        to the destination, if it left its receipt."""
        stored = self._stored()
        if not isinstance(stored, dict) or stored.get("identity") != self.identity(size):
            return None
        done = stored.get("renamed")
        if not isinstance(done, dict):
            return None
        sha, got = done.get("sha256"), done.get("size")
        if not isinstance(sha, str) or not isinstance(got, int):
            return None
        if size is not None and got != size:
            return None
        return sha, got

    def kept(self, size: int | None) -> Intervals:
        """The ranges of a part that belongs to the same remote file; otherwise the part
        is started afresh (and its identity written). Raises ``OSError``."""
        identity = self.identity(size)
        kept = Intervals()
        stored = self._stored()
        # a receipt ("renamed") with a part still there: the crash came before the rename
        same = isinstance(stored, dict) and stored.get("identity") == identity
        if same and self.part.exists():
            on_disk = self.part.stat().st_size
            if self.ranges.exists():
                kept = Journal.read(self.ranges).clip(min(on_disk, size or on_disk))
            elif size is None or on_disk <= size:
                kept = Intervals([(0, on_disk)])
        else:
            for path in (self.part, self.ranges):
                path.unlink(missing_ok=True)
            self._write_meta({"version": 1, "identity": identity})
        if not kept.items():
            self.ranges.unlink(missing_ok=True)
        return kept

    def nothing_kept(self) -> bool:
        try:
            return not self.part.exists() or (
                self.part.stat().st_size == 0 and not Journal.read(self.ranges).items()
            )
        except OSError:
            return False

    def dest_matches(
        self, expected: str, size: int, cancel: CancelToken, interval: float
    ) -> Generator[DownloadProgress, None, bool]:
        """Whether the destination already holds ``size`` bytes hashing to ``expected``
        (reporting the hashing as "checking"); False when cancelled or unreadable."""
        try:
            if not self.dest.is_file() or self.dest.stat().st_size != size:
                return False
            sha = hashlib.sha256()
            buf = bytearray(4 * MiB)
            done, last = 0, 0.0
            with open(self.dest, "rb", buffering=0) as f:
                while n := f.readinto(buf):
                    if cancel.is_set():
                        return False
                    sha.update(memoryview(buf)[:n])
                    done += n
                    if time.monotonic() - last >= interval:
                        last = time.monotonic()
                        yield DownloadProgress(done, size, 0.0, None, "checking")
        except OSError:
            return False
        return sha.hexdigest() == expected

    def commit(self, digest: str, size: int, *, keep_receipt: bool, fsync: bool) -> None:
        """Rename the verified part to the destination (recording the receipt first when
        ``keep_receipt``). Raises ``OSError``."""
        if keep_receipt:
            self._write_meta(
                {
                    "version": 1,
                    "identity": self.identity(size),
                    "renamed": {"sha256": digest, "size": size},
                }
            )
        os.replace(self.part, self.dest)
        _fsync_dir(self.dest.parent, fsync)

    def remove_leftovers(self, keep_receipt: bool) -> None:
        """After the rename: the part, the journal and (unless kept) the identity."""
        kept = (self.part, self.ranges) if keep_receipt else (self.part, self.meta, self.ranges)
        for path in kept:
            path.unlink(missing_ok=True)

    def discard(self) -> None:
        for path in (self.part, self.meta, self.ranges):
            path.unlink(missing_ok=True)


def _fsync_dir(folder: Path, enabled: bool) -> None:
    if not enabled or os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
