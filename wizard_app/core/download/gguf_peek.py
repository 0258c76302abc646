"""Read a GGUF header: from the Hub with a few Range requests, or from a local file.

The header (metadata and tensor table) sits at the start of the file and is rarely
more than a few MiB even with a large vocabulary, so the exact architecture and the
size of every tensor are known before a byte of weights is fetched. Both are parsed by
the one GGUF header parser, ``wizard_app.core.gguf_header._Parser`` (on a partial buffer
it says how many bytes it needs). ``GGUFInfo`` is the download side's view of the parse;
``shape_of(info.header)`` is the exact ``ModelShape`` for the fit estimate.
"""

from __future__ import annotations

import math
import mmap
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from wizard_app.core.download.fetcher import human_bytes
from wizard_app.core.download.hub import HubClient, HubResponse
from wizard_app.core.errors import InputError, WizardError
from wizard_app.core.gguf_header import (
    GGUF_MAGIC,
    GGUFHeader,
    _Array,
    _Corrupt,
    _NeedMore,
    _Parser,
    _Tensor,
    header_from_parse,
)

PEEK_INITIAL = 2 << 20
PEEK_LIMIT = 64 << 20

Scalar = str | int | float | bool


class GGUFFormatError(WizardError):
    """The bytes are not a GGUF file this app can read."""


@dataclass(frozen=True)
class TensorInfo:
    name: str
    shape: tuple[int, ...]  # GGUF order: the fastest-varying dimension first
    ggml_type: str
    n_elements: int
    n_bytes: int
    offset: int  # absolute, from the start of the file


@dataclass(frozen=True)
class GGUFInfo:
    """What a memory estimate needs, read from the header itself."""

    version: int
    architecture: str | None
    name: str | None
    block_count: int | None
    context_length: int | None
    embedding_length: int | None
    feed_forward_length: int | None
    head_count: int | None
    head_count_kv: int | None
    key_length: int | None
    vocab_size: int | None
    expert_count: int | None
    expert_used_count: int | None
    file_type: str | None  # llama.cpp's LlamaFileType name, e.g. MOSTLY_Q4_K_M
    split_count: int | None
    tensors: tuple[TensorInfo, ...]
    data_offset: int
    metadata: Mapping[str, Scalar]
    # The same parse as a GGUFHeader (the fit estimate's input); None for a split model
    # (one part's header does not give the whole model) or what is not a language model.
    header: GGUFHeader | None = field(default=None, compare=False, repr=False)

    @property
    def quant(self) -> str | None:
        """The quantisation as the catalog names it: Q4_K_M, Q8_0, F16..."""
        if not self.file_type:
            return None
        for prefix in ("MOSTLY_", "ALL_"):
            if self.file_type.startswith(prefix):
                return self.file_type[len(prefix) :]
        return self.file_type

    @property
    def tensor_bytes(self) -> int:
        return sum(t.n_bytes for t in self.tensors)

    @property
    def parameter_count(self) -> int:
        return sum(t.n_elements for t in self.tensors)

    @property
    def head_dim(self) -> int | None:
        if self.key_length:
            return self.key_length
        if self.embedding_length and self.head_count:
            return self.embedding_length // self.head_count
        return None

    def summary(self) -> dict[str, Any]:
        """The facts as JSON-ready values (tensors summed, not listed)."""
        skip = ("tensors", "metadata", "header")
        out = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in skip}
        out.update(
            quant=self.quant,
            tensor_count=len(self.tensors),
            tensor_bytes=self.tensor_bytes,
            parameter_count=self.parameter_count,
        )
        return out


# ---- parsing ----------------------------------------------------------------------------
def parse_header(
    data: Any, *, name: str = "the file", file_bytes: int | None = None, size: int | None = None
) -> GGUFInfo:
    """Parse a GGUF header from the first bytes of a file (``size`` of them, default all).

    Raises ``_NeedMore(n)`` when the header goes on past them, ``GGUFFormatError`` when it
    is not a GGUF this app reads. ``file_bytes`` is the whole file's size when known.
    """
    size = len(data) if size is None else size
    if size >= 4 and bytes(data[:4]) != GGUF_MAGIC:
        raise GGUFFormatError.from_code("gguf.not_gguf", name=name)
    parser = _Parser(data, size, partial=True)
    try:
        version, meta, tensors = parser.parse()
    except _NeedMore:
        raise
    except _Corrupt as exc:
        raise GGUFFormatError(f"{name} is not a GGUF file this app can read: {exc}.") from None
    return _build_info(name, version, meta, tensors, parser.data_start, file_bytes)


def _file_type_name(value: Any) -> str | None:
    if not isinstance(value, int):
        return None
    from gguf import LlamaFileType

    try:
        return LlamaFileType(value).name
    except ValueError:
        return f"TYPE_{value}"


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, _Array) and value.items:
        ints = [v for v in value.items if isinstance(v, int) and not isinstance(v, bool)]
        return max(ints) if ints else None  # per-layer values: the largest
    return None


def _build_info(
    name: str,
    version: int,
    meta: dict[str, Any],
    tensors: list[_Tensor],
    data_offset: int,
    file_bytes: int | None,
) -> GGUFInfo:
    kv = {k: v for k, v in meta.items() if k != "GGUF.version"}
    arch_value = kv.get("general.architecture")
    arch = arch_value if isinstance(arch_value, str) else None

    def key(name: str) -> int | None:
        return _as_int(kv.get(f"{arch}.{name}")) if arch else None

    tokens = kv.get("tokenizer.ggml.tokens")
    vocab = tokens.count if isinstance(tokens, _Array) else None
    if vocab is None and arch:
        vocab = key("vocab_size")
    model_name = kv.get("general.name")
    split_count = _as_int(kv.get("split.count"))
    header = None
    if (split_count or 1) == 1:
        try:
            header = header_from_parse(
                Path(name),
                version,
                meta,
                tensors,
                file_bytes=file_bytes or data_offset + sum(t.n_bytes for t in tensors),
                check_size=file_bytes is not None,
            )
        except InputError:
            header = None
    return GGUFInfo(
        version=version,
        architecture=arch,
        name=model_name if isinstance(model_name, str) else None,
        block_count=key("block_count"),
        context_length=key("context_length"),
        embedding_length=key("embedding_length"),
        feed_forward_length=key("feed_forward_length"),
        head_count=key("attention.head_count"),
        head_count_kv=key("attention.head_count_kv"),
        key_length=key("attention.key_length"),
        vocab_size=vocab,
        expert_count=key("expert_count"),
        expert_used_count=key("expert_used_count"),
        file_type=_file_type_name(kv.get("general.file_type")),
        split_count=split_count,
        tensors=tuple(
            TensorInfo(t.name, t.shape, t.type_name, math.prod(t.shape), t.n_bytes, t.data_offset)
            for t in tensors
        ),
        data_offset=data_offset,
        metadata={k: v for k, v in kv.items() if isinstance(v, str | int | float | bool)},
        header=header,
    )


# ---- a local file -----------------------------------------------------------------------
def read_local_header(path: Path) -> GGUFInfo:
    """The header of a GGUF on disk, read from a memory map (no tensor data is touched)."""
    try:
        with path.open("rb") as f:
            if f.read(4) != GGUF_MAGIC:
                raise GGUFFormatError.from_code("gguf.not_gguf", name=str(path))
            size = path.stat().st_size
            with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as buf:
                return parse_header(buf, name=path.name, file_bytes=size, size=size)
    except _NeedMore:
        raise GGUFFormatError.from_code("gguf.truncated", name=str(path)) from None
    except (OSError, ValueError) as exc:
        raise GGUFFormatError(
            f"Cannot read {path}: {getattr(exc, 'strerror', None) or exc}."
        ) from exc


# ---- a remote file, with Range requests -------------------------------------------------
def peek_remote(
    client: HubClient,
    repo: str,
    filename: str,
    revision: str = "main",
    *,
    initial: int = PEEK_INITIAL,
    limit: int = PEEK_LIMIT,
) -> GGUFInfo:
    """Fetch the first ``initial`` bytes, more (doubling) while the header goes on.

    Nothing past the header is fetched; ``shape_of(result.header)`` is the exact fit
    estimate input."""
    url = client.resolve_url(repo, filename, revision)
    ctx = (repo, filename, revision)
    buf = bytearray()
    want = min(initial, limit)
    while True:
        with client.open_range(url, len(buf), want - 1, context=ctx) as resp:
            if resp.status == 200:  # a server that ignores Range: read only what we need
                while len(buf) < want:
                    chunk = resp.read1(1 << 20)
                    if not chunk:
                        break
                    buf += chunk
                del buf[want:]
                # the body cannot be continued after we stop reading; ask again if needed
            else:
                buf += resp.read()
            url = resp.url  # the CDN's signed URL: later ranges skip the redirect
            total = _total(resp)
        try:
            return parse_header(bytes(buf), name=filename, file_bytes=total)
        except _NeedMore as more:
            if total is not None and len(buf) >= total:
                raise GGUFFormatError(f"{filename} ends inside its own header.") from None
            if more.need > limit:
                raise GGUFFormatError(
                    f"The header of {filename} is larger than {human_bytes(limit)}; "
                    "it is not a GGUF this app can read."
                ) from None
            want = min(limit, max(more.need + (64 << 10), 2 * len(buf)))
            if total is not None:
                want = min(want, total)
            if resp.status == 200:
                buf.clear()  # start over with a plain request that reads further


def _total(resp: HubResponse) -> int | None:
    got = resp.content_range()
    if got is not None:
        return got[2]
    return resp.length if resp.status == 200 else None
