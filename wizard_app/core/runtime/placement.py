"""How many layers go to the GPU, and how much context, before a model is loaded.

``plan_load`` follows llama.cpp's own ``--fit`` (``common/fit.cpp`` upstream), which
llama-cpp-python does not expose: with ``auto``, keep every layer on the GPU by shrinking
the context towards a floor first, and only then place as many layers as fit, from the
top, leaving a margin free (the fit estimate's ``GPU_MARGIN_BYTES``). A context the user
gave explicitly is never shrunk. Free device memory comes from ggml's backend device API,
read by the worker (``Hello.devices``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from wizard_app.core.errors import Param, render
from wizard_app.core.fit import FitEstimate, ModelShape, estimate
from wizard_app.core.hardware.profile import GiB, GpuInfo, GpuVendor, HardwareProfile
from wizard_app.core.runtime.protocol import DeviceInfo
from wizard_app.core.runtime.retry import gpu_layer_attempts, looks_out_of_memory

__all__ = ["gpu_layer_attempts", "looks_out_of_memory"]  # kept here for callers

GpuLayers = int | Literal["auto"]
DEFAULT_CONTEXT_FLOOR = 4096  # upstream --fit-ctx default


def parse_gpu_layers(text: str) -> GpuLayers:
    """``auto``, ``all`` (-1) or a layer count, as typed on the command line."""
    value = text.strip().lower()
    if value == "auto":
        return "auto"
    if value in ("all", "-1"):
        return -1
    if value.isdigit():
        return int(value)
    raise ValueError(f"{text!r} is not a layer count, 'all' or 'auto'")


_VENDOR_HINTS: tuple[tuple[str, GpuVendor], ...] = (
    ("cuda", "nvidia"),
    ("nvidia", "nvidia"),
    ("geforce", "nvidia"),
    ("rocm", "amd"),
    ("hip", "amd"),
    ("radeon", "amd"),
    ("amd", "amd"),
    ("metal", "apple"),
    ("mtl", "apple"),
    ("apple", "apple"),
    ("sycl", "intel"),
    ("intel", "intel"),
    ("arc", "intel"),
)


def _vendor(device: DeviceInfo) -> GpuVendor:
    text = f"{device.name} {device.description}".lower()
    for hint, vendor in _VENDOR_HINTS:
        if hint in text:
            return vendor
    return "other"


def hardware_with_devices(hw: HardwareProfile, devices: Sequence[DeviceInfo]) -> HardwareProfile:
    """``hw`` with its GPUs replaced by the devices llama.cpp itself can use.

    What llama.cpp sees is what it will offload to; a GPU the probes found but this build
    cannot use (no CUDA in a CPU build) must not count.
    """
    gpus = []
    for d in devices:
        if d.kind not in ("gpu", "igpu"):
            continue
        vendor = _vendor(d)
        unified = vendor == "apple"
        gpus.append(
            GpuInfo(
                vendor=vendor,
                name=d.description or d.name,
                kind="unified" if unified else ("integrated" if d.kind == "igpu" else "discrete"),
                memory_total_bytes=d.total_bytes or None,
                memory_free_bytes=d.free_bytes or None,
                source="ggml",
            )
        )
    copy = hw.model_copy(deep=True)
    copy.gpus = gpus
    return copy


@dataclass(frozen=True)
class LoadPlan:
    n_ctx: int
    n_gpu_layers: int
    estimate: FitEstimate
    notes: tuple[str, ...]
    # one (code, params) per note, for the UI's language (wizard_app.core.errors.TEMPLATES)
    note_codes: tuple[tuple[str, tuple[tuple[str, Param], ...]], ...] = ()

    @property
    def gpu_split(self) -> tuple[int, ...]:
        """Layers per GPU when several share the model (llama.cpp splits by free memory)."""
        return tuple(self.estimate.gpu_split)


class _Notes:
    """The plan's notes in English, with their codes for the UI's language."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.codes: list[tuple[str, tuple[tuple[str, Param], ...]]] = []

    def add(self, code: str, **params: Param) -> None:
        self.texts.append(render(code, params)[0])
        self.codes.append((code, tuple(params.items())))

    def plan(self, n_ctx: int, n_gpu_layers: int, e: FitEstimate) -> LoadPlan:
        return LoadPlan(n_ctx, n_gpu_layers, e, tuple(self.texts), tuple(self.codes))


def plan_load(
    shape: ModelShape,
    hw: HardwareProfile,
    *,
    n_ctx: int,
    gpu_layers: GpuLayers,
    supports_offload: bool,
    ctx_explicit: bool = False,
    cache_type: str = "f16",
    flash_attention: bool = False,
    ctx_floor: int = DEFAULT_CONTEXT_FLOOR,
) -> LoadPlan:
    """Choose context and GPU layers for a load (see the module docstring)."""
    notes = _Notes()
    floor = min(ctx_floor, n_ctx)
    # every device llama.cpp splits layers across, each with its own context and margin
    has_gpu = bool(hw.offload_gpus)

    def est(ctx: int, layers: int | None) -> FitEstimate:
        return estimate(
            shape,
            hw,
            ctx,
            cache_type=cache_type,
            flash_attention=flash_attention,
            gpu_layers=layers,
            with_curve=False,
        )

    if gpu_layers != "auto":
        n = shape.layers if gpu_layers < 0 else min(gpu_layers, shape.layers)
        if n and not supports_offload:
            notes.add("runtime.plan.no_offload")
            n = 0
        e = est(n_ctx, n if has_gpu else 0)
        if not e.fits:
            notes.add("runtime.plan.no_fit", gib=_gib(e.total_bytes))
        return notes.plan(n_ctx, n, e)

    if not supports_offload or not has_gpu:
        notes.add(
            "runtime.plan.auto_cpu_build" if not supports_offload else "runtime.plan.auto_no_gpu"
        )
        return _plan_cpu(notes, est, n_ctx, floor, ctx_explicit)

    ctx = n_ctx
    e = est(ctx, None)
    if e.gpu_layers < shape.layers and not ctx_explicit:
        while ctx > floor:
            ctx = max(floor, ctx // 2)
            e = est(ctx, None)
            if e.gpu_layers == shape.layers:
                break
        if ctx != n_ctx:
            notes.add("runtime.plan.ctx_gpu", old=n_ctx, new=ctx)
    _note_gpus(notes, shape, hw, e)
    if not e.fits:
        notes.add("runtime.plan.no_fit", gib=_gib(e.total_bytes))
    return notes.plan(ctx, e.gpu_layers, e)


def _plan_cpu(
    notes: _Notes,
    est: Callable[[int, int | None], FitEstimate],
    n_ctx: int,
    floor: int,
    ctx_explicit: bool,
) -> LoadPlan:
    """Every layer on the CPU: shrink the context towards the floor until it fits."""
    ctx = n_ctx
    e = est(ctx, 0)
    while not e.fits and not ctx_explicit and ctx > floor:
        ctx = max(floor, ctx // 2)
        e = est(ctx, 0)
    if ctx != n_ctx:
        notes.add("runtime.plan.ctx_memory", old=n_ctx, new=ctx)
    if not e.fits:
        notes.add("runtime.plan.no_fit", gib=_gib(e.total_bytes))
    return notes.plan(ctx, 0, e)


def _note_gpus(notes: _Notes, shape: ModelShape, hw: HardwareProfile, e: FitEstimate) -> None:
    """Where the layers went: one card, or the split across several with their free memory."""
    devices, split = hw.offload_gpus, e.gpu_split
    busy = [g for g, c in zip(devices, split, strict=False) if c]
    if len(busy) > 1:
        notes.add(
            "runtime.plan.auto_gpus",
            layers=e.gpu_layers,
            total=shape.layers,
            count=len(busy),
            split=" + ".join(str(c) for c in split if c),
            free=_gib(sum(g.usable_bytes or 0 for g in busy)),
            used=_gib(e.gpu_bytes),
        )
        return
    gpu_free = (devices[0].usable_bytes or 0) if devices else 0
    notes.add(
        "runtime.plan.auto_gpu",
        layers=e.gpu_layers,
        total=shape.layers,
        free=_gib(gpu_free),
        used=_gib(e.gpu_bytes),
    )


def _gib(n: int) -> str:
    return f"{n / GiB:.1f}"
