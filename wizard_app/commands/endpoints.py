"""``model-wizard endpoints``: the named OpenAI-compatible servers runs can use.

``add NAME URL`` (``--api-key`` / ``--api-key-env``, ``--insecure`` to skip TLS checks),
``list``, ``remove NAME`` and ``check NAME`` (reachable, key accepted, models served).
Keys are kept in the config folder, readable by the user only, and never printed.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from wizard_app.commands._common import CliContext, add_json_flag, print_json
from wizard_app.commands._models import endpoint_store as store
from wizard_app.core.errors import InputError

ORDER = 63


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "endpoints",
        help="add, list, check or remove OpenAI-compatible servers (llama-server, Ollama, ...)",
        description="Named OpenAI-compatible servers for 'run --endpoint' and 'compare'.",
    )
    p.add_argument("action", choices=["list", "add", "remove", "check"], nargs="?", default="list")
    p.add_argument("name", nargs="?", help="the endpoint's name")
    p.add_argument("url", nargs="?", help="with 'add': its base URL, e.g. http://10.0.0.5:8080")
    p.add_argument("--api-key", default="", metavar="KEY", help="with 'add': the server's key")
    p.add_argument(
        "--api-key-env", default="", metavar="VAR", help="with 'add': read the key from VAR"
    )
    p.add_argument(
        "--insecure",
        action="store_true",
        help="with 'add': do not verify the TLS certificate (a server you trust only)",
    )
    p.add_argument("--timeout", type=float, default=10.0, metavar="S", help="with 'check'")
    add_json_flag(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from wizard_app.core.remote.endpoints import Endpoint

    endpoints = store(ctx)
    if args.action != "list" and not args.name:
        raise InputError(f"'endpoints {args.action}' needs the endpoint's name.", "")
    if args.action == "add":
        if not args.url:
            raise InputError("'endpoints add' needs a name and a URL.", "")
        key = args.api_key
        if args.api_key_env:
            key = os.environ.get(args.api_key_env, "")
            if not key:
                raise InputError(f"The environment variable {args.api_key_env} is empty.", "")
        added = endpoints.add(Endpoint(args.name, args.url, key, not args.insecure))
        _show([added.public()], args.json, f"Endpoint {added.name} saved.")
    elif args.action == "remove":
        endpoints.remove(args.name)
        _show([e.public() for e in endpoints.all()], args.json, f"Endpoint {args.name} removed.")
    elif args.action == "check":
        return _check(endpoints.get(args.name), args)
    else:
        _show([e.public() for e in endpoints.all()], args.json, "")
    return 0


def _show(rows: list[dict[str, Any]], as_json: bool, said: str) -> None:
    if as_json:
        print_json({"ok": True, "endpoints": rows})
        return
    if said:
        print(said)
    if not rows and not said:
        print("No endpoints. Add one with 'model-wizard endpoints add NAME URL'.")
    for row in rows:
        key = "key set" if row["api_key"] else "no key"
        tls = "" if row["verify_tls"] else ", TLS not verified"
        print(f"{row['name']:<16} {row['base_url']}  ({key}{tls})")


def _check(endpoint: Any, args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from wizard_app.core.remote.client import RemoteClient

    with RemoteClient(
        endpoint, connect_timeout_s=args.timeout, read_timeout_s=args.timeout
    ) as client:
        health = client.check()
    if args.json:
        print_json({"ok": True, **asdict(health)})
        return 0
    print(
        f"{health.endpoint} at {health.url}: answered in {health.latency_s * 1000:.0f} ms"
        + (f" ({health.server})" if health.server else "")
        + (", Ollama" if health.ollama else "")
    )
    for m in health.models:
        extra = ", ".join(
            x
            for x in (
                m.parameter_size,
                m.quantization,
                f"{m.size_bytes / 1e9:.1f} GB" if m.size_bytes else "",
            )
            if x
        )
        print(f"  {m.id}" + (f"  ({extra})" if extra else ""))
    if not health.models:
        print("  (no models listed)")
    return 0
