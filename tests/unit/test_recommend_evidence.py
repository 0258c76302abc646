"""How published scores of different benchmarks are weighed, on the real catalog."""

from __future__ import annotations

from wizard_app.core.catalog.loader import load_catalog
from wizard_app.core.hardware.profile import HardwareOverrides
from wizard_app.core.recommend.engine import Recommender, RecommendRequest
from wizard_app.core.recommend.evidence import catalog_tops, evidence_quality
from wizard_app.core.recommend.rules import benchmark_key, default_rules

CATALOG = load_catalog()


def test_only_the_best_on_a_benchmark_reaches_its_top() -> None:
    """A top below the best published score would give every strong result the same 1.0,
    so a single score on a hard benchmark would weigh as much as the best on an easy one."""
    rules = default_rules()
    tops = catalog_tops((e.variant for e in CATALOG), rules)
    checked = 0
    for entry in CATALOG:
        for case in rules.use_cases:
            quality, used = evidence_quality(entry.variant, case, rules, tops)
            direct = [u for u in used if u.use_case == case]
            if quality is None or len(used) != 1 or len(direct) != 1:
                continue  # one direct score: its value is the quality
            checked += 1
            best = tops[(case, benchmark_key(direct[0].benchmark))]
            assert quality <= 1.0
            assert quality < 1.0 or direct[0].score == best, (entry.id, case)
    assert checked >= 20
    assert tops[("coding", "livecodebench")] >= 57.2  # R1-Distill-Qwen-32B


def test_a_reasoning_distills_contest_score_does_not_outweigh_a_coders_humaneval() -> None:
    rules = default_rules()
    r1 = CATALOG.get("deepseek-r1-distill-qwen-14b").variant
    coder = CATALOG.get("qwen2.5-coder-14b-instruct").variant
    tops = catalog_tops((e.variant for e in CATALOG), rules)
    r1_q, r1_used = evidence_quality(r1, "coding", rules, tops)
    coder_q, _ = evidence_quality(coder, "coding", rules, tops)
    assert r1_q is not None
    assert coder_q is not None
    assert [u.benchmark for u in r1_used] == ["LiveCodeBench (pass@1)"]
    assert r1_q + 0.03 < coder_q  # 53.1 of 60 against HumanEval 89.6 of 95, MBPP 86.2 of 92


def test_the_top_coder_on_12_gb_is_made_for_code() -> None:
    hw = HardwareOverrides(ram_gb=32, vram_gb=12, gpu="nvidia").planned()
    picks = Recommender(CATALOG).run(hw, RecommendRequest(use_case="coding", top=5)).picks
    top = CATALOG.get(picks[0].id).variant
    assert "coding" in top.strengths
    assert picks[0].id != "deepseek-r1-distill-qwen-14b"
    r1 = [p for p in picks if p.id == "deepseek-r1-distill-qwen-14b"]
    assert not r1 or not any(r.code == "pick.strength" for r in r1[0].reason_codes)
