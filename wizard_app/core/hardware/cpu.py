"""CPU model name and instruction sets, per operating system.

Parsers are pure functions over the text the system gives (``/proc/cpuinfo``, ``sysctl``);
``read_cpu`` picks the source for the running OS. Feature names are normalised to one
lowercase vocabulary (``FEATURE_ORDER``) whatever the source calls them: Linux's ``asimd``
and macOS's ``hw.optional.neon`` both become ``neon``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from wizard_app.core.hardware.run import ProbeFailed, Runner, run_tool

# The features that matter to llama.cpp's CPU kernels, in display order.
FEATURE_ORDER: tuple[str, ...] = (
    "sse3",
    "ssse3",
    "avx",
    "avx2",
    "fma",
    "f16c",
    "avx512f",
    "avx512bw",
    "avx512cd",
    "avx512dq",
    "avx512vl",
    "avx512vbmi",
    "avx512vnni",
    "avx512bf16",
    "avxvnni",
    "amx_int8",
    "amx_bf16",
    "neon",
    "fp16",
    "dotprod",
    "i8mm",
    "bf16",
    "sve",
    "sve2",
    "sme",
)

# /proc/cpuinfo "flags" (x86) and "Features" (ARM) -> our names.
_CPUINFO_FLAGS: dict[str, str] = {
    "pni": "sse3",  # the kernel's name for SSE3
    "ssse3": "ssse3",
    "avx": "avx",
    "avx2": "avx2",
    "fma": "fma",
    "f16c": "f16c",
    "avx512f": "avx512f",
    "avx512bw": "avx512bw",
    "avx512cd": "avx512cd",
    "avx512dq": "avx512dq",
    "avx512vl": "avx512vl",
    "avx512vbmi": "avx512vbmi",
    "avx512_vnni": "avx512vnni",
    "avx512_bf16": "avx512bf16",
    "avx_vnni": "avxvnni",
    "amx_int8": "amx_int8",
    "amx_bf16": "amx_bf16",
    "neon": "neon",  # 32-bit ARM
    "asimd": "neon",  # AArch64 Advanced SIMD
    "asimdhp": "fp16",
    "asimddp": "dotprod",
    "i8mm": "i8mm",
    "bf16": "bf16",
    "sve": "sve",
    "sve2": "sve2",
    "sme": "sme",
}

# macOS sysctl keys (compared in lower case) -> our names; a value of 1 means present.
_SYSCTL_FLAGS: dict[str, str] = {
    "hw.optional.sse3": "sse3",
    "hw.optional.supplementalsse3": "ssse3",
    "hw.optional.avx1_0": "avx",
    "hw.optional.avx2_0": "avx2",
    "hw.optional.fma": "fma",
    "hw.optional.f16c": "f16c",
    "hw.optional.avx512f": "avx512f",
    "hw.optional.avx512bw": "avx512bw",
    "hw.optional.avx512cd": "avx512cd",
    "hw.optional.avx512dq": "avx512dq",
    "hw.optional.avx512vl": "avx512vl",
    "hw.optional.avx512vbmi": "avx512vbmi",
    "hw.optional.avx512vnni": "avx512vnni",
    "hw.optional.neon": "neon",
    "hw.optional.advsimd": "neon",
    "hw.optional.arm.advsimd": "neon",
    "hw.optional.arm.feat_fp16": "fp16",
    "hw.optional.arm.feat_dotprod": "dotprod",
    "hw.optional.arm.feat_i8mm": "i8mm",
    "hw.optional.arm.feat_bf16": "bf16",
    "hw.optional.arm.feat_sve": "sve",
    "hw.optional.arm.feat_sve2": "sve2",
    "hw.optional.arm.feat_sme": "sme",
}

# Windows IsProcessorFeaturePresent constants (winnt.h) -> our names.
WINDOWS_PF_FEATURES: dict[int, str] = {
    13: "sse3",  # PF_SSE3_INSTRUCTIONS_AVAILABLE
    36: "ssse3",  # PF_SSSE3_INSTRUCTIONS_AVAILABLE
    39: "avx",  # PF_AVX_INSTRUCTIONS_AVAILABLE
    40: "avx2",  # PF_AVX2_INSTRUCTIONS_AVAILABLE
    41: "avx512f",  # PF_AVX512F_INSTRUCTIONS_AVAILABLE
    19: "neon",  # PF_ARM_NEON_INSTRUCTIONS_AVAILABLE
    43: "dotprod",  # PF_ARM_V82_DP_INSTRUCTIONS_AVAILABLE
    46: "sve",  # PF_ARM_SVE_INSTRUCTIONS_AVAILABLE
}

# AArch64 /proc/cpuinfo has no model name, only implementer and part codes (the same
# codes lscpu and the kernel's cputype.h use).
_ARM_IMPLEMENTERS: dict[int, str] = {
    0x41: "ARM",
    0x42: "Broadcom",
    0x43: "Cavium",
    0x48: "HiSilicon",
    0x4E: "NVIDIA",
    0x50: "APM",
    0x51: "Qualcomm",
    0x61: "Apple",
    0xC0: "Ampere",
}
_ARM_PARTS: dict[int, str] = {
    0xD03: "Cortex-A53",
    0xD04: "Cortex-A35",
    0xD05: "Cortex-A55",
    0xD07: "Cortex-A57",
    0xD08: "Cortex-A72",
    0xD09: "Cortex-A73",
    0xD0A: "Cortex-A75",
    0xD0B: "Cortex-A76",
    0xD0C: "Neoverse-N1",
    0xD0D: "Cortex-A77",
    0xD40: "Neoverse-V1",
    0xD41: "Cortex-A78",
    0xD44: "Cortex-X1",
    0xD46: "Cortex-A510",
    0xD47: "Cortex-A710",
    0xD48: "Cortex-X2",
    0xD49: "Neoverse-N2",
    0xD4F: "Neoverse-V2",
}


def order_features(features: Iterable[str]) -> list[str]:
    present = set(features)
    return [f for f in FEATURE_ORDER if f in present]


@dataclass(frozen=True)
class CpuinfoFacts:
    model: str | None
    features: list[str]
    processors: int


def _int_or_none(text: str) -> int | None:
    try:
        return int(text, 0)
    except ValueError:
        return None


def _arm_model(implementer: str | None, part: str | None) -> str | None:
    impl = _int_or_none(implementer) if implementer else None
    code = _int_or_none(part) if part else None
    if impl is None:
        return None
    vendor = _ARM_IMPLEMENTERS.get(impl, f"implementer {implementer}")
    if impl == 0x41 and code is not None and code in _ARM_PARTS:
        return f"ARM {_ARM_PARTS[code]}"
    return f"{vendor} CPU (part {part})" if part else f"{vendor} CPU"


def parse_cpuinfo(text: str) -> CpuinfoFacts:
    """Model and features from Linux ``/proc/cpuinfo`` (x86, ARM, AArch64).

    Features are those every processor lists, so a big.LITTLE chip is not credited with
    what only some of its cores can do.
    """
    blocks: list[dict[str, str]] = [{}]
    for line in text.splitlines():
        if not line.strip():
            if blocks[-1]:
                blocks.append({})
            continue
        key, sep, value = line.partition(":")
        if sep:
            blocks[-1].setdefault(key.strip().lower(), value.strip())
    blocks = [b for b in blocks if b]
    processors = [b for b in blocks if "processor" in b]
    flag_sets = [
        set((b.get("flags") or b.get("features") or "").lower().split())
        for b in processors
        if "flags" in b or "features" in b
    ]
    common: set[str] = set.intersection(*flag_sets) if flag_sets else set()
    features = order_features(_CPUINFO_FLAGS[f] for f in common if f in _CPUINFO_FLAGS)

    merged: dict[str, str] = {}
    for block in blocks:
        for key, value in block.items():
            merged.setdefault(key, value)
    model = merged.get("model name") or _arm_model(
        merged.get("cpu implementer"), merged.get("cpu part")
    )
    board = merged.get("model")  # Raspberry Pi and other boards: "Raspberry Pi 4 Model B"
    if board and not board.isdigit():  # on x86 "model" is a number
        model = f"{model} ({board})" if model else board
    return CpuinfoFacts(model=model or None, features=features, processors=len(processors))


_SYSCTL_LINE = re.compile(r"^([A-Za-z0-9_.]+):\s?(.*)$")


def parse_sysctl(text: str) -> dict[str, str]:
    """``key: value`` lines of ``sysctl`` output; other lines (errors) are skipped."""
    values: dict[str, str] = {}
    for line in text.splitlines():
        match = _SYSCTL_LINE.match(line.strip())
        if match and match.group(1) != "sysctl":
            values[match.group(1)] = match.group(2).strip()
    return values


def sysctl_features(values: dict[str, str]) -> list[str]:
    found = [
        _SYSCTL_FLAGS[key.lower()]
        for key, value in values.items()
        if key.lower() in _SYSCTL_FLAGS and value.strip() == "1"
    ]
    return order_features(found)


@dataclass
class CpuReading:
    model: str | None = None
    features: list[str] = field(default_factory=list)
    unknown: dict[str, str] = field(default_factory=dict)


WindowsCpuReader = Callable[[], tuple[str | None, list[str]]]


def read_windows_cpu() -> tuple[str | None, list[str]]:
    """Processor name from the registry and features from IsProcessorFeaturePresent."""
    if sys.platform != "win32":
        raise ProbeFailed("not running on Windows")
    import ctypes
    import platform
    import winreg

    name: str | None = None
    try:
        key = winreg.OpenKey(
            winreg.HKEY_LOCAL_MACHINE, r"HARDWARE\DESCRIPTION\System\CentralProcessor\0"
        )
        with key:
            value, _ = winreg.QueryValueEx(key, "ProcessorNameString")
            name = str(value).strip() or None
    except OSError:
        name = platform.processor() or None
    present = ctypes.windll.kernel32.IsProcessorFeaturePresent
    features = [feat for pf, feat in WINDOWS_PF_FEATURES.items() if present(pf)]
    return name, order_features(features)


def read_cpu(
    system: str,
    runner: Runner,
    proc_root: Path,
    windows_reader: WindowsCpuReader = read_windows_cpu,
) -> CpuReading:
    """The CPU's model and features on ``system``; what cannot be read goes to ``unknown``."""
    reading = CpuReading()
    if system == "Darwin":
        try:
            brand = run_tool(runner, ["sysctl", "-n", "machdep.cpu.brand_string"]).strip()
            reading.model = brand or None
            if not brand:
                reading.unknown["cpu_model"] = "sysctl machdep.cpu.brand_string was empty"
        except ProbeFailed as exc:
            reading.unknown["cpu_model"] = exc.reason
        try:
            values = parse_sysctl(run_tool(runner, ["sysctl", "hw.optional"]))
            if not values:
                raise ProbeFailed("sysctl hw.optional gave no values")
            reading.features = sysctl_features(values)
        except ProbeFailed as exc:
            reading.unknown["cpu_features"] = exc.reason
        return reading
    if system == "Windows":
        try:
            reading.model, reading.features = windows_reader()
        except (ProbeFailed, OSError, AttributeError) as exc:
            reason = exc.reason if isinstance(exc, ProbeFailed) else str(exc)
            reading.unknown["cpu_model"] = reading.unknown["cpu_features"] = reason
        if reading.model is None:
            reading.unknown.setdefault("cpu_model", "the registry has no processor name")
        return reading
    path = proc_root / "cpuinfo"
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        reason = f"cannot read {path}: {exc.strerror or exc}"
        reading.unknown["cpu_model"] = reading.unknown["cpu_features"] = reason
        return reading
    facts = parse_cpuinfo(text)
    reading.model, reading.features = facts.model, facts.features
    if facts.model is None:
        reading.unknown["cpu_model"] = f"{path} names no model"
    if facts.processors == 0:
        reading.unknown["cpu_features"] = f"{path} lists no processor"
    return reading
