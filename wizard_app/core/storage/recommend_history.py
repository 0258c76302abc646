"""The saved answers and the recommendations they produced: the SQL behind the history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wizard_app.core.storage.database import Database
from wizard_app.core.storage.tables import SavedProfile, SavedRecommendation


@dataclass(frozen=True)
class HistoryRow:
    """One saved profile with the picks of its latest recommendation."""

    id: int
    name: str
    created_at: datetime
    answers: dict[str, Any]
    picks: list[dict[str, Any]]
    catalog_digest: str | None


class RecommendationHistory:
    """Short-lived sessions, used from the caller's (GUI or CLI) thread."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def add(
        self,
        *,
        name: str,
        answers: dict[str, Any],
        hardware: dict[str, Any],
        result: dict[str, Any],
        catalog_digest: str,
        app_version: str,
    ) -> int:
        """Insert a profile and its recommendation; returns the profile id."""
        with self.db.session() as s:
            return _insert(
                s,
                dict(name=name, answers=answers, hardware=hardware),
                dict(catalog_digest=catalog_digest, app_version=app_version, result=result),
            )

    def add_once(
        self,
        *,
        entry_key: str,
        created_at: datetime,
        name: str,
        answers: dict[str, Any],
        hardware: dict[str, Any],
        result: dict[str, Any],
        catalog_digest: str,
        app_version: str,
    ) -> bool:
        """Insert an outbox entry unless a profile has its key; True if it was added."""
        with self.db.session() as s:
            if s.scalar(select(SavedProfile.id).where(SavedProfile.entry_key == entry_key)):
                return False
            _insert(
                s,
                dict(
                    name=name,
                    answers=answers,
                    hardware=hardware,
                    created_at=created_at,
                    entry_key=entry_key,
                ),
                dict(
                    catalog_digest=catalog_digest,
                    app_version=app_version,
                    result=result,
                    created_at=created_at,
                ),
            )
            return True

    def latest(self, limit: int = 50) -> list[HistoryRow]:
        """The newest profiles first, each with its latest recommendation's picks."""
        q = select(SavedProfile).order_by(SavedProfile.id.desc()).limit(limit)
        with self.db.session() as s:
            out = []
            for p in s.scalars(q).all():
                latest = p.recommendations[-1] if p.recommendations else None
                out.append(
                    HistoryRow(
                        id=p.id,
                        name=p.name,
                        created_at=p.created_at,
                        answers=p.answers,
                        picks=list(latest.result.get("picks", [])) if latest else [],
                        catalog_digest=latest.catalog_digest if latest else None,
                    )
                )
            return out


def _insert(s: Session, profile: dict[str, Any], recommendation: dict[str, Any]) -> int:
    """One profile with its recommendation, committed; returns the profile id."""
    row = SavedProfile(**profile)
    row.recommendations.append(SavedRecommendation(**recommendation))
    s.add(row)
    s.commit()
    return row.id
