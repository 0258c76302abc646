"""``model-wizard library [list | import PATH | scan | remove ID]``: the installed models."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from wizard_app.commands._common import CliContext, print_json

if TYPE_CHECKING:
    from wizard_app.core.library.installed import Library, ModelEntry

ORDER = 61


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "library",
        help="list, import, find or remove installed models",
        description="The GGUF models on this machine: downloaded here, imported, or found in "
        "the folders of other tools (Hugging Face cache, LM Studio, GPT4All, Ollama).",
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(handler=run, action="list")
    actions = p.add_subparsers(dest="action", metavar="ACTION")

    def json_flag(q: argparse.ArgumentParser) -> None:
        q.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                       help="print JSON instead of text")  # fmt: skip

    json_flag(actions.add_parser("list", help="list installed models (the default)"))
    imp = actions.add_parser("import", help="register a GGUF file from any path")
    imp.add_argument("path", help="a .gguf file (for a split model, its first shard)")
    imp.add_argument(
        "--copy",
        action="store_true",
        help="copy it into the models folder (default: use it in place)",
    )
    json_flag(imp)
    json_flag(
        actions.add_parser(
            "scan", help="find GGUFs of other tools and register them without copying"
        )
    )
    rm = actions.add_parser("remove", help="remove a model (its file too, if the app owns it)")
    rm.add_argument("id", type=int, help="the id shown by 'model-wizard library'")
    rm.add_argument(
        "--delete-file",
        action="store_true",
        help="also delete a file the app does not own (an imported or found model)",
    )
    json_flag(rm)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from wizard_app.core.library.installed import Library

    ctx.rebuild_library()
    library = Library(ctx.db, ctx.models_dir)
    action = args.action or "list"
    if action == "import":
        return _import(library, args)
    if action == "scan":
        return _scan(library, args)
    if action == "remove":
        return _remove(library, args)
    return _list(library, args)


def _list(library: Library, args: argparse.Namespace) -> int:
    entries = library.entries()
    if args.json:
        print_json([e.to_json() for e in entries])
        return 0
    if not entries:
        print("No models yet. Try 'model-wizard download <catalog-id>' or 'library scan'.")
        return 0
    for e in entries:
        print(_line(e))
    return 0


def _line(e: ModelEntry) -> str:
    from wizard_app.core.units import human_bytes

    where = e.repo or e.source
    used = e.last_used_at.strftime("%Y-%m-%d") if e.last_used_at else "never"
    flags = "" if e.present else "  [file missing]"
    return (
        f"{e.id:>4}  {e.display_name[:40]:<40} {e.quant or '?':<8} {human_bytes(e.size_bytes):>10}"
        f"  {e.source:<11} {where}  used {used}{flags}\n      {e.path}"
    )


def _import(library: Library, args: argparse.Namespace) -> int:
    from pathlib import Path

    entry = library.import_file(Path(args.path), copy=args.copy)
    if args.json:
        print_json(entry.to_json())
    else:
        print(f"Imported as id {entry.id}:")
        print(_line(entry))
    return 0


def _scan(library: Library, args: argparse.Namespace) -> int:
    from wizard_app.core.library.scan import ScanRoots

    report = library.scan_and_register(ScanRoots.default())
    if args.json:
        out: dict[str, Any] = {
            "added": [e.to_json() for e in report.added],
            "known": [str(p) for p in report.known],
            "skipped": [{"path": str(s.path), "reason": s.reason} for s in report.skipped],
        }
        print_json(out)
        return 0
    for e in report.added:
        print(_line(e))
    for s in report.skipped:
        print(f"skipped {s.path}: {s.reason}")
    print(
        f"{len(report.added)} model(s) added, {len(report.known)} already known, "
        f"{len(report.skipped)} skipped."
    )
    return 0


def _remove(library: Library, args: argparse.Namespace) -> int:
    result = library.remove(args.id, delete_file=args.delete_file)
    if args.json:
        print_json(
            {"removed": result.entry.to_json(), "file_deleted": result.file_deleted,
             "note": result.note}
        )  # fmt: skip
        return 0
    what = "and deleted its file" if result.file_deleted else "from the library"
    print(f"Removed {result.entry.display_name} (id {result.entry.id}) {what}.")
    if result.note:
        print(f"Note: {result.note}.")
    return 0
