"""The machine profile: llama.cpp timed on generated models, cached, used by the estimate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wizard_app.core.fit import estimate
from wizard_app.core.gguf.header import shape_of
from wizard_app.core.gguf.reader import read_header
from wizard_app.core.hardware.probe import detect
from wizard_app.core.hardware.profile import ComputeProfile, CpuInfo, HardwareProfile
from wizard_app.core.runtime.client import RuntimeClient
from wizard_app.core.runtime.machine_profile import (
    attach,
    load_cached,
    measure,
    profile_path,
)

CPU = CpuInfo(model="Example CPU", physical_cores=2, logical_cores=4)


def _profile(**kw: object) -> ComputeProfile:
    values: dict[str, object] = {
        "threads": 2,
        "bandwidth_gbs": 20.0,
        "weights_per_s": 12e9,
        "weights_per_s_f16": 9e9,
        "seconds_per_layer": 45e-6,
        "seconds_per_vocab": 2e-9,
        "seconds_per_token": 1e-4,
        "matmul_gflops": 120.0,
        "cpu_model": "Example CPU",
    }
    values.update(kw)
    return ComputeProfile.model_validate(values)


def test_the_profile_sets_every_term_of_the_cpu_speed(tiny_q8: Path) -> None:
    shape = shape_of(read_header(tiny_q8))
    hw = HardwareProfile(ram_total_bytes=16 * 1024**3, cpu=CPU)
    base = estimate(shape, hw.model_copy(update={"compute": _profile()}), 512).tokens_per_s
    assert base
    for field, worse in (
        ("weights_per_s", 1e6),  # the dot products bind
        ("seconds_per_layer", 1e-3),
        ("seconds_per_vocab", 1e-6),
        ("seconds_per_token", 1e-2),
    ):
        slower = hw.model_copy(update={"compute": _profile(**{field: worse})})
        tps = estimate(shape, slower, 512).tokens_per_s
        assert tps
        assert tps < base, field
    text = estimate(shape, hw.model_copy(update={"compute": _profile()}), 512).speed_assumption
    assert "measured on this CPU" in text


def test_a_cached_profile_belongs_to_its_cpu_and_never_to_a_planned_machine(
    tmp_path: Path,
) -> None:
    hw = HardwareProfile(cpu=CPU)
    path = profile_path(tmp_path)
    path.write_text(json.dumps({"version": 2, "profile": _profile().model_dump()}))
    assert load_cached(tmp_path, hw) == _profile()
    assert attach(hw, tmp_path).compute == _profile()
    other = HardwareProfile(cpu=CpuInfo(model="Another CPU", physical_cores=2))
    assert attach(other, tmp_path).compute is None
    assert load_cached(tmp_path, hw, threads=8) is None  # measured with 2 threads
    planned = hw.model_copy(update={"planned": True})
    assert attach(planned, tmp_path).compute is None
    path.write_text(json.dumps({"version": 1, "profile": {}}))  # an older method
    assert load_cached(tmp_path, hw) is None
    path.write_text("garbage")
    assert load_cached(tmp_path, hw) is None


@pytest.mark.slow
def test_measuring_this_machine_gives_plausible_figures(tmp_path: Path) -> None:
    hw = detect(tmp_path)
    with RuntimeClient() as client:
        prof = measure(client, tmp_path, hw, threads=2)
    assert 1.0 <= prof.bandwidth_gbs < 2000  # the floor below which nothing is kept
    assert 1e8 < prof.weights_per_s < 1e13
    assert 1e8 < prof.weights_per_s_f16 < 1e13
    assert 0 <= prof.seconds_per_layer < 0.01
    assert 0 < prof.matmul_gflops < 100_000
    assert prof.threads == 2
    assert "CPU" in prof.system_info
    assert load_cached(tmp_path, hw, threads=2) == prof
    # the generated models are kept: a second measurement builds nothing
    models = sorted((tmp_path / "profile-models").iterdir())
    assert len(models) == 5


@pytest.mark.slow
def test_a_timing_past_its_budget_or_below_the_floor_keeps_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wizard_app.core.errors import WizardError
    from wizard_app.core.runtime import machine_profile

    hw = detect(tmp_path)
    monkeypatch.setattr(machine_profile, "BUDGET_S", 0.05)  # as a machine far too busy
    with RuntimeClient() as client, pytest.raises(WizardError) as slow:
        measure(client, tmp_path, hw, threads=2)
    assert slow.value.code == "runtime.profile_slow"
    assert "too busy" in slow.value.message
    assert not profile_path(tmp_path).exists()
    monkeypatch.setattr(machine_profile, "BUDGET_S", 600.0)
    monkeypatch.setattr(machine_profile, "MIN_BANDWIDTH_GBS", 1e9)  # no memory is this fast
    with RuntimeClient() as client, pytest.raises(WizardError) as low:
        measure(client, tmp_path, hw, threads=2)
    assert low.value.code == "runtime.profile_implausible"
    assert "busy" in low.value.message
    assert not profile_path(tmp_path).exists()


def test_a_processor_whose_cores_are_all_taken_is_not_timed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from wizard_app.core.errors import WizardError

    hw = HardwareProfile(cpu=CpuInfo(model="Example CPU", physical_cores=2, logical_cores=4))
    monkeypatch.setattr(os, "getloadavg", lambda: (9.5, 9.0, 8.0))  # twice four cores and more
    client = RuntimeClient()  # never started: the check comes first
    with pytest.raises(WizardError) as busy:
        measure(client, tmp_path, hw)
    assert busy.value.code == "runtime.profile_busy"
    assert "load 9.5 on 4 cores" in busy.value.message
    assert client.pid is None
    assert not (tmp_path / "profile-models").exists()  # nothing built either
