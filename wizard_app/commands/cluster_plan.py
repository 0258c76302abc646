"""``model-wizard cluster-plan MODEL --host SPEC --host SPEC ...``: one model over several
machines with llama.cpp's RPC backend.

Each ``--host`` is ``COUNTxGiB@ADDRESS[:PORT][/GBs]`` (``cpu:GiB@ADDRESS`` for a machine
without GPUs); the first one is the main host, which runs llama-server. The plan shows
each device's layers and memory, whether it fits, the speed with its assumption, and the
exact commands to start it, with the warning that the RPC backend belongs on a trusted
network only.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path
from typing import Any

from wizard_app.commands._common import CliContext, add_json_flag, print_json
from wizard_app.commands._models import positive_int
from wizard_app.core.errors import InputError

ORDER = 64
GiB = 1024**3


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "cluster-plan",
        help="plan a model over several machines (llama.cpp RPC): split, speed, commands",
        description="Split a model over the devices of several machines joined by "
        "llama.cpp's RPC backend, as llama.cpp does, and print the commands that start it.",
    )
    p.add_argument(
        "model",
        nargs="?",
        help="a catalog id[:quant], an installed model id, or a .gguf file; without it, "
        "the recommender picks one for --use-case",
    )
    p.add_argument(
        "--use-case", default=None, metavar="NAME", help="recommend a model for this use"
    )
    p.add_argument("--language", default=None, metavar="CODE", help="with --use-case")
    p.add_argument(
        "--host",
        action="append",
        required=True,
        metavar="SPEC",
        help="COUNTxGiB@ADDRESS[:PORT][/GBs], e.g. 2x24@192.168.1.10/936; the first is the "
        "main host (repeat for each machine)",
    )
    p.add_argument(
        "--ctx",
        type=positive_int,
        default=None,
        metavar="N",
        help="default 8192 (or the model's trained context, if less), or the use case's",
    )
    p.add_argument("--port", type=positive_int, default=8080, metavar="N", help="llama-server's")
    p.add_argument(
        "--api-key", default="auto", metavar="KEY", help="llama-server's key (default: made up)"
    )
    p.add_argument("--link-gbps", type=float, default=1.0, metavar="G", help="default 1 Gbit/s")
    p.add_argument("--rtt-ms", type=float, default=0.5, metavar="MS", help="default 0.5 ms")
    add_json_flag(p)
    p.set_defaults(handler=run)


def _model(spec: str, ctx: CliContext, main: str) -> tuple[Any, str, str, str | None]:
    """(shape, label, the file llama-server loads, the download command or None)."""
    import shlex

    from wizard_app.core.fit import shape_from_variant

    path = Path(spec).expanduser()
    if path.is_file() or spec.lower().endswith(".gguf") or spec.isdigit():
        from wizard_app.commands._models import resolve_model
        from wizard_app.core.gguf.reader import shape_from_gguf

        found, _id, _name = resolve_model(spec, ctx)
        copy = f"scp {shlex.quote(str(found))} {main}:models/"
        return shape_from_gguf(found), found.name, f"models/{found.name}", copy
    cid, _, quant = spec.partition(":")
    entry = ctx.catalog.get(cid)
    variant = entry.variant
    quant = quant.upper() or (
        "Q4_K_M"
        if variant.artifact("Q4_K_M")
        else (variant.artifacts[0].quant if variant.artifacts else "")
    )
    artifact = variant.artifact(quant)
    if artifact is None:
        have = ", ".join(a.quant for a in variant.artifacts) or "none"
        raise InputError(f"{cid} has no {quant} file in the catalog.", f"Choose one of: {have}.")
    files = artifact.parts or ([artifact.file] if artifact.file else [])
    if not files:
        raise InputError(f"The catalog gives no file name for {cid}:{quant}.", "")
    from wizard_app.core.cluster.commands import download_command

    download = download_command(artifact.repo, list(files))
    return (
        shape_from_variant(variant, quant),
        f"{variant.name} {quant}",
        f"models/{files[0]}",
        download,
    )


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from wizard_app.core.cluster.commands import WARNING, cluster_commands
    from wizard_app.core.cluster.plan import parse_host, plan_cluster
    from wizard_app.core.serve.server import new_api_key

    hosts = [parse_host(text, i) for i, text in enumerate(args.host)]
    if len({h.address for h in hosts}) != len(hosts):
        raise InputError("The same address is given twice.", "Give each machine once.")
    if (args.model is None) == (args.use_case is None):
        raise InputError("Give either a MODEL to plan or --use-case to have one recommended.", "")
    chosen: dict[str, Any] | None = None
    if args.model is None:
        plan, chosen, model_spec = _recommended(args, ctx, hosts)
        shape, label, model_file, download = _model(model_spec, ctx, hosts[0].address)
    else:
        shape, label, model_file, download = _model(args.model, ctx, hosts[0].address)
        plan = plan_cluster(
            label,
            shape,
            hosts,
            args.ctx or min(8192, shape.trained_context),
            link_gbps=args.link_gbps,
            rtt_ms=args.rtt_ms,
        )
    key = new_api_key() if args.api_key == "auto" else args.api_key
    # a plan that does not fit gets no commands: they would start a server that fails
    steps = (
        cluster_commands(plan, model_file, download=download, api_key=key, server_port=args.port)
        if plan.fits
        else []
    )
    if args.json:
        print_json(
            {
                "ok": True,
                "recommended": chosen,
                **asdict(plan),
                "fits": plan.fits,
                "commands": [asdict(s) for s in steps],
                "warning": WARNING,
            }
        )
        return 0 if plan.fits else 1
    if chosen is not None:
        print(
            f"Recommended for these machines ({args.use_case}): {chosen['name']} "
            f"{chosen['quant']}, pick {chosen['rank']} of the recommender. "
            + " ".join(chosen["reasons"][:2])
        )
        print(f"({chosen['assumption']})\n")
    print(_text(plan, steps, WARNING))
    return 0 if plan.fits else 1


def _recommended(
    args: argparse.Namespace, ctx: CliContext, hosts: list[Any]
) -> tuple[Any, dict[str, Any], str]:
    """The first recommended model whose plan fits the machines."""
    from wizard_app.core.cluster.recommend import HARDWARE_ASSUMPTION, recommend_for_cluster
    from wizard_app.core.recommend.results import RecommendRequest

    request = RecommendRequest(use_case=args.use_case, language=args.language, context=args.ctx)
    request.check()
    found, picks = recommend_for_cluster(
        ctx.catalog, hosts, request, link_gbps=args.link_gbps, rtt_ms=args.rtt_ms
    )
    if found is None:
        names = ", ".join(f"{p.name} {p.artifact.quant}" for p in picks) or "none"
        raise InputError(
            f"No recommended model fits these machines (tried: {names}).",
            "Add a host or memory, or give a smaller --ctx.",
        )
    pick = found.pick
    chosen = {
        "id": pick.id,
        "name": pick.name,
        "quant": pick.artifact.quant,
        "rank": pick.rank,
        "reasons": list(pick.reasons),
        "assumption": HARDWARE_ASSUMPTION,
    }
    return found.plan, chosen, f"{pick.id}:{pick.artifact.quant}"


def _text(plan: Any, steps: list[Any], warning: str) -> str:
    lines = [
        f"{plan.model} at {plan.context:,} tokens of context over {len(plan.hosts)} host(s): "
        f"{plan.needed_bytes / GiB:.1f} GiB needed on the devices, "
        f"{plan.usable_bytes / GiB:.1f} GiB usable of {plan.total_memory_bytes / GiB:.1f} GiB.",
        f"{'device':<8} {'host':<18} {'layers':<10} {'weights+KV':>11} {'free':>8}  fits",
    ]
    for d in plan.devices:
        first, last = d.layers
        span = f"{first}-{last - 1}" if last > first else "-"
        if d.output_head:
            span += "+out"
        lines.append(
            f"{d.name:<8} {plan.hosts[d.host].address:<18} {span:<10} "
            f"{d.used_bytes / GiB:>9.1f} G {d.free_bytes / GiB:>6.1f} G  "
            f"{'yes' if d.fits else 'NO'}"
        )
    lines.append(
        f"the main host also keeps {plan.main_ram_bytes / GiB:.1f} GiB in RAM (embeddings)"
    )
    if plan.tokens_per_s:
        lines.append(
            f"speed: about {plan.tokens_per_s:.1f} tokens/s, slowest part {plan.bottleneck}; "
            f"the network adds {plan.network_seconds_per_token * 1000:.1f} ms a token"
        )
    lines.append(f"assumption: {plan.assumption}")
    lines.extend(f"note: {n}" for n in plan.notes)
    lines.append("")
    if not plan.fits:
        lines.append(
            f"{plan.model} does not fit these machines, so no start commands are given. "
            "Choose a smaller context (--ctx) or quant, or add a host."
        )
        return "\n".join(lines)
    for i, step in enumerate(steps, 1):
        lines.append(f"{i}. on {step.host}: {step.what}")
        lines.append(f"   {step.command}")
    lines.append("")
    lines.append(f"WARNING: {warning}")
    return "\n".join(lines)
