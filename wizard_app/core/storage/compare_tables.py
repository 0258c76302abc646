"""Comparisons: their models, prompts and settings, one row per finished cell, ratings;
and the prompt sets a user saved.

Written by the caller (GUI thread or CLI) through ``ComparisonRepository`` as each cell
finishes; the worker never touches the database. Reads return frozen snapshots
(``ComparisonRecord``), so nothing outside holds a session.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import (
    delete,
    select,
)
from sqlalchemy.orm import selectinload

from wizard_app.core.compare.prompt_sets import PromptSet
from wizard_app.core.compare.runner import CellFinished, CellOutcome
from wizard_app.core.compare.spec import CompareSettings, ModelChoice, PromptItem
from wizard_app.core.errors import InputError
from wizard_app.core.runtime.records import run_fields
from wizard_app.core.storage.compare_schema import (
    Comparison,
    ComparisonCell,
    ComparisonModel,
    SavedPromptSet,
)
from wizard_app.core.storage.database import Database
from wizard_app.core.storage.run_tables import RunRepository


def _aware(when: datetime) -> datetime:
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


_METRIC_FIELDS = (
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


def _record(row: Comparison) -> ComparisonRecord:
    cells = {}
    for c in row.cells:
        values = {name: getattr(c, name) for name in CELL_FIELDS}
        values["finished_at"] = _aware(c.finished_at)
        values["error_params"] = dict(c.error_params or {})
        cells[(c.model_position, c.prompt_position)] = CellRecord(
            model=c.model_position, prompt=c.prompt_position, **values
        )
    return ComparisonRecord(
        id=row.id,
        created_at=_aware(row.created_at),
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
        row = Comparison(
            name=name or " vs ".join(m.label for m in models),
            use_case=use_case,
            blind=blind,
            revealed=False,
            settings=settings.to_json(),
            prompts=[p.to_json() for p in prompts],
            machine_id=machine_id,
            hardware=hardware,
            app_version=app_version,
            rerun_of=rerun_of,
            models=[
                ComparisonModel(
                    position=i,
                    label=m.label,
                    path=str(m.path),
                    model_id=m.model_id,
                    catalog_id=m.catalog_id,
                    quant=m.quant,
                )
                for i, m in enumerate(models)
            ],
        )
        with self.db.session() as s:
            s.add(row)
            s.commit()
            return self.get(row.id)

    def get(self, comparison_id: int) -> ComparisonRecord:
        with self.db.session() as s:
            row = s.scalars(
                select(Comparison)
                .where(Comparison.id == comparison_id)
                .options(selectinload(Comparison.models), selectinload(Comparison.cells))
            ).first()
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
        for name in _METRIC_FIELDS:
            values[name] = getattr(m, name) if m else None
        with self.db.session() as s:
            row = s.scalars(
                select(ComparisonCell).where(
                    ComparisonCell.comparison_id == comparison_id,
                    ComparisonCell.model_position == model,
                    ComparisonCell.prompt_position == prompt,
                )
            ).first()
            if row is None:
                row = ComparisonCell(
                    comparison_id=comparison_id, model_position=model, prompt_position=prompt
                )
                s.add(row)
            for key, value in values.items():
                setattr(row, key, value)
            s.commit()
            out = {name: getattr(row, name) for name in CELL_FIELDS}
            out["finished_at"] = _aware(row.finished_at)
            return CellRecord(model=model, prompt=prompt, **out)

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
        with self.db.session() as s:
            row = s.scalars(
                select(ComparisonCell).where(
                    ComparisonCell.comparison_id == comparison_id,
                    ComparisonCell.model_position == model,
                    ComparisonCell.prompt_position == prompt,
                )
            ).first()
            if row is None or row.status != "done":
                raise InputError("Only a finished answer can be rated.", "Run the cell first.")
            row.rating, row.note = rating, note
            s.commit()

    def reveal(self, comparison_id: int) -> None:
        with self.db.session() as s:
            row = s.get(Comparison, comparison_id)
            if row is not None:
                row.revealed = True
                s.commit()

    def delete(self, comparison_id: int) -> bool:
        with self.db.session() as s:
            s.execute(delete(ComparisonCell).where(ComparisonCell.comparison_id == comparison_id))
            s.execute(delete(ComparisonModel).where(ComparisonModel.comparison_id == comparison_id))
            gone = s.execute(delete(Comparison).where(Comparison.id == comparison_id))
            s.commit()
            return bool(gone.rowcount)  # type: ignore[attr-defined]

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
        q = (
            select(Comparison)
            .options(selectinload(Comparison.models), selectinload(Comparison.cells))
            .order_by(Comparison.id.desc())
            .limit(limit)
        )
        if model:
            like = f"%{model.lower()}%"
            sub = select(ComparisonModel.comparison_id).where(
                ComparisonModel.label.ilike(like) | ComparisonModel.path.ilike(like)
            )
            q = q.where(Comparison.id.in_(sub))
        if use_case:
            q = q.where(Comparison.use_case == use_case)
        if since is not None:
            q = q.where(Comparison.created_at >= since)
        if until is not None:
            q = q.where(Comparison.created_at < until)
        with self.db.session() as s:
            return [_record(r) for r in s.scalars(q).all()]


class PromptSetRepository:
    """The prompt sets a user saved (the use cases' presets are in the app itself)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def all(self) -> list[PromptSet]:
        with self.db.session() as s:
            rows = s.scalars(select(SavedPromptSet).order_by(SavedPromptSet.name)).all()
            return [
                PromptSet(
                    name=r.name,
                    use_case=r.use_case,
                    prompts=tuple(PromptItem.from_json(p) for p in r.prompts),
                    builtin=False,
                    id=r.id,
                )
                for r in rows
            ]

    def save(self, name: str, prompts: list[PromptItem], use_case: str | None = None) -> int:
        """Save (or replace) the set called ``name``."""
        name = name.strip()
        if not name:
            raise InputError("A prompt set needs a name.", "Type a name for the set.")
        if not prompts:
            raise InputError("A prompt set needs at least one prompt.", "Add a prompt first.")
        with self.db.session() as s:
            row = s.scalars(select(SavedPromptSet).where(SavedPromptSet.name == name)).first()
            if row is None:
                row = SavedPromptSet(name=name)
                s.add(row)
            row.use_case = use_case
            row.prompts = [p.to_json() for p in prompts]
            s.commit()
            return row.id

    def delete(self, name: str) -> bool:
        with self.db.session() as s:
            gone = s.execute(delete(SavedPromptSet).where(SavedPromptSet.name == name))
            s.commit()
            return bool(gone.rowcount)  # type: ignore[attr-defined]
