"""GPU probes: NVIDIA (NVML, nvidia-smi), AMD and Intel (Linux sysfs, rocm-smi), Apple.

The parsers are pure functions over what the tools print or the kernel exposes, so the
tests feed them recorded output. ``probe_gpus`` tries each source in turn and returns the
GPUs found plus one phrase per source that failed, which the caller turns into
``HardwareProfile.unknown`` when nothing was found.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wizard_app.core.hardware.bandwidth import lookup_bandwidth
from wizard_app.core.hardware.profile import GiB, GpuInfo, apple_metal_share
from wizard_app.core.hardware.run import ProbeFailed, Runner, run_tool

MiB = 1024**2

VENDOR_AMD = "1002"
VENDOR_NVIDIA = "10de"
VENDOR_INTEL = "8086"

PCI_IDS_PATHS: tuple[Path, ...] = (
    Path("/usr/share/hwdata/pci.ids"),
    Path("/usr/share/misc/pci.ids"),
    Path("/usr/share/pci.ids"),
)

NVIDIA_SMI_QUERY = (
    "nvidia-smi",
    "--query-gpu=name,memory.total,memory.free,driver_version",
    "--format=csv,noheader,nounits",
)
ROCM_SMI_QUERY = ("rocm-smi", "--showproductname", "--showmeminfo", "vram", "--json")

UNIFIED_NVIDIA_NOTE = (
    "the driver reports no separate memory, as on unified-memory parts (DGX Spark, "
    "Jetson): the GPU shares system RAM"
)
INTEL_NOTE = (
    "shares system memory with the CPU, so its memory is counted as RAM; for an Arc card "
    "give --gpu intel --vram-gb N"
)


def _hex_id(value: str | None) -> str | None:
    """``0x1002`` / ``1002`` -> ``1002``; anything else -> None."""
    if value is None:
        return None
    text = value.strip().lower().removeprefix("0x")
    return text.zfill(4) if re.fullmatch(r"[0-9a-f]{1,4}", text) else None


# --- NVIDIA ----------------------------------------------------------------------------


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


# --- AMD: rocm-smi ---------------------------------------------------------------------


@dataclass(frozen=True)
class RocmCard:
    key: str
    name: str | None
    vram_total: int | None
    vram_used: int | None
    ids: frozenset[str]


def _lower_keys(card: dict[str, Any]) -> dict[str, str]:
    return {str(k).strip().lower(): str(v).strip() for k, v in card.items()}


def _byte_count(value: str | None) -> int | None:
    if value is None or not value.isdigit():
        return None
    return int(value)


def parse_rocm_smi_json(text: str) -> list[RocmCard]:
    """Cards in ``rocm-smi --showproductname --showmeminfo vram --json`` output.

    Key spelling varies between ROCm releases ("Card series" / "Card Series"), and the
    series is sometimes only a device ID ("0x747e") or "N/A"; such names are dropped.
    """
    start = text.find("{")
    if start < 0:
        raise ValueError("rocm-smi printed no JSON")
    data = json.loads(text[start:])
    if not isinstance(data, dict):
        raise ValueError("rocm-smi JSON is not an object")
    cards: list[RocmCard] = []
    for key in sorted(data, key=lambda k: (len(str(k)), str(k))):
        value = data[key]
        if not re.fullmatch(r"card\d+", str(key)) or not isinstance(value, dict):
            continue
        fields = _lower_keys(value)
        name = None
        for name_key in ("device name", "card series", "product name"):
            candidate = fields.get(name_key, "")
            if candidate and candidate.upper() != "N/A" and _hex_id(candidate) is None:
                name = candidate
                break
        ids = frozenset(
            i
            for k in ("device id", "card model", "card series")
            if (i := _hex_id(fields.get(k))) is not None
        )
        cards.append(
            RocmCard(
                key=str(key),
                name=name,
                vram_total=_byte_count(fields.get("vram total memory (b)")),
                vram_used=_byte_count(fields.get("vram total used memory (b)")),
                ids=ids,
            )
        )
    return cards


# --- Linux sysfs and the PCI ID database -----------------------------------------------


@dataclass(frozen=True)
class DrmCard:
    card: str
    vendor: str
    device: str | None = None
    subsystem_vendor: str | None = None
    subsystem_device: str | None = None
    driver: str | None = None
    vram_total: int | None = None
    vram_used: int | None = None
    product_name: str | None = None


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return None


def read_drm_cards(sys_root: Path) -> list[DrmCard]:
    """PCI display devices under ``sys_root/class/drm/card*`` (the kernel's own figures).

    amdgpu exposes ``mem_info_vram_total`` / ``mem_info_vram_used`` in bytes; other
    drivers expose only vendor and device IDs.
    """
    drm = sys_root / "class" / "drm"
    if not drm.is_dir():
        raise ProbeFailed(f"no {drm} (no GPU driver loaded)")
    try:
        entries = [e for e in drm.iterdir() if re.fullmatch(r"card\d+", e.name)]
    except OSError as exc:
        raise ProbeFailed(f"cannot list {drm}: {exc.strerror or exc}") from None
    cards: list[DrmCard] = []
    for entry in sorted(entries, key=lambda e: int(e.name[4:])):
        device = entry / "device"
        vendor = _hex_id(_read(device / "vendor"))
        if vendor is None:  # simpledrm and other non-PCI framebuffers
            continue
        driver_link = device / "driver"
        driver = driver_link.resolve().name if driver_link.exists() else None
        total, used = _read(device / "mem_info_vram_total"), _read(device / "mem_info_vram_used")
        cards.append(
            DrmCard(
                card=entry.name,
                vendor=vendor,
                device=_hex_id(_read(device / "device")),
                subsystem_vendor=_hex_id(_read(device / "subsystem_vendor")),
                subsystem_device=_hex_id(_read(device / "subsystem_device")),
                driver=driver,
                vram_total=_byte_count(total),
                vram_used=_byte_count(used),
                product_name=_read(device / "product_name") or None,
            )
        )
    return cards


def lookup_pci_name(
    text: str,
    vendor: str,
    device: str,
    subsystem_vendor: str | None = None,
    subsystem_device: str | None = None,
) -> str | None:
    """A device's name in ``pci.ids`` text: the board's (subsystem) name if listed, else
    the chip's. Vendors sit at the margin, devices one tab in, subsystems two."""
    vendor, device = vendor.lower(), device.lower()
    sub = (
        f"{subsystem_vendor.lower()} {subsystem_device.lower()}"
        if subsystem_vendor and subsystem_device
        else None
    )
    in_vendor = False
    device_name: str | None = None
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        if not line.startswith("\t"):
            if in_vendor:
                break  # past our vendor
            in_vendor = line[:4].lower() == vendor and line[4:6] == "  "
            continue
        if not in_vendor:
            continue
        if line.startswith("\t\t"):
            if device_name is not None and sub and line[2:11].lower() == sub:
                return line[11:].strip()
            continue
        if device_name is not None:
            break  # past our device
        if line[1:5].lower() == device and line[5:7] == "  ":
            device_name = line[7:].strip()
    return device_name


def read_pci_ids(paths: Iterable[Path]) -> str | None:
    for path in paths:
        text = _read(path)
        if text:
            return text
    return None


def _with_vendor(name: str, vendor_word: str) -> str:
    return name if name.lower().startswith(vendor_word.lower()) else f"{vendor_word} {name}"


_VENDOR_WORD = {VENDOR_AMD: "AMD", VENDOR_NVIDIA: "NVIDIA", VENDOR_INTEL: "Intel"}


def _card_name(card: DrmCard, pci_ids: str | None, rocm_name: str | None = None) -> str:
    word = _VENDOR_WORD.get(card.vendor, f"GPU vendor {card.vendor}")
    name = card.product_name or rocm_name
    if name is None and pci_ids and card.device:
        name = lookup_pci_name(
            pci_ids, card.vendor, card.device, card.subsystem_vendor, card.subsystem_device
        )
    if name is None:
        return f"{word} GPU [{card.vendor}:{card.device or '?'}]"
    return _with_vendor(name, word)


def _match_rocm(
    card: DrmCard, amd_cards: Sequence[DrmCard], rocm: Sequence[RocmCard]
) -> RocmCard | None:
    if len(amd_cards) == 1 and len(rocm) == 1:
        return rocm[0]
    matches = [r for r in rocm if card.device is not None and card.device in r.ids]
    return matches[0] if len(matches) == 1 else None


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


def _rocm_cards(runner: Runner) -> list[RocmCard]:
    try:
        return parse_rocm_smi_json(run_tool(runner, ROCM_SMI_QUERY))
    except ValueError as exc:
        raise ProbeFailed(f"rocm-smi output not understood ({exc})") from None


def _rocm_gpu(card: RocmCard) -> GpuInfo:
    free = None
    if card.vram_total is not None and card.vram_used is not None:
        free = max(0, card.vram_total - card.vram_used)
    return GpuInfo(
        vendor="amd",
        name=_with_vendor(card.name, "AMD") if card.name else f"AMD GPU ({card.key})",
        memory_total_bytes=card.vram_total,
        memory_free_bytes=free,
        source="rocm-smi",
    )


def _probe_linux_cards(
    runner: Runner, sys_root: Path, pci_ids_paths: Sequence[Path], result: GpuProbe
) -> None:
    nvidia_found = any(g.vendor == "nvidia" for g in result.gpus)
    try:
        cards = read_drm_cards(sys_root)
    except ProbeFailed as exc:
        result.failures.append(exc.reason)
        try:
            listed = _rocm_cards(runner)
        except ProbeFailed as rocm_exc:
            result.failures.append(rocm_exc.reason)
            return
        result.gpus.extend(_rocm_gpu(c) for c in listed)
        if not listed:
            result.failures.append("rocm-smi lists no card")
        return
    if not cards:
        result.failures.append(f"no GPU in {sys_root / 'class' / 'drm'}")
        return
    pci_ids = read_pci_ids(pci_ids_paths)
    amd = [c for c in cards if c.vendor == VENDOR_AMD]
    rocm: list[RocmCard] = []
    rocm_failure = ""
    if any(c.product_name is None or c.vram_total is None for c in amd):
        try:
            rocm = _rocm_cards(runner)
        except ProbeFailed as exc:
            rocm_failure = exc.reason
    for card in cards:
        if card.vendor == VENDOR_AMD:
            match = _match_rocm(card, amd, rocm)
            total = card.vram_total
            used = card.vram_used
            source = "sysfs"
            if total is None and match is not None and match.vram_total is not None:
                total, used, source = match.vram_total, match.vram_used, "rocm-smi"
            if total is None:
                why = rocm_failure or "rocm-smi gave no figure"
                result.memory_unknown.append(
                    f"{card.card}: amdgpu exposes no mem_info_vram_total and {why}"
                )
            free = max(0, total - used) if total is not None and used is not None else None
            result.gpus.append(
                GpuInfo(
                    vendor="amd",
                    name=_card_name(card, pci_ids, match.name if match else None),
                    memory_total_bytes=total,
                    memory_free_bytes=free,
                    driver=card.driver,
                    source=source,
                )
            )
        elif card.vendor == VENDOR_INTEL:
            result.gpus.append(
                GpuInfo(
                    vendor="intel",
                    name=_card_name(card, pci_ids),
                    kind="integrated",
                    driver=card.driver,
                    source="sysfs",
                    note=INTEL_NOTE,
                )
            )
        elif card.vendor == VENDOR_NVIDIA and not nvidia_found:
            result.gpus.append(
                GpuInfo(
                    vendor="nvidia",
                    name=_card_name(card, pci_ids),
                    driver=card.driver,
                    source="sysfs",
                    note="neither NVML nor nvidia-smi answered: is the NVIDIA driver "
                    "installed? Its memory is unknown",
                )
            )
            why = "; ".join(result.failures[:2]) or "its driver tools did not answer"
            result.memory_unknown.append(f"{card.card}: NVIDIA GPU present but {why}")


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
