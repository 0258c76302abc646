"""The SQL behind saved comparisons and prompt sets (tables in ``compare_schema``).

Rows go in as plain values and come out as detached rows, loaded whole (models and
cells with their comparison), so nothing outside holds a session. ``core.compare
.repository`` turns them into the comparison's own types.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import selectinload

from wizard_app.core.storage.compare_schema import (
    Comparison,
    ComparisonCell,
    ComparisonModel,
    SavedPromptSet,
)
from wizard_app.core.storage.database import Database


class ComparisonRows:
    """Short-lived sessions, used from the caller's (GUI or CLI) thread."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def insert(self, values: Mapping[str, Any], models: Sequence[Mapping[str, Any]]) -> int:
        """A new comparison with its models (``position`` is each one's place)."""
        row = Comparison(**values, models=[ComparisonModel(**m) for m in models])
        with self.db.session() as s:
            s.add(row)
            s.commit()
            return row.id

    def get(self, comparison_id: int) -> Comparison | None:
        with self.db.session() as s:
            return s.scalars(_whole().where(Comparison.id == comparison_id)).first()

    def search(
        self,
        *,
        model: str | None = None,
        use_case: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int = 200,
    ) -> list[Comparison]:
        """Newest first; ``model`` matches part of a model's label or path (any case)."""
        q = _whole().order_by(Comparison.id.desc()).limit(limit)
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
            return list(s.scalars(q).all())

    def put_cell(
        self, comparison_id: int, model: int, prompt: int, values: Mapping[str, Any]
    ) -> ComparisonCell:
        """Insert or update one cell (its rating and note are kept)."""
        with self.db.session() as s:
            row = s.scalars(_cell(comparison_id, model, prompt)).first()
            if row is None:
                row = ComparisonCell(
                    comparison_id=comparison_id, model_position=model, prompt_position=prompt
                )
                s.add(row)
            for key, value in values.items():
                setattr(row, key, value)
            s.commit()
            return row

    def rate_done_cell(
        self, comparison_id: int, model: int, prompt: int, rating: int | None, note: str
    ) -> bool:
        """Set a finished cell's rating and note; False if there is no finished cell."""
        with self.db.session() as s:
            row = s.scalars(_cell(comparison_id, model, prompt)).first()
            if row is None or row.status != "done":
                return False
            row.rating, row.note = rating, note
            s.commit()
            return True

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


class PromptSetRows:
    """The prompt sets a user saved, by name."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def all(self) -> list[SavedPromptSet]:
        with self.db.session() as s:
            return list(s.scalars(select(SavedPromptSet).order_by(SavedPromptSet.name)).all())

    def put(self, name: str, use_case: str | None, prompts: list[dict[str, Any]]) -> int:
        """Save (or replace) the set called ``name``; returns its id."""
        with self.db.session() as s:
            row = s.scalars(select(SavedPromptSet).where(SavedPromptSet.name == name)).first()
            if row is None:
                row = SavedPromptSet(name=name)
                s.add(row)
            row.use_case = use_case
            row.prompts = prompts
            s.commit()
            return row.id

    def delete(self, name: str) -> bool:
        with self.db.session() as s:
            gone = s.execute(delete(SavedPromptSet).where(SavedPromptSet.name == name))
            s.commit()
            return bool(gone.rowcount)  # type: ignore[attr-defined]


def _whole() -> Any:
    return select(Comparison).options(
        selectinload(Comparison.models), selectinload(Comparison.cells)
    )


def _cell(comparison_id: int, model: int, prompt: int) -> Any:
    return select(ComparisonCell).where(
        ComparisonCell.comparison_id == comparison_id,
        ComparisonCell.model_position == model,
        ComparisonCell.prompt_position == prompt,
    )
