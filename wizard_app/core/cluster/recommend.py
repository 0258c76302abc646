"""Recommend a model for a server or a cluster: the recommender (``core.recommend``) ranks
the catalog for the machines described, and the first pick whose cluster plan fits is
the one to start.

The machines become one planned ``HardwareProfile`` for the recommender: every device a
GPU of vendor "other" with its memory (and bandwidth, when given), and the main host's
RAM taken as large as the devices together (a server is sized for its cards; the RAM is
not what limits a model that is offloaded whole). The split, the network and the
commands then come from ``plan_cluster``, which the recommender knows nothing about.
"""

from __future__ import annotations

from dataclasses import dataclass

from wizard_app.core.catalog import Catalog
from wizard_app.core.cluster.plan import ClusterPlan, HostSpec, plan_cluster
from wizard_app.core.fit import shape_from_variant
from wizard_app.core.hardware.profile import CpuInfo, GpuInfo, HardwareProfile
from wizard_app.core.recommend.engine import recommend
from wizard_app.core.recommend.results import Pick, RecommendRequest

HARDWARE_ASSUMPTION = (
    "The recommender saw the devices as one machine's GPUs (vendor unknown) and the main "
    "host's RAM as large as the devices together."
)


@dataclass(frozen=True)
class ClusterPick:
    pick: Pick
    plan: ClusterPlan
    tried: int  # picks looked at before this one fitted


def cluster_hardware(hosts: list[HostSpec]) -> HardwareProfile:
    gpus = [
        GpuInfo(
            vendor="other",
            name=f"{'CPU' if h.cpu else 'device'} {d} on {h.address}",
            memory_total_bytes=h.memory_bytes,
            memory_free_bytes=h.memory_bytes,
            bandwidth_gbs=h.bandwidth_gbs,
            source="cluster plan",
        )
        for i, h in enumerate(hosts)
        if not (i == 0 and h.cpu)  # a main host without GPUs keeps no layers
        for d in range(h.devices)
    ]
    ram = sum(h.memory_bytes * h.devices for h in hosts)
    return HardwareProfile(
        os="Linux",
        ram_total_bytes=ram,
        ram_available_bytes=ram,
        cpu=CpuInfo(),
        gpus=gpus,
        planned=True,
    )


def recommend_for_cluster(
    catalog: Catalog,
    hosts: list[HostSpec],
    request: RecommendRequest,
    *,
    link_gbps: float,
    rtt_ms: float,
) -> tuple[ClusterPick | None, list[Pick]]:
    """The first recommended pick that fits the cluster, and all the picks looked at."""
    rec = recommend(catalog, cluster_hardware(hosts), request)
    for n, pick in enumerate(rec.picks):
        variant = catalog.get(pick.id).variant
        shape = shape_from_variant(variant, pick.artifact.quant)
        context = min(rec.context, shape.trained_context)
        plan = plan_cluster(
            f"{pick.name} {pick.artifact.quant}",
            shape,
            hosts,
            context,
            link_gbps=link_gbps,
            rtt_ms=rtt_ms,
        )
        if plan.fits:
            return ClusterPick(pick, plan, n), rec.picks
    return None, rec.picks
