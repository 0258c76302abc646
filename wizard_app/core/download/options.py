"""The knobs of one download (``FetchOptions``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MiB = 1 << 20

WriteHook = Callable[[int, int], None]


@dataclass(frozen=True)
class FetchOptions:
    """How a download behaves; the defaults suit a person's machine and connection.

    ``connections`` switches the extra connections: 1 is a single connection, N up to
    N, 0 measures whether more are faster (``extra.py``). ``retries``, ``backoff_base``
    and ``backoff_max`` are the retry policy of every connection (``retry.py``).
    """

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
