"""A comparison folded per model: ratings, wins, speed and memory; and blind labels."""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from statistics import fmean
from typing import Any

from wizard_app.core.compare.records import ComparisonRecord

GiB = 1024**3


@dataclass(frozen=True)
class ModelSummary:
    model: int  # position in the comparison
    label: str  # the name, or "Model B" while blind mode hides it
    done: int
    failed: int
    to_do: int
    rated: int
    mean_rating: float | None
    wins: int  # prompts where this model alone had the best rating
    ties: int  # prompts where it shared the best rating
    ratings: tuple[int, int, int, int, int]  # how many 1s, 2s, ... 5s
    gen_tok_per_s: float | None  # mean over its answers
    prompt_tok_per_s: float | None
    ttft_s: float | None
    peak_rss_bytes: int | None  # the highest of its answers
    predicted_rss_bytes: int | None
    predicted_tok_per_s: float | None

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__, "ratings": list(self.ratings)}


def display_order(rec: ComparisonRecord) -> list[int]:
    """Model positions in the order to show them: shuffled (the same way every time) while
    blind mode hides the names, so a column's place does not give its model away."""
    order = list(range(len(rec.models)))
    if rec.blind:
        random.Random(rec.id).shuffle(order)
    return order


def labels(rec: ComparisonRecord) -> list[str]:
    """Each model's label, by position: its name, or 'Model A'... in display order."""
    if not rec.names_hidden:
        return [m.label for m in rec.models]
    out = [""] * len(rec.models)
    for shown, position in enumerate(display_order(rec)):
        out[position] = f"Model {string.ascii_uppercase[shown]}"
    return out


def _mean(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return fmean(known) if known else None


def summarize(rec: ComparisonRecord) -> list[ModelSummary]:
    names = labels(rec)
    best: dict[int, list[int]] = {}
    for pi in range(len(rec.prompts)):
        rated = {
            mi: c.rating
            for mi in range(len(rec.models))
            if (c := rec.cell(mi, pi)) is not None and c.done and c.rating
        }
        if rated:
            top = max(rated.values())
            best[pi] = [mi for mi, r in rated.items() if r == top]
    out = []
    for mi in range(len(rec.models)):
        cells = [c for pi in range(len(rec.prompts)) if (c := rec.cell(mi, pi)) is not None]
        done = [c for c in cells if c.done]
        ratings = [c.rating for c in done if c.rating]
        counts = tuple(ratings.count(r) for r in range(1, 6))
        peaks = [c.peak_rss_bytes for c in done if c.peak_rss_bytes is not None]
        predicted = [c.predicted_rss_bytes for c in done if c.predicted_rss_bytes is not None]
        out.append(
            ModelSummary(
                model=mi,
                label=names[mi],
                done=len(done),
                failed=len(cells) - len(done),
                to_do=len(rec.prompts) - len(cells),
                rated=len(ratings),
                mean_rating=fmean(ratings) if ratings else None,
                wins=sum(1 for winners in best.values() if winners == [mi]),
                ties=sum(1 for winners in best.values() if mi in winners and len(winners) > 1),
                ratings=counts,  # type: ignore[arg-type]
                gen_tok_per_s=_mean([c.gen_tok_per_s for c in done]),
                prompt_tok_per_s=_mean([c.prompt_tok_per_s for c in done]),
                ttft_s=_mean([c.ttft_s for c in done]),
                peak_rss_bytes=max(peaks) if peaks else None,
                predicted_rss_bytes=max(predicted) if predicted else None,
                predicted_tok_per_s=_mean([c.predicted_tok_per_s for c in done]),
            )
        )
    return out
