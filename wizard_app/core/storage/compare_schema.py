"""The comparison tables: a comparison, its models, one row per finished cell, and the
prompt sets a user saved. Read and written through ``core.compare.repository``."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wizard_app.core.storage.base import Base


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Comparison(Base):
    __tablename__ = "comparisons"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    name: Mapped[str] = mapped_column(String(300))
    use_case: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    blind: Mapped[bool] = mapped_column(Boolean, default=False)
    revealed: Mapped[bool] = mapped_column(Boolean, default=False)
    settings: Mapped[dict[str, Any]] = mapped_column(JSON)
    prompts: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    machine_id: Mapped[str] = mapped_column(String(32))
    hardware: Mapped[dict[str, Any]] = mapped_column(JSON)
    app_version: Mapped[str] = mapped_column(String(32))
    rerun_of: Mapped[int | None] = mapped_column(Integer, nullable=True)
    models: Mapped[list[ComparisonModel]] = relationship(
        order_by="ComparisonModel.position", cascade="all, delete-orphan", passive_deletes=True
    )
    cells: Mapped[list[ComparisonCell]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class ComparisonModel(Base):
    __tablename__ = "comparison_models"
    __table_args__ = (UniqueConstraint("comparison_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    comparison_id: Mapped[int] = mapped_column(
        ForeignKey("comparisons.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(300), index=True)
    path: Mapped[str] = mapped_column(String(2000))
    model_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    catalog_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    quant: Mapped[str | None] = mapped_column(String(32), nullable=True)


class ComparisonCell(Base):
    """One finished (model, prompt) cell: an answer with its figures, or why it failed."""

    __tablename__ = "comparison_cells"
    __table_args__ = (UniqueConstraint("comparison_id", "model_position", "prompt_position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    comparison_id: Mapped[int] = mapped_column(
        ForeignKey("comparisons.id", ondelete="CASCADE"), index=True
    )
    model_position: Mapped[int] = mapped_column(Integer)
    prompt_position: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))  # done | failed
    finished_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    output: Mapped[str] = mapped_column(Text, default="")
    error_kind: Mapped[str] = mapped_column(String(32), default="")
    error: Mapped[str] = mapped_column(Text, default="")
    error_code: Mapped[str] = mapped_column(String(64), default="")
    error_params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    chat_format: Mapped[str] = mapped_column(String(64), default="")
    llama_cpp_version: Mapped[str] = mapped_column(String(32), default="")
    load_s: Mapped[float | None] = mapped_column(Float, nullable=True)
    ttft_s: Mapped[float | None] = mapped_column(Float, nullable=True)
    prompt_tokens: Mapped[int | None] = mapped_column(Integer, nullable=True)
    prompt_tok_per_s: Mapped[float | None] = mapped_column(Float, nullable=True)
    gen_tokens: Mapped[int | None] = mapped_column(Integer, nullable=True)
    gen_s: Mapped[float | None] = mapped_column(Float, nullable=True)
    gen_tok_per_s: Mapped[float | None] = mapped_column(Float, nullable=True)
    peak_rss_bytes: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    stop_reason: Mapped[str] = mapped_column(String(16), default="")
    n_ctx: Mapped[int | None] = mapped_column(Integer, nullable=True)
    n_gpu_layers: Mapped[int | None] = mapped_column(Integer, nullable=True)
    predicted_rss_bytes: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    predicted_tok_per_s: Mapped[float | None] = mapped_column(Float, nullable=True)
    run_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # runs.id
    rating: Mapped[int | None] = mapped_column(Integer, nullable=True)  # 1..5
    note: Mapped[str] = mapped_column(Text, default="")


class SavedPromptSet(Base):
    __tablename__ = "prompt_sets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    use_case: Mapped[str | None] = mapped_column(String(64), nullable=True)
    prompts: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
