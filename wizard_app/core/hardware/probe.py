"""``detect()``: read this machine into a ``HardwareProfile``.

Each probe stands alone: one that fails leaves its figures ``None`` and says why in
``profile.unknown[key]``; the others still run. Keys: ``os``, ``ram``, ``cores``,
``cpu_model``, ``cpu_features``, ``gpu``, ``gpu_memory``, ``disk``, ``ram_bandwidth``.

Everything the probes touch (the OS name, the command runner, NVML, ``/proc``, ``/sys``,
``/etc``, psutil) comes through ``ProbeEnv``, so tests can describe another machine with
recorded files and tool output.
"""

from __future__ import annotations

import logging
import platform
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wizard_app.core.hardware.cpu import WindowsCpuReader, read_cpu, read_windows_cpu
from wizard_app.core.hardware.gpu import (
    PCI_IDS_PATHS,
    apple_gpu,
    load_nvml,
    probe_gpus,
)
from wizard_app.core.hardware.profile import (
    DEFAULT_RAM_BANDWIDTH_GBS,
    CpuInfo,
    HardwareProfile,
)
from wizard_app.core.hardware.run import ProbeFailed, Runner, run_subprocess, run_tool

log = logging.getLogger(__name__)

_ARCH_NAMES = {"amd64": "x86_64", "x64": "x86_64", "x86_64": "x86_64", "aarch64": "arm64"}


def normalise_arch(machine: str) -> str | None:
    """``x86_64`` or ``arm64`` for the usual spellings; others lowercased."""
    name = machine.strip().lower()
    return _ARCH_NAMES.get(name, name) or None


def parse_os_release(text: str) -> dict[str, str]:
    """``KEY=value`` lines of ``/etc/os-release``, quotes removed."""
    values: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.strip().partition("=")
        if sep and key and not key.startswith("#"):
            values[key] = value.strip().strip("\"'")
    return values


def _psutil_memory() -> tuple[int, int]:
    import psutil

    vm = psutil.virtual_memory()
    return int(vm.total), int(vm.available)


def _psutil_cores() -> tuple[int | None, int | None]:
    import psutil

    return psutil.cpu_count(logical=False), psutil.cpu_count(logical=True)


def _disk_free(path: Path) -> int:
    return int(shutil.disk_usage(path).free)


def _default_models_dir() -> Path:
    from wizard_app.core.paths import AppPaths

    return AppPaths.resolve().models


@dataclass
class ProbeEnv:
    """The machine as the probes see it. Defaults read the real one."""

    system: str = field(default_factory=platform.system)
    machine: str = field(default_factory=platform.machine)
    kernel: str = field(default_factory=platform.release)
    runner: Runner = run_subprocess
    nvml: Callable[[], Any] = load_nvml
    proc_root: Path = Path("/proc")
    sys_root: Path = Path("/sys")
    etc_root: Path = Path("/etc")
    pci_ids_paths: Sequence[Path] = PCI_IDS_PATHS
    memory: Callable[[], tuple[int, int]] = _psutil_memory
    cores: Callable[[], tuple[int | None, int | None]] = _psutil_cores
    disk_free: Callable[[Path], int] = _disk_free
    windows_cpu: WindowsCpuReader = read_windows_cpu
    mac_version: Callable[[], str] = field(default=lambda: platform.mac_ver()[0])
    windows_version: Callable[[], str] = field(default=platform.version)


def nearest_existing(path: Path) -> Path:
    """``path`` or its closest parent that exists (the models folder may not exist yet)."""
    current = path.expanduser().absolute()
    while not current.exists() and current != current.parent:
        current = current.parent
    return current


def _probe_os(env: ProbeEnv, profile: HardwareProfile) -> None:
    system = env.system
    profile.arch = normalise_arch(env.machine)
    if system == "Linux":
        profile.os = "Linux"
        pretty = None
        for path in (env.etc_root / "os-release", env.etc_root.parent / "usr/lib/os-release"):
            try:
                pretty = parse_os_release(path.read_text(encoding="utf-8")).get("PRETTY_NAME")
                break
            except OSError:
                continue
        kernel = f"kernel {env.kernel}" if env.kernel else ""
        profile.os_version = ", ".join(p for p in (pretty, kernel) if p) or None
    elif system == "Darwin":
        profile.os = "macOS"
        profile.os_version = env.mac_version() or None
        if profile.arch == "x86_64" and _rosetta(env):
            profile.arch = "arm64"  # an x86 Python under Rosetta on Apple Silicon
    elif system == "Windows":
        profile.os = "Windows"
        profile.os_version = env.windows_version() or None
    else:
        profile.os = system or None
        profile.os_version = env.kernel or None
    if profile.os is None:
        raise ProbeFailed("platform.system() gave nothing")


def _rosetta(env: ProbeEnv) -> bool:
    try:
        return run_tool(env.runner, ["sysctl", "-n", "sysctl.proc_translated"]).strip() == "1"
    except ProbeFailed:
        return False


def _probe_ram(env: ProbeEnv, profile: HardwareProfile) -> None:
    total, available = env.memory()
    if total <= 0:
        raise ProbeFailed(f"psutil reported {total} bytes of RAM")
    profile.ram_total_bytes, profile.ram_available_bytes = int(total), int(available)


def _probe_cores(env: ProbeEnv, profile: HardwareProfile) -> None:
    physical, logical = env.cores()
    profile.cpu.physical_cores = physical or None
    profile.cpu.logical_cores = logical or None
    if not physical:
        what = "physical cores" if logical else "cores"
        raise ProbeFailed(f"psutil could not count the {what}")


def _probe_cpu(env: ProbeEnv, profile: HardwareProfile) -> None:
    reading = read_cpu(env.system, env.runner, env.proc_root, env.windows_cpu)
    profile.cpu.model = reading.model
    profile.cpu.features = reading.features
    profile.unknown.update(reading.unknown)


def _probe_disk(env: ProbeEnv, profile: HardwareProfile, models_dir: Path) -> None:
    profile.disk_path = str(models_dir)
    target = nearest_existing(models_dir)
    try:
        profile.disk_free_bytes = int(env.disk_free(target))
    except OSError as exc:
        raise ProbeFailed(f"cannot read free space at {target}: {exc.strerror or exc}") from None


def _probe_gpus(env: ProbeEnv, profile: HardwareProfile) -> None:
    apple_silicon = env.system == "Darwin" and profile.arch == "arm64"
    if apple_silicon:
        profile.gpus = [
            apple_gpu(profile.cpu.model, profile.ram_total_bytes, profile.cpu.physical_cores)
        ]
        if profile.ram_total_bytes is None:
            profile.unknown["gpu_memory"] = "unified memory, but the RAM size is unknown"
        return
    found = probe_gpus(env.system, env.runner, env.nvml, env.sys_root, env.pci_ids_paths)
    for gpu in found.gpus:
        if gpu.kind == "unified" and gpu.memory_total_bytes is None:
            gpu.memory_total_bytes = profile.ram_total_bytes
            gpu.memory_free_bytes = profile.ram_available_bytes
    profile.gpus = found.gpus
    if found.memory_unknown:
        profile.unknown["gpu_memory"] = "; ".join(found.memory_unknown)
    if not found.gpus:
        if env.system == "Darwin":
            found.failures.append("the GPU of an Intel Mac is not probed")
        reasons = "; ".join(found.failures) or "no probe applies to this system"
        profile.unknown["gpu"] = f"no GPU found: {reasons}"


def _run_probe(key: str, profile: HardwareProfile, probe: Callable[[], None]) -> None:
    try:
        probe()
    except ProbeFailed as exc:
        profile.unknown[key] = exc.reason
    except Exception as exc:  # a probe must never take the others down
        log.warning("hardware probe %s failed", key, exc_info=True)
        profile.unknown[key] = f"unexpected error: {type(exc).__name__}: {exc}"


def detect(models_dir: Path | None = None, *, env: ProbeEnv | None = None) -> HardwareProfile:
    """Probe this machine (or the one ``env`` describes).

    ``models_dir`` is where models will be stored; its free space (or that of its nearest
    existing parent) is reported. By default the app's platform models folder.
    """
    env = env or ProbeEnv()
    profile = HardwareProfile(cpu=CpuInfo())
    _run_probe("os", profile, lambda: _probe_os(env, profile))
    _run_probe("ram", profile, lambda: _probe_ram(env, profile))
    _run_probe("cores", profile, lambda: _probe_cores(env, profile))
    _run_probe("cpu_model", profile, lambda: _probe_cpu(env, profile))
    _run_probe("gpu", profile, lambda: _probe_gpus(env, profile))
    _run_probe(
        "disk",
        profile,
        lambda: _probe_disk(env, profile, models_dir or _default_models_dir()),
    )
    profile.unknown["ram_bandwidth"] = (
        f"not measured; estimates assume {DEFAULT_RAM_BANDWIDTH_GBS:g} GB/s "
        "(dual-channel DDR4-3200); give --ram-bandwidth-gbs if you know it"
    )
    log.info(
        "hardware: %s %s, RAM %s, %d GPU(s), unknown: %s",
        profile.os,
        profile.arch,
        profile.ram_total_bytes,
        len(profile.gpus),
        ", ".join(sorted(profile.unknown)) or "none",
    )
    return profile
