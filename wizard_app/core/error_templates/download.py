"""Coded messages of downloads: the Hub, mirrors, disk space, checksums."""

from __future__ import annotations

from wizard_app.core.translatable import QT_TRANSLATE_NOOP

DOWNLOAD: dict[str, tuple[str, str]] = {
    "download.gated": (
        QT_TRANSLATE_NOOP(
            "Error",
            "{repo} is a gated model: it needs a Hugging Face account that accepted its licence "
            "({status}).",
        ),
        QT_TRANSLATE_NOOP(
            "Error",
            "Open {page}, accept the licence while logged in, then put a Hugging Face access "
            "token (https://huggingface.co/settings/tokens) in the HF_TOKEN environment variable "
            "or run `huggingface-cli login` (`hf auth login`).",
        ),
    ),
    "download.gated.token": (
        QT_TRANSLATE_NOOP(
            "Error", "{repo} is a gated model: the token in use has no access to it ({status})."
        ),
        QT_TRANSLATE_NOOP(
            "Error",
            "Open {page} while logged in, accept the licence, and make sure the token in use "
            "(HF_TOKEN, or the one saved by `huggingface-cli login`) belongs to that account.",
        ),
    ),
    "download.repo_not_found": (
        QT_TRANSLATE_NOOP("Error", "The repository {repo} was not found on {where}."),
        QT_TRANSLATE_NOOP(
            "Error",
            "Check the name. If the repository is private, put a Hugging Face access token "
            "(https://huggingface.co/settings/tokens) in the HF_TOKEN environment variable or run "
            "`huggingface-cli login` (`hf auth login`).",
        ),
    ),
    "download.repo_not_found.token": (
        QT_TRANSLATE_NOOP("Error", "The repository {repo} was not found on {where}."),
        QT_TRANSLATE_NOOP(
            "Error", "Check the name. If the repository is private, use a token with access."
        ),
    ),
    "download.revision_not_found": (
        QT_TRANSLATE_NOOP("Error", "The revision {revision} of {repo} was not found on {where}."),
        QT_TRANSLATE_NOOP(
            "Error", "Check the revision, or see the branches and commits at {page}."
        ),
    ),
    "download.file_not_found": (
        QT_TRANSLATE_NOOP(
            "Error",
            "The file {filename} was not found in {repo} at revision {revision} on {where}.",
        ),
        QT_TRANSLATE_NOOP(
            "Error", "Check the file name against the list at {page}/tree/{revision}."
        ),
    ),
    "download.no_space": (
        QT_TRANSLATE_NOOP(
            "Error",
            "Not enough free space in {folder}: {filename} needs {need} (with a {margin} margin) "
            "and {free} is free.",
        ),
        QT_TRANSLATE_NOOP(
            "Error", "Free at least {missing} or choose another data folder with --data-dir."
        ),
    ),
    "download.disk_full": (
        QT_TRANSLATE_NOOP(
            "Error", "The disk holding {folder} is full: {kept} of {filename} are kept in {part}."
        ),
        QT_TRANSLATE_NOOP(
            "Error", "Free at least {need} and run the download again; it resumes where it stopped."
        ),
    ),
    "download.checksum": (
        QT_TRANSLATE_NOOP(
            "Error",
            "{filename} is corrupt: its sha256 is {digest}, expected {expected}. "
            "The downloaded file was deleted.",
        ),
        QT_TRANSLATE_NOOP(
            "Error",
            "Run the download again; if it happens again, the file on the server or the "
            "catalog's checksum is wrong.",
        ),
    ),
    "download.checksum.hub": (
        QT_TRANSLATE_NOOP(
            "Error",
            "The Hub's {filename} (commit {commit}) has sha256 {hub_sha}, but {expected} was "
            "expected: the repository changed since the catalog was written.",
        ),
        QT_TRANSLATE_NOOP("Error", "Download a pinned revision, or update the catalog entry."),
    ),
    "download.unreachable": (
        QT_TRANSLATE_NOOP("Error", "Cannot reach {where}: {cause}."),
        QT_TRANSLATE_NOOP(
            "Error",
            "Check the internet connection. If {where} is blocked on this network, set a Hub "
            "mirror in Settings (Hub endpoint or mirror) and download again.",
        ),
    ),
    "download.gave_up": (
        QT_TRANSLATE_NOOP(
            "Error",
            "Gave up on {filename} after {attempts} attempts: {cause} {kept} are kept in {part}.",
        ),
        QT_TRANSLATE_NOOP(
            "Error", "Check the connection and run the download again; it resumes where it stopped."
        ),
    ),
    "download.gave_up.total": (
        QT_TRANSLATE_NOOP(
            "Error",
            "Gave up on {filename} after {attempts} attempts: {cause} {kept} of {total} are kept "
            "in {part}.",
        ),
        QT_TRANSLATE_NOOP(
            "Error", "Check the connection and run the download again; it resumes where it stopped."
        ),
    ),
}
