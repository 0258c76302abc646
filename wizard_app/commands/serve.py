"""``model-wizard serve MODEL``: an OpenAI-compatible server on 127.0.0.1 for a model.

It runs llama-cpp-python's server in a child process with the context and GPU layers the
wizard plans, prints the URL and copy-paste snippets, and stops on Ctrl-C. With
``--keep-running`` it is left running in the background and the command returns.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from wizard_app.commands._common import CliContext, add_json_flag, print_json
from wizard_app.commands._models import positive_int

ORDER = 62


def _port(text: str) -> int:
    value = int(text) if text.isdigit() else -1
    if not 0 < value < 65536:
        raise argparse.ArgumentTypeError(f"{text} is not a port number (1-65535)")
    return value


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "serve",
        help="serve a downloaded model on 127.0.0.1 with an OpenAI-compatible API",
        description="Start llama-cpp-python's OpenAI-compatible server for a model, on "
        "127.0.0.1 only, with the context and GPU layers the wizard plans. Ctrl-C stops it.",
    )
    p.add_argument("model", help="a .gguf file, or an installed model id (model-wizard library)")
    p.add_argument("--port", type=_port, default=8080, metavar="N", help="default 8080")
    p.add_argument(
        "--api-key",
        default="",
        metavar="KEY",
        help="require this key from clients ('auto' makes one up); default: no key",
    )
    p.add_argument("--ctx", type=positive_int, default=None, metavar="N", help="context length")
    p.add_argument("--gpu-layers", default="auto", metavar="N|all|auto")
    p.add_argument("--threads", type=positive_int, default=None, metavar="N")
    p.add_argument(
        "--keep-running",
        action="store_true",
        help="leave the server running in the background and return",
    )
    add_json_flag(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from wizard_app.commands._models import gpu_layers_option, resolve_model
    from wizard_app.core.hardware.probe import detect
    from wizard_app.core.serve.plan import plan_serve, supports_offload
    from wizard_app.core.serve.server import LocalServer, new_api_key

    gpu_layers = gpu_layers_option(args.gpu_layers)
    path, _model_id, _name = resolve_model(args.model, ctx)
    key = new_api_key() if args.api_key == "auto" else args.api_key
    planned = plan_serve(
        path,
        detect(ctx.models_dir),
        n_ctx=args.ctx or (ctx.settings.default_context or None),
        gpu_layers=gpu_layers,
        offload=supports_offload(),
        port=args.port,
        api_key=key,
        n_threads=args.threads or ctx.settings.threads,
        keep_running=args.keep_running,
    )
    server = LocalServer(planned.settings, ctx.paths.logs, ctx.paths.runtime_safety)
    if not args.json:
        print(
            f"Starting {planned.settings.model_id} with {planned.settings.n_ctx:,} tokens of "
            f"context and {planned.settings.n_gpu_layers} GPU layer(s)...",
            file=sys.stderr,
        )
    server.start()
    info = _info(server, planned, key)
    if args.json:
        print_json(info)
        sys.stdout.flush()
    else:
        _print_info(info)
    if args.keep_running:
        server.detach()
        return 0
    try:
        code = server.wait()
    except KeyboardInterrupt:
        server.stop()
        print("model-wizard: the server was stopped.", file=sys.stderr)
        return 0
    print(
        f"model-wizard: the server stopped by itself (exit code {code}). "
        f"Its last words: {server.last_words()}",
        file=sys.stderr,
    )
    return 1


def _info(server: Any, planned: Any, key: str) -> dict[str, Any]:
    from wizard_app.core.serve.server import snippets

    s = planned.settings
    chat = server.served_chat
    return {
        "ok": True,
        "url": server.url,
        "port": server.port,
        "pid": server.pid,
        "model": s.model_id,
        "path": str(s.path),
        "n_ctx": s.n_ctx,
        "n_gpu_layers": s.n_gpu_layers,
        "tensor_split": list(s.tensor_split) or None,  # None: llama.cpp's default
        "api_key": key or None,
        "keep_running": s.keep_running,
        "log": str(server.log_path),
        # the app's format for a file without a chat template; None: the file's template
        "chat_format": chat.name if chat and chat.is_fallback else None,
        "chat_format_reason": chat.reason if chat and chat.is_fallback else None,
        "notes": list(planned.plan.notes),
        "snippets": snippets(server.url, s.model_id, key),
    }


def _print_info(info: dict[str, Any]) -> None:
    print(f"Serving {info['model']} at {info['url']} (pid {info['pid']})")
    if info["api_key"]:
        print(f"API key: {info['api_key']}")
    if info["chat_format"]:
        print(
            f"Chat format: {info['chat_format']}, as 'model-wizard run' uses (the file has no "
            f"chat template; chosen by: {info['chat_format_reason']})"
        )
    else:
        print("Chat format: the file's own chat template")
    for note in info["notes"]:
        print(f"note: {note}")
    for name, text in info["snippets"].items():
        print(f"\n# {name}\n{text}")
    if info["keep_running"]:
        print(f"\nIt keeps running in the background: stop it with 'kill {info['pid']}'.")
    else:
        print("\nPress Ctrl-C to stop the server.")
    sys.stdout.flush()
