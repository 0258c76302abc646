"""Recognising a load that failed for lack of memory, and what to try next.

Kept apart from ``placement`` (which needs the fit estimate and pydantic) so the worker
process starts quickly.
"""

from __future__ import annotations

import re

_OOM = re.compile(
    r"out of memory|failed to allocate|unable to allocate|cannot allocate|not enough memory|"
    r"insufficient memory|cudaMalloc failed|ErrorOutOfDeviceMemory|OutOfDeviceMemory|"
    r"failed to create buffer|alloc.*failed|bad_alloc",
    re.IGNORECASE,
)


def looks_out_of_memory(log_text: str) -> bool:
    """Whether llama.cpp's log of a failed load says it ran out of memory."""
    return bool(_OOM.search(log_text))


def gpu_layer_attempts(n_gpu_layers: int) -> list[int]:
    """The GPU layer counts to try in turn when loads fail for lack of memory.

    ``n`` itself, then three quarters, a half, a quarter and none: each failed attempt
    costs a partial load, so a few large steps beat many small ones.
    """
    if n_gpu_layers == 0:
        return [0]
    if n_gpu_layers < 0:  # "all": the layer count is not known here
        return [n_gpu_layers, 0]
    n = n_gpu_layers
    steps = [n, n * 3 // 4, n // 2, n // 4, 0]
    out: list[int] = []
    for s in steps:
        if s not in out:
            out.append(s)
    return out
