"""The hardware profile the fit estimate and the recommender work from.

Produced by the probes (``probe.detect``) or built by hand; every figure can be overridden,
because the user may be planning for another machine. A figure that could not be read is
``None`` and ``unknown`` says why.
"""

from __future__ import annotations

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

    # --- derived figures the estimate uses ---------------------------------------------
    @property
    def unified_memory(self) -> bool:
        return any(g.kind == "unified" for g in self.gpus)

    @property
    def best_gpu(self) -> GpuInfo | None:
        """The GPU with most usable memory (llama.cpp offloads to one device here)."""
        usable = [g for g in self.gpus if g.usable_bytes]
        return max(usable, key=lambda g: g.usable_bytes or 0) if usable else None

    @property
    def gpu_bytes(self) -> int:
        gpu = self.best_gpu
        return (gpu.usable_bytes or 0) if gpu else 0

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


class HardwareOverrides(Model):
    """What the user says instead of (or in addition to) what the probes read."""

    ram_gb: float | None = None
    vram_gb: float | None = None
    gpu: Literal["nvidia", "amd", "apple", "intel", "none"] | None = None
    disk_gb: float | None = None
    cores: int | None = None
    ram_bandwidth_gbs: float | None = None
    gpu_bandwidth_gbs: float | None = None

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

    def apply(self, profile: HardwareProfile) -> HardwareProfile:
        """A copy of ``profile`` with these figures in place of the probed ones."""
        self.validate_ranges()
        p = profile.model_copy(deep=True)
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
        if self.gpu == "none" or self.vram_gb == 0:
            p.gpus = []
            done.append("gpu")
        elif self.gpu == "apple":
            ram = p.ram_total_bytes or 0
            vram = int(self.vram_gb * GiB) if self.vram_gb else int(ram * apple_metal_share(ram))
            p.gpus = [
                GpuInfo(
                    vendor="apple",
                    name="Apple Silicon (planned)",
                    kind="unified",
                    memory_total_bytes=vram,
                    memory_free_bytes=vram,
                    bandwidth_gbs=self.gpu_bandwidth_gbs,
                    source="override",
                )
            ]
            done.append("gpu")
        elif self.gpu is not None or self.vram_gb is not None:
            vendor = self.gpu or (p.best_gpu.vendor if p.best_gpu else "nvidia")
            if self.vram_gb is None:
                current = p.best_gpu
                if current is None or current.vendor != vendor:
                    raise InputError(
                        f"--gpu {vendor} was given without --vram-gb and no such GPU was found.",
                        "Add --vram-gb N with the GPU's memory.",
                    )
                vram = current.memory_total_bytes or 0
                name = current.name
            else:
                vram = int(self.vram_gb * GiB)
                name = f"{vendor.upper() if vendor == 'amd' else vendor.title()} GPU (planned)"
            p.gpus = [
                GpuInfo(
                    vendor=vendor,
                    name=name,
                    kind="discrete",
                    memory_total_bytes=vram,
                    memory_free_bytes=vram,
                    bandwidth_gbs=self.gpu_bandwidth_gbs,
                    source="override",
                )
            ]
            done.append("gpu")
        if self.gpu_bandwidth_gbs is not None and p.gpus and "gpu" not in done:
            p.gpus[0].bandwidth_gbs = self.gpu_bandwidth_gbs
        for key in done:
            p.unknown.pop(key, None)
        p.overridden = sorted(set(p.overridden) | set(done))
        return p
