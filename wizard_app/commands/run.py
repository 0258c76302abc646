"""``model-wizard run MODEL --prompt TEXT``: try a local model and measure it.

MODEL is a .gguf file or the id of an installed model (``model-wizard library``); with
``--endpoint NAME --model ID`` the prompt goes to a model on a server instead
(``model-wizard endpoints``), measured on this side of the network. The
generated text streams to stdout; the measurements (and predicted against measured) go to
stderr, or with ``--json`` to stdout as one JSON object on the last line. Every run is
stored, so later estimates on this machine are corrected by what was measured.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from wizard_app.commands._common import CliContext, add_json_flag
from wizard_app.commands._models import gpu_layers_option, positive_int, resolve_model
from wizard_app.core.errors import InputError

if TYPE_CHECKING:
    pass

ORDER = 60


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "run",
        help="run a prompt on a local GGUF model (or a server's) and measure speed and memory",
        description="Load a local model in a separate process, stream its answer to "
        "stdout and measure load time, time to first token, tokens/s and peak memory. "
        "With --endpoint, ask a model on an OpenAI-compatible server instead.",
    )
    p.add_argument(
        "model",
        nargs="?",
        help="a .gguf file, or an installed model id (model-wizard library)",
    )
    p.add_argument(
        "--endpoint", default=None, metavar="NAME", help="a server from 'model-wizard endpoints'"
    )
    p.add_argument(
        "--model", dest="remote_model", default=None, metavar="ID", help="with --endpoint"
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=60.0,
        metavar="S",
        help="with --endpoint: give up after S seconds of silence (default 60)",
    )
    p.add_argument("--prompt", required=True, help="what to ask")
    p.add_argument("--system", default=None, help="system prompt")
    p.add_argument("--max-tokens", type=positive_int, default=256, metavar="N")
    p.add_argument("--ctx", type=positive_int, default=None, metavar="N", help="context length")
    p.add_argument("--threads", type=positive_int, default=None, metavar="N")
    p.add_argument(
        "--gpu-layers", default="auto", metavar="N|auto", help="layers on the GPU (default auto)"
    )
    p.add_argument("--temperature", type=float, default=0.8, metavar="F")
    p.add_argument("--seed", type=int, default=None, metavar="N")
    p.add_argument(
        "--plain", action="store_true", help="send the prompt as is, without the chat template"
    )
    add_json_flag(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from wizard_app import __version__
    from wizard_app.core.hardware.probe import detect
    from wizard_app.core.runtime.calibration import corrected, machine_fingerprint
    from wizard_app.core.runtime.machine_profile import attach
    from wizard_app.core.runtime.records import measurements, run_fields
    from wizard_app.core.runtime.trial import TrialSettings
    from wizard_app.core.storage.run_tables import RunRepository

    gpu_layers = gpu_layers_option(args.gpu_layers)
    if not 0.0 <= args.temperature <= 5.0:
        raise InputError(f"--temperature {args.temperature:g} is out of range.", "Give 0 to 5.")
    if args.endpoint is not None:
        return run_remote(args, ctx)
    if args.remote_model is not None or args.model is None:
        raise InputError(
            "Give a model to run: a .gguf file or an installed model id.",
            "--model ID is for a model on a server, with --endpoint NAME.",
        )
    path, model_id, name = resolve_model(args.model, ctx)
    hw = attach(detect(ctx.models_dir), ctx.paths.cache)
    machine = machine_fingerprint(hw)
    runs = RunRepository(ctx.db)
    settings = TrialSettings(
        path=path,
        prompt=args.prompt,
        system=args.system,
        chat=not args.plain,
        max_tokens=args.max_tokens,
        n_ctx=args.ctx,
        n_threads=args.threads,
        gpu_layers=gpu_layers,
        temperature=args.temperature,
        seed=args.seed,
    )
    result, planned = _stream(args, ctx, settings, hw)
    if result is None or planned is None:  # only a cancel ends without a result
        return 130
    before = measurements(runs, machine)
    fixed = corrected(planned.plan.estimate, before)
    run_id = runs.add_run(
        run_fields(
            result, machine_id=machine, app_version=__version__, model_id=model_id, model_name=name
        )
    )
    report = _report(result, fixed.cpu_bytes, fixed.based_on, fixed.tokens_per_s, run_id)
    if args.json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False) + "\n")
    else:
        print(_summary(report), file=sys.stderr)
    return 0


def _stream(args: argparse.Namespace, ctx: CliContext, settings: Any, hw: Any) -> tuple[Any, Any]:
    """Run the trial, writing the answer as it comes (stderr gets the notes); returns
    its (TrialResult, Planned), either None when it was cancelled."""
    from wizard_app.core.runtime import protocol as p
    from wizard_app.core.runtime.client import RuntimeClient
    from wizard_app.core.runtime.cpu_policy import SafetyMemory
    from wizard_app.core.runtime.trial import Planned, TrialResult, trial_run

    # With --json stdout carries one JSON object only; the answer is in its "output".
    out = io.StringIO() if args.json else sys.stdout
    result: TrialResult | None = None
    planned: Planned | None = None
    with RuntimeClient(safety=SafetyMemory(ctx.paths.runtime_safety)) as client:
        for event in trial_run(client, settings, hw):
            if isinstance(event, p.Token):
                out.write(event.text)
                out.flush()
            elif isinstance(event, Planned):
                planned = event
                if not args.json:
                    for note in event.plan.notes:
                        print(f"note: {note}", file=sys.stderr)
            elif isinstance(event, p.Loaded) and not args.json:
                for note in event.info.notes:
                    print(f"note: {note}", file=sys.stderr)
            elif isinstance(event, p.Done):
                out.write(event.tail)
            elif isinstance(event, TrialResult):
                result = event
    if result is not None:
        out.write("\n")
    return result, planned


def _report(
    result: Any, corrected_rss: int, based_on: int, corrected_tps: float | None, run_id: int
) -> dict[str, Any]:
    m = result.metrics
    return {
        **asdict(m),
        "run_id": run_id,
        "model": str(result.header.path),
        "arch": result.header.arch,
        "quant": result.header.quant,
        "chat_format": result.model.chat_format if result.settings.chat else "plain",
        "output": result.output,
        "predicted_rss_bytes": result.predicted_rss_bytes,
        "predicted_tok_per_s": result.predicted_tok_per_s,
        "corrected_rss_bytes": corrected_rss,
        "corrected_tok_per_s": corrected_tps,
        "corrected_from_runs": based_on,
        "memory": asdict(result.model.memory),
        "notes": list(result.notes),
    }


def _summary(r: dict[str, Any]) -> str:
    mib = 1024 * 1024

    def rate(v: float | None) -> str:
        return f"{v:.1f} tok/s" if v else "n/a"

    measured = r["peak_rss_bytes"]
    predicted = r["predicted_rss_bytes"]
    delta = (measured - predicted) / predicted * 100 if predicted else 0.0
    lines = [
        f"load {r['load_s']:.2f} s | first token {r['ttft_s']:.2f} s | "
        f"prompt {r['prompt_tokens']} tokens at {rate(r['prompt_tok_per_s'])} | "
        f"generated {r['gen_tokens']} tokens at {rate(r['gen_tok_per_s'])} | "
        f"stop: {r['stop_reason']}",
        f"peak memory {measured / mib:,.0f} MiB, predicted {predicted / mib:,.0f} MiB "
        f"({delta:+.0f}%)"
        + (
            f", {r['corrected_rss_bytes'] / mib:,.0f} MiB corrected by "
            f"{r['corrected_from_runs']} earlier run(s)"
            if r["corrected_from_runs"]
            else ""
        ),
    ]
    if r["predicted_tok_per_s"]:
        lines.append(
            f"speed predicted {rate(r['predicted_tok_per_s'])}, measured {rate(r['gen_tok_per_s'])}"
        )
    return "\n".join(lines)


def run_remote(args: argparse.Namespace, ctx: CliContext) -> int:
    """The prompt on a server's model: the answer streams, the client's figures follow."""
    from wizard_app.commands._models import endpoint_store as store
    from wizard_app.core.remote.client import RemoteClient, RemoteDone
    from wizard_app.core.remote.runtime import chat_request, remote_report, remote_summary
    from wizard_app.core.runtime import protocol as p

    model = args.remote_model or args.model
    if not model:
        raise InputError(
            "--endpoint needs the model to ask for.",
            f"Add --model ID; 'model-wizard endpoints check {args.endpoint}' lists them.",
        )
    if not args.timeout > 0:
        raise InputError(f"--timeout {args.timeout:g} must be above 0.", "")
    endpoint = store(ctx).get(args.endpoint)
    request = chat_request(
        model,
        args.prompt,
        system=args.system,
        max_tokens=args.max_tokens,
        temperature=args.temperature,
        seed=args.seed,
    )
    out = io.StringIO() if args.json else sys.stdout
    done: RemoteDone | None = None
    with RemoteClient(endpoint, read_timeout_s=args.timeout) as client:
        for event in client.chat(request):
            if isinstance(event, p.Token):
                out.write(event.text)
                out.flush()
            else:
                done = event
    if done is None:
        return 130
    out.write("\n")
    report = remote_report(endpoint, done)
    if args.json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False) + "\n")
    else:
        print(remote_summary(report), file=sys.stderr)
    return 0
