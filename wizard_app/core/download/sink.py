"""Writing and hashing the main connection's bytes, on two threads beside the reader."""

from __future__ import annotations

import errno
import hashlib
import os
import queue
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from wizard_app.core.download.options import WriteHook
from wizard_app.core.download.partfile import Journal


class Sink:
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
        self.journal: Journal | None = None
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
