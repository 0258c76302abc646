"""The weights llama.cpp keeps twice on a CPU: the mapped file and a repacked copy.

With extra buffer types on (``core/runtime/cpu_policy`` decides when), ggml's CPU_REPACK
copies some tensor types into a layout for a faster kernel; under mmap that copy sits
beside the mapped file, so the memory estimate counts those weights twice.
"""

from __future__ import annotations

import platform

# GGUF tensor types ggml's CPU_REPACK copies on ARM with NEON dot products
# (ggml-cpu/repack.cpp, ggml_repack_get_optimal_repack_type, in the pinned build).
ARM_REPACKED_TYPES = frozenset({"Q4_0", "IQ4_NL", "Q4_K", "Q8_0", "MXFP4"})
_ARM_MACHINES = ("arm", "aarch64")


def is_arm(machine: str | None = None) -> bool:
    return (machine or platform.machine()).lower().startswith(_ARM_MACHINES)


def repacked_types(extra_buffers: bool, machine: str | None = None) -> frozenset[str]:
    """The tensor types whose weights llama.cpp holds twice (mapped file + repacked copy)."""
    if not extra_buffers or not is_arm(machine):
        return frozenset()
    return ARM_REPACKED_TYPES
