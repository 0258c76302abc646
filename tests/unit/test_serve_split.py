"""Several GPUs: the local server loads the model with the plan's split (--tensor-split),
so llama.cpp places the layers where the plan counted them."""

from __future__ import annotations

from pathlib import Path

from tests.llama_split import llama_cpp_devices
from wizard_app.core.gguf.reader import read_header
from wizard_app.core.hardware.profile import HardwareOverrides
from wizard_app.core.runtime.offload import llama_cpp_gpu_layers
from wizard_app.core.serve.launcher import tensor_split
from wizard_app.core.serve.plan import plan_serve
from wizard_app.core.serve.server import launcher_command


def tiny_header_layers(path: Path) -> int:
    return read_header(path).block_count


def _flag(command: list[str], name: str) -> str:
    return command[command.index(name) + 1]


def test_two_uneven_cards_serve_with_the_plans_split(tiny_llama: Path) -> None:
    hw = HardwareOverrides(ram_gb=64, gpus="24,12", gpu="nvidia").planned()
    served = plan_serve(tiny_llama, hw, n_ctx=512, gpu_layers="auto", offload=True)
    split = served.plan.gpu_split
    assert len(split) == 2
    n = served.settings.n_gpu_layers
    assert sum(split) == n
    shares = served.settings.tensor_split
    assert sum(shares) == n + 1  # llama.cpp's slots: the blocks and the output head
    command = launcher_command(served.settings, 8080, None)
    assert tensor_split(_flag(command, "--tensor-split")) == [float(s) for s in shares]
    # with those shares llama.cpp puts the blocks exactly where the plan counted them
    devices = llama_cpp_devices(tiny_header_layers(tiny_llama), llama_cpp_gpu_layers(n),
                                [float(s) for s in shares])  # fmt: skip
    blocks = [d for d in devices[:-1] if d is not None]
    assert [blocks.count(i) for i in range(2)] == list(split)
    assert devices[-1] is not None  # the output head on a GPU too


def test_one_device_keeps_llama_cpps_default(tiny_llama: Path) -> None:
    hw = HardwareOverrides(ram_gb=64, vram_gb=24, gpu="nvidia").planned()
    served = plan_serve(tiny_llama, hw, n_ctx=512, gpu_layers="auto", offload=True)
    assert served.settings.tensor_split == ()
    assert _flag(launcher_command(served.settings, 8080, None), "--tensor-split") == ""
    assert tensor_split("") is None
    assert tensor_split("32") is None
    assert tensor_split("40, 24") == [40.0, 24.0]
