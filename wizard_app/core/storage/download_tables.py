"""Tables of the download queue and of the library of installed models.

No token is ever stored here: a queued download keeps its endpoint, and the token is
looked up again (settings, HF_TOKEN, the Hugging Face CLI's login) when it runs.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from wizard_app.core.storage.base import Base

DOWNLOAD_STATES = ("queued", "downloading", "paused", "failed", "verified")
MODEL_SOURCES = ("download", "import", "huggingface", "lmstudio", "gpt4all", "ollama")


def _now() -> datetime:
    return datetime.now(timezone.utc)


class DownloadRow(Base):
    """One file to fetch: where from, where to, and how far it got."""

    __tablename__ = "downloads"
    __table_args__ = (
        CheckConstraint(
            "state IN ('queued', 'downloading', 'paused', 'failed', 'verified')", name="state"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    repo: Mapped[str] = mapped_column(String(200))
    filename: Mapped[str] = mapped_column(String(500))
    revision: Mapped[str] = mapped_column(String(100), default="main")
    commit: Mapped[str | None] = mapped_column(String(64))
    endpoint: Mapped[str] = mapped_column(String(500))
    catalog_id: Mapped[str | None] = mapped_column(String(200))
    quant: Mapped[str | None] = mapped_column(String(32))
    dest_path: Mapped[str] = mapped_column(String(2000), index=True)
    size_bytes: Mapped[int | None] = mapped_column(BigInteger)
    expected_sha256: Mapped[str | None] = mapped_column(String(64))
    sha256: Mapped[str | None] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    reason: Mapped[str | None] = mapped_column(Text)
    bytes_done: Mapped[int] = mapped_column(BigInteger, default=0)
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=_now, onupdate=_now
    )
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class InstalledModel(Base):
    """A GGUF on disk the app can run: downloaded, imported, or found from another tool."""

    __tablename__ = "installed_models"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    path: Mapped[str] = mapped_column(String(2000), unique=True)
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    source: Mapped[str] = mapped_column(String(32))
    owned: Mapped[bool] = mapped_column(Boolean, default=False)
    display_name: Mapped[str] = mapped_column(String(300))
    repo: Mapped[str | None] = mapped_column(String(200))
    filename: Mapped[str | None] = mapped_column(String(500))
    revision: Mapped[str | None] = mapped_column(String(100))
    sha256: Mapped[str | None] = mapped_column(String(64))
    sha256_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    catalog_id: Mapped[str | None] = mapped_column(String(200))
    quant: Mapped[str | None] = mapped_column(String(32))
    architecture: Mapped[str | None] = mapped_column(String(64))
    header: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    download_id: Mapped[int | None] = mapped_column(
        ForeignKey("downloads.id", ondelete="SET NULL"), index=True
    )
