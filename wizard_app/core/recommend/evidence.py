"""The published evidence for a use case: scores weighed by the rules, with fallbacks.

Each score is divided by its benchmark's top: the rule's ``top``, or the best score a
catalog model reached on it if that is higher. A top below what models reach gave every
strong result the same 1.0, so one score on a hard benchmark (LiveCodeBench 53 with a
reasoning chain, against a top of 50) counted as much as the best coders' HumanEval.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from wizard_app.core.catalog.schema import Evidence, Variant
from wizard_app.core.recommend.results import EvidenceUsed
from wizard_app.core.recommend.rules import Rules, benchmark_key

Tops = Mapping[tuple[str, str], float]  # (use case, benchmark key) -> best score


def catalog_tops(variants: Iterable[Variant], rules: Rules) -> dict[tuple[str, str], float]:
    """The best score on each benchmark the rules weigh, over ``variants``."""
    best: dict[tuple[str, str], float] = {}
    for v in variants:
        for ev in v.evidence:
            for case in rules.use_cases:
                if rules.benchmark(case, ev.benchmark) is not None:
                    key = (case, benchmark_key(ev.benchmark))
                    best[key] = max(best.get(key, 0.0), ev.score)
    return best


def evidence_quality(
    variant: Variant, use_case: str, rules: Rules, tops: Tops | None = None
) -> tuple[float | None, list[EvidenceUsed]]:
    """Weighted, normalised evidence for ``use_case`` (with fallbacks), or None if none.

    ``tops``: the best scores of the catalog in use (``catalog_tops``), which raise a
    rule's top that models have outgrown.
    """
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
            # ``top`` is in the benchmark's own scale
            top = max(bench.top, (tops or {}).get((case, benchmark_key(ev.benchmark)), 0.0))
            value = min(1.0, ev.score / top)
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
