"""``model-wizard catalog [check] [--json | --markdown]``."""

from __future__ import annotations

import argparse

from wizard_app.commands._common import CliContext, add_json_flag, print_json
from wizard_app.core.catalog.loader import catalog_files, load_catalog
from wizard_app.core.catalog.report import catalog_markdown, catalog_rows

ORDER = 30


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("catalog", help="list or check the bundled model catalog")
    p.add_argument("action", nargs="?", choices=["list", "check"], default="list")
    add_json_flag(p)
    p.add_argument("--markdown", action="store_true", help="print the catalog as a table")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    catalog = load_catalog()  # raises CatalogError naming file and field
    if args.action == "check":
        files = catalog_files()
        if args.json:
            print_json({"ok": True, "files": len(files), "variants": len(catalog)})
        else:
            print(f"catalog OK: {len(catalog)} variants in {len(files)} files")
        return 0
    if args.markdown:
        print(catalog_markdown(catalog), end="")
    elif args.json:
        print_json(catalog_rows(catalog))
    else:
        for row in catalog_rows(catalog):
            quants = ",".join(row["quants"]) or "no GGUF"
            print(f"{row['id']:<40} {row['params_b']:>7}B  {row['license']:<22} {quants}")
    return 0
