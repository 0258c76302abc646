"""``model-wizard compare MODEL MODEL...``: the same prompts on two to four models.

MODEL is an installed model's id or name (``model-wizard library``), a catalog
``id:quant`` that is downloaded, a .gguf path, or ``@ENDPOINT/MODEL`` for a model on a
server (``model-wizard endpoints``), so local and remote models can be compared. The
prompts come from ``--prompt`` (repeatable), ``--prompt-set`` (a use case's presets, or a
set saved in the app) or ``--prompts-file``. Models run one at a time, every prompt with
the same settings and seed; each answer streams to stdout with its figures on stderr, and
the comparison is stored as it goes: ``--resume ID`` finishes one that was stopped,
``model-wizard export ID`` writes it out, ``model-wizard history --comparisons`` lists
them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard_app.commands._common import CliContext, add_json_flag
from wizard_app.commands._models import positive_int
from wizard_app.core.errors import InputError

if TYPE_CHECKING:
    from wizard_app.core.compare.records import CellRecord, ComparisonRecord
    from wizard_app.core.compare.repository import ComparisonRepository
    from wizard_app.core.compare.spec import ModelChoice, PromptItem
    from wizard_app.core.hardware.profile import HardwareProfile

ORDER = 61
MiB = 1024 * 1024


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "compare",
        help="run the same prompts on two to four local models and compare the answers",
        description="Run each prompt on each model, one model at a time, with the same "
        "sampling settings and seed; stream the answers and measure them. The comparison "
        "is saved as it goes (see 'model-wizard history --comparisons').",
    )
    p.add_argument(
        "models",
        nargs="*",
        metavar="MODEL",
        help="an installed model id or name, a catalog id:quant, a .gguf file, or "
        "@ENDPOINT/MODEL on a server (2 to 4)",
    )
    src = p.add_mutually_exclusive_group()
    src.add_argument("--prompt", action="append", metavar="TEXT", help="a prompt (repeatable)")
    src.add_argument(
        "--prompt-set", metavar="NAME", help="a use case's presets (chat, coding...) or a saved set"
    )
    src.add_argument(
        "--prompts-file",
        type=Path,
        metavar="F",
        help="prompts in a file: one per line, or separated by '---' lines, or JSON/YAML",
    )
    p.add_argument("--max-tokens", type=positive_int, default=256, metavar="N")
    p.add_argument("--seed", type=int, default=None, metavar="N", help="default 42")
    p.add_argument("--temperature", type=float, default=0.8, metavar="F")
    p.add_argument("--ctx", type=positive_int, default=None, metavar="N", help="context length")
    p.add_argument("--threads", type=positive_int, default=None, metavar="N")
    p.add_argument("--use-case", default=None, metavar="NAME", help="what the comparison is for")
    p.add_argument("--blind", action="store_true", help="hide the model names in the output")
    p.add_argument("--save-set", metavar="NAME", help="also save the prompts as a prompt set")
    p.add_argument(
        "--resume", type=int, metavar="ID", help="finish a stopped comparison (no MODEL then)"
    )
    add_json_flag(p)
    p.set_defaults(handler=run)

    e = sub.add_parser(
        "export",
        help="write a comparison as Markdown, CSV or JSON",
        description="Write a saved comparison (see 'model-wizard history --comparisons') "
        "with its answers, ratings, metrics, machine and settings.",
    )
    e.add_argument("id", type=int, metavar="ID", help="the comparison's id")
    e.add_argument("--format", choices=("md", "csv", "json"), default="md")
    e.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here, not stdout")
    e.set_defaults(handler=export_command)


# --- choosing models and prompts ------------------------------------------------------
def resolve_models(specs: list[str], ctx: CliContext) -> list[ModelChoice]:
    from wizard_app.commands._models import installed_model
    from wizard_app.core.compare.spec import ModelChoice
    from wizard_app.core.library.installed import Library

    library = Library(ctx.db, ctx.models_dir)
    out: list[ModelChoice] = []
    for spec in specs:
        if spec.startswith("@"):
            out.append(_remote_choice(spec, ctx))
            continue
        path = Path(spec).expanduser()
        if path.is_file() or spec.lower().endswith(".gguf"):
            if not path.is_file():
                raise InputError(f"No file at {path}.", "Check the path to the .gguf file.")
            known = library.find_path(path.resolve())
            out.append(
                ModelChoice(
                    label=known.display_name if known else path.stem,
                    path=path.resolve(),
                    model_id=known.id if known else None,
                    catalog_id=known.catalog_id if known else None,
                    quant=known.quant if known else None,
                )
            )
            continue
        e = installed_model(spec, ctx, library)  # a missing file: the comparison reports it
        out.append(
            ModelChoice(
                label=e.display_name,
                path=e.path,
                model_id=e.id,
                catalog_id=e.catalog_id,
                quant=e.quant,
            )
        )
    names = [m.label for m in out]
    return [
        m if names.count(m.label) == 1 or not m.quant else _relabel(m, f"{m.label} {m.quant}")
        for m in out
    ]


def _remote_choice(spec: str, ctx: CliContext) -> ModelChoice:
    """``@NAME/MODEL``: a model on the endpoint NAME (``model-wizard endpoints``)."""
    from wizard_app.commands._models import endpoint_store as store
    from wizard_app.core.compare.spec import ModelChoice

    name, _, model = spec[1:].partition("/")
    if not name or not model:
        raise InputError(
            f"'{spec}' does not name a model on a server.",
            "Write @ENDPOINT/MODEL, e.g. @gpu-box/llama3.3:70b (see 'model-wizard endpoints').",
        )
    store(ctx).get(name)  # an unknown endpoint is an error now, not in every cell
    return ModelChoice.for_remote(name, model)


def _relabel(m: ModelChoice, label: str) -> ModelChoice:
    from dataclasses import replace

    return replace(m, label=label)


def choose_prompts(
    args: argparse.Namespace, ctx: CliContext
) -> tuple[list[PromptItem], str | None]:
    """The prompts and the use case they come with (a preset set has one)."""
    from wizard_app.core.compare.prompt_sets import find_set, read_prompts_file
    from wizard_app.core.compare.repository import PromptSetRepository
    from wizard_app.core.compare.spec import PromptItem

    if args.prompt:
        return [PromptItem(prompt=t) for t in args.prompt], None
    if args.prompts_file:
        return read_prompts_file(args.prompts_file.expanduser()), None
    if args.prompt_set:
        found = find_set(args.prompt_set, PromptSetRepository(ctx.db).all())
        return list(found.prompts), found.use_case
    raise InputError(
        "No prompts given.",
        "Add --prompt TEXT (repeatable), --prompt-set NAME or --prompts-file F.",
    )


# --- running --------------------------------------------------------------------------
def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from wizard_app import __version__
    from wizard_app.core.compare.repository import ComparisonRepository
    from wizard_app.core.hardware.probe import detect
    from wizard_app.core.runtime.machine_profile import attach

    repo = ComparisonRepository(ctx.db)

    hw = attach(detect(ctx.models_dir), ctx.paths.cache)  # this machine's measured speed
    if args.resume is not None:
        if args.models or args.prompt or args.prompt_set or args.prompts_file:
            raise InputError(
                "--resume takes no models or prompts: it finishes the comparison as it was.",
                f"Run 'model-wizard compare --resume {args.resume}' alone.",
            )
        rec = repo.get(args.resume)
    else:
        rec = _new_comparison(args, ctx, repo, hw)
    try:
        _run_cells(rec, repo, hw, args.json, __version__, ctx)
    except KeyboardInterrupt:
        done = len(repo.get(rec.id).finished_cells())
        print(
            f"model-wizard: stopped; {done} of {rec.total} answers are kept. Resume with "
            f"'model-wizard compare --resume {rec.id}'.",
            file=sys.stderr,
        )
        return 130
    final = repo.get(rec.id)
    if args.json:
        from wizard_app.core.compare.export import to_json

        sys.stdout.write(json.dumps(json.loads(to_json(final)), ensure_ascii=False) + "\n")
    else:
        print(_summary_text(final), file=sys.stderr)
    failed = [c for c in final.cells.values() if not c.done]
    return 1 if failed else 0


def _new_comparison(args: argparse.Namespace, ctx: CliContext, repo: Any, hw: Any) -> Any:
    """The comparison the arguments ask for, created (not yet run) in ``repo``."""
    from wizard_app import __version__
    from wizard_app.core.compare.repository import PromptSetRepository
    from wizard_app.core.compare.spec import DEFAULT_SEED, CompareSettings, check_choices
    from wizard_app.core.runtime.calibration import machine_fingerprint

    if not 0.0 <= args.temperature <= 5.0:
        raise InputError(f"--temperature {args.temperature:g} is out of range.", "Give 0 to 5.")
    models = resolve_models(args.models, ctx)
    prompts, use_case = choose_prompts(args, ctx)
    check_choices(models, prompts)
    if args.save_set:
        PromptSetRepository(ctx.db).save(args.save_set, prompts, args.use_case or use_case)
    settings = CompareSettings(
        max_tokens=args.max_tokens,
        seed=DEFAULT_SEED if args.seed is None else args.seed,
        temperature=args.temperature,
        n_ctx=args.ctx,
        n_threads=args.threads,
    )
    return repo.create(
        models,
        prompts,
        settings,
        machine_id=machine_fingerprint(hw),
        hardware=hw.model_dump(mode="json"),
        app_version=__version__,
        use_case=args.use_case or use_case,
        blind=args.blind,
    )


class _Remotes:
    """One remote client per endpoint used, closed at the end."""

    def __init__(self, ctx: CliContext) -> None:
        self._ctx = ctx
        self._clients: dict[str, Any] = {}

    def client(self, name: str) -> Any:
        from wizard_app.commands._models import endpoint_store as store
        from wizard_app.core.remote.client import RemoteClient

        if name not in self._clients:
            self._clients[name] = RemoteClient(store(self._ctx).get(name))
        return self._clients[name]

    def __enter__(self) -> _Remotes:
        return self

    def __exit__(self, *_exc: object) -> None:
        for c in self._clients.values():
            c.close()


def _run_cells(
    rec: ComparisonRecord,
    repo: ComparisonRepository,
    hw: HardwareProfile,
    quiet: bool,
    app_version: str,
    ctx: CliContext,
) -> None:
    from wizard_app.core.compare.runner import CellFinished, CellStarted, CellToken, run_comparison
    from wizard_app.core.compare.summary import labels
    from wizard_app.core.runtime.client import RuntimeClient

    names = labels(rec)
    out, err = sys.stdout, sys.stderr
    count = len(rec.finished_cells())
    if count and not quiet:
        print(f"resuming comparison {rec.id}: {count} of {rec.total} answers kept", file=err)
    remotes = _Remotes(ctx)
    with RuntimeClient() as client, remotes:
        events = run_comparison(
            client,
            rec.models,
            rec.prompts,
            rec.settings,
            hw,
            skip=rec.finished_cells(),
            remotes=remotes.client,
        )
        for event in events:
            if quiet:
                if isinstance(event, CellFinished):
                    repo.record(rec, event, app_version=app_version)
                continue
            if isinstance(event, CellStarted):
                prompt = rec.prompts[event.prompt]
                title = prompt.title or prompt.prompt.splitlines()[0][:60]
                print(
                    f"\n== {names[event.model]} | prompt {event.prompt + 1}/{len(rec.prompts)}: "
                    f"{title}",
                    file=err,
                )
            elif isinstance(event, CellToken):
                out.write(event.text)
                out.flush()
            elif isinstance(event, CellFinished):
                cell = repo.record(rec, event, app_version=app_version)
                if cell.done:
                    out.write("\n")
                    out.flush()
                print(_cell_line(names[event.model], event.prompt, cell), file=err)


def _rate(v: float | None) -> str:
    return f"{v:.1f} tok/s" if v else "n/a"


def _cell_line(name: str, prompt: int, c: CellRecord) -> str:
    if not c.done:
        return f"-- {name}, prompt {prompt + 1}: FAILED ({c.error_kind}): {c.error}"
    if c.peak_rss_bytes is None:  # on a server: measured here, its memory unknown
        return (
            f"-- first token {c.ttft_s or 0:.2f} s | {_rate(c.gen_tok_per_s)} | "
            f"prompt {_rate(c.prompt_tok_per_s)} | on a server | stop: {c.stop_reason}"
        )
    predicted = (
        f" (predicted {c.predicted_rss_bytes / MiB:,.0f} MiB)" if c.predicted_rss_bytes else ""
    )
    return (
        f"-- first token {c.ttft_s or 0:.2f} s | {_rate(c.gen_tok_per_s)} "
        f"(predicted {_rate(c.predicted_tok_per_s)}) | prompt {_rate(c.prompt_tok_per_s)} | "
        f"peak {(c.peak_rss_bytes or 0) / MiB:,.0f} MiB{predicted} | stop: {c.stop_reason}"
    )


def _summary_text(rec: ComparisonRecord) -> str:
    from wizard_app.core.compare.summary import display_order, summarize

    rows = summarize(rec)
    width = max(len(s.label) for s in rows)
    lines = [
        f"\ncomparison {rec.id} saved ({len(rec.finished_cells())} of {rec.total} answers)",
        f"{'model':<{width}}  answers  failed  tok/s    prompt tok/s  first token  peak MiB",
    ]
    for mi in display_order(rec):
        s = rows[mi]
        lines.append(
            f"{s.label:<{width}}  {s.done:>7}  {s.failed:>6}  "
            f"{s.gen_tok_per_s or 0:>7.1f}  {s.prompt_tok_per_s or 0:>12.1f}  "
            f"{s.ttft_s or 0:>10.2f}s  "
            + (f"{s.peak_rss_bytes / MiB:>8,.0f}" if s.peak_rss_bytes is not None else "     n/a")
        )
    lines.append(
        f"rate the answers in the app, or export: model-wizard export {rec.id} --format md"
    )
    return "\n".join(lines)


# --- export ---------------------------------------------------------------------------
def export_command(args: argparse.Namespace, ctx: CliContext) -> int:
    from wizard_app.core.compare.export import export
    from wizard_app.core.compare.repository import ComparisonRepository

    text = export(ComparisonRepository(ctx.db).get(args.id), args.format)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.expanduser().write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise InputError(
            f"Cannot write {args.output}: {exc.strerror or exc}.",
            "Choose a folder you can write to.",
        ) from None
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


# --- history --------------------------------------------------------------------------
