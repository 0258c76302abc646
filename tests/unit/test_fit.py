"""The fit estimate: memory terms, GPU placement, verdicts, speed and the context curve."""

from __future__ import annotations

from dataclasses import replace

import pytest

from wizard_app.core.errors import InputError
from wizard_app.core.fit import (
    GPU_MARGIN_BYTES,
    GPU_SECONDS_PER_MOE_LAYER,
    MiB,
    ModelShape,
    estimate,
    gpu_efficiency,
    kv_cache_bytes,
    largest_fitting_context,
    prompt_flops_per_token,
    with_weights,
)
from wizard_app.core.hardware.profile import (
    ComputeProfile,
    GiB,
    GpuInfo,
    HardwareOverrides,
    HardwareProfile,
)

LLAMA3_8B = ModelShape(
    arch="llama", layers=32, embedding=4096, heads=32, kv_heads=8, head_dim_k=128,
    head_dim_v=128, trained_context=131072, weights_bytes=4_920_000_000, vocab=128256,
    feed_forward=14336,
)  # fmt: skip


def machine(ram_gb: float, vram_gb: float = 0, vendor: str = "nvidia") -> HardwareProfile:
    gpu = None if vram_gb == 0 else vendor
    return HardwareOverrides(ram_gb=ram_gb, vram_gb=vram_gb or None, gpu=gpu or "none").apply(
        HardwareProfile()
    )


def test_kv_cache_matches_the_textbook_formula() -> None:
    # 32 layers x 8 KV heads x (128 + 128) x 2 bytes = 128 KiB per token: 1 GiB at 8k.
    assert kv_cache_bytes(LLAMA3_8B, 8192) == 1 * GiB
    assert kv_cache_bytes(LLAMA3_8B, 8192, "q8_0") == pytest.approx(GiB * 34 / 64, rel=1e-6)


def test_sliding_window_layers_keep_only_the_window() -> None:
    gemma = ModelShape(
        arch="gemma2", layers=42, embedding=3584, heads=16, kv_heads=8, head_dim_k=256,
        head_dim_v=256, trained_context=8192, weights_bytes=5_000_000_000,
        sliding_window=4096,
    )  # fmt: skip
    full = kv_cache_bytes(gemma.__class__(**{**gemma.__dict__, "sliding_window": None}), 8192)
    swa = kv_cache_bytes(gemma, 8192)
    # half the layers keep 4096 + 512 cells instead of 8192
    assert swa == pytest.approx(full * (0.5 + 0.5 * 4608 / 8192), rel=1e-6)
    # architectures llama.cpp runs with a full cache are not discounted
    mistral = ModelShape(**{**gemma.__dict__, "arch": "llama"})
    assert kv_cache_bytes(mistral, 8192) == full


def test_cpu_only_machine_runs_on_cpu_and_sums_the_terms() -> None:
    e = estimate(LLAMA3_8B, machine(16), 8192)
    assert e.verdict == "cpu"
    assert e.gpu_layers == 0
    assert e.total_bytes == e.weights_bytes + e.kv_bytes + e.compute_bytes + e.overhead_bytes
    assert e.headroom_bytes > 0
    assert e.tokens_per_s is not None
    assert 1 < e.tokens_per_s < 20


def test_all_layers_go_to_a_big_gpu_and_speed_rises() -> None:
    cpu = estimate(LLAMA3_8B, machine(32), 4096)
    gpu = estimate(LLAMA3_8B, machine(32, 24), 4096)
    assert gpu.verdict == "gpu"
    assert gpu.gpu_layers == 32
    assert gpu.gpu_bytes <= gpu.gpu_budget_bytes
    assert gpu.tokens_per_s is not None
    assert cpu.tokens_per_s is not None
    assert gpu.tokens_per_s > cpu.tokens_per_s * 3


def test_small_gpu_splits_layers_and_respects_the_margin() -> None:
    e = estimate(LLAMA3_8B, machine(32, 4), 4096)
    assert e.verdict == "split"
    assert 0 < e.gpu_layers < 32
    assert e.gpu_bytes <= 4 * GiB - GPU_MARGIN_BYTES


def test_too_little_memory_does_not_fit_and_says_how_much_is_missing() -> None:
    e = estimate(LLAMA3_8B, machine(4), 4096)
    assert e.verdict == "no_fit"
    assert e.tokens_per_s is None
    assert any("more memory" in n for n in e.notes)


def test_forced_gpu_layers_are_used() -> None:
    e = estimate(LLAMA3_8B, machine(32, 24), 4096, gpu_layers=10)
    assert e.gpu_layers == 10
    assert e.verdict == "split"
    with pytest.raises(InputError):
        estimate(LLAMA3_8B, machine(32, 24), 4096, gpu_layers=-1)


def test_curve_grows_with_context_and_includes_the_chosen_one() -> None:
    e = estimate(LLAMA3_8B, machine(16), 6000)
    contexts = [p.context for p in e.curve]
    assert 6000 in contexts
    assert contexts == sorted(contexts)
    totals = [p.total_bytes for p in e.curve]
    assert totals == sorted(totals)
    assert e.curve[-1].verdict == "no_fit"  # 128k does not fit in 16 GB
    assert largest_fitting_context(LLAMA3_8B, machine(16)) == 32768


def test_unified_memory_counts_one_pool() -> None:
    mac = HardwareProfile(
        ram_total_bytes=16 * GiB,
        gpus=[GpuInfo(vendor="apple", name="Apple M2", kind="unified",
                      memory_total_bytes=int(16 * GiB * 2 / 3), bandwidth_gbs=100)],
    )  # fmt: skip
    e = estimate(LLAMA3_8B, mac, 4096)
    assert e.verdict == "gpu"
    assert e.tokens_per_s is not None


def test_flash_attention_shrinks_the_compute_buffer_at_long_context() -> None:
    plain = estimate(LLAMA3_8B, machine(64), 32768)
    fa = estimate(LLAMA3_8B, machine(64), 32768, flash_attention=True)
    assert fa.compute_bytes < plain.compute_bytes
    assert fa.compute_bytes < 1024 * MiB


@pytest.mark.parametrize(("ctx", "cache"), [(10, "f16"), (4096, "q3_k")])
def test_bad_input_is_rejected_with_a_remedy(ctx: int, cache: str) -> None:
    with pytest.raises(InputError) as err:
        estimate(LLAMA3_8B, machine(16), ctx, cache_type=cache)
    assert err.value.remedy


def test_a_tiny_model_is_not_predicted_faster_than_the_per_token_cost() -> None:
    from wizard_app.core.fit import MIN_SECONDS_PER_TOKEN

    tiny = ModelShape(
        arch="llama", layers=2, embedding=64, heads=4, kv_heads=2, head_dim_k=16,
        head_dim_v=16, trained_context=4096, weights_bytes=400_000, vocab=512,
    )  # fmt: skip
    e = estimate(tiny, machine(16), 512)
    assert e.tokens_per_s is not None
    assert e.tokens_per_s <= 1 / MIN_SECONDS_PER_TOKEN
    assert e.tokens_per_s > 1000


# --- GPUs: margins, several cards, published bandwidth ------------------------------
LLAMA3_70B_Q4 = ModelShape(
    arch="llama", layers=80, embedding=8192, heads=64, kv_heads=8, head_dim_k=128,
    head_dim_v=128, trained_context=131072, weights_bytes=42_520_000_000, vocab=128256,
    feed_forward=28672,
)  # fmt: skip


def cards(spec: str, name: str | None = "RTX 4090", ram_gb: float = 128) -> HardwareProfile:
    return HardwareOverrides(ram_gb=ram_gb, gpus=spec, gpu="nvidia", gpu_name=name).planned()


def test_two_cards_hold_whole_layers_split_by_free_memory() -> None:
    e = estimate(LLAMA3_70B_Q4, cards("2x24"), 4096)
    assert e.verdict == "gpu"
    # llama.cpp's 81 slots (80 blocks, then the output head) halve at slot 40.5: the first
    # card takes blocks 0-40, the second 41-79 and the output (core/fit/split.py)
    assert e.gpu_split == [41, 39]
    uneven = estimate(LLAMA3_70B_Q4, cards("24,12", ram_gb=256), 4096)
    assert sum(uneven.gpu_split) == uneven.gpu_layers
    # llama.cpp's default split follows free memory: the 24 GB card takes about twice as many
    assert 1.6 < uneven.gpu_split[0] / max(1, uneven.gpu_split[1]) < 2.4
    assert uneven.headroom_bytes >= 0


def test_each_card_pays_its_own_context_and_compute_buffer() -> None:
    one = estimate(LLAMA3_70B_Q4, cards("48", name=None), 4096)
    two = estimate(LLAMA3_70B_Q4, cards("2x24", name=None), 4096)
    assert two.gpu_bytes - one.gpu_bytes == pytest.approx(400 * MiB + one.compute_bytes, rel=0.01)
    assert two.total_bytes > one.total_bytes


def test_a_model_that_fits_48_gb_in_one_piece_may_not_fit_two_24_gb_cards() -> None:
    # no layer can span two cards, and each keeps its margin: a split needs more room
    shape = with_weights(LLAMA3_70B_Q4, 46_000_000_000)
    assert estimate(shape, cards("48", name=None), 4096).verdict == "gpu"
    assert estimate(shape, cards("2x24", name=None), 4096).verdict == "split"


def test_the_margin_grows_with_the_card() -> None:
    small = estimate(LLAMA3_8B, machine(32, 8), 4096)
    big = estimate(LLAMA3_8B, machine(64, 48), 4096)
    assert small.gpu_budget_bytes == 8 * GiB - GPU_MARGIN_BYTES
    assert 48 * GiB - big.gpu_budget_bytes == pytest.approx(0.04 * 48 * GiB, rel=0.01)


def test_published_bandwidth_is_looked_up_by_the_cards_name() -> None:
    fast = estimate(LLAMA3_8B, cards("24", name="NVIDIA GeForce RTX 4090"), 4096)
    slow = estimate(LLAMA3_8B, cards("24", name="NVIDIA GeForce RTX 4060"), 4096)
    unknown = estimate(LLAMA3_8B, cards("24", name=None), 4096)
    assert fast.tokens_per_s
    assert unknown.tokens_per_s
    assert slow.tokens_per_s
    assert fast.tokens_per_s > unknown.tokens_per_s > slow.tokens_per_s
    assert "1008 GB/s (published)" in fast.speed_assumption
    assert "unknown, assumed 360 GB/s" in unknown.speed_assumption
    # a laptop part is not the desktop card: no figure rather than the wrong one
    laptop = estimate(LLAMA3_8B, cards("12", name="NVIDIA GeForce RTX 4080 Laptop GPU"), 4096)
    assert "assumed" in laptop.speed_assumption


def test_a_layer_split_is_a_pipeline_not_a_sum_of_bandwidths() -> None:
    one = estimate(LLAMA3_8B, cards("24"), 4096)
    two = estimate(LLAMA3_8B, cards("2x24"), 4096)
    assert two.gpu_split == [17, 15]  # 33 slots: 17, then 15 blocks and the output
    assert one.tokens_per_s
    assert two.tokens_per_s
    assert two.tokens_per_s <= one.tokens_per_s
    assert two.tokens_per_s > 0.9 * one.tokens_per_s


@pytest.mark.parametrize("spec", ["2x", "x24", "0x24", "17x8", "24;12", "5000"])
def test_a_bad_gpu_list_is_named_with_a_remedy(spec: str) -> None:
    with pytest.raises(InputError) as err:
        cards(spec)
    assert "--gpus" in str(err.value)
    assert err.value.remedy


def _cpu_profile(gflops: float) -> ComputeProfile:
    return ComputeProfile(
        threads=2, bandwidth_gbs=20.0, weights_per_s=12e9, weights_per_s_f16=9e9,
        seconds_per_layer=45e-6, seconds_per_vocab=2e-9, seconds_per_token=1e-4,
        matmul_gflops=gflops,
    )  # fmt: skip


def test_prompt_speed_on_a_measured_cpu_is_its_matrix_rate_over_the_flops() -> None:
    hw = machine(32).model_copy(update={"compute": _cpu_profile(120.0)})
    e = estimate(LLAMA3_8B, hw, 4096)
    assert e.verdict == "cpu"
    expected = 120e9 / prompt_flops_per_token(LLAMA3_8B)
    assert e.prompt_tokens_per_s == pytest.approx(expected, rel=0.01)
    faster = hw.model_copy(update={"compute": _cpu_profile(240.0)})
    assert estimate(LLAMA3_8B, faster, 4096).prompt_tokens_per_s == pytest.approx(
        2 * expected, rel=0.01
    )
    assert "GFLOP/s (measured)" in e.speed_assumption


def test_prompt_speed_is_not_guessed_without_a_source() -> None:
    # an unmeasured CPU, and a card whose matrix throughput no source gave
    assert estimate(LLAMA3_8B, machine(32), 4096).prompt_tokens_per_s is None
    hw = HardwareOverrides(ram_gb=64, gpu="nvidia", gpu_name="NVIDIA GeForce RTX 4060",
                           vram_gb=8).planned()  # fmt: skip
    e = estimate(LLAMA3_8B, hw, 4096)
    assert e.verdict == "gpu"
    assert e.prompt_tokens_per_s is None
    assert "Prompt speed: not estimated" in e.speed_assumption


def test_prompt_speed_on_a_gpu_is_compute_bound_and_quants_cost_more() -> None:
    def on(card: str, shape: ModelShape) -> float:
        hw = HardwareOverrides(ram_gb=64, gpu="nvidia", gpu_name=card, vram_gb=24).planned()
        pps = estimate(shape, hw, 4096).prompt_tokens_per_s
        assert pps
        return pps

    q4 = replace(LLAMA3_8B, quant="Q4_K_M")
    f16 = replace(LLAMA3_8B, quant="F16", weights_bytes=16_060_000_000)
    # the RTX 4090's 330 TFLOPS against the RTX 3090's 142 (resources/gpu_bandwidth.yaml)
    assert on("NVIDIA GeForce RTX 4090", q4) / on("NVIDIA GeForce RTX 3090", q4) == (
        pytest.approx(330 / 142, rel=0.01)
    )
    # prompt speed depends on the weights multiplied, not on the bytes read
    assert on("NVIDIA GeForce RTX 4090", f16) > on("NVIDIA GeForce RTX 4090", q4)


def test_an_apple_gpu_dequantising_k_quants_is_bound_by_its_alus() -> None:
    hw = HardwareOverrides(ram_gb=64, gpu="apple", gpu_name="Apple M1 Max", cores=10).planned()
    q4 = replace(LLAMA3_8B, quant="Q4_K_M")
    e = estimate(q4, hw, 512)
    assert e.verdict == "gpu"
    memory_only = 1 / (q4.bytes_per_token / (400e9 * gpu_efficiency(q4)))
    assert e.tokens_per_s is not None
    assert e.tokens_per_s < 0.8 * memory_only  # 10.4 TFLOPS, not 400 GB/s, sets the pace


def test_an_intel_arc_reads_its_bandwidth_at_its_backends_share() -> None:
    def on(vendor: str, name: str) -> tuple[float, str]:
        hw = HardwareOverrides(ram_gb=64, gpu=vendor, gpu_name=name, vram_gb=16,
                               gpu_bandwidth_gbs=560).planned()  # fmt: skip
        e = estimate(replace(LLAMA3_8B, quant="Q4_K_M"), hw, 512)
        assert e.verdict == "gpu"
        assert e.tokens_per_s
        return e.tokens_per_s, e.speed_assumption

    arc, text = on("intel", "Intel Arc A770 Graphics")
    nvidia, _ = on("nvidia", "NVIDIA GeForce RTX 4070 Ti")
    # the same 560 GB/s: llama.cpp's Vulkan and SYCL kernels read an Arc at 66% of the
    # share NVIDIA's CUDA kernels reach (GPU_VENDOR_EFFICIENCY), and the text says so
    assert arc / nvidia == pytest.approx(0.66, abs=0.05)
    assert "at 46% efficiency" in text


def test_an_apple_chips_matrix_rate_is_its_bins_as_its_bandwidth_is() -> None:
    def prompt(cores: int) -> float | None:
        hw = HardwareOverrides(ram_gb=64, gpu="apple", gpu_name="Apple M3 Max",
                               cores=cores).planned()  # fmt: skip
        return estimate(replace(LLAMA3_8B, quant="Q4_K_M"), hw, 512).prompt_tokens_per_s

    # the 16-core M3 Max has a sourced 16.4 TFLOPS (40-core GPU); the 14-core bin has none
    assert prompt(16)
    assert prompt(14) is None


def test_a_mixture_of_experts_pays_per_expert_layer_on_a_gpu() -> None:
    hw = HardwareOverrides(ram_gb=64, gpu="nvidia", gpu_name="NVIDIA GeForce RTX 4090",
                           vram_gb=24).planned()  # fmt: skip
    dense = replace(LLAMA3_8B, quant="Q4_K_M", active_fraction=0.25)
    moe = estimate(dense, hw, 512).tokens_per_s
    base = estimate(replace(dense, weights_bytes=dense.weights_bytes // 4, active_fraction=1.0),
                    hw, 512).tokens_per_s  # fmt: skip
    assert moe
    assert base
    # the same bytes per token, plus 70 us for each of the 32 expert layers
    assert 1 / moe - 1 / base == pytest.approx(32 * GPU_SECONDS_PER_MOE_LAYER, rel=0.15)


@pytest.mark.parametrize("shares", [[1.0], [24.0, 24.0], [24.0, 12.0], [10.0, 7.0, 3.0]])
@pytest.mark.parametrize("blocks", [0, 1, 7, 31, 32])
def test_the_split_and_the_gpu_layer_count_are_llama_cpps(shares: list[float], blocks: int) -> None:
    from tests.llama_split import llama_cpp_devices
    from wizard_app.core.fit.split import split_blocks
    from wizard_app.core.runtime.offload import llama_cpp_gpu_layers

    n_layer = 32
    devices = llama_cpp_devices(n_layer, llama_cpp_gpu_layers(blocks), shares)
    on_gpu = [d for d in devices[:n_layer] if d is not None]
    assert len(on_gpu) == blocks  # the app's blocks, exactly
    assert devices[:n_layer - blocks] == [None] * (n_layer - blocks)  # the last ones go
    if blocks == 0:
        assert devices[n_layer] is None
        return
    counts, output_device = split_blocks(shares, blocks)
    assert counts == [on_gpu.count(i) for i in range(len(shares))]
    assert output_device == devices[n_layer]  # the output head goes with them


def test_speed_assumption_gives_the_vocabulary_cost_per_million_entries() -> None:
    # 5.9 ns an entry is 5,900 µs per million entries (it said "per 1,000")
    reference = estimate(LLAMA3_8B, machine(32), 4096).speed_assumption
    assert "5900 µs per million vocabulary entries" in reference
    assert "per 1,000" not in reference
    measured = machine(32).model_copy(
        update={
            "compute": ComputeProfile(
                threads=2, bandwidth_gbs=12.0, weights_per_s=6e9, weights_per_s_f16=3e9,
                seconds_per_layer=43e-6, seconds_per_vocab=2e-9, seconds_per_token=3e-4,
                matmul_gflops=90.0,
            )
        }
    )  # fmt: skip
    text = estimate(LLAMA3_8B, measured, 4096).speed_assumption
    assert "2000 µs per million vocabulary entries" in text
