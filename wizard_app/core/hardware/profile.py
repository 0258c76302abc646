"""The hardware profile the fit estimate and the recommender work from.

Produced by the probes (``probe.detect``) or built by hand; every figure can be overridden,
because the user may be planning for another machine. A figure that could not be read is
``None`` and ``unknown`` says why.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from wizard_app.core.errors import InputError

GiB = 1024**3
GB = 1000**3

GpuVendor = Literal["nvidia", "amd", "apple", "intel", "other"]
GpuKind = Literal["discrete", "integrated", "unified"]

# On a planned machine (RAM given, not measured) the OS and desktop keep this much.
OS_RESERVE_MIN_BYTES = 2 * 1024**3
OS_RESERVE_SHARE = 0.2
# Without a measurement we assume dual-channel DDR4-3200: 2 x 64 bit x 3200 MT/s = 51.2 GB/s.
DEFAULT_RAM_BANDWIDTH_GBS = 51.2
# Share of unified memory that macOS lets Metal use by default (recommendedMaxWorkingSetSize
# is about 2/3 below 36 GB of RAM and 3/4 above; llama.cpp reports the same figure).
APPLE_METAL_SHARE_SMALL = 2 / 3
APPLE_METAL_SHARE_LARGE = 3 / 4


def apple_metal_share(ram_bytes: int) -> float:
    return APPLE_METAL_SHARE_LARGE if ram_bytes >= 36 * GiB else APPLE_METAL_SHARE_SMALL


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CpuInfo(Model):
    model: str | None = None
    physical_cores: int | None = None
    logical_cores: int | None = None
    features: list[str] = Field(default_factory=list, description="avx, avx2, avx512f, neon...")


class GpuInfo(Model):
    vendor: GpuVendor
    name: str
    kind: GpuKind = "discrete"
    memory_total_bytes: int | None = None
    memory_free_bytes: int | None = None
    bandwidth_gbs: float | None = None
    driver: str | None = None
    source: str = Field(default="", description="which probe found it: nvml, nvidia-smi, ...")
    note: str = Field(default="", description="what the user should know about this figure")

    @property
    def usable_bytes(self) -> int | None:
        """Memory a model may use: free if known, else total."""
        if self.memory_free_bytes is not None:
            return self.memory_free_bytes
        return self.memory_total_bytes


class ComputeProfile(Model):
    """How fast llama.cpp runs on this CPU, timed on generated models (runtime.machine_profile).

    Per generated token: ``max(bytes / bandwidth, weights / weights_per_s) + layers x
    seconds_per_layer + vocabulary x seconds_per_vocab + seconds_per_token`` (two cores
    are held back by the dot products, many cores by memory); prompts at ``matmul_gflops``.
    """

    threads: int
    bandwidth_gbs: float  # weights read per second while generating, all threads
    weights_per_s: float  # quantised weights a generated token multiplies per second
    weights_per_s_f16: float  # the same for 16-bit weights
    seconds_per_layer: float  # graph and thread synchronisation per layer per token
    seconds_per_vocab: float  # logits and sampling per vocabulary entry per token
    seconds_per_token: float  # the rest of a token: sampling set-up, the app's messages
    matmul_gflops: float  # prompt processing, all threads
    cpu_model: str | None = None
    llama_cpp_version: str = ""
    system_info: str = ""
    measured_at: str = ""
    took_s: float = 0.0


class HardwareProfile(Model):
    os: str | None = None
    os_version: str | None = None
    arch: str | None = None
    ram_total_bytes: int | None = None
    ram_available_bytes: int | None = None
    ram_bandwidth_gbs: float | None = None
    cpu: CpuInfo = Field(default_factory=CpuInfo)
    gpus: list[GpuInfo] = Field(default_factory=list)
    disk_free_bytes: int | None = None
    disk_path: str | None = None
    unknown: dict[str, str] = Field(
        default_factory=dict, description="figure -> why it could not be read"
    )
    overridden: list[str] = Field(default_factory=list)
    laptop: bool | None = Field(default=None, description="None: not known")
    planned: bool = Field(default=False, description="described by the user, not detected")
    compute: ComputeProfile | None = Field(
        default=None, description="llama.cpp's measured speed on this machine's CPU"
    )

    # --- derived figures the estimate uses ---------------------------------------------
    @property
    def unified_memory(self) -> bool:
        return any(g.kind == "unified" for g in self.gpus)

    @property
    def best_gpu(self) -> GpuInfo | None:
        """The GPU with most usable memory (the first of the largest, in device order)."""
        usable = [g for g in self.gpus if g.usable_bytes]
        return max(usable, key=lambda g: g.usable_bytes or 0) if usable else None

    @property
    def offload_gpus(self) -> list[GpuInfo]:
        """The devices llama.cpp splits layers across, in device order.

        The GPUs of the best one's vendor and kind (one backend drives them; an integrated
        GPU next to a discrete one is left out); a unified-memory GPU is one device.
        """
        best = self.best_gpu
        if best is None:
            return []
        if best.kind == "unified":
            return [best]
        return [
            g
            for g in self.gpus
            if g.usable_bytes and g.vendor == best.vendor and g.kind == best.kind
        ]

    @property
    def gpu_bytes(self) -> int:
        """GPU memory a model may use, summed over the offload devices."""
        return sum(g.usable_bytes or 0 for g in self.offload_gpus)

    @property
    def ram_bytes_for_models(self) -> int:
        """System RAM a model may use.

        The measured available memory when known; for a planned machine (only the total is
        known) the total less what the OS and other programs typically hold.
        """
        if self.ram_available_bytes is not None:
            return self.ram_available_bytes
        total = self.ram_total_bytes or 0
        return max(0, total - max(OS_RESERVE_MIN_BYTES, int(total * OS_RESERVE_SHARE)))

    @property
    def effective_ram_bandwidth_gbs(self) -> float:
        return self.ram_bandwidth_gbs or DEFAULT_RAM_BANDWIDTH_GBS


def parse_gpu_list(spec: str) -> list[float]:
    """GPU memory sizes in GiB from ``2x24``, ``24,12`` or ``2x24+16``."""
    sizes: list[float] = []
    for item in re.split(r"[,+]", spec.strip().lower()):
        found = re.fullmatch(r"\s*(?:(\d+)\s*[x*]\s*)?(\d+(?:\.\d+)?)\s*(?:gb|gib)?\s*", item)
        if not found:
            raise InputError(
                f"--gpus {spec!r} is not a list of GPU memory sizes.",
                "Give the GiB of each card, e.g. 2x24 for two 24 GB cards or 24,12.",
            )
        count = int(found.group(1) or 1)
        sizes.extend([float(found.group(2))] * count)
    if not 1 <= len(sizes) <= 16 or not all(0.25 <= g <= 4096 for g in sizes):
        raise InputError(
            f"--gpus {spec!r} is out of range.",
            "Give 1 to 16 cards of 0.25 to 4096 GiB each, e.g. 2x24.",
        )
    return sizes


def _planned_name(vendor: str) -> str:
    return f"{vendor.upper() if vendor == 'amd' else vendor.title()} GPU (planned)"


# What a planned machine leaves unknown, and how to give it.
PLANNED_UNKNOWN = {
    "disk": "planning another machine: its free disk is not known; give --disk-gb",
    "cores": "planning another machine: its CPU is not known; give --cores",
    "ram_bandwidth": (
        f"planning another machine: assumed {DEFAULT_RAM_BANDWIDTH_GBS:g} GB/s "
        "(dual-channel DDR4-3200); give --ram-bandwidth-gbs"
    ),
}


class HardwareOverrides(Model):
    """What the user says instead of (or in addition to) what the probes read."""

    ram_gb: float | None = None
    vram_gb: float | None = None
    gpus: str | None = Field(default=None, description="GiB per card: 2x24, 24,12")
    gpu: Literal["nvidia", "amd", "apple", "intel", "none"] | None = None
    gpu_name: str | None = Field(default=None, description="model name, e.g. RTX 4090")
    disk_gb: float | None = None
    cores: int | None = None
    ram_bandwidth_gbs: float | None = None
    gpu_bandwidth_gbs: float | None = None
    laptop: bool | None = None

    @property
    def plans_another_machine(self) -> bool:
        """RAM or GPU memory given: the flags describe a machine, detection is not used.

        The same flags then give the same answer on every host.
        """
        return self.ram_gb is not None or self.vram_gb is not None or self.gpus is not None

    def validate_ranges(self) -> None:
        """Reject negative or absurd figures with a message that says what to do."""
        checks: list[tuple[str, float | None, float, float, str]] = [
            ("--ram-gb", self.ram_gb, 0.25, 16384, "GB of system RAM"),
            ("--vram-gb", self.vram_gb, 0, 4096, "GB of GPU memory"),
            ("--disk-gb", self.disk_gb, 0, 10_000_000, "GB of free disk"),
            ("--ram-bandwidth-gbs", self.ram_bandwidth_gbs, 1, 20_000, "GB/s"),
            ("--gpu-bandwidth-gbs", self.gpu_bandwidth_gbs, 1, 50_000, "GB/s"),
        ]
        for flag, value, low, high, unit in checks:
            if value is not None and not (low <= value <= high):
                raise InputError(
                    f"{flag} {value:g} is out of range.",
                    f"Give a number of {unit} between {low:g} and {high:g}.",
                )
        if self.cores is not None and not (1 <= self.cores <= 4096):
            raise InputError(f"--cores {self.cores} is out of range.", "Give 1 to 4096 cores.")
        if self.gpus is not None:
            parse_gpu_list(self.gpus)
            if self.vram_gb is not None:
                raise InputError(
                    "--gpus and --vram-gb were both given.",
                    "Give --gpus for several cards (e.g. 2x24) or --vram-gb for one.",
                )
            if self.gpu in ("apple", "none"):
                raise InputError(
                    f"--gpus cannot be combined with --gpu {self.gpu}.",
                    "Apple Silicon has one GPU: give --gpu apple without --gpus.",
                )
        if self.gpu == "none" and self.vram_gb:
            raise InputError(
                f"--vram-gb {self.vram_gb:g} and --gpu none contradict each other.",
                "Leave out --gpu none for a machine with a GPU, or --vram-gb for one without.",
            )
        if self.gpu_name is not None and not 1 <= len(self.gpu_name.strip()) <= 100:
            raise InputError(
                "--gpu-name is empty or too long.", "Give the GPU's model, e.g. RTX 4090."
            )

    def apply(self, profile: HardwareProfile) -> HardwareProfile:
        """A copy of ``profile`` with these figures in place of the probed ones."""
        self.validate_ranges()
        p = profile.model_copy(deep=True)
        done = self._apply_machine(p)
        gpus = self._given_gpus(p)
        if gpus is not None:
            p.gpus = gpus
            done.append("gpu")
        elif self.gpu_name is not None:
            for g in p.gpus:
                if g.kind != "integrated":
                    g.name = self.gpu_name
            if p.gpus:
                done.append("gpu_name")
        if self.gpu_bandwidth_gbs is not None and p.gpus and "gpu" not in done:
            for g in p.offload_gpus or p.gpus[:1]:
                g.bandwidth_gbs = self.gpu_bandwidth_gbs
            done.append("gpu_bandwidth")
        for key in done:
            p.unknown.pop(key, None)
        p.overridden = sorted(set(p.overridden) | set(done))
        return p

    def _apply_machine(self, p: HardwareProfile) -> list[str]:
        """RAM, cores, disk, RAM bandwidth and laptop in place; the keys it set."""
        done: list[str] = []
        if self.ram_gb is not None:
            p.ram_total_bytes = int(self.ram_gb * GiB)
            p.ram_available_bytes = None  # planned, not measured: the OS reserve applies
            done.append("ram")
        if self.cores is not None:
            p.cpu.physical_cores = p.cpu.logical_cores = self.cores
            done.append("cores")
        if self.disk_gb is not None:
            p.disk_free_bytes = int(self.disk_gb * GiB)
            done.append("disk")
        if self.ram_bandwidth_gbs is not None:
            p.ram_bandwidth_gbs = self.ram_bandwidth_gbs
            done.append("ram_bandwidth")
        if self.laptop is not None:
            p.laptop = self.laptop
            done.append("laptop")
        return done

    def _given_gpus(self, p: HardwareProfile) -> list[GpuInfo] | None:
        """The GPUs these figures describe, or None when they leave the probed ones."""
        if self.gpu == "none" or self.vram_gb == 0:
            return []
        if self.gpu == "apple":
            ram = p.ram_total_bytes or 0
            vram = int(self.vram_gb * GiB) if self.vram_gb else int(ram * apple_metal_share(ram))
            name = self.gpu_name or "Apple Silicon (planned)"
            return [self._gpu("apple", name, vram, kind="unified")]
        vendor = self.gpu or (p.best_gpu.vendor if p.best_gpu else "nvidia")
        if self.gpus is not None:
            name = self.gpu_name or _planned_name(vendor)
            return [self._gpu(vendor, name, int(gb * GiB)) for gb in parse_gpu_list(self.gpus)]
        if self.gpu is None and self.vram_gb is None and (
            self.gpu_name is None or any(g.kind != "integrated" for g in p.gpus)
        ):
            return None  # nothing given, or a name for the GPU this machine has
        if self.vram_gb is not None:
            name = self.gpu_name or _planned_name(vendor)
            return [self._gpu(vendor, name, int(self.vram_gb * GiB))]
        if self.gpu_name is not None and (
            p.planned or not any(g.kind != "integrated" for g in p.gpus)
        ):
            return [self._named_gpu(p, self.gpu_name)]
        current = p.best_gpu
        if current is None or current.vendor != vendor:
            raise InputError(
                f"--gpu {vendor} was given without --vram-gb and no such GPU was found.",
                "Add --vram-gb N with the GPU's memory.",
            )
        name = self.gpu_name or current.name
        return [self._gpu(vendor, name, current.memory_total_bytes or 0)]

    def _named_gpu(self, p: HardwareProfile, name: str) -> GpuInfo:
        """A card given by name alone: its memory from the bandwidth table, said so."""
        from wizard_app.core.hardware.bandwidth import known_memory_gb, lookup_bandwidth

        memory_gb = known_memory_gb(name)
        row = lookup_bandwidth(name)
        if memory_gb is None or row is None:
            raise InputError(
                f"--gpu-name {name!r} was given without --vram-gb and its memory is not known.",
                "Add --vram-gb N with the GPU's memory in GiB.",
            )
        p.unknown["gpu_memory"] = (
            f"{memory_gb} GB looked up for {name} in the GPU table; give --vram-gb if it differs"
        )
        return self._gpu(self.gpu or row.vendor, name, memory_gb * GiB)

    def _gpu(self, vendor: str, name: str, vram: int, kind: GpuKind = "discrete") -> GpuInfo:
        return GpuInfo(
            vendor=vendor,
            name=name,
            kind=kind,
            memory_total_bytes=vram,
            memory_free_bytes=vram,
            bandwidth_gbs=self.gpu_bandwidth_gbs,
            source="override",
        )

    def planned(self) -> HardwareProfile:
        """The machine these flags describe, with nothing of this one in it.

        What the flags leave out is unknown and said so (``unknown``), so that the
        Assumptions name each figure that was assumed.
        """
        if self.ram_gb is None:
            raise InputError(
                "Planning another machine (GPU memory was given) needs its RAM too.",
                "Add --ram-gb N with that machine's system RAM in GiB.",
            )
        base = HardwareProfile(unknown=dict(PLANNED_UNKNOWN), planned=True)
        planned = self.apply(base)
        if not planned.gpus and self.gpu != "none":
            planned.unknown["gpu"] = (
                "planning another machine: no GPU was given (add --gpu VENDOR --vram-gb N, "
                "or --gpus 2x24)"
            )
        return planned
