"""``model-wizard history``: the answers given before and what they produced, and the
comparisons of models (``--comparisons`` for those alone, filtered)."""

from __future__ import annotations

import argparse

from wizard_app.commands._common import CliContext, add_json_flag, print_json
from wizard_app.core.recommend.history import history

ORDER = 60


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "history", help="list saved answers and their recommendations, and comparisons"
    )
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--comparisons", action="store_true", help="list only the comparisons")
    p.add_argument("--model", metavar="TEXT", help="comparisons of a model (part of its name)")
    p.add_argument("--use-case", metavar="NAME", help="comparisons for this use case")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="comparisons made on or after this day")
    add_json_flag(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.comparisons or args.model or args.use_case or args.since:
        from wizard_app.commands._comparisons import list_comparisons

        return list_comparisons(args, ctx)
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
    if not args.json:
        from wizard_app.commands._comparisons import list_comparisons

        list_comparisons(args, ctx, heading=True)
    return 0
