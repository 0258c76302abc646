"""What a local GGUF file says about itself, read from its header without loading weights.

The file is memory-mapped and only the key/value metadata and the tensor table are
parsed (the ``gguf`` package's type tables, a faster walk than ``GGUFReader``); no tensor
data is read. From that we take the architecture facts the fit estimate
needs and the exact bytes of every tensor, grouped per block (``blk.N.*``), so
``shape_from_gguf(path)`` gives a ``ModelShape`` with exact per-layer weights.

Files that are not GGUF (an HTML error page, a safetensors or PyTorch checkpoint, an old
GGML file, a Git LFS pointer), truncated or corrupt raise ``InputError`` with one line that
says which, and what to do.
"""

from __future__ import annotations

import math
import mmap
import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wizard_app.core.errors import InputError
from wizard_app.core.fit import ModelShape

GGUF_MAGIC = b"GGUF"
SPLIT_NAME = re.compile(r"^(?P<prefix>.*)-(?P<no>\d{5})-of-(?P<count>\d{5})\.gguf$")


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
    m = SPLIT_NAME.match(path.name)
    if m is None:
        raise InputError(
            f"{path.name} is one part of a {count}-part split model but is not named like one.",
            "Keep the parts' original names (model-00001-of-0000N.gguf) in one folder.",
        )
    prefix = m.group("prefix")
    parts = [path.with_name(f"{prefix}-{i:05d}-of-{count:05d}.gguf") for i in range(1, count + 1)]
    missing = [p.name for p in parts if not p.is_file()]
    if missing:
        raise InputError(
            f"{path.name} is part of a split model and {len(missing)} part(s) are missing: "
            f"{', '.join(missing[:3])}{'...' if len(missing) > 3 else ''}.",
            "Download every part into the same folder.",
        )
    return parts


@dataclass(frozen=True)
class _Array:
    """A metadata array: its length, and its items when they are numbers."""

    count: int
    items: tuple[Any, ...] | None  # None for arrays of strings or nested arrays


@dataclass(frozen=True)
class _Tensor:
    name: str
    shape: tuple[int, ...]
    type_name: str
    n_bytes: int
    data_offset: int  # absolute, in the file


class _Corrupt(Exception):
    """The header does not parse; the message says where."""


class _BadVersion(_Corrupt):
    """A GGUF version this reader does not know."""


class _NeedMore(_Corrupt):
    """A partial buffer (``_Parser(..., partial=True)``) ends before the header does."""

    def __init__(self, need: int) -> None:
        super().__init__(f"the header needs at least {need:,} bytes")
        self.need = need


# GGUF value types -> struct format (little endian prefix added at parse time).
_SCALARS = {
    0: "B",
    1: "b",
    2: "H",
    3: "h",
    4: "I",
    5: "i",
    6: "f",
    7: "?",
    10: "Q",
    11: "q",
    12: "d",
}
_STRING, _ARRAY = 8, 9
_MAX_DIMS = 4  # GGML_MAX_DIMS
_KEEP_NUMERIC_ITEMS = 1 << 16  # per-layer arrays are tiny; token scores are not needed
# The smallest tensor record: a name length (8), one byte of name, n_dims (4), one
# dimension (8), the type (4) and the offset (8).
_MIN_TENSOR_RECORD = 33
# A trained context beyond this is a corrupt header, not a model: llama.cpp keeps the
# context in 32-bit integers, and a KV cache for 2^24 tokens is already far past any
# machine's memory for every model this app knows.
MAX_CONTEXT = 1 << 24


class _Parser:
    """A bounds-checked reader of the GGUF header over a memory map.

    ``gguf.GGUFReader`` builds a numpy view for every item of every metadata array, which
    takes seconds for a 150k-token vocabulary (7 s measured here); the fit estimate needs
    the array lengths only, so this skips them. Type tables come from the ``gguf`` package.

    With ``partial`` the buffer is only the start of the file (a remote peek): running off
    its end raises ``_NeedMore(bytes needed)`` instead of ``_Corrupt``.
    """

    def __init__(self, buf: Any, size: int, *, partial: bool = False) -> None:
        self.buf = buf
        self.size = size
        self.partial = partial
        self.pos = 0
        self.order = "<"
        self.data_start = 0  # where the tensor data begins, once parsed

    def _short(self, need: int, message: str) -> _Corrupt:
        return _NeedMore(need) if self.partial else _Corrupt(message)

    def take(self, n: int, what: str) -> int:
        start = self.pos
        if n < 0:
            raise _Corrupt(f"{what} has a negative length")
        if start + n > self.size:
            raise self._short(
                start + n, f"the file ends inside {what} (byte {start:,} of {self.size:,})"
            )
        self.pos = start + n
        return start

    def scalar(self, fmt: str, what: str) -> Any:
        st = struct.Struct(self.order + fmt)
        start = self.take(st.size, what)
        return st.unpack_from(self.buf, start)[0]

    def string(self, what: str) -> str:
        n = self.scalar("Q", what)
        start = self.take(n, what)
        return bytes(self.buf[start : start + n]).decode("utf-8", errors="replace")

    def skip_string(self, what: str) -> None:
        n = self.scalar("Q", what)
        self.take(n, what)

    def value(self, vtype: int, key: str) -> Any:
        fmt = _SCALARS.get(vtype)
        if fmt is not None:
            return self.scalar(fmt, key)
        if vtype == _STRING:
            return self.string(key)
        if vtype == _ARRAY:
            itype = self.scalar("I", key)
            count = self.scalar("Q", key)
            ifmt = _SCALARS.get(itype)
            if ifmt is not None:
                st = struct.Struct(self.order + ifmt)
                start = self.take(count * st.size, key)
                if count > _KEEP_NUMERIC_ITEMS:
                    return _Array(count, None)
                items = tuple(x[0] for x in st.iter_unpack(self.buf[start : self.pos]))
                return _Array(count, items)
            if count * 8 > self.size - self.pos:
                raise self._short(
                    self.pos + count * 8, f"{key} claims {count:,} items, more than the file holds"
                )
            for _ in range(count):
                if itype == _STRING:
                    self.skip_string(key)
                else:
                    self.value(itype, key)
            return _Array(count, None)
        raise _Corrupt(f"{key} has an unknown value type {vtype}")

    def parse(self) -> tuple[int, dict[str, Any], list[_Tensor]]:
        from gguf import GGML_QUANT_SIZES, GGMLQuantizationType

        start = self.take(4, "the magic number")
        if bytes(self.buf[start : start + 4]) != GGUF_MAGIC:
            raise _Corrupt("it does not start with 'GGUF'")
        version = self.scalar("I", "the version")
        if version & 0xFFFF == 0:  # written on a machine of the other byte order
            self.order = ">"
            self.pos = 4
            version = self.scalar("I", "the version")
        if version not in (2, 3):
            raise _BadVersion(f"GGUF version {version} is not one this app reads (2 or 3)")
        n_tensors = self.scalar("Q", "the tensor count")
        n_kv = self.scalar("Q", "the metadata count")
        # The smallest metadata entry is over 8 bytes, a tensor record over 32: what the
        # file cannot hold is refused before anything is allocated for it.
        if n_kv * 8 + n_tensors * _MIN_TENSOR_RECORD > self.size:
            raise self._short(
                (n_tensors + n_kv) * 8,
                f"it claims {n_tensors:,} tensors and {n_kv:,} metadata entries",
            )
        meta: dict[str, Any] = {"GGUF.version": version}
        for _ in range(n_kv):
            key = self.string("a metadata key")
            vtype = self.scalar("I", key)
            meta[key] = self.value(vtype, key)
        infos: list[tuple[str, tuple[int, ...], int, int]] = []
        for _ in range(n_tensors):
            name = self.string("a tensor name")
            n_dims = self.scalar("I", name)
            if not 1 <= n_dims <= _MAX_DIMS:
                raise _Corrupt(f"tensor {name} has {n_dims} dimensions")
            dims = tuple(self.scalar("Q", name) for _ in range(n_dims))
            raw_type = self.scalar("I", name)
            offset = self.scalar("Q", name)
            infos.append((name, dims, raw_type, offset))
        alignment = meta.get("general.alignment", 32)
        if not isinstance(alignment, int) or alignment <= 0 or alignment & (alignment - 1):
            raise _Corrupt(f"general.alignment {alignment!r} is not a power of two")
        data_start = -(-self.pos // alignment) * alignment
        tensors: list[_Tensor] = []
        for name, dims, raw_type, offset in infos:
            try:
                qtype = GGMLQuantizationType(raw_type)
                block, type_size = GGML_QUANT_SIZES[qtype]
            except (ValueError, KeyError):
                raise _Corrupt(f"tensor {name} has an unknown type {raw_type}") from None
            n_elements = math.prod(dims)
            if dims and dims[0] % block:
                raise _Corrupt(f"tensor {name} rows of {dims[0]} do not fit {qtype.name} blocks")
            n_bytes = n_elements * type_size // block
            tensors.append(_Tensor(name, dims, qtype.name, n_bytes, data_start + offset))
        self.data_start = data_start
        return version, meta, tensors


def _parse(path: Path) -> tuple[int, dict[str, Any], list[_Tensor], int]:
    size = path.stat().st_size
    try:
        with path.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as buf:
            version, meta, tensors = _Parser(buf, size).parse()
    except _Corrupt as exc:
        if isinstance(exc, _BadVersion):
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


class _Meta:
    """Typed access to the parsed metadata."""

    def __init__(self, meta: dict[str, Any], path: Path) -> None:
        self.meta = meta
        self.path = path

    def get(self, key: str) -> Any:
        value = self.meta.get(key)
        if isinstance(value, _Array):
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
        return value.count if isinstance(value, _Array) else None

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


def read_header(path: str | Path) -> GGUFHeader:
    """Parse the GGUF header (and those of its sibling shards) at ``path``."""
    path = Path(path).expanduser()
    _sniff(path)
    version, raw, tensors, file_bytes = _parse(path)
    split_count = int(_Meta(raw, path).get("split.count") or 1)
    if split_count > 1:
        if int(_Meta(raw, path).get("split.no") or 0) != 0:
            return read_header(_shards(path, split_count)[0])
        for shard in _shards(path, split_count)[1:]:
            _sniff(shard)
            _, _, more, more_bytes = _parse(shard)
            tensors += more
            file_bytes += more_bytes
    return header_from_parse(
        path, version, raw, tensors, file_bytes=file_bytes, check_size=split_count == 1
    )


def header_from_parse(
    path: Path,
    version: int,
    raw: dict[str, Any],
    tensors: list[_Tensor],
    *,
    file_bytes: int,
    check_size: bool,
) -> GGUFHeader:
    """Turn what ``_Parser.parse`` read into a ``GGUFHeader``.

    ``path`` is only used to name the file in errors (a remote peek passes its file name);
    ``check_size`` rejects tensors that end past ``file_bytes`` (a truncated local file).
    Raises ``InputError`` for what is not a complete language model.
    """
    meta = _Meta(raw, path)
    split_count = int(meta.get("split.count") or 1)
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
    highest = max((int(i) for t in tensors if (i := _block_index(t.name)) is not None), default=-1)
    limit = max(len(tensors), min(highest + 1, file_bytes // _MIN_TENSOR_RECORD))
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
    for key, value in (("head_count", head_count), ("embedding_length", embedding)):
        if value > MAX_CONTEXT:
            raise InputError(
                f"{path.name} declares {arch}.{key} = {value:,}; the header is corrupt.",
                "Download it again; if that fails, the file on the hub may be broken.",
            )
    window = meta.get(f"{arch}.attention.sliding_window")
    vocab = meta.length("tokenizer.ggml.tokens") or meta.get(f"{arch}.vocab_size")
    template = meta.get("tokenizer.chat_template")
    file_type_raw = meta.get("general.file_type")
    name = meta.get("general.name")
    tokenizer = meta.get("tokenizer.ggml.model")
    experts = meta.get(f"{arch}.expert_count")
    experts_used = meta.get(f"{arch}.expert_used_count")

    layer_bytes = [0] * block_count
    output_bytes = 0
    token_embd_bytes = 0
    expert_bytes = 0
    total = 0
    layer_params = output_params = embd_params = 0
    by_type: dict[str, int] = {}
    shard_end = file_bytes if check_size else None
    for t in tensors:
        n = t.n_bytes
        if shard_end is not None and t.data_offset + n > shard_end:
            raise InputError(
                f"{path.name} is truncated: tensor {t.name} ends at byte "
                f"{t.data_offset + n:,} but the file has {shard_end:,}.",
                "Download it again.",
            )
        total += n
        elems = math.prod(t.shape)
        if len(t.shape) >= 2:
            by_type[t.type_name] = by_type.get(t.type_name, 0) + n
        if t.name.startswith("blk."):
            idx_text = t.name.split(".", 2)[1]
            if idx_text.isdigit() and int(idx_text) < block_count:
                layer_bytes[int(idx_text)] += n
                layer_params += elems
            if "_exps." in t.name:
                expert_bytes += n
        elif t.name == "output.weight":
            output_bytes = n
            output_params = elems
        elif t.name == "token_embd.weight":
            token_embd_bytes = n
            embd_params = elems
    if not tensors:
        raise InputError(f"{path.name} has no tensors; it is not a model.", "Download it again.")
    dominant = max(by_type, key=lambda k: by_type[k]) if by_type else "F32"
    file_type, quant = _quant_label(
        int(file_type_raw) if isinstance(file_type_raw, int) else None, dominant
    )
    return GGUFHeader(
        path=path,
        file_bytes=file_bytes,
        version=version,
        arch=arch,
        name=str(name) if name is not None else None,
        file_type=file_type,
        quant=quant,
        block_count=block_count,
        context_length=context_length,
        embedding_length=embedding,
        feed_forward_length=feed_forward,
        head_count=head_count,
        head_count_kv=head_count_kv,
        key_length=key_length,
        value_length=value_length,
        sliding_window=int(window) if window else None,
        vocab_size=int(vocab) if vocab else None,
        tokenizer_model=str(tokenizer) if tokenizer is not None else None,
        chat_template=str(template) if template else None,
        expert_count=int(experts) if experts else None,
        expert_used_count=int(experts_used) if experts_used else None,
        tensor_count=len(tensors),
        tensor_bytes=total,
        layer_bytes=tuple(layer_bytes),
        output_bytes=output_bytes or token_embd_bytes,
        token_embd_bytes=token_embd_bytes,
        expert_bytes=expert_bytes,
        split_count=split_count,
        params_per_token=layer_params + (output_params or embd_params),
    )


def _block_index(name: str) -> str | None:
    """``N`` of a ``blk.N.*`` tensor name, if it has one."""
    if not name.startswith("blk."):
        return None
    idx = name.split(".", 2)[1]
    return idx if idx.isdigit() and len(idx) < 10 else None


def shape_of(header: GGUFHeader) -> ModelShape:
    """The fit estimate's view of a header."""
    per_layer = header.kv_heads_per_layer
    # ModelShape keeps one KV head count; rounding the mean up keeps the KV estimate exact
    # for uniform models and at most one head per layer high for per-layer ones.
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
    )


def shape_from_gguf(path: str | Path) -> ModelShape:
    """Read ``path``'s header and return the exact ``ModelShape`` for the fit estimate."""
    return shape_of(read_header(path))


def describe(header: GGUFHeader) -> Sequence[tuple[str, str]]:
    """Label/value rows for showing a header to a person."""
    kv = header.head_count_kv
    kv_text = str(kv) if isinstance(kv, int) else f"per layer {min(kv)}-{max(kv)}"
    return [
        ("architecture", header.arch),
        ("quant", header.quant),
        ("blocks", str(header.block_count)),
        ("trained context", f"{header.context_length:,}"),
        ("embedding", str(header.embedding_length)),
        ("heads / KV heads", f"{header.head_count} / {kv_text}"),
        ("head dims (K, V)", f"{header.key_length}, {header.value_length}"),
        ("sliding window", str(header.sliding_window or "none")),
        ("vocab", f"{header.vocab_size:,}" if header.vocab_size else "unknown"),
        ("chat template", "yes" if header.has_chat_template else "no"),
        ("weights", f"{header.tensor_bytes / 1024**2:,.1f} MiB in {header.tensor_count} tensors"),
    ]
