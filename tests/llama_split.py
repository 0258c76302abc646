"""llama.cpp's placement of layers on devices, transcribed for the tests to check against."""

from __future__ import annotations


def llama_cpp_devices(n_layer: int, ngl: int, shares: list[float]) -> list[int | None]:
    """llama.cpp's load_tensors, transcribed: the device of each block and then the output
    head (None: the CPU), for -ngl ``ngl`` (src/llama-model.cpp, as vendored by
    llama-cpp-python 0.3.36)."""
    import bisect

    import numpy as np

    cum = np.cumsum(np.array(shares, dtype=np.float32), dtype=np.float32)
    splits = (cum / cum[-1]).astype(np.float32)
    i_gpu_start = max(n_layer + 1 - ngl, 0)
    act = min(ngl, n_layer + 1)
    out: list[int | None] = []
    for il in range(n_layer + 1):
        if il < i_gpu_start or il - i_gpu_start >= act:
            out.append(None)
        else:
            x = np.float32(il - i_gpu_start) / np.float32(act)
            out.append(bisect.bisect_right(list(splits), x))
    return out
