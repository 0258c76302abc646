"""The saved comparisons as a list, for 'history' (the 'compare' command makes them)."""

from __future__ import annotations

import argparse

from wizard_app.commands._common import CliContext
from wizard_app.core.errors import InputError


def list_comparisons(args: argparse.Namespace, ctx: CliContext, heading: bool = False) -> int:
    """The comparisons for ``model-wizard history``, newest first, filtered."""
    from datetime import datetime, timezone

    from wizard_app.commands._common import print_json
    from wizard_app.core.compare.repository import ComparisonRepository
    from wizard_app.core.compare.summary import labels, summarize

    since = None
    if getattr(args, "since", None):
        try:
            since = datetime.fromisoformat(args.since).replace(tzinfo=timezone.utc)
        except ValueError:
            raise InputError(
                f"--since {args.since!r} is not a date.", "Give it as YYYY-MM-DD."
            ) from None
    records = ComparisonRepository(ctx.db).list(
        model=getattr(args, "model", None),
        use_case=getattr(args, "use_case", None),
        since=since,
        limit=args.limit,
    )
    if args.json:
        print_json(
            [
                {
                    "id": r.id,
                    "created_at": r.created_at.isoformat(),
                    "name": r.name if not r.names_hidden else f"Comparison {r.id}",
                    "use_case": r.use_case,
                    "blind": r.blind,
                    "models": labels(r),
                    "prompts": len(r.prompts),
                    "answers": len(r.finished_cells()),
                    "cells": r.total,
                    "failed": sum(1 for c in r.cells.values() if not c.done),
                    "mean_ratings": [s.mean_rating for s in summarize(r)],
                }
                for r in records
            ]
        )
        return 0
    if heading:
        print("\nComparisons:" if records else "\nNo comparisons yet. Run 'model-wizard compare'.")
    elif not records:
        print("No comparisons match. Run 'model-wizard compare', or loosen the filters.")
    for r in records:
        state = f"{len(r.finished_cells())}/{r.total} answers"
        print(
            f"{r.id:>4}  {r.created_at:%Y-%m-%d %H:%M}  {(r.use_case or '-'):<12} "
            f"{state:<14} {' vs '.join(labels(r))}"
        )
    return 0
