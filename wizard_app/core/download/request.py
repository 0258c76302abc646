"""What to download: ``DownloadRequest``, and the one way to build it for a catalog model.

The desktop app and the CLI both go through ``requests_for_artifact`` (the desktop's
``Choice`` holds the catalog artifact), so a model becomes the same requests whichever
asks: one
per file, the expected sha256 and size only for a single file (the catalog gives no
per-part checksum for a split model; each part is checked against the Hub's own LFS
sha256 instead).
``file_request`` is the same for any Hub file (``--repo/--file``, a Hub search result).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wizard_app.core.download.hub import check_repo_id

if TYPE_CHECKING:
    from wizard_app.core.catalog.schema import Artifact


@dataclass(frozen=True)
class DownloadRequest:
    """One file to fetch from ``endpoint`` (the Hub or a mirror) and register."""

    repo: str
    filename: str
    endpoint: str
    revision: str = "main"
    catalog_id: str | None = None
    quant: str | None = None
    expected_sha256: str | None = None
    size_bytes: int | None = None


def requests_for_artifact(
    artifact: Artifact, *, endpoint: str, catalog_id: str, revision: str | None = None
) -> list[DownloadRequest]:
    """The requests that download ``artifact`` of catalog model ``catalog_id``.

    ``revision`` overrides the artifact's pinned one (default: the pin, else main).
    """
    return requests_for_files(
        artifact.repo,
        artifact.files,
        endpoint=endpoint,
        catalog_id=catalog_id,
        quant=artifact.quant,
        revision=revision or artifact.revision,
        sha256=artifact.sha256,
        size_bytes=artifact.size_bytes,
    )


def requests_for_files(
    repo: str,
    files: Sequence[str],
    *,
    endpoint: str,
    catalog_id: str | None = None,
    quant: str | None = None,
    revision: str | None = None,
    sha256: str | None = None,
    size_bytes: int | None = None,
) -> list[DownloadRequest]:
    """The requests for a model's ``files`` (one, or a split model's parts in order):
    ``sha256`` and ``size_bytes`` are the single file's and are not given to the parts
    of a split model."""
    single = len(files) == 1
    return [
        DownloadRequest(
            repo=repo,
            filename=name,
            endpoint=endpoint,
            revision=revision or "main",
            catalog_id=catalog_id,
            quant=quant,
            expected_sha256=sha256 if single else None,
            size_bytes=size_bytes if single else None,
        )
        for name in files
    ]


def file_request(
    repo: str,
    filename: str,
    *,
    endpoint: str,
    revision: str | None = None,
    expected_sha256: str | None = None,
    size_bytes: int | None = None,
) -> DownloadRequest:
    """The request for one file of a Hub repository (``InputError`` for a bad repo id)."""
    check_repo_id(repo)
    return DownloadRequest(
        repo=repo,
        filename=filename,
        endpoint=endpoint,
        revision=revision or "main",
        expected_sha256=expected_sha256,
        size_bytes=size_bytes,
    )
