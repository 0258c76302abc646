"""Several GPUs: the local server loads the model with the plan's split (--tensor-split),
so llama.cpp places the layers where the plan counted them."""

from __future__ import annotations

from pathlib import Path

from wizard_app.core.hardware.profile import HardwareOverrides
from wizard_app.core.serve.launcher import tensor_split
from wizard_app.core.serve.plan import plan_serve
from wizard_app.core.serve.server import launcher_command


def _flag(command: list[str], name: str) -> str:
    return command[command.index(name) + 1]


def test_two_uneven_cards_serve_with_the_plans_split(tiny_llama: Path) -> None:
    hw = HardwareOverrides(ram_gb=64, gpus="24,12", gpu="nvidia").planned()
    served = plan_serve(tiny_llama, hw, n_ctx=512, gpu_layers="auto", offload=True)
    split = served.plan.gpu_split
    assert len(split) == 2
    assert sum(split) == served.settings.n_gpu_layers
    assert served.settings.tensor_split == split
    command = launcher_command(served.settings, 8080, None)
    assert tensor_split(_flag(command, "--tensor-split")) == [float(n) for n in split]


def test_one_device_keeps_llama_cpps_default(tiny_llama: Path) -> None:
    hw = HardwareOverrides(ram_gb=64, vram_gb=24, gpu="nvidia").planned()
    served = plan_serve(tiny_llama, hw, n_ctx=512, gpu_layers="auto", offload=True)
    assert served.settings.tensor_split == ()
    assert _flag(launcher_command(served.settings, 8080, None), "--tensor-split") == ""
    assert tensor_split("") is None
    assert tensor_split("32") is None
    assert tensor_split("40, 24") == [40.0, 24.0]
