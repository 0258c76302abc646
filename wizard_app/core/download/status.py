"""What the download queue reports, and what a download's job yields.

``DownloadInfo`` is a queue row as the UI and the CLI show it; ``ManagerEvent`` is what
``DownloadManager.poll`` returns; a job (``WorkerJob``, network and disk only) yields
``WorkerEvent`` values, handed to the manager from whatever thread runs it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from wizard_app.core.cancel import CancelToken
from wizard_app.core.download.events import (
    DownloadProgress,
    DownloadRetry,
    DownloadStarted,
    DownloadVerified,
)
from wizard_app.core.download.response import RemoteFile
from wizard_app.core.errors import Param
from wizard_app.core.gguf.info import GGUFInfo
from wizard_app.core.storage.download_tables import DownloadRow


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
class Resolved:
    remote: RemoteFile


@dataclass(frozen=True)
class Done:
    verified: DownloadVerified
    info: GGUFInfo | None


@dataclass(frozen=True)
class Stopped:
    pass


@dataclass(frozen=True)
class Failed:
    reason: str
    code: str | None = None
    params: dict[str, Param] = field(default_factory=dict)
    busy: bool = False  # another process is downloading the file: its row is not ours


WorkerEvent = (
    Resolved | Done | Stopped | Failed | DownloadStarted | DownloadProgress | DownloadRetry
)


# A download's work: network and disk only, every outcome yielded as an event.
WorkerJob = Callable[[CancelToken], Iterator[WorkerEvent]]
# Runs a download's job somewhere (a thread of its own by default, a UI task in the app)
# and hands each event to ``DownloadManager.post``; returns the token that stops it.
Spawner = Callable[[int, WorkerJob], CancelToken]


def info_of(row: DownloadRow) -> DownloadInfo:
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
