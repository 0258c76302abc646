"""Rule-based recommender: which catalog models suit this job, machine and budget, and why.

Hard constraints (licence, openness, language, disk, memory, a usable speed) filter with a
stated reason; the use case weighs the published evidence; the priority (quality, balanced,
speed) ranks. For every candidate the best quant that fits at the chosen context is picked.
"""

from __future__ import annotations

import gc
import math
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
    place,
    shape_from_variant,
)
from wizard_app.core.hardware.profile import (
    GB,
    GiB,
    GpuInfo,
    HardwareProfile,
    apple_metal_share,
)
from wizard_app.core.recommend.rules import (
    HardwareTable,
    HostedPrice,
    Rules,
    UpgradeOption,
    default_hardware_table,
    default_rules,
)

LANGUAGE_NAMES = {
    "en": "English", "nl": "Dutch", "ja": "Japanese", "de": "German", "fr": "French",
    "es": "Spanish", "it": "Italian", "pt": "Portuguese", "zh": "Chinese", "ko": "Korean",
    "ru": "Russian", "ar": "Arabic", "hi": "Hindi", "pl": "Polish", "tr": "Turkish",
    "vi": "Vietnamese", "id": "Indonesian", "uk": "Ukrainian", "cs": "Czech", "sv": "Swedish",
}  # fmt: skip


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
        if self.language is not None and not (
            2 <= len(self.language) <= 3 and self.language.isalpha()
        ):
            raise InputError(
                f"'{self.language}' is not a language code.",
                "Give an ISO 639-1 code such as en, nl, ja or de.",
            )
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


class Exclusion(BaseModel):
    id: str
    name: str
    reasons: list[str]


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


class Recommendation(BaseModel):
    request: RecommendRequest
    context: int
    use_case_label: str
    picks: list[Pick]
    excluded: list[Exclusion]
    upgrades: list[Upgrade]
    assumptions: list[str]


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


def _speed_score(tps: float | None, priority_target: float, floor: float) -> float:
    if not tps or tps <= floor:
        return 0.0
    if tps >= priority_target:
        return 1.0
    return math.log(tps / floor) / math.log(priority_target / floor)


def _gib(n: float) -> str:
    return f"{n / GiB:.1f} GiB"


def _gb(n: float) -> str:
    return f"{n / GB:.1f} GB"


def _language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


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
                        Exclusion(id=entry.id, name=entry.variant.name, reasons=reasons)
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
        return Recommendation(
            request=request,
            context=context,
            use_case_label=self.rules.use_cases[request.use_case].label,
            picks=picks,
            excluded=excluded,
            upgrades=ups,
            assumptions=self._assumptions(hw, request, context),
        )

    # --- one candidate ---------------------------------------------------------------
    def _consider(
        self, entry: CatalogEntry, hw: HardwareProfile, req: RecommendRequest, context: int
    ) -> tuple[list[str], _Option | None]:
        v = entry.variant
        rules = self.rules
        out: list[str] = []
        if not v.artifacts:
            alt = f" Run {v.alternative} instead." if v.alternative else ""
            out.append(f"No GGUF file to run: {v.no_gguf_reason}{alt}")
        if v.license.commercial not in rules.licenses[req.license]:
            allowed = {"commercial": "commercial use", "unrestricted": "unrestricted use"}
            out.append(
                f"Licence {v.license.name} does not allow {allowed.get(req.license, req.license)}"
                f" (commercial use: {v.license.commercial})."
            )
        if req.openness == "fully-open" and not v.openness.fully_open:
            closed = [k.replace("_", " ") for k, val in v.openness.criteria.items() if not val]
            out.append(f"Not fully open: {', '.join(closed)} not public.")
        elif req.openness == "open-weights" and not v.openness.weights:
            out.append("Weights are not openly available.")
        if req.language and req.language not in v.languages:
            out.append(
                f"Does not list {_language_name(req.language)} among its languages "
                f"({', '.join(_language_name(c) for c in v.languages)})."
            )
        if out:
            return out, None
        assert v.architecture is not None
        if context > v.architecture.context:
            if req.context is not None:
                return [
                    f"Trained for {v.architecture.context} tokens of context; "
                    f"you asked for {context}."
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
            tps = fit.tokens_per_s or 0.0
            if tps < min_speed:
                if too_slow is None or tps > too_slow[1]:
                    too_slow = (art.quant, tps)
                continue
            q = base_q * rules.quant_factor(bits_per_weight(art.quant))
            s = _speed_score(tps, prio.target, prio.floor)
            score = 100 * (prio.quality * q + prio.speed * s) / (prio.quality + prio.speed)
            options.append(_Option(art.quant, shape, fit, q, s, score))
        if options:
            if req.priority == "quality":  # the most faithful quant that fits and is usable
                best = max(options, key=lambda o: (bits_per_weight(o.quant), o.score))
            else:  # a smaller quant may win on speed
                best = max(options, key=lambda o: (o.score, bits_per_weight(o.quant)))
            return [], best
        if too_slow is not None:
            hint = (
                " Choose the quality priority to include it."
                if req.priority != "quality" and too_slow[1] >= rules.min_tokens_per_s
                else ""
            )
            return [
                f"Too slow here: about {too_slow[1]:.1f} tokens/s at {too_slow[0]}, below the "
                f"{min_speed:g} tokens/s a {req.priority} choice needs.{hint}"
            ], None
        if smallest is not None:
            need = smallest.ram_need_bytes
            where = (
                f"{_gib(smallest.ram_budget_bytes)} of RAM"
                + (f" and {_gib(smallest.gpu_budget_bytes)} of GPU memory" if hw.gpus else "")
                + " usable"
            )
            return [
                f"Too big for this machine: even {smallest_quant} needs about "
                f"{_gib(max(need, smallest.total_bytes))} at {context} tokens of context; "
                f"{where}."
            ], None
        limit = _gb(disk_limit or 0)
        return [
            f"Not enough disk space: {', '.join(too_big_disk)}; {limit} available for models."
        ], None

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
        reasons: list[str] = []
        label = self.rules.use_cases[req.use_case].label.lower()
        if used:
            direct = [u for u in used if u.use_case == req.use_case]
            shown = direct or used
            scores = ", ".join(f"{u.benchmark} {u.score:g}" for u in shown[:3])
            if direct:
                reasons.append(f"Published results for {label}: {scores}.")
            else:
                reasons.append(
                    f"No published score for {label}; judged from related results: {scores}."
                )
        else:
            reasons.append(
                f"No published score for {label} in the catalog: quality is judged from its "
                f"size ({v.parameters.total_b:g}B), below models with good results."
            )
        if req.use_case in v.strengths:
            reasons.append(f"Made for {label}.")
        if not v.instruct:
            reasons.append("A base model, not tuned to follow instructions.")
        where = fit.verdict_text
        if fit.verdict == "split":
            where += f" ({fit.gpu_layers} of {fit.layers} layers on the GPU)"
        speed = f", about {fit.tokens_per_s:g} tokens/s" if fit.tokens_per_s else ""
        reasons.append(
            f"{best.quant} ({_gb(best.shape.weights_bytes)} file) needs about "
            f"{_gib(fit.total_bytes)} at {fit.context} tokens: {where}{speed}."
        )
        if bits_per_weight(best.quant) < LOW_QUALITY_BPW:
            reasons.append(f"{best.quant} is a strong compression; answers lose some quality.")
        commercial = {
            "yes": "commercial use allowed",
            "restricted": "commercial use with restrictions",
            "no": "no commercial use",
        }[v.license.commercial]
        gated = "; accept the licence on Hugging Face before downloading" if v.license.gated else ""
        reasons.append(f"Licence {v.license.name}: {commercial}{gated}.")
        if v.openness.fully_open:
            reasons.append("Fully open: training data, code and metrics are public.")
        if req.language and req.language != "en":
            reasons.append(f"Lists {_language_name(req.language)} among its languages.")
        wanted = self.context_for(req)
        if fit.context < wanted:
            reasons.append(
                f"Limited to {fit.context} tokens of context (trained length), "
                f"less than the {wanted} assumed for this use."
            )
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
            reasons=reasons,
            caveats=list(v.caveats),
            evidence=used,
            running_cost=self._running_cost(v, fit, hw),
            fit=fit,
        )

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
            speed = f", about {top.tokens_per_s:g} tokens/s" if top.tokens_per_s else ""
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
                    reason=(
                        f"For about {opt.price_usd:g} USD, {opt.name} runs {top.name} at "
                        f"{top.quant} ({top.verdict.replace('_', ' ')}{speed})."
                    ),
                )
            )
        out.sort(key=lambda u: (-u.score, u.price_usd, u.option_id))
        return out[:5]

    def _assumptions(self, hw: HardwareProfile, req: RecommendRequest, context: int) -> list[str]:
        notes = [
            f"Memory is estimated at {context} tokens of context with an f16 KV cache.",
            "Speed is estimated from memory bandwidth (generation is memory-bound); "
            "it is calibrated by real runs on this machine.",
        ]
        if hw.ram_available_bytes is None and hw.ram_total_bytes:
            notes.append(
                "RAM was given, not measured: part of it is kept for the operating system."
            )
        if hw.unknown:
            notes.append(
                "Not detected: "
                + "; ".join(f"{k} ({why})" for k, why in sorted(hw.unknown.items()))
                + "."
            )
        if hw.overridden:
            notes.append(f"Given by you instead of detected: {', '.join(hw.overridden)}.")
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
