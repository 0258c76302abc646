"""What a download reports while it runs: small frozen events, the last one ``DownloadVerified``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
