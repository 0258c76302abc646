"""Running a comparison: every prompt on one model, then the next model, in order.

``run_comparison`` is a generator in the house style: iterate it from a worker thread and
pass a ``CancelToken``. Each model is loaded once (``trial_run`` skips the load when the
worker already holds it with the same settings), runs the prompts in their order with the
same sampling settings and seed, and is unloaded before the next model so each one has
the memory to itself. Cells in ``skip`` (finished earlier) are never run again: that is
how a stopped comparison resumes.

A fault is a cell's, not the comparison's: a worker that dies (llama.cpp aborted, the
system killed it for memory) fails the cell it was running and a fresh worker takes the
next one; a model that cannot load, or whose file is gone, fails its own cells with the
reason and the next model runs.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

from wizard_app.core.cancel import CancelToken
from wizard_app.core.compare.spec import CompareSettings, ModelChoice, PromptItem
from wizard_app.core.errors import Param, WizardError
from wizard_app.core.hardware.profile import HardwareProfile
from wizard_app.core.runtime import protocol as p
from wizard_app.core.runtime.client import RunError, RuntimeClient
from wizard_app.core.runtime.trial import TrialResult, trial_run

CellStatus = Literal["done", "failed"]
# why a cell failed: a protocol ErrorKind, or one of these
MISSING_FILE = "missing_file"  # the model file was removed
NOT_LOADED = "not_loaded"  # an earlier prompt of this model could not load it
BAD_INPUT = "bad_input"  # the file or settings were refused before loading


@dataclass(frozen=True)
class CellOutcome:
    """What one (model, prompt) cell ended with: an answer and its figures, or the reason."""

    status: CellStatus
    output: str = ""
    metrics: p.RunMetrics | None = None
    predicted_rss_bytes: int | None = None
    predicted_tok_per_s: float | None = None
    chat_format: str = ""
    llama_cpp_version: str = ""
    error_kind: str = ""
    error: str = ""  # English message and remedy
    error_code: str = ""  # a core.errors code, for a translated message
    error_params: dict[str, Param] = field(default_factory=dict)
    result: TrialResult | None = None  # for the trial-run record (calibration)
    finished_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))

    @classmethod
    def success(cls, result: TrialResult) -> CellOutcome:
        return cls(
            status="done",
            output=result.output,
            metrics=result.metrics,
            predicted_rss_bytes=result.predicted_rss_bytes,
            predicted_tok_per_s=result.predicted_tok_per_s,
            chat_format=result.model.chat_format,
            llama_cpp_version=result.llama_cpp_version,
            result=result,
        )

    @classmethod
    def failure(cls, kind: str, exc: BaseException | str) -> CellOutcome:
        if isinstance(exc, WizardError):
            return cls(
                status="failed",
                error_kind=kind,
                error=str(exc),
                error_code=exc.code or "",
                error_params=dict(exc.params),
            )
        return cls(status="failed", error_kind=kind, error=str(exc))


# --- events ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ModelStarted:
    model: int


@dataclass(frozen=True)
class ModelLoading:
    model: int
    fraction: float


@dataclass(frozen=True)
class CellStarted:
    model: int
    prompt: int


@dataclass(frozen=True)
class CellToken:
    model: int
    prompt: int
    text: str


@dataclass(frozen=True)
class CellFinished:
    model: int
    prompt: int
    outcome: CellOutcome


CompareEvent = ModelStarted | ModelLoading | CellStarted | CellToken | CellFinished


def _missing(path: Path) -> CellOutcome:
    return CellOutcome.failure(
        MISSING_FILE,
        f"The model file {path} is no longer there. Download or import it again, or "
        "compare other models.",
    )


def run_comparison(
    client: RuntimeClient,
    models: Sequence[ModelChoice],
    prompts: Sequence[PromptItem],
    settings: CompareSettings,
    hw: HardwareProfile,
    *,
    skip: Collection[tuple[int, int]] = (),
    token: CancelToken | None = None,
) -> Iterator[CompareEvent]:
    """Run every (model, prompt) cell not in ``skip``; see the module docstring."""
    done = set(skip)
    for mi, model in enumerate(models):
        todo = [pi for pi in range(len(prompts)) if (mi, pi) not in done]
        if not todo:
            continue
        if token is not None and token.is_set():
            return
        if not model.path.is_file():
            for pi in todo:
                yield CellFinished(mi, pi, _missing(model.path))
            continue
        yield ModelStarted(mi)
        try:
            yield from _run_model(client, mi, model, todo, prompts, settings, hw, token)
        finally:
            with contextlib.suppress(RunError):
                client.unload()


def _run_model(
    client: RuntimeClient,
    mi: int,
    model: ModelChoice,
    todo: list[int],
    prompts: Sequence[PromptItem],
    settings: CompareSettings,
    hw: HardwareProfile,
    token: CancelToken | None,
) -> Iterator[CompareEvent]:
    could_not_load: CellOutcome | None = None
    for pi in todo:
        if token is not None and token.is_set():
            return
        if could_not_load is not None:
            yield CellFinished(mi, pi, could_not_load)
            continue
        if not model.path.is_file():  # removed while this model was running
            yield CellFinished(mi, pi, _missing(model.path))
            continue
        yield CellStarted(mi, pi)
        held = client.model
        loaded = held is not None and held.path == str(model.path.resolve())
        outcome: CellOutcome | None = None
        try:
            for event in trial_run(client, settings.trial(model.path, prompts[pi]), hw, token):
                if isinstance(event, p.Token):
                    loaded = True
                    if event.text:
                        yield CellToken(mi, pi, event.text)
                elif isinstance(event, p.Done):
                    loaded = True
                    if event.tail:
                        yield CellToken(mi, pi, event.tail)
                elif isinstance(event, p.LoadProgress):
                    yield ModelLoading(mi, event.fraction)
                elif isinstance(event, p.Loaded):
                    loaded = True
                elif isinstance(event, TrialResult):
                    outcome = CellOutcome.success(event)
        except RunError as exc:
            outcome = CellOutcome.failure(exc.kind or "generation_failed", exc)
            if not loaded and exc.kind != "prompt_too_long":
                could_not_load = CellOutcome.failure(NOT_LOADED, exc)
        except (WizardError, OSError) as exc:  # refused before loading: bad file or settings
            outcome = CellOutcome.failure(BAD_INPUT, exc)
            could_not_load = CellOutcome.failure(NOT_LOADED, exc)
        cancelled = outcome is None or (
            outcome.metrics is not None and outcome.metrics.stop_reason == "cancelled"
        )
        if cancelled:  # the cell stays to do; a part of an answer is not one
            return
        assert outcome is not None
        yield CellFinished(mi, pi, outcome)


def batched(events: Iterator[CompareEvent], interval_s: float = 0.04) -> Iterator[CompareEvent]:
    """The same events with the tokens of a cell merged over ``interval_s``: a window
    paints at that pace anyway, and each event it is sent costs a signal across threads."""
    pending: CellToken | None = None
    since = time.monotonic()
    for event in events:
        if isinstance(event, CellToken):
            if pending is not None and (pending.model, pending.prompt) == (
                event.model,
                event.prompt,
            ):
                pending = CellToken(event.model, event.prompt, pending.text + event.text)
            else:
                if pending is not None:
                    yield pending
                pending, since = event, time.monotonic()
            if time.monotonic() - since >= interval_s:
                yield pending
                pending = None
            continue
        if pending is not None:
            yield pending
            pending = None
        yield event
    if pending is not None:
        yield pending
