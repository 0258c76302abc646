"""Importing a GGUF from elsewhere: check it, read its header, copy it in if asked."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from wizard_app.core.cancel import CancelToken
from wizard_app.core.errors import InputError, StorageError
from wizard_app.core.gguf.info import GGUFInfo
from wizard_app.core.gguf.reader import read_local_header
from wizard_app.core.gguf.shards import shard_name, shard_paths
from wizard_app.core.units import human_bytes


@dataclass(frozen=True)
class ImportProgress:
    done: int
    total: int


@dataclass(frozen=True)
class ImportReady:
    """A GGUF checked (and copied, if asked) and ready to be registered."""

    path: Path
    info: GGUFInfo
    size_bytes: int
    owned: bool
    sha256: str | None


def check_importable(path: Path) -> Path:
    """The resolved path of a GGUF model file (the first shard of a split one)."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise InputError(f"{path} is not a file.", "Give the path of a .gguf file.")
    parsed = shard_name(path.name)
    if parsed and parsed.number != 1:
        raise InputError(
            f"{path.name} is shard {parsed.number} of a split model.",
            f"Import the first shard ({shard_paths(path)[0].name}); the others are found "
            "next to it.",
        )
    missing = [s for s in shard_paths(path) if not s.exists()]
    if missing:
        raise InputError(
            f"{path.name} is a split model and {missing[0].name} is missing.",
            "Put every shard in the same folder.",
        )
    return path.resolve()


def _check_complete(shard: Path, info: GGUFInfo) -> None:
    """Refuse a file whose tensor data ends past its end (a cut-off download or copy)."""
    size = shard.stat().st_size
    end = max((t.offset + t.n_bytes for t in info.tensors), default=info.data_offset)
    if end > size:
        raise InputError(
            f"{shard.name} is truncated: its tensor data ends at byte {end:,} but the file "
            f"has {size:,} ({human_bytes(end - size)} missing).",
            "Download or copy the whole file again, then import it.",
        )


def prepare_import(
    path: Path, models_dir: Path, *, copy: bool = False, cancel: CancelToken | None = None
) -> Iterator[ImportProgress | ImportReady]:
    """Read the header; with ``copy``, copy every shard into the
    models folder (hashing on the way). No database access: the caller registers the
    :class:`ImportReady` it ends with. A cancelled copy leaves nothing behind."""
    cancel = cancel or CancelToken()
    path = check_importable(path)
    info = read_local_header(path)
    shards = shard_paths(path)
    for shard in shards:
        _check_complete(shard, info if shard == path else read_local_header(shard))
    total = sum(s.stat().st_size for s in shards)
    if not copy:
        yield ImportReady(path, info, total, False, None)
        return
    target_dir = models_dir / "imported"
    target_dir.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(target_dir).free
    if free < total:
        raise StorageError(
            f"Not enough free space in {target_dir} to copy {path.name}: "
            f"{human_bytes(total - free)} more are needed.",
            "Free some space, or import without --copy to use the file where it is.",
        )
    first_sha = ""
    done = 0
    copied: list[Path] = []
    for shard in shards:
        target = target_dir / shard.name
        tmp = target.with_name(target.name + ".part")
        sha = hashlib.sha256()
        try:
            with shard.open("rb") as src, tmp.open("wb") as dst:
                while chunk := src.read(1 << 20):
                    if cancel.is_set():
                        break
                    sha.update(chunk)
                    dst.write(chunk)
                    done += len(chunk)
                    yield ImportProgress(done, total)
            if cancel.is_set():
                tmp.unlink(missing_ok=True)
                for c in copied:
                    c.unlink(missing_ok=True)
                return
            os.replace(tmp, target)
            copied.append(target)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise StorageError(f"Cannot copy {shard} into {target_dir}: {exc}.") from exc
        if not first_sha:
            first_sha = sha.hexdigest()
    yield ImportReady(target_dir / path.name, info, total, True, first_sha)
