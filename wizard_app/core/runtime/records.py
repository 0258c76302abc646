"""Trial results as the run table's columns, and stored runs back as measurements.

Neither side imports the other: ``run_fields`` gives plain column values for
``storage.run_tables.RunRepository.add_run``, and a stored run is read through the
small ``StoredRun`` protocol (``TrialRun`` rows have it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any, Protocol

from wizard_app.core.runtime.calibration import Measurement
from wizard_app.core.runtime.trial import TrialResult


class StoredRun(Protocol):
    """What calibration reads of a stored run."""

    @property
    def model_name(self) -> str: ...
    @property
    def weights_bytes(self) -> int: ...
    @property
    def n_ctx(self) -> int: ...
    @property
    def n_gpu_layers(self) -> int: ...
    @property
    def predicted_rss_bytes(self) -> int: ...
    @property
    def peak_rss_bytes(self) -> int: ...
    @property
    def predicted_tok_per_s(self) -> float | None: ...
    @property
    def gen_tok_per_s(self) -> float | None: ...


class RunStore(Protocol):
    """Where completed runs are read from (``RunRepository`` is one)."""

    def completed(self, machine_id: str, limit: int = 50) -> Sequence[StoredRun]: ...


def run_fields(
    result: TrialResult,
    *,
    machine_id: str,
    app_version: str,
    model_id: int | None = None,
    model_name: str | None = None,
) -> dict[str, Any]:
    """The run table's column values for ``result`` (one trial, as measured).

    (Over 60 lines only for the one dict, a column a line.)
    """
    s, m, e, h = result.settings, result.metrics, result.plan.estimate, result.header
    return dict(
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


def measurement_of(row: StoredRun) -> Measurement:
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


def measurements(repo: RunStore, machine_id: str, limit: int = 50) -> list[Measurement]:
    """What the completed runs on this machine measured, most recent first."""
    return [measurement_of(row) for row in repo.completed(machine_id, limit)]
