"""AMD and Intel (and driver-less NVIDIA) GPUs on Linux: the kernel's DRM cards in sysfs,
their names from pci.ids, AMD memory from sysfs or ``rocm-smi``."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wizard_app.core.hardware.profile import GpuInfo
from wizard_app.core.hardware.run import ProbeFailed, Runner, run_tool

VENDOR_AMD = "1002"
VENDOR_NVIDIA = "10de"
VENDOR_INTEL = "8086"

PCI_IDS_PATHS: tuple[Path, ...] = (
    Path("/usr/share/hwdata/pci.ids"),
    Path("/usr/share/misc/pci.ids"),
    Path("/usr/share/pci.ids"),
)
ROCM_SMI_QUERY = ("rocm-smi", "--showproductname", "--showmeminfo", "vram", "--json")
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


# --- The probe of the cards ------------------------------------------------------------


@dataclass
class LinuxCards:
    """What the sysfs (and rocm-smi) probe found."""

    gpus: list[GpuInfo] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # one phrase per source that failed
    memory_unknown: list[str] = field(default_factory=list)


def probe_linux_cards(
    runner: Runner,
    sys_root: Path,
    pci_ids_paths: Sequence[Path],
    nvidia_found: bool,
    nvidia_failures: Sequence[str] = (),
) -> LinuxCards:
    """The DRM cards: AMD with their memory, Intel as integrated, NVIDIA when its own
    tools did not answer (``nvidia_failures`` says why)."""
    found = LinuxCards()
    try:
        cards = read_drm_cards(sys_root)
    except ProbeFailed as exc:
        found.failures.append(exc.reason)
        try:
            listed = _rocm_cards(runner)
        except ProbeFailed as rocm_exc:
            found.failures.append(rocm_exc.reason)
            return found
        found.gpus.extend(_rocm_gpu(c) for c in listed)
        if not listed:
            found.failures.append("rocm-smi lists no card")
        return found
    if not cards:
        found.failures.append(f"no GPU in {sys_root / 'class' / 'drm'}")
        return found
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
            found.gpus.append(_amd_gpu(card, amd, rocm, rocm_failure, pci_ids, found))
        elif card.vendor == VENDOR_INTEL:
            found.gpus.append(_intel_gpu(card, pci_ids))
        elif card.vendor == VENDOR_NVIDIA and not nvidia_found:
            found.gpus.append(_nvidia_without_driver(card, pci_ids))
            why = "; ".join(nvidia_failures[:2]) or "its driver tools did not answer"
            found.memory_unknown.append(f"{card.card}: NVIDIA GPU present but {why}")
    return found


def _amd_gpu(
    card: DrmCard,
    amd: list[DrmCard],
    rocm: list[RocmCard],
    rocm_failure: str,
    pci_ids: str | None,
    found: LinuxCards,
) -> GpuInfo:
    """An AMD card: memory from sysfs, else from rocm-smi, else said to be unknown."""
    match = _match_rocm(card, amd, rocm)
    total, used, source = card.vram_total, card.vram_used, "sysfs"
    if total is None and match is not None and match.vram_total is not None:
        total, used, source = match.vram_total, match.vram_used, "rocm-smi"
    if total is None:
        why = rocm_failure or "rocm-smi gave no figure"
        found.memory_unknown.append(f"{card.card}: amdgpu exposes no mem_info_vram_total and {why}")
    free = max(0, total - used) if total is not None and used is not None else None
    return GpuInfo(
        vendor="amd",
        name=_card_name(card, pci_ids, match.name if match else None),
        memory_total_bytes=total,
        memory_free_bytes=free,
        driver=card.driver,
        source=source,
    )


def _intel_gpu(card: DrmCard, pci_ids: str | None) -> GpuInfo:
    return GpuInfo(
        vendor="intel",
        name=_card_name(card, pci_ids),
        kind="integrated",
        driver=card.driver,
        source="sysfs",
        note=INTEL_NOTE,
    )


def _nvidia_without_driver(card: DrmCard, pci_ids: str | None) -> GpuInfo:
    return GpuInfo(
        vendor="nvidia",
        name=_card_name(card, pci_ids),
        driver=card.driver,
        source="sysfs",
        note="neither NVML nor nvidia-smi answered: is the NVIDIA driver installed? Its "
        "memory is unknown",
    )
