"""Tables of the core engine: saved profiles (the answers) and their recommendations."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wizard_app.core.storage.base import Base


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class SavedProfile(Base):
    """What the user answered: use case, language, constraints, budget, hardware overrides."""

    __tablename__ = "profiles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    hardware: Mapped[dict[str, Any]] = mapped_column(JSON)
    # set for entries added from the outbox (storage/outbox.py): the file's name
    entry_key: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)

    recommendations: Mapped[list[SavedRecommendation]] = relationship(
        back_populates="profile", cascade="all, delete-orphan"
    )


class SavedRecommendation(Base):
    """The ranked result a profile produced, kept as the JSON the CLI prints."""

    __tablename__ = "recommendations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    catalog_digest: Mapped[str] = mapped_column(String(64))
    app_version: Mapped[str] = mapped_column(String(32))
    result: Mapped[dict[str, Any]] = mapped_column(JSON)

    profile: Mapped[SavedProfile] = relationship(back_populates="recommendations")
