"""The load plan uses every GPU llama.cpp splits layers across, as the fit estimate does."""

from __future__ import annotations

from dataclasses import replace

from wizard_app.core.errors import TEMPLATES
from wizard_app.core.fit import ModelShape, estimate, kv_cache_bytes
from wizard_app.core.hardware.profile import HardwareOverrides, HardwareProfile
from wizard_app.core.runtime.placement import plan_load

LLAMA_70B_Q4 = ModelShape(
    arch="llama", layers=80, embedding=8192, heads=64, kv_heads=8, head_dim_k=128,
    head_dim_v=128, trained_context=131072, weights_bytes=42_520_000_000, vocab=128256,
    feed_forward=28672, quant="Q4_K_M",
)  # fmt: skip


def cards(spec: str) -> HardwareProfile:
    return HardwareOverrides(ram_gb=128, gpus=spec, gpu="nvidia").planned()


def test_two_cards_hold_a_model_that_one_card_cannot() -> None:
    one = plan_load(LLAMA_70B_Q4, cards("1x24"), n_ctx=4096, gpu_layers="auto",
                    supports_offload=True)  # fmt: skip
    two = plan_load(LLAMA_70B_Q4, cards("2x24"), n_ctx=4096, gpu_layers="auto",
                    supports_offload=True)  # fmt: skip
    assert one.n_gpu_layers < LLAMA_70B_Q4.layers
    assert two.n_gpu_layers == LLAMA_70B_Q4.layers
    assert len(two.gpu_split) == 2
    assert sum(two.gpu_split) == two.n_gpu_layers
    # equal cards, equal shares of llama.cpp's slots: the second card's include the output
    assert abs(two.gpu_split[0] - (two.gpu_split[1] + 1)) <= 1
    codes = [code for code, _ in two.note_codes]
    assert "runtime.plan.auto_gpus" in codes
    assert "runtime.plan.auto_gpus" in TEMPLATES
    assert any("on 2 GPUs" in n and "41 + 39" in n for n in two.notes)


def test_the_plan_is_the_fit_estimate_for_the_same_machine() -> None:
    hw = cards("24,12")
    plan = plan_load(LLAMA_70B_Q4, hw, n_ctx=4096, gpu_layers="auto", supports_offload=True,
                     ctx_explicit=True)  # fmt: skip
    fit = estimate(LLAMA_70B_Q4, hw, 4096, with_curve=False)
    assert plan.n_gpu_layers == fit.gpu_layers
    assert plan.gpu_split == tuple(fit.gpu_split)
    assert plan.gpu_split[0] > plan.gpu_split[1]  # the larger card takes more layers


def test_gpt_oss_keeps_a_window_sized_cache_on_alternate_layers() -> None:
    gpt_oss = ModelShape(
        arch="gpt-oss", layers=24, embedding=2880, heads=64, kv_heads=8, head_dim_k=64,
        head_dim_v=64, trained_context=131072, weights_bytes=12_100_000_000,
        sliding_window=128, vocab=201088, active_fraction=3.6 / 20.9,
    )  # fmt: skip
    full = kv_cache_bytes(replace(gpt_oss, sliding_window=None), 32768)
    swa = kv_cache_bytes(gpt_oss, 32768)
    # 12 of 24 layers keep 128 + 512 cells instead of 32,768
    assert swa == int(full / 2 + full / 2 * 640 / 32768)
