"""The memory terms: KV cache, compute buffer, the process's overhead and the margins."""

from __future__ import annotations

from wizard_app.core.errors import InputError
from wizard_app.core.fit.repack import repacked_types
from wizard_app.core.fit.shape import ModelShape
from wizard_app.core.fit.state import layout_cache_bytes
from wizard_app.core.hardware.profile import GiB, GpuInfo, HardwareProfile

MiB = 1024**2

CACHE_TYPE_BYTES: dict[str, float] = {
    "f32": 4.0,
    "f16": 2.0,
    "bf16": 2.0,
    "q8_0": 34 / 32,
    "q5_1": 24 / 32,
    "q5_0": 22 / 32,
    "q4_1": 20 / 32,
    "q4_0": 18 / 32,
}

GPU_MARGIN_BYTES = 1 * GiB  # upstream llama.cpp --fit leaves 1 GiB free per device
# ... and a big card keeps a share of its memory: fragmentation, the driver, other programs.
GPU_MARGIN_SHARE = 0.04
RAM_MARGIN_BYTES = 512 * MiB
# The worker process beyond llama.cpp's buffers: 43-55 MiB resident before a model loads
# plus the vocabulary and Python objects (tests/benchmarks/bench_runtime.py --only memory,
# llama-cpp-python 0.3.36, Linux x86-64). ggml's f16 copy of the attention scores, which
# the earlier 80 MiB also absorbed at 4k context, is now its own term in the compute buffer.
CPU_OVERHEAD_BYTES = 50 * MiB
# ... for a 32k vocabulary. llama.cpp's vocabulary (token texts, scores, the text-to-id
# map) costs about 200 bytes per entry beyond that: Gemma 3's 262,144 entries peaked
# 46 MiB above the estimate without this term (bench_runtime.py --only realmemory).
VOCAB_BYTES_PER_ENTRY = 200
BASE_VOCAB = 32000


def process_overhead_bytes(shape: ModelShape) -> int:
    """The model process beyond llama.cpp's buffers: Python, libraries, the vocabulary."""
    return CPU_OVERHEAD_BYTES + max(0, (shape.vocab or BASE_VOCAB) - BASE_VOCAB) * (
        VOCAB_BYTES_PER_ENTRY
    )


GPU_CONTEXT_BYTES = {"nvidia": 400 * MiB, "amd": 400 * MiB, "intel": 300 * MiB}
DEFAULT_UBATCH = 512


def kv_cache_bytes(shape: ModelShape, context: int, cache_type: str = "f16") -> int:
    if shape.layout is not None:
        return layout_cache_bytes(shape, context, CACHE_TYPE_BYTES[cache_type])
    per_cell = shape.kv_heads * (shape.head_dim_k + shape.head_dim_v) * CACHE_TYPE_BYTES[cache_type]
    swa = shape.swa_layers
    full_cells = context * (shape.layers - swa)
    swa_cells = min(context, (shape.sliding_window or 0) + DEFAULT_UBATCH) * swa
    return int(per_cell * (full_cells + swa_cells))


def compute_buffer_bytes(
    shape: ModelShape, context: int, flash_attention: bool, *, resident: bool = False
) -> int:
    """llama.cpp's compute buffer for one micro-batch of a full context.

    ``resident=False``: what is allocated (a GPU reserves all of it). ``resident=True``:
    what a CPU run actually touches. The logits are reserved for a whole batch but only
    the last token's row is computed, and without flash attention ggml's CPU backend adds
    an f16 copy of the attention scores that llama.cpp's own buffer figure leaves out
    (both measured with tests/benchmarks/bench_runtime.py --only residual).
    """
    ub = DEFAULT_UBATCH
    scores = 0 if flash_attention else ub * context * shape.heads * 4
    logits = (1 if resident else ub) * (shape.vocab or 32000) * 4
    activations = ub * (shape.embedding * 4 + (shape.feed_forward or 4 * shape.embedding) * 2) * 4
    cpu_scores_copy = ub * context * shape.heads * 2 if resident and not flash_attention else 0
    return int(max(scores, logits) + activations + cpu_scores_copy)


def check_inputs(context: int, cache_type: str) -> None:
    if context < 64 or context > 10_000_000:
        raise InputError(
            f"A context of {context} tokens is out of range.", "Give 64 to 10,000,000 tokens."
        )
    if cache_type not in CACHE_TYPE_BYTES:
        raise InputError(
            f"Unknown KV cache type {cache_type!r}.",
            f"Use one of: {', '.join(CACHE_TYPE_BYTES)}.",
        )


def gpu_margin_bytes(gpu: GpuInfo) -> int:
    """Memory kept free on a card: 1 GiB, or a share of a big card."""
    return max(GPU_MARGIN_BYTES, int(GPU_MARGIN_SHARE * (gpu.memory_total_bytes or 0)))


def repacked_on(shape: ModelShape, hw: HardwareProfile) -> bool:
    """llama.cpp holds this model's CPU weights twice here (runtime.cpu_policy)."""
    types = repacked_types(True, hw.arch or "") if hw.arch else frozenset()
    quant = (shape.quant or "").upper()
    return any(quant.startswith(t) for t in types)
