"""Coded messages of the machines a model is planned for: the hardware step's host table
and the cluster it describes (core/cluster/target)."""

from __future__ import annotations

from wizard_app.core.translatable import QT_TRANSLATE_NOOP

CLUSTER: dict[str, tuple[str, str]] = {
    "cluster.host.address": (
        QT_TRANSLATE_NOOP("Error", "Host {host}: '{address}' is not a host name or IP address."),
        QT_TRANSLATE_NOOP(
            "Error", "Give the address the other hosts reach it at, e.g. 192.168.1.10."
        ),
    ),
    "cluster.host.number": (
        QT_TRANSLATE_NOOP("Error", "Host {host}: '{text}' is not a number."),
        QT_TRANSLATE_NOOP("Error", "Write the figure in digits, e.g. 24 or 12.5."),
    ),
    "cluster.host.ram": (
        QT_TRANSLATE_NOOP("Error", "Host {host}: {value} GiB of RAM is out of range."),
        QT_TRANSLATE_NOOP("Error", "Give 0.25 to 16,384 GiB."),
    ),
    "cluster.host.gpus": (
        QT_TRANSLATE_NOOP("Error", "Host {host}: {value} GPUs is out of range."),
        QT_TRANSLATE_NOOP("Error", "Give 0 to 16 GPUs (0 for a machine without one)."),
    ),
    "cluster.host.vram": (
        QT_TRANSLATE_NOOP("Error", "Host {host}: {value} GiB per GPU is out of range."),
        QT_TRANSLATE_NOOP("Error", "Give the memory of each GPU, up to 4,096 GiB."),
    ),
    "cluster.bandwidth.unknown": (
        QT_TRANSLATE_NOOP("Error", "'{name}' is not in the bandwidth table."),
        QT_TRANSLATE_NOOP(
            "Error", "Give the memory bandwidth in GB/s (e.g. 936), or leave it empty."
        ),
    ),
    "cluster.bandwidth.range": (
        QT_TRANSLATE_NOOP("Error", "{value} GB/s is out of range."),
        QT_TRANSLATE_NOOP("Error", "Give 1 to 50,000 GB/s."),
    ),
    "cluster.hosts.few": (
        QT_TRANSLATE_NOOP("Error", "A cluster needs two hosts or more."),
        QT_TRANSLATE_NOOP("Error", "Add a row for each machine."),
    ),
    "cluster.hosts.twice": (
        QT_TRANSLATE_NOOP("Error", "The address {address} is given twice."),
        QT_TRANSLATE_NOOP("Error", "Give each machine once."),
    ),
    "cluster.hosts.no_gpu": (
        QT_TRANSLATE_NOOP("Error", "None of these machines has a GPU."),
        QT_TRANSLATE_NOOP(
            "Error",
            "llama.cpp's RPC backend joins GPUs: give the GPUs of at least one host.",
        ),
    ),
}
