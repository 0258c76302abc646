"""``model-wizard recommend``: ranked, explained picks for a use case, machine and budget."""

from __future__ import annotations

import argparse

from wizard_app.commands._common import CliContext, add_json_flag, print_json
from wizard_app.commands._hardware_args import add_hardware_override_args
from wizard_app.commands._machine import hardware_from_args
from wizard_app.core.catalog.schema import USE_CASES
from wizard_app.core.fit import VERDICT_TEXT
from wizard_app.core.hardware.profile import GB, GiB
from wizard_app.core.recommend.engine import Recommendation, Recommender, RecommendRequest

ORDER = 10


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "recommend",
        help="recommend models for a use case on this (or a planned) machine",
        description="Rank the catalog's models for a use case, machine and budget, and say why "
        "each was picked or left out. Without hardware options the detected hardware is used.",
    )
    p.add_argument("--use-case", default="chat", help=f"one of: {', '.join(USE_CASES)}")
    p.add_argument("--language", metavar="CODE", help="ISO 639-1 code the model must speak")
    p.add_argument("--license", choices=["any", "commercial", "unrestricted"], default="any")
    p.add_argument("--openness", choices=["any", "open-weights", "fully-open"], default="any")
    p.add_argument("--priority", choices=["quality", "balanced", "speed"], default="balanced")
    p.add_argument("--context", type=int, metavar="N", help="tokens of context (default 4096)")
    p.add_argument("--budget-usd", type=float, default=0.0, help="money for hardware upgrades")
    p.add_argument("--disk-budget-gb", type=float, help="disk space you can spare for models")
    p.add_argument("--top", type=int, default=5, metavar="K", help="how many picks to show")
    p.add_argument("--no-save", action="store_true", help="do not keep this in the history")
    p.add_argument("--name", default="", help="a name for the saved answers")
    add_hardware_override_args(p)
    add_json_flag(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    request = RecommendRequest(
        use_case=args.use_case,
        language=args.language.lower() if args.language else None,
        license=args.license,
        openness=args.openness,
        priority=args.priority,
        context=args.context,
        disk_budget_gb=args.disk_budget_gb,
        budget_usd=args.budget_usd,
        top=args.top,
    )
    request.check()  # before probing hardware: bad input fails fast
    hw = hardware_from_args(args, ctx)
    result = Recommender(ctx.catalog).run(hw, request)
    if not args.no_save:
        from wizard_app.core.recommend import history

        name = args.name or f"{request.use_case} ({request.priority})"
        # kept beside the database, which the next command or the app opens and adds it to
        history.keep(ctx.paths.database, name, hw, result, ctx.catalog)
    if args.json:
        data = result.model_dump(mode="json")
        for pick in data["picks"]:
            pick["fit"].pop("curve", None)
        print_json(data)
    else:
        print(format_text(result))
    return 0


def format_text(r: Recommendation) -> str:
    lines = [f"Recommendations for {r.use_case_label.lower()} at {r.context} tokens of context:"]
    if not r.picks:
        lines.append("  No model in the catalog fits these constraints; see why below.")
    for p in r.picks:
        speed = f"~{p.tokens_per_s:g} tok/s" if p.tokens_per_s else "speed unknown"
        split = p.fit.gpu_split
        cards = (
            f" ({' + '.join(str(c) for c in split)} layers on {len(split)} GPUs)" if split else ""
        )
        lines.append(
            f"\n{p.rank}. {p.name} [{p.quant}, {p.size_bytes / GB:.1f} GB] score {p.score:.0f}"
            f" - {VERDICT_TEXT[p.verdict]}{cards}, {p.memory_bytes / GiB:.1f} GiB, {speed}"
        )
        lines.append(f"   {p.repo}/{p.files[0]}")
        lines.extend(f"   - {reason}" for reason in p.reasons)
        lines.extend(f"   ! {c}" for c in p.caveats)
        if p.running_cost:
            c = p.running_cost
            hosted = (
                f" (hosted: {c.hosted_usd_per_mtok:g} USD for {c.hosted_reference})"
                if c.hosted_usd_per_mtok is not None
                else ""
            )
            lines.append(f"   - Electricity: ~{c.usd_per_mtok:.2f} USD per million tokens{hosted}.")
    if r.upgrades:
        lines.append("\nUpgrades within your budget:")
        lines.extend(f"  - {u.reason}" for u in r.upgrades)
    if r.excluded:
        lines.append(f"\nLeft out ({len(r.excluded)}):")
        lines.extend(f"  - {e.name}: {' '.join(e.reasons)}" for e in r.excluded)
    lines.append("\nAssumptions:")
    lines.extend(f"  - {a}" for a in r.assumptions)
    return "\n".join(lines)
