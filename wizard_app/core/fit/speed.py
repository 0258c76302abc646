"""Generation and prompt speed: bytes read per token over bandwidth, plus the fixed costs
(per token, layer, vocabulary entry, expert layer, device); prompts by matrix throughput."""

from __future__ import annotations

from wizard_app.core.fit.shape import ModelShape
from wizard_app.core.hardware.bandwidth import lookup_bandwidth
from wizard_app.core.hardware.profile import GpuInfo, HardwareProfile

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
# Share of that share a vendor's llama.cpp backend reaches on its own cards. Intel Arc runs
# on Vulkan or SYCL, whose kernels read far below the bandwidth: an Arc A770 (560 GB/s)
# generates 53 tokens/s with Llama 3.1 8B Q4_K_M on Vulkan (llama.cpp issue #17628): it
# reads 47% of its bandwidth where NVIDIA and AMD cards reach 70%. Set from that one row of
# tests/benchmarks/speed_truth.csv; held out: the A770 on SYCL with Llama 2 7B Q4_0 at 55
# tokens/s (docs/backend/SYCL.md), the A770 on Vulkan under Linux with it at 54.5 (llama.cpp
# #10721) and two A770s with Qwen3 30B-A3B (llama.cpp #20893).
GPU_VENDOR_EFFICIENCY = {"intel": 0.66}
# Mixture of experts: each expert layer costs a fixed time on a GPU beyond its active
# bytes (the router, the top-k selection, the gathered expert matrices: more kernels and
# a sync). Set from one row of tests/benchmarks/speed_truth.csv (M2 Ultra, Qwen3
# 30B-A3B Q8_0: 73 us a layer); held out: the RTX 4090 with Qwen3 and gpt-oss 20B and
# the RX 7900 XT with Qwen3.
GPU_SECONDS_PER_MOE_LAYER = 0.00007
# Fixed cost of one token on a GPU beyond reading memory: kernel launches and the sync
# with the host. Small models on fast cards are bound by it. Set so the three llama-bench
# rows of a 0.67 GB 1.1B model (tests/benchmarks/speed_truth.csv: 424 tokens/s on an RTX
# 2080 Ti, 279 on an RTX 3060, 762 on an RTX 4090) have a median of 1.0; the RTX 4090 on
# Vulkan is the fast exception (0.73). Held out, llmfit's sweeps of 1B to 32B models
# through llama-server put the intercept at 0.6 to 1.4 ms (RX 7900 XT, RTX 5070, RTX 2080).
GPU_SECONDS_PER_TOKEN = 0.0006
# Metal encodes each layer's kernels on the host: about 0.07 ms a layer on M-series
# chips (a 1.1B model of 22 layers makes 243 tokens/s on an M1 Ultra of 800 GB/s).
GPU_SECONDS_PER_LAYER = {"apple": 0.00007}
# Each further device in a layer split passes the activations on once per token.
GPU_SECONDS_PER_DEVICE = 0.0002
# Apple GPUs dequantise k-quants on the same ALUs that do the dot products, and their
# ALUs are few for their bandwidth: a generated token costs about this many peak
# floating-point operations per quantised weight (set from one row of
# tests/benchmarks/speed_truth.csv, the M1 Max with Llama 3 8B Q4_K_M: 35.7 tokens/s at
# 10.4 TFLOPS; held out: the other M1 Max, M1 Ultra and M3 Max rows). A k-quant on an
# M1 Max is bound by this, not by its 400 GB/s.
GPU_ALU_OPS_PER_WEIGHT = 34.0
# Prompt processing is bound by the matrix units: tokens/s ~ efficiency x 16-bit matrix
# throughput (resources/gpu_bandwidth.yaml, fp16_tflops) / FLOPs per token. NVIDIA's
# figure is the tensor-core one, Apple's the GPU's ALU rate. The shares were set from 8
# rows of tests/benchmarks/speed_truth.csv (Llama 3 8B at F16 and Q4_K_M on one RTX 3090,
# 4080 and 4090 and on an M1 Max, llama.cpp of 2024: NVIDIA 0.46-0.60 at F16, Apple
# 0.80); every other row is held out. AMD takes the default, set from no AMD row: held out,
# the RX 7900 XTX (RDNA 3, 122.88 TFLOPS) lands at 0.98 and 1.03 of its Vulkan and ROCm
# pp512 on the 2025 scoreboards.
PROMPT_EFFICIENCY = {"nvidia": 0.5, "apple": 0.8}
PROMPT_EFFICIENCY_DEFAULT = 0.5
# Quantised weights are dequantised (or the activations quantised) on the way: 0.78-0.90x
# the 16-bit rate on the same rows (M1 Max 0.79, RTX 3090 0.90, RTX 4090 0.77).
PROMPT_QUANT_FACTOR = 0.8
PROMPT_TOKENS = 512  # llama-bench's pp512: the average token attends to half of it
# Typical bandwidth when a GPU's own figure is unknown (GB/s), by vendor and kind.
DEFAULT_GPU_BANDWIDTH_GBS = {"nvidia": 360.0, "amd": 360.0, "intel": 250.0, "apple": 100.0}
DEFAULT_INTEGRATED_BANDWIDTH_GBS = 50.0


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


def gpu_tflops(gpu: GpuInfo, hw: HardwareProfile | None = None) -> float | None:
    """The card's published dense 16-bit matrix throughput (TFLOPS), or None if unknown.

    An Apple chip's bin is chosen by its CPU cores, as for its bandwidth: the M3 Max with
    16 cores is not the 14-core one.
    """
    cores = hw.cpu.physical_cores if hw is not None and gpu.vendor == "apple" else None
    row = lookup_bandwidth(gpu.name, cpu_cores=cores)
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
        tflops = gpu_tflops(gpu, hw)
        if tflops is None:
            return None
        eff = PROMPT_EFFICIENCY.get(gpu.vendor, PROMPT_EFFICIENCY_DEFAULT) * quant
        seconds += flops * count / shape.layers / (tflops * 1e12 * eff)
    return round(1 / seconds, 1) if seconds else None


def tokens_per_s(
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


def gpu_efficiency(shape: ModelShape, vendor: str | None = None) -> float:
    """Share of a GPU's bandwidth one token's reads reach, by bits per weight and, when
    given, by the vendor whose llama.cpp backend runs the card."""
    bpw = 8 * shape.weights_bytes / max(1, shape._param_guess())
    eff = GPU_EFFICIENCY + (GPU_EFFICIENCY_F16 - GPU_EFFICIENCY) * min(
        1.0, max(0.0, (bpw - 5) / (16 - 5))
    )
    return eff * GPU_VENDOR_EFFICIENCY.get(vendor or "", 1.0)


def _gpu_seconds(
    shape: ModelShape, hw: HardwareProfile, read: float, n_gpu: int, split: tuple[int, ...]
) -> float:
    """The GPU part of one token: each device reads its layers in turn (a layer split
    is a pipeline), plus the fixed cost of a GPU token and of each hand-over."""
    devices = hw.offload_gpus
    counts = split or (n_gpu,)
    seconds = GPU_SECONDS_PER_TOKEN
    weights = shape.weights_per_token * shape.active_fraction
    for gpu, count in zip(devices, counts, strict=False):
        if count:
            bw = gpu_bandwidth(gpu, hw)[0]
            share = count / shape.layers
            memory = read * share / (bw * 1e9 * gpu_efficiency(shape, gpu.vendor))
            apple_quant = gpu.vendor == "apple" and not shape.is_float
            tflops = gpu_tflops(gpu, hw) if apple_quant else None
            alu = weights * share * GPU_ALU_OPS_PER_WEIGHT / (tflops * 1e12) if tflops else 0.0
            seconds += max(memory, alu)
            seconds += GPU_SECONDS_PER_LAYER.get(gpu.vendor, 0.0) * count
            if shape.active_fraction < 1:
                seconds += GPU_SECONDS_PER_MOE_LAYER * count
    seconds += GPU_SECONDS_PER_DEVICE * (sum(1 for c in counts if c) - 1)
    return seconds
