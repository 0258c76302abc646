"""The errors a download ends with, and the messages that explain them."""

from __future__ import annotations

import errno
from collections.abc import Mapping
from pathlib import Path

from wizard_app.core.download.response import HubResponse, RemoteFile
from wizard_app.core.errors import Param, WizardError, render
from wizard_app.core.units import human_bytes


class DownloadError(WizardError):
    """A download cannot go on; the message says why and what to do."""


class AccessError(DownloadError):
    """401/403: a gated or private repo, without a token that has access."""


class NotFoundError(DownloadError):
    """404: the repo, revision or file does not exist (or is private)."""


class TransientError(DownloadError):
    """A failure worth retrying: the connection, a 5xx, a 429, a stall."""

    def __init__(
        self,
        message: str,
        retry_after: float | None = None,
        *,
        remedy: str = "",
        code: str | None = None,
        params: Mapping[str, Param] | None = None,
    ) -> None:
        super().__init__(message, remedy, code=code, params=params)
        self.retry_after = retry_after

    @classmethod
    def unreachable(cls, where: str, cause: str) -> TransientError:
        """The Hub (or mirror) at ``where`` did not answer: no network, DNS, a firewall."""
        params: dict[str, Param] = {"where": where, "cause": cause}
        message, remedy = render("download.unreachable", params)
        return cls(message, remedy=remedy, code="download.unreachable", params=params)


_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}

# Error codes whose remedy is an access token (or a mirror) in the settings: a gated
# model, or a repository that is private or not there.
NEEDS_ACCESS = frozenset(
    {
        "download.gated",
        "download.gated.token",
        "download.repo_not_found",
        "download.repo_not_found.token",
    }
)


class DiskSpaceError(DownloadError):
    """Not enough room, before starting or when the disk filled up mid-way."""


class IntegrityError(DownloadError):
    """The bytes do not match the expected sha256 (or size)."""


class BusyError(DownloadError):
    """Another process is downloading the same file right now (it holds the part's lock)."""


def hub_mismatch(remote: RemoteFile, expected: str) -> IntegrityError:
    """The Hub's own sha256 of the file is not the one the caller expects."""
    return IntegrityError.from_code(
        "download.checksum.hub",
        filename=remote.filename,
        commit=remote.commit or "?",
        hub_sha=remote.sha256 or "?",
        expected=expected,
    )


def no_space(folder: Path, filename: str, need: int, margin: int, free: int) -> DiskSpaceError:
    """Too little free space to start (``need`` includes ``margin``)."""
    return DiskSpaceError.from_code(
        "download.no_space",
        folder=str(folder),
        filename=filename,
        need=human_bytes(need),
        margin=human_bytes(margin),
        free=human_bytes(free),
        missing=human_bytes(need - free),
    )


def disk_error(
    exc: OSError, *, part: Path, filename: str, kept: int, size: int | None, margin: int
) -> DownloadError:
    """A write to the part file failed: the disk is full, or something else is wrong."""
    if exc.errno in _DISK_FULL:
        need = max(0, (size or 0) - kept) + margin
        return DiskSpaceError.from_code(
            "download.disk_full",
            folder=str(part.parent),
            kept=human_bytes(kept),
            filename=filename,
            part=part.name,
            need=human_bytes(need),
        )
    return DownloadError(
        f"Cannot write {part}: {exc.strerror or exc}. What was written is kept.",
        "Check the disk and the folder's permissions, then run the download again.",
    )


def gave_up(
    exc: TransientError, *, filename: str, attempts: int, kept: int, size: int | None, part: Path
) -> DownloadError:
    """The retry policy ran out of attempts; what was fetched stays in the part."""
    params: dict[str, str | int | float] = {
        "filename": filename,
        "attempts": attempts,
        "cause": exc.message,
        "kept": human_bytes(kept),
        "part": part.name,
    }
    if size:
        return DownloadError.from_code("download.gave_up.total", total=human_bytes(size), **params)
    return DownloadError.from_code("download.gave_up", **params)


def changed(filename: str, new_size: int, size: int | None) -> DownloadError:
    """The file's size on the server is not the one the download started with."""
    return DownloadError(
        f"{filename} changed on the server while downloading "
        f"(now {new_size} bytes, was {size}); the partial file was deleted.",
        "Run the download again.",
    )


def http_error(
    resp: HubResponse,
    repo: str,
    filename: str,
    revision: str,
    *,
    where: str,
    page: str,
    with_token: bool,
    url: str,
) -> DownloadError:
    """The error for an HTTP error answer: what went wrong and what to do.

    ``where`` names the endpoint's host, ``page`` is the model's page, ``url`` the answer's
    URL without credentials; ``with_token`` says whether a token was sent.
    """
    status = resp.status
    code = (resp.header("X-Error-Code") or "").strip()
    if code == "RepoNotFound":
        which = "download.repo_not_found.token" if with_token else "download.repo_not_found"
        return NotFoundError.from_code(which, repo=repo, where=where)
    if status in (401, 403):
        which = "download.gated.token" if with_token else "download.gated"
        return AccessError.from_code(which, repo=repo, status=status, page=page)
    if code == "RevisionNotFound":
        return NotFoundError.from_code(
            "download.revision_not_found", revision=revision, repo=repo, where=where, page=page
        )
    if status == 404 or code == "EntryNotFound":
        return NotFoundError.from_code(
            "download.file_not_found",
            filename=filename,
            repo=repo,
            revision=revision,
            where=where,
            page=page,
        )
    if status == 429 or status >= 500:
        return TransientError(
            f"The server answered {status} {resp.reason} for {filename}.",
            retry_after=_retry_after(resp.header("Retry-After")),
        )
    return DownloadError(
        f"The server answered {status} {resp.reason} for {repo}/{filename} ({url})."
    )


def _retry_after(value: str | None) -> float | None:
    if value and value.strip().isdigit():
        return float(value.strip())
    return None
