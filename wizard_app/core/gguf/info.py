"""``GGUFInfo``: the raw facts of one GGUF file's header, as the download side shows them.

``parse_header`` reads them from the first bytes of a file (a memory map or a remote
peek's buffer). Unlike ``GGUFHeader`` nothing here is required: a projector or a single
part of a split model still has an info. ``info.header`` is the same parse as a
``GGUFHeader`` when the file is a whole language model.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from wizard_app.core.errors import InputError
from wizard_app.core.gguf.header import GGUFHeader, header_from_parse
from wizard_app.core.gguf.parser import GGUF_MAGIC, Array, Corrupt, NeedMore, Parser, Tensor

Scalar = str | int | float | bool


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


def parse_header(
    data: Any, *, name: str = "the file", file_bytes: int | None = None, size: int | None = None
) -> GGUFInfo:
    """Parse a GGUF header from the first bytes of a file (``size`` of them, default all).

    Raises ``NeedMore(n)`` when the header goes on past them, ``InputError`` when it
    is not a GGUF this app reads. ``file_bytes`` is the whole file's size when known.
    """
    size = len(data) if size is None else size
    if size >= 4 and bytes(data[:4]) != GGUF_MAGIC:
        raise InputError.from_code("gguf.not_gguf", name=name)
    parser = Parser(data, size, partial=True)
    try:
        version, meta, tensors = parser.parse()
    except NeedMore:
        raise
    except Corrupt as exc:
        raise InputError(f"{name} is not a GGUF file this app can read: {exc}.") from None
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
    if isinstance(value, Array) and value.items:
        ints = [v for v in value.items if isinstance(v, int) and not isinstance(v, bool)]
        return max(ints) if ints else None  # per-layer values: the largest
    return None


def _build_info(
    name: str,
    version: int,
    meta: dict[str, Any],
    tensors: list[Tensor],
    data_offset: int,
    file_bytes: int | None,
) -> GGUFInfo:
    kv = {k: v for k, v in meta.items() if k != "GGUF.version"}
    arch_value = kv.get("general.architecture")
    arch = arch_value if isinstance(arch_value, str) else None

    def key(name: str) -> int | None:
        return _as_int(kv.get(f"{arch}.{name}")) if arch else None

    tokens = kv.get("tokenizer.ggml.tokens")
    vocab = tokens.count if isinstance(tokens, Array) else None
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
