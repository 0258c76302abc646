"""Will this model run here? Memory and speed estimate for (model, quant, context, hardware).

The estimate follows how llama.cpp allocates:

* weights: the GGUF tensors (the file size), split per layer between GPU and CPU;
* KV cache: per layer, context x KV heads x (key + value head dimension) x bytes of the
  cache type; sliding-window layers keep only the window plus one batch of cells;
* compute buffer: the peak of llama.cpp's graph for one micro-batch (the attention scores
  without flash attention, or the logits), plus the feed-forward activations;
* fixed overhead: the runtime itself, and a device context on a GPU.

Layers are placed on the GPU from the top while they fit under a safety margin (llama.cpp's
own ``--fit`` keeps 1 GiB free per device), the rest stay in system RAM.

Generation speed is memory-bound: every token reads the active weights and the KV cache
once, so tokens/s ~ efficiency x bandwidth / bytes read per token.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Literal

from pydantic import BaseModel

from wizard_app.core.catalog.quants import bits_per_weight
from wizard_app.core.catalog.schema import Variant
from wizard_app.core.errors import InputError
from wizard_app.core.hardware.bandwidth import lookup_bandwidth
from wizard_app.core.hardware.profile import GiB, GpuInfo, HardwareProfile
from wizard_app.core.runtime.cpu_policy import repacked_types

MiB = 1024**2

Verdict = Literal["gpu", "split", "cpu", "no_fit"]
VERDICT_TEXT: dict[str, str] = {
    "gpu": "fits on the GPU",
    "split": "split between GPU and CPU",
    "cpu": "runs on the CPU only",
    "no_fit": "does not fit",
}

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
CPU_EFFICIENCY = 0.6
# Fixed cost of one generated token beyond reading memory (graph build, sampling, thread
# sync, the worker's IPC): a 0.4 MB generated model streams 2,100-3,100 tokens/s through
# the worker with 2 threads here (tests/benchmarks/bench_gui_stalls.py), so about 0.3 ms.
MIN_SECONDS_PER_TOKEN = 0.0003
# Without a measured profile: the per-layer and per-vocabulary costs of a generated token
# as runtime.machine_profile measured them on the reference machine, 2 threads,
# llama-cpp-python 0.3.36.
REFERENCE_CPU = "Xeon with AVX-512 and AMX (2 cores)"
# Measured 2026-12-01 (tests/benchmarks/bench_runtime.py --only prediction): 43 us per
# layer, 5.9 ns per vocabulary entry per token.
REFERENCE_SECONDS_PER_LAYER = 43e-6
REFERENCE_SECONDS_PER_VOCAB = 5.9e-9
GPU_EFFICIENCY = 0.7
# Share of the bandwidth a GPU reaches on 16-bit weights: plain loads stream better than
# the dequantising k-quant kernels (an RTX 4090 reads an 8B model at F16 at 87% of its
# 1,008 GB/s, at Q4_K_M at 64%; tests/benchmarks/speed_truth.csv). Linear in between.
GPU_EFFICIENCY_F16 = 0.85
# Mixture of experts: each expert layer costs a fixed time on a GPU beyond its active
# bytes (the router, the top-k selection, the gathered expert matrices: more kernels and
# a sync). Set from one row of tests/benchmarks/speed_truth.csv (M2 Ultra, Qwen3
# 30B-A3B Q8_0: 67 us a layer); held out, the RTX 4090 with Qwen3 and gpt-oss 20B and
# the RX 7900 XT with Qwen3 imply 70, 86 and 59 us.
GPU_SECONDS_PER_MOE_LAYER = 0.00007
# Fixed cost of one token on a GPU beyond reading memory: kernel launches and the sync
# with the host. Small models on fast cards are bound by it (a 0.67 GB 1.1B model makes
# 424 tokens/s on an RTX 2080 Ti, 762 on an RTX 4090).
GPU_SECONDS_PER_TOKEN = 0.0002
# Metal encodes each layer's kernels on the host: about 0.1 ms a layer on M-series
# chips (a 1.1B model of 22 layers makes 243 tokens/s on an M1 Ultra of 800 GB/s).
GPU_SECONDS_PER_LAYER = {"apple": 0.00008}
# Each further device in a layer split passes the activations on once per token.
GPU_SECONDS_PER_DEVICE = 0.0002
# Apple GPUs dequantise k-quants on the same ALUs that do the dot products, and their
# ALUs are few for their bandwidth: a generated token costs about this many peak
# floating-point operations per quantised weight (set from one row of
# tests/benchmarks/speed_truth.csv, the M1 Max with Llama 3 8B Q4_K_M: 35.7 tokens/s at
# 10.4 TFLOPS; held out: the other M1 Max, M1 Ultra and M3 Max rows). A k-quant on an
# M1 Max is bound by this, not by its 400 GB/s.
GPU_ALU_OPS_PER_WEIGHT = 35.0
# Prompt processing is bound by the matrix units: tokens/s ~ efficiency x 16-bit matrix
# throughput (resources/gpu_bandwidth.yaml, fp16_tflops) / FLOPs per token. NVIDIA's
# figure is the tensor-core one, Apple's the GPU's ALU rate. The shares were set from 8
# rows of tests/benchmarks/speed_truth.csv (Llama 3 8B at F16 and Q4_K_M on one RTX 3090,
# 4080 and 4090 and on an M1 Max, llama.cpp of 2024: NVIDIA 0.46-0.60 at F16, Apple
# 0.80); every other row is held out.
PROMPT_EFFICIENCY = {"nvidia": 0.5, "apple": 0.8}
PROMPT_EFFICIENCY_DEFAULT = 0.5
# Quantised weights are dequantised (or the activations quantised) on the way: 0.78-0.90x
# the 16-bit rate on the same rows (M1 Max 0.79, RTX 3090 0.90, RTX 4090 0.77).
PROMPT_QUANT_FACTOR = 0.8
PROMPT_TOKENS = 512  # llama-bench's pp512: the average token attends to half of it
# Typical bandwidth when a GPU's own figure is unknown (GB/s), by vendor and kind.
DEFAULT_GPU_BANDWIDTH_GBS = {"nvidia": 360.0, "amd": 360.0, "intel": 250.0, "apple": 100.0}
DEFAULT_INTEGRATED_BANDWIDTH_GBS = 50.0

# Architectures whose sliding-window layers llama.cpp runs with a window-sized cache:
# arch -> period; in each period of layers all but one use the window. gpt-oss alternates
# a 128-token window with full attention (config.json layer_types, as summarised in
# https://github.com/EchoCog/gpt-oss-20b/blob/main/docs/gpt-oss-20b-architecture.md).
SWA_PERIOD: dict[str, int] = {
    "gemma2": 2,
    "gemma3": 6,
    "cohere2": 4,
    "gemma3n": 5,
    "gpt-oss": 2,
}

CONTEXT_STEPS = (2048, 4096, 8192, 16384, 32768, 65536, 131072)


@dataclass(frozen=True)
class ModelShape:
    """What the estimate needs to know about one GGUF model."""

    arch: str
    layers: int
    embedding: int
    heads: int
    kv_heads: int
    head_dim_k: int
    head_dim_v: int
    trained_context: int
    weights_bytes: int
    sliding_window: int | None = None
    vocab: int | None = None
    feed_forward: int | None = None
    layer_bytes: tuple[int, ...] | None = None  # per block, exact from a GGUF header
    output_bytes: int | None = None  # output head (goes to the GPU with the last layer)
    active_fraction: float = 1.0  # mixture of experts: share of weights read per token
    source: str = "catalog"
    quant: str | None = None  # the file's quant label (Q4_K_M...)
    params_per_token: int | None = None  # exact from a GGUF header
    total_params: int | None = None  # from the catalog: a mixture of experts' shapes hide it

    @property
    def bytes_per_token(self) -> int:
        """Weights one generated token reads: every block and the output head, but of the
        token embeddings only one row (unless the head is tied to them)."""
        if self.layer_bytes is not None and self.output_bytes is not None:
            return sum(self.layer_bytes) + self.output_bytes
        return self.weights_bytes - self.non_layer_bytes() // 2

    @property
    def is_float(self) -> bool:
        return (self.quant or "").upper() in ("F16", "BF16", "F32")

    @property
    def weights_per_token(self) -> float:
        """Weights (not bytes) one generated token multiplies: a CPU's compute is per weight."""
        if self.params_per_token:
            return self.params_per_token
        try:
            bpw = bits_per_weight(self.quant or "")
        except KeyError:
            bpw = 8 * self.weights_bytes / max(1, self._param_guess())
        return self.bytes_per_token * 8 / bpw

    @property
    def swa_layers(self) -> int:
        if not self.sliding_window:
            return 0
        period = SWA_PERIOD.get(self.arch)
        if period is None:
            return 0
        return self.layers - self.layers // period

    def per_layer_weights(self) -> tuple[int, ...]:
        if self.layer_bytes is not None:
            return self.layer_bytes
        return (self.uniform_layer_bytes,) * self.layers

    @cached_property
    def uniform_layer_bytes(self) -> int:
        """Weights of one block when only the total is known."""
        return max(0, self.weights_bytes - self.non_layer_bytes()) // self.layers

    @cached_property
    def default_output_bytes(self) -> int:
        if self.output_bytes is not None:
            return self.output_bytes
        return self.non_layer_bytes() // 2

    def non_layer_bytes(self) -> int:
        """Token embeddings and output head."""
        if self.layer_bytes is not None:
            return max(0, self.weights_bytes - sum(self.layer_bytes))
        if self.vocab is None:
            return 0
        bpw = 8 * self.weights_bytes / max(1, self._param_guess())
        return int(2 * self.vocab * self.embedding * bpw / 8)

    def _param_guess(self) -> int:
        """Parameter count implied by the shapes (for the share of embeddings)."""
        if self.total_params:
            return self.total_params
        attn = self.embedding * (self.heads * self.head_dim_k) * 2 + self.embedding * (
            self.kv_heads * (self.head_dim_k + self.head_dim_v)
        )
        ffn = 3 * self.embedding * (self.feed_forward or 4 * self.embedding)
        return self.layers * (attn + ffn) + 2 * (self.vocab or 0) * self.embedding


def shape_from_variant(variant: Variant, quant: str) -> ModelShape:
    """The shape from catalog facts, before anything is downloaded."""
    arch = variant.architecture
    if arch is None:
        raise InputError(
            f"{variant.id} has no architecture facts in the catalog, so its memory cannot "
            "be estimated.",
            f"{variant.no_gguf_reason or ''} Try {variant.alternative or 'another model'}.",
        )
    artifact = variant.artifact(quant)
    if artifact is None:
        known = ", ".join(a.quant for a in variant.artifacts) or "none"
        raise InputError(
            f"{variant.id} has no {quant.upper()} file in the catalog.",
            f"Choose one of: {known}.",
        )
    size = artifact.approx_size_bytes
    if size is None:
        size = int(variant.parameters.total_b * 1e9 * bits_per_weight(artifact.quant) / 8)
    params = variant.parameters
    active = params.active_b / params.total_b if params.active_b else 1.0
    head_dim = arch.effective_head_dim
    return ModelShape(
        arch=arch.arch,
        layers=arch.layers,
        embedding=arch.embedding,
        heads=arch.heads,
        kv_heads=arch.kv_heads,
        head_dim_k=head_dim,
        head_dim_v=head_dim,
        trained_context=arch.context,
        weights_bytes=size,
        sliding_window=arch.sliding_window,
        vocab=arch.vocab,
        feed_forward=arch.feed_forward,
        active_fraction=active,
        source="catalog",
        quant=artifact.quant,
        total_params=int(params.total_b * 1e9),
    )


class ContextPoint(BaseModel):
    context: int
    total_bytes: int
    kv_bytes: int
    verdict: Verdict


class FitEstimate(BaseModel):
    context: int
    cache_type: str
    flash_attention: bool
    weights_bytes: int
    kv_bytes: int
    compute_bytes: int
    overhead_bytes: int
    total_bytes: int
    layers: int
    gpu_layers: int
    gpu_bytes: int
    cpu_bytes: int
    gpu_budget_bytes: int
    ram_budget_bytes: int
    verdict: Verdict
    headroom_bytes: int
    tokens_per_s: float | None
    speed_assumption: str
    curve: list[ContextPoint]
    notes: list[str]
    source: str
    gpu_split: list[int] = []  # layers per GPU when several share the model
    prompt_tokens_per_s: float | None = None

    @property
    def fits(self) -> bool:
        return self.verdict != "no_fit"

    @property
    def verdict_text(self) -> str:
        return VERDICT_TEXT[self.verdict]


def kv_cache_bytes(shape: ModelShape, context: int, cache_type: str = "f16") -> int:
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


def _check_inputs(context: int, cache_type: str) -> None:
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


def gpu_bandwidth(gpu: GpuInfo, hw: HardwareProfile) -> tuple[float, str, bool]:
    """Bandwidth of one GPU (GB/s), how it is known, and whether it was assumed.

    Given or detected first, then the published figure for the card's name
    (resources/gpu_bandwidth.yaml), then system RAM for an integrated GPU, then a
    typical figure for the vendor (which the Assumptions then name).
    """
    if gpu.bandwidth_gbs:
        return gpu.bandwidth_gbs, f"{gpu.name} at {gpu.bandwidth_gbs:g} GB/s", False
    cores = hw.cpu.physical_cores if gpu.vendor == "apple" else None
    row = lookup_bandwidth(gpu.name, cpu_cores=cores)
    if row is not None and row.vendor == gpu.vendor:
        return row.bandwidth_gbs, f"{gpu.name} at {row.bandwidth_gbs:g} GB/s (published)", False
    if gpu.kind == "integrated":
        bw = hw.effective_ram_bandwidth_gbs
        return bw, f"integrated GPU sharing system memory at {bw:g} GB/s", False
    bw = DEFAULT_GPU_BANDWIDTH_GBS.get(gpu.vendor, DEFAULT_INTEGRATED_BANDWIDTH_GBS)
    return bw, f"{gpu.name} bandwidth unknown, assumed {bw:g} GB/s", True


def gpu_tflops(gpu: GpuInfo) -> float | None:
    """The card's published dense 16-bit matrix throughput (TFLOPS), or None if unknown."""
    row = lookup_bandwidth(gpu.name)
    if row is None or row.vendor != gpu.vendor:
        return None
    return row.fp16_tflops


def prompt_flops_per_token(shape: ModelShape, prompt: int = PROMPT_TOKENS) -> float:
    """Floating-point operations of one prompt token: two per active weight, plus the
    attention scores and their weighted sum over, on average, half the prompt."""
    attention = 4 * shape.layers * (prompt / 2) * shape.heads * shape.head_dim_k
    return 2 * shape.weights_per_token * shape.active_fraction + attention


def prompt_tokens_per_s(
    shape: ModelShape, hw: HardwareProfile, n_gpu: int, split: tuple[int, ...] = ()
) -> float | None:
    """Prompt processing speed (tokens/s, as llama-bench's pp512), or None when the
    throughput of a device that holds layers is unknown.

    Compute-bound: a batch of prompt tokens multiplies every weight it reads many times.
    The GPU layers run at a share of the card's published 16-bit matrix throughput, the
    CPU layers at the matrix rate measured on this CPU (``hw.compute.matmul_gflops``);
    llama.cpp processes one micro-batch device after device, so the times add up.
    """
    flops = prompt_flops_per_token(shape)
    quant = 1.0 if shape.is_float else PROMPT_QUANT_FACTOR
    seconds = 0.0
    cpu_layers = shape.layers - n_gpu
    if cpu_layers:
        prof = hw.compute
        if prof is None or prof.matmul_gflops <= 0:
            return None
        seconds += flops * cpu_layers / shape.layers / (prof.matmul_gflops * 1e9)
    counts = split or ((n_gpu,) if n_gpu else ())
    for gpu, count in zip(hw.offload_gpus, counts, strict=False):
        if not count:
            continue
        tflops = gpu_tflops(gpu)
        if tflops is None:
            return None
        eff = PROMPT_EFFICIENCY.get(gpu.vendor, PROMPT_EFFICIENCY_DEFAULT) * quant
        seconds += flops * count / shape.layers / (tflops * 1e12 * eff)
    return round(1 / seconds, 1) if seconds else None


def _gpu_bandwidth(hw: HardwareProfile) -> tuple[float, str]:
    gpu = hw.best_gpu
    assert gpu is not None
    bw, text, _ = gpu_bandwidth(gpu, hw)
    return bw, text


def _split_counts(weights: list[float], n: int) -> list[int]:
    """Offloaded layers per device, as llama.cpp splits them by the devices' free memory.

    Layer j of the n offloaded ones goes to the first device whose cumulative share of
    the memory exceeds j / n, so no layer spans two cards.
    """
    total = sum(weights)
    counts, done, cum = [], 0, 0.0
    for i, w in enumerate(weights):
        cum += w / total
        upto = n if i == len(weights) - 1 else min(n, math.ceil(cum * n - 1e-9))
        counts.append(max(0, upto - done))
        done = max(done, upto)
    return counts


def _device_loads(
    shape: ModelShape, n: int, counts: list[int], per_layer_extra: float, fixed: list[int]
) -> list[float]:
    """Bytes on each device when the last ``n`` layers are split ``counts`` ways."""
    layers = shape.layers
    loads: list[float] = []
    start = layers - n
    last_used = max((i for i, c in enumerate(counts) if c), default=-1)
    for i, c in enumerate(counts):
        if not c:
            loads.append(0.0)
            continue
        if shape.layer_bytes is None:
            w: float = shape.uniform_layer_bytes * c
        else:
            w = sum(shape.layer_bytes[start : start + c])
        start += c
        out = shape.default_output_bytes if i == last_used else 0
        loads.append(w + per_layer_extra * c + out + fixed[i])
    return loads


def _place_multi(
    shape: ModelShape,
    devices: list[GpuInfo],
    budgets: list[int],
    fixed: list[int],
    kv_per_layer: float,
    forced: int | None,
) -> tuple[int, list[int], list[float]]:
    """The most layers that fit across several GPUs (or ``forced``), with the split."""
    weights = [float(g.usable_bytes or 0) for g in devices]

    def loads_for(n: int) -> tuple[list[int], list[float]]:
        counts = _split_counts(weights, n)
        return counts, _device_loads(shape, n, counts, kv_per_layer, fixed)

    def fits(n: int) -> bool:
        _, loads = loads_for(n)
        return all(load <= b for load, b in zip(loads, budgets, strict=True))

    if forced is not None:
        n = min(forced, shape.layers)
    else:
        lo, hi = 0, shape.layers  # fits(0) holds: nothing is placed
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if fits(mid):
                lo = mid
            else:
                hi = mid - 1
        n = lo
        while n and not fits(n):  # the proportional split is not exactly monotone
            n -= 1
    counts, loads = loads_for(n)
    return n, counts, loads


@dataclass(frozen=True, slots=True)
class Placement:
    """The numbers of an estimate, without the words: cheap enough to rank thousands."""

    context: int
    kv_bytes: int
    compute_bytes: int
    total_bytes: int
    gpu_layers: int
    gpu_bytes: int
    cpu_bytes: int
    gpu_budget_bytes: int
    ram_budget_bytes: int
    ram_need_bytes: int
    verdict: Verdict
    headroom_bytes: int
    tokens_per_s: float | None
    gpu_split: tuple[int, ...] = ()  # layers per GPU when several share the model
    prompt_tokens_per_s: float | None = None

    @property
    def fits(self) -> bool:
        return self.verdict != "no_fit"


def place(
    shape: ModelShape,
    hw: HardwareProfile,
    context: int = 4096,
    *,
    cache_type: str = "f16",
    flash_attention: bool = False,
    gpu_layers: int | None = None,
) -> Placement:
    """Memory terms, GPU layer placement, verdict and speed for one configuration.

    ``gpu_layers`` forces a number of offloaded layers; ``None`` places as many as fit.
    """
    _check_inputs(context, cache_type)
    kv = kv_cache_bytes(shape, context, cache_type)
    compute = compute_buffer_bytes(shape, context, flash_attention)
    compute_cpu = compute_buffer_bytes(shape, context, flash_attention, resident=True)
    layers = shape.layers
    kv_per_layer = kv / layers
    output = shape.default_output_bytes

    devices = hw.offload_gpus
    gpu = devices[0] if devices else None
    gpu_budget = gpu_fixed = gpu_context = 0
    if gpu is not None:
        gpu_context = GPU_CONTEXT_BYTES.get(gpu.vendor, 0)
        gpu_fixed = gpu_context + compute
        gpu_budget = max(0, (gpu.usable_bytes or 0) - gpu_margin_bytes(gpu))
    ram_budget = max(0, hw.ram_bytes_for_models - RAM_MARGIN_BYTES)
    if gpu_layers is not None and gpu_layers < 0:
        raise InputError("GPU layers cannot be negative.", "Give 0 or more, or 'auto'.")

    # Several GPUs: llama.cpp splits whole layers by free memory; each card holds its
    # own device context and compute buffer and keeps its own margin.
    split: tuple[int, ...] = ()
    used_devices = 1
    devices_fit = True
    device_headroom = 0
    if len(devices) > 1:
        budgets = [max(0, (g.usable_bytes or 0) - gpu_margin_bytes(g)) for g in devices]
        contexts = [GPU_CONTEXT_BYTES.get(g.vendor, 0) for g in devices]
        fixed = [c + compute for c in contexts]
        n_gpu, counts, loads = _place_multi(
            shape, devices, budgets, fixed, kv_per_layer, gpu_layers
        )
        split = tuple(counts)
        busy = [i for i, c in enumerate(counts) if c]
        used_devices = max(1, len(busy))
        gpu_budget = sum(budgets)
        gpu_fixed = sum(fixed[i] for i in busy)
        gpu_context = sum(contexts[i] for i in busy)
        devices_fit = all(loads[i] <= budgets[i] for i in busy)
        device_headroom = int(min((budgets[i] - loads[i] for i in busy), default=0))
    elif gpu_layers is not None:
        n_gpu = min(gpu_layers, layers if gpu is not None else 0)
    elif gpu is None:
        n_gpu = 0
    elif shape.layer_bytes is None:
        # Uniform layers: as many as fit after the fixed part and the output head.
        per_layer = shape.uniform_layer_bytes + kv_per_layer
        room = gpu_budget - gpu_fixed - output
        n_gpu = 0 if room < per_layer else min(layers, int(room // per_layer))
    else:
        n_gpu = 0
        used: float = gpu_fixed
        layer_w = shape.layer_bytes
        for i in range(layers):
            # llama.cpp offloads the last layers first; the output head goes with the last.
            extra = layer_w[-1 - i] + kv_per_layer + (output if i == 0 else 0)
            if used + extra > gpu_budget:
                break
            used += extra
            n_gpu = i + 1

    if not n_gpu:
        on_gpu = 0
    elif shape.layer_bytes is None:
        on_gpu = shape.uniform_layer_bytes * n_gpu
    else:
        on_gpu = sum(shape.layer_bytes[layers - n_gpu :])
    gpu_bytes = int(on_gpu + kv_per_layer * n_gpu + output + gpu_fixed) if n_gpu else 0
    cpu_weights = shape.weights_bytes - (on_gpu + output if n_gpu else 0)
    # With every layer on the GPU the CPU keeps only a small buffer for the embeddings.
    cpu_compute = compute_cpu if n_gpu < layers else compute_cpu // 4
    # On ARM llama.cpp keeps repacked copies of some weight types beside the mapped file
    copies = cpu_weights if repacked_on(shape, hw) else 0
    overhead = process_overhead_bytes(shape)
    cpu_bytes = int(cpu_weights + copies + kv_per_layer * (layers - n_gpu) + cpu_compute + overhead)
    used_compute = compute if n_gpu else compute_cpu
    total = int(shape.weights_bytes + copies + kv + used_compute + overhead)
    if n_gpu:
        total += gpu_context + compute * (used_devices - 1)
    # Unified memory is one pool: the GPU's share comes out of the same RAM.
    ram_need = gpu_bytes + cpu_bytes if hw.unified_memory else cpu_bytes
    fits_ram = ram_need <= ram_budget
    fits_gpu = gpu_bytes <= gpu_budget and devices_fit
    verdict: Verdict
    if not fits_gpu or not fits_ram:
        verdict = "no_fit"
    elif n_gpu == layers:
        verdict = "gpu"
    elif n_gpu > 0:
        verdict = "split"
    else:
        verdict = "cpu"
    headroom = ram_budget - ram_need
    if n_gpu:
        headroom = min(headroom, device_headroom if split else gpu_budget - gpu_bytes)
    tps = None if verdict == "no_fit" else _tokens_per_s(shape, hw, kv, n_gpu, split=split)
    pps = None if verdict == "no_fit" else prompt_tokens_per_s(shape, hw, n_gpu, split)
    return Placement(
        context=context,
        kv_bytes=kv,
        compute_bytes=used_compute,
        total_bytes=total,
        gpu_layers=n_gpu,
        gpu_bytes=gpu_bytes,
        cpu_bytes=cpu_bytes,
        gpu_budget_bytes=gpu_budget,
        ram_budget_bytes=ram_budget,
        ram_need_bytes=ram_need,
        verdict=verdict,
        headroom_bytes=int(headroom),
        tokens_per_s=tps,
        gpu_split=split,
        prompt_tokens_per_s=pps,
    )


def repacked_on(shape: ModelShape, hw: HardwareProfile) -> bool:
    """llama.cpp holds this model's CPU weights twice here (runtime.cpu_policy)."""
    types = repacked_types(True, hw.arch or "") if hw.arch else frozenset()
    quant = (shape.quant or "").upper()
    return any(quant.startswith(t) for t in types)


def estimate(
    shape: ModelShape,
    hw: HardwareProfile,
    context: int = 4096,
    *,
    cache_type: str = "f16",
    flash_attention: bool = False,
    gpu_layers: int | None = None,
    with_curve: bool = True,
) -> FitEstimate:
    """``place`` with the assumptions, notes and memory-by-context curve spelled out."""
    p = place(
        shape,
        hw,
        context,
        cache_type=cache_type,
        flash_attention=flash_attention,
        gpu_layers=gpu_layers,
    )
    notes: list[str] = []
    if context > shape.trained_context:
        notes.append(
            f"{context} tokens is beyond the {shape.trained_context} the model was trained "
            "for; quality may drop."
        )
    if p.verdict == "no_fit":
        short = max(p.ram_need_bytes - p.ram_budget_bytes, p.gpu_bytes - p.gpu_budget_bytes)
        notes.append(f"Needs about {short / GiB:.1f} GiB more memory than is available.")
    curve = _curve(shape, hw, context, cache_type, flash_attention) if with_curve else []
    # model_construct: every field is computed here, validation would only cost time
    return FitEstimate.model_construct(
        context=context,
        cache_type=cache_type,
        flash_attention=flash_attention,
        weights_bytes=shape.weights_bytes,
        kv_bytes=p.kv_bytes,
        compute_bytes=p.compute_bytes,
        overhead_bytes=process_overhead_bytes(shape),
        total_bytes=p.total_bytes,
        layers=shape.layers,
        gpu_layers=p.gpu_layers,
        gpu_bytes=p.gpu_bytes,
        cpu_bytes=p.cpu_bytes,
        gpu_budget_bytes=p.gpu_budget_bytes,
        ram_budget_bytes=p.ram_budget_bytes,
        verdict=p.verdict,
        headroom_bytes=p.headroom_bytes,
        tokens_per_s=p.tokens_per_s,
        speed_assumption=speed_assumption(shape, hw, p),
        curve=curve,
        notes=notes,
        source=shape.source,
        gpu_split=list(p.gpu_split),
        prompt_tokens_per_s=p.prompt_tokens_per_s,
    )


def _tokens_per_s(
    shape: ModelShape,
    hw: HardwareProfile,
    kv: int,
    n_gpu: int,
    *,
    split: tuple[int, ...] = (),
) -> float | None:
    # Each token reads the active weights once (of the token embeddings one row) and, on
    # average, half of a full KV cache.
    read = shape.bytes_per_token * shape.active_fraction + kv / 2
    seconds = cpu_seconds_per_token(shape, hw, kv, n_gpu)
    if n_gpu:
        seconds += _gpu_seconds(shape, hw, read, n_gpu, split)
    return round(1 / seconds, 1)


def cpu_seconds_per_token(shape: ModelShape, hw: HardwareProfile, kv: int, n_gpu: int) -> float:
    """The CPU's part of one generated token (all of it without a GPU).

    Reading the CPU layers' weights at the memory bandwidth, plus what bandwidth leaves
    out and decides a small model's pace: a cost per layer (graph nodes, thread
    synchronisation) and per vocabulary entry (logits, sampling). With a measured
    ``hw.compute`` profile every term is this machine's own; without one, the bandwidth
    is the assumed figure at ``CPU_EFFICIENCY`` and the other terms the ones measured on
    the reference machine (``REFERENCE_CPU``).
    """
    cpu_layers = shape.layers - n_gpu
    share = cpu_layers / shape.layers
    read = (shape.bytes_per_token * shape.active_fraction + kv / 2) * share
    vocab = (shape.vocab or 32000) if n_gpu < shape.layers else 0
    prof = hw.compute
    if prof is not None:
        # bound by memory or by the dot products, whichever is slower on this CPU
        rate = prof.weights_per_s_f16 if shape.is_float else prof.weights_per_s
        weights = shape.weights_per_token * shape.active_fraction * share
        return (
            max(read / (prof.bandwidth_gbs * 1e9), weights / rate)
            + cpu_layers * prof.seconds_per_layer
            + vocab * prof.seconds_per_vocab
            + prof.seconds_per_token
        )
    return (
        read / (hw.effective_ram_bandwidth_gbs * 1e9 * CPU_EFFICIENCY)
        + cpu_layers * REFERENCE_SECONDS_PER_LAYER
        + vocab * REFERENCE_SECONDS_PER_VOCAB
        + MIN_SECONDS_PER_TOKEN
    )


def gpu_efficiency(shape: ModelShape) -> float:
    """Share of a GPU's bandwidth one token's reads reach, by bits per weight and MoE."""
    bpw = 8 * shape.weights_bytes / max(1, shape._param_guess())
    eff = GPU_EFFICIENCY + (GPU_EFFICIENCY_F16 - GPU_EFFICIENCY) * min(
        1.0, max(0.0, (bpw - 5) / (16 - 5))
    )
    return eff


def _gpu_seconds(
    shape: ModelShape, hw: HardwareProfile, read: float, n_gpu: int, split: tuple[int, ...]
) -> float:
    """The GPU part of one token: each device reads its layers in turn (a layer split
    is a pipeline), plus the fixed cost of a GPU token and of each hand-over."""
    devices = hw.offload_gpus
    counts = split or (n_gpu,)
    eff = gpu_efficiency(shape)
    seconds = GPU_SECONDS_PER_TOKEN
    weights = shape.weights_per_token * shape.active_fraction
    for gpu, count in zip(devices, counts, strict=False):
        if count:
            bw = gpu_bandwidth(gpu, hw)[0]
            share = count / shape.layers
            memory = read * share / (bw * 1e9 * eff)
            tflops = gpu_tflops(gpu) if gpu.vendor == "apple" and not shape.is_float else None
            alu = weights * share * GPU_ALU_OPS_PER_WEIGHT / (tflops * 1e12) if tflops else 0.0
            seconds += max(memory, alu)
            seconds += GPU_SECONDS_PER_LAYER.get(gpu.vendor, 0.0) * count
            if shape.active_fraction < 1:
                seconds += GPU_SECONDS_PER_MOE_LAYER * count
    seconds += GPU_SECONDS_PER_DEVICE * (sum(1 for c in counts if c) - 1)
    return seconds


def speed_assumption(shape: ModelShape, hw: HardwareProfile, p: Placement) -> str:
    if p.verdict == "no_fit":
        return "no speed estimate: the model does not fit"
    ram_bw = hw.effective_ram_bandwidth_gbs
    ram_src = (
        f"system RAM at {ram_bw:g} GB/s"
        if hw.ram_bandwidth_gbs
        else f"system RAM bandwidth unknown, assumed {ram_bw:g} GB/s (dual-channel DDR4-3200)"
    )
    parts = [f"{ram_src} at {CPU_EFFICIENCY:.0%} efficiency"]
    prof = hw.compute
    if prof is not None:
        parts = [
            f"llama.cpp measured on this CPU ({prof.threads} threads, {prof.measured_at[:10]}): "
            f"{prof.bandwidth_gbs:g} GB/s, {prof.seconds_per_layer * 1e6:.0f} µs per layer, "
            f"{prof.seconds_per_vocab * 1e9 * 1000:.0f} µs per 1,000 vocabulary entries"
        ]
    elif p.gpu_layers < shape.layers:
        parts.append(
            f"{REFERENCE_SECONDS_PER_LAYER * 1e6:.0f} µs per layer and "
            f"{REFERENCE_SECONDS_PER_VOCAB * 1e9 * 1000:.0f} µs per 1,000 vocabulary entries "
            f"as on the {REFERENCE_CPU} (the machine is not measured)"
        )
    if p.gpu_layers:
        counts = p.gpu_split or (p.gpu_layers,)
        gpus = [g for g, c in zip(hw.offload_gpus, counts, strict=False) if c]
        gpu_text = ", ".join(gpu_bandwidth(g, hw)[1] for g in gpus)
        if p.gpu_split:
            gpu_text += f" ({' + '.join(str(c) for c in p.gpu_split)} layers)"
        parts.insert(0, f"{gpu_text} at {gpu_efficiency(shape):.0%} efficiency")
    moe = (
        f"; mixture of experts reads {shape.active_fraction:.0%} of the weights per token"
        if shape.active_fraction < 1
        else ""
    )
    return (
        "generation: bytes read per token / bandwidth, plus the costs per layer and per "
        "vocabulary entry; " + "; ".join(parts) + moe + ". " + _prompt_assumption(shape, hw, p)
    )


def _prompt_assumption(shape: ModelShape, hw: HardwareProfile, p: Placement) -> str:
    if p.prompt_tokens_per_s is None:
        return (
            "Prompt speed: not estimated (no published matrix throughput for the GPU, or "
            "the CPU is not measured)."
        )
    parts = []
    counts = p.gpu_split or ((p.gpu_layers,) if p.gpu_layers else ())
    for gpu, count in zip(hw.offload_gpus, counts, strict=False):
        if count:
            eff = PROMPT_EFFICIENCY.get(gpu.vendor, PROMPT_EFFICIENCY_DEFAULT)
            parts.append(f"{gpu.name} at {gpu_tflops(gpu):g} TFLOPS x {eff:.0%}")
    if hw.compute is not None and p.gpu_layers < shape.layers:
        parts.append(f"this CPU at {hw.compute.matmul_gflops:g} GFLOP/s (measured)")
    return f"Prompt speed: FLOPs per token / matrix throughput ({'; '.join(parts)})."


def _curve(
    shape: ModelShape, hw: HardwareProfile, context: int, cache_type: str, fa: bool
) -> list[ContextPoint]:
    steps = sorted({c for c in CONTEXT_STEPS if c <= shape.trained_context} | {context})
    points = []
    for c in steps:
        e = place(shape, hw, c, cache_type=cache_type, flash_attention=fa)
        points.append(
            ContextPoint.model_construct(
                context=c,
                total_bytes=e.total_bytes,
                kv_bytes=e.kv_bytes,
                verdict=e.verdict,
            )
        )
    return points


def largest_fitting_context(
    shape: ModelShape, hw: HardwareProfile, cache_type: str = "f16", floor: int = 2048
) -> int | None:
    """The largest context step (up to the trained one) that still fits, or None."""
    best = None
    for c in sorted({*CONTEXT_STEPS, shape.trained_context}):
        if c > shape.trained_context or c < floor:
            continue
        if place(shape, hw, c, cache_type=cache_type).fits:
            best = c
    return best


def with_weights(shape: ModelShape, weights_bytes: int) -> ModelShape:
    return replace(shape, weights_bytes=weights_bytes)
