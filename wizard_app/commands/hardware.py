"""``model-wizard hardware [--json] [overrides]``: what this machine has."""

from __future__ import annotations

import argparse

from wizard_app.commands._common import CliContext, add_json_flag, print_json
from wizard_app.commands._hardware_args import add_hardware_override_args
from wizard_app.commands._machine import hardware_from_args
from wizard_app.core.hardware.profile import GiB, GpuInfo, HardwareProfile

ORDER = 10


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "hardware",
        help="show the RAM, CPU, GPUs and disk space detected",
        description="Show what the wizard detects on this machine. Figures that could not be "
        "read are listed with the reason; the override flags replace detected figures.",
    )
    add_json_flag(p)
    p.add_argument(
        "--measure",
        action="store_true",
        help="time llama.cpp on this CPU (about 10-20 s) and keep the figures for the speed "
        "predictions; run it again after changing the machine or the app",
    )
    add_hardware_override_args(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    profile = hardware_from_args(args, ctx)
    if args.measure:
        profile = _measure(args, ctx, profile)
    if args.json:
        print_json(profile)
    else:
        print(format_profile(profile), end="")
    return 0


def _measure(args: argparse.Namespace, ctx: CliContext, hw: HardwareProfile) -> HardwareProfile:
    import sys

    from wizard_app.core.errors import InputError
    from wizard_app.core.runtime.client import RuntimeClient
    from wizard_app.core.runtime.cpu_policy import SafetyMemory
    from wizard_app.core.runtime.machine_profile import measure

    if hw.planned or hw.overridden:
        raise InputError(
            "--measure times this machine, so it cannot be combined with hardware overrides.",
            "Run model-wizard hardware --measure without override flags.",
        )

    def say(stage: str) -> None:
        if not args.json:
            print(f"measuring: {stage}", file=sys.stderr, flush=True)

    with RuntimeClient(safety=SafetyMemory(ctx.paths.runtime_safety)) as client:
        prof = measure(client, ctx.paths.cache, hw, progress=say)
    return hw.model_copy(update={"compute": prof})


def _gib(n: int | None) -> str:
    return "unknown" if n is None else f"{n / GiB:.1f} GiB"


def _gpu_line(gpu: GpuInfo) -> str:
    parts = [f"{gpu.name} ({gpu.vendor}, {gpu.kind})"]
    if gpu.memory_total_bytes is not None:
        memory = _gib(gpu.memory_total_bytes)
        if gpu.memory_free_bytes is not None:
            memory += f", {_gib(gpu.memory_free_bytes)} free"
        parts.append(memory)
    else:
        parts.append("memory unknown")
    if gpu.bandwidth_gbs:
        parts.append(f"{gpu.bandwidth_gbs:g} GB/s")
    if gpu.driver:
        parts.append(f"driver {gpu.driver}")
    line = " - ".join(parts) + (f"  [{gpu.source}]" if gpu.source else "")
    return line + (f"\n{'':12}note: {gpu.note}" if gpu.note else "")


def format_profile(p: HardwareProfile) -> str:
    """A readable summary of ``p``, one figure per line."""
    lines: list[str] = []

    def row(label: str, text: str) -> None:
        lines.append(f"{label + ':':<12}{text}")

    os_text = " ".join(x for x in (p.os, f"({p.os_version})" if p.os_version else None) if x)
    row("OS", f"{os_text or 'unknown'}, {p.arch or 'unknown architecture'}")
    cores = []
    if p.cpu.physical_cores:
        cores.append(f"{p.cpu.physical_cores} cores")
    if p.cpu.logical_cores:
        cores.append(f"{p.cpu.logical_cores} threads")
    cpu = p.cpu.model or "unknown model"
    if cores:
        cpu += f", {' / '.join(cores)}"
    row("CPU", cpu)
    row("Features", " ".join(p.cpu.features) if p.cpu.features else "none detected")
    ram = f"{_gib(p.ram_total_bytes)} total"
    if p.ram_available_bytes is not None:
        ram += f", {_gib(p.ram_available_bytes)} available"
    elif "ram" not in p.overridden:
        ram += ", available unknown"
    if p.ram_bandwidth_gbs:
        ram += f", {p.ram_bandwidth_gbs:g} GB/s"
    row("RAM", ram)
    if not p.gpus:
        row("GPU", "none")
    for i, gpu in enumerate(p.gpus, 1):
        row("GPU" if len(p.gpus) == 1 else f"GPU {i}", _gpu_line(gpu))
    disk = _gib(p.disk_free_bytes) + " free"
    row("Disk", f"{disk} at {p.disk_path}" if p.disk_path else disk)
    c = p.compute
    if c is not None:
        row(
            "Measured",
            f"llama.cpp, {c.threads} threads: {c.bandwidth_gbs:g} GB/s reading weights, "
            f"{c.seconds_per_layer * 1e6:.0f} µs per layer, "
            f"{c.seconds_per_vocab * 1e12:.0f} µs per million vocabulary entries, "
            f"{c.matmul_gflops:g} GFLOP/s on prompts ({c.measured_at[:10]}; "
            "model-wizard hardware --measure repeats it)",
        )
    elif not p.planned and not p.overridden:
        row("Measured", "not yet: model-wizard hardware --measure (speed predictions use it)")
    if p.overridden:
        row("Overridden", ", ".join(p.overridden))
    if p.unknown:
        lines.append("Unknown:")
        lines.extend(f"  {key}: {why}" for key, why in sorted(p.unknown.items()))
    return "\n".join(lines) + "\n"
