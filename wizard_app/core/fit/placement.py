"""Where the layers go: one GPU, several (whole layers split by free memory), or the CPU.

The memory terms are in ``memory``, the speed in ``speed``; ``place`` combines them into a
``Placement``: the numbers of one configuration, cheap enough to rank thousands.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from wizard_app.core.errors import InputError
from wizard_app.core.fit.memory import (
    GPU_CONTEXT_BYTES,
    RAM_MARGIN_BYTES,
    check_inputs,
    compute_buffer_bytes,
    gpu_margin_bytes,
    kv_cache_bytes,
    process_overhead_bytes,
    repacked_on,
)
from wizard_app.core.fit.shape import ModelShape
from wizard_app.core.fit.speed import prompt_tokens_per_s, tokens_per_s
from wizard_app.core.fit.split import split_blocks
from wizard_app.core.hardware.profile import GpuInfo, HardwareProfile

Verdict = Literal["gpu", "split", "cpu", "no_fit"]


def _device_loads(
    shape: ModelShape,
    n: int,
    counts: list[int],
    output_device: int,
    per_layer_extra: float,
    fixed: list[int],
) -> list[float]:
    """Bytes on each device when the last ``n`` layers are split ``counts`` ways and the
    output head is on ``output_device`` (a device with no block still holds it)."""
    layers = shape.layers
    loads: list[float] = []
    start = layers - n
    for i, c in enumerate(counts):
        out = shape.default_output_bytes if n and i == output_device else 0
        if not c and not out:
            loads.append(0.0)
            continue
        if shape.layer_bytes is None:
            w: float = shape.uniform_layer_bytes * c
        else:
            w = sum(shape.layer_bytes[start : start + c])
        start += c
        loads.append(w + per_layer_extra * c + out + fixed[i])
    return loads


def _place_multi(
    shape: ModelShape,
    devices: list[GpuInfo],
    budgets: list[int],
    fixed: list[int],
    kv_per_layer: float,
    forced: int | None,
) -> tuple[int, list[int], int, list[float]]:
    """The most layers that fit across several GPUs (or ``forced``), with the split, the
    output head's device and each device's load."""
    weights = [float(g.usable_bytes or 0) for g in devices]

    def loads_for(n: int) -> tuple[list[int], int, list[float]]:
        counts, output_device = split_blocks(weights, n)
        loads = _device_loads(shape, n, counts, output_device, kv_per_layer, fixed)
        return counts, output_device, loads

    def fits(n: int) -> bool:
        _, _, loads = loads_for(n)
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
    counts, output_device, loads = loads_for(n)
    return n, counts, output_device, loads


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
    # --tensor-split for that split: the slots (blocks, and the output head) per GPU
    tensor_split: tuple[int, ...] = ()

    @property
    def fits(self) -> bool:
        return self.verdict != "no_fit"


@dataclass(frozen=True, slots=True)
class _Offload:
    """How many layers go to the GPUs, with each card's fixed costs and budget."""

    n_gpu: int
    gpu_budget: int
    gpu_fixed: int  # device contexts and compute buffers of the cards in use
    gpu_context: int
    split: tuple[int, ...] = ()  # layers per GPU when several share the model
    tensor_split: tuple[int, ...] = ()  # llama.cpp's shares for that split (with the output)
    used_devices: int = 1
    devices_fit: bool = True
    device_headroom: int = 0


def _offload_one(
    shape: ModelShape,
    gpu: GpuInfo | None,
    compute: int,
    kv_per_layer: float,
    gpu_layers: int | None,
) -> _Offload:
    """One device (or none): as many layers as fit, from the last, with the output head."""
    if gpu is None:
        return _Offload(0, 0, 0, 0)
    context = GPU_CONTEXT_BYTES.get(gpu.vendor, 0)
    fixed = context + compute
    budget = max(0, (gpu.usable_bytes or 0) - gpu_margin_bytes(gpu))
    layers, output = shape.layers, shape.default_output_bytes
    if gpu_layers is not None:
        n_gpu = min(gpu_layers, layers)
    elif shape.layer_bytes is None:
        # Uniform layers: as many as fit after the fixed part and the output head.
        per_layer = shape.uniform_layer_bytes + kv_per_layer
        room = budget - fixed - output
        n_gpu = 0 if room < per_layer else min(layers, int(room // per_layer))
    else:
        n_gpu = 0
        used: float = fixed
        layer_w = shape.layer_bytes
        for i in range(layers):
            # llama.cpp offloads the last layers first; the output head goes with the last.
            extra = layer_w[-1 - i] + kv_per_layer + (output if i == 0 else 0)
            if used + extra > budget:
                break
            used += extra
            n_gpu = i + 1
    return _Offload(n_gpu, budget, fixed, context)


def _offload_first(
    shape: ModelShape,
    devices: list[GpuInfo],
    compute: int,
    kv_per_layer: float,
    gpu_layers: int | None,
) -> _Offload:
    return _offload_one(shape, devices[0] if devices else None, compute, kv_per_layer, gpu_layers)


def _offload_multi(
    shape: ModelShape,
    devices: list[GpuInfo],
    compute: int,
    kv_per_layer: float,
    gpu_layers: int | None,
) -> _Offload:
    """Several GPUs: llama.cpp splits whole layers by free memory; each card holds its own
    device context and compute buffer and keeps its own margin."""
    budgets = [max(0, (g.usable_bytes or 0) - gpu_margin_bytes(g)) for g in devices]
    contexts = [GPU_CONTEXT_BYTES.get(g.vendor, 0) for g in devices]
    fixed = [c + compute for c in contexts]
    n_gpu, counts, output_device, loads = _place_multi(
        shape, devices, budgets, fixed, kv_per_layer, gpu_layers
    )
    busy = [i for i, c in enumerate(counts) if c]
    # llama.cpp's --tensor-split for this split: the slots (blocks, and the output) per
    # device; as shares they reproduce it exactly (fit/split)
    slots = [c + (1 if n_gpu and i == output_device else 0) for i, c in enumerate(counts)]
    return _Offload(
        n_gpu=n_gpu,
        gpu_budget=sum(budgets),
        gpu_fixed=sum(fixed[i] for i in busy),
        gpu_context=sum(contexts[i] for i in busy),
        split=tuple(counts),
        tensor_split=tuple(slots) if n_gpu else (),
        used_devices=max(1, len(busy)),
        devices_fit=all(loads[i] <= budgets[i] for i in busy),
        device_headroom=int(min((budgets[i] - loads[i] for i in busy), default=0)),
    )


def _cpu_side(
    shape: ModelShape,
    hw: HardwareProfile,
    n_gpu: int,
    on_gpu: int,
    kv_per_layer: float,
    compute_cpu: int,
) -> tuple[int, int, int]:
    """What the model process holds in RAM, the repacked copies in it, and its overhead."""
    output = shape.default_output_bytes
    cpu_weights = shape.weights_bytes - (on_gpu + output if n_gpu else 0)
    # With every layer on the GPU the CPU keeps only a small buffer for the embeddings.
    cpu_compute = compute_cpu if n_gpu < shape.layers else compute_cpu // 4
    # On ARM llama.cpp keeps repacked copies of some weight types beside the mapped file
    copies = cpu_weights if repacked_on(shape, hw) else 0
    overhead = process_overhead_bytes(shape)
    layers_on_cpu = shape.layers - n_gpu
    cpu_bytes = int(cpu_weights + copies + kv_per_layer * layers_on_cpu + cpu_compute + overhead)
    return cpu_bytes, copies, overhead


def _weights_on_gpu(shape: ModelShape, n_gpu: int) -> int:
    """Weights of the last ``n_gpu`` blocks (llama.cpp offloads from the top)."""
    if not n_gpu:
        return 0
    if shape.layer_bytes is None:
        return shape.uniform_layer_bytes * n_gpu
    return sum(shape.layer_bytes[shape.layers - n_gpu :])


def _verdict(n_gpu: int, layers: int, fits: bool) -> Verdict:
    if not fits:
        return "no_fit"
    if n_gpu == layers:
        return "gpu"
    return "split" if n_gpu > 0 else "cpu"


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
    check_inputs(context, cache_type)
    if gpu_layers is not None and gpu_layers < 0:
        raise InputError("GPU layers cannot be negative.", "Give 0 or more, or 'auto'.")
    kv = kv_cache_bytes(shape, context, cache_type)
    compute = compute_buffer_bytes(shape, context, flash_attention)
    compute_cpu = compute_buffer_bytes(shape, context, flash_attention, resident=True)
    layers, output = shape.layers, shape.default_output_bytes
    kv_per_layer = kv / layers
    devices = hw.offload_gpus
    offload = _offload_multi if len(devices) > 1 else _offload_first
    off = offload(shape, devices, compute, kv_per_layer, gpu_layers)
    n_gpu = off.n_gpu
    on_gpu = _weights_on_gpu(shape, n_gpu)
    gpu_bytes = int(on_gpu + kv_per_layer * n_gpu + output + off.gpu_fixed) if n_gpu else 0
    cpu_bytes, copies, overhead = _cpu_side(shape, hw, n_gpu, on_gpu, kv_per_layer, compute_cpu)
    used_compute = compute if n_gpu else compute_cpu
    total = int(shape.weights_bytes + copies + kv + used_compute + overhead)
    if n_gpu:
        total += off.gpu_context + compute * (off.used_devices - 1)
    # Unified memory is one pool: the GPU's share comes out of the same RAM.
    ram_need = gpu_bytes + cpu_bytes if hw.unified_memory else cpu_bytes
    ram_budget = max(0, hw.ram_bytes_for_models - RAM_MARGIN_BYTES)
    fits = ram_need <= ram_budget and gpu_bytes <= off.gpu_budget and off.devices_fit
    verdict = _verdict(n_gpu, layers, fits)
    headroom = ram_budget - ram_need
    if n_gpu:
        gpu_room = off.device_headroom if off.split else off.gpu_budget - gpu_bytes
        headroom = min(headroom, gpu_room)
    ok = verdict != "no_fit"
    return Placement(
        context=context,
        kv_bytes=kv,
        compute_bytes=used_compute,
        total_bytes=total,
        gpu_layers=n_gpu,
        gpu_bytes=gpu_bytes,
        cpu_bytes=cpu_bytes,
        gpu_budget_bytes=off.gpu_budget,
        ram_budget_bytes=ram_budget,
        ram_need_bytes=ram_need,
        verdict=verdict,
        headroom_bytes=int(headroom),
        tokens_per_s=tokens_per_s(shape, hw, kv, n_gpu, split=off.split) if ok else None,
        gpu_split=off.split,
        tensor_split=off.tensor_split,
        prompt_tokens_per_s=prompt_tokens_per_s(shape, hw, n_gpu, off.split) if ok else None,
    )
