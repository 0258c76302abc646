"""The Assumptions list of a recommendation: what was detected, given, looked up or assumed."""

from __future__ import annotations

from wizard_app.core.fit import gpu_bandwidth
from wizard_app.core.hardware.bandwidth import lookup_bandwidth
from wizard_app.core.hardware.profile import HardwareProfile
from wizard_app.core.recommend.reasons import Reason, reason
from wizard_app.core.recommend.results import RecommendRequest


def assumptions(hw: HardwareProfile, req: RecommendRequest, context: int) -> list[Reason]:
    """What the answer assumed: memory and speed models, detected and given figures,
    bandwidths looked up or assumed, a layer split, a laptop."""
    speed = "assume.speed"
    if hw.planned:
        speed = "assume.speed.planned"
    elif hw.compute is None:
        speed = "assume.speed.unmeasured"
    notes = [reason("assume.memory", context=context), reason(speed)]
    if hw.ram_available_bytes is None and hw.ram_total_bytes:
        notes.append(reason("assume.ram_given"))
    if hw.unknown:
        details = "; ".join(f"{k} ({why})" for k, why in sorted(hw.unknown.items()))
        notes.append(reason("assume.not_detected", details=details))
    if hw.overridden:
        notes.append(reason("assume.overridden", fields=", ".join(hw.overridden)))
    if hw.planned:
        notes.append(reason("assume.planned"))
    else:
        detected = [
            name
            for name, known in (
                ("ram", hw.ram_total_bytes is not None),
                ("cores", hw.cpu.physical_cores is not None),
                ("gpu", bool(hw.gpus)),
                ("disk", hw.disk_free_bytes is not None),
                ("ram_bandwidth", hw.ram_bandwidth_gbs is not None),
            )
            if known and name not in hw.overridden
        ]
        if detected:
            notes.append(reason("assume.detected", fields=", ".join(detected)))
    devices = hw.offload_gpus
    seen: set[str] = set()
    for gpu in devices:
        if gpu.name in seen:
            continue
        seen.add(gpu.name)
        bw, _, assumed = gpu_bandwidth(gpu, hw)
        if assumed:
            notes.append(reason("assume.gpu_bandwidth_unknown", gpu=gpu.name, gbs=bw))
        elif not gpu.bandwidth_gbs and gpu.kind != "integrated":
            row = lookup_bandwidth(gpu.name, cpu_cores=hw.cpu.physical_cores)
            if row is not None:
                notes.append(
                    reason("assume.gpu_bandwidth", gpu=gpu.name, gbs=bw, source=row.source)
                )
    if len(devices) > 1:
        notes.append(reason("assume.gpu_split", count=len(devices)))
    if hw.laptop and req.budget_usd > 0:
        notes.append(reason("assume.laptop"))
    return notes
