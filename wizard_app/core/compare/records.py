"""Snapshots of a saved comparison: ``ComparisonRecord`` with its ``CellRecord`` cells.

``compare.repository`` reads them from the database, frozen, so nothing outside holds
a session; the summary, the export and the views take them from there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from wizard_app.core.compare.spec import CompareSettings, ModelChoice, PromptItem


def aware_utc(when: datetime) -> datetime:
    """SQLite hands datetimes back naive; they were stored in UTC."""
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


# --- snapshots ------------------------------------------------------------------------
@dataclass(frozen=True)
class CellRecord:
    model: int
    prompt: int
    status: str
    finished_at: datetime
    output: str = ""
    error_kind: str = ""
    error: str = ""
    error_code: str = ""
    error_params: dict[str, Any] = field(default_factory=dict)
    chat_format: str = ""
    llama_cpp_version: str = ""
    load_s: float | None = None
    ttft_s: float | None = None
    prompt_tokens: int | None = None
    prompt_tok_per_s: float | None = None
    gen_tokens: int | None = None
    gen_s: float | None = None
    gen_tok_per_s: float | None = None
    peak_rss_bytes: int | None = None
    stop_reason: str = ""
    n_ctx: int | None = None
    n_gpu_layers: int | None = None
    predicted_rss_bytes: int | None = None
    predicted_tok_per_s: float | None = None
    run_id: int | None = None
    rating: int | None = None
    note: str = ""

    @property
    def done(self) -> bool:
        return self.status == "done"


METRIC_FIELDS = (
    "load_s", "ttft_s", "prompt_tokens", "prompt_tok_per_s", "gen_tokens", "gen_s",
    "gen_tok_per_s", "peak_rss_bytes", "n_ctx", "n_gpu_layers",
)  # fmt: skip
CELL_FIELDS = [f for f in CellRecord.__dataclass_fields__ if f not in ("model", "prompt")]


@dataclass(frozen=True)
class ComparisonRecord:
    id: int
    created_at: datetime
    name: str
    use_case: str | None
    blind: bool
    revealed: bool
    settings: CompareSettings
    models: tuple[ModelChoice, ...]
    prompts: tuple[PromptItem, ...]
    cells: dict[tuple[int, int], CellRecord]
    machine_id: str
    hardware: dict[str, Any]
    app_version: str
    rerun_of: int | None = None

    @property
    def total(self) -> int:
        return len(self.models) * len(self.prompts)

    def cell(self, model: int, prompt: int) -> CellRecord | None:
        return self.cells.get((model, prompt))

    def finished_cells(self) -> set[tuple[int, int]]:
        """Cells that are never run again (done); failed ones are retried on resume."""
        return {k for k, c in self.cells.items() if c.done}

    @property
    def complete(self) -> bool:
        return len(self.cells) == self.total

    @property
    def names_hidden(self) -> bool:
        """Blind mode hides the names until every answer is rated (or the user reveals)."""
        if not self.blind or self.revealed:
            return False
        done = [c for c in self.cells.values() if c.done]
        return not (self.complete and done and all(c.rating for c in done))
