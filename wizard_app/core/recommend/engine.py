"""Rule-based recommender: which catalog models suit this job, machine and budget, and why.

Hard constraints (licence, openness, language, disk, memory, a usable speed) filter with a
stated reason; the use case weighs the published evidence (``evidence``); the priority
(quality, balanced, speed) ranks. For every candidate the best quant that fits at the
chosen context is picked. The result models are in ``results``, running costs in
``costs``, upgrades in ``upgrades`` and the Assumptions list in ``assumptions``.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from wizard_app.core.catalog.loader import Catalog, CatalogEntry
from wizard_app.core.catalog.quants import bits_per_weight
from wizard_app.core.catalog.schema import Variant
from wizard_app.core.fit import (
    ModelShape,
    estimate,
    place,
    shape_from_variant,
)
from wizard_app.core.hardware.profile import GB, GiB, HardwareProfile
from wizard_app.core.recommend.assumptions import assumptions
from wizard_app.core.recommend.choice import Option, Scan, choose, pick_reasons
from wizard_app.core.recommend.costs import running_cost
from wizard_app.core.recommend.evidence import catalog_tops, evidence_quality
from wizard_app.core.recommend.reasons import LIST_SEP, Reason, reason, texts
from wizard_app.core.recommend.results import (
    EvidenceUsed,
    Exclusion,
    Pick,
    Recommendation,
    RecommendRequest,
    RunningCost,
    Upgrade,
)
from wizard_app.core.recommend.rules import (
    HardwareTable,
    Rules,
    default_hardware_table,
    default_rules,
)
from wizard_app.core.recommend.upgrades import propose_upgrades, upgrade_profile

__all__ = [  # the result models and helpers callers import from here
    "EvidenceUsed",
    "Exclusion",
    "Pick",
    "RecommendRequest",
    "Recommendation",
    "Recommender",
    "RunningCost",
    "Upgrade",
    "evidence_quality",
    "recommend",
    "upgrade_profile",
]


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


def _constraint_reasons(v: Variant, req: RecommendRequest, rules: Rules) -> list[Reason]:
    """The hard constraints ``v`` breaks: no GGUF, licence, openness, language."""
    out: list[Reason] = []
    if not v.artifacts:
        why = v.no_gguf_reason or ""
        if v.alternative:
            out.append(reason("exclude.no_gguf.alternative", why=why, alternative=v.alternative))
        else:
            out.append(reason("exclude.no_gguf", why=why))
    if v.license.commercial not in rules.licenses[req.license]:
        lic, com = v.license.name, v.license.commercial
        if req.license in ("commercial", "unrestricted"):
            out.append(reason(f"exclude.licence.{req.license}", licence=lic, commercial=com))
        else:
            out.append(reason("exclude.licence", licence=lic, required=req.license, commercial=com))
    if req.openness == "fully-open" and not v.openness.fully_open:
        closed = [k for k, val in v.openness.criteria.items() if not val]
        out.append(reason("exclude.not_fully_open", closed=LIST_SEP.join(closed)))
    elif req.openness == "open-weights" and not v.openness.weights:
        out.append(reason("exclude.weights_closed"))
    if req.language and req.language not in v.languages:
        out.append(
            reason("exclude.language", language=req.language, languages=LIST_SEP.join(v.languages))
        )
    return out


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
        self._tops = catalog_tops((e.variant for e in catalog), self.rules)

    def _evidence(self, variant: Variant, use_case: str) -> tuple[float | None, list[EvidenceUsed]]:
        key = (variant.id, use_case)
        found = self._evidence_cache.get(key)
        if found is None:
            found = self._evidence_cache[key] = evidence_quality(
                variant, use_case, self.rules, self._tops
            )
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
        chosen: list[tuple[CatalogEntry, Option]] = []
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
        ups = (
            propose_upgrades(self._run_plain, self.table, hw, request, picks)
            if upgrades and request.budget_usd > 0
            else []
        )
        notes = assumptions(hw, request, context)
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

    def _run_plain(self, hw: HardwareProfile, request: RecommendRequest) -> Recommendation:
        return self.run(hw, request, upgrades=False)

    # --- one candidate ---------------------------------------------------------------
    def _consider(
        self, entry: CatalogEntry, hw: HardwareProfile, req: RecommendRequest, context: int
    ) -> tuple[list[Reason], Option | None]:
        """The best option for one catalog entry, or the reasons it is left out."""
        v = entry.variant
        out = _constraint_reasons(v, req, self.rules)
        if out:
            return out, None
        assert v.architecture is not None
        if context > v.architecture.context:
            if req.context is not None:
                return [
                    reason("exclude.context", trained=v.architecture.context, context=context)
                ], None
            context = v.architecture.context  # no context was asked for: use what it has
        scan = self._scan(v, hw, req, context)
        if scan.options:
            return [], choose(scan.options, scan.fitting, self.rules.quant_floor)
        return [self._why_none(scan, hw, req, context)], None

    def _base_quality(self, v: Variant, req: RecommendRequest) -> float:
        """Quality for the use case before the quant: evidence, speciality, instruction."""
        rules = self.rules
        quality, _ = self._evidence(v, req.use_case)
        if quality is None:
            quality = rules.no_evidence.quality(v.parameters.total_b)
        if req.use_case in v.strengths:
            quality += rules.strength_bonus
        if not v.instruct:
            quality *= rules.base_model_factor
        return quality

    def _scan(self, v: Variant, hw: HardwareProfile, req: RecommendRequest, context: int) -> Scan:
        """Every quant of ``v`` placed on ``hw``: the usable ones scored, the rest noted."""
        rules = self.rules
        base_q = self._base_quality(v, req)
        prio = rules.priorities[req.priority]
        scan = Scan(
            min_speed=max(rules.min_tokens_per_s, prio.floor),
            disk_limit=self._disk_limit(hw, req),
        )
        for art in v.artifacts:
            shape = self._shape(v, art.quant)
            if scan.disk_limit is not None and shape.weights_bytes > scan.disk_limit:
                scan.too_big_disk.append(f"{art.quant} {_gb(shape.weights_bytes)}")
                continue
            fit = place(shape, hw, context)
            if scan.smallest is None or fit.total_bytes < scan.smallest.total_bytes:
                scan.smallest, scan.smallest_quant = fit, art.quant
            if not fit.fits:
                continue
            scan.fitting.append((art.quant, fit))
            tps = fit.tokens_per_s or 0.0
            if tps < scan.min_speed:
                if scan.too_slow is None or tps > scan.too_slow[1]:
                    scan.too_slow = (art.quant, tps)
                continue
            q = base_q * rules.quant_factor(bits_per_weight(art.quant))
            s = prio.speed_score(tps)
            score = 100 * (prio.quality * q + prio.speed * s) / (prio.quality + prio.speed)
            scan.options.append(Option(art.quant, shape, fit, q, s, score))
        return scan

    def _why_none(
        self, scan: Scan, hw: HardwareProfile, req: RecommendRequest, context: int
    ) -> Reason:
        """Why no quant is usable: too slow, too big for memory, or too big for the disk."""
        if scan.too_slow is not None:
            quant, tps = scan.too_slow
            hint = req.priority != "quality" and tps >= self.rules.min_tokens_per_s
            return reason(
                "exclude.too_slow.quality_hint" if hint else "exclude.too_slow",
                tokens_per_s=tps,
                quant=quant,
                min_speed=scan.min_speed,
                priority=req.priority,
            )
        smallest = scan.smallest
        if smallest is not None:
            need = max(smallest.ram_need_bytes, smallest.total_bytes) / GiB
            ram = smallest.ram_budget_bytes / GiB
            if hw.gpus:
                return reason(
                    "exclude.too_big.gpu",
                    quant=scan.smallest_quant,
                    need_gib=need,
                    context=context,
                    ram_gib=ram,
                    gpu_gib=smallest.gpu_budget_bytes / GiB,
                )
            return reason(
                "exclude.too_big",
                quant=scan.smallest_quant,
                need_gib=need,
                context=context,
                ram_gib=ram,
            )
        return reason(
            "exclude.disk",
            files=", ".join(scan.too_big_disk),
            limit_gb=(scan.disk_limit or 0) / GB,
        )

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
        best: Option,
        rank: int,
        hw: HardwareProfile,
        req: RecommendRequest,
    ) -> Pick:
        v = entry.variant
        art = v.artifact(best.quant)
        assert art is not None
        fit = estimate(best.shape, hw, best.fit.context)
        _, used = self._evidence(v, req.use_case)
        wanted = self.context_for(req)
        reasons = pick_reasons(v, best, fit, req, used, self.rules, wanted)
        return Pick(
            rank=rank,
            id=v.id,
            name=v.name,
            family=entry.family,
            score=round(best.score, 2),
            quality=round(best.quality, 3),
            artifact=art,
            license=v.license.name,
            commercial=v.license.commercial,
            gated=v.license.gated,
            fully_open=v.openness.fully_open,
            reasons=texts(reasons),
            reason_codes=reasons,
            caveats=list(v.caveats),
            evidence=used,
            running_cost=running_cost(self.table, self.rules, v, fit, hw),
            fit=fit,
        )


def recommend(
    catalog: Catalog,
    hw: HardwareProfile,
    request: RecommendRequest,
    rules: Rules | None = None,
    table: HardwareTable | None = None,
) -> Recommendation:
    return Recommender(catalog, rules, table).run(hw, request)
