"""The cluster plan: hosts, llama.cpp's layer split, memory, speed and the commands for 2
and 3 hosts; and ``model-wizard cluster-plan``."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from tests.cli_helpers import cli
from wizard_app.core.cluster.commands import WARNING, cluster_commands
from wizard_app.core.cluster.plan import assign_slots, parse_host, plan_cluster, split_layers
from wizard_app.core.errors import InputError
from wizard_app.core.fit import ModelShape, kv_cache_bytes
from wizard_app.core.hardware.profile import GiB

LAYER = 400 * 1024**2  # a 70B-like model at 4-bit: 80 blocks of 400 MiB
OUTPUT = 600 * 1024**2
EMBED = 600 * 1024**2


def shape(layers: int = 80) -> ModelShape:
    return ModelShape(
        arch="llama",
        layers=layers,
        embedding=8192,
        heads=64,
        kv_heads=8,
        head_dim_k=128,
        head_dim_v=128,
        trained_context=131072,
        weights_bytes=layers * LAYER + OUTPUT + EMBED,
        vocab=128256,
        feed_forward=28672,
        layer_bytes=(LAYER,) * layers,
        output_bytes=OUTPUT,
        source="test",
    )


def test_host_specs() -> None:
    h = parse_host("2x24@192.168.1.10")
    assert (h.address, h.devices, h.memory_bytes, h.port, h.bandwidth_gbs, h.cpu) == (
        "192.168.1.10", 2, 24 * GiB, 50052, None, False,
    )  # fmt: skip
    h = parse_host("48@gpu-box:50060/936")
    assert (h.address, h.devices, h.port, h.bandwidth_gbs) == ("gpu-box", 1, 50060, 936.0)
    assert parse_host("cpu:64@10.0.0.4/80").cpu
    for bad in ("24GB@x", "0x24@x", "2x24@x:99999", "cpu:64", "2xcpu:64@x", ""):
        if bad == "cpu:64":
            assert parse_host(bad, 2).address == "host3"  # an address may be left out
            continue
        with pytest.raises(InputError):
            parse_host(bad)


@pytest.mark.parametrize(
    ("free", "layers", "expected"),
    [
        # 33 slots (32 blocks and the output): slot j to the first share above j/33
        ([24, 24], 32, [17, 15]),
        ([24, 8], 32, [25, 7]),
        ([10, 10, 10], 32, [11, 11, 10]),
        ([1, 1, 1, 1], 2, [1, 1, 0, 0]),  # and the output on the third device
    ],
)
def test_layers_are_split_by_free_memory_as_llama_cpp_does(
    free: list[int], layers: int, expected: list[int]
) -> None:
    """llama_model::load_tensors: -ngl = blocks + 1 offloads n + 1 slots, the output last,
    each to ``upper_bound(splits, j / (n + 1))`` over the float32 cumulative shares."""
    assert split_layers(free, layers) == expected
    assert (
        assign_slots(free, layers + 1)[:layers] == sorted(assign_slots(free, layers + 1))[:layers]
    )


def test_the_tensor_split_reproduces_the_plan() -> None:
    """Mixed cards: the plan's free memory (less margins and compute buffers) is not in the
    proportion of the cards' memory, so the command carries --tensor-split; equal cards
    need none."""
    mixed = plan_cluster("m", shape(), [parse_host("24@a/936"), parse_host("8@b/448")], 2048)
    split = list(mixed.tensor_split)
    assert sum(split) == 81
    assert not mixed.default_split
    assert assign_slots(split, 81) == assign_slots([d.free_bytes for d in mixed.devices], 81)
    assert [d.layers[1] - d.layers[0] for d in mixed.devices] == [split[0], split[1] - 1]
    same = plan_cluster("m", shape(), [parse_host("24@a/936"), parse_host("24@b/936")], 2048)
    assert same.default_split


def test_two_hosts() -> None:
    hosts = [parse_host("1x24@10.0.0.1/936"), parse_host("2x24@10.0.0.2/936")]
    plan = plan_cluster("Llama 70B Q4_K_M", shape(), hosts, 8192)
    # RPC devices first, in --rpc order, then the main host's own GPU (which keeps the head)
    assert [(d.name, d.host) for d in plan.devices] == [("RPC0", 1), ("RPC1", 1), ("GPU0", 0)]
    assert [d.layers for d in plan.devices] == [(0, 27), (27, 54), (54, 80)]
    assert [d.output_head for d in plan.devices] == [False, False, True]
    kv = kv_cache_bytes(shape(), 8192)
    assert plan.needed_bytes == 80 * LAYER + OUTPUT + kv // 80 * 80
    assert plan.devices[2].weights_bytes == 26 * LAYER + OUTPUT
    assert plan.fits
    assert plan.total_memory_bytes == 72 * GiB
    assert plan.usable_bytes < plan.total_memory_bytes - 3 * GiB  # margins, compute buffers
    assert plan.n_gpu_layers == 81
    # speed: the devices in turn, plus one round trip and the hidden state for the worker
    assert plan.tokens_per_s is not None
    network = 0.5e-3 + 2 * 8192 * 4 * 8 / 1e9
    assert plan.network_seconds_per_token == pytest.approx(network)
    reads = sum(d.seconds_per_token or 0 for d in plan.devices)
    assert plan.tokens_per_s == pytest.approx(1 / (reads + network))
    assert "round trip" in plan.assumption

    steps = cluster_commands(plan, "models/llama-70b.gguf", download="hf download x", api_key="K")
    assert [s.host for s in steps] == ["10.0.0.1", "10.0.0.2", "10.0.0.1", "this computer"]
    assert steps[1].command == "rpc-server -H 10.0.0.2 -p 50052 -c"
    assert shlex.split(steps[2].command) == [
        "llama-server", "-m", "models/llama-70b.gguf", "--rpc", "10.0.0.2:50052",
        "-ngl", "81", "-c", "8192", "--host", "10.0.0.1", "--port", "8080", "--api-key", "K",
    ]  # fmt: skip
    assert steps[3].command == (
        "model-wizard endpoints add cluster http://10.0.0.1:8080 --api-key K"
    )
    assert "trusted network" in WARNING


def test_three_hosts_one_without_gpus_and_a_slow_one() -> None:
    hosts = [
        parse_host("cpu:64@10.0.0.1/50"),
        parse_host("1x24@10.0.0.2:50060/936"),
        parse_host("1x12@10.0.0.3/288"),
    ]
    plan = plan_cluster("m", shape(), hosts, 4096)
    # the main host has no GPU: everything goes to the RPC devices, the head too
    assert [d.name for d in plan.devices] == ["RPC0", "RPC1"]
    assert sum(d.layers[1] - d.layers[0] for d in plan.devices) == 80
    assert plan.devices[-1].output_head
    assert "logits come back" in plan.assumption
    assert plan.bottleneck.startswith("RPC")
    assert not plan.fits  # 36 GiB of cards for 32+ GiB of weights, less the margins
    assert plan.notes
    assert "Does not fit" in plan.notes[0]
    steps = cluster_commands(plan, "models/m.gguf", api_key="K")
    assert [s.command.split()[0] for s in steps] == [
        "rpc-server", "rpc-server", "llama-server", "model-wizard",
    ]  # fmt: skip
    assert steps[0].command == "rpc-server -H 10.0.0.2 -p 50060 -c"
    assert "--rpc 10.0.0.2:50060,10.0.0.3:50052" in steps[2].command


def test_unknown_bandwidth_leaves_the_speed_unknown() -> None:
    plan = plan_cluster("m", shape(40), [parse_host("24@a"), parse_host("24@b")], 4096)
    assert plan.tokens_per_s is None
    assert any("Speed unknown" in n for n in plan.notes)


def test_bad_plans() -> None:
    with pytest.raises(InputError, match="not a cluster"):
        plan_cluster("m", shape(), [parse_host("cpu:64@a")], 4096)
    with pytest.raises(InputError, match="context"):
        plan_cluster("m", shape(), [parse_host("24@a")], 10)


def test_cluster_plan_cli(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tiny_llama: Path
) -> None:
    code, out, _ = cli(
        capsys, tmp_path, "cluster-plan", str(tiny_llama), "--host", "8@10.0.0.1/300",
        "--host", "2x8@10.0.0.2/300", "--ctx", "512", "--api-key", "secret", "--json",
    )  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert data["fits"] is True
    assert [d["name"] for d in data["devices"]] == ["RPC0", "RPC1", "GPU0"]
    commands = [c["command"] for c in data["commands"]]
    assert commands[0].startswith("scp ")
    assert "--api-key secret" in commands[2]
    assert "trusted network" in data["warning"]
    code, out, _ = cli(
        capsys, tmp_path, "cluster-plan", str(tiny_llama), "--host", "8@10.0.0.1",
        "--host", "8@10.0.0.2",
    )  # fmt: skip
    assert code == 0
    assert "rpc-server -H 10.0.0.2 -p 50052 -c" in out
    assert "WARNING" in out


def test_cluster_plan_cli_from_the_catalog(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from wizard_app.core.catalog import load_catalog

    entry = next(e for e in load_catalog() if e.variant.artifact("Q4_K_M"))
    code, out, _ = cli(
        capsys, tmp_path, "cluster-plan", f"{entry.variant.id}:Q4_K_M",
        "--host", "24@10.0.0.1/936", "--host", "24@10.0.0.2/936", "--json",
    )  # fmt: skip
    assert code in (0, 1)
    data = json.loads(out)
    assert data["commands"][0]["command"].startswith("hf download ")


def test_cluster_plan_cli_bad_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = cli(capsys, tmp_path, "cluster-plan", "x.gguf", "--host", "lots", "--json")
    assert code == 2
    assert json.loads(out)["code"] == "input"
    assert "does not describe a host" in err


def test_recommend_for_a_cluster(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The recommender ranks the catalog for the machines; the first pick that fits is
    planned, with its commands."""
    code, out, _ = cli(
        capsys, tmp_path, "cluster-plan", "--use-case", "coding",
        "--host", "24@10.0.0.1/936", "--host", "2x24@10.0.0.2/936", "--json",
    )  # fmt: skip
    assert code == 0
    data = json.loads(out)
    chosen = data["recommended"]
    assert chosen["rank"] >= 1
    assert data["model"] == f"{chosen['name']} {chosen['quant']}"
    assert data["fits"] is True
    assert data["commands"][0]["command"].startswith("hf download ")
    assert "--rpc 10.0.0.2:50052" in data["commands"][2]["command"]
    one, two = (
        cli(capsys, tmp_path, "cluster-plan", "--host", "24@a", "--host", "24@b", "--json"),
        cli(capsys, tmp_path, "cluster-plan", "x.gguf", "--use-case", "chat", "--host", "24@a"),
    )
    assert one[0] == two[0] == 2
    assert "either a MODEL" in one[2]


def test_a_mixture_of_experts_reads_only_its_active_share() -> None:
    from dataclasses import replace

    hosts = [parse_host("24@a/936"), parse_host("24@b/936")]
    dense = plan_cluster("m", shape(40), hosts, 4096)
    sparse = plan_cluster("m", replace(shape(40), active_fraction=0.1), hosts, 4096)
    assert sparse.needed_bytes == dense.needed_bytes  # all experts are in memory
    assert sparse.tokens_per_s is not None
    assert dense.tokens_per_s is not None
    assert sparse.tokens_per_s > 3 * dense.tokens_per_s


def test_mixed_cards_print_the_plans_tensor_split() -> None:
    hosts = [parse_host("24@10.0.0.1/936"), parse_host("8@10.0.0.2/448")]
    plan = plan_cluster("m", shape(), hosts, 2048)
    server = next(s for s in cluster_commands(plan, "m.gguf", api_key="K") if s.kind == "server")
    words = shlex.split(server.command)
    split = words[words.index("--tensor-split") + 1]
    assert split == ",".join(str(n) for n in plan.tensor_split)
    assert words[words.index("--rpc") + 1] == "10.0.0.2:50052"  # RPC0 is the first share
    same = plan_cluster("m", shape(), [hosts[0], parse_host("24@10.0.0.2/936")], 2048)
    assert all("--tensor-split" not in s.command for s in cluster_commands(same, "m", api_key="K"))


def test_the_hardware_steps_host_table() -> None:
    from wizard_app.core.cluster.target import Target, host_from_row, start_steps

    main = host_from_row(0, "10.0.0.1", 64, 1, 24, "RTX 4090")
    assert (main.devices, main.memory_bytes, main.cpu, main.ram_bytes) == (
        1, 24 * GiB, False, 64 * GiB,
    )  # fmt: skip
    assert main.bandwidth_gbs is not None
    assert main.bandwidth_gbs > 900  # the table's figure for the card
    worker = host_from_row(1, "10.0.0.2", 128, 0, 0, "80")
    assert (worker.cpu, worker.memory_bytes, worker.bandwidth_gbs) == (True, 128 * GiB, 80.0)
    for bad in (("", 64, 1, 24, ""), ("10.0.0.3", 0, 1, 24, ""), ("x", 8, 1, 0, ""),
                ("x", 8, 1, 8, "no such card 9000")):  # fmt: skip
        with pytest.raises(InputError):
            host_from_row(2, *bad)
    target = Target("cluster", (main, worker))
    plan, steps = start_steps(
        target, label="m", shape=shape(), repo="org/m-GGUF", files=["m-Q4_K_M.gguf"],
        context=4096, gpu_layers=0, api_key="K",
    )  # fmt: skip
    assert plan is not None
    assert [s.kind for s in steps] == ["download", "rpc", "server", "endpoint"]
    assert steps[0].command == "hf download org/m-GGUF m-Q4_K_M.gguf --local-dir models"
    assert "-m models/m-Q4_K_M.gguf --rpc 10.0.0.2:50052" in steps[2].command
    plan, steps = start_steps(
        Target("other", address="gpu-box"), label="m", shape=shape(), repo="org/m-GGUF",
        files=["m.gguf"], context=8192, gpu_layers=41, api_key="K",
    )  # fmt: skip
    assert plan is None
    assert shlex.split(steps[1].command) == [
        "llama-server", "-m", "models/m.gguf", "-ngl", "41", "-c", "8192",
        "--host", "gpu-box", "--port", "8080", "--api-key", "K",
    ]  # fmt: skip
    assert steps[2].command == "model-wizard endpoints add server http://gpu-box:8080 --api-key K"


def test_the_main_hosts_ram_is_checked() -> None:
    from wizard_app.core.cluster.target import host_from_row

    hosts = [host_from_row(0, "a", 0.5, 1, 24, "936"), host_from_row(1, "b", 64, 2, 24, "936")]
    plan = plan_cluster("m", shape(), hosts, 4096)
    assert any("keeps" in n and "RAM" in n for n in plan.notes)


def test_another_machine_with_two_cards_gets_the_fits_split() -> None:
    from wizard_app.core.cluster.target import Target, machine_target, start_steps

    _, steps = start_steps(
        Target("other"), label="m", shape=shape(), repo="org/m", files=["m.gguf"],
        context=4096, gpu_layers=60, api_key="K", tensor_split=(40, 20),
    )  # fmt: skip
    words = shlex.split(steps[1].command)
    assert words[words.index("--tensor-split") + 1] == "40,20"
    assert words[words.index("--host") + 1] == "0.0.0.0"  # no address given
    assert [s.kind for s in steps] == ["download", "server"]  # no endpoint without an address
    with pytest.raises(InputError):
        machine_target("not an address!")
    assert machine_target(" [fe80::1] ").address == "fe80::1"
    from wizard_app.core.cluster.commands import endpoint_command

    assert "http://[fe80::1]:8080" in endpoint_command("fe80::1", 8080, "K", "server")


def test_a_plan_that_does_not_fit_says_so_and_gives_no_commands(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    hosts = ("--host", "8@10.0.0.1", "--host", "8@10.0.0.2")
    args = ("cluster-plan", "llama-3.3-70b-instruct", *hosts)
    code, out, _ = cli(capsys, tmp_path, *args)
    assert code == 1
    assert "does not fit these machines, so no start commands are given" in out
    assert "rpc-server" not in out
    assert "llama-server" not in out
    code, out, _ = cli(capsys, tmp_path, *args, "--json")
    assert code == 1
    data = json.loads(out)
    assert data["fits"] is False
    assert data["commands"] == []
