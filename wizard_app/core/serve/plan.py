"""The settings a served model starts with: the wizard's context and GPU layers.

The same plan as a trial run (``placement.plan_load``): the context asked for (or the
default, capped at the trained one) shrunk to fit, and the GPU layers that fit.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wizard_app.core.gguf.header import shape_of
from wizard_app.core.gguf.reader import read_header
from wizard_app.core.hardware.profile import HardwareProfile
from wizard_app.core.runtime.placement import GpuLayers, LoadPlan, plan_load
from wizard_app.core.runtime.trial import DEFAULT_CONTEXT
from wizard_app.core.serve.server import ServeSettings


@dataclass(frozen=True)
class ServePlan:
    settings: ServeSettings
    plan: LoadPlan
    arch: str


def model_id_for(path: Path) -> str:
    """What clients put in ``model``: the file name without ``.gguf``."""
    return path.name.removesuffix(".gguf")


def supports_offload() -> bool:
    """Whether the installed llama.cpp build can put layers on a GPU."""
    import llama_cpp

    return bool(llama_cpp.llama_supports_gpu_offload())


def plan_serve(
    path: Path,
    hw: HardwareProfile,
    *,
    n_ctx: int | None,
    gpu_layers: GpuLayers,
    offload: bool,
    port: int = 0,
    api_key: str = "",
    n_threads: int = 0,
    keep_running: bool = False,
    model_id: str | None = None,
) -> ServePlan:
    header = read_header(path)
    requested = n_ctx or min(DEFAULT_CONTEXT, header.context_length)
    plan = plan_load(
        shape_of(header),
        hw,
        n_ctx=requested,
        gpu_layers=gpu_layers,
        supports_offload=offload,
        ctx_explicit=n_ctx is not None,
    )
    settings = ServeSettings(
        path=path.resolve(),
        model_id=model_id or model_id_for(path),
        port=port,
        api_key=api_key,
        n_ctx=plan.n_ctx,
        n_gpu_layers=plan.n_gpu_layers,
        tensor_split=tuple(plan.estimate.tensor_split),  # the plan's own split, exactly
        n_threads=n_threads,
        keep_running=keep_running,
    )
    return ServePlan(settings, plan, header.arch)
