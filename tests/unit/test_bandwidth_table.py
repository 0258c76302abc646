"""The GPU and Apple chip bandwidth table: sourced, dated, and matched by the exact model."""

from __future__ import annotations

from datetime import date

import pytest

from wizard_app.core.hardware.bandwidth import (
    default_bandwidth_table,
    lookup_bandwidth,
    name_tokens,
)


def test_every_row_is_sourced_dated_and_unique() -> None:
    table = default_bandwidth_table()
    assert table.as_of <= date.today()
    keys = [(name_tokens(r.match)[0], r.memory_gb, r.cpu_cores) for r in table.gpus]
    assert len(keys) == len(set(keys))
    assert all(r.source.startswith("https://") for r in table.gpus)


@pytest.mark.parametrize(
    "family",
    [
        ("rtx", "20"), ("rtx", "30"), ("rtx", "40"), ("rtx", "50"), ("rtx", "a"),
        ("rx", "6"), ("rx", "7"), ("rx", "9"), ("arc", ""),
    ],
)  # fmt: skip
def test_each_family_has_rows(family: tuple[str, str]) -> None:
    word, prefix = family
    rows = [name_tokens(r.match)[0] for r in default_bandwidth_table().gpus]
    assert any(t[0] == word and t[1].startswith(prefix) for t in rows)


def test_every_apple_generation_and_tier_is_there() -> None:
    rows = {name_tokens(r.match)[0] for r in default_bandwidth_table().gpus}
    for gen in ("m1", "m2", "m3", "m4"):
        for tier in ((), ("pro",), ("max",)):
            assert (gen, *tier) in rows
    assert {("m1", "ultra"), ("m2", "ultra"), ("m3", "ultra")} <= rows


@pytest.mark.parametrize(
    ("name", "cores", "gbs"),
    [
        ("NVIDIA GeForce RTX 4090", None, 1008),
        ("NVIDIA GeForce RTX 4060", None, 272),
        ("NVIDIA GeForce RTX 4060 Ti", None, 288),
        ("NVIDIA GeForce RTX 3060 8GB", None, 240),
        ("NVIDIA GeForce RTX 3060", None, 360),
        ("AMD Radeon RX 7900 XTX", None, 960),
        ("Intel(R) Arc(TM) B580 Graphics", None, 456),
        ("Apple M3 Max", 14, 300),
        ("Apple M3 Max", 16, 400),
        ("Apple M3 Max", None, 300),  # the lower bin when the core count is unknown
        ("NVIDIA GeForce RTX 3080 Ti", None, 912),
        ("NVIDIA RTX 4000 Ada Generation", None, 360),
        ("NVIDIA A100 80GB PCIe", None, 1940),
        ("AMD Radeon RX 6800 XT", None, 512),
        ("Intel(R) Arc(TM) A770 Graphics", None, 560),
    ],
)
def test_names_find_their_rows(name: str, cores: int | None, gbs: float) -> None:
    row = lookup_bandwidth(name, cpu_cores=cores)
    assert row is not None
    assert row.bandwidth_gbs == gbs


@pytest.mark.parametrize(
    "name",
    [
        "NVIDIA GeForce RTX 3070 Laptop GPU",
        "NVIDIA GeForce RTX 3050 6GB",
        "Nvidia GPU (planned)",
        "AMD Radeon RX 7900M",
        "",
    ],
)
def test_other_names_get_no_figure_rather_than_a_wrong_one(name: str) -> None:
    assert lookup_bandwidth(name) is None


@pytest.mark.parametrize(
    ("name", "gbs"),
    [
        ("NVIDIA GeForce RTX 4090 Laptop GPU", 576),
        ("NVIDIA GeForce RTX 4090", 1008),
        ("NVIDIA GeForce RTX 4070 Laptop GPU", 256),
        ("NVIDIA GeForce RTX 4070", 504),
        ("NVIDIA GeForce RTX 4080 Laptop GPU", 432),
        ("NVIDIA GeForce RTX 3060 Laptop GPU", 336),
        ("NVIDIA GeForce RTX 3060", 360),
        ("AMD Radeon RX 9070", 640),
        ("AMD Radeon RX 9060 XT", 320),
        ("Intel(R) Arc(TM) B570 Graphics", 380),
        ("NVIDIA GeForce RTX 5060", 448),
        ("NVIDIA GeForce RTX 5060 Ti", 448),
        ("NVIDIA GeForce RTX 2060 SUPER", 448),
        ("NVIDIA GeForce RTX 2060", 336),
        ("NVIDIA GeForce RTX 2070", 448),
        ("NVIDIA GeForce RTX 3050", 224),
    ],
)
def test_a_laptop_gpu_never_gets_the_desktop_card_of_its_number(name: str, gbs: float) -> None:
    row = lookup_bandwidth(name)
    assert row is not None
    assert row.bandwidth_gbs == gbs


def test_a_compute_figure_needs_its_own_source() -> None:
    from pydantic import ValidationError

    from wizard_app.core.hardware.bandwidth import BandwidthRow

    row = {"match": "rtx 9999", "vendor": "nvidia", "bandwidth_gbs": 1, "source": "https://x"}
    with pytest.raises(ValidationError, match="compute_source"):
        BandwidthRow.model_validate({**row, "fp16_tflops": 100})
    assert (
        BandwidthRow.model_validate(
            {**row, "fp16_tflops": 100, "compute_source": "https://y"}
        ).fp16_tflops
        == 100
    )


@pytest.mark.parametrize(
    ("name", "gbs"),
    [
        ("Intel DG2 [Arc A770]", 560),
        ("NVIDIA AD102 [GeForce RTX 4090]", 1008),
        # two models, one figure: the figure is known whichever card it is
        ("AMD Navi 21 [Radeon RX 6800 XT / 6900 XT]", 512),
        # two models, two figures, or a model the table lacks: no figure, not a guess
        ("AMD Navi 31 [Radeon RX 7900 XT/7900 XTX]", None),
        ("AMD Navi 48 [Radeon RX 9070/9070 XT/9070 GRE]", None),
        ("NVIDIA GA104M [GeForce RTX 3070 Mobile / Max-Q]", None),
    ],
)
def test_a_pci_ids_name_is_looked_up_by_the_models_in_its_brackets(
    name: str, gbs: float | None
) -> None:
    row = lookup_bandwidth(name)
    assert (row.bandwidth_gbs if row else None) == gbs


def test_the_models_of_a_pci_ids_name_are_written_out_whole() -> None:
    from wizard_app.core.hardware.bandwidth import pci_models

    assert pci_models("Navi 21 [Radeon RX 6800/6800 XT / 6900 XT]") == [
        "Radeon RX 6800",
        "Radeon RX 6800 XT",
        "Radeon RX 6900 XT",
    ]
    assert pci_models("NVIDIA GeForce RTX 4090") == []
