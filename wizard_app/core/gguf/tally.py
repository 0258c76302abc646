"""A GGUF model's tensors summed per block and role: the bytes a fit and a split need."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from wizard_app.core.errors import InputError
from wizard_app.core.gguf.parser import Tensor


@dataclass
class Tally:
    """Tensor bytes and parameters, summed per role."""

    layer_bytes: list[int]
    output_bytes: int = 0
    token_embd_bytes: int = 0
    expert_bytes: int = 0
    total: int = 0
    layer_params: int = 0
    output_params: int = 0
    embd_params: int = 0
    dominant: str = "F32"  # the type holding most matrix bytes


def tally_tensors(
    tensors: list[Tensor], block_count: int, path: Path, shard_end: int | None
) -> Tally:
    """Sum the tensors per block and role; ``shard_end`` rejects one past the file's end."""
    tally = Tally(layer_bytes=[0] * block_count)
    by_type: dict[str, int] = {}
    for t in tensors:
        n = t.n_bytes
        if shard_end is not None and t.data_offset + n > shard_end:
            raise InputError(
                f"{path.name} is truncated: tensor {t.name} ends at byte "
                f"{t.data_offset + n:,} but the file has {shard_end:,}.",
                "Download it again.",
            )
        tally.total += n
        elems = math.prod(t.shape)
        if len(t.shape) >= 2:
            by_type[t.type_name] = by_type.get(t.type_name, 0) + n
        if t.name.startswith("blk."):
            idx_text = t.name.split(".", 2)[1]
            if idx_text.isdigit() and int(idx_text) < block_count:
                tally.layer_bytes[int(idx_text)] += n
                tally.layer_params += elems
            if "_exps." in t.name:
                tally.expert_bytes += n
        elif t.name == "output.weight":
            tally.output_bytes = n
            tally.output_params = elems
        elif t.name == "token_embd.weight":
            tally.token_embd_bytes = n
            tally.embd_params = elems
    if not tensors:
        raise InputError(f"{path.name} has no tensors; it is not a model.", "Download it again.")
    if by_type:
        tally.dominant = max(by_type, key=lambda k: by_type[k])
    return tally


def block_index(name: str) -> str | None:
    """``N`` of a ``blk.N.*`` tensor name, if it has one."""
    if not name.startswith("blk."):
        return None
    idx = name.split(".", 2)[1]
    return idx if idx.isdigit() and len(idx) < 10 else None
