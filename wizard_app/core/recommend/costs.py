"""What a pick costs to run: electricity per million tokens, beside a hosted model's price."""

from __future__ import annotations

from wizard_app.core.catalog.schema import Variant
from wizard_app.core.fit import FitEstimate
from wizard_app.core.hardware.profile import GpuInfo, HardwareProfile
from wizard_app.core.recommend.results import RunningCost
from wizard_app.core.recommend.rules import HardwareTable, HostedPrice, Rules, UpgradeOption


def running_cost(
    table: HardwareTable, rules: Rules, v: Variant, fit: FitEstimate, hw: HardwareProfile
) -> RunningCost | None:
    """Electricity for a million generated tokens at the estimated speed, or None."""
    elec = table.usd_per_kwh
    if not fit.tokens_per_s or elec is None or elec.usd_per_kwh is None:
        return None
    gpu = hw.best_gpu
    option = option_for_gpu(table, gpu) if gpu else None
    if fit.verdict == "cpu" or gpu is None:
        power, what = rules.default_power_w["cpu"], "CPU under load (assumed)"
    elif option is not None and option.power_w:
        power, what = option.power_w, f"{option.name} board power"
    elif gpu.vendor == "apple":
        power, what = rules.default_power_w["apple"], "Apple Silicon (assumed)"
    else:
        power, what = rules.default_power_w["gpu"], "GPU under load (assumed)"
    hours = 1e6 / fit.tokens_per_s / 3600
    cost = power / 1000 * hours * elec.usd_per_kwh
    hosted = hosted_for(table, v.parameters.total_b)
    return RunningCost(
        usd_per_mtok=round(cost, 3),
        power_w=power,
        assumption=(
            f"{power:g} W ({what}) for {hours:.1f} h per million tokens at "
            f"{elec.usd_per_kwh:g} USD/kWh ({elec.region}); hardware cost not included."
        ),
        hosted_usd_per_mtok=hosted.usd_per_mtok_output if hosted else None,
        hosted_reference=(
            f"{hosted.model} on {hosted.provider}, a hosted model of similar size"
            if hosted
            else None
        ),
        hosted_source=hosted.source.url if hosted else None,
    )


def hosted_for(table: HardwareTable, params_b: float) -> HostedPrice | None:
    """The cheapest hosted model within a factor of two of ``params_b`` billions."""
    best = None
    for h in table.hosted_reference:
        ratio = max(h.params_b, params_b) / min(h.params_b, params_b)
        if ratio <= 2 and (best is None or h.usd_per_mtok_output < best.usd_per_mtok_output):
            best = h
    return best


def option_for_gpu(table: HardwareTable, gpu: GpuInfo) -> UpgradeOption | None:
    """The hardware table's entry for this card, for its board power."""
    name = gpu.name.lower()
    for opt in table.options:
        if opt.kind == "gpu" and opt.name.lower().replace("nvidia ", "") in name:
            return opt
    return None
