"""Where a repository file is saved: ``<models>/<owner>/<name>/<file>``, never outside."""

from __future__ import annotations

from pathlib import PurePath, PurePosixPath
from typing import TypeVar

from wizard_app.core.download.hub import check_repo_id
from wizard_app.core.errors import InputError

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
