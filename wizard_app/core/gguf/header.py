"""What a GGUF header says about a model: ``GGUFHeader``, and its ``ModelShape``.

``header_from_parse`` turns what ``parser.Parser`` read into the facts the fit estimate
needs, with the exact bytes of every tensor grouped per block (``blk.N.*``); anything that
is not a complete language model raises ``InputError`` with one line saying which and
what to do. ``reader.read_header(path)`` reads a local file (all shards of a split one),
``remote.peek_remote`` the start of a file on the Hub.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wizard_app.core.errors import InputError
from wizard_app.core.fit import ModelShape
from wizard_app.core.fit.state import CacheLayout
from wizard_app.core.gguf.layout import block_kinds
from wizard_app.core.gguf.parser import MIN_TENSOR_RECORD, Array, Tensor
from wizard_app.core.gguf.tally import block_index, tally_tensors


@dataclass(frozen=True)
class GGUFHeader:
    """The facts read from one GGUF model (all shards of a split model)."""

    path: Path
    file_bytes: int
    version: int
    arch: str
    name: str | None
    file_type: str | None  # llama.cpp's label for the whole file, e.g. "Q4_K_M"
    quant: str  # file_type, or the type holding most weight bytes when not recorded
    block_count: int
    context_length: int
    embedding_length: int
    feed_forward_length: int | None
    head_count: int
    head_count_kv: int | tuple[int, ...]  # a tuple when the file gives one per layer
    key_length: int
    value_length: int
    sliding_window: int | None
    vocab_size: int | None
    tokenizer_model: str | None
    chat_template: str | None
    expert_count: int | None
    expert_used_count: int | None
    tensor_count: int
    tensor_bytes: int  # every tensor's data, the weights llama.cpp maps
    layer_bytes: tuple[int, ...]  # per block blk.0 .. blk.N-1
    output_bytes: int  # output head (token_embd when the head is tied to it)
    token_embd_bytes: int
    expert_bytes: int  # routed expert tensors (*_exps), for the active share of a MoE
    split_count: int = 1
    params_per_token: int = 0  # weights one token multiplies: blocks and the output head
    # blocks without a KV cache of their own (gguf/layout): recurrent ones, shared ones
    recurrent_layers: int = 0
    recurrent_values: int = 0  # f32 state values one recurrent block keeps per sequence
    shared_kv_layers: int = 0

    @property
    def has_chat_template(self) -> bool:
        return bool(self.chat_template)

    @property
    def kv_heads_per_layer(self) -> tuple[int, ...]:
        if isinstance(self.head_count_kv, tuple):
            return self.head_count_kv
        return (self.head_count_kv,) * self.block_count

    @property
    def active_fraction(self) -> float:
        """Share of the weights read per token (1.0 unless a mixture of experts)."""
        if not self.expert_count or not self.expert_used_count or not self.expert_bytes:
            return 1.0
        active = self.expert_bytes * self.expert_used_count / self.expert_count
        return (self.tensor_bytes - self.expert_bytes + active) / self.tensor_bytes


# A trained context beyond this is a corrupt header, not a model: llama.cpp keeps the
# context in 32-bit integers, and a KV cache for 2^24 tokens is already far past any
# machine's memory for every model this app knows.
MAX_CONTEXT = 1 << 24


class _Meta:
    """Typed access to the parsed metadata."""

    def __init__(self, meta: dict[str, Any], path: Path) -> None:
        self.meta = meta
        self.path = path

    def get(self, key: str) -> Any:
        value = self.meta.get(key)
        if isinstance(value, Array):
            return list(value.items) if value.items is not None else None
        return value

    def int_or_array(self, key: str) -> int | tuple[int, ...] | None:
        value = self.get(key)
        if value is None:
            return None
        if isinstance(value, list):
            return tuple(int(v) for v in value)
        return int(value)

    def length(self, key: str) -> int | None:
        value = self.meta.get(key)
        return value.count if isinstance(value, Array) else None

    def require_int(self, key: str, what: str) -> int:
        value = self.get(key)
        if value is None:
            raise InputError(
                f"{self.path.name} has no {key} in its header, so it is not a complete {what}.",
                "Check that this is the model file itself (not an adapter or projector) "
                "and download it again if so.",
            )
        if isinstance(value, list):
            return max(int(v) for v in value) if value else 0
        return int(value)


def _quant_label(file_type: int | None, dominant: str) -> tuple[str | None, str]:
    from gguf import LlamaFileType

    label: str | None = None
    if file_type is not None:
        try:
            name = LlamaFileType(file_type).name
        except ValueError:
            name = ""
        if name and name != "GUESSED":
            label = name.removeprefix("MOSTLY_").removeprefix("ALL_")
    return label, label or dominant


def header_from_parse(
    path: Path,
    version: int,
    raw: dict[str, Any],
    tensors: list[Tensor],
    *,
    file_bytes: int,
    check_size: bool,
) -> GGUFHeader:
    """Turn what ``Parser.parse`` read into a ``GGUFHeader``.

    (Over 60 lines only for the one ``GGUFHeader(...)`` call, a field a line.)

    ``path`` is only used to name the file in errors (a remote peek passes its file name);
    ``check_size`` rejects tensors that end past ``file_bytes`` (a truncated local file).
    Raises ``InputError`` for what is not a complete language model.
    """
    meta = _Meta(raw, path)
    arch = _language_model_arch(meta, path)
    dims = _dimensions(meta, path, arch, tensors, file_bytes)
    tally = tally_tensors(tensors, dims.block_count, path, file_bytes if check_size else None)
    file_type_raw = meta.get("general.file_type")
    file_type, quant = _quant_label(
        int(file_type_raw) if isinstance(file_type_raw, int) else None, tally.dominant
    )
    window = meta.get(f"{arch}.attention.sliding_window")
    vocab = meta.length("tokenizer.ggml.tokens") or meta.get(f"{arch}.vocab_size")
    template = meta.get("tokenizer.chat_template")
    name = meta.get("general.name")
    tokenizer = meta.get("tokenizer.ggml.model")
    experts = meta.get(f"{arch}.expert_count")
    experts_used = meta.get(f"{arch}.expert_used_count")
    kinds = block_kinds(meta.get, arch, dims.block_count, dims.head_count_kv)
    return GGUFHeader(
        path=path,
        file_bytes=file_bytes,
        version=version,
        arch=arch,
        name=str(name) if name is not None else None,
        file_type=file_type,
        quant=quant,
        block_count=dims.block_count,
        context_length=dims.context_length,
        embedding_length=dims.embedding,
        feed_forward_length=dims.feed_forward,
        head_count=dims.head_count,
        head_count_kv=dims.head_count_kv,
        key_length=dims.key_length,
        value_length=dims.value_length,
        sliding_window=int(window) if window else None,
        vocab_size=int(vocab) if vocab else None,
        tokenizer_model=str(tokenizer) if tokenizer is not None else None,
        chat_template=str(template) if template else None,
        expert_count=int(experts) if experts else None,
        expert_used_count=int(experts_used) if experts_used else None,
        tensor_count=len(tensors),
        tensor_bytes=tally.total,
        layer_bytes=tuple(tally.layer_bytes),
        output_bytes=tally.output_bytes or tally.token_embd_bytes,
        token_embd_bytes=tally.token_embd_bytes,
        expert_bytes=tally.expert_bytes,
        split_count=int(meta.get("split.count") or 1),
        params_per_token=tally.layer_params + (tally.output_params or tally.embd_params),
        recurrent_layers=kinds.recurrent_layers,
        recurrent_values=kinds.recurrent_values,
        shared_kv_layers=kinds.shared_kv_layers,
    )


def _language_model_arch(meta: _Meta, path: Path) -> str:
    """The architecture, or ``InputError`` for an adapter, a projector or no model at all."""
    arch = meta.get("general.architecture")
    if not isinstance(arch, str) or not arch:
        raise InputError(
            f"{path.name} has no general.architecture in its header; it is corrupt or not a model.",
            "Download it again.",
        )
    if meta.get("general.type") == "adapter":
        raise InputError(
            f"{path.name} is a LoRA adapter, not a model.",
            "Load the base model instead; adapters are not supported yet.",
        )
    if arch == "clip":
        raise InputError(
            f"{path.name} is a vision projector (mmproj), not a language model.",
            "Choose the model's main .gguf file.",
        )
    return arch


@dataclass(frozen=True)
class _Dimensions:
    block_count: int
    embedding: int
    head_count: int
    head_count_kv: int | tuple[int, ...]
    key_length: int
    value_length: int
    feed_forward: int | None
    context_length: int


def _dimensions(
    meta: _Meta, path: Path, arch: str, tensors: list[Tensor], file_bytes: int
) -> _Dimensions:
    """The architecture's sizes, each checked against what the file can hold."""
    block_count = meta.require_int(f"{arch}.block_count", "language model")
    embedding = meta.require_int(f"{arch}.embedding_length", "language model")
    head_count = meta.require_int(f"{arch}.attention.head_count", "language model")
    if block_count <= 0 or embedding <= 0:
        raise InputError(
            f"{path.name} declares {block_count} blocks of width {embedding}; the header is "
            "corrupt.",
            "Download it again.",
        )
    # A block has tensors in the file (at least one, or a blk.N name that reaches it), and
    # each tensor record takes bytes of the file: a count beyond what the file can hold is
    # refused before any per-block list is made.
    highest = max((int(i) for t in tensors if (i := block_index(t.name)) is not None), default=-1)
    limit = max(len(tensors), min(highest + 1, file_bytes // MIN_TENSOR_RECORD))
    if block_count > limit:
        raise InputError(
            f"{path.name} declares {block_count:,} blocks but holds only {len(tensors):,} "
            "tensors; the header is corrupt.",
            "Download it again; if that fails, the file on the hub may be broken.",
        )
    kv = meta.int_or_array(f"{arch}.attention.head_count_kv")
    head_count_kv: int | tuple[int, ...] = head_count if kv is None else kv
    if isinstance(head_count_kv, tuple) and len(head_count_kv) != block_count:
        raise InputError(
            f"{path.name} gives {len(head_count_kv)} KV head counts for {block_count} blocks; "
            "the header is corrupt.",
            "Download it again.",
        )
    head_dim = embedding // max(1, head_count)
    key_length = int(meta.get(f"{arch}.attention.key_length") or head_dim)
    value_length = int(meta.get(f"{arch}.attention.value_length") or key_length)
    ff = meta.int_or_array(f"{arch}.feed_forward_length")
    feed_forward = (max(ff) if ff else None) if isinstance(ff, tuple) else ff
    context_length = int(meta.get(f"{arch}.context_length") or 0)
    if context_length <= 0:
        context_length = 2048  # llama.cpp's own assumption when the key is missing
    if context_length > MAX_CONTEXT:
        raise InputError(
            f"{path.name} declares a trained context of {context_length:,} tokens, more than "
            f"the {MAX_CONTEXT:,} this app accepts; the header is corrupt.",
            "Download it again; if that fails, the file on the hub may be broken.",
        )
    _check_width(path, arch, head_count, embedding)
    return _Dimensions(
        block_count=block_count,
        embedding=embedding,
        head_count=head_count,
        head_count_kv=head_count_kv,
        key_length=key_length,
        value_length=value_length,
        feed_forward=feed_forward,
        context_length=context_length,
    )


def _check_width(path: Path, arch: str, head_count: int, embedding: int) -> None:
    for key, value in (("head_count", head_count), ("embedding_length", embedding)):
        if value > MAX_CONTEXT:
            raise InputError(
                f"{path.name} declares {arch}.{key} = {value:,}; the header is corrupt.",
                "Download it again; if that fails, the file on the hub may be broken.",
            )


def shape_of(header: GGUFHeader) -> ModelShape:
    """The fit estimate's view of a header."""
    per_layer = header.kv_heads_per_layer
    layout = None
    if header.recurrent_layers or header.shared_kv_layers:
        # the cache is per attention block: their KV heads, not an average with the others
        kv_heads = max(per_layer, default=0) or header.head_count
        layout = CacheLayout(
            layers=header.block_count,
            recurrent_layers=header.recurrent_layers,
            recurrent_values=header.recurrent_values,
            shared_layers=header.shared_kv_layers,
        )
    else:
        # ModelShape keeps one KV head count; rounding the mean up keeps the KV estimate
        # exact for uniform models and at most one head per layer high for per-layer ones.
        kv_heads = math.ceil(sum(per_layer) / max(1, len(per_layer)))
    return ModelShape(
        arch=header.arch,
        layers=header.block_count,
        embedding=header.embedding_length,
        heads=header.head_count,
        kv_heads=kv_heads,
        head_dim_k=header.key_length,
        head_dim_v=header.value_length,
        trained_context=header.context_length,
        weights_bytes=header.tensor_bytes,
        sliding_window=header.sliding_window,
        vocab=header.vocab_size,
        feed_forward=header.feed_forward_length,
        layer_bytes=header.layer_bytes,
        output_bytes=header.output_bytes,
        active_fraction=header.active_fraction,
        source="gguf-header",
        quant=header.quant,
        params_per_token=header.params_per_token or None,
        layout=layout,
    )
