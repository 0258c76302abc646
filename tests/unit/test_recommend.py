"""The recommender on synthetic catalogs: constraints, ranking, reasons and invariants."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.catalog_factory import synthetic_catalog
from wizard_app.core.catalog.quants import bits_per_weight
from wizard_app.core.catalog.schema import USE_CASES
from wizard_app.core.errors import InputError
from wizard_app.core.fit import Placement, place, shape_from_variant
from wizard_app.core.hardware.profile import GiB, HardwareOverrides, HardwareProfile
from wizard_app.core.recommend.engine import (
    Pick,
    Recommendation,
    Recommender,
    RecommendRequest,
    upgrade_profile,
)
from wizard_app.core.recommend.rules import default_hardware_table, default_rules

CATALOG = synthetic_catalog(120, seed=7)
ENGINE = Recommender(CATALOG)


def machine(
    ram_gb: float,
    vram_gb: float = 0,
    disk_gb: float | None = None,
    gpu_bw: float | None = None,
    ram_bw: float | None = None,
) -> HardwareProfile:
    return HardwareOverrides(
        ram_gb=ram_gb,
        vram_gb=vram_gb or None,
        gpu="nvidia" if vram_gb else "none",
        disk_gb=disk_gb,
        gpu_bandwidth_gbs=gpu_bw if vram_gb else None,
        ram_bandwidth_gbs=ram_bw,
    ).apply(HardwareProfile())


def run(hw: HardwareProfile, **kw: object) -> object:
    return ENGINE.run(hw, RecommendRequest(top=1000, **kw))


def test_every_variant_is_either_picked_or_excluded_with_a_reason() -> None:
    r = run(machine(16))
    assert len(r.picks) + len(r.excluded) == len(CATALOG)
    assert all(p.reasons for p in r.picks)
    assert all(e.reasons and all(e.reasons) for e in r.excluded)
    assert [p.rank for p in r.picks] == list(range(1, len(r.picks) + 1))
    assert [p.score for p in r.picks] == sorted((p.score for p in r.picks), reverse=True)


def test_hard_constraints_filter_with_stated_reasons() -> None:
    r = run(machine(64), license="unrestricted", openness="fully-open", language="nl")
    for p in r.picks:
        entry = CATALOG.get(p.id)
        assert entry.variant.license.commercial == "yes"
        assert entry.variant.openness.fully_open
        assert "nl" in entry.variant.languages
    texts = " ".join(" ".join(e.reasons) for e in r.excluded)
    assert "Licence" in texts
    assert "Not fully open" in texts
    assert "Dutch" in texts


def test_memory_is_the_limit_on_a_small_machine() -> None:
    r = run(machine(4))
    assert r.picks, "small models fit in 4 GB"
    assert all(p.size_bytes < 4 * GiB for p in r.picks)
    assert any("Too big for this machine" in " ".join(e.reasons) for e in r.excluded)


def test_disk_budget_is_a_hard_limit() -> None:
    r = ENGINE.run(machine(64), RecommendRequest(top=1000, disk_budget_gb=3))
    assert r.picks
    assert all(p.size_bytes <= 3e9 for p in r.picks)
    assert any("disk" in " ".join(e.reasons) for e in r.excluded)


def test_priority_speed_prefers_faster_picks() -> None:
    quality = run(machine(32), priority="quality").picks[:5]
    speed = run(machine(32), priority="speed").picks[:5]
    mean = lambda ps: sum(p.tokens_per_s or 0 for p in ps) / len(ps)  # noqa: E731
    assert mean(speed) > mean(quality)


def test_the_best_quant_that_fits_is_chosen() -> None:
    # quality priority, plenty of memory: where the largest file runs wholly on the GPU at
    # the priority's target speed, it is taken (below the target, speed weighs in)
    hw = machine(256, 80)
    r = run(hw, priority="quality")
    target = default_rules().priorities["quality"].target
    checked = 0
    for p in r.picks[:20]:
        var = CATALOG.get(p.id).variant
        top = max(var.artifacts, key=lambda a: bits_per_weight(a.quant))
        fit = place(shape_from_variant(var, top.quant), hw, p.context)
        if fit.verdict == "gpu" and (fit.tokens_per_s or 0) >= target:
            assert bits_per_weight(p.quant) == bits_per_weight(top.quant)
            checked += 1
    assert checked >= 10


def _fitting(p: Pick, hw: HardwareProfile) -> list[tuple[str, Placement]]:
    var = CATALOG.get(p.id).variant
    return [
        (a.quant, fit)
        for a in var.artifacts
        if (fit := place(shape_from_variant(var, a.quant), hw, p.context)).fits
    ]


def test_a_smaller_quant_wholly_on_the_gpu_beats_a_larger_one_split() -> None:
    hw = machine(32, 12)
    seen = 0
    for p in run(hw, use_case="coding").picks:
        split = [
            (q, f)
            for q, f in _fitting(p, hw)
            if f.verdict == "split" and bits_per_weight(q) > bits_per_weight(p.quant)
        ]
        if p.verdict == "gpu" and split:
            seen += 1
            richer = [
                qf for qf in _fitting(p, hw) if bits_per_weight(qf[0]) > bits_per_weight(p.quant)
            ]
            faster = min(richer, key=lambda qf: bits_per_weight(qf[0]))  # the next one up
            codes = {r.code for r in p.reason_codes}
            assert codes & {"pick.quant_tradeoff.gpu", "pick.below_floor.gpu"}
            text = " ".join(p.reasons)
            assert f"instead of {faster[1].tokens_per_s:g} for {faster[0]}" in text
    assert seen, "this machine has picks that trade a split quant for a whole-GPU one"


def test_a_split_pick_names_the_faster_quant_it_passed_over_for_quality() -> None:
    hw = machine(128, 48, gpu_bw=936)
    seen = 0
    for prio in ("quality", "balanced", "speed"):
        for p in run(hw, use_case="chat", priority=prio).picks:
            codes = {r.code for r in p.reason_codes}
            on_gpu = [
                (q, f)
                for q, f in _fitting(p, hw)
                if f.verdict == "gpu"
                and bits_per_weight(q) >= bits_per_weight("Q4_K_M")
                and (f.tokens_per_s or 0) >= 1.25 * (p.tokens_per_s or 0)
            ]
            named = "pick.quant_tradeoff.quality" in codes
            assert named == (p.verdict == "split" and bool(on_gpu)), (prio, p.id)
            if named:
                seen += 1
                quant, fit = max(on_gpu, key=lambda qf: bits_per_weight(qf[0]))
                assert f"{quant} would fit wholly on the GPU at about {fit.tokens_per_s:g}" in (
                    " ".join(p.reasons)
                )
    assert seen, "this machine has split picks with a faster whole-GPU quant"


@pytest.mark.parametrize(("ram", "vram"), [(16, 0), (64, 0), (32, 12)])
def test_no_pick_is_below_q4_k_m_unless_memory_forces_it(ram: float, vram: float) -> None:
    hw = machine(ram, vram)
    floor = bits_per_weight("Q4_K_M")
    for p in run(hw).picks:
        if bits_per_weight(p.quant) >= floor:
            continue
        usable = [
            (q, f)
            for q, f in _fitting(p, hw)
            if bits_per_weight(q) >= floor and (f.tokens_per_s or 0) >= 2
        ]
        # a Q4_K_M or larger file fits at a usable speed only when it is split and this one
        # runs wholly on the GPU
        assert all(f.verdict != "gpu" for _, f in usable), p.id
        if usable:
            assert p.verdict == "gpu"
        assert {r.code for r in p.reason_codes} & {"pick.below_floor", "pick.below_floor.gpu"}


def test_speed_counts_beyond_the_target_but_ever_less() -> None:
    prio = default_rules().priorities["balanced"]
    scores = [prio.speed_score(t) for t in (1, 2, 5, 10, 10.6, 23, 26.6, 100, 1000)]
    assert scores == sorted(scores)
    assert scores[0] == 0
    assert scores[3] == pytest.approx(1)
    assert scores[5] - scores[4] > scores[6] - scores[5]  # 10.6 -> 23 counts, 23 -> 26.6 little
    assert scores[-1] < 1 + prio.beyond_target
    q = default_rules().quant_factor
    assert q(bits_per_weight("Q8_0")) > q(bits_per_weight("Q6_K")) > q(bits_per_weight("Q5_K_M"))
    assert q(bits_per_weight("Q5_K_M")) > q(bits_per_weight("Q5_K_S")) > q(4.89) > q(3.91)


def test_budget_proposes_dated_sourced_upgrades() -> None:
    r = ENGINE.run(machine(8), RecommendRequest(budget_usd=2000))
    assert r.upgrades
    for u in r.upgrades:
        assert u.price_usd <= 2000
        assert u.source.startswith("https://")
        assert u.top_pick in CATALOG
    table = default_hardware_table()
    gpu = next(o for o in table.options if o.kind == "gpu" and o.memory_gb >= 16)
    upgraded = upgrade_profile(machine(8), gpu)
    assert upgraded is not None
    assert upgraded.gpu_bytes == int(gpu.memory_gb * GiB)


def test_running_cost_is_stated_with_its_assumption() -> None:
    r = run(machine(16))
    cost = r.picks[0].running_cost
    assert cost is not None
    assert cost.usd_per_mtok > 0
    assert "USD/kWh" in cost.assumption


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"use_case": "poetry-slam"}, "Unknown use case"),
        ({"language": "dutch!"}, "language code"),
        ({"context": 10}, "context"),
        ({"budget_usd": -5}, "budget"),
        ({"disk_budget_gb": -1}, "disk"),
    ],
)
def test_bad_requests_are_named_with_a_remedy(kwargs: dict[str, object], fragment: str) -> None:
    with pytest.raises(InputError) as err:
        ENGINE.run(machine(16), RecommendRequest(**kwargs))
    assert fragment in str(err.value)
    assert err.value.remedy


# --- invariants --------------------------------------------------------------------
requests = st.builds(
    RecommendRequest,
    use_case=st.sampled_from(USE_CASES),
    language=st.sampled_from([None, "en", "nl", "ja"]),
    license=st.sampled_from(["any", "commercial", "unrestricted"]),
    openness=st.sampled_from(["any", "open-weights", "fully-open"]),
    priority=st.sampled_from(["quality", "balanced", "speed"]),
    context=st.sampled_from([None, 2048, 8192, 32768]),
    top=st.just(1000),
)
memory = st.floats(min_value=1, max_value=256)
vram = st.sampled_from([0, 4, 8, 12, 16, 24, 48])
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(req=requests, ram=memory, extra=st.floats(min_value=0.5, max_value=128), v=vram)
def test_more_memory_never_removes_a_model_that_fitted(
    req: RecommendRequest, ram: float, extra: float, v: int
) -> None:
    small = {p.id for p in ENGINE.run(machine(ram, v), req, upgrades=False).picks}
    big = {p.id for p in ENGINE.run(machine(ram + extra, v), req, upgrades=False).picks}
    more_vram = {p.id for p in ENGINE.run(machine(ram, v + 8), req, upgrades=False).picks}
    assert small <= big
    assert small <= more_vram


def _not_worse_and_slower(small: Recommendation, big: Recommendation) -> None:
    before = {p.id: p for p in small.picks}
    for p in big.picks:
        old = before.get(p.id)
        if old is None:
            continue
        worse = bits_per_weight(p.quant) < bits_per_weight(old.quant)
        slower = (p.tokens_per_s or 0) < (old.tokens_per_s or 0)
        assert not (worse and slower), (p.id, old.quant, old.tokens_per_s, p.quant, p.tokens_per_s)


@SETTINGS
@given(req=requests, ram=memory, extra=st.floats(min_value=0.5, max_value=128), v=vram)
def test_more_memory_never_makes_the_chosen_quant_worse_and_slower(
    req: RecommendRequest, ram: float, extra: float, v: int
) -> None:
    small = ENGINE.run(machine(ram, v), req, upgrades=False)
    _not_worse_and_slower(small, ENGINE.run(machine(ram + extra, v), req, upgrades=False))
    _not_worse_and_slower(small, ENGINE.run(machine(ram, v + 8), req, upgrades=False))


@SETTINGS
@given(
    req=requests,
    ram=memory,
    v=vram,
    gpu_bw=st.floats(min_value=100, max_value=1500),
    ram_bw=st.floats(min_value=20, max_value=400),
    k=st.floats(min_value=1.05, max_value=4),
)
def test_more_bandwidth_never_makes_the_chosen_quant_worse_and_slower(
    req: RecommendRequest, ram: float, v: int, gpu_bw: float, ram_bw: float, k: float
) -> None:
    base = ENGINE.run(machine(ram, v, gpu_bw=gpu_bw, ram_bw=ram_bw), req, upgrades=False)
    for faster in (
        machine(ram, v, gpu_bw=gpu_bw * k, ram_bw=ram_bw),
        machine(ram, v, gpu_bw=gpu_bw, ram_bw=ram_bw * k),
    ):
        _not_worse_and_slower(base, ENGINE.run(faster, req, upgrades=False))


@SETTINGS
@given(req=requests, ram=memory, v=vram)
def test_a_fitting_pick_never_exceeds_the_memory_available(
    req: RecommendRequest, ram: float, v: int
) -> None:
    hw = machine(ram, v)
    for p in ENGINE.run(hw, req, upgrades=False).picks:
        assert p.fit.cpu_bytes <= hw.ram_bytes_for_models
        assert p.fit.gpu_bytes <= hw.gpu_bytes
        assert p.verdict != "no_fit"


@SETTINGS
@given(req=requests, ram=memory, v=vram)
def test_hard_constraints_are_never_broken_and_all_is_explained(
    req: RecommendRequest, ram: float, v: int
) -> None:
    r = ENGINE.run(machine(ram, v), req, upgrades=False)
    for p in r.picks:
        var = CATALOG.get(p.id).variant
        assert p.reasons
        if req.license == "unrestricted":
            assert var.license.commercial == "yes"
        if req.license == "commercial":
            assert var.license.commercial != "no"
        if req.openness == "fully-open":
            assert var.openness.fully_open
        if req.language:
            assert req.language in var.languages
        assert var.architecture is not None
        assert p.context <= var.architecture.context
        if req.context is not None:
            assert p.context == req.context
    assert all(e.reasons for e in r.excluded)
    assert len(r.picks) + len(r.excluded) == len(CATALOG)


@SETTINGS
@given(req=requests, ram=memory, v=vram)
def test_the_same_inputs_give_the_same_output(req: RecommendRequest, ram: float, v: int) -> None:
    a = Recommender(CATALOG).run(machine(ram, v), req).model_dump()
    b = Recommender(CATALOG).run(machine(ram, v), req).model_dump()
    assert a == b


def test_a_laptop_is_offered_no_desktop_cards_or_memory_kits() -> None:
    laptop = HardwareOverrides(ram_gb=16, gpu="none", laptop=True).planned()
    r = ENGINE.run(laptop, RecommendRequest(budget_usd=3000))
    assert r.upgrades
    assert {u.kind for u in r.upgrades} <= {"apple"}
    assert "assume.laptop" in {a.code for a in r.assumption_codes}


def test_the_best_upgrade_of_each_kind_is_listed() -> None:
    r = ENGINE.run(machine(8), RecommendRequest(budget_usd=3000))
    kinds = {u.kind for u in r.upgrades}
    assert {"gpu", "ram"} <= kinds
    assert len(r.upgrades) <= 5
