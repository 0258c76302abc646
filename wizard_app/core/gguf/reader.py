"""Read a GGUF file on disk from a memory map, without loading weights.

``read_header(path)`` gives the model's ``GGUFHeader`` (every shard of a split model is
read); ``read_local_header(path)`` gives one file's listing, ``GGUFInfo``, which holds
its ``GGUFHeader`` when the file is a whole model. Files that are
not GGUF (an HTML error page, a safetensors or PyTorch checkpoint, an old GGML file, a
Git LFS pointer), truncated or corrupt raise ``InputError`` with one line that says
which, and what to do.
"""

from __future__ import annotations

import mmap
from pathlib import Path
from typing import Any

from wizard_app.core.errors import InputError
from wizard_app.core.fit import ModelShape
from wizard_app.core.gguf.header import GGUFHeader, header_from_parse, shape_of
from wizard_app.core.gguf.info import GGUFInfo, parse_header
from wizard_app.core.gguf.parser import GGUF_MAGIC, BadVersion, Corrupt, NeedMore, Parser, Tensor
from wizard_app.core.gguf.shards import shard_name


def _sniff(path: Path) -> None:
    """Reject what is obviously not a GGUF, naming what it is instead."""
    if not path.exists():
        raise InputError(f"No file at {path}.", "Check the path, or give an installed model id.")
    if path.is_dir():
        raise InputError(f"{path} is a folder, not a GGUF file.", "Give the .gguf file inside it.")
    try:
        with path.open("rb") as f:
            head = f.read(64)
    except OSError as exc:
        raise InputError(
            f"Cannot read {path}: {exc.strerror or exc}.", "Check its permissions."
        ) from exc
    if head[:4] == GGUF_MAGIC:
        return
    what = "not a GGUF model file"
    remedy = "Download the model's .gguf file."
    if not head:
        what = "empty"
        remedy = "Download it again."
    elif head[:4] in (b"lmgg", b"fmgg", b"tjgg", b"algg", b"ggml", b"ggmf", b"ggjt", b"ggla"):
        what = "an old GGML-format file, which llama.cpp no longer reads"
        remedy = "Download the GGUF version of the model."
    elif head[:4] == b"PK\x03\x04":
        what = "a zip archive (a PyTorch checkpoint?), not a GGUF"
    elif len(head) > 8 and head[8:9] == b"{" and int.from_bytes(head[:8], "little") < 100_000_000:
        what = "a safetensors checkpoint, not a GGUF"
        remedy = "Download a GGUF conversion of the model."
    elif head.lstrip()[:1] == b"<":
        what = "a web page (an HTML or XML error from the server?), not a GGUF"
        remedy = "Download it again."
    elif head.startswith(b"version https://git-lfs"):
        what = "a Git LFS pointer, not the model itself"
        remedy = "Fetch the file with 'git lfs pull' or download it directly."
    elif len(head) < 4:
        what = "truncated (shorter than a GGUF header)"
        remedy = "Download it again."
    raise InputError(f"{path.name} is {what}.", remedy)


def _shards(path: Path, count: int) -> list[Path]:
    parsed = shard_name(path.name)
    if parsed is None:
        raise InputError(
            f"{path.name} is one part of a {count}-part split model but is not named like one.",
            "Keep the parts' original names (model-00001-of-0000N.gguf) in one folder.",
        )
    parts = [path.with_name(parsed.sibling(i, count)) for i in range(1, count + 1)]
    missing = [p.name for p in parts if not p.is_file()]
    if missing:
        raise InputError(
            f"{path.name} is part of a split model and {len(missing)} part(s) are missing: "
            f"{', '.join(missing[:3])}{'...' if len(missing) > 3 else ''}.",
            "Download every part into the same folder.",
        )
    return parts


def _parse(path: Path) -> tuple[int, dict[str, Any], list[Tensor], int]:
    size = path.stat().st_size
    try:
        with path.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as buf:
            version, meta, tensors = Parser(buf, size).parse()
    except Corrupt as exc:
        if isinstance(exc, BadVersion):
            raise InputError(
                f"{path.name}: {exc}.", "Download a current GGUF of the model."
            ) from exc
        raise InputError(
            f"{path.name} is truncated or corrupt ({size:,} bytes): {exc}.",
            "Download it again; if that fails, the file on the hub may be broken.",
        ) from exc
    except (OSError, ValueError) as exc:
        raise InputError(
            f"Cannot read {path.name}: {exc}.", "Check the file and its permissions."
        ) from exc
    return version, meta, tensors, size


def read_header(path: str | Path) -> GGUFHeader:
    """Parse the GGUF header (and those of its sibling shards) at ``path``."""
    path = Path(path).expanduser()
    _sniff(path)
    version, raw, tensors, file_bytes = _parse(path)
    split_count = int(raw.get("split.count") or 1)
    if split_count > 1:
        if int(raw.get("split.no") or 0) != 0:
            return read_header(_shards(path, split_count)[0])
        for shard in _shards(path, split_count)[1:]:
            _sniff(shard)
            _, _, more, more_bytes = _parse(shard)
            tensors += more
            file_bytes += more_bytes
    return header_from_parse(
        path, version, raw, tensors, file_bytes=file_bytes, check_size=split_count == 1
    )


def shape_from_gguf(path: str | Path) -> ModelShape:
    """Read ``path``'s header and return the exact ``ModelShape`` for the fit estimate."""
    return shape_of(read_header(path))


def read_local_header(path: Path) -> GGUFInfo:
    """The header of a GGUF on disk, read from a memory map (no tensor data is touched)."""
    try:
        with path.open("rb") as f:
            if f.read(4) != GGUF_MAGIC:
                raise InputError.from_code("gguf.not_gguf", name=str(path))
            size = path.stat().st_size
            with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as buf:
                return parse_header(buf, name=path.name, file_bytes=size, size=size)
    except NeedMore:
        raise InputError.from_code("gguf.truncated", name=str(path)) from None
    except (OSError, ValueError) as exc:
        raise InputError(f"Cannot read {path}: {getattr(exc, 'strerror', None) or exc}.") from exc
