"""Saving comparisons: their models, prompts and settings, one row per finished cell,
ratings; and the prompt sets a user saved. The SQL is ``storage.compare_repository``'s;
this turns the comparison's own types into its rows and back.

Written by the caller (GUI thread or CLI) through ``ComparisonRepository`` as each cell
finishes; the worker never touches the database. Reads return frozen snapshots
(``ComparisonRecord``), so nothing outside holds a session.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from wizard_app.core.compare.prompt_sets import PromptSet
from wizard_app.core.compare.records import (
    CELL_FIELDS,
    METRIC_FIELDS,
    CellRecord,
    ComparisonRecord,
    aware_utc,
)
from wizard_app.core.compare.runner import CellFinished, CellOutcome
from wizard_app.core.compare.spec import CompareSettings, ModelChoice, PromptItem
from wizard_app.core.errors import InputError
from wizard_app.core.runtime.records import run_fields
from wizard_app.core.storage.compare_repository import ComparisonRows, PromptSetRows
from wizard_app.core.storage.compare_schema import Comparison, ComparisonCell
from wizard_app.core.storage.database import Database
from wizard_app.core.storage.run_tables import RunRepository


def _cell_record(c: ComparisonCell) -> CellRecord:
    values = {name: getattr(c, name) for name in CELL_FIELDS}
    values["finished_at"] = aware_utc(c.finished_at)
    values["error_params"] = dict(c.error_params or {})
    return CellRecord(model=c.model_position, prompt=c.prompt_position, **values)


def _record(row: Comparison) -> ComparisonRecord:
    cells = {(c.model_position, c.prompt_position): _cell_record(c) for c in row.cells}
    return ComparisonRecord(
        id=row.id,
        created_at=aware_utc(row.created_at),
        name=row.name,
        use_case=row.use_case,
        blind=row.blind,
        revealed=row.revealed,
        settings=CompareSettings.from_json(row.settings),
        models=tuple(
            ModelChoice(
                label=m.label,
                path=Path(m.path),
                model_id=m.model_id,
                catalog_id=m.catalog_id,
                quant=m.quant,
            )
            for m in row.models
        ),
        prompts=tuple(PromptItem.from_json(p) for p in row.prompts),
        cells=cells,
        machine_id=row.machine_id,
        hardware=dict(row.hardware or {}),
        app_version=row.app_version,
        rerun_of=row.rerun_of,
    )


class ComparisonRepository:
    """Short-lived sessions, used from the caller's (GUI or CLI) thread."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.rows = ComparisonRows(db)

    def create(
        self,
        models: list[ModelChoice],
        prompts: list[PromptItem],
        settings: CompareSettings,
        *,
        machine_id: str,
        hardware: dict[str, Any],
        app_version: str,
        name: str = "",
        use_case: str | None = None,
        blind: bool = False,
        rerun_of: int | None = None,
    ) -> ComparisonRecord:
        values = {
            "name": name or " vs ".join(m.label for m in models),
            "use_case": use_case,
            "blind": blind,
            "revealed": False,
            "settings": settings.to_json(),
            "prompts": [p.to_json() for p in prompts],
            "machine_id": machine_id,
            "hardware": hardware,
            "app_version": app_version,
            "rerun_of": rerun_of,
        }
        listed = [
            {
                "position": i,
                "label": m.label,
                "path": str(m.path),
                "model_id": m.model_id,
                "catalog_id": m.catalog_id,
                "quant": m.quant,
            }
            for i, m in enumerate(models)
        ]
        return self.get(self.rows.insert(values, listed))

    def get(self, comparison_id: int) -> ComparisonRecord:
        row = self.rows.get(comparison_id)
        if row is None:
            raise InputError(
                f"No comparison with id {comparison_id}.",
                "Run 'model-wizard history' to list the comparisons and their ids.",
            )
        return _record(row)

    def save_cell(
        self,
        comparison_id: int,
        model: int,
        prompt: int,
        outcome: CellOutcome,
        *,
        run_id: int | None = None,
    ) -> CellRecord:
        """Store a finished cell (replacing a failed try of it); its rating is kept."""
        m = outcome.metrics
        values: dict[str, Any] = {
            "status": outcome.status,
            "finished_at": outcome.finished_at,
            "output": outcome.output,
            "error_kind": outcome.error_kind,
            "error": outcome.error,
            "error_code": outcome.error_code,
            "error_params": dict(outcome.error_params),
            "chat_format": outcome.chat_format,
            "llama_cpp_version": outcome.llama_cpp_version,
            "predicted_rss_bytes": outcome.predicted_rss_bytes,
            "predicted_tok_per_s": outcome.predicted_tok_per_s,
            "run_id": run_id,
            "stop_reason": m.stop_reason if m else "",
        }
        for name in METRIC_FIELDS:
            values[name] = getattr(m, name) if m else None
        return _cell_record(self.rows.put_cell(comparison_id, model, prompt, values))

    def record(self, rec: ComparisonRecord, event: CellFinished, *, app_version: str) -> CellRecord:
        """Store a finished cell; an answer is also kept as a trial run, so that what it
        measured corrects later estimates on this machine like any other run."""
        run_id = None
        result = event.outcome.result
        if result is not None:
            model = rec.models[event.model]
            run_id = RunRepository(self.db).add_run(
                run_fields(
                    result,
                    machine_id=rec.machine_id,
                    app_version=app_version,
                    model_id=model.model_id,
                    model_name=model.label,
                )
            )
        return self.save_cell(rec.id, event.model, event.prompt, event.outcome, run_id=run_id)

    def rate(
        self, comparison_id: int, model: int, prompt: int, rating: int | None, note: str = ""
    ) -> None:
        if rating is not None and not 1 <= rating <= 5:
            raise InputError(f"A rating is 1 to 5, not {rating}.", "Give 1, 2, 3, 4 or 5.")
        if not self.rows.rate_done_cell(comparison_id, model, prompt, rating, note):
            raise InputError("Only a finished answer can be rated.", "Run the cell first.")

    def reveal(self, comparison_id: int) -> None:
        self.rows.reveal(comparison_id)

    def delete(self, comparison_id: int) -> bool:
        return self.rows.delete(comparison_id)

    def list(
        self,
        *,
        model: str | None = None,
        use_case: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int = 200,
    ) -> list[ComparisonRecord]:
        """Newest first; ``model`` matches part of a model's name or file (any case)."""
        rows = self.rows.search(
            model=model, use_case=use_case, since=since, until=until, limit=limit
        )
        return [_record(r) for r in rows]


class PromptSetRepository:
    """The prompt sets a user saved (the use cases' presets are in the app itself)."""

    def __init__(self, db: Database) -> None:
        self.rows = PromptSetRows(db)

    def all(self) -> list[PromptSet]:
        return [
            PromptSet(
                name=r.name,
                use_case=r.use_case,
                prompts=tuple(PromptItem.from_json(p) for p in r.prompts),
                builtin=False,
                id=r.id,
            )
            for r in self.rows.all()
        ]

    def save(self, name: str, prompts: list[PromptItem], use_case: str | None = None) -> int:
        """Save (or replace) the set called ``name``."""
        name = name.strip()
        if not name:
            raise InputError("A prompt set needs a name.", "Type a name for the set.")
        if not prompts:
            raise InputError("A prompt set needs at least one prompt.", "Add a prompt first.")
        return self.rows.put(name, use_case, [p.to_json() for p in prompts])

    def delete(self, name: str) -> bool:
        return self.rows.delete(name)
