"""Planning another machine: the flags alone describe it; nothing of this machine leaks in."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from tests.catalog_factory import synthetic_catalog
from wizard_app.cli import main
from wizard_app.commands._hardware_args import add_hardware_override_args
from wizard_app.commands._machine import hardware_from_args
from wizard_app.core.errors import InputError
from wizard_app.core.hardware.bandwidth import lookup_bandwidth
from wizard_app.core.hardware.profile import (
    ComputeProfile,
    GiB,
    HardwareOverrides,
    HardwareProfile,
)
from wizard_app.core.recommend.engine import Recommender, RecommendRequest


def _measured() -> ComputeProfile:
    """A profile as runtime.machine_profile stores it (the reference machine's terms)."""
    return ComputeProfile(
        threads=2,
        bandwidth_gbs=12.0,
        weights_per_s=6e9,
        weights_per_s_f16=3e9,
        seconds_per_layer=43e-6,
        seconds_per_vocab=5.9e-9,
        seconds_per_token=3e-4,
        matmul_gflops=90.0,
    )


def _args(*flags: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_hardware_override_args(parser)
    return parser.parse_args(list(flags))


def test_given_memory_plans_a_machine_without_probing(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_probe(*_a: object, **_k: object) -> HardwareProfile:
        raise AssertionError("planning must not read this machine")

    monkeypatch.setattr("wizard_app.commands._machine.detect", no_probe)
    hw = hardware_from_args(_args("--ram-gb", "32", "--gpus", "2x24"), ctx=None)  # type: ignore[arg-type]
    assert hw.planned
    assert hw.disk_free_bytes is None
    assert hw.cpu.physical_cores is None
    assert {"disk", "cores", "ram_bandwidth"} <= set(hw.unknown)
    assert hw.gpu_bytes == 48 * GiB


def test_the_same_flags_give_the_same_answer_on_different_hosts() -> None:
    flags = HardwareOverrides(ram_gb=32, vram_gb=12, gpu="nvidia")
    here = HardwareProfile(disk_free_bytes=3 * GiB, ram_bandwidth_gbs=200, gpus=[])
    assert flags.planned() == flags.planned()
    engine = Recommender(synthetic_catalog(40, seed=5))
    req = RecommendRequest(top=50)
    a = engine.run(flags.planned(), req).model_dump()
    b = engine.run(flags.planned(), req).model_dump()
    assert a == b
    # applying the same flags to a detected machine keeps its disk: that is not a plan
    assert flags.apply(here).disk_free_bytes == 3 * GiB
    notes = {r.code for r in engine.run(flags.planned(), req).assumption_codes}
    assert "assume.planned" in notes
    assert "assume.detected" not in notes
    # nor a calibration by runs here: the speed rests on published and typical figures
    assert "assume.speed.planned" in notes
    assert not notes & {"assume.speed", "assume.speed.unmeasured"}


def test_a_detected_machine_says_what_was_detected() -> None:
    detected = HardwareProfile(ram_total_bytes=16 * GiB, ram_available_bytes=10 * GiB)
    r = Recommender(synthetic_catalog(20, seed=1)).run(detected, RecommendRequest())
    codes = {a.code: a for a in r.assumption_codes}
    assert codes["assume.detected"].params["fields"] == "ram"
    assert "assume.speed.unmeasured" in codes  # no measured profile of this CPU
    measured = detected.model_copy(update={"compute": _measured()})
    names = {a.code for a in Recommender(synthetic_catalog(20, seed=1)).run(
        measured, RecommendRequest()).assumption_codes}  # fmt: skip
    assert "assume.speed" in names
    assert "assume.speed.unmeasured" not in names


@pytest.mark.parametrize(
    "flags", [("--vram-gb", "24"), ("--gpus", "2x24"), ("--gpu", "apple", "--vram-gb", "48")]
)
def test_a_planned_machine_without_ram_asks_for_it(flags: tuple[str, ...]) -> None:
    # this machine's RAM must not leak in, and 0 GiB would make nothing fit
    with pytest.raises(InputError) as err:
        hardware_from_args(_args(*flags), ctx=None)  # type: ignore[arg-type]
    assert "--ram-gb" in err.value.remedy


def test_gpu_memory_with_gpu_none_is_a_contradiction() -> None:
    with pytest.raises(InputError, match="contradict"):
        hardware_from_args(_args("--ram-gb", "32", "--vram-gb", "24", "--gpu", "none"), ctx=None)  # type: ignore[arg-type]
    # --vram-gb 0 --gpu none says the same thing twice: accepted
    hw = hardware_from_args(_args("--ram-gb", "32", "--vram-gb", "0", "--gpu", "none"), ctx=None)  # type: ignore[arg-type]
    assert hw.gpus == []


def test_cli_recommend_with_gpu_memory_only_says_to_give_ram(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--data-dir", str(tmp_path), "recommend", "--vram-gb", "24", "--json"])
    assert code != 0
    data = json.loads(capsys.readouterr().out)
    assert "--ram-gb" in json.dumps(data)


def test_a_gpu_name_alone_takes_the_cards_known_memory() -> None:
    hw = hardware_from_args(_args("--ram-gb", "32", "--gpu-name", "RTX 4090"), ctx=None)  # type: ignore[arg-type]
    [gpu] = hw.gpus
    assert (gpu.vendor, gpu.name, gpu.memory_total_bytes) == ("nvidia", "RTX 4090", 24 * GiB)
    assert gpu.kind == "discrete"
    assert "GPU table" in hw.unknown["gpu_memory"]  # the Assumptions say it was looked up
    stated = hardware_from_args(_args("--ram-gb", "32", "--gpu-name", "RTX 3060 12GB"), ctx=None)  # type: ignore[arg-type]
    assert stated.gpus[0].memory_total_bytes == 12 * GiB
    # the card's memory stated in its name still finds the card's bandwidth
    assert lookup_bandwidth("NVIDIA GeForce RTX 4090 24GB") == lookup_bandwidth("RTX 4090")


@pytest.mark.parametrize("name", ["RTX 3050", "A100", "Mystery Card 9000"])
def test_a_gpu_name_whose_memory_is_not_known_asks_for_vram(name: str) -> None:
    # the table has no single memory figure for these: not dropped, not guessed
    with pytest.raises(InputError) as err:
        hardware_from_args(_args("--ram-gb", "32", "--gpu-name", name), ctx=None)  # type: ignore[arg-type]
    assert "--vram-gb" in err.value.remedy
    with pytest.raises(InputError):
        HardwareOverrides(gpu_name=name).apply(HardwareProfile())  # this machine, no GPU
    given = HardwareOverrides(ram_gb=32, gpu_name=name, vram_gb=20).planned()
    assert given.gpus[0].memory_total_bytes == 20 * GiB
