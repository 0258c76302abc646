"""The quant and placement chosen for one model, and the reasons shown with the pick."""

from __future__ import annotations

from dataclasses import dataclass, field

from wizard_app.core.catalog.quants import LOW_QUALITY_BPW, bits_per_weight
from wizard_app.core.catalog.schema import Variant
from wizard_app.core.fit import FitEstimate, ModelShape, Placement
from wizard_app.core.hardware.profile import GB, GiB
from wizard_app.core.recommend.reasons import Reason, reason
from wizard_app.core.recommend.results import EvidenceUsed, RecommendRequest
from wizard_app.core.recommend.rules import Rules

# A smaller quant wholly on the GPU counts as clearly faster from this ratio on.
FASTER_BY = 1.25


@dataclass(slots=True)
class Option:
    quant: str
    shape: ModelShape
    fit: Placement
    quality: float
    speed: float
    score: float
    # the next more faithful quant that fits, when there is one, and its placement
    alternative: tuple[str, Placement] | None = None
    below_floor: bool = False
    # a smaller quant (not below the floor) wholly on the GPU and clearly faster, which the
    # priority's weight on quality put behind this split one
    faster: tuple[str, Placement] | None = None


@dataclass(slots=True)
class Scan:
    """What placing every quant of one variant found."""

    min_speed: float
    disk_limit: int | None
    options: list[Option] = field(default_factory=list)
    fitting: list[tuple[str, Placement]] = field(default_factory=list)  # usable or not
    too_big_disk: list[str] = field(default_factory=list)
    smallest: Placement | None = None
    smallest_quant: str = ""
    too_slow: tuple[str, float] | None = None


def choose(options: list[Option], fitting: list[tuple[str, Placement]], quant_floor: str) -> Option:
    """The quant and placement with the best score for the priority.

    Quality per quant and speed both count continuously, so a smaller quant wholly on
    the GPU can beat a larger one split across PCIe. Quants below the floor (Q4_K_M)
    are used only when memory forces it: when no file at or above the floor fits, or
    when a smaller one runs wholly on the GPU and none at or above the floor does.
    """
    floor = bits_per_weight(quant_floor)
    above = [o for o in options if bits_per_weight(o.quant) >= floor]
    above_on_gpu = any(o.fit.verdict == "gpu" for o in above)
    allowed = above + [
        o
        for o in options
        if bits_per_weight(o.quant) < floor
        and (not above or (o.fit.verdict == "gpu" and not above_on_gpu))
    ]
    best = max(allowed, key=lambda o: (round(o.score, 6), bits_per_weight(o.quant)))
    # What the choice gave up: the next more faithful quant that fits at all.
    richer = [f for f in fitting if bits_per_weight(f[0]) > bits_per_weight(best.quant)]
    if richer:
        best.alternative = min(richer, key=lambda f: bits_per_weight(f[0]))
    best.below_floor = bits_per_weight(best.quant) < floor
    if best.fit.verdict != "gpu":
        best_tps = best.fit.tokens_per_s or 0.0
        quicker = [
            o
            for o in above
            if o.fit.verdict == "gpu" and (o.fit.tokens_per_s or 0.0) >= FASTER_BY * best_tps
        ]
        if quicker:
            top = max(quicker, key=lambda o: bits_per_weight(o.quant))
            best.faster = (top.quant, top.fit)
    return best


def quant_reasons(best: Option, fit: FitEstimate, floor: str) -> list[Reason]:
    """Why this quant and not a more faithful one (or a faster one): the trade-off."""
    out = _richer_reasons(best, fit, floor)
    if best.faster is not None:
        quant, placed = best.faster
        out.append(
            reason(
                "pick.quant_tradeoff.quality",
                None,
                quant=best.quant,
                faster_quant=quant,
                faster_tps=placed.tokens_per_s or 0.0,
            )
        )
    return out


def _richer_reasons(best: Option, fit: FitEstimate, floor: str) -> list[Reason]:
    """Why this quant and not the next more faithful one that fits, in figures."""
    alt = best.alternative
    gpu_instead = alt is not None and fit.verdict == "gpu" and alt[1].verdict != "gpu"
    if alt is None or (best.below_floor and not gpu_instead):
        if best.below_floor:
            return [reason("pick.below_floor", quant=best.quant, floor=floor)]
        return []
    alt_quant, alt_fit = alt
    figures: dict[str, str | int | float] = {
        "quant": best.quant,
        "tokens_per_s": fit.tokens_per_s or 0.0,
        "other_quant": alt_quant,
        "other_tps": alt_fit.tokens_per_s or 0.0,
    }
    if gpu_instead:
        figures["other_verdict"] = alt_fit.verdict
        if best.below_floor:
            return [reason("pick.below_floor.gpu", None, floor=floor, **figures)]
        return [reason("pick.quant_tradeoff.gpu", None, **figures)]
    return [reason("pick.quant_tradeoff", None, **figures)]


def pick_reasons(
    v: Variant,
    best: Option,
    fit: FitEstimate,
    req: RecommendRequest,
    used: list[EvidenceUsed],
    rules: Rules,
    wanted: int,
) -> list[Reason]:
    """The reasons shown with a pick: evidence, speciality, fit and speed, the quant
    trade-off, licence, openness, language and a context shorter than ``wanted``."""
    reasons: list[Reason] = []
    case = req.use_case
    words = {"use_case": rules.use_cases[case].label.lower()}
    if used:
        direct = [u for u in used if u.use_case == case]
        shown = direct or used
        scores = ", ".join(f"{u.benchmark} {u.score:g}" for u in shown[:3])
        code = "pick.evidence.direct" if direct else "pick.evidence.related"
        reasons.append(reason(code, words, use_case=case, scores=scores))
    else:
        reasons.append(
            reason("pick.evidence.size_prior", words, use_case=case, size_b=v.parameters.total_b)
        )
    if case in v.strengths:
        reasons.append(reason("pick.strength", words, use_case=case))
    if not v.instruct:
        reasons.append(reason("pick.base_model"))
    fit_params: dict[str, str | int | float] = {
        "quant": best.quant,
        "file_gb": best.shape.weights_bytes / GB,
        "memory_gib": fit.total_bytes / GiB,
        "context": fit.context,
        "verdict": fit.verdict,
    }
    fit_code = "pick.fit"
    if fit.verdict == "split":
        fit_code += ".split"
        fit_params.update(gpu_layers=fit.gpu_layers, layers=fit.layers)
    if fit.tokens_per_s:
        fit_code += ".speed"
        fit_params["tokens_per_s"] = fit.tokens_per_s
    reasons.append(reason(fit_code, {"verdict": fit.verdict_text}, **fit_params))
    reasons.extend(quant_reasons(best, fit, rules.quant_floor))
    if bits_per_weight(best.quant) < LOW_QUALITY_BPW:
        reasons.append(reason("pick.low_quant", quant=best.quant))
    reasons.append(
        reason(
            "pick.licence.gated" if v.license.gated else "pick.licence",
            licence=v.license.name,
            terms=v.license.commercial,
        )
    )
    if v.openness.fully_open:
        reasons.append(reason("pick.fully_open"))
    if req.language and req.language != "en":
        reasons.append(reason("pick.language", language=req.language))
    if fit.context < wanted:
        reasons.append(reason("pick.limited_context", context=fit.context, wanted=wanted))
    return reasons
