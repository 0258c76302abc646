"""``model-wizard download <catalog-id>[:QUANT]`` or ``download --repo R --file F``.

Progress goes to stderr as one throttled line; the exit code is 0 only when every file
is verified. Ctrl-C stops cleanly and the next run resumes from the part file.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from wizard_app.commands._common import CliContext, add_json_flag, print_json
from wizard_app.commands._hardware_args import add_hardware_override_args
from wizard_app.core.errors import InputError

if TYPE_CHECKING:
    from wizard_app.core.catalog.schema import Artifact
    from wizard_app.core.download.request import DownloadRequest

ORDER = 60
DEFAULT_QUANT = "Q4_K_M"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "download",
        help="download a model's GGUF from Hugging Face, resumable and verified",
        description="Download a catalog model's GGUF (default quant Q4_K_M) or any file of a "
        "Hub repository. An interrupted download resumes where it stopped.",
    )
    p.add_argument(
        "model", nargs="?", metavar="CATALOG_ID[:QUANT]", help="a catalog id, e.g. qwen3-4b:Q8_0"
    )
    p.add_argument("--repo", help="a Hub repository, owner/name (instead of a catalog id)")
    p.add_argument("--file", dest="filename", help="the file in --repo to download")
    p.add_argument("--revision", help="branch, tag or commit (default: main, or the catalog's)")
    p.add_argument("--endpoint", metavar="URL", help="the Hub or a mirror (env: HF_ENDPOINT)")
    p.add_argument(
        "--token-env",
        metavar="VAR",
        help="read the access token from environment variable VAR (default: HF_TOKEN, "
        "then the token saved by `huggingface-cli login`)",
    )
    p.add_argument(
        "--connections",
        type=int,
        default=0,
        metavar="N",
        help="ranged connections per file (default 0: add connections only if measured faster)",
    )
    p.add_argument(
        "--stall-timeout",
        type=float,
        default=30.0,
        metavar="S",
        help="seconds without data before reconnecting (default 30)",
    )
    p.add_argument(
        "--retries", type=int, default=6, metavar="N", help="attempts without progress (6)"
    )
    p.add_argument(
        "--peek",
        action="store_true",
        help="only read the GGUF header over the network and print what it says, with the "
        "exact fit estimate on this machine (hardware overrides apply)",
    )
    add_hardware_override_args(p)
    add_json_flag(p)
    p.set_defaults(handler=run)


def _chosen(args: argparse.Namespace, ctx: CliContext) -> tuple[str, Artifact] | None:
    """The catalog model and artifact asked for, or None for ``--repo/--file``."""
    if args.model and (args.repo or args.filename):
        raise InputError("Give a catalog id or --repo/--file, not both.")
    if not args.model:
        if not (args.repo and args.filename):
            raise InputError(
                "Nothing to download.",
                "Give a catalog id (see 'model-wizard catalog') or --repo R --file F.",
            )
        from wizard_app.core.download.hub import check_repo_id

        check_repo_id(args.repo)
        return None
    model_id, _, quant = args.model.partition(":")
    entry = ctx.catalog.get(model_id)
    variant = entry.variant
    if not variant.artifacts:
        alt = f" Try '{variant.alternative}' instead." if variant.alternative else ""
        raise InputError(f"{model_id} has no GGUF to download: {variant.no_gguf_reason}{alt}")
    if quant:
        artifact = variant.artifact(quant)
        if artifact is None:
            have = ", ".join(a.quant for a in variant.artifacts)
            raise InputError(f"{model_id} has no {quant.upper()} file.", f"Available: {have}.")
    else:
        artifact = variant.artifact(DEFAULT_QUANT) or variant.artifacts[0]
    return model_id, artifact


def _requests(
    args: argparse.Namespace, chosen: tuple[str, Artifact] | None, endpoint: str
) -> list[DownloadRequest]:
    from wizard_app.core.download.request import file_request, requests_for_artifact

    if chosen is None:
        return [file_request(args.repo, args.filename, endpoint=endpoint, revision=args.revision)]
    model_id, artifact = chosen
    return requests_for_artifact(
        artifact, endpoint=endpoint, catalog_id=model_id, revision=args.revision
    )


def _token(args: argparse.Namespace, saved: str | None) -> str | None:
    from wizard_app.core.download.hub import resolve_token

    if args.token_env:
        value = os.environ.get(args.token_env, "").strip()
        if not value:
            raise InputError(
                f"The environment variable {args.token_env} (--token-env) is not set.",
                "Set it to a Hugging Face access token, or leave --token-env out.",
            )
        return value
    return resolve_token(saved)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from wizard_app.core.download.hub import HubClient, resolve_endpoint, strip_credentials
    from wizard_app.core.download.options import FetchOptions

    if args.connections < 0 or args.retries < 0 or args.stall_timeout <= 0:
        raise InputError("--connections and --retries cannot be negative, --stall-timeout > 0.")
    chosen = _chosen(args, ctx)
    # --endpoint, else the app's settings, else HF_ENDPOINT, else the Hub
    endpoint = resolve_endpoint(args.endpoint or ctx.settings.hub_endpoint or None)
    targets = _requests(args, chosen, endpoint)
    token = _token(args, ctx.settings.hub_token or None)

    def client_for(url: str) -> HubClient:
        # the token (and a login in the endpoint's URL, which the database never holds)
        # goes only to the endpoint it was given for
        if strip_credentials(url) == strip_credentials(endpoint):
            return HubClient(endpoint, token, timeout=args.stall_timeout)
        return HubClient(url, None, timeout=args.stall_timeout)

    if args.peek:
        return _peek(client_for(endpoint), targets[0], args, ctx)
    options = FetchOptions(
        stall_timeout=args.stall_timeout,
        retries=args.retries,
        connections=args.connections,
    )
    return _download(ctx, targets, client_for, options, args.json)


def _peek(client: Any, target: DownloadRequest, args: argparse.Namespace, ctx: CliContext) -> int:
    from wizard_app.commands._fit_text import fit_text as format_text
    from wizard_app.commands._machine import hardware_from_args
    from wizard_app.core.fit import estimate
    from wizard_app.core.gguf.header import shape_of
    from wizard_app.core.gguf.remote import peek_remote

    info = peek_remote(client, target.repo, target.filename, target.revision)
    summary = info.summary()
    # the header gives the exact shape, so the fit is known before any weights are fetched
    fit = estimate(shape_of(info.header), hardware_from_args(args, ctx)) if info.header else None
    if args.json:
        print_json(
            {
                "repo": target.repo,
                "file": target.filename,
                **summary,
                "fit": fit.model_dump(mode="json") if fit else None,
            }
        )
        return 0
    for key in (
        "architecture", "name", "quant", "block_count", "context_length", "embedding_length",
        "head_count", "head_count_kv", "vocab_size", "tensor_count", "tensor_bytes",
        "parameter_count",
    ):  # fmt: skip
        if summary.get(key) is not None:
            print(f"{key:<18} {summary[key]}")
    print()
    if fit is None:
        print("No exact fit estimate: the header is one part of a split model, or not a model.")
    else:
        print(format_text(target.filename, fit))
    return 0


def _download(
    ctx: CliContext,
    targets: list[DownloadRequest],
    client_for: Any,
    options: Any,
    as_json: bool,
) -> int:
    from wizard_app.core.cancel import CancelToken
    from wizard_app.core.download.queue import DownloadManager
    from wizard_app.core.download.status import Installed, Progress, Retrying, StateChanged

    manager = DownloadManager(ctx.db, ctx.models_dir, client_for, options=options)
    ctx.__dict__.setdefault("library_rebuilt", manager.repaired)  # for the closing note
    ids = [manager.enqueue(t) for t in targets]
    names = {i: t.filename for i, t in zip(ids, targets, strict=True)}
    line = _ProgressLine(sys.stderr)
    installed: dict[int, Installed] = {}
    failures: dict[int, StateChanged] = {}  # as the worker said it (maybe not in the db)
    cancel = CancelToken()
    try:
        for event in manager.run(ids, cancel):
            if isinstance(event, Progress):
                line.show(names[event.id], event.progress)
            elif isinstance(event, Retrying):
                r = event.retry
                line.note(
                    f"{names[event.id]}: {r.reason} Retrying in {r.delay_s:.0f} s "
                    f"({r.attempt}/{r.max_attempts})."
                )
            elif isinstance(event, Installed):
                installed[event.id] = event
            elif isinstance(event, StateChanged) and event.state == "failed":
                failures[event.id] = event
                line.clear()
    except KeyboardInterrupt:
        manager.shutdown()
        line.clear()
        print("model-wizard: interrupted; run the same command again to resume.", file=sys.stderr)
        return 130
    line.clear()
    results = [manager.get(i) for i in ids]
    for i in ids:
        if i in failures:
            raise _failure(failures[i])
    _check_all_verified(results)
    files = [_file_entry(info, installed.get(info.id), manager) for info in results]
    if as_json:
        print_json({"ok": True, "files": files})
    else:
        _print_files(files, installed)
    return 0


def _check_all_verified(results: list[Any]) -> None:
    """DownloadError for the first file that did not end verified."""
    from wizard_app.core.download.errors import DownloadError

    failed = [r for r in results if r.state != "verified"]
    if not failed:
        return
    first = failed[0]
    if first.state == "downloading":  # not by us: another process holds the part's lock
        raise DownloadError(
            f"{first.filename} is being downloaded by another Open Model Wizard process.",
            "Wait for it to finish, or stop it, then run the command again.",
        )
    raise DownloadError(first.reason or f"{first.filename} is {first.state}.")


def _file_entry(info: Any, done: Any, manager: Any) -> dict[str, Any]:
    """One downloaded file as --json prints it; ``done`` is its Installed event, if any."""
    from wizard_app.core.gguf.shards import shard_name

    model_id = done.model_id if done else _model_id(manager, info.dest_path)
    return {
        "id": info.id,
        "repo": info.repo,
        "file": info.filename,
        "revision": info.revision,
        "commit": info.commit,
        "path": str(info.dest_path),
        "size_bytes": info.size_bytes,
        "sha256": info.sha256,
        # compared with a sha256 from the Hub or the catalog; false: none was given
        "sha256_verified": info.checked,
        "model_id": model_id,
        # a README or config is downloaded but is no model: not in the library
        "model": model_id is not None or shard_name(Path(info.dest_path).name) is not None,
        "fetched_bytes": done.fetched if done else 0,
    }


def _print_files(files: list[dict[str, Any]], installed: dict[int, Any]) -> None:
    from wizard_app.core.units import human_bytes

    for f in files:
        if f["id"] not in installed:
            what = "Already downloaded:"
        else:
            what = "Verified" if f["sha256_verified"] else "Downloaded"
        in_library = f"; library id {f['model_id']}" if f["model_id"] is not None else ""
        print(
            f"{what} {f['path']} ({human_bytes(f['size_bytes'] or 0)}, "
            f"sha256 {f['sha256']}){in_library}"
        )
        if not f["model"]:
            print(
                f"  Not a model: {Path(f['path']).name} is not a GGUF model file, so it "
                "was not added to the library."
            )
        if not f["sha256_verified"]:
            print(
                "  Not verified: neither the server nor the catalog gave a sha256 to "
                "compare with; the file is complete, but its content is unchecked."
            )


def _failure(event: Any) -> Exception:
    """The worker's error again, with its code (for --json) when it has one."""
    from wizard_app.core.download.errors import DownloadError
    from wizard_app.core.errors import TEMPLATES

    reason = event.reason or f"Download {event.id} failed."
    if event.code in TEMPLATES:
        error = DownloadError.from_code(event.code, **event.params)
        if str(error) == reason:
            return error
    return DownloadError(reason, code=event.code, params=event.params)


def _model_id(manager: Any, path: Any) -> int | None:
    entry = manager.library.find_path(path)
    return entry.id if entry else None


class _ProgressLine:
    """One line on stderr, redrawn at most a few times a second (a line every 5 s when
    stderr is not a terminal)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.interval = 0.2 if self.tty else 5.0
        self.last = 0.0
        self.width = 0

    def show(self, name: str, p: Any) -> None:
        from wizard_app.core.units import human_bytes

        now = time.monotonic()
        if now - self.last < self.interval and p.phase == "downloading":
            return
        self.last = now
        total = f" of {human_bytes(p.total)}" if p.total else ""
        pct = f"{100 * p.done / p.total:5.1f}% " if p.total else ""
        eta = (
            f", {_clock(p.eta_s)} left" if p.eta_s is not None and p.phase == "downloading" else ""
        )
        conns = f", {p.connections} connections" if p.connections > 1 else ""
        verb = {"checking": "checking kept part", "verifying": "verifying"}.get(p.phase, "")
        text = (
            f"{name}: {verb + ' ' if verb else ''}{pct}{human_bytes(p.done)}{total}, "
            f"{human_bytes(p.bytes_per_s)}/s{eta}{conns}"
        )
        self._write(text)

    def note(self, text: str) -> None:
        self.clear()
        print(text, file=self.stream, flush=True)

    def _write(self, text: str) -> None:
        if self.tty:
            pad = max(0, self.width - len(text))
            self.stream.write("\r" + text + " " * pad)
            self.width = len(text)
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def clear(self) -> None:
        if self.tty and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0


def _clock(seconds: float) -> str:
    s = int(seconds)
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"
