"""GPU probes: NVIDIA (NVML, nvidia-smi: ``gpu_nvidia``), AMD and Intel (Linux sysfs,
rocm-smi: ``gpu_linux``), Apple.

The parsers are pure functions over what the tools print or the kernel exposes, so the
tests feed them recorded output. ``probe_gpus`` tries each source in turn and returns the
GPUs found plus one phrase per source that failed, which the caller turns into
``HardwareProfile.unknown`` when nothing was found.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wizard_app.core.hardware.bandwidth import lookup_bandwidth
from wizard_app.core.hardware.gpu_linux import (
    INTEL_NOTE,
    PCI_IDS_PATHS,
    ROCM_SMI_QUERY,
    VENDOR_AMD,
    VENDOR_INTEL,
    VENDOR_NVIDIA,
    DrmCard,
    RocmCard,
    lookup_pci_name,
    parse_rocm_smi_json,
    probe_linux_cards,
    read_drm_cards,
    read_pci_ids,
)
from wizard_app.core.hardware.gpu_nvidia import (
    NVIDIA_SMI_QUERY,
    UNIFIED_NVIDIA_NOTE,
    load_nvml,
    parse_nvidia_smi_csv,
    read_nvml,
)
from wizard_app.core.hardware.profile import GiB, GpuInfo, apple_metal_share
from wizard_app.core.hardware.run import ProbeFailed, Runner, run_tool

__all__ = [  # the probes' names, kept importable from here
    "INTEL_NOTE",
    "NVIDIA_SMI_QUERY",
    "PCI_IDS_PATHS",
    "ROCM_SMI_QUERY",
    "UNIFIED_NVIDIA_NOTE",
    "VENDOR_AMD",
    "VENDOR_INTEL",
    "VENDOR_NVIDIA",
    "DrmCard",
    "GpuProbe",
    "RocmCard",
    "apple_bandwidth_gbs",
    "apple_gpu",
    "load_nvml",
    "lookup_pci_name",
    "parse_nvidia_smi_csv",
    "parse_rocm_smi_json",
    "probe_gpus",
    "read_drm_cards",
    "read_nvml",
    "read_pci_ids",
]


# --- Apple -----------------------------------------------------------------------------


def apple_bandwidth_gbs(chip: str, physical_cores: int | None) -> float | None:
    """Apple's published figure for the chip (resources/gpu_bandwidth.yaml).

    Where one chip name covers two bins, the CPU core count chooses; an unknown count
    takes the lower figure.
    """
    if not chip.strip().lower().startswith("apple"):
        return None
    row = lookup_bandwidth(chip, cpu_cores=physical_cores)
    return row.bandwidth_gbs if row is not None and row.vendor == "apple" else None


def apple_gpu(chip: str | None, ram_total: int | None, physical_cores: int | None) -> GpuInfo:
    """The GPU of an Apple Silicon Mac: unified memory, of which Metal may use a share."""
    name = chip if chip and chip.startswith("Apple") else "Apple Silicon GPU"
    memory = int(ram_total * apple_metal_share(ram_total)) if ram_total else None
    share = "3/4" if ram_total and ram_total >= 36 * GiB else "2/3"
    return GpuInfo(
        vendor="apple",
        name=name,
        kind="unified",
        memory_total_bytes=memory,
        bandwidth_gbs=apple_bandwidth_gbs(name, physical_cores),
        source="sysctl",
        note=f"unified memory: Metal may use about {share} of system RAM by default",
    )


# --- The probe -------------------------------------------------------------------------


@dataclass
class GpuProbe:
    gpus: list[GpuInfo] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # one phrase per source that failed
    memory_unknown: list[str] = field(default_factory=list)


def _probe_nvidia(runner: Runner, nvml_loader: Callable[[], Any], result: GpuProbe) -> None:
    try:
        gpus = read_nvml(nvml_loader())
    except ProbeFailed as exc:
        result.failures.append(
            exc.reason if exc.reason.startswith("NVML") else f"NVML: {exc.reason}"
        )
    else:
        if not gpus:
            result.failures.append("NVML: no NVIDIA GPU")
        result.gpus.extend(gpus)
        return
    try:
        result.gpus.extend(parse_nvidia_smi_csv(run_tool(runner, NVIDIA_SMI_QUERY)))
    except ProbeFailed as exc:
        result.failures.append(exc.reason)
    except ValueError as exc:
        result.failures.append(f"nvidia-smi output not understood ({exc})")


def _probe_linux_cards(
    runner: Runner, sys_root: Path, pci_ids_paths: Sequence[Path], result: GpuProbe
) -> None:
    nvidia_found = any(g.vendor == "nvidia" for g in result.gpus)
    found = probe_linux_cards(runner, sys_root, pci_ids_paths, nvidia_found, result.failures)
    result.gpus.extend(found.gpus)
    result.failures.extend(found.failures)
    result.memory_unknown.extend(found.memory_unknown)


def probe_gpus(
    system: str,
    runner: Runner,
    nvml_loader: Callable[[], Any] = load_nvml,
    sys_root: Path = Path("/sys"),
    pci_ids_paths: Sequence[Path] = PCI_IDS_PATHS,
) -> GpuProbe:
    """Discrete and integrated GPUs on Linux and Windows (Apple Silicon is ``apple_gpu``)."""
    result = GpuProbe()
    if system == "Darwin":
        return result
    _probe_nvidia(runner, nvml_loader, result)
    if system == "Linux":
        _probe_linux_cards(runner, sys_root, pci_ids_paths, result)
    elif system == "Windows":
        result.failures.append(
            "AMD and Intel GPUs are not probed on Windows (give --gpu and --vram-gb)"
        )
    return result
