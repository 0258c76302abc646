"""A verified download goes into the library: the model is its first file (for a split
model, the first part once every part is verified)."""

from __future__ import annotations

from pathlib import Path

from wizard_app.core.download.status import Done
from wizard_app.core.errors import InputError
from wizard_app.core.gguf.info import GGUFInfo
from wizard_app.core.gguf.reader import read_local_header
from wizard_app.core.gguf.shards import shard_name, shard_paths
from wizard_app.core.library.installed import Library
from wizard_app.core.storage.download_repository import DownloadRepository
from wizard_app.core.storage.download_tables import DownloadRow


def add_to_library(
    library: Library, rows: DownloadRepository, row: DownloadRow, done: Done
) -> int | None:
    """Record the model that ``done`` completes; its library id, or None while parts of
    a split model are still missing, or for a file that is not a GGUF model (a README,
    a config): it stays downloaded but is not a model to run."""
    v = done.verified
    first = first_shard_if_complete(v.path)
    if first is None:
        return None
    info = done.info if first == v.path else _header(first)
    if info is None:
        return None
    checked = v.expected_sha256 is not None
    if first != v.path:
        checked = checked and _checked(rows, first)
    other = rows.verified_at(first) if first != v.path else None
    entry = library.add_download(
        first,
        repo=row.repo,
        filename=str(Path(row.filename).with_name(first.name).as_posix()),
        revision=v.commit or row.commit or row.revision,
        sha256=v.sha256 if first == v.path else (other.sha256 if other else None) or v.sha256,
        info=info,
        catalog_id=row.catalog_id,
        quant=row.quant,
        download_id=row.id if first == v.path else None,
        verified=checked,
    )
    return entry.id


def ensure_in_library(library: Library, dest: Path) -> None:
    """A verified download whose library entry is missing (a crash between the two
    writes) gets it back."""
    first = first_shard_if_complete(dest)
    if first is not None and first.exists() and library.find_path(first) is None:
        library.adopt_models_folder(only=[first])


def first_shard_if_complete(path: Path) -> Path | None:
    """The model to register once this file is verified: itself, or for a split model
    its first shard when every shard is on disk."""
    if shard_name(path.name) is None:
        return path
    shards = shard_paths(path)
    return shards[0] if all(s.exists() for s in shards) else None


def _checked(rows: DownloadRepository, path: Path) -> bool:
    row = rows.verified_at(path)
    return bool(row and row.expected_sha256 and row.expected_sha256 == row.sha256)


def _header(path: Path) -> GGUFInfo | None:
    try:
        return read_local_header(path)
    except InputError:
        return None
