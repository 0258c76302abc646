"""``model-wizard history``: the answers given before and what they produced."""

from __future__ import annotations

import argparse

from wizard_app.commands._common import CliContext, add_json_flag, print_json
from wizard_app.core.recommend.history import history

ORDER = 60


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("history", help="list saved answers and their recommendations")
    p.add_argument("--limit", type=int, default=20)
    add_json_flag(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    rows = history(ctx.db, args.limit)
    if args.json:
        print_json(rows)
    elif not rows:
        print("No saved recommendations yet. Run 'model-wizard recommend'.")
    else:
        for r in rows:
            print(
                f"{r['id']:>4}  {r['created_at'][:19]}  {r['name']:<30} {', '.join(r['top_picks'])}"
            )
    return 0
