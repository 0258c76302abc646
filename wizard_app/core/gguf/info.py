"""``GGUFInfo``: one GGUF file as listed, and its model header when it is a whole model.

The one header type is ``GGUFHeader``: every fact a fit or a run uses, checked. A file
that is not a whole language model (a projector, one part of a split model) has no such
header, yet the download side still lists it: its tensors, its metadata and the lenient
facts of ``summary()`` (what the library stores and ``download --peek`` prints), read
from the metadata as far as they are there. ``parse_header`` reads all of it from the
first bytes of a file (a memory map or a remote peek's buffer).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
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
    """A GGUF file's listing: metadata, tensors, and ``header`` when it is a whole model."""

    version: int
    tensors: tuple[TensorInfo, ...]
    data_offset: int
    metadata: Mapping[str, Scalar]
    # The checked model header (the fit estimate's input); None for a split model's part
    # (one part's header does not give the whole model) or what is not a language model.
    header: GGUFHeader | None = field(default=None, compare=False, repr=False)
    # What the metadata says, each fact None where it is missing (``summary``)
    facts: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def architecture(self) -> str | None:
        value = self.metadata.get("general.architecture")
        return value if isinstance(value, str) else None

    @property
    def name(self) -> str | None:
        value = self.metadata.get("general.name")
        return value if isinstance(value, str) else None

    @property
    def quant(self) -> str | None:
        """The quantisation as the catalog names it: Q4_K_M, Q8_0, F16..."""
        file_type = self.facts.get("file_type")
        if not file_type:
            return None
        for prefix in ("MOSTLY_", "ALL_"):
            if file_type.startswith(prefix):
                return str(file_type[len(prefix) :])
        return str(file_type)

    @property
    def tensor_bytes(self) -> int:
        return sum(t.n_bytes for t in self.tensors)

    @property
    def parameter_count(self) -> int:
        return sum(t.n_elements for t in self.tensors)

    def summary(self) -> dict[str, Any]:
        """The facts as JSON-ready values (tensors summed, not listed)."""
        return {
            "version": self.version,
            "architecture": self.architecture,
            "name": self.name,
            **self.facts,
            "data_offset": self.data_offset,
            "quant": self.quant,
            "tensor_count": len(self.tensors),
            "tensor_bytes": self.tensor_bytes,
            "parameter_count": self.parameter_count,
        }


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
    facts = {
        "block_count": key("block_count"),
        "context_length": key("context_length"),
        "embedding_length": key("embedding_length"),
        "feed_forward_length": key("feed_forward_length"),
        "head_count": key("attention.head_count"),
        "head_count_kv": key("attention.head_count_kv"),
        "key_length": key("attention.key_length"),
        "vocab_size": vocab,
        "expert_count": key("expert_count"),
        "expert_used_count": key("expert_used_count"),
        "file_type": _file_type_name(kv.get("general.file_type")),
        "split_count": split_count,
    }
    return GGUFInfo(
        version=version,
        tensors=tuple(
            TensorInfo(t.name, t.shape, t.type_name, math.prod(t.shape), t.n_bytes, t.data_offset)
            for t in tensors
        ),
        data_offset=data_offset,
        metadata={k: v for k, v in kv.items() if isinstance(v, str | int | float | bool)},
        header=header,
        facts=facts,
    )
