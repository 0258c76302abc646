"""Trial runs: the model, the settings, the prompt and output, and every measured figure.

One row per generation, with what the fit estimate predicted next to what was measured
(the data that ``runtime.calibration`` corrects later estimates with). Written by the
caller through ``RunRepository`` after the worker has returned its result: the worker
never touches the database. The runtime gives its results as column values and reads
stored runs back (``core.runtime.records``); neither module imports the other.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, BigInteger, DateTime, Float, Integer, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from wizard_app.core.storage.base import Base

if TYPE_CHECKING:
    from wizard_app.core.storage.database import Database


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class TrialRun(Base):
    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    machine_id: Mapped[str] = mapped_column(String(32), index=True)
    app_version: Mapped[str] = mapped_column(String(32))
    llama_cpp_version: Mapped[str] = mapped_column(String(32))
    # the model
    model_path: Mapped[str] = mapped_column(String(2000))
    model_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # library id
    model_name: Mapped[str] = mapped_column(String(300))
    arch: Mapped[str] = mapped_column(String(64))
    quant: Mapped[str] = mapped_column(String(32))
    weights_bytes: Mapped[int] = mapped_column(BigInteger)
    # the settings
    n_ctx: Mapped[int] = mapped_column(Integer)
    n_gpu_layers: Mapped[int] = mapped_column(Integer)
    n_threads: Mapped[int] = mapped_column(Integer)
    load_params: Mapped[dict[str, Any]] = mapped_column(JSON)
    sampling: Mapped[dict[str, Any]] = mapped_column(JSON)
    chat_format: Mapped[str] = mapped_column(String(64))
    system: Mapped[str | None] = mapped_column(Text, nullable=True)
    prompt: Mapped[str] = mapped_column(Text)
    output: Mapped[str] = mapped_column(Text)
    # measured
    load_s: Mapped[float] = mapped_column(Float)
    prompt_tokens: Mapped[int] = mapped_column(Integer)
    prompt_eval_tokens: Mapped[int] = mapped_column(Integer)
    prompt_tok_per_s: Mapped[float | None] = mapped_column(Float, nullable=True)
    ttft_s: Mapped[float] = mapped_column(Float)
    gen_tokens: Mapped[int] = mapped_column(Integer)
    gen_tok_per_s: Mapped[float | None] = mapped_column(Float, nullable=True)
    peak_rss_bytes: Mapped[int] = mapped_column(BigInteger)
    stop_reason: Mapped[str] = mapped_column(String(16))
    memory: Mapped[dict[str, Any]] = mapped_column(JSON)  # llama.cpp's buffer sizes
    # predicted (fit estimate for this file, context and placement)
    predicted_rss_bytes: Mapped[int] = mapped_column(BigInteger)
    predicted_tok_per_s: Mapped[float | None] = mapped_column(Float, nullable=True)
    predicted: Mapped[dict[str, Any]] = mapped_column(JSON)  # the estimate's terms
    notes: Mapped[list[str]] = mapped_column(JSON)


class RunRepository:
    """Short-lived sessions, used from the caller's (GUI or CLI) thread."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def add_run(self, fields: Mapping[str, Any]) -> int:
        """Store one run from its column values (``core.runtime.records.run_fields``)."""
        return self.add(TrialRun(**fields))

    def add(self, row: TrialRun) -> int:
        with self.db.session() as s:
            s.add(row)
            s.commit()
            return row.id

    def recent(self, limit: int = 50, machine_id: str | None = None) -> list[TrialRun]:
        q = select(TrialRun).order_by(TrialRun.id.desc()).limit(limit)
        if machine_id is not None:
            q = q.where(TrialRun.machine_id == machine_id)
        with self.db.session() as s:
            return list(s.scalars(q).all())

    def completed(self, machine_id: str, limit: int = 50) -> list[TrialRun]:
        """Completed runs on this machine, most recent first (cancelled ones are partial)."""
        q = (
            select(TrialRun)
            .where(TrialRun.machine_id == machine_id, TrialRun.stop_reason != "cancelled")
            .order_by(TrialRun.id.desc())
            .limit(limit)
        )
        with self.db.session() as s:
            return list(s.scalars(q).all())
