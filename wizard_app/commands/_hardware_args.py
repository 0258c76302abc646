"""Hardware override flags shared by ``hardware``, ``fit`` and ``recommend``.

``add_hardware_override_args(parser)`` in ``register()``; ``overrides_from_args(args)``
turns them into ``HardwareOverrides`` (``_machine.hardware_from_args`` probes and applies).
"""

from __future__ import annotations

import argparse
from typing import Any

from wizard_app.core.hardware.profile import HardwareOverrides

GPU_CHOICES = ("nvidia", "amd", "apple", "intel", "none")

# flag destination -> HardwareOverrides field
_FIELDS = (
    "ram_gb",
    "vram_gb",
    "gpu",
    "disk_gb",
    "cores",
    "ram_bandwidth_gbs",
    "gpu_bandwidth_gbs",
    "gpus",
    "gpu_name",
    "laptop",
)


def add_hardware_override_args(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "hardware overrides",
        "use these figures instead of what was detected; giving RAM or GPU memory plans "
        "another machine, described by these flags alone",
    )
    group.add_argument("--ram-gb", type=float, metavar="GB", help="system RAM in GiB")
    group.add_argument("--vram-gb", type=float, metavar="GB", help="GPU memory in GiB (0: no GPU)")
    group.add_argument("--gpu", choices=GPU_CHOICES, help="GPU vendor, or none for CPU only")
    group.add_argument("--disk-gb", type=float, metavar="GB", help="free disk in GiB")
    group.add_argument("--cores", type=int, metavar="N", help="CPU cores")
    group.add_argument(
        "--ram-bandwidth-gbs", type=float, metavar="GBS", help="RAM bandwidth in GB/s"
    )
    group.add_argument(
        "--gpu-bandwidth-gbs", type=float, metavar="GBS", help="GPU memory bandwidth in GB/s"
    )
    group.add_argument(
        "--gpus", metavar="LIST", help="several GPUs, GiB each: 2x24 (two 24 GB cards), 24,12"
    )
    group.add_argument(
        "--gpu-name",
        metavar="NAME",
        help="the GPU's model (e.g. 'RTX 4090', 'Apple M2 Max'): its bandwidth is looked up",
    )
    group.add_argument(
        "--laptop",
        action="store_true",
        default=None,
        help="the machine is a laptop (upgrades leave out desktop graphics cards and memory kits)",
    )


def overrides_from_args(args: argparse.Namespace) -> HardwareOverrides:
    """The overrides given on the command line; raises InputError for absurd figures."""
    values: dict[str, Any] = {name: getattr(args, name, None) for name in _FIELDS}
    overrides = HardwareOverrides(**values)
    overrides.validate_ranges()
    return overrides
