"""The commands that start a cluster plan, host by host, and the warning that goes with
them. Flags as llama.cpp documents them: ``rpc-server -H HOST -p PORT -c`` (tools/rpc/
README.md; ``-c`` keeps a local cache of large tensors so a restart does not resend
them) and ``llama-server -m FILE --rpc HOST:PORT,... -ngl N -c CTX --host H --port P
--api-key KEY`` (``--rpc``: "comma separated list of RPC servers (host:port)").
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
        steps.append(Step(main, "get the model file (only the main host needs it)", download))
    rpc = []
    for host in plan.hosts[1:]:
        steps.append(
            Step(
                host.address,
                "start rpc-server (llama.cpp built with -DGGML_RPC=ON), listening on this "
                "host's own address only",
                f"rpc-server -H {host.address} -p {host.port} -c",
            )
        )
        rpc.append(f"{host.address}:{host.port}")
    server = [
        "llama-server",
        "-m", model_file,
        "--rpc", ",".join(rpc),
        "-ngl", str(plan.n_gpu_layers),
        "-c", str(plan.context),
        "--host", main,
        "--port", str(server_port),
        "--api-key", api_key,
    ]  # fmt: skip
    if not rpc:
        del server[3:5]
    steps.append(Step(main, "start llama-server with the remote devices", shlex.join(server)))
    steps.append(
        Step(
            "this computer",
            "use it from the app (Try it, Compare) and the CLI",
            shlex.join(
                [
                    "model-wizard",
                    "endpoints",
                    "add",
                    endpoint_name,
                    f"http://{main}:{server_port}",
                    "--api-key",
                    api_key,
                ]
            ),
        )
    )
    return steps
