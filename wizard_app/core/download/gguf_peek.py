"""Read a GGUF header: from the Hub with a few Range requests, or from a local file.

The header (metadata and tensor table) sits at the start of the file and is rarely
more than a few MiB even with a large vocabulary, so the exact architecture and the
size of every tensor are known before a byte of weights is fetched. Remote headers go
through a small parser here (``gguf.GGUFReader`` needs the whole file); local files are
read with ``gguf.GGUFReader`` itself.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from wizard_app.core.download.fetcher import human_bytes
from wizard_app.core.download.hub import HubClient, HubResponse
from wizard_app.core.errors import WizardError

GGUF_MAGIC = b"GGUF"
DEFAULT_ALIGNMENT = 32
PEEK_INITIAL = 2 << 20
PEEK_LIMIT = 64 << 20

# GGUF metadata value types
_U8, _I8, _U16, _I16, _U32, _I32, _F32, _BOOL, _STR, _ARR, _U64, _I64, _F64 = range(13)
_SCALAR = {
    _U8: "B",
    _I8: "b",
    _U16: "H",
    _I16: "h",
    _U32: "I",
    _I32: "i",
    _F32: "f",
    _BOOL: "?",
    _U64: "Q",
    _I64: "q",
    _F64: "d",
}

Scalar = str | int | float | bool
_SHORT_ARRAY = 1024


class GGUFFormatError(WizardError):
    """The bytes are not a GGUF file this app can read."""


class _Truncated(Exception):
    def __init__(self, need: int) -> None:
        super().__init__(need)
        self.need = need


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
        out = {k: v for k, v in asdict(self).items() if k not in ("tensors", "metadata")}
        out.update(
            quant=self.quant,
            tensor_count=len(self.tensors),
            tensor_bytes=self.tensor_bytes,
            parameter_count=self.parameter_count,
        )
        return out


# ---- parsing ----------------------------------------------------------------------------
def parse_header(data: bytes | bytearray | memoryview) -> GGUFInfo:
    """Parse a GGUF header from its first bytes; raises ``_Truncated`` if more are needed."""
    buf = memoryview(data)
    if len(buf) < 8:
        raise _Truncated(8)
    if bytes(buf[:4]) != GGUF_MAGIC:
        raise GGUFFormatError("This is not a GGUF file (its first bytes are not 'GGUF').")
    (version,) = struct.unpack_from("<I", buf, 4)
    endian = "<"
    if version & 0xFFFF == 0 and version > 0xFFFF:  # a big-endian file read as little-endian
        endian = ">"
        (version,) = struct.unpack_from(">I", buf, 4)
    if version not in (2, 3):
        raise GGUFFormatError(f"GGUF version {version} is not supported (only 2 and 3).")
    r = _Reader(buf, 8, endian)
    n_tensors = r.scalar("Q")
    n_kv = r.scalar("Q")
    kv: dict[str, Any] = {}
    for _ in range(n_kv):
        key = r.string()
        vtype = r.scalar("I")
        kv[key] = r.value(vtype)
    raw_tensors: list[tuple[str, tuple[int, ...], int, int]] = []
    for _ in range(n_tensors):
        name = r.string()
        n_dims = r.scalar("I")
        if n_dims > 8:
            raise GGUFFormatError(f"Tensor {name!r} claims {n_dims} dimensions.")
        dims = tuple(r.scalar("Q") for _ in range(n_dims))
        ttype = r.scalar("I")
        offset = r.scalar("Q")
        raw_tensors.append((name, dims, ttype, offset))
    alignment = kv.get("general.alignment", DEFAULT_ALIGNMENT)
    if not isinstance(alignment, int) or alignment <= 0:
        alignment = DEFAULT_ALIGNMENT
    data_offset = -(-r.pos // alignment) * alignment
    return _build_info(version, kv, raw_tensors, data_offset)


class _Reader:
    def __init__(self, buf: memoryview, pos: int, endian: str) -> None:
        self.buf, self.pos, self.e = buf, pos, endian

    def _need(self, n: int) -> None:
        if self.pos + n > len(self.buf):
            raise _Truncated(self.pos + n)

    def scalar(self, fmt: str) -> Any:
        size = struct.calcsize(fmt)
        self._need(size)
        (value,) = struct.unpack_from(self.e + fmt, self.buf, self.pos)
        self.pos += size
        return value

    def string(self) -> str:
        n = self.scalar("Q")
        self._need(n)
        raw = bytes(self.buf[self.pos : self.pos + n])
        self.pos += n
        return raw.decode("utf-8", errors="replace")

    def value(self, vtype: int) -> Any:
        if vtype in _SCALAR:
            return self.scalar(_SCALAR[vtype])
        if vtype == _STR:
            return self.string()
        if vtype == _ARR:
            itype = self.scalar("I")
            count = self.scalar("Q")
            if itype in _SCALAR:  # numbers: keep short arrays (per-layer values), skip long
                fmt = _SCALAR[itype]
                size = struct.calcsize(fmt) * count
                self._need(size)
                values = None
                if count <= _SHORT_ARRAY:
                    values = struct.unpack_from(f"{self.e}{count}{fmt}", self.buf, self.pos)
                self.pos += size
                return _Array(count, values)
            if itype == _STR:
                for _ in range(count):
                    n = self.scalar("Q")
                    self._need(n)
                    self.pos += n
                return _Array(count, None)
            if itype == _ARR:
                for _ in range(count):
                    self.value(_ARR)
                return _Array(count, None)
            raise GGUFFormatError(f"Unknown GGUF array item type {itype}.")
        raise GGUFFormatError(f"Unknown GGUF value type {vtype}.")


@dataclass(frozen=True)
class _Array:
    count: int
    values: tuple[Any, ...] | None  # kept for short numeric arrays only


def _ggml_sizes(ttype: int) -> tuple[str, int, int] | None:
    from gguf import GGML_QUANT_SIZES, GGMLQuantizationType

    try:
        qtype = GGMLQuantizationType(ttype)
    except ValueError:
        return None
    block, size = GGML_QUANT_SIZES[qtype]
    return qtype.name, block, size


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
    if isinstance(value, _Array) and value.values:
        ints = [v for v in value.values if isinstance(v, int) and not isinstance(v, bool)]
        return max(ints) if ints else None  # per-layer values: the largest
    return None


def _build_info(
    version: int,
    kv: Mapping[str, Any],
    raw_tensors: list[tuple[str, tuple[int, ...], int, int]],
    data_offset: int,
) -> GGUFInfo:
    arch_value = kv.get("general.architecture")
    arch = arch_value if isinstance(arch_value, str) else None

    def key(name: str) -> int | None:
        return _as_int(kv.get(f"{arch}.{name}")) if arch else None

    tensors = []
    for name, dims, ttype, offset in raw_tensors:
        n_elements = 1
        for d in dims:
            n_elements *= d
        sizes = _ggml_sizes(ttype)
        if sizes is None:
            raise GGUFFormatError(f"Tensor {name!r} has an unknown type {ttype}.")
        type_name, block, size = sizes
        tensors.append(
            TensorInfo(
                name, dims, type_name, n_elements, n_elements // block * size, data_offset + offset
            )
        )
    tokens = kv.get("tokenizer.ggml.tokens")
    vocab = tokens.count if isinstance(tokens, _Array) else None
    if vocab is None and arch:
        vocab = key("vocab_size")
    model_name = kv.get("general.name")
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
        split_count=_as_int(kv.get("split.count")),
        tensors=tuple(tensors),
        data_offset=data_offset,
        metadata={k: v for k, v in kv.items() if isinstance(v, str | int | float | bool)},
    )


# ---- a local file, with gguf.GGUFReader -------------------------------------------------
def read_local(path: Path) -> GGUFInfo:
    """The header of a GGUF on disk, read with the ``gguf`` package."""
    try:
        with path.open("rb") as f:
            magic = f.read(4)
    except OSError as exc:
        raise GGUFFormatError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    if magic != GGUF_MAGIC:
        raise GGUFFormatError(f"{path} is not a GGUF file (its first bytes are not 'GGUF').")
    from gguf import GGUFReader, GGUFValueType

    try:
        reader = GGUFReader(path)
    except (ValueError, OSError, KeyError, IndexError) as exc:
        raise GGUFFormatError(f"{path} is not a readable GGUF file: {exc}.") from exc
    kv: dict[str, Any] = {}
    for key, fld in reader.fields.items():
        if not fld.types:
            continue
        if fld.types[0] == GGUFValueType.ARRAY:
            count = len(fld.data)
            numeric = fld.types[-1] not in (GGUFValueType.STRING, GGUFValueType.ARRAY)
            values = tuple(fld.contents()) if numeric and count <= _SHORT_ARRAY else None
            kv[key] = _Array(count, values)
        else:
            kv[key] = fld.contents()
    version = kv.pop("GGUF.version", 3)
    kv.pop("GGUF.tensor_count", None)
    kv.pop("GGUF.kv_count", None)
    raw = [
        (
            t.name,
            tuple(int(d) for d in t.shape),
            int(t.tensor_type),
            int(t.data_offset) - int(reader.data_offset),
        )
        for t in reader.tensors
    ]
    return _build_info(int(version), kv, raw, int(reader.data_offset))


def read_local_header(path: Path, *, limit: int = PEEK_LIMIT) -> GGUFInfo:
    """The same facts as :func:`read_local`, reading only the header (fast on big vocabularies).

    ``gguf.GGUFReader`` builds an array per vocabulary entry (seconds for 150k tokens);
    scanning a folder of models uses this instead.
    """
    want = PEEK_INITIAL
    try:
        with path.open("rb") as f:
            buf = f.read(want)
            while True:
                try:
                    return parse_header(buf)
                except _Truncated as more:
                    if more.need > limit:
                        raise GGUFFormatError(
                            f"The header of {path} is larger than {human_bytes(limit)}."
                        ) from None
                    extra = f.read(max(more.need - len(buf), len(buf)))
                    if not extra:
                        raise GGUFFormatError(f"{path} ends inside its own header.") from None
                    buf += extra
    except OSError as exc:
        raise GGUFFormatError(f"Cannot read {path}: {exc.strerror or exc}.") from exc


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
    """Fetch the first ``initial`` bytes, more (doubling) while the header goes on."""
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
            return parse_header(bytes(buf))
        except _Truncated as more:
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
