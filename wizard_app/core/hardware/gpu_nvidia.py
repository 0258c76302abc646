"""NVIDIA GPUs: NVML through its Python binding, else the ``nvidia-smi`` CSV output."""

from __future__ import annotations

import contextlib
from typing import Any

from wizard_app.core.hardware.profile import GpuInfo
from wizard_app.core.hardware.run import ProbeFailed

MiB = 1024**2

NVIDIA_SMI_QUERY = (
    "nvidia-smi",
    "--query-gpu=name,memory.total,memory.free,driver_version",
    "--format=csv,noheader,nounits",
)
UNIFIED_NVIDIA_NOTE = (
    "the driver reports no separate memory, as on unified-memory parts (DGX Spark, "
    "Jetson): the GPU shares system RAM"
)


def _mib(field_text: str, line: str) -> int | None:
    text = field_text.strip()
    if text.startswith("[") or text.upper() in {"N/A", ""}:  # [N/A], [Not Supported]
        return None
    try:
        return int(float(text) * MiB)
    except ValueError:
        raise ValueError(f"unexpected memory figure {text!r} in nvidia-smi line {line!r}") from None


def parse_nvidia_smi_csv(text: str) -> list[GpuInfo]:
    """Rows of ``nvidia-smi --query-gpu=name,memory.total,memory.free,driver_version
    --format=csv,noheader,nounits`` (MiB).

    A GPU without memory figures (``[N/A]``) is a unified-memory part; its memory is
    filled in from system RAM by the caller.
    """
    gpus: list[GpuInfo] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in line.rsplit(",", 3)]
        if len(parts) != 4 or not parts[0]:
            raise ValueError(f"unexpected nvidia-smi line {line.strip()!r}")
        name, total, free, driver = parts
        total_b, free_b = _mib(total, line), _mib(free, line)
        gpus.append(
            GpuInfo(
                vendor="nvidia",
                name=name,
                kind="discrete" if total_b is not None else "unified",
                memory_total_bytes=total_b,
                memory_free_bytes=free_b,
                driver=None if driver.startswith("[") else driver,
                source="nvidia-smi",
                note="" if total_b is not None else UNIFIED_NVIDIA_NOTE,
            )
        )
    return gpus


def load_nvml() -> Any:
    """The ``pynvml`` module of nvidia-ml-py."""
    try:
        import pynvml
    except ImportError:
        raise ProbeFailed("nvidia-ml-py is not installed") from None
    return pynvml


def _text(value: Any) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def read_nvml(nvml: Any) -> list[GpuInfo]:
    """Every NVIDIA GPU NVML reports. ``nvml`` is the pynvml module (or a stand-in)."""
    try:
        nvml.nvmlInit()
    except Exception as exc:
        raise ProbeFailed(f"NVML: {exc}") from None
    try:
        driver = _text(nvml.nvmlSystemGetDriverVersion())
        gpus: list[GpuInfo] = []
        for index in range(int(nvml.nvmlDeviceGetCount())):
            handle = nvml.nvmlDeviceGetHandleByIndex(index)
            name = _text(nvml.nvmlDeviceGetName(handle))
            try:
                memory = nvml.nvmlDeviceGetMemoryInfo(handle)
                total: int | None = int(memory.total)
                free: int | None = int(memory.free)
            except nvml.NVMLError:
                total = free = None  # NOT_SUPPORTED on unified-memory parts
            gpus.append(
                GpuInfo(
                    vendor="nvidia",
                    name=name,
                    kind="discrete" if total is not None else "unified",
                    memory_total_bytes=total,
                    memory_free_bytes=free,
                    driver=driver,
                    source="nvml",
                    note="" if total is not None else UNIFIED_NVIDIA_NOTE,
                )
            )
        return gpus
    except Exception as exc:
        raise ProbeFailed(f"NVML: {exc}") from None
    finally:
        with contextlib.suppress(Exception):  # a failed shutdown changes nothing we report
            nvml.nvmlShutdown()
