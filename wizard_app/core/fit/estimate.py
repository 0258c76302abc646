"""The estimate shown to a person: a placement with its assumptions, notes and curve."""

from __future__ import annotations

import dataclasses
from typing import Any

from pydantic import BaseModel, Field, computed_field, model_validator

from wizard_app.core.fit.memory import process_overhead_bytes
from wizard_app.core.fit.placement import Placement, Verdict, place
from wizard_app.core.fit.shape import ModelShape
from wizard_app.core.fit.speed import (
    CPU_EFFICIENCY,
    PROMPT_EFFICIENCY,
    PROMPT_EFFICIENCY_DEFAULT,
    REFERENCE_CPU,
    REFERENCE_SECONDS_PER_LAYER,
    REFERENCE_SECONDS_PER_VOCAB,
    gpu_bandwidth,
    gpu_efficiency,
    gpu_tflops,
)
from wizard_app.core.hardware.profile import GiB, HardwareProfile

VERDICT_TEXT: dict[str, str] = {
    "gpu": "fits on the GPU",
    "split": "split between GPU and CPU",
    "cpu": "runs on the CPU only",
    "no_fit": "does not fit",
}

CONTEXT_STEPS = (2048, 4096, 8192, 16384, 32768, 65536, 131072)


class ContextPoint(BaseModel):
    context: int
    total_bytes: int
    kv_bytes: int
    verdict: Verdict


class FitEstimate(BaseModel):
    """A placement (``placement``: the figures) with the words around it. The figures are
    read through the placement, not copied; they are in the JSON as before."""

    placement: Placement = Field(exclude=True)
    cache_type: str
    flash_attention: bool
    weights_bytes: int
    overhead_bytes: int
    layers: int
    speed_assumption: str
    curve: list[ContextPoint]
    notes: list[str]
    source: str

    @model_validator(mode="before")
    @classmethod
    def _from_saved(cls, data: Any) -> Any:
        """A saved estimate (JSON) keeps the placement's figures at its top level."""
        if isinstance(data, dict) and "placement" not in data:
            figures = {f.name: data[f.name] for f in _PLACEMENT_FIELDS if f.name in data}
            figures.setdefault("ram_need_bytes", data.get("cpu_bytes", 0))
            figures["gpu_split"] = tuple(figures.get("gpu_split") or ())
            figures["tensor_split"] = tuple(figures.get("tensor_split") or ())
            data = {**data, "placement": Placement(**figures)}
        return data

    @computed_field  # type: ignore[prop-decorator]
    @property
    def context(self) -> int:
        return self.placement.context

    @computed_field  # type: ignore[prop-decorator]
    @property
    def kv_bytes(self) -> int:
        return self.placement.kv_bytes

    @computed_field  # type: ignore[prop-decorator]
    @property
    def compute_bytes(self) -> int:
        return self.placement.compute_bytes

    @computed_field  # type: ignore[prop-decorator]
    @property
    def total_bytes(self) -> int:
        return self.placement.total_bytes

    @computed_field  # type: ignore[prop-decorator]
    @property
    def gpu_layers(self) -> int:
        return self.placement.gpu_layers

    @computed_field  # type: ignore[prop-decorator]
    @property
    def gpu_bytes(self) -> int:
        return self.placement.gpu_bytes

    @computed_field  # type: ignore[prop-decorator]
    @property
    def cpu_bytes(self) -> int:
        return self.placement.cpu_bytes

    @computed_field  # type: ignore[prop-decorator]
    @property
    def gpu_budget_bytes(self) -> int:
        return self.placement.gpu_budget_bytes

    @computed_field  # type: ignore[prop-decorator]
    @property
    def ram_budget_bytes(self) -> int:
        return self.placement.ram_budget_bytes

    @computed_field  # type: ignore[prop-decorator]
    @property
    def ram_need_bytes(self) -> int:
        return self.placement.ram_need_bytes

    @computed_field  # type: ignore[prop-decorator]
    @property
    def verdict(self) -> Verdict:
        return self.placement.verdict

    @computed_field  # type: ignore[prop-decorator]
    @property
    def headroom_bytes(self) -> int:
        return self.placement.headroom_bytes

    @computed_field  # type: ignore[prop-decorator]
    @property
    def tokens_per_s(self) -> float | None:
        return self.placement.tokens_per_s

    @computed_field  # type: ignore[prop-decorator]
    @property
    def prompt_tokens_per_s(self) -> float | None:
        return self.placement.prompt_tokens_per_s

    @computed_field  # type: ignore[prop-decorator]
    @property
    def gpu_split(self) -> list[int]:
        """Layers per GPU when several share the model."""
        return list(self.placement.gpu_split)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def tensor_split(self) -> list[int]:
        """llama.cpp's ``--tensor-split`` for that split (its slots: blocks and the output
        head per GPU); empty for one GPU or none."""
        return list(self.placement.tensor_split)

    @property
    def fits(self) -> bool:
        return self.placement.fits

    @property
    def verdict_text(self) -> str:
        return VERDICT_TEXT[self.verdict]


_PLACEMENT_FIELDS = dataclasses.fields(Placement)


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
        placement=p,
        cache_type=cache_type,
        flash_attention=flash_attention,
        weights_bytes=shape.weights_bytes,
        overhead_bytes=process_overhead_bytes(shape),
        layers=shape.layers,
        speed_assumption=speed_assumption(shape, hw, p),
        curve=curve,
        notes=notes,
        source=shape.source,
    )


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
            f"{prof.seconds_per_vocab * 1e12:.0f} µs per million vocabulary entries"
        ]
    elif p.gpu_layers < shape.layers:
        parts.append(
            f"{REFERENCE_SECONDS_PER_LAYER * 1e6:.0f} µs per layer and "
            f"{REFERENCE_SECONDS_PER_VOCAB * 1e12:.0f} µs per million vocabulary entries "
            f"as on the {REFERENCE_CPU} (the machine is not measured)"
        )
    if p.gpu_layers:
        counts = p.gpu_split or (p.gpu_layers,)
        gpus = [g for g, c in zip(hw.offload_gpus, counts, strict=False) if c]
        gpu_text = ", ".join(
            f"{gpu_bandwidth(g, hw)[1]} at {gpu_efficiency(shape, g.vendor):.0%} efficiency"
            for g in gpus
        )
        if p.gpu_split:
            gpu_text += f" ({' + '.join(str(c) for c in p.gpu_split)} layers)"
        parts.insert(0, gpu_text)
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
            parts.append(f"{gpu.name} at {gpu_tflops(gpu, hw):g} TFLOPS x {eff:.0%}")
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
