"""Hardware upgrades within a budget, and the machine as it would be with one."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from wizard_app.core.hardware.profile import GiB, GpuInfo, HardwareProfile, apple_metal_share
from wizard_app.core.recommend.reasons import reason
from wizard_app.core.recommend.results import Pick, Recommendation, RecommendRequest, Upgrade
from wizard_app.core.recommend.rules import HardwareTable, UpgradeOption


def propose_upgrades(
    run: Callable[[HardwareProfile, RecommendRequest], Recommendation],
    table: HardwareTable,
    hw: HardwareProfile,
    req: RecommendRequest,
    current: Sequence[Pick],
) -> list[Upgrade]:
    """Hardware within the budget that would improve the top pick or unlock models.

    ``run`` ranks for a machine without upgrades (the recommender's own ``run``).
    """
    base_score = current[0].score if current else 0.0
    base_ids = {p.id for p in current[: req.top]}
    out: list[Upgrade] = []
    for opt in table.options:
        if opt.price_usd is None or opt.price_usd > req.budget_usd:
            continue
        if hw.laptop and opt.kind in ("gpu", "ram"):
            continue  # desktop graphics cards and memory kits do not go into a laptop
        upgraded = upgrade_profile(hw, opt)
        if upgraded is None:
            continue
        result = run(upgraded, req)
        if not result.picks:
            continue
        top = result.picks[0]
        gain = top.score - base_score
        unlocks = [p.id for p in result.picks if p.id not in base_ids]
        if gain > 0.5 or unlocks:
            out.append(_upgrade(opt, opt.price_usd, top, gain, unlocks))
    return _best_of_each_kind(out)


def _upgrade(
    opt: UpgradeOption, price: float, top: Pick, gain: float, unlocks: list[str]
) -> Upgrade:
    up_params: dict[str, str | int | float] = {
        "price": price,
        "option": opt.name,
        "model": top.name,
        "quant": top.quant,
        "verdict": top.verdict,
    }
    if top.tokens_per_s:
        up_params["tokens_per_s"] = top.tokens_per_s
    why = reason(
        "upgrade.speed" if top.tokens_per_s else "upgrade",
        {"verdict": top.verdict.replace("_", " ")},
        **up_params,
    )
    return Upgrade(
        option_id=opt.id,
        name=opt.name,
        kind=opt.kind,
        price_usd=price,
        price_note=opt.price_note,
        source=opt.source.url,
        top_pick=top.id,
        top_pick_name=top.name,
        quant=top.quant,
        verdict=top.verdict,
        tokens_per_s=top.tokens_per_s,
        score=top.score,
        score_gain=round(gain, 2),
        unlocks=unlocks,
        reason=why.text,
        reason_code=why,
    )


def _best_of_each_kind(out: list[Upgrade]) -> list[Upgrade]:
    """The best of each kind (GPU, Mac, RAM) first, so a cheap RAM upgrade is not crowded
    out by five graphics cards; then the rest by score, five in all."""
    out = sorted(out, key=lambda u: (-u.score, u.price_usd, u.option_id))
    firsts = [next(u for u in out if u.kind == kind) for kind in dict.fromkeys(u.kind for u in out)]
    rest = [u for u in out if u not in firsts]
    chosen = firsts + rest[: max(0, 5 - len(firsts))]
    chosen.sort(key=lambda u: (-u.score, u.price_usd, u.option_id))
    return chosen


def upgrade_profile(hw: HardwareProfile, opt: UpgradeOption) -> HardwareProfile | None:
    """The machine as it would be with ``opt`` (a GPU, a Mac, or more RAM)."""
    p = hw.model_copy(deep=True)
    mem = int(opt.memory_gb * GiB)
    if opt.kind == "gpu":
        if opt.vendor not in ("nvidia", "amd", "intel"):
            return None
        p.gpus = [
            GpuInfo(
                vendor=opt.vendor,
                name=opt.name,
                memory_total_bytes=mem,
                memory_free_bytes=mem,
                bandwidth_gbs=opt.bandwidth_gbs,
                source="upgrade",
            )
        ]
    elif opt.kind == "apple":
        p.ram_total_bytes, p.ram_available_bytes = mem, None
        p.ram_bandwidth_gbs = opt.bandwidth_gbs
        share = int(mem * apple_metal_share(mem))
        p.gpus = [
            GpuInfo(
                vendor="apple",
                name=opt.name,
                kind="unified",
                memory_total_bytes=share,
                memory_free_bytes=share,
                bandwidth_gbs=opt.bandwidth_gbs,
                source="upgrade",
            )
        ]
    else:
        if (hw.ram_total_bytes or 0) >= mem:
            return None
        p.ram_total_bytes, p.ram_available_bytes = mem, None
        if opt.bandwidth_gbs:
            p.ram_bandwidth_gbs = opt.bandwidth_gbs
    return p
