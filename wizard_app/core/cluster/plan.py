"""Plan one model over several machines joined by llama.cpp's RPC backend.

The first host is the main one: it runs ``llama-server`` with its own devices; every
other host runs ``rpc-server``, which exposes all its accelerators (or one CPU device)
(llama.cpp tools/rpc/README.md). What the plan follows from llama.cpp:

* Device order: RPC devices first, in ``--rpc`` order, then the main host's GPUs
  (src/llama.cpp: "add RPC servers at the front of the list to minimize network
  transfers"), so the last layers and the output head stay on the main host.
* Split: layers go to devices in proportion to their free memory. With every block and
  the output offloaded (``-ngl`` = blocks + 1) there are n + 1 slots, the output being
  the last; slot ``j`` goes to the first device whose cumulative share, in float32,
  exceeds ``j / (n + 1)`` (``llama_model::load_tensors``, llama-model.cpp: the
  ``upper_bound`` over the normalised splits; the README: "distributes model weights
  and the KV cache across all available devices in proportion to each device's
  available memory"). The KV cache of a layer lives with it. ``--tensor-split`` gives
  the shares instead; the printed command carries the plan's shares where they differ
  from the default (the devices' whole memory, as an idle device reports it).
* Free memory per device: its memory less ``fit.gpu_margin`` (1 GiB or 4 %, upstream's
  ``--fit`` margin) and a compute buffer of one micro-batch at the planned context; the
  main host also keeps the token embeddings and the process itself in its RAM.

Speed (stated with every plan): one sequence runs the devices in turn, so a token costs
each device's weight reads at its memory bandwidth (times the same efficiency the fit
estimate uses), summed - the slowest device weighs most - plus, for each remote host, one
network round trip and the hidden state (embedding x 4 bytes) sent and returned through
the main host, and the logits never cross the network. Bandwidths not given leave the
speed unknown rather than guessed. A main host without GPUs keeps no layers (they are all
offloaded to the RPC devices) and then receives the logits over the network.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from wizard_app.core.errors import InputError
from wizard_app.core.fit import (
    GPU_MARGIN_BYTES,
    GPU_MARGIN_SHARE,
    ModelShape,
    compute_buffer_bytes,
    gpu_efficiency,
    kv_cache_bytes,
    process_overhead_bytes,
)
from wizard_app.core.fit.split import assign_slots as fit_assign_slots
from wizard_app.core.hardware.profile import GiB

RPC_PORT = 50052  # rpc-server's default port (tools/rpc/README.md)
SERVER_PORT = 8080  # llama-server's default port
DEFAULT_LINK_GBPS = 1.0  # assumed: gigabit Ethernet
DEFAULT_RTT_MS = 0.5  # assumed: one switch on a local network

# COUNTxGIB or cpu:GIB, then @HOST[:PORT], then /BANDWIDTH_GBS; e.g. 2x24@10.0.0.2/936
_SPEC = re.compile(
    r"^(?:(?P<count>\d+)\s*x\s*)?(?P<cpu>cpu:)?(?P<gib>\d+(?:\.\d+)?)"
    r"(?:@(?P<host>[A-Za-z0-9_.\-]+|\[[0-9a-fA-F:]+\])(?::(?P<port>\d+))?)?"
    r"(?:/(?P<bw>\d+(?:\.\d+)?))?$"
)


@dataclass(frozen=True)
class HostSpec:
    address: str
    devices: int  # accelerators (or 1 CPU device)
    memory_bytes: int  # per device
    bandwidth_gbs: float | None = None  # per device, GB/s; None: not known
    cpu: bool = False
    port: int = RPC_PORT
    ram_bytes: int | None = None  # the machine's RAM, where given (the main host's matters)


def parse_host(text: str, index: int = 0) -> HostSpec:
    """``2x24@192.168.1.10`` (two 24 GiB GPUs), ``24@10.0.0.3:50053/936`` (936 GB/s),
    ``cpu:64@10.0.0.4`` (a machine without GPUs: 64 GiB of RAM for the model)."""
    m = _SPEC.match(text.strip().replace(" ", ""))
    if m is None:
        raise InputError(
            f"'{text}' does not describe a host.",
            "Write COUNTxGiB@ADDRESS[:PORT][/GBs], e.g. 2x24@192.168.1.10 or "
            "cpu:64@192.168.1.12 (memory in GiB per device, bandwidth in GB/s).",
        )
    count = int(m["count"] or 1)
    gib = float(m["gib"])
    port = int(m["port"] or RPC_PORT)
    if not 1 <= count <= 16 or not 0 < gib <= 4096 or not 0 < port < 65536:
        raise InputError(
            f"'{text}': {count} device(s) of {gib:g} GiB on port {port} is out of range.",
            "Give 1 to 16 devices of up to 4096 GiB each, and a port 1-65535.",
        )
    if m["cpu"] and count != 1:
        raise InputError(f"'{text}': rpc-server exposes one CPU device per host.", "")
    return HostSpec(
        address=(m["host"] or f"host{index + 1}").strip("[]"),
        devices=count,
        memory_bytes=int(gib * GiB),
        bandwidth_gbs=float(m["bw"]) if m["bw"] else None,
        cpu=bool(m["cpu"]),
        port=port,
    )


@dataclass(frozen=True)
class DevicePlan:
    host: int  # index in the hosts as given (0: the main host)
    name: str  # what llama.cpp calls it: RPC0.. for remote ones, CUDA0.. local
    memory_bytes: int
    free_bytes: int  # after the margin and its compute buffer
    layers: tuple[int, int]  # [first, last) block indices
    weights_bytes: int
    kv_bytes: int
    output_head: bool
    seconds_per_token: float | None

    @property
    def used_bytes(self) -> int:
        return self.weights_bytes + self.kv_bytes

    @property
    def fits(self) -> bool:
        return self.used_bytes <= self.free_bytes


@dataclass(frozen=True)
class ClusterPlan:
    model: str
    hosts: tuple[HostSpec, ...]
    context: int
    devices: tuple[DevicePlan, ...]
    total_memory_bytes: int
    usable_bytes: int  # summed free memory
    needed_bytes: int  # weights and KV cache on the devices
    main_ram_bytes: int  # the main host keeps the embeddings and the process in RAM
    tokens_per_s: float | None
    network_seconds_per_token: float
    bottleneck: str  # the device that costs the most time per token, "" if unknown
    assumption: str
    n_gpu_layers: int
    notes: tuple[str, ...] = field(default=())
    link_gbps: float = DEFAULT_LINK_GBPS  # the network the speed assumes
    rtt_ms: float = DEFAULT_RTT_MS

    @property
    def fits(self) -> bool:
        return all(d.fits for d in self.devices)

    @property
    def tensor_split(self) -> tuple[int, ...]:
        """``--tensor-split`` for this plan: the slots (blocks, and the output) per device
        in llama.cpp's device order; as shares they reproduce the plan's split exactly."""
        return tuple(d.layers[1] - d.layers[0] + d.output_head for d in self.devices)

    @property
    def default_split(self) -> bool:
        """llama.cpp's own split (by each idle device's memory) is the plan's."""
        slots = sum(self.tensor_split)
        planned = assign_slots(list(self.tensor_split), slots)
        return assign_slots([d.memory_bytes for d in self.devices], slots) == planned


def assign_slots(free: list[int], n_slots: int) -> list[int]:
    """llama.cpp's device for each offloaded slot (``core.fit.split``); InputError when
    no device has memory left."""
    if sum(free) <= 0:
        raise InputError("No device has memory left for the model.", "Add hosts or memory.")
    return fit_assign_slots(free, n_slots)


def split_layers(free: list[int], n_layers: int) -> list[int]:
    """Blocks per device in order, by free memory, with the output offloaded too."""
    devices = assign_slots(free, n_layers + 1)[:n_layers]
    return [devices.count(i) for i in range(len(free))]


def _layer_bytes(shape: ModelShape) -> list[int]:
    if shape.layer_bytes is not None and len(shape.layer_bytes) == shape.layers:
        return list(shape.layer_bytes)
    per = (shape.weights_bytes - shape.non_layer_bytes()) // max(1, shape.layers)
    return [per] * shape.layers


def _output_bytes(shape: ModelShape) -> int:
    return shape.output_bytes if shape.output_bytes is not None else shape.non_layer_bytes() // 2


def plan_cluster(
    model: str,
    shape: ModelShape,
    hosts: list[HostSpec],
    context: int,
    *,
    link_gbps: float = DEFAULT_LINK_GBPS,
    rtt_ms: float = DEFAULT_RTT_MS,
) -> ClusterPlan:
    _check(shape, hosts, context, link_gbps, rtt_ms)
    slots = _slots(hosts, compute_buffer_bytes(shape, context, flash_attention=False))
    devices = _place(shape, hosts, slots, context)
    network, logits_remote = _network(shape, devices, link_gbps, rtt_ms)
    speed, bottleneck = _speed(devices, hosts, network)
    main_ram = shape.non_layer_bytes() - _output_bytes(shape) + process_overhead_bytes(shape)
    hidden = shape.embedding * 4
    assumption = (
        f"One request at a time: each device reads its layers' weights at its bandwidth "
        f"x {gpu_efficiency(shape):.2f} and the devices run in turn; per token, each remote "
        f"host adds a {rtt_ms:g} ms round trip and the hidden state ({hidden:,} bytes) there "
        f"and back over a {link_gbps:g} Gbit/s link, through the main host"
        + ("; the logits come back over it too." if logits_remote else ".")
    )
    return ClusterPlan(
        model=model,
        hosts=tuple(hosts),
        context=context,
        devices=tuple(devices),
        total_memory_bytes=sum(h.memory_bytes * h.devices for h in hosts),
        usable_bytes=sum(d.free_bytes for d in devices),
        needed_bytes=sum(d.used_bytes for d in devices),
        main_ram_bytes=main_ram,
        tokens_per_s=speed,
        network_seconds_per_token=network,
        bottleneck=bottleneck,
        assumption=assumption,
        n_gpu_layers=shape.layers + 1,  # every block and the output head
        notes=tuple(_notes(devices, hosts, main_ram)),
        link_gbps=link_gbps,
        rtt_ms=rtt_ms,
    )


def _check(
    shape: ModelShape, hosts: list[HostSpec], context: int, link_gbps: float, rtt_ms: float
) -> None:
    if not hosts:
        raise InputError("A cluster plan needs at least one host.", "Give --host.")
    if not 64 <= context <= shape.trained_context:
        raise InputError(
            f"A context of {context:,} tokens does not suit this model "
            f"(trained for {shape.trained_context:,}).",
            "Give a context from 64 up to its trained context.",
        )
    if link_gbps <= 0 or rtt_ms < 0:
        raise InputError("The link speed must be above 0 and the round trip 0 or more.", "")
    if len(hosts) == 1 and hosts[0].cpu:
        raise InputError(
            "One machine without GPUs is not a cluster.",
            "Add the other hosts with --host, or use 'model-wizard fit' for one machine.",
        )


def _slots(hosts: list[HostSpec], compute: int) -> list[tuple[int, str, int, int]]:
    """(host, name, memory, free) per device, in llama.cpp's order: the RPC hosts' devices
    (hosts 1..), then the main host's own GPUs."""
    slots: list[tuple[int, str, int, int]] = []
    rpc_index = 0
    for h in [*range(1, len(hosts)), 0]:
        host = hosts[h]
        if h == 0 and host.cpu:  # offloaded layers go to GPUs; the main CPU keeps none
            continue
        for d in range(host.devices):
            if h == 0:
                name = f"GPU{d}"
            else:
                name, rpc_index = f"RPC{rpc_index}", rpc_index + 1
            margin = max(GPU_MARGIN_BYTES, int(GPU_MARGIN_SHARE * host.memory_bytes))
            free = max(0, host.memory_bytes - margin - compute)
            slots.append((h, name, host.memory_bytes, free))
    return slots


def _place(
    shape: ModelShape,
    hosts: list[HostSpec],
    slots: list[tuple[int, str, int, int]],
    context: int,
) -> list[DevicePlan]:
    """Each device's layers, memory and time per token (None: its bandwidth unknown)."""
    layers = _layer_bytes(shape)
    kv_per_layer = kv_cache_bytes(shape, context) // max(1, shape.layers)
    at = assign_slots([s[3] for s in slots], shape.layers + 1)
    counts = [at[: shape.layers].count(i) for i in range(len(slots))]
    eff = gpu_efficiency(shape)
    out_bytes = _output_bytes(shape)
    devices, start = [], 0
    for i, ((h, name, memory, free), count) in enumerate(zip(slots, counts, strict=True)):
        weights = sum(layers[start : start + count])
        # a mixture of experts reads only its active share of a block per token
        read = weights * shape.active_fraction
        head = i == at[shape.layers]
        if head:
            weights += out_bytes
            read += out_bytes
        bw = hosts[h].bandwidth_gbs
        seconds = read / (bw * 1e9 * eff) if bw else None
        kv = kv_per_layer * count
        devices.append(
            DevicePlan(h, name, memory, free, (start, start + count), weights, kv, head, seconds)
        )
        start += count
    return devices


def _network(
    shape: ModelShape, devices: list[DevicePlan], link_gbps: float, rtt_ms: float
) -> tuple[float, bool]:
    """Seconds a token spends on the network, and whether the logits cross it."""
    used_hosts = {d.host for d in devices if d.layers[1] > d.layers[0]} - {0}
    hidden = shape.embedding * 4
    network = len(used_hosts) * (rtt_ms / 1000 + 2 * hidden * 8 / (link_gbps * 1e9))
    head = next(d for d in devices if d.output_head)
    logits_remote = head.host != 0  # a main host without GPUs: the head is remote
    if logits_remote:
        network += (shape.vocab or 32000) * 4 * 8 / (link_gbps * 1e9)
    return network, logits_remote


def _speed(
    devices: list[DevicePlan], hosts: list[HostSpec], network: float
) -> tuple[float | None, str]:
    """Tokens per second and the slowest device, or (None, "") with a bandwidth unknown."""
    known = [d.seconds_per_token for d in devices if d.layers[1] > d.layers[0] or d.output_head]
    if not known or any(s is None for s in known):
        return None, ""
    total = sum(s for s in known if s is not None) + network
    slowest = max(devices, key=lambda d: d.seconds_per_token or 0.0)
    return 1.0 / total, f"{slowest.name} on {hosts[slowest.host].address}"


def _notes(devices: list[DevicePlan], hosts: list[HostSpec], main_ram: int) -> list[str]:
    notes = []
    ram = hosts[0].ram_bytes
    if ram is not None and main_ram > ram:
        notes.append(
            f"The main host keeps {main_ram / GiB:.1f} GiB in RAM (the token embeddings and "
            f"the process) and has {ram / GiB:.1f} GiB."
        )
    if not all(d.fits for d in devices):
        short = max(d.used_bytes - d.free_bytes for d in devices)
        notes.append(
            f"Does not fit: a device is {math.ceil(short / GiB * 10) / 10:g} GiB short. "
            "Choose a smaller context or quant, or add a host."
        )
    missing = [h.address for h in hosts if h.bandwidth_gbs is None]
    if missing:
        notes.append(
            "Speed unknown: no memory bandwidth given for "
            + ", ".join(missing)
            + " (add /GBs to the host, e.g. 24@10.0.0.2/936)."
        )
    return notes
