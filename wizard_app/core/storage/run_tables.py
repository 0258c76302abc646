"""Trial runs: the model, the settings, the prompt and output, and every measured figure.

One row per generation, with what the fit estimate predicted next to what was measured
(the data that ``runtime.calibration`` corrects later estimates with). Written by the
caller through ``RunRepository`` after the worker has returned its result: the worker
never touches the database.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, Float, Integer, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from wizard_app.core.runtime.calibration import Measurement
from wizard_app.core.runtime.trial import TrialResult
from wizard_app.core.storage.base import Base
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


def row_from_result(
    result: TrialResult,
    *,
    machine_id: str,
    app_version: str,
    model_id: int | None = None,
    model_name: str | None = None,
) -> TrialRun:
    s, m, e, h = result.settings, result.metrics, result.plan.estimate, result.header
    return TrialRun(
        machine_id=machine_id,
        app_version=app_version,
        llama_cpp_version=result.llama_cpp_version,
        model_path=str(h.path),
        model_id=model_id,
        model_name=model_name or h.name or h.path.name,
        arch=h.arch,
        quant=h.quant,
        weights_bytes=h.tensor_bytes,
        n_ctx=m.n_ctx,
        n_gpu_layers=m.n_gpu_layers,
        n_threads=m.n_threads,
        load_params={
            "n_batch": s.n_batch,
            "n_ubatch": s.n_ubatch,
            "flash_attn": s.flash_attn,
            "cache_type_k": s.cache_type_k,
            "cache_type_v": s.cache_type_v,
            "gpu_layers": s.gpu_layers,
            "requested_ctx": s.n_ctx,
        },
        sampling=s.sampling(),
        chat_format=result.model.chat_format if s.chat else "plain",
        system=s.system,
        prompt=s.prompt,
        output=result.output,
        load_s=m.load_s,
        prompt_tokens=m.prompt_tokens,
        prompt_eval_tokens=m.prompt_eval_tokens,
        prompt_tok_per_s=m.prompt_tok_per_s,
        ttft_s=m.ttft_s,
        gen_tokens=m.gen_tokens,
        gen_tok_per_s=m.gen_tok_per_s,
        peak_rss_bytes=m.peak_rss_bytes,
        stop_reason=m.stop_reason,
        memory=asdict(result.model.memory),
        predicted_rss_bytes=result.predicted_rss_bytes,
        predicted_tok_per_s=result.predicted_tok_per_s,
        predicted={
            "weights_bytes": e.weights_bytes,
            "kv_bytes": e.kv_bytes,
            "compute_bytes": e.compute_bytes,
            "overhead_bytes": e.overhead_bytes,
            "total_bytes": e.total_bytes,
            "cpu_bytes": e.cpu_bytes,
            "gpu_bytes": e.gpu_bytes,
            "tokens_per_s": e.tokens_per_s,
            "source": e.source,
        },
        notes=list(result.notes),
    )


def measurement_of(row: TrialRun) -> Measurement:
    return Measurement(
        model=row.model_name,
        weights_bytes=row.weights_bytes,
        context=row.n_ctx,
        gpu_layers=row.n_gpu_layers,
        predicted_rss_bytes=row.predicted_rss_bytes,
        measured_peak_rss_bytes=row.peak_rss_bytes,
        predicted_tok_per_s=row.predicted_tok_per_s,
        measured_tok_per_s=row.gen_tok_per_s,
    )


class RunRepository:
    """Short-lived sessions, used from the caller's (GUI or CLI) thread."""

    def __init__(self, db: Database) -> None:
        self.db = db

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

    def measurements(self, machine_id: str, limit: int = 50) -> list[Measurement]:
        """Completed runs on this machine, most recent first (cancelled ones are partial)."""
        q = (
            select(TrialRun)
            .where(TrialRun.machine_id == machine_id, TrialRun.stop_reason != "cancelled")
            .order_by(TrialRun.id.desc())
            .limit(limit)
        )
        with self.db.session() as s:
            return [measurement_of(r) for r in s.scalars(q).all()]
