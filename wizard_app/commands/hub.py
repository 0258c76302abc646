"""``model-wizard hub search|files|add|remove``: any GGUF repository on the Hub.

``search QUERY`` lists repositories with GGUF files, most downloaded first; ``files REPO``
lists their quants with sizes and sha256 (``--fit``: each file's header is read with a
few Range requests and the exact fit on this machine shown, before any download);
``add REPO FILE`` puts a file in the user's own catalog, so it is recommended and
downloaded like a catalog model; ``remove ID`` takes it out again. The Hub endpoint and
token are those downloads use (``--endpoint``, the settings, ``HF_ENDPOINT``).
"""

from __future__ import annotations

import argparse
from typing import Any

from wizard_app.commands._common import CliContext, add_json_flag, print_json
from wizard_app.commands._hardware_args import add_hardware_override_args
from wizard_app.core.errors import InputError

ORDER = 62


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "hub",
        help="search the Hugging Face Hub for GGUF models, see their fit, add them",
        description="search: GGUF repositories of a model; files: a repository's quants with "
        "sizes (--fit: the exact fit on this machine, from each file's header, before any "
        "download); add: put a file in your own catalog; remove: take it out again.",
    )
    p.add_argument("action", choices=["search", "files", "add", "remove"])
    p.add_argument("args", nargs="*", metavar="ARG", help="QUERY | REPO | REPO FILE | ID")
    p.add_argument("--revision", default="main", help="branch, tag or commit (default: main)")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="search hits (20)")
    p.add_argument("--fit", action="store_true", help="files: read each header, show the fit")
    p.add_argument(
        "--context", type=int, default=4096, metavar="TOKENS", help="context for --fit (4096)"
    )
    p.add_argument("--endpoint", metavar="URL", help="the Hub or a mirror (env: HF_ENDPOINT)")
    add_hardware_override_args(p)
    add_json_flag(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    action = args.action
    wanted = {"search": (1, None), "files": (1, 1), "add": (2, 2), "remove": (1, 1)}[action]
    low, high = wanted
    if len(args.args) < low or (high is not None and len(args.args) > high):
        usage = {
            "search": "hub search QUERY",
            "files": "hub files REPO",
            "add": "hub add REPO FILE",
            "remove": "hub remove ID",
        }[action]
        raise InputError(
            f"'{action}' takes {usage.split(' ', 2)[2]}.", f"Run: model-wizard {usage}"
        )
    if args.context <= 0:
        raise InputError("--context must be a positive number of tokens.")
    if action == "remove":
        return _remove(args, ctx)
    endpoint, token = _endpoint(args, ctx)
    if action == "search":
        return _search(args, endpoint, token)
    if action == "files":
        return _files(args, ctx, endpoint, token)
    return _add(args, ctx, endpoint, token)


def _endpoint(args: argparse.Namespace, ctx: CliContext) -> tuple[str, str | None]:
    from wizard_app.core.download.hub import resolve_endpoint, resolve_token

    # --endpoint, else the app's settings, else HF_ENDPOINT, else the Hub (as downloads do)
    endpoint = resolve_endpoint(args.endpoint or ctx.settings.hub_endpoint or None)
    return endpoint, resolve_token(ctx.settings.hub_token or None)


def _search(args: argparse.Namespace, endpoint: str, token: str | None) -> int:
    from wizard_app.core.hub.search import hub_api, search_gguf

    hits = search_gguf(hub_api(endpoint, token), " ".join(args.args), args.limit)
    if args.json:
        print_json([_hit_json(h) for h in hits])
        return 0
    if not hits:
        print("No GGUF repositories match.")
        return 0
    for h in hits:
        gated = "  gated" if h.gated else ""
        print(f"{h.repo:<60} {h.downloads or 0:>10} downloads  {h.license or '-'}{gated}")
    print(f"\nSee the files of one: model-wizard hub files {hits[0].repo}")
    return 0


def _files(args: argparse.Namespace, ctx: CliContext, endpoint: str, token: str | None) -> int:
    from wizard_app.core.hub.search import hub_api, list_gguf_files
    from wizard_app.core.units import human_bytes

    listing = list_gguf_files(hub_api(endpoint, token), args.args[0], args.revision)
    reports: dict[str, Any] = {}
    if args.fit:
        reports = _fits(args, ctx, endpoint, token, listing)
    if args.json:
        print_json(
            {
                "repo": listing.repo,
                "revision": listing.revision,
                "commit": listing.commit,
                "license": listing.license,
                "gated": listing.gated,
                "files": [
                    {
                        "file": f.name,
                        "parts": list(f.parts),
                        "quant": f.quant,
                        "size_bytes": f.size,
                        "sha256": f.sha256,
                        "projector": f.projector,
                        **(_fit_json(reports[f.name]) if f.name in reports else {}),
                    }
                    for f in listing.files
                ],
            }
        )
        return 0
    commit = f" (commit {listing.commit[:12]})" if listing.commit else ""
    print(f"{listing.repo} at {listing.revision}{commit}, licence {listing.license or '-'}:")
    if not listing.files:
        print("  no GGUF files")
    for f in listing.files:
        size = human_bytes(f.size) if f.size else "size unknown"
        kind = "  vision projector" if f.projector else ""
        parts = f"  {len(f.parts)} parts" if f.split else ""
        line = f"  {f.name:<56} {f.quant or '?':<8} {size:>10}{parts}{kind}"
        if f.name in reports:
            line += "  " + _fit_text(reports[f.name])
        print(line)
    if args.fit and reports:
        print(f"\nFit at {args.context} tokens on this machine, read from each file's header.")
    print(f"Add one to your models: model-wizard hub add {listing.repo} FILE")
    return 0


def _fits(
    args: argparse.Namespace, ctx: CliContext, endpoint: str, token: str | None, listing: Any
) -> dict[str, Any]:
    from wizard_app.commands._machine import hardware_from_args
    from wizard_app.core.download.hub import HubClient
    from wizard_app.core.hub.add import inspect_file

    hw = hardware_from_args(args, ctx)
    client = HubClient(endpoint, token)
    out: dict[str, Any] = {}
    for f in listing.files:
        if not f.projector:
            out[f.name] = inspect_file(client, listing, f.name, hw, args.context)
    return out


def _add(args: argparse.Namespace, ctx: CliContext, endpoint: str, token: str | None) -> int:
    from wizard_app.commands._machine import hardware_from_args
    from wizard_app.core.catalog.user import add_user_variant
    from wizard_app.core.download.hub import HubClient, strip_credentials
    from wizard_app.core.hub.add import inspect_file, variant_for
    from wizard_app.core.hub.search import hub_api, list_gguf_files

    repo, name = args.args
    listing = list_gguf_files(hub_api(endpoint, token), repo, args.revision)
    report = inspect_file(
        HubClient(endpoint, token), listing, name, hardware_from_args(args, ctx), args.context
    )
    # sources name the endpoint without a login it may carry
    variant = variant_for(report, strip_credentials(endpoint))
    stored = add_user_variant(ctx.catalog_store.user_file, variant, ctx.catalog)
    quant = variant.artifacts[0].quant
    if args.json:
        print_json(
            {
                "id": stored.id,
                "quant": quant,
                "quants": [a.quant for a in stored.artifacts],
                "file": str(ctx.catalog_store.user_file),
                **_fit_json(report),
            }
        )
        return 0
    print(f"Added {repo} {report.file.name} to your models as {stored.id} ({quant}).")
    if report.fit is not None:
        print(f"On this machine: {_fit_text(report)}")
    print(f"Download it with: model-wizard download {stored.id}:{quant}")
    return 0


def _remove(args: argparse.Namespace, ctx: CliContext) -> int:
    from wizard_app.core.catalog.user import remove_user_variant

    variant_id = args.args[0]
    if not remove_user_variant(ctx.catalog_store.user_file, variant_id):
        raise InputError(
            f"You added no model with the id {variant_id}.",
            "The models you added are listed by 'model-wizard catalog' as added by you.",
        )
    if args.json:
        print_json({"removed": variant_id})
    else:
        print(f"Removed {variant_id} from your models (downloaded files are kept).")
    return 0


# ---- output -------------------------------------------------------------------------------
def _hit_json(h: Any) -> dict[str, Any]:
    return {
        "repo": h.repo,
        "downloads": h.downloads,
        "likes": h.likes,
        "last_modified": h.last_modified.isoformat() if h.last_modified else None,
        "gated": h.gated,
        "license": h.license,
    }


def _fit_json(report: Any) -> dict[str, Any]:
    return {
        "header": report.info.summary(),
        "fit": report.fit.model_dump(mode="json") if report.fit else None,
    }


def _fit_text(report: Any) -> str:
    from wizard_app.core.units import human_bytes

    fit = report.fit
    if fit is None:
        return "no exact fit (a split model's first part gives only part of it)"
    speed = f", about {fit.tokens_per_s:.0f} tokens/s" if fit.tokens_per_s else ""
    return f"{fit.verdict_text}, needs {human_bytes(fit.total_bytes)}{speed}"
