"""How llama.cpp splits offloaded layers across devices, reproduced exactly.

With ``-ngl`` = blocks + 1 (the app's N blocks with the output head, see
``runtime/offload.py``) llama.cpp has N + 1 slots: the blocks in order, then the
output. It sums the devices' shares (free memory, or ``--tensor-split``) in float32,
normalises them, and gives slot ``j`` to the first device whose cumulative share is
above ``j / (N + 1)`` (``load_tensors`` in src/llama-model.cpp). No slot spans two
devices.
"""

from __future__ import annotations

import bisect
import struct
from collections.abc import Sequence


def _f32(x: float) -> float:
    return float(struct.unpack("f", struct.pack("f", x))[0])


def assign_slots(shares: Sequence[float], n_slots: int) -> list[int]:
    """The device of each offloaded slot (blocks, then the output), as llama.cpp computes
    it: float32 cumulative shares, slot ``j`` to the first share above ``j / n_slots``.
    ``shares`` must have a positive sum."""
    total = 0.0
    bounds = []
    for f in shares:
        total = _f32(total + _f32(f))
        bounds.append(total)
    bounds = [_f32(b / total) for b in bounds]
    n_slots_f = _f32(n_slots)
    return [
        min(bisect.bisect_right(bounds, _f32(_f32(j) / n_slots_f)), len(shares) - 1)
        for j in range(n_slots)
    ]


def split_blocks(shares: Sequence[float], blocks: int) -> tuple[list[int], int]:
    """Blocks per device for ``blocks`` offloaded blocks with the output head, and the
    device the output head goes to."""
    slots = assign_slots(shares, blocks + 1)
    return [slots[:blocks].count(i) for i in range(len(shares))], slots[blocks]
