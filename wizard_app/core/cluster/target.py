"""Where the chosen model will run when it is not this computer: another machine or a
cluster of hosts joined by llama.cpp's RPC backend, as the wizard's hardware step
describes them, and the steps that start the chosen model there.

The hosts come from a table (address, RAM, GPUs and GiB per GPU, bandwidth or GPU name)
and become the same ``HostSpec`` the ``cluster-plan`` command parses, so the desktop
app and the CLI plan with one function (``plan_cluster``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from wizard_app.core.cluster.commands import (
    Step,
    cluster_commands,
    download_command,
    endpoint_command,
    server_command,
)
from wizard_app.core.cluster.plan import (
    DEFAULT_LINK_GBPS,
    DEFAULT_RTT_MS,
    RPC_PORT,
    SERVER_PORT,
    ClusterPlan,
    HostSpec,
    plan_cluster,
)
from wizard_app.core.errors import InputError
from wizard_app.core.fit import ModelShape
from wizard_app.core.hardware.profile import GiB

_ADDRESS = re.compile(r"^(?:[A-Za-z0-9_.\-]+|\[?[0-9a-fA-F:]+\]?)$")


@dataclass(frozen=True)
class Target:
    """``other``: one machine described by its figures (its address, "" if not given);
    ``cluster``: the hosts in order, the first being the main one."""

    kind: Literal["other", "cluster"]
    hosts: tuple[HostSpec, ...] = ()
    address: str = ""
    link_gbps: float = DEFAULT_LINK_GBPS
    rtt_ms: float = DEFAULT_RTT_MS


def bandwidth_from_text(text: str) -> float | None:
    """A figure in GB/s, or a GPU name looked up in the bandwidth table; "" is unknown."""
    text = text.strip()
    if not text:
        return None
    try:
        value = float(text.removesuffix("GB/s").strip().replace(",", "."))
    except ValueError:
        from wizard_app.core.hardware.bandwidth import lookup_bandwidth

        row = lookup_bandwidth(text)
        if row is None:
            raise InputError(
                f"'{text}' is not in the bandwidth table.",
                "Give the memory bandwidth in GB/s (e.g. 936), or leave it empty.",
            ) from None
        return row.bandwidth_gbs
    if not 1 <= value <= 50_000:
        raise InputError(f"{value:g} GB/s is out of range.", "Give 1 to 50,000 GB/s.")
    return value


def host_from_row(
    index: int, address: str, ram_gib: float, gpus: int, vram_gib: float, speed: str
) -> HostSpec:
    """One row of the hardware step's host table; ``gpus`` 0: a machine without GPUs,
    whose RAM holds its share of the model."""
    where = f"Host {index + 1}"
    address = address.strip()
    if not address or not _ADDRESS.match(address):
        raise InputError(
            f"{where}: '{address}' is not a host name or IP address.",
            "Give the address the other hosts reach it at, e.g. 192.168.1.10.",
        )
    if not 0.25 <= ram_gib <= 16384:
        raise InputError(f"{where}: give its RAM (0.25 to 16,384 GiB).", "")
    if gpus and not 0 < vram_gib <= 4096:
        raise InputError(f"{where}: give the memory of each GPU (up to 4,096 GiB).", "")
    if not 0 <= gpus <= 16:
        raise InputError(f"{where}: give 0 to 16 GPUs.", "")
    bandwidth = bandwidth_from_text(speed)
    return HostSpec(
        address=address.strip("[]"),
        devices=gpus or 1,
        memory_bytes=int((vram_gib if gpus else ram_gib) * GiB),
        bandwidth_gbs=bandwidth,
        cpu=not gpus,
        port=RPC_PORT,
        ram_bytes=int(ram_gib * GiB),
    )


def check_hosts(hosts: list[HostSpec]) -> None:
    if len(hosts) < 2:
        raise InputError("A cluster needs two hosts or more.", "Add a row for each machine.")
    if len({h.address for h in hosts}) != len(hosts):
        raise InputError("The same address is given twice.", "Give each machine once.")
    if hosts[0].cpu and all(h.cpu for h in hosts):
        raise InputError(
            "None of these machines has a GPU.",
            "llama.cpp's RPC backend is for joining GPUs; give the GPUs of at least one host.",
        )


def start_steps(
    target: Target,
    *,
    label: str,
    shape: ModelShape,
    repo: str,
    files: list[str],
    context: int,
    gpu_layers: int,
    api_key: str,
) -> tuple[ClusterPlan | None, list[Step]]:
    """The plan (for a cluster) and the commands that start the model on the target.

    For another machine the context and GPU layers are the wizard's estimate for it; for a
    cluster they come from the cluster plan, which also splits the layers.
    """
    download = download_command(repo, files)
    model_file = f"models/{files[0]}"
    if target.kind == "cluster":
        plan = plan_cluster(
            label,
            shape,
            list(target.hosts),
            min(context, shape.trained_context),
            link_gbps=target.link_gbps,
            rtt_ms=target.rtt_ms,
        )
        return plan, cluster_commands(plan, model_file, download=download, api_key=api_key)
    host = target.address or "0.0.0.0"  # no address given: listen on every interface
    steps = [
        Step(host, "get the model file", download, kind="download"),
        Step(
            host,
            "start llama-server",
            server_command(
                model_file,
                gpu_layers=gpu_layers,
                context=context,
                host=host,
                port=SERVER_PORT,
                api_key=api_key,
            ),
            kind="server",
        ),
    ]
    if target.address:
        command = endpoint_command(target.address, SERVER_PORT, api_key, "server")
        steps.append(Step("this computer", "use it from the app", command, kind="endpoint"))
    return None, steps
