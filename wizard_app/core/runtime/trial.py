"""One trial run, end to end: check the file, plan the load, load, generate, measure.

``trial_run`` is the generator the CLI and the GUI iterate. It reads the GGUF header and
checks the architecture in the app's process (a clear error before any process starts),
plans context and GPU layers from the fit estimate (``placement.plan_load``), loads the
model in the worker unless it is already loaded with the same settings, streams the
tokens and ends with a ``TrialResult``: what was asked, what was predicted and what was
measured, ready for the caller to store.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wizard_app.core.cancel import CancelToken
from wizard_app.core.errors import InputError
from wizard_app.core.gguf.header import GGUFHeader, shape_of
from wizard_app.core.gguf.reader import read_header
from wizard_app.core.hardware.profile import GiB, HardwareProfile
from wizard_app.core.runtime import protocol as p
from wizard_app.core.runtime.archs import check_architecture
from wizard_app.core.runtime.client import RuntimeClient
from wizard_app.core.runtime.placement import (
    GpuLayers,
    LoadPlan,
    hardware_with_devices,
    plan_load,
)

DEFAULT_CONTEXT = 4096


@dataclass(frozen=True)
class TrialSettings:
    path: Path
    prompt: str
    system: str | None = None
    chat: bool = True  # render with the chat template; False sends the prompt as is
    max_tokens: int = 256
    n_ctx: int | None = None  # None: DEFAULT_CONTEXT (capped at the trained context)
    n_threads: int | None = None
    gpu_layers: GpuLayers = "auto"
    n_batch: int = 512
    n_ubatch: int = 512
    flash_attn: bool = False
    cache_type_k: p.CacheType = "f16"
    cache_type_v: p.CacheType = "f16"
    temperature: float = 0.8
    top_p: float = 0.95
    top_k: int = 40
    min_p: float = 0.05
    repeat_penalty: float = 1.1
    seed: int | None = None
    stop: tuple[str, ...] = ()
    ignore_eos: bool = False

    def sampling(self) -> dict[str, Any]:
        return {
            "temperature": self.temperature,
            "top_p": self.top_p,
            "top_k": self.top_k,
            "min_p": self.min_p,
            "repeat_penalty": self.repeat_penalty,
            "max_tokens": self.max_tokens,
            "seed": self.seed,
            "stop": list(self.stop),
            "chat": self.chat,
        }


@dataclass(frozen=True)
class Planned:
    """First event: the file's facts and the load plan (shown before loading starts)."""

    header: GGUFHeader
    plan: LoadPlan


@dataclass(frozen=True)
class TrialResult:
    """Last event: everything a run record needs."""

    settings: TrialSettings
    header: GGUFHeader
    plan: LoadPlan
    model: p.ModelInfo
    metrics: p.RunMetrics
    output: str
    llama_cpp_version: str
    notes: tuple[str, ...] = field(default=())

    @property
    def predicted_rss_bytes(self) -> int:
        """The estimate for this process's memory (the CPU side when layers are offloaded)."""
        return self.plan.estimate.cpu_bytes

    @property
    def predicted_tok_per_s(self) -> float | None:
        return self.plan.estimate.tokens_per_s


TrialEvent = Planned | p.LoadProgress | p.Loaded | p.Token | p.Done | TrialResult


def _wanted_load(settings: TrialSettings, plan: LoadPlan) -> p.Load:
    return p.Load(
        path=str(settings.path.resolve()),
        n_ctx=plan.n_ctx,
        n_gpu_layers=plan.n_gpu_layers,
        n_threads=settings.n_threads,
        n_batch=settings.n_batch,
        n_ubatch=settings.n_ubatch,
        flash_attn=settings.flash_attn,
        cache_type_k=settings.cache_type_k,
        cache_type_v=settings.cache_type_v,
        tensor_split=tuple(plan.estimate.tensor_split),
    )


def _plan(
    settings: TrialSettings, header: GGUFHeader, hw: HardwareProfile, hello: p.Hello
) -> LoadPlan:
    """How the model will be loaded on this machine; InputError if it cannot fit in RAM."""
    shape = shape_of(header)
    requested = settings.n_ctx or min(DEFAULT_CONTEXT, header.context_length)
    plan = plan_load(
        shape,
        hardware_with_devices(hw, hello.devices),
        n_ctx=requested,
        gpu_layers=settings.gpu_layers,
        supports_offload=hello.supports_gpu_offload,
        ctx_explicit=settings.n_ctx is not None,
        cache_type=settings.cache_type_k,
        flash_attention=settings.flash_attn,
    )
    total_ram = hw.ram_total_bytes
    if total_ram and plan.estimate.cpu_bytes > total_ram:
        raise InputError(
            f"{settings.path.name} at {plan.n_ctx:,} tokens of context needs about "
            f"{plan.estimate.cpu_bytes / GiB:.1f} GiB of memory; this machine has "
            f"{total_ram / GiB:.1f} GiB.",
            "Choose a smaller context or a smaller model or quant.",
        )
    return plan


def _generate_request(settings: TrialSettings) -> p.Generate:
    """The worker request for ``settings``: a chat turn or a plain completion."""
    return p.Generate(
        messages=(p.ChatMessage("user", settings.prompt),) if settings.chat else (),
        prompt=None if settings.chat else settings.prompt,
        system=settings.system,
        temperature=settings.temperature,
        top_p=settings.top_p,
        top_k=settings.top_k,
        min_p=settings.min_p,
        repeat_penalty=settings.repeat_penalty,
        max_tokens=settings.max_tokens,
        seed=settings.seed,
        stop=settings.stop,
        ignore_eos=settings.ignore_eos,
    )


def trial_run(
    client: RuntimeClient,
    settings: TrialSettings,
    hw: HardwareProfile,
    token: CancelToken | None = None,
) -> Iterator[TrialEvent]:
    """Run one prompt on one local model; see the module docstring for the events."""
    header = read_header(settings.path)
    hello = client.start()
    check_architecture(header.arch, hello.architectures, what=settings.path.name)
    plan = _plan(settings, header, hw, hello)
    yield Planned(header, plan)
    load = _wanted_load(settings, plan)
    if client.model is None or client.loaded_with != load:
        yield from client.load(load, token)
        if client.model is None:  # cancelled
            return
    if token is not None and token.is_set():
        return
    model = client.model
    assert model is not None
    request = _generate_request(settings)
    done: p.Done | None = None
    for event in client.generate(request, token):
        if isinstance(event, p.Done):
            done = event
        yield event
    if done is None:
        return
    yield TrialResult(
        settings=settings,
        header=header,
        plan=plan,
        model=model,
        metrics=done.metrics,
        output=done.text,
        llama_cpp_version=hello.llama_cpp_version,
        notes=plan.notes + model.notes,
    )
