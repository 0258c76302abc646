"""The machine line every benchmark prints beside its figures, from the app's own probe.

llama.cpp takes other code paths on other CPUs (AVX2, AVX-512, AMX), and the machine may
be shared: the CPU's model, its instruction sets and the load say what a figure means.
"""

from __future__ import annotations

import os

from wizard_app.core.hardware.probe import detect

_SHOWN = ("avx2", "avx512f", "avx512_vnni", "avx_vnni", "amx_int8", "neon", "dotprod", "i8mm")


def machine_line() -> str:
    cpu = detect().cpu
    features = [f for f in _SHOWN if f in (cpu.features or [])]
    load = f", load {os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else ""
    return (
        f"CPU: {cpu.model or 'unknown'} ({', '.join(features) or 'no AVX2/AVX-512/AMX'}), "
        f"{os.cpu_count()} logical cores{load}"
    )
