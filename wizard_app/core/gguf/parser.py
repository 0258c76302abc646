"""The one GGUF header parser: metadata and tensor table, bounds-checked, no tensor data.

Both the local reader (a memory map) and the remote peek (the first bytes of a file
fetched with Range requests) use ``Parser``; on a partial buffer it raises
``NeedMore(bytes needed)`` so the caller can fetch more.
"""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass
from typing import Any

GGUF_MAGIC = b"GGUF"


@dataclass(frozen=True)
class Array:
    """A metadata array: its length, and its items when they are numbers."""

    count: int
    items: tuple[Any, ...] | None  # None for arrays of strings or nested arrays


@dataclass(frozen=True)
class Tensor:
    name: str
    shape: tuple[int, ...]
    type_name: str
    n_bytes: int
    data_offset: int  # absolute, in the file


class Corrupt(Exception):
    """The header does not parse; the message says where."""


class BadVersion(Corrupt):
    """A GGUF version this reader does not know."""


class NeedMore(Corrupt):
    """A partial buffer (``Parser(..., partial=True)``) ends before the header does."""

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
MIN_TENSOR_RECORD = 33


class Parser:
    """A bounds-checked reader of the GGUF header over a memory map.

    ``gguf.GGUFReader`` builds a numpy view for every item of every metadata array, which
    takes seconds for a 150k-token vocabulary (7 s measured here); the fit estimate needs
    the array lengths only, so this skips them. Type tables come from the ``gguf`` package.

    With ``partial`` the buffer is only the start of the file (a remote peek): running off
    its end raises ``NeedMore(bytes needed)`` instead of ``Corrupt``.
    """

    def __init__(self, buf: Any, size: int, *, partial: bool = False) -> None:
        self.buf = buf
        self.size = size
        self.partial = partial
        self.pos = 0
        self.order = "<"
        self.data_start = 0  # where the tensor data begins, once parsed

    def _short(self, need: int, message: str) -> Corrupt:
        return NeedMore(need) if self.partial else Corrupt(message)

    def take(self, n: int, what: str) -> int:
        start = self.pos
        if n < 0:
            raise Corrupt(f"{what} has a negative length")
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
                    return Array(count, None)
                items = tuple(x[0] for x in st.iter_unpack(self.buf[start : self.pos]))
                return Array(count, items)
            if count * 8 > self.size - self.pos:
                raise self._short(
                    self.pos + count * 8, f"{key} claims {count:,} items, more than the file holds"
                )
            for _ in range(count):
                if itype == _STRING:
                    self.skip_string(key)
                else:
                    self.value(itype, key)
            return Array(count, None)
        raise Corrupt(f"{key} has an unknown value type {vtype}")

    def parse(self) -> tuple[int, dict[str, Any], list[Tensor]]:
        from gguf import GGML_QUANT_SIZES, GGMLQuantizationType

        start = self.take(4, "the magic number")
        if bytes(self.buf[start : start + 4]) != GGUF_MAGIC:
            raise Corrupt("it does not start with 'GGUF'")
        version = self.scalar("I", "the version")
        if version & 0xFFFF == 0:  # written on a machine of the other byte order
            self.order = ">"
            self.pos = 4
            version = self.scalar("I", "the version")
        if version not in (2, 3):
            raise BadVersion(f"GGUF version {version} is not one this app reads (2 or 3)")
        n_tensors = self.scalar("Q", "the tensor count")
        n_kv = self.scalar("Q", "the metadata count")
        # The smallest metadata entry is over 8 bytes, a tensor record over 32: what the
        # file cannot hold is refused before anything is allocated for it.
        if n_kv * 8 + n_tensors * MIN_TENSOR_RECORD > self.size:
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
                raise Corrupt(f"tensor {name} has {n_dims} dimensions")
            dims = tuple(self.scalar("Q", name) for _ in range(n_dims))
            raw_type = self.scalar("I", name)
            offset = self.scalar("Q", name)
            infos.append((name, dims, raw_type, offset))
        alignment = meta.get("general.alignment", 32)
        if not isinstance(alignment, int) or alignment <= 0 or alignment & (alignment - 1):
            raise Corrupt(f"general.alignment {alignment!r} is not a power of two")
        data_start = -(-self.pos // alignment) * alignment
        tensors: list[Tensor] = []
        for name, dims, raw_type, offset in infos:
            try:
                qtype = GGMLQuantizationType(raw_type)
                block, type_size = GGML_QUANT_SIZES[qtype]
            except (ValueError, KeyError):
                raise Corrupt(f"tensor {name} has an unknown type {raw_type}") from None
            n_elements = math.prod(dims)
            if dims and dims[0] % block:
                raise Corrupt(f"tensor {name} rows of {dims[0]} do not fit {qtype.name} blocks")
            n_bytes = n_elements * type_size // block
            tensors.append(Tensor(name, dims, qtype.name, n_bytes, data_start + offset))
        self.data_start = data_start
        return version, meta, tensors
