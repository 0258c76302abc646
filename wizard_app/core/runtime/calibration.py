"""Estimates corrected by what this machine measured.

Every real run stores its predicted and measured peak memory and generation speed
(``storage.run_tables``). ``corrected(estimate, measurements)`` scales a new estimate by
the median measured/predicted ratio of earlier runs on the same machine, preferring
models of a similar size, and says what it is based on, so the user sees predicted
against measured. Pure functions: the caller loads the measurements.
"""

from __future__ import annotations

import hashlib
import platform
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from wizard_app.core.fit import FitEstimate
from wizard_app.core.hardware.profile import GiB, HardwareProfile

MAX_MEASUREMENTS = 10
SIZE_NEIGHBOURHOOD = 4.0  # models within this factor of the weights count as similar
RATIO_BOUNDS = (0.25, 4.0)  # a ratio outside this is a broken measurement, not a lesson


@dataclass(frozen=True)
class Measurement:
    """One run's predicted and measured figures."""

    model: str
    weights_bytes: int
    context: int
    gpu_layers: int
    predicted_rss_bytes: int
    measured_peak_rss_bytes: int
    predicted_tok_per_s: float | None
    measured_tok_per_s: float | None

    @property
    def memory_ratio(self) -> float:
        return self.measured_peak_rss_bytes / max(1, self.predicted_rss_bytes)

    @property
    def speed_ratio(self) -> float | None:
        if not self.predicted_tok_per_s or not self.measured_tok_per_s:
            return None
        return self.measured_tok_per_s / self.predicted_tok_per_s


@dataclass(frozen=True)
class CorrectedEstimate:
    estimate: FitEstimate
    memory_factor: float
    speed_factor: float | None
    cpu_bytes: int  # corrected memory of the model process
    total_bytes: int
    tokens_per_s: float | None
    based_on: int  # measurements used
    lines: tuple[str, ...]  # "predicted X, measured Y" per measurement used


def machine_fingerprint(hw: HardwareProfile) -> str:
    """Identifies this machine across runs (host, CPU model, RAM, GPUs), not a person."""
    gpus = ",".join(sorted(f"{g.vendor}:{g.name}:{g.memory_total_bytes}" for g in hw.gpus))
    ram_gib = round((hw.ram_total_bytes or 0) / GiB)
    text = f"{platform.node()}|{hw.cpu.model}|{ram_gib}|{gpus}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _usable(ms: Sequence[Measurement], weights: int) -> list[Measurement]:
    ok = [m for m in ms if RATIO_BOUNDS[0] <= m.memory_ratio <= RATIO_BOUNDS[1]]
    near = [
        m
        for m in ok
        if 1 / SIZE_NEIGHBOURHOOD <= m.weights_bytes / max(1, weights) <= SIZE_NEIGHBOURHOOD
    ]
    return (near or ok)[:MAX_MEASUREMENTS]


def _pct(ratio: float) -> str:
    return f"{(ratio - 1) * 100:+.0f}%"


def corrected(estimate: FitEstimate, measurements: Sequence[Measurement]) -> CorrectedEstimate:
    """``estimate`` scaled by earlier measurements (most recent first) on this machine."""
    used = _usable(measurements, estimate.weights_bytes)
    if not used:
        return CorrectedEstimate(
            estimate=estimate,
            memory_factor=1.0,
            speed_factor=None,
            cpu_bytes=estimate.cpu_bytes,
            total_bytes=estimate.total_bytes,
            tokens_per_s=estimate.tokens_per_s,
            based_on=0,
            lines=("No runs measured on this machine yet: the estimate is uncorrected.",),
        )
    mem = statistics.median(m.memory_ratio for m in used)
    speeds = [r for m in used if (r := m.speed_ratio) is not None]
    speed = statistics.median(speeds) if speeds else None
    cpu = int(estimate.cpu_bytes * mem)
    total = estimate.total_bytes + (cpu - estimate.cpu_bytes)
    tps = estimate.tokens_per_s * speed if estimate.tokens_per_s and speed else None
    lines = []
    for m in used:
        line = (
            f"{m.model}: predicted {m.predicted_rss_bytes / GiB:.2f} GiB, measured "
            f"{m.measured_peak_rss_bytes / GiB:.2f} GiB ({_pct(m.memory_ratio)})"
        )
        if m.speed_ratio is not None and m.predicted_tok_per_s and m.measured_tok_per_s:
            line += (
                f"; predicted {m.predicted_tok_per_s:.1f} tok/s, measured "
                f"{m.measured_tok_per_s:.1f} tok/s ({_pct(m.speed_ratio)})"
            )
        lines.append(line)
    return CorrectedEstimate(
        estimate=estimate,
        memory_factor=mem,
        speed_factor=speed,
        cpu_bytes=cpu,
        total_bytes=total,
        tokens_per_s=round(tps, 1) if tps else estimate.tokens_per_s,
        based_on=len(used),
        lines=tuple(lines),
    )
