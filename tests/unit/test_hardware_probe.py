"""Hardware probes, parsers, overrides and the ``hardware`` command.

The parsers are fed recorded output of the real tools and files (tests/data/hardware):
this machine's /proc/cpuinfo, a Raspberry Pi 4 and an AWS Graviton3 (Neoverse-V1)
cpuinfo, macOS ``sysctl`` output from an Apple M2 Max and an Intel Mac, rocm-smi JSON from
a Radeon RX 7900 XT and from an older ROCm whose "Card series" is only a device ID, and a
trimmed copy of the pci.ids database. The nvidia-smi rows follow the tool's CSV format
(``--format=csv,noheader,nounits``); the GB10 row's ``[N/A]`` memory is what DGX Spark
prints. AMD, Intel and NVIDIA sysfs trees are built in tmp_path with the kernel's file
formats and symlink layout.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pynvml
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wizard_app.cli import main
from wizard_app.commands._hardware_args import add_hardware_override_args, overrides_from_args
from wizard_app.commands.hardware import format_profile
from wizard_app.core.errors import InputError
from wizard_app.core.hardware.cpu import (
    FEATURE_ORDER,
    parse_cpuinfo,
    parse_sysctl,
    sysctl_features,
)
from wizard_app.core.hardware.gpu import (
    UNIFIED_NVIDIA_NOTE,
    apple_bandwidth_gbs,
    apple_gpu,
    lookup_pci_name,
    parse_nvidia_smi_csv,
    parse_rocm_smi_json,
    read_drm_cards,
    read_nvml,
)
from wizard_app.core.hardware.probe import (
    ProbeEnv,
    detect,
    nearest_existing,
    normalise_arch,
    parse_os_release,
)
from wizard_app.core.hardware.profile import (
    CpuInfo,
    GiB,
    GpuInfo,
    HardwareOverrides,
    HardwareProfile,
)
from wizard_app.core.hardware.run import (
    CommandResult,
    ProbeFailed,
    run_subprocess,
    run_tool,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "hardware"
MiB = 1024**2


def fixture_text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


# --- fakes for the machine around the probes ---------------------------------------------


Answer = CommandResult | BaseException | Callable[[], CommandResult]


class FakeRunner:
    """Answers commands with recorded output; anything unlisted is 'not installed'."""

    def __init__(self, answers: dict[str, Answer] | None = None) -> None:
        self.answers = answers or {}
        self.calls: list[tuple[str, ...]] = []

    def __call__(self, argv: Sequence[str], timeout: float) -> CommandResult:
        self.calls.append(tuple(argv))
        answer = self.answers.get(" ".join(argv), self.answers.get(argv[0]))
        if answer is None:
            raise FileNotFoundError(2, "No such file or directory", argv[0])
        if isinstance(answer, BaseException):
            raise answer
        if callable(answer):
            return answer()
        return answer

    def called(self, name: str) -> bool:
        return any(call[0] == name for call in self.calls)


def ok(stdout: str) -> CommandResult:
    return CommandResult(0, stdout, "")


class FakeNvml:
    """Stands in for the pynvml module, raising pynvml's own errors."""

    NVMLError = pynvml.NVMLError

    def __init__(
        self,
        devices: list[tuple[str, int | None, int | None]] | None = None,
        init_error: int | None = None,
    ) -> None:
        self.devices = devices or []
        self.init_error = init_error
        self.shutdown_called = False

    def nvmlInit(self) -> None:
        if self.init_error is not None:
            raise pynvml.NVMLError(self.init_error)

    def nvmlShutdown(self) -> None:
        self.shutdown_called = True

    def nvmlSystemGetDriverVersion(self) -> str:
        return "535.104.05"

    def nvmlDeviceGetCount(self) -> int:
        return len(self.devices)

    def nvmlDeviceGetHandleByIndex(self, index: int) -> int:
        return index

    def nvmlDeviceGetName(self, handle: int) -> bytes:
        return self.devices[handle][0].encode()  # older nvidia-ml-py returned bytes

    def nvmlDeviceGetMemoryInfo(self, handle: int) -> SimpleNamespace:
        _, total, free = self.devices[handle]
        if total is None:
            raise pynvml.NVMLError(pynvml.NVML_ERROR_NOT_SUPPORTED)
        return SimpleNamespace(total=total, free=free, used=total - (free or 0))


def no_nvml() -> Any:
    return FakeNvml(init_error=pynvml.NVML_ERROR_LIBRARY_NOT_FOUND)


def linux_env(
    tmp_path: Path,
    runner: FakeRunner | None = None,
    *,
    cpuinfo: str = "cpuinfo_x86_64_epyc_avx512.txt",
    nvml: Callable[[], Any] = no_nvml,
    **changes: Any,
) -> ProbeEnv:
    proc = tmp_path / "proc"
    proc.mkdir(exist_ok=True)
    (proc / "cpuinfo").write_text(fixture_text(cpuinfo), encoding="utf-8")
    etc = tmp_path / "etc"
    etc.mkdir(exist_ok=True)
    (etc / "os-release").write_text(
        'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\n',
        encoding="utf-8",
    )
    values: dict[str, Any] = {
        "system": "Linux",
        "machine": "x86_64",
        "kernel": "6.1.0-18-amd64",
        "runner": runner or FakeRunner(),
        "nvml": nvml,
        "proc_root": proc,
        "sys_root": tmp_path / "sys",
        "etc_root": etc,
        "pci_ids_paths": (DATA / "pci.ids",),
        "memory": lambda: (64 * GiB, 48 * GiB),
        "cores": lambda: (8, 16),
        "disk_free": lambda path: 500 * GiB,
    }
    values.update(changes)
    return ProbeEnv(**values)


def add_pci_card(
    sys_root: Path,
    card: str,
    address: str,
    files: dict[str, str],
    driver: str,
) -> Path:
    """A PCI display device the way the kernel lays it out: the device under
    /sys/devices, /sys/class/drm/cardN a symlink to its drm child, ``device`` and
    ``driver`` symlinks, connectors and render nodes beside the card."""
    device = sys_root / "devices" / "pci0000:00" / "0000:00:01.1" / address
    device.mkdir(parents=True)
    for name, text in files.items():
        (device / name).write_text(text, encoding="utf-8")
    driver_dir = sys_root / "bus" / "pci" / "drivers" / driver
    driver_dir.mkdir(parents=True, exist_ok=True)
    (device / "driver").symlink_to(driver_dir)
    drm_node = device / "drm" / card
    drm_node.mkdir(parents=True)
    (drm_node / "device").symlink_to(device)
    drm_class = sys_root / "class" / "drm"
    drm_class.mkdir(parents=True, exist_ok=True)
    (drm_class / card).symlink_to(drm_node)
    connector = device / "drm" / f"{card}-DP-1"
    connector.mkdir()
    (drm_class / f"{card}-DP-1").symlink_to(connector)
    render = device / "drm" / f"renderD{128 + int(card[4:])}"
    render.mkdir()
    (drm_class / render.name).symlink_to(render)
    (drm_class / "version").write_text("drm 1.1.0 20060810\n", encoding="utf-8")
    return device


RX7900XT_FILES = {
    "vendor": "0x1002\n",
    "device": "0x744c\n",
    "subsystem_vendor": "0x1da2\n",
    "subsystem_device": "0x471e\n",
    "class": "0x030000\n",
    "mem_info_vram_total": "21458059264\n",
    "mem_info_vram_used": "27856896\n",
    "mem_info_vis_vram_total": "268435456\n",
}
INTEL_UHD770_FILES = {
    "vendor": "0x8086\n",
    "device": "0xa780\n",
    "subsystem_vendor": "0x1043\n",
    "subsystem_device": "0x8882\n",
    "class": "0x030000\n",
}
RTX3090_FILES = {
    "vendor": "0x10de\n",
    "device": "0x2204\n",
    "subsystem_vendor": "0x147d\n",
    "subsystem_device": "0x10de\n",
    "class": "0x030000\n",
}


def add_simpledrm(sys_root: Path) -> None:
    """The firmware framebuffer: a card with no PCI vendor file."""
    node = sys_root / "devices" / "platform" / "simple-framebuffer.0" / "drm" / "card0"
    node.mkdir(parents=True)
    (node / "device").symlink_to(node.parent.parent)
    drm_class = sys_root / "class" / "drm"
    drm_class.mkdir(parents=True, exist_ok=True)
    (drm_class / "card0").symlink_to(node)


# --- CPU parsers ----------------------------------------------------------------------


def test_cpuinfo_x86_avx512_from_this_machine() -> None:
    facts = parse_cpuinfo(fixture_text("cpuinfo_x86_64_epyc_avx512.txt"))
    assert facts.model == "AMD EPYC"
    assert facts.processors == 2
    for feature in ("sse3", "ssse3", "avx", "avx2", "fma", "f16c", "avx512f", "avx512bw"):
        assert feature in facts.features
    assert "avx512vnni" in facts.features  # kernel spells it avx512_vnni
    assert "avx512bf16" in facts.features
    assert "neon" not in facts.features
    assert "avxvnni" not in facts.features  # this EPYC has AVX-512 VNNI, not AVX-VNNI
    assert facts.features == [f for f in FEATURE_ORDER if f in facts.features]


def test_cpuinfo_raspberry_pi_4() -> None:
    facts = parse_cpuinfo(fixture_text("cpuinfo_aarch64_rpi4.txt"))
    assert facts.model == "ARM Cortex-A72 (Raspberry Pi 4 Model B Rev 1.5)"
    assert facts.processors == 4
    assert facts.features == ["neon"]  # "asimd"; no fp16, dotprod or SVE on a Cortex-A72


def test_cpuinfo_graviton3_has_sve_and_dotprod() -> None:
    facts = parse_cpuinfo(fixture_text("cpuinfo_aarch64_neoverse_v1.txt"))
    assert facts.model == "ARM Neoverse-V1"
    assert facts.features == ["neon", "fp16", "dotprod", "i8mm", "bf16", "sve"]


def test_cpuinfo_features_are_those_of_every_core() -> None:
    """A core that lacks a feature takes it away: big.LITTLE must not be overcredited."""
    little = fixture_text("cpuinfo_aarch64_rpi4.txt").split("\n\n")[0]
    big = fixture_text("cpuinfo_aarch64_neoverse_v1.txt")
    facts = parse_cpuinfo(little + "\n\n" + big)
    assert facts.processors == 2
    assert facts.features == ["neon"]


def test_cpuinfo_unknown_arm_part_is_named_by_codes() -> None:
    text = fixture_text("cpuinfo_aarch64_rpi4.txt").replace("0xd08", "0xfff")
    assert parse_cpuinfo(text).model == "ARM CPU (part 0xfff) (Raspberry Pi 4 Model B Rev 1.5)"


def test_cpuinfo_garbage_gives_nothing() -> None:
    facts = parse_cpuinfo("\x00\x01 not a cpuinfo file\n:::\n")
    assert facts.model is None
    assert facts.features == []
    assert facts.processors == 0


@given(st.text())
def test_cpuinfo_parser_never_raises(text: str) -> None:
    facts = parse_cpuinfo(text)
    assert set(facts.features) <= set(FEATURE_ORDER)


def test_sysctl_apple_m2_max() -> None:
    values = parse_sysctl(fixture_text("sysctl_macos_apple_m2_max.txt"))
    assert values["machdep.cpu.brand_string"] == "Apple M2 Max"
    assert sysctl_features(values) == ["neon", "fp16", "dotprod", "i8mm", "bf16"]
    assert "sme" not in sysctl_features(values)  # hw.optional.arm.FEAT_SME: 0


def test_sysctl_intel_mac() -> None:
    values = parse_sysctl(fixture_text("sysctl_hw_macos_intel_i7.txt"))
    assert values["hw.memsize"] == "17179869184"
    assert sysctl_features(values) == ["sse3", "ssse3", "avx", "avx2", "fma", "f16c"]


def test_sysctl_skips_error_lines() -> None:
    text = (
        "hw.optional.arm.FEAT_DotProd: 1\n"
        "sysctl: unknown oid 'hw.optional.arm.FEAT_SVE'\n"
        "hw.optional.arm.FEAT_SVE_B16B16: 0\n"
    )
    values = parse_sysctl(text)
    assert "sysctl" not in values
    assert sysctl_features(values) == ["dotprod"]


# --- GPU parsers ----------------------------------------------------------------------


def test_nvidia_smi_one_gpu() -> None:
    [gpu] = parse_nvidia_smi_csv(fixture_text("nvidia_smi_rtx3090.csv"))
    assert gpu.vendor == "nvidia"
    assert gpu.name == "NVIDIA GeForce RTX 3090"
    assert gpu.kind == "discrete"
    assert gpu.memory_total_bytes == 24576 * MiB
    assert gpu.memory_free_bytes == 23897 * MiB
    assert gpu.driver == "535.104.05"
    assert gpu.source == "nvidia-smi"


def test_nvidia_smi_two_gpus() -> None:
    gpus = parse_nvidia_smi_csv(fixture_text("nvidia_smi_two_gpus.csv"))
    assert [g.name for g in gpus] == ["NVIDIA GeForce RTX 4090", "NVIDIA GeForce RTX 3090"]
    assert [g.memory_total_bytes for g in gpus] == [24564 * MiB, 24576 * MiB]


def test_nvidia_smi_unified_memory_part_reports_no_memory() -> None:
    [gpu] = parse_nvidia_smi_csv(fixture_text("nvidia_smi_gb10_unified.csv"))
    assert gpu.name == "NVIDIA GB10"
    assert gpu.kind == "unified"
    assert gpu.memory_total_bytes is None
    assert gpu.memory_free_bytes is None
    assert gpu.note == UNIFIED_NVIDIA_NOTE


@pytest.mark.parametrize(
    "text",
    [
        "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.",
        "NVIDIA GeForce RTX 3090, lots, 23897, 535.104.05",
        "<html>",
    ],
)
def test_nvidia_smi_garbage_is_rejected(text: str) -> None:
    with pytest.raises(ValueError, match="nvidia-smi"):
        parse_nvidia_smi_csv(text)


@given(st.text())
def test_nvidia_smi_parser_raises_only_value_error(text: str) -> None:
    try:
        gpus = parse_nvidia_smi_csv(text)
    except ValueError:
        return
    assert all(g.vendor == "nvidia" for g in gpus)


def test_rocm_smi_current_format() -> None:
    [card] = parse_rocm_smi_json(fixture_text("rocm_smi_radeon_rx7900xt.json"))
    assert card.key == "card0"
    assert card.name == "Radeon RX 7900 XT"
    assert card.vram_total == 21458059264
    assert card.vram_used == 27856896
    assert "744c" in card.ids


def test_rocm_smi_series_that_is_only_a_device_id_is_not_a_name() -> None:
    [card] = parse_rocm_smi_json(fixture_text("rocm_smi_series_is_device_id.json"))
    assert card.name is None
    assert card.ids == frozenset({"747e", "7801"})
    assert card.vram_total == 17163091968
    assert card.vram_used == 283090944


def test_rocm_smi_skips_non_card_entries_and_warnings() -> None:
    text = "WARNING: AMD GPU device(s) is/are in a low-power state.\n" + json.dumps(
        {
            "card1": {"Card Series": "N/A", "VRAM Total Memory (B)": "68702699520"},
            "system": {"Driver version": "6.7.0"},
        }
    )
    [card] = parse_rocm_smi_json(text)
    assert card.key == "card1"
    assert card.name is None
    assert card.vram_total == 68702699520
    assert card.vram_used is None


@pytest.mark.parametrize("text", ["", "ERROR: no GPUs", '{"card0": ', "[1, 2]"])
def test_rocm_smi_garbage_is_rejected(text: str) -> None:
    with pytest.raises(ValueError, match=r"rocm-smi|JSON|Expecting|delimiter"):
        parse_rocm_smi_json(text)


def test_pci_ids_lookup() -> None:
    ids = fixture_text("pci.ids")
    assert lookup_pci_name(ids, "1002", "744c") == "Navi 31 [Radeon RX 7900 XT/7900 XTX]"
    assert lookup_pci_name(ids, "1002", "73bf", "1002", "0e3a") == "Radeon RX 6900 XT"
    # a board the database does not list: the chip's name
    assert lookup_pci_name(ids, "1002", "73bf", "1043", "0001") == (
        "Navi 21 [Radeon RX 6800/6800 XT / 6900 XT]"
    )
    # the same device ID under another vendor is another device
    assert lookup_pci_name(ids, "1093", "73bf") == "PCI-8517 FlexRay"
    assert lookup_pci_name(ids, "1022", "744c") is None
    assert lookup_pci_name(ids, "8086", "A780") == "Raptor Lake-S GT1 [UHD Graphics 770]"
    assert lookup_pci_name(ids, "10de", "2204", "147d", "10de") == (
        "NVIDIA Geforce RTX 3090 Founders Edition"
    )
    assert lookup_pci_name("garbage\n\tmore", "1002", "744c") is None


def test_read_drm_cards_amd(tmp_path: Path) -> None:
    sys_root = tmp_path / "sys"
    add_simpledrm(sys_root)
    add_pci_card(sys_root, "card1", "0000:03:00.0", RX7900XT_FILES, "amdgpu")
    [card] = read_drm_cards(sys_root)  # simpledrm, connectors and render nodes skipped
    assert card.card == "card1"
    assert card.vendor == "1002"
    assert card.device == "744c"
    assert (card.subsystem_vendor, card.subsystem_device) == ("1da2", "471e")
    assert card.driver == "amdgpu"
    assert card.vram_total == 21458059264
    assert card.vram_used == 27856896
    assert card.product_name is None


def test_read_drm_cards_sorts_numerically_and_reads_product_name(tmp_path: Path) -> None:
    sys_root = tmp_path / "sys"
    files = dict(RX7900XT_FILES, product_name="AMD Instinct MI210\n")
    add_pci_card(sys_root, "card10", "0000:83:00.0", files, "amdgpu")
    add_pci_card(sys_root, "card2", "0000:03:00.0", INTEL_UHD770_FILES, "i915")
    cards = read_drm_cards(sys_root)
    assert [c.card for c in cards] == ["card2", "card10"]
    assert cards[0].vram_total is None  # i915 has no mem_info files
    assert cards[1].product_name == "AMD Instinct MI210"


def test_read_drm_cards_without_drm_class(tmp_path: Path) -> None:
    with pytest.raises(ProbeFailed, match=r"^no .*class/drm \(no GPU driver loaded\)$"):
        read_drm_cards(tmp_path / "sys")


def test_apple_gpu_uses_metal_share_and_published_bandwidth() -> None:
    gpu = apple_gpu("Apple M2 Max", 32 * GiB, 12)
    assert gpu.kind == "unified"
    assert gpu.vendor == "apple"
    assert gpu.memory_total_bytes == int(32 * GiB * 2 / 3)
    assert gpu.memory_free_bytes is None
    assert gpu.bandwidth_gbs == 400
    assert "2/3" in gpu.note
    big = apple_gpu("Apple M2 Max", 64 * GiB, 12)
    assert big.memory_total_bytes == 48 * GiB
    assert "3/4" in big.note


def test_apple_bandwidth_bins_and_unknown_chips() -> None:
    assert apple_bandwidth_gbs("Apple M1", 8) == 68.25
    assert apple_bandwidth_gbs("Apple M3 Max", 14) == 300
    assert apple_bandwidth_gbs("Apple M3 Max", 16) == 400
    assert apple_bandwidth_gbs("Apple M3 Max", None) == 300  # the lower bin when unsure
    assert apple_bandwidth_gbs("Apple M4 Max", 16) == 546
    assert apple_bandwidth_gbs("Apple M9 Hyper", 32) is None
    assert apple_gpu(None, None, None).memory_total_bytes is None


def test_read_nvml_lists_devices_and_unified_parts() -> None:
    nvml = FakeNvml([("NVIDIA GeForce RTX 3090", 24 * GiB, 23 * GiB), ("NVIDIA GB10", None, None)])
    first, second = read_nvml(nvml)
    assert (first.name, first.source, first.driver) == (
        "NVIDIA GeForce RTX 3090",
        "nvml",
        "535.104.05",
    )
    assert (first.memory_total_bytes, first.memory_free_bytes) == (24 * GiB, 23 * GiB)
    assert second.kind == "unified"
    assert second.memory_total_bytes is None
    assert nvml.shutdown_called


def test_read_nvml_without_library() -> None:
    with pytest.raises(ProbeFailed, match="NVML: NVML Shared Library Not Found"):
        read_nvml(no_nvml())


# --- running tools --------------------------------------------------------------------


def test_run_tool_reasons() -> None:
    runner = FakeRunner(
        {
            "nvidia-smi": CommandResult(9, fixture_text("nvidia_smi_no_driver.txt"), ""),
            "rocm-smi": subprocess.TimeoutExpired(["rocm-smi"], 3.0),
            "sysctl": PermissionError(13, "Permission denied"),
            "echo": ok("hi\n"),
        }
    )
    with pytest.raises(ProbeFailed) as missing:
        run_tool(runner, ["lspci"])
    assert missing.value.reason == "lspci not found"
    with pytest.raises(ProbeFailed) as failed:
        run_tool(runner, ["nvidia-smi"])
    assert failed.value.reason.startswith("nvidia-smi failed with exit code 9: NVIDIA-SMI has")
    with pytest.raises(ProbeFailed) as slow:
        run_tool(runner, ["rocm-smi"], timeout=3.0)
    assert slow.value.reason == "rocm-smi did not answer within 3 s"
    with pytest.raises(ProbeFailed) as denied:
        run_tool(runner, ["sysctl"])
    assert denied.value.reason == "sysctl could not be started (Permission denied)"
    assert run_tool(runner, ["echo"]) == "hi\n"


def test_run_subprocess_for_real() -> None:
    result = run_subprocess([sys.executable, "-c", "print('héllo')"], 10.0)
    assert result == CommandResult(0, "héllo\n", "")
    with pytest.raises(ProbeFailed, match="not found"):
        run_tool(run_subprocess, ["surely-no-such-tool-7f3a9"])
    with pytest.raises(ProbeFailed, match=r"did not answer within 0\.3 s"):
        run_tool(run_subprocess, [sys.executable, "-c", "import time; time.sleep(10)"], 0.3)
    with pytest.raises(ProbeFailed, match="exit code 3: boom"):
        run_tool(
            run_subprocess,
            [sys.executable, "-c", "import sys; sys.stderr.write('boom\\n'); sys.exit(3)"],
        )


# --- whole machines, described by recorded files and output ------------------------------


def test_linux_amd_card_named_by_rocm_smi(tmp_path: Path) -> None:
    add_pci_card(tmp_path / "sys", "card1", "0000:03:00.0", RX7900XT_FILES, "amdgpu")
    runner = FakeRunner({"rocm-smi": ok(fixture_text("rocm_smi_radeon_rx7900xt.json"))})
    profile = detect(tmp_path / "models", env=linux_env(tmp_path, runner))
    [gpu] = profile.gpus
    assert gpu.vendor == "amd"
    assert gpu.name == "AMD Radeon RX 7900 XT"
    assert gpu.kind == "discrete"
    assert gpu.memory_total_bytes == 21458059264
    assert gpu.memory_free_bytes == 21458059264 - 27856896
    assert gpu.driver == "amdgpu"
    assert gpu.source == "sysfs"
    assert "gpu" not in profile.unknown
    assert "gpu_memory" not in profile.unknown
    assert profile.best_gpu is gpu
    assert runner.called("nvidia-smi")  # NVML failed, so the fallback was tried


def test_linux_amd_card_without_rocm_is_named_from_pci_ids(tmp_path: Path) -> None:
    add_pci_card(tmp_path / "sys", "card0", "0000:03:00.0", RX7900XT_FILES, "amdgpu")
    profile = detect(tmp_path / "models", env=linux_env(tmp_path))
    [gpu] = profile.gpus
    assert gpu.name == "AMD Navi 31 [Radeon RX 7900 XT/7900 XTX]"
    assert gpu.memory_total_bytes == 21458059264
    assert "gpu" not in profile.unknown


def test_linux_amd_card_without_any_name_source(tmp_path: Path) -> None:
    add_pci_card(tmp_path / "sys", "card0", "0000:03:00.0", RX7900XT_FILES, "amdgpu")
    profile = detect(tmp_path / "models", env=linux_env(tmp_path, pci_ids_paths=()))
    assert profile.gpus[0].name == "AMD GPU [1002:744c]"


def test_linux_amd_card_memory_from_rocm_smi_when_sysfs_lacks_it(tmp_path: Path) -> None:
    files = {k: v for k, v in RX7900XT_FILES.items() if not k.startswith("mem_info")}
    add_pci_card(tmp_path / "sys", "card0", "0000:03:00.0", files, "amdgpu")
    runner = FakeRunner({"rocm-smi": ok(fixture_text("rocm_smi_radeon_rx7900xt.json"))})
    [gpu] = detect(tmp_path / "m", env=linux_env(tmp_path, runner)).gpus
    assert gpu.memory_total_bytes == 21458059264
    assert gpu.source == "rocm-smi"


def test_linux_single_amd_card_takes_rocm_figures_even_without_matching_ids(
    tmp_path: Path,
) -> None:
    files = {k: v for k, v in RX7900XT_FILES.items() if not k.startswith("mem_info")}
    add_pci_card(tmp_path / "sys", "card0", "0000:03:00.0", files, "amdgpu")
    runner = FakeRunner({"rocm-smi": ok(fixture_text("rocm_smi_series_is_device_id.json"))})
    [gpu] = detect(tmp_path / "m", env=linux_env(tmp_path, runner)).gpus
    assert gpu.memory_total_bytes == 17163091968  # one card each side: they are the same
    assert gpu.name == "AMD Navi 31 [Radeon RX 7900 XT/7900 XTX]"  # series was only an ID


def test_linux_apu_and_discrete_amd_cards_are_told_apart(tmp_path: Path) -> None:
    sys_root = tmp_path / "sys"
    raphael = {
        "vendor": "0x1002\n",
        "device": "0x164e\n",
        "subsystem_vendor": "0x1043\n",
        "subsystem_device": "0x8877\n",
        "mem_info_vram_total": "67108864\n",
        "mem_info_vram_used": "26079232\n",
    }
    add_pci_card(sys_root, "card0", "0000:0e:00.0", raphael, "amdgpu")
    add_pci_card(sys_root, "card1", "0000:03:00.0", RX7900XT_FILES, "amdgpu")
    runner = FakeRunner({"rocm-smi": ok(fixture_text("rocm_smi_radeon_rx7900xt.json"))})
    profile = detect(tmp_path / "m", env=linux_env(tmp_path, runner))
    apu, discrete = profile.gpus
    assert (apu.name, apu.memory_total_bytes) == ("AMD Raphael", 67108864)
    assert discrete.name == "AMD Radeon RX 7900 XT"  # rocm-smi card matched by device ID
    assert profile.best_gpu is discrete


def test_linux_amd_card_memory_unknown_says_why(tmp_path: Path) -> None:
    files = {k: v for k, v in RX7900XT_FILES.items() if not k.startswith("mem_info")}
    add_pci_card(tmp_path / "sys", "card0", "0000:03:00.0", files, "radeon")
    profile = detect(tmp_path / "m", env=linux_env(tmp_path))
    [gpu] = profile.gpus
    assert gpu.memory_total_bytes is None
    assert "rocm-smi not found" in profile.unknown["gpu_memory"]
    assert profile.best_gpu is None  # no memory figure: the estimate will not count on it


def test_linux_rocm_smi_garbage_does_not_hide_the_card(tmp_path: Path) -> None:
    add_pci_card(tmp_path / "sys", "card0", "0000:03:00.0", RX7900XT_FILES, "amdgpu")
    runner = FakeRunner({"rocm-smi": ok("Segmentation fault (core dumped)\n")})
    profile = detect(tmp_path / "m", env=linux_env(tmp_path, runner))
    assert profile.gpus[0].name == "AMD Navi 31 [Radeon RX 7900 XT/7900 XTX]"
    assert profile.gpus[0].memory_total_bytes == 21458059264


def test_linux_without_sysfs_uses_rocm_smi(tmp_path: Path) -> None:
    runner = FakeRunner({"rocm-smi": ok(fixture_text("rocm_smi_series_is_device_id.json"))})
    profile = detect(tmp_path / "m", env=linux_env(tmp_path, runner))
    [gpu] = profile.gpus
    assert gpu.source == "rocm-smi"
    assert gpu.name == "AMD GPU (card0)"
    assert gpu.memory_total_bytes == 17163091968
    assert gpu.memory_free_bytes == 17163091968 - 283090944


def test_laptop_with_intel_igpu_and_nvidia_dgpu(tmp_path: Path) -> None:
    sys_root = tmp_path / "sys"
    add_pci_card(sys_root, "card0", "0000:00:02.0", INTEL_UHD770_FILES, "i915")
    add_pci_card(sys_root, "card1", "0000:01:00.0", RTX3090_FILES, "nvidia")
    runner = FakeRunner({"nvidia-smi": ok(fixture_text("nvidia_smi_rtx3090.csv"))})
    profile = detect(tmp_path / "m", env=linux_env(tmp_path, runner))
    nvidia, intel = profile.gpus
    assert (nvidia.name, nvidia.source) == ("NVIDIA GeForce RTX 3090", "nvidia-smi")
    assert intel.vendor == "intel"
    assert intel.kind == "integrated"
    assert intel.name == "Intel Raptor Lake-S GT1 [UHD Graphics 770]"
    assert intel.memory_total_bytes is None
    assert "shares system memory" in intel.note
    assert profile.best_gpu is nvidia
    assert not runner.called("rocm-smi")  # no AMD card, no need to ask
    assert "gpu" not in profile.unknown


def test_nvidia_card_without_working_driver(tmp_path: Path) -> None:
    add_pci_card(tmp_path / "sys", "card0", "0000:01:00.0", RTX3090_FILES, "nouveau")
    no_driver = CommandResult(9, fixture_text("nvidia_smi_no_driver.txt"), "")
    runner = FakeRunner({"nvidia-smi": no_driver})
    profile = detect(tmp_path / "m", env=linux_env(tmp_path, runner))
    [gpu] = profile.gpus
    assert gpu.name == "NVIDIA Geforce RTX 3090 Founders Edition"  # board name from pci.ids
    assert gpu.memory_total_bytes is None
    assert gpu.source == "sysfs"
    assert "couldn't communicate with the NVIDIA driver" in profile.unknown["gpu_memory"]
    assert "NVML Shared Library Not Found" in profile.unknown["gpu_memory"]


def test_nvml_is_preferred_and_nvidia_smi_not_run(tmp_path: Path) -> None:
    nvml = FakeNvml([("NVIDIA GeForce RTX 4090", 24564 * MiB, 24000 * MiB)])
    runner = FakeRunner({"nvidia-smi": ok(fixture_text("nvidia_smi_rtx3090.csv"))})
    profile = detect(tmp_path / "m", env=linux_env(tmp_path, runner, nvml=lambda: nvml))
    [gpu] = profile.gpus
    assert (gpu.name, gpu.source) == ("NVIDIA GeForce RTX 4090", "nvml")
    assert not runner.called("nvidia-smi")
    # no /sys/class/drm in this tmp tree, but a GPU was found: nothing is unknown about it
    assert "gpu" not in profile.unknown


def test_unified_nvidia_part_gets_system_ram(tmp_path: Path) -> None:
    runner = FakeRunner({"nvidia-smi": ok(fixture_text("nvidia_smi_gb10_unified.csv"))})
    env = linux_env(
        tmp_path,
        runner,
        machine="aarch64",
        cpuinfo="cpuinfo_aarch64_neoverse_v1.txt",
        memory=lambda: (128 * GiB, 120 * GiB),
    )
    profile = detect(tmp_path / "m", env=env)
    [gpu] = profile.gpus
    assert profile.arch == "arm64"
    assert profile.unified_memory
    assert (gpu.memory_total_bytes, gpu.memory_free_bytes) == (128 * GiB, 120 * GiB)
    assert profile.cpu.features == ["neon", "fp16", "dotprod", "i8mm", "bf16", "sve"]


def test_nvidia_smi_timeout_and_no_gpu(tmp_path: Path) -> None:
    (tmp_path / "sys" / "class" / "drm").mkdir(parents=True)
    runner = FakeRunner({"nvidia-smi": subprocess.TimeoutExpired(["nvidia-smi"], 3.0)})
    profile = detect(tmp_path / "m", env=linux_env(tmp_path, runner))
    assert profile.gpus == []
    reason = profile.unknown["gpu"]
    assert "nvidia-smi did not answer within 3 s" in reason
    assert "no GPU in" in reason
    assert profile.ram_total_bytes == 64 * GiB  # the rest of the profile still filled
    assert profile.cpu.model == "AMD EPYC"


def test_apple_silicon_mac(tmp_path: Path) -> None:
    sysctl = fixture_text("sysctl_macos_apple_m2_max.txt")
    runner = FakeRunner(
        {
            "sysctl -n machdep.cpu.brand_string": ok("Apple M2 Max\n"),
            "sysctl hw.optional": ok(sysctl),
        }
    )

    def nvml_must_not_load() -> Any:
        raise AssertionError("NVML probed on a Mac")

    env = ProbeEnv(
        system="Darwin",
        machine="arm64",
        kernel="23.4.0",
        runner=runner,
        nvml=nvml_must_not_load,
        memory=lambda: (32 * GiB, 20 * GiB),
        cores=lambda: (12, 12),
        disk_free=lambda path: 100 * GiB,
        mac_version=lambda: "14.4.1",
    )
    profile = detect(tmp_path / "m", env=env)
    assert (profile.os, profile.os_version, profile.arch) == ("macOS", "14.4.1", "arm64")
    assert profile.cpu.model == "Apple M2 Max"
    assert profile.cpu.features == ["neon", "fp16", "dotprod", "i8mm", "bf16"]
    [gpu] = profile.gpus
    assert (gpu.vendor, gpu.kind, gpu.name) == ("apple", "unified", "Apple M2 Max")
    assert gpu.memory_total_bytes == int(32 * GiB * 2 / 3)
    assert gpu.bandwidth_gbs == 400
    assert profile.unified_memory
    assert set(profile.unknown) == {"ram_bandwidth"}
    assert not runner.called("nvidia-smi")


def test_intel_mac_and_rosetta(tmp_path: Path) -> None:
    intel_sysctl = fixture_text("sysctl_hw_macos_intel_i7.txt")
    unknown_oid = CommandResult(1, "", "sysctl: unknown oid 'sysctl.proc_translated'\n")
    answers: dict[str, Answer] = {
        "sysctl -n machdep.cpu.brand_string": ok("Intel(R) Core(TM) i7-8750H CPU @ 2.20GHz\n"),
        "sysctl hw.optional": ok(intel_sysctl),
        "sysctl -n sysctl.proc_translated": unknown_oid,
    }
    base: dict[str, Any] = {
        "system": "Darwin",
        "machine": "x86_64",
        "memory": lambda: (16 * GiB, 8 * GiB),
        "cores": lambda: (6, 12),
        "disk_free": lambda path: 1 * GiB,
        "mac_version": lambda: "13.6",
    }
    intel = detect(tmp_path / "m", env=ProbeEnv(runner=FakeRunner(answers), **base))
    assert intel.arch == "x86_64"
    assert intel.gpus == []
    assert "Intel Mac" in intel.unknown["gpu"]
    assert intel.cpu.features == ["sse3", "ssse3", "avx", "avx2", "fma", "f16c"]

    answers["sysctl -n sysctl.proc_translated"] = ok("1\n")
    answers["sysctl -n machdep.cpu.brand_string"] = ok("Apple M1\n")
    rosetta = detect(tmp_path / "m", env=ProbeEnv(runner=FakeRunner(answers), **base))
    assert rosetta.arch == "arm64"  # an x86 Python under Rosetta on an M1
    assert rosetta.gpus[0].name == "Apple M1"
    assert rosetta.gpus[0].bandwidth_gbs == 68.25


def test_windows_machine(tmp_path: Path) -> None:
    env = ProbeEnv(
        system="Windows",
        machine="AMD64",
        runner=FakeRunner(),
        nvml=no_nvml,
        memory=lambda: (32 * GiB, 20 * GiB),
        cores=lambda: (8, 16),
        disk_free=lambda path: 10 * GiB,
        windows_cpu=lambda: ("13th Gen Intel(R) Core(TM) i7-13700H", ["avx", "avx2"]),
        windows_version=lambda: "10.0.22631",
    )
    profile = detect(tmp_path / "m", env=env)
    assert (profile.os, profile.os_version, profile.arch) == ("Windows", "10.0.22631", "x86_64")
    assert profile.cpu.model == "13th Gen Intel(R) Core(TM) i7-13700H"
    assert profile.gpus == []
    assert "not probed on Windows" in profile.unknown["gpu"]
    assert "nvidia-smi not found" in profile.unknown["gpu"]


def test_failing_probes_leave_reasons_and_the_rest_fills(tmp_path: Path) -> None:
    def broken_memory() -> tuple[int, int]:
        raise RuntimeError("psutil exploded")

    def broken_disk(path: Path) -> int:
        raise PermissionError(13, "Permission denied")

    env = linux_env(
        tmp_path,
        memory=broken_memory,
        cores=lambda: (None, 4),
        disk_free=broken_disk,
        proc_root=tmp_path / "no-proc",
    )
    profile = detect(tmp_path / "m", env=env)
    assert profile.ram_total_bytes is None
    assert profile.unknown["ram"] == "unexpected error: RuntimeError: psutil exploded"
    assert profile.cpu.physical_cores is None
    assert profile.cpu.logical_cores == 4
    assert profile.unknown["cores"] == "psutil could not count the physical cores"
    assert profile.unknown["cpu_model"].startswith("cannot read ")
    assert "cpuinfo" in profile.unknown["cpu_features"]
    assert profile.unknown["disk"].startswith("cannot read free space at ")
    assert profile.disk_free_bytes is None
    # what could be read still was
    assert profile.os == "Linux"
    assert profile.os_version == "Debian GNU/Linux 12 (bookworm), kernel 6.1.0-18-amd64"
    assert profile.arch == "x86_64"
    assert "gpu" in profile.unknown
    assert profile.ram_bytes_for_models == 0


def test_disk_free_is_measured_at_the_nearest_existing_folder(tmp_path: Path) -> None:
    seen: list[Path] = []

    def disk_free(path: Path) -> int:
        seen.append(path)
        return 7 * GiB

    models = tmp_path / "not" / "yet" / "models"
    profile = detect(models, env=linux_env(tmp_path, disk_free=disk_free))
    assert seen == [tmp_path]
    assert profile.disk_path == str(models)
    assert profile.disk_free_bytes == 7 * GiB
    assert nearest_existing(models) == tmp_path


def test_small_helpers() -> None:
    assert normalise_arch("AMD64") == "x86_64"
    assert normalise_arch("aarch64") == "arm64"
    assert normalise_arch("ARM64") == "arm64"
    assert normalise_arch("riscv64") == "riscv64"
    assert normalise_arch("") is None
    assert parse_os_release('# c\nNAME="Fedora Linux"\nID=fedora\nbad line\n') == {
        "NAME": "Fedora Linux",
        "ID": "fedora",
    }


def test_detect_on_this_machine(tmp_path: Path) -> None:
    profile = detect(tmp_path / "models")
    assert (profile.ram_total_bytes or 0) > 0
    assert (profile.ram_available_bytes or 0) > 0
    assert (profile.cpu.logical_cores or 0) > 0
    assert profile.os is not None
    assert profile.arch is not None
    assert (profile.disk_free_bytes or 0) > 0
    assert profile.disk_path == str(tmp_path / "models")
    assert profile.gpus or "gpu" in profile.unknown  # found, or said why not
    if sys.platform == "linux":
        assert profile.cpu.features, "every x86-64 or AArch64 Linux CPU lists some"
    no_gpu_here = (
        sys.platform == "linux"
        and not Path("/sys/class/drm").exists()
        and shutil.which("nvidia-smi") is None
        and shutil.which("rocm-smi") is None
    )
    if no_gpu_here:  # this development machine: no GPU, no drivers
        assert profile.gpus == []
        assert "nvidia-smi not found" in profile.unknown["gpu"]
        assert "/sys/class/drm" in profile.unknown["gpu"]


def test_detect_defaults_to_the_app_models_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MODEL_WIZARD_DATA_DIR", str(tmp_path))
    profile = detect(env=linux_env(tmp_path))
    assert profile.disk_path == str(tmp_path.resolve() / "models")


# --- overrides ------------------------------------------------------------------------


def probed_profile() -> HardwareProfile:
    return HardwareProfile(
        os="Linux",
        arch="x86_64",
        ram_total_bytes=16 * GiB,
        ram_available_bytes=12 * GiB,
        cpu=CpuInfo(model="AMD EPYC", physical_cores=2, logical_cores=2, features=["avx2"]),
        gpus=[
            GpuInfo(
                vendor="nvidia",
                name="NVIDIA GeForce RTX 3060",
                memory_total_bytes=12 * GiB,
                memory_free_bytes=11 * GiB,
                source="nvml",
            )
        ],
        disk_free_bytes=50 * GiB,
        unknown={"ram": "probe failed", "disk": "probe failed", "cpu_model": "x"},
    )


def test_override_ram_disk_cores() -> None:
    p = HardwareOverrides(ram_gb=64, disk_gb=500, cores=16).apply(probed_profile())
    assert p.ram_total_bytes == 64 * GiB
    assert p.ram_available_bytes is None  # planned RAM: the estimate applies its own reserve
    assert p.disk_free_bytes == 500 * GiB
    assert (p.cpu.physical_cores, p.cpu.logical_cores) == (16, 16)
    assert p.overridden == ["cores", "disk", "ram"]
    assert set(p.unknown) == {"cpu_model"}  # overridden figures are no longer unknown


def test_override_vram_keeps_vendor_and_gpu_none_removes_it() -> None:
    p = HardwareOverrides(vram_gb=24).apply(probed_profile())
    [gpu] = p.gpus
    assert (gpu.vendor, gpu.memory_total_bytes, gpu.source) == ("nvidia", 24 * GiB, "override")
    assert HardwareOverrides(gpu="none").apply(probed_profile()).gpus == []
    assert HardwareOverrides(vram_gb=0).apply(probed_profile()).gpus == []
    kept = HardwareOverrides(gpu="nvidia").apply(probed_profile())
    assert kept.gpus[0].name == "NVIDIA GeForce RTX 3060"
    assert kept.gpus[0].memory_total_bytes == 12 * GiB


def test_override_apple_plans_unified_memory() -> None:
    p = HardwareOverrides(gpu="apple", ram_gb=64).apply(probed_profile())
    [gpu] = p.gpus
    assert gpu.kind == "unified"
    assert gpu.memory_total_bytes == 48 * GiB  # 3/4 of 64 GiB
    assert p.unified_memory


def test_override_gpu_vendor_without_vram_needs_a_figure() -> None:
    with pytest.raises(InputError) as err:
        HardwareOverrides(gpu="amd").apply(probed_profile())
    assert "--vram-gb" in str(err.value)


@pytest.mark.parametrize(
    ("overrides", "flag"),
    [
        ({"ram_gb": -1}, "--ram-gb"),
        ({"ram_gb": 0.1}, "--ram-gb"),
        ({"ram_gb": 100_000}, "--ram-gb"),
        ({"ram_gb": math.nan}, "--ram-gb"),
        ({"vram_gb": -2}, "--vram-gb"),
        ({"vram_gb": 10_000}, "--vram-gb"),
        ({"disk_gb": -5}, "--disk-gb"),
        ({"cores": 0}, "--cores"),
        ({"cores": 100_000}, "--cores"),
        ({"ram_bandwidth_gbs": 0}, "--ram-bandwidth-gbs"),
        ({"gpu_bandwidth_gbs": math.inf}, "--gpu-bandwidth-gbs"),
    ],
)
def test_absurd_overrides_are_refused(overrides: dict[str, Any], flag: str) -> None:
    with pytest.raises(InputError) as err:
        HardwareOverrides(**overrides).apply(probed_profile())
    assert str(err.value).startswith(f"{flag} ")
    assert "out of range" in err.value.message
    assert err.value.remedy  # says what to give instead


def test_overrides_from_args() -> None:
    parser = argparse.ArgumentParser()
    add_hardware_override_args(parser)
    args = parser.parse_args(["--ram-gb", "64", "--gpu", "none", "--cores", "8"])
    assert overrides_from_args(args) == HardwareOverrides(ram_gb=64, gpu="none", cores=8)
    assert overrides_from_args(parser.parse_args([])) == HardwareOverrides()
    with pytest.raises(InputError, match="--disk-gb -1 is out of range"):
        overrides_from_args(parser.parse_args(["--disk-gb", "-1"]))


# --- the command ----------------------------------------------------------------------


def test_hardware_json_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path), "hardware", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ram_total_bytes"] > 0
    assert data["cpu"]["logical_cores"] > 0
    assert data["disk_path"] == str(tmp_path.resolve() / "models")
    assert data["disk_free_bytes"] > 0
    assert data["overridden"] == []
    assert isinstance(data["unknown"], dict)
    assert HardwareProfile.model_validate(data).ram_total_bytes == data["ram_total_bytes"]


def test_hardware_json_with_overrides(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--data-dir", str(tmp_path), "hardware", "--json"]
    argv += ["--ram-gb", "64", "--gpu", "nvidia", "--vram-gb", "24", "--gpu-bandwidth-gbs", "936"]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ram_total_bytes"] == 64 * GiB
    [gpu] = data["gpus"]
    assert (gpu["vendor"], gpu["memory_total_bytes"], gpu["bandwidth_gbs"]) == (
        "nvidia",
        24 * GiB,
        936,
    )
    assert data["overridden"] == ["gpu", "ram"]
    assert "gpu" not in data["unknown"]


def test_hardware_text_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path), "hardware", "--disk-gb", "123"]) == 0
    out = capsys.readouterr().out
    for label in ("OS:", "CPU:", "Features:", "RAM:", "GPU", "Disk:", "Overridden: disk"):
        assert label in out
    assert f"123.0 GiB free at {tmp_path.resolve() / 'models'}" in out


def test_hardware_command_refuses_bad_overrides(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path), "hardware", "--ram-gb", "-1"]) == 2
    err = capsys.readouterr().err
    assert "--ram-gb -1 is out of range" in err
    assert "between 0.25 and 16384" in err
    assert "Traceback" not in err


def test_hardware_command_gpu_without_vram(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import wizard_app.commands._machine as machine

    monkeypatch.setattr(machine, "detect", lambda models_dir: HardwareProfile(ram_total_bytes=GiB))
    assert main(["--data-dir", str(tmp_path), "hardware", "--gpu", "amd"]) == 2
    assert "Add --vram-gb N" in capsys.readouterr().err


def test_format_profile_lists_gpus_unknowns_and_overrides() -> None:
    profile = HardwareOverrides(ram_gb=32).apply(probed_profile())
    profile.gpus.append(
        GpuInfo(vendor="intel", name="Intel UHD", kind="integrated", note="shares system memory")
    )
    profile.unknown["gpu_memory"] = "card0: no figure"
    text = format_profile(profile)
    assert "CPU:        AMD EPYC, 2 cores / 2 threads" in text
    assert "RAM:        32.0 GiB total\n" in text
    assert (
        "GPU 1:      NVIDIA GeForce RTX 3060 (nvidia, discrete) - 12.0 GiB, 11.0 GiB free" in text
    )
    assert "GPU 2:      Intel UHD (intel, integrated) - memory unknown" in text
    assert "note: shares system memory" in text
    assert "Overridden: ram" in text
    assert "  gpu_memory: card0: no figure" in text
    assert "  cpu_model: x" in text
