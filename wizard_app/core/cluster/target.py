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


def _number(text: str | float, host: int) -> float:
    if isinstance(text, int | float):
        return float(text)
    try:
        return float(text.strip().replace(",", ".") or "0")
    except ValueError:
        raise InputError.from_code("cluster.host.number", host=host, text=text) from None


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
            raise InputError.from_code("cluster.bandwidth.unknown", name=text) from None
        return row.bandwidth_gbs
    if not 1 <= value <= 50_000:
        raise InputError.from_code("cluster.bandwidth.range", value=f"{value:g}")
    return value


def host_from_row(
    index: int,
    address: str,
    ram_gib: str | float,
    gpus: str | int,
    vram_gib: str | float,
    speed: str,
) -> HostSpec:
    """One row of the hardware step's host table (figures as typed, or numbers); ``gpus``
    0: a machine without GPUs, whose RAM holds its share of the model."""
    host = index + 1
    address = address.strip()
    if not _ADDRESS.match(address):
        raise InputError.from_code("cluster.host.address", host=host, address=address)
    ram, vram, count = (_number(x, host) for x in (ram_gib, vram_gib, gpus))
    if not 0.25 <= ram <= 16384:
        raise InputError.from_code("cluster.host.ram", host=host, value=f"{ram:g}")
    if count != int(count) or not 0 <= count <= 16:
        raise InputError.from_code("cluster.host.gpus", host=host, value=f"{count:g}")
    if count and not 0 < vram <= 4096:
        raise InputError.from_code("cluster.host.vram", host=host, value=f"{vram:g}")
    bandwidth = bandwidth_from_text(speed)
    return HostSpec(
        address=address.strip("[]"),
        devices=int(count) or 1,
        memory_bytes=int((vram if count else ram) * GiB),
        bandwidth_gbs=bandwidth,
        cpu=not count,
        port=RPC_PORT,
        ram_bytes=int(ram * GiB),
    )


def machine_target(address: str) -> Target:
    """Another machine, at ``address`` ("" when not given: its commands listen everywhere)."""
    address = address.strip()
    if address and not _ADDRESS.match(address):
        raise InputError.from_code("cluster.host.address", host=1, address=address)
    return Target("other", address=address.strip("[]"))


def check_hosts(hosts: list[HostSpec]) -> None:
    """What a cluster needs beyond each host being right."""
    if len(hosts) < 2:
        raise InputError.from_code("cluster.hosts.few")
    seen: set[str] = set()
    for h in hosts:
        if h.address in seen:
            raise InputError.from_code("cluster.hosts.twice", address=h.address)
        seen.add(h.address)
    if all(h.cpu for h in hosts):
        raise InputError.from_code("cluster.hosts.no_gpu")


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
    tensor_split: tuple[int, ...] = (),
) -> tuple[ClusterPlan | None, list[Step]]:
    """The plan (for a cluster) and the commands that start the model on the target.

    For another machine the context, GPU layers and (several GPUs) layers per GPU are the
    wizard's estimate for it; for a cluster they come from the cluster plan.
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
                tensor_split=tensor_split,
            ),
            kind="server",
        ),
    ]
    if target.address:
        command = endpoint_command(target.address, SERVER_PORT, api_key, "server")
        steps.append(Step("this computer", "use it from the app", command, kind="endpoint"))
    return None, steps
