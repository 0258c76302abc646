"""The library of installed models: what is on disk, where it came from, whether it is ours.

Downloads land in the app's models folder and belong to the app (``owned``): removing one
deletes the file. A GGUF imported from elsewhere, or found in another tool's folder, is
registered where it is, without a copy, and removing it only forgets it unless the user
asks for the file to go too. ``Library.installed(path)`` is the one answer to "is this
model installed?".
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from wizard_app.core.cancel import CancelToken
from wizard_app.core.errors import InputError, StorageError
from wizard_app.core.gguf.info import GGUFInfo
from wizard_app.core.gguf.shards import shard_name, shard_paths
from wizard_app.core.library.folder import prune_empty, row_for_found
from wizard_app.core.library.importing import ImportReady, check_importable, prepare_import
from wizard_app.core.library.scan import (
    FoundModel,
    ScanRoots,
    ScanSkipped,
    describe_found,
    gguf_files,
    real_path,
    scan,
)
from wizard_app.core.storage.database import Database
from wizard_app.core.storage.download_repository import DownloadRepository
from wizard_app.core.storage.download_tables import InstalledModel
from wizard_app.core.storage.library_repository import LibraryRepository

log = logging.getLogger(__name__)

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
# Sources whose files another tool manages: never deleted by us, even when asked.
_FOREIGN_STORES = {
    "ollama": "it is a blob of Ollama's store, shared between tags; use `ollama rm`",
    "huggingface": "it is in the Hugging Face cache; use `huggingface-cli delete-cache`",
}


@dataclass(frozen=True)
class ModelEntry:
    id: int
    path: Path
    size_bytes: int
    source: str
    owned: bool
    display_name: str
    repo: str | None
    filename: str | None
    revision: str | None
    sha256: str | None
    sha256_verified: bool
    catalog_id: str | None
    quant: str | None
    architecture: str | None
    added_at: datetime
    last_used_at: datetime | None
    header: dict[str, Any] = field(default_factory=dict)

    @property
    def present(self) -> bool:
        return self.path.exists()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.display_name,
            "path": str(self.path),
            "present": self.present,
            "size_bytes": self.size_bytes,
            "source": self.source,
            "owned": self.owned,
            "repo": self.repo,
            "filename": self.filename,
            "revision": self.revision,
            "sha256": self.sha256,
            "sha256_verified": self.sha256_verified,
            "catalog_id": self.catalog_id,
            "quant": self.quant,
            "architecture": self.architecture,
            "added_at": self.added_at.isoformat(),
            "last_used_at": self.last_used_at.isoformat() if self.last_used_at else None,
            "header": self.header,
        }


@dataclass(frozen=True)
class RemoveResult:
    entry: ModelEntry
    file_deleted: bool
    note: str


@dataclass(frozen=True)
class ScanReport:
    added: list[ModelEntry]
    known: list[Path]
    skipped: list[ScanSkipped]


def _entry(row: InstalledModel) -> ModelEntry:
    return ModelEntry(
        id=row.id,
        path=Path(row.path),
        size_bytes=row.size_bytes,
        source=row.source,
        owned=row.owned,
        display_name=row.display_name,
        repo=row.repo,
        filename=row.filename,
        revision=row.revision,
        sha256=row.sha256,
        sha256_verified=row.sha256_verified,
        catalog_id=row.catalog_id,
        quant=row.quant,
        architecture=row.architecture,
        added_at=row.added_at,
        last_used_at=row.last_used_at,
        header=dict(row.header or {}),
    )


class Library:
    """The ``installed_models`` table, used from the caller's thread."""

    def __init__(self, db: Database, models_dir: Path) -> None:
        self.db = db
        self.rows = LibraryRepository(db)
        self.models_dir = models_dir

    def entries(self) -> list[ModelEntry]:
        return [_entry(r) for r in self.rows.all()]

    def get(self, model_id: int) -> ModelEntry:
        row = self.rows.get(model_id)
        if row is None:
            raise InputError(
                f"No model with id {model_id} in the library.",
                "Run 'model-wizard library' to list the ids.",
            )
        return _entry(row)

    def find_path(self, path: Path) -> ModelEntry | None:
        row = self.rows.at(path)
        return _entry(row) if row else None

    def installed(self, path: Path) -> ModelEntry | None:
        """The one answer to "is this model installed?": the library's entry for the GGUF
        at ``path`` (a split model's first part) when every file of it is on disk.

        A model in the app's own folder that the library lacks (a crash between a
        download's rename and its entry) is adopted on sight, as at start-up."""
        entry = self.find_path(path)
        if entry is None and path.is_file():
            adopted = self.adopt_models_folder(only=[path])
            entry = adopted[0] if adopted else None
        if entry is None or not all(p.is_file() for p in shard_paths(entry.path)):
            return None
        return entry

    def _add(self, row: InstalledModel) -> ModelEntry:
        return _entry(self.rows.save(row))  # a known path is refreshed

    # ---- adding ------------------------------------------------------------------------
    def add_download(
        self,
        path: Path,
        *,
        repo: str,
        filename: str,
        revision: str | None,
        sha256: str,
        info: GGUFInfo | None,
        catalog_id: str | None = None,
        quant: str | None = None,
        download_id: int | None = None,
        verified: bool = False,
    ) -> ModelEntry:
        """``verified``: the sha256 was compared with one the Hub or the catalog gave;
        without one, the hash is recorded but the file is not called verified."""
        size = sum(p.stat().st_size for p in shard_paths(path) if p.exists())
        return self._add(
            InstalledModel(
                path=str(path),
                size_bytes=size,
                source="download",
                owned=True,
                display_name=(info.name if info and info.name else None) or Path(filename).stem,
                repo=repo,
                filename=filename,
                revision=revision,
                sha256=sha256,
                sha256_verified=verified,
                catalog_id=catalog_id,
                quant=quant or (info.quant if info else None),
                architecture=info.architecture if info else None,
                header=info.summary() if info else {},
                download_id=download_id,
            )
        )

    def import_file(self, path: Path, *, copy: bool = False) -> ModelEntry:
        """Register a GGUF from any path (the CLI's way: prepare, then register here).

        A caller with a UI runs :func:`prepare_import` on a worker and passes its result
        to :meth:`register_import`.
        """
        path = check_importable(path)
        if not copy:
            known = self.find_path(path)
            if known is not None:  # already in the library (downloaded, found or imported)
                return known
        ready = None
        for event in prepare_import(path, self.models_dir, copy=copy):
            if isinstance(event, ImportReady):
                ready = event
        assert ready is not None
        return self.register_import(ready)

    def register_import(self, ready: ImportReady) -> ModelEntry:
        known = self.find_path(ready.path)
        if known is not None and not ready.owned:
            return known
        return self._add(
            InstalledModel(
                path=str(ready.path),
                size_bytes=ready.size_bytes,
                source="import",
                owned=ready.owned,
                display_name=ready.info.name or ready.path.stem,
                sha256=ready.sha256,
                sha256_verified=ready.sha256 is not None,
                quant=ready.info.quant,
                architecture=ready.info.architecture,
                header=ready.info.summary(),
            )
        )

    def register(self, found: FoundModel) -> tuple[ModelEntry, bool]:
        """Record a model a scan found; ``False`` if it was already known."""
        known = self.find_path(found.path)
        if known is not None:
            return known, False
        entry = self._add(
            InstalledModel(
                path=str(found.path),
                size_bytes=found.size_bytes,
                source=found.source,
                owned=False,
                display_name=found.display_name,
                repo=found.repo,
                filename=found.filename,
                revision=found.revision,
                sha256=found.sha256,
                sha256_verified=False,
                quant=found.info.quant,
                architecture=found.info.architecture,
                header=found.info.summary(),
            )
        )
        return entry, True

    def adopt_models_folder(self, only: list[Path] | None = None) -> list[ModelEntry]:
        """Register every model in the app's own models folder the library lacks.

        A crash between a download's rename and its library entry, or a database that
        was lost or damaged and started afresh, leaves files the library does not know.
        A file with a verified download row gets that row's facts back (repo, revision,
        sha256, catalog id); any other is recorded from its place in the folder
        (``<owner>/<name>/<file>``, or ``imported/``), not called verified.
        """
        root = self.models_dir
        candidates = only if only is not None else gguf_files(root, recursive=True)
        known = self.rows.paths()
        rows = DownloadRepository(self.db).verified_by_dest()
        added: list[ModelEntry] = []
        for path in candidates:
            if str(path) in known or not path.is_file():
                continue
            parsed = shard_name(path.name)
            if parsed and (parsed.number != 1 or not all(p.exists() for p in shard_paths(path))):
                continue
            try:
                rel = path.relative_to(root).parts
            except ValueError:
                continue
            found = describe_found(path, {"source": "download"})
            if isinstance(found, ScanSkipped):
                log.info("not adding %s to the library: %s", path, found.reason)
                continue
            row = rows.get(str(path))
            try:
                if row is not None:
                    checked = bool(row.expected_sha256) and row.expected_sha256 == row.sha256
                    entry = self.add_download(
                        path,
                        repo=row.repo,
                        filename=row.filename,
                        revision=row.commit or row.revision,
                        sha256=row.sha256 or "",
                        info=found.info,
                        catalog_id=row.catalog_id,
                        quant=row.quant,
                        download_id=row.id,
                        verified=checked,
                    )
                else:
                    entry = self._add(row_for_found(path, rel, found))
            except (StorageError, OSError) as exc:
                log.warning("cannot add %s back to the library: %s", path, exc)
                continue
            log.info("added %s back to the library (id %d)", path, entry.id)
            added.append(entry)
        return added

    def scan_and_register(
        self, roots: ScanRoots, *, cancel: CancelToken | None = None
    ) -> ScanReport:
        """For the CLI: the models folder's own files first, then scan and register."""
        added: list[ModelEntry] = self.adopt_models_folder()
        known: list[Path] = []
        skipped: list[ScanSkipped] = []
        models_dir = real_path(self.models_dir)
        for item in scan(roots, cancel=cancel):
            if isinstance(item, ScanSkipped):
                skipped.append(item)
                continue
            if real_path(item.path).is_relative_to(models_dir):
                known.append(item.path)
                continue
            entry, new = self.register(item)
            (added.append(entry) if new else known.append(item.path))
        return ScanReport(added, known, skipped)

    # ---- using and removing ------------------------------------------------------------
    def touch(self, model_id: int) -> None:
        """Record that the model was just used."""
        self.rows.touch(model_id)

    def remove(self, model_id: int, *, delete_file: bool = False) -> RemoveResult:
        """Forget a model; delete its file if the app owns it (or if asked and allowed)."""
        entry = self.get(model_id)
        deleted = False
        note = ""
        if entry.owned or delete_file:
            if not entry.owned and entry.source in _FOREIGN_STORES:
                raise InputError(
                    f"Will not delete {entry.path}: {_FOREIGN_STORES[entry.source]}.",
                    "Run 'library remove' without --delete-file to only forget it.",
                )
            for shard in shard_paths(entry.path):
                try:
                    shard.unlink()
                    deleted = True
                except FileNotFoundError:
                    pass
                except OSError as exc:
                    raise StorageError(
                        f"Cannot delete {shard}: {exc.strerror or exc}.",
                        "Close any program using it and try again.",
                    ) from exc
            if entry.owned:
                prune_empty(entry.path.parent, self.models_dir)
        else:
            owner = {
                "import": "it was imported where it is",
                "huggingface": "it belongs to the Hugging Face cache",
                "lmstudio": "it belongs to LM Studio",
                "gpt4all": "it belongs to GPT4All",
                "ollama": "it belongs to Ollama",
            }.get(entry.source, f"it belongs to {entry.source}")
            note = f"the file stays in {entry.path.parent} ({owner})"
        self.rows.delete(model_id)
        return RemoveResult(entry, deleted, note)
