"""The app's own models folder: a library row for a model found there, and pruning the
folders a removal emptied."""

from __future__ import annotations

from pathlib import Path

from wizard_app.core.library.scan import FoundModel
from wizard_app.core.storage.download_tables import InstalledModel


def row_for_found(path: Path, rel: tuple[str, ...], found: FoundModel) -> InstalledModel:
    """A library row for a file in the models folder that no download row describes."""
    repo = filename = None
    source = "download"
    if rel[0] == "imported":
        source = "import"
    elif len(rel) >= 3:
        repo, filename = f"{rel[0]}/{rel[1]}", "/".join(rel[2:])
    return InstalledModel(
        path=str(path),
        size_bytes=found.size_bytes,
        source=source,
        owned=True,
        display_name=found.display_name,
        repo=repo,
        filename=filename,
        sha256=None,
        sha256_verified=False,
        quant=found.info.quant,
        architecture=found.info.architecture,
        header=found.info.summary(),
    )


def prune_empty(folder: Path, stop: Path) -> None:
    """Remove now-empty folders up to (not including) the models folder."""
    try:
        stop = stop.resolve()
        folder = folder.resolve()
        while folder != stop and folder.is_relative_to(stop):
            folder.rmdir()
            folder = folder.parent
    except OSError:
        pass
