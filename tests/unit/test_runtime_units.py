"""The pure parts of the runtime: text streaming, architectures, placement, calibration."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wizard_app.core.errors import InputError
from wizard_app.core.fit import ModelShape, estimate
from wizard_app.core.hardware.profile import GiB, HardwareOverrides, HardwareProfile
from wizard_app.core.runtime.archs import (
    KNOWN_ARCHITECTURES,
    architectures_from_library,
    check_architecture,
)
from wizard_app.core.runtime.calibration import Measurement, corrected, machine_fingerprint
from wizard_app.core.runtime.placement import (
    gpu_layer_attempts,
    hardware_with_devices,
    looks_out_of_memory,
    parse_gpu_layers,
    plan_load,
)
from wizard_app.core.runtime.protocol import DeviceInfo
from wizard_app.core.runtime.textstream import TextStream

# --- streaming text ---------------------------------------------------------------------


def test_utf8_split_across_tokens_is_held_until_whole() -> None:
    s = TextStream()
    euro = "€".encode()  # 3 bytes
    assert s.push(euro[:1]).text == ""
    assert s.push(euro[1:2]).text == ""
    assert s.push(euro[2:] + b"!").text == "€!"
    assert s.text == "€!"


def test_invalid_bytes_become_replacement_characters() -> None:
    s = TextStream()
    out = s.push(b"\xff\xfeok").text + s.flush().text
    assert out == "\ufffd\ufffdok"


def test_stop_string_spanning_tokens_is_cut_and_never_shown() -> None:
    s = TextStream(stop=["</end>"])
    shown = [s.push(b"hello </"), s.push(b"en"), s.push(b"d> after")]
    assert [c.text for c in shown] == ["hello ", "", ""]
    assert shown[-1].stopped
    assert s.text == "hello "
    assert s.push(b"more").text == ""


def test_a_held_back_prefix_that_does_not_stop_is_released() -> None:
    s = TextStream(stop=["STOP"])
    assert s.push(b"ST").text == ""
    assert s.push(b"ay").text == "STay"
    assert s.push(b" ST").text == " "
    assert s.flush().text == "ST"


@given(
    pieces=st.lists(st.binary(max_size=6), max_size=30),
    stop=st.lists(st.text(alphabet="ab\u20ac", min_size=1, max_size=3), max_size=2),
)
def test_stream_equals_the_whole_text_cut_at_the_first_stop(
    pieces: list[bytes], stop: list[str]
) -> None:
    s = TextStream(stop)
    shown = "".join(s.push(p).text for p in pieces) + s.flush().text
    whole = b"".join(pieces).decode("utf-8", errors="replace")
    cuts = [i for i in (whole.find(x) for x in stop) if i >= 0]
    expected = whole[: min(cuts)] if cuts else whole
    # decoding in pieces and at once agree on valid text; compare up to the cut
    assert shown == expected
    assert s.text == shown


# --- architectures ----------------------------------------------------------------------


def test_known_architectures_equal_the_installed_llama_cpp() -> None:
    import llama_cpp.llama_cpp as lowlevel

    from_lib = architectures_from_library(lowlevel._lib)
    assert from_lib is not None, "libllama no longer exports llm_arch_name"
    assert from_lib == KNOWN_ARCHITECTURES, (
        "llama-cpp-python changed its architectures: update KNOWN_ARCHITECTURES "
        f"(added {sorted(from_lib - KNOWN_ARCHITECTURES)}, "
        f"dropped {sorted(KNOWN_ARCHITECTURES - from_lib)})"
    )


def test_unknown_and_non_text_architectures_are_refused_clearly() -> None:
    check_architecture("llama")
    check_architecture("qwen2", what="x.gguf")
    with pytest.raises(InputError, match=r"'mamba9'.* does not support") as info:
        check_architecture("mamba9", what="x.gguf")
    assert "mamba" in info.value.message  # close names are suggested
    with pytest.raises(InputError, match="embedding model"):
        check_architecture("nomic-bert")
    with pytest.raises(InputError, match="does not support"):
        check_architecture("llama", supported=["qwen2"])


# --- placement --------------------------------------------------------------------------
SHAPE = ModelShape(
    arch="llama", layers=32, embedding=4096, heads=32, kv_heads=8, head_dim_k=128,
    head_dim_v=128, trained_context=131072, weights_bytes=4_900_000_000, vocab=128256,
    feed_forward=14336,
)  # fmt: skip


def gpu_machine(vram_gb: float, ram_gb: float = 32) -> HardwareProfile:
    return HardwareOverrides(ram_gb=ram_gb, vram_gb=vram_gb, gpu="nvidia").apply(HardwareProfile())


def test_retry_schedule_and_out_of_memory_lines() -> None:
    assert gpu_layer_attempts(0) == [0]
    assert gpu_layer_attempts(-1) == [-1, 0]
    assert gpu_layer_attempts(33) == [33, 24, 16, 8, 0]
    assert gpu_layer_attempts(2) == [2, 1, 0]
    # lines llama.cpp logged here when a context did not fit in RAM
    assert looks_out_of_memory("ggml_aligned_malloc: insufficient memory (attempted ...)")
    assert looks_out_of_memory(
        "llama_init_from_model: failed to initialize the context: std::bad_alloc"
    )
    assert looks_out_of_memory("ggml_backend_cuda_buffer_type_alloc_buffer: ... out of memory")
    assert not looks_out_of_memory(
        "llama_model_load: error loading model: tensor 'output.weight' data is not within the file"
    )
    assert parse_gpu_layers("auto") == "auto"
    assert parse_gpu_layers("all") == -1
    assert parse_gpu_layers("12") == 12
    with pytest.raises(ValueError, match="not a layer count"):
        parse_gpu_layers("lots")


def test_auto_without_offload_support_keeps_every_layer_on_the_cpu() -> None:
    plan = plan_load(SHAPE, gpu_machine(24), n_ctx=8192, gpu_layers="auto", supports_offload=False)
    assert plan.n_gpu_layers == 0
    assert plan.n_ctx == 8192
    assert any("cannot offload" in n for n in plan.notes)
    manual = plan_load(SHAPE, gpu_machine(24), n_ctx=8192, gpu_layers=20, supports_offload=False)
    assert manual.n_gpu_layers == 0
    assert any("cannot offload" in n for n in manual.notes)


def test_auto_shrinks_context_before_dropping_layers() -> None:
    # 8 GiB GPU: 4.9 GB of weights fit; 32k of context (4 GiB KV) does not, 8k does.
    hw = gpu_machine(8)
    full = estimate(SHAPE, hw, 32768, with_curve=False)
    assert full.gpu_layers < SHAPE.layers
    plan = plan_load(SHAPE, hw, n_ctx=32768, gpu_layers="auto", supports_offload=True)
    assert plan.n_gpu_layers == SHAPE.layers
    assert 4096 <= plan.n_ctx < 32768
    assert any("Context reduced from 32,768" in n for n in plan.notes)
    # a context the user chose is kept: layers give way instead
    kept = plan_load(
        SHAPE, hw, n_ctx=32768, gpu_layers="auto", supports_offload=True, ctx_explicit=True
    )
    assert kept.n_ctx == 32768
    assert kept.n_gpu_layers == full.gpu_layers < SHAPE.layers


def test_auto_places_layers_at_the_floor_when_even_that_does_not_fit() -> None:
    plan = plan_load(SHAPE, gpu_machine(4), n_ctx=32768, gpu_layers="auto", supports_offload=True)
    assert plan.n_ctx == 4096
    assert 0 < plan.n_gpu_layers < SHAPE.layers
    assert plan.estimate.verdict == "split"


def test_devices_reported_by_llama_cpp_replace_the_probed_gpus() -> None:
    hw = gpu_machine(24)
    devices = [
        DeviceInfo("CPU", "AMD EPYC", "cpu", 20 * GiB, 24 * GiB),
        DeviceInfo("CUDA0", "NVIDIA GeForce RTX 4060", "gpu", 7 * GiB, 8 * GiB),
    ]
    seen = hardware_with_devices(hw, devices)
    assert len(seen.gpus) == 1
    assert seen.gpus[0].vendor == "nvidia"
    assert seen.gpus[0].memory_free_bytes == 7 * GiB
    assert hardware_with_devices(hw, devices[:1]).gpus == []  # a CPU build sees no GPU


# --- calibration ------------------------------------------------------------------------


def measurement(
    predicted: int, measured: int, tps: tuple[float, float] | None = None
) -> Measurement:
    return Measurement(
        model="m",
        weights_bytes=4_000_000_000,
        context=4096,
        gpu_layers=0,
        predicted_rss_bytes=predicted,
        measured_peak_rss_bytes=measured,
        predicted_tok_per_s=tps[0] if tps else None,
        measured_tok_per_s=tps[1] if tps else None,
    )


def test_corrected_estimates_follow_the_median_of_measurements() -> None:
    hw = HardwareOverrides(ram_gb=32, gpu="none").apply(HardwareProfile())
    e = estimate(SHAPE, hw, 4096, with_curve=False)
    none = corrected(e, [])
    assert none.based_on == 0
    assert none.cpu_bytes == e.cpu_bytes
    ms = [
        measurement(5 * GiB, int(5.5 * GiB), (10.0, 8.0)),
        measurement(5 * GiB, int(5.4 * GiB), (10.0, 7.0)),
        measurement(5 * GiB, int(5.6 * GiB), (10.0, 9.0)),
        measurement(5 * GiB, 50 * GiB),  # broken (10x): ignored
        measurement(5 * GiB, 1 * GiB),  # broken (0.2x): ignored
    ]
    fixed = corrected(e, ms)
    assert fixed.based_on == 3
    assert fixed.memory_factor == pytest.approx(1.1, rel=1e-3)
    assert fixed.cpu_bytes == pytest.approx(e.cpu_bytes * 1.1, rel=1e-3)
    assert fixed.speed_factor == pytest.approx(0.8)
    assert e.tokens_per_s is not None
    assert fixed.tokens_per_s == pytest.approx(e.tokens_per_s * 0.8, abs=0.1)
    assert "predicted 5.00 GiB, measured 5.50 GiB (+10%)" in fixed.lines[0]


def test_machine_fingerprint_is_stable_and_hardware_specific() -> None:
    a = HardwareOverrides(ram_gb=32, gpu="none").apply(HardwareProfile())
    b = HardwareOverrides(ram_gb=64, gpu="none").apply(HardwareProfile())
    assert machine_fingerprint(a) == machine_fingerprint(a.model_copy())
    assert machine_fingerprint(a) != machine_fingerprint(b)
