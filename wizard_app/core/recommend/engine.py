"""Rule-based recommender: which catalog models suit this job, machine and budget, and why.

Hard constraints (licence, openness, language, disk, memory, a usable speed) filter with a
stated reason; the use case weighs the published evidence; the priority (quality, balanced,
speed) ranks. For every candidate the best quant that fits at the chosen context is picked.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from wizard_app.core.catalog.loader import Catalog, CatalogEntry
from wizard_app.core.catalog.quants import LOW_QUALITY_BPW, bits_per_weight
from wizard_app.core.catalog.schema import USE_CASES, Evidence, Variant
from wizard_app.core.errors import InputError
from wizard_app.core.fit import (
    FitEstimate,
    ModelShape,
    Placement,
    estimate,
    gpu_bandwidth,
    place,
    shape_from_variant,
)
from wizard_app.core.hardware.bandwidth import lookup_bandwidth
from wizard_app.core.hardware.profile import (
    GB,
    GiB,
    GpuInfo,
    HardwareProfile,
    apple_metal_share,
)
from wizard_app.core.languages import check_language
from wizard_app.core.recommend.reasons import (
    LIST_SEP,
    Reason,
    reason,
    texts,
)
from wizard_app.core.recommend.rules import (
    HardwareTable,
    HostedPrice,
    Rules,
    UpgradeOption,
    default_hardware_table,
    default_rules,
)


class RecommendRequest(BaseModel):
    """The user's answers: what for, under which constraints, with which budget."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    use_case: str = "chat"
    language: str | None = None
    license: Literal["any", "commercial", "unrestricted"] = "any"
    openness: Literal["any", "open-weights", "fully-open"] = "any"
    priority: Literal["quality", "balanced", "speed"] = "balanced"
    context: int | None = Field(default=None, description="tokens; default from the use case")
    disk_budget_gb: float | None = None
    budget_usd: float = 0.0
    top: int = 5

    def check(self) -> None:
        if self.use_case not in USE_CASES:
            raise InputError(
                f"Unknown use case '{self.use_case}'.", f"Choose one of: {', '.join(USE_CASES)}."
            )
        if self.language is not None:
            check_language(self.language)  # an unknown code says so, not "0 picks"
        if self.context is not None and not 256 <= self.context <= 10_000_000:
            raise InputError(
                f"A context of {self.context} tokens is out of range.",
                "Give 256 to 10,000,000 tokens (4096 is a good start).",
            )
        if self.disk_budget_gb is not None and not 0 < self.disk_budget_gb <= 1_000_000:
            raise InputError(
                f"A disk budget of {self.disk_budget_gb:g} GB is out of range.",
                "Give the GB of disk you can spare for models, more than 0.",
            )
        if not 0 <= self.budget_usd <= 1_000_000:
            raise InputError(
                f"A hardware budget of {self.budget_usd:g} USD is out of range.",
                "Give 0 (this machine as it is) or the amount you could spend.",
            )
        if not 1 <= self.top <= 1000:
            raise InputError(f"--top {self.top} is out of range.", "Give 1 to 1000.")


class EvidenceUsed(BaseModel):
    benchmark: str
    score: float
    scale_max: float
    use_case: str
    weight: float
    source: str
    curator_rating: bool = False


class RunningCost(BaseModel):
    usd_per_mtok: float
    power_w: float
    assumption: str
    hosted_usd_per_mtok: float | None = None
    hosted_reference: str | None = None
    hosted_source: str | None = None


class Pick(BaseModel):
    rank: int
    id: str
    name: str
    family: str
    score: float
    quality: float
    quant: str
    repo: str
    files: list[str]
    size_bytes: int
    context: int
    verdict: str
    memory_bytes: int
    gpu_layers: int
    layers: int
    tokens_per_s: float | None
    license: str
    commercial: str
    gated: bool
    fully_open: bool
    reasons: list[str]
    caveats: list[str]
    evidence: list[EvidenceUsed]
    running_cost: RunningCost | None
    fit: FitEstimate
    reason_codes: list[Reason] = []


class Exclusion(BaseModel):
    id: str
    name: str
    reasons: list[str]
    reason_codes: list[Reason] = []


class Upgrade(BaseModel):
    option_id: str
    name: str
    kind: str
    price_usd: float
    price_note: str | None
    source: str
    top_pick: str
    top_pick_name: str
    quant: str
    verdict: str
    tokens_per_s: float | None
    score: float
    score_gain: float
    unlocks: list[str]
    reason: str
    reason_code: Reason | None = None


class Recommendation(BaseModel):
    request: RecommendRequest
    context: int
    use_case_label: str
    picks: list[Pick]
    excluded: list[Exclusion]
    upgrades: list[Upgrade]
    assumptions: list[str]
    assumption_codes: list[Reason] = []


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while ranking.

    The loop makes many small, acyclic objects that reference counting frees; with a large
    catalog alive, each generation-2 pass rescans all of it and costs a third of the time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(slots=True)
class _Option:
    quant: str
    shape: ModelShape
    fit: Placement
    quality: float
    speed: float
    score: float
    # the next more faithful quant that fits, when there is one, and its placement
    alternative: tuple[str, Placement] | None = None
    below_floor: bool = False


def evidence_quality(
    variant: Variant, use_case: str, rules: Rules
) -> tuple[float | None, list[EvidenceUsed]]:
    """Weighted, normalised evidence for ``use_case`` (with fallbacks), or None if none."""
    rule = rules.use_cases[use_case]
    used: list[EvidenceUsed] = []
    total = weight_sum = 0.0
    sources: list[tuple[str, float]] = [(use_case, 1.0), *rule.fallback.items()]
    for case, discount in sources:
        for ev in variant.evidence:
            bench = rules.benchmark(case, ev.benchmark)
            if bench is None:
                continue
            if any(u.benchmark == ev.benchmark and u.score == ev.score for u in used):
                continue
            value = min(1.0, ev.score / bench.top)  # ``top`` is in the benchmark's own scale
            w = bench.weight * discount
            total += value * w
            weight_sum += bench.weight
            used.append(_used(ev, case, w))
        if used and case == use_case:
            break  # direct evidence beats fallbacks
    if not used:
        return None, []
    return total / weight_sum, used


def _used(ev: Evidence, case: str, weight: float) -> EvidenceUsed:
    return EvidenceUsed(
        benchmark=ev.benchmark,
        score=ev.score,
        scale_max=ev.scale_max,
        use_case=case,
        weight=round(weight, 3),
        source=ev.source.url,
        curator_rating=ev.curator_rating,
    )


def _gb(n: float) -> str:
    return f"{n / GB:.1f} GB"


class Recommender:
    """Holds the catalog, rules and table; ``run`` answers one request for one machine."""

    def __init__(
        self,
        catalog: Catalog,
        rules: Rules | None = None,
        table: HardwareTable | None = None,
    ) -> None:
        self.catalog = catalog
        self.rules = rules or default_rules()
        self.table = table or default_hardware_table()
        self._shapes: dict[tuple[str, str], ModelShape] = {}
        self._evidence_cache: dict[tuple[str, str], tuple[float | None, list[EvidenceUsed]]] = {}

    def _evidence(self, variant: Variant, use_case: str) -> tuple[float | None, list[EvidenceUsed]]:
        key = (variant.id, use_case)
        found = self._evidence_cache.get(key)
        if found is None:
            found = self._evidence_cache[key] = evidence_quality(variant, use_case, self.rules)
        return found

    def _shape(self, variant: Variant, quant: str) -> ModelShape:
        key = (variant.id, quant)
        shape = self._shapes.get(key)
        if shape is None:
            shape = self._shapes[key] = shape_from_variant(variant, quant)
        return shape

    def context_for(self, request: RecommendRequest) -> int:
        if request.context is not None:
            return request.context
        return max(4096, self.rules.use_cases[request.use_case].min_context or 0)

    def run(
        self, hw: HardwareProfile, request: RecommendRequest, *, upgrades: bool = True
    ) -> Recommendation:
        request.check()
        context = self.context_for(request)
        chosen: list[tuple[CatalogEntry, _Option]] = []
        excluded: list[Exclusion] = []
        with _no_cyclic_gc():
            for entry in self.catalog:
                reasons, best = self._consider(entry, hw, request, context)
                if best is None:
                    excluded.append(
                        Exclusion.model_construct(
                            id=entry.id,
                            name=entry.variant.name,
                            reasons=texts(reasons),
                            reason_codes=reasons,
                        )
                    )
                else:
                    chosen.append((entry, best))
        chosen.sort(key=lambda c: (-round(c[1].score, 2), c[0].id))
        picks = [
            self._pick(entry, best, rank, hw, request)
            for rank, (entry, best) in enumerate(chosen[: request.top], 1)
        ]
        excluded.sort(key=lambda e: e.id)
        ups = self._upgrades(hw, request, picks) if upgrades and request.budget_usd > 0 else []
        notes = self._assumptions(hw, request, context)
        return Recommendation(
            request=request,
            context=context,
            use_case_label=self.rules.use_cases[request.use_case].label,
            picks=picks,
            excluded=excluded,
            upgrades=ups,
            assumptions=texts(notes),
            assumption_codes=notes,
        )

    # --- one candidate ---------------------------------------------------------------
    def _consider(
        self, entry: CatalogEntry, hw: HardwareProfile, req: RecommendRequest, context: int
    ) -> tuple[list[Reason], _Option | None]:
        v = entry.variant
        rules = self.rules
        out: list[Reason] = []
        if not v.artifacts:
            why = v.no_gguf_reason or ""
            if v.alternative:
                out.append(
                    reason("exclude.no_gguf.alternative", why=why, alternative=v.alternative)
                )
            else:
                out.append(reason("exclude.no_gguf", why=why))
        if v.license.commercial not in rules.licenses[req.license]:
            lic, com = v.license.name, v.license.commercial
            if req.license in ("commercial", "unrestricted"):
                out.append(reason(f"exclude.licence.{req.license}", licence=lic, commercial=com))
            else:
                out.append(
                    reason("exclude.licence", licence=lic, required=req.license, commercial=com)
                )
        if req.openness == "fully-open" and not v.openness.fully_open:
            closed = [k for k, val in v.openness.criteria.items() if not val]
            out.append(reason("exclude.not_fully_open", closed=LIST_SEP.join(closed)))
        elif req.openness == "open-weights" and not v.openness.weights:
            out.append(reason("exclude.weights_closed"))
        if req.language and req.language not in v.languages:
            out.append(
                reason(
                    "exclude.language",
                    language=req.language,
                    languages=LIST_SEP.join(v.languages),
                )
            )
        if out:
            return out, None
        assert v.architecture is not None
        if context > v.architecture.context:
            if req.context is not None:
                return [
                    reason("exclude.context", trained=v.architecture.context, context=context)
                ], None
            context = v.architecture.context  # no context was asked for: use what it has

        quality, _ = self._evidence(v, req.use_case)
        if quality is None:
            quality = rules.no_evidence.quality(v.parameters.total_b)
        base_q = quality
        if req.use_case in v.strengths:
            base_q += rules.strength_bonus
        if not v.instruct:
            base_q *= rules.base_model_factor
        prio = rules.priorities[req.priority]
        min_speed = max(rules.min_tokens_per_s, prio.floor)
        disk_limit = self._disk_limit(hw, req)
        options: list[_Option] = []
        fitting: list[tuple[str, Placement]] = []  # every quant that fits, usable or not
        too_big_disk: list[str] = []
        smallest: Placement | None = None
        smallest_quant = ""
        too_slow: tuple[str, float] | None = None
        for art in v.artifacts:
            shape = self._shape(v, art.quant)
            if disk_limit is not None and shape.weights_bytes > disk_limit:
                too_big_disk.append(f"{art.quant} {_gb(shape.weights_bytes)}")
                continue
            fit = place(shape, hw, context)
            if smallest is None or fit.total_bytes < smallest.total_bytes:
                smallest, smallest_quant = fit, art.quant
            if not fit.fits:
                continue
            fitting.append((art.quant, fit))
            tps = fit.tokens_per_s or 0.0
            if tps < min_speed:
                if too_slow is None or tps > too_slow[1]:
                    too_slow = (art.quant, tps)
                continue
            q = base_q * rules.quant_factor(bits_per_weight(art.quant))
            s = prio.speed_score(tps)
            score = 100 * (prio.quality * q + prio.speed * s) / (prio.quality + prio.speed)
            options.append(_Option(art.quant, shape, fit, q, s, score))
        if options:
            return [], self._choose(options, fitting)
        if too_slow is not None:
            hint = req.priority != "quality" and too_slow[1] >= rules.min_tokens_per_s
            return [
                reason(
                    "exclude.too_slow.quality_hint" if hint else "exclude.too_slow",
                    tokens_per_s=too_slow[1],
                    quant=too_slow[0],
                    min_speed=min_speed,
                    priority=req.priority,
                )
            ], None
        if smallest is not None:
            need = max(smallest.ram_need_bytes, smallest.total_bytes) / GiB
            ram = smallest.ram_budget_bytes / GiB
            if hw.gpus:
                gpu = smallest.gpu_budget_bytes / GiB
                return [
                    reason(
                        "exclude.too_big.gpu",
                        quant=smallest_quant,
                        need_gib=need,
                        context=context,
                        ram_gib=ram,
                        gpu_gib=gpu,
                    )
                ], None
            return [
                reason(
                    "exclude.too_big",
                    quant=smallest_quant,
                    need_gib=need,
                    context=context,
                    ram_gib=ram,
                )
            ], None
        return [
            reason("exclude.disk", files=", ".join(too_big_disk), limit_gb=(disk_limit or 0) / GB)
        ], None

    def _choose(self, options: list[_Option], fitting: list[tuple[str, Placement]]) -> _Option:
        """The quant and placement with the best score for the priority.

        Quality per quant and speed both count continuously, so a smaller quant wholly on
        the GPU can beat a larger one split across PCIe. Quants below the floor (Q4_K_M)
        are used only when memory forces it: when no file at or above the floor fits, or
        when a smaller one runs wholly on the GPU and none at or above the floor does.
        """
        floor = bits_per_weight(self.rules.quant_floor)
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
        return best

    def _disk_limit(self, hw: HardwareProfile, req: RecommendRequest) -> int | None:
        limits = []
        if req.disk_budget_gb is not None:
            limits.append(int(req.disk_budget_gb * GB))
        if hw.disk_free_bytes is not None:
            limits.append(hw.disk_free_bytes)
        return min(limits) if limits else None

    def _pick(
        self,
        entry: CatalogEntry,
        best: _Option,
        rank: int,
        hw: HardwareProfile,
        req: RecommendRequest,
    ) -> Pick:
        v = entry.variant
        art = v.artifact(best.quant)
        assert art is not None
        fit = estimate(best.shape, hw, best.fit.context)
        _, used = self._evidence(v, req.use_case)
        reasons: list[Reason] = []
        case = req.use_case
        words = {"use_case": self.rules.use_cases[case].label.lower()}
        if used:
            direct = [u for u in used if u.use_case == case]
            shown = direct or used
            scores = ", ".join(f"{u.benchmark} {u.score:g}" for u in shown[:3])
            code = "pick.evidence.direct" if direct else "pick.evidence.related"
            reasons.append(reason(code, words, use_case=case, scores=scores))
        else:
            reasons.append(
                reason(
                    "pick.evidence.size_prior", words, use_case=case, size_b=v.parameters.total_b
                )
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
        reasons.extend(self._quant_reasons(best, fit))
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
        wanted = self.context_for(req)
        if fit.context < wanted:
            reasons.append(reason("pick.limited_context", context=fit.context, wanted=wanted))
        return Pick(
            rank=rank,
            id=v.id,
            name=v.name,
            family=entry.family,
            score=round(best.score, 2),
            quality=round(best.quality, 3),
            quant=best.quant,
            repo=art.repo,
            files=art.files,
            size_bytes=best.shape.weights_bytes,
            context=fit.context,
            verdict=fit.verdict,
            memory_bytes=fit.total_bytes,
            gpu_layers=fit.gpu_layers,
            layers=fit.layers,
            tokens_per_s=fit.tokens_per_s,
            license=v.license.name,
            commercial=v.license.commercial,
            gated=v.license.gated,
            fully_open=v.openness.fully_open,
            reasons=texts(reasons),
            reason_codes=reasons,
            caveats=list(v.caveats),
            evidence=used,
            running_cost=self._running_cost(v, fit, hw),
            fit=fit,
        )

    def _quant_reasons(self, best: _Option, fit: FitEstimate) -> list[Reason]:
        """Why this quant and not a more faithful one: the trade-off, in figures."""
        floor = self.rules.quant_floor
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

    # --- money -----------------------------------------------------------------------
    def _running_cost(
        self, v: Variant, fit: FitEstimate, hw: HardwareProfile
    ) -> RunningCost | None:
        elec = self.table.usd_per_kwh
        if not fit.tokens_per_s or elec is None or elec.usd_per_kwh is None:
            return None
        gpu = hw.best_gpu
        option = self._option_for_gpu(gpu) if gpu else None
        if fit.verdict == "cpu" or gpu is None:
            power, what = self.rules.default_power_w["cpu"], "CPU under load (assumed)"
        elif option is not None and option.power_w:
            power, what = option.power_w, f"{option.name} board power"
        elif gpu.vendor == "apple":
            power, what = self.rules.default_power_w["apple"], "Apple Silicon (assumed)"
        else:
            power, what = self.rules.default_power_w["gpu"], "GPU under load (assumed)"
        hours = 1e6 / fit.tokens_per_s / 3600
        cost = power / 1000 * hours * elec.usd_per_kwh
        hosted = self._hosted_for(v.parameters.total_b)
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

    def _hosted_for(self, params_b: float) -> HostedPrice | None:
        best = None
        for h in self.table.hosted_reference:
            ratio = max(h.params_b, params_b) / min(h.params_b, params_b)
            if ratio <= 2 and (best is None or h.usd_per_mtok_output < best.usd_per_mtok_output):
                best = h
        return best

    def _option_for_gpu(self, gpu: GpuInfo) -> UpgradeOption | None:
        name = gpu.name.lower()
        for opt in self.table.options:
            if opt.kind == "gpu" and opt.name.lower().replace("nvidia ", "") in name:
                return opt
        return None

    def _upgrades(
        self, hw: HardwareProfile, req: RecommendRequest, current: Sequence[Pick]
    ) -> list[Upgrade]:
        base_top = current[0] if current else None
        base_ids = {p.id for p in current[: req.top]}
        out: list[Upgrade] = []
        for opt in self.table.options:
            if opt.price_usd is None or opt.price_usd > req.budget_usd:
                continue
            if hw.laptop and opt.kind in ("gpu", "ram"):
                continue  # desktop graphics cards and memory kits do not go into a laptop
            upgraded = upgrade_profile(hw, opt)
            if upgraded is None:
                continue
            result = self.run(upgraded, req, upgrades=False)
            if not result.picks:
                continue
            top = result.picks[0]
            gain = top.score - (base_top.score if base_top else 0.0)
            unlocks = [p.id for p in result.picks if p.id not in base_ids]
            if gain <= 0.5 and not unlocks:
                continue
            up_params: dict[str, str | int | float] = {
                "price": opt.price_usd,
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
            out.append(
                Upgrade(
                    option_id=opt.id,
                    name=opt.name,
                    kind=opt.kind,
                    price_usd=opt.price_usd,
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
            )
        out.sort(key=lambda u: (-u.score, u.price_usd, u.option_id))
        # The best of each kind (GPU, Mac, RAM) first, so a cheap RAM upgrade is not
        # crowded out by five graphics cards; then the rest by score.
        firsts = [
            next(u for u in out if u.kind == kind) for kind in dict.fromkeys(u.kind for u in out)
        ]
        rest = [u for u in out if u not in firsts]
        chosen = firsts + rest[: max(0, 5 - len(firsts))]
        chosen.sort(key=lambda u: (-u.score, u.price_usd, u.option_id))
        return chosen

    def _assumptions(
        self, hw: HardwareProfile, req: RecommendRequest, context: int
    ) -> list[Reason]:
        notes = [reason("assume.memory", context=context), reason("assume.speed")]
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


def recommend(
    catalog: Catalog,
    hw: HardwareProfile,
    request: RecommendRequest,
    rules: Rules | None = None,
    table: HardwareTable | None = None,
) -> Recommendation:
    return Recommender(catalog, rules, table).run(hw, request)
