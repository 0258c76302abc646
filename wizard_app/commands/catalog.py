"""``model-wizard catalog [list | check | update] [--json | --markdown]``."""

from __future__ import annotations

import argparse

from wizard_app.commands._common import CliContext, add_json_flag, print_json
from wizard_app.core.errors import InputError

ORDER = 30


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "catalog",
        help="list, check or update the model catalog",
        description=(
            "list: the models in use; check: validate the catalog; update: fetch a newer "
            "signed catalog (--from URL, or the saved catalog_url setting) or go back to "
            "the previous one (--rollback)."
        ),
    )
    p.add_argument("action", nargs="?", choices=["list", "check", "update"], default="list")
    add_json_flag(p)
    p.add_argument("--markdown", action="store_true", help="print the bundled catalog as a table")
    p.add_argument(
        "--from",
        dest="url",
        metavar="URL",
        help="address of a signed catalog bundle (its signature is at URL.sig)",
    )
    p.add_argument(
        "--rollback", action="store_true", help="go back to the catalog before the last update"
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from wizard_app.core.catalog.loader import load_catalog
    from wizard_app.core.catalog.report import catalog_markdown, catalog_rows

    if args.action == "update":
        return _update(args, ctx)
    if args.url or args.rollback:
        raise InputError(
            "--from and --rollback belong to 'catalog update'.",
            "Run 'model-wizard catalog update --from URL' or 'catalog update --rollback'.",
        )
    if args.markdown:  # the docs describe what ships with the app
        print(catalog_markdown(load_catalog()), end="")
        return 0
    catalog = ctx.catalog  # raises CatalogError naming file and field
    if args.action == "check":
        files = len({e.file for e in catalog})
        if args.json:
            print_json(
                {"ok": True, "files": files, "variants": len(catalog), "origin": catalog.origin}
            )
        else:
            print(f"catalog OK ({catalog.origin}): {len(catalog)} variants in {files} files")
        return 0
    if args.json:
        print_json(catalog_rows(catalog))
    else:
        for row in catalog_rows(catalog):
            quants = ",".join(row["quants"]) or "no GGUF"
            yours = "  (added by you)" if row["added_by_user"] else ""
            print(f"{row['id']:<40} {row['params_b']:>7}B  {row['license']:<22} {quants}{yours}")
    return 0


def _update(args: argparse.Namespace, ctx: CliContext) -> int:
    from wizard_app.core.catalog.update import update_catalog

    store = ctx.catalog_store
    if args.rollback:
        if args.url:
            raise InputError("Give either --from URL or --rollback, not both.")
        result = store.rollback()
    else:
        url = args.url or ctx.settings.catalog_url
        if not url:
            raise InputError(
                "No catalog update address is known.",
                "Give one with 'model-wizard catalog update --from URL', or save it with "
                "'model-wizard settings set catalog_url URL'.",
            )
        result = update_catalog(store, url)
    if args.json:
        print_json(
            {
                "origin": result.origin,
                "variants": result.variants,
                "files": result.files,
                "created": result.created.isoformat() if result.created else None,
                "replaced": result.replaced.isoformat() if result.replaced else None,
            }
        )
    else:
        verb = "Rolled back" if args.rollback else "Updated"
        print(
            f"{verb}: the catalog in use is {result.origin}, {result.variants} variants "
            f"in {result.files} files."
        )
        if result.replaced:
            print(f"It replaced the update of {result.replaced:%Y-%m-%d %H:%M} UTC.")
    return 0
