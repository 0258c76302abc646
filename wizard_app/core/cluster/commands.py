"""The commands that start a cluster plan, host by host, and the warning that goes with
them. Flags as llama.cpp documents them: ``rpc-server -H HOST -p PORT -c`` (tools/rpc/
README.md; ``-c`` keeps a local cache of large tensors so a restart does not resend
them) and ``llama-server -m FILE --rpc HOST:PORT,... -ngl N -c CTX --host H --port P
--api-key KEY`` (``--rpc``: "comma separated list of RPC servers (host:port)";
``--tensor-split``: "fraction of the model to offload to each GPU, comma-separated list
of proportions", in llama.cpp's device order, RPC devices first).
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass

from wizard_app.core.cluster.plan import SERVER_PORT, ClusterPlan

WARNING = (
    "llama.cpp's RPC backend is a proof of concept and insecure: rpc-server accepts any "
    "connection and runs what it is sent, with no authentication. Run it only on a trusted "
    "network, never on an address reachable from the internet; the API key protects "
    "llama-server only."
)


@dataclass(frozen=True)
class Step:
    host: str  # where to type it
    what: str
    command: str
    kind: str = ""  # download, rpc, server, endpoint: what the desktop app names it by


def endpoint_command(address: str, port: int, api_key: str, name: str) -> str:
    """This app's CLI adding the started server as a named endpoint."""
    host = f"[{address}]" if ":" in address else address  # an IPv6 address
    url = f"http://{host}:{port}"
    return shlex.join(["model-wizard", "endpoints", "add", name, url, "--api-key", api_key])


def download_command(repo: str, files: list[str], folder: str = "models") -> str:
    """The Hugging Face CLI's download of a model's files into ``folder``."""
    return shlex.join(["hf", "download", repo, *files, "--local-dir", folder])


def server_command(
    model_file: str,
    *,
    gpu_layers: int,
    context: int,
    host: str,
    port: int,
    api_key: str,
    rpc: list[str] | tuple[str, ...] = (),
    tensor_split: tuple[int, ...] | None = None,
) -> str:
    """``llama-server`` with the plan's context, GPU layers and key (and RPC devices)."""
    words = ["llama-server", "-m", model_file]
    if rpc:
        words += ["--rpc", ",".join(rpc)]
    words += ["-ngl", str(gpu_layers), "-c", str(context)]
    if tensor_split and len(tensor_split) > 1:
        words += ["--tensor-split", ",".join(str(n) for n in tensor_split)]
    words += ["--host", host, "--port", str(port), "--api-key", api_key]
    return shlex.join(words)


def cluster_commands(
    plan: ClusterPlan,
    model_file: str,
    *,
    download: str | None = None,
    api_key: str,
    server_port: int = SERVER_PORT,
    endpoint_name: str = "cluster",
) -> list[Step]:
    main = plan.hosts[0].address
    steps: list[Step] = []
    if download:
        steps.append(
            Step(main, "get the model file (only the main host needs it)", download, "download")
        )
    rpc = []
    for host in plan.hosts[1:]:
        steps.append(
            Step(
                host.address,
                "start rpc-server (llama.cpp built with -DGGML_RPC=ON), listening on this "
                "host's own address only",
                f"rpc-server -H {host.address} -p {host.port} -c",
                "rpc",
            )
        )
        rpc.append(f"{host.address}:{host.port}")
    split = None if plan.default_split else plan.tensor_split
    server = server_command(
        model_file,
        gpu_layers=plan.n_gpu_layers,
        context=plan.context,
        host=main,
        port=server_port,
        api_key=api_key,
        rpc=rpc,
        tensor_split=split,
    )
    steps.append(Step(main, "start llama-server with the remote devices", server, "server"))
    steps.append(
        Step(
            "this computer",
            "use it from the app (Try it, Compare) and the CLI",
            endpoint_command(main, server_port, api_key, endpoint_name),
            "endpoint",
        )
    )
    return steps
