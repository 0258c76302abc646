"""What this machine has: RAM, CPU, GPUs, disk (``detect``), and the user's overrides."""

from wizard_app.core.hardware.probe import ProbeEnv, detect
from wizard_app.core.hardware.profile import (
    CpuInfo,
    GpuInfo,
    HardwareOverrides,
    HardwareProfile,
)

__all__ = ["CpuInfo", "GpuInfo", "HardwareOverrides", "HardwareProfile", "ProbeEnv", "detect"]
