"""Running a comparison: every prompt on one model, then the next model, in order.

A model may also be on a server (an endpoint): its prompts go through the remote client,
measured on this side, and the same cell events come out.

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
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from wizard_app.core.cancel import CancelToken
from wizard_app.core.compare.spec import CompareSettings, ModelChoice, PromptItem
from wizard_app.core.errors import Param, WizardError
from wizard_app.core.hardware.profile import HardwareProfile
from wizard_app.core.runtime import protocol as p
from wizard_app.core.runtime.client import RuntimeClient
from wizard_app.core.runtime.deaths import RunError
from wizard_app.core.runtime.trial import TrialResult, trial_run

if TYPE_CHECKING:  # a comparison of local models never imports the HTTP client
    from wizard_app.core.remote.client import RemoteClient, RemoteDone

CellStatus = Literal["done", "failed"]
# why a cell failed: a protocol ErrorKind, or one of these
MISSING_FILE = "missing_file"  # the model file was removed
NOT_LOADED = "not_loaded"  # an earlier prompt of this model could not load it
BAD_INPUT = "bad_input"  # the file or settings were refused before loading
REMOTE = "remote"  # the server could not be used or broke off the answer
# a server that fails one prompt this way fails the model's other prompts too
_REMOTE_FATAL = frozenset(
    {
        "remote.unreachable",
        "remote.connect_timeout",
        "remote.tls",
        "remote.unauthorized",
        "remote.unauthorized.no_key",
        "remote.model_not_found",
        "remote.no_models",
        "remote.unknown_endpoint",
    }
)


@dataclass(frozen=True)
class RemoteCellMetrics:
    """What a cell on a server measured, with the names of ``RunMetrics``; the server's
    load time, memory and settings are not known here and stay None."""

    ttft_s: float
    gen_tokens: int
    gen_s: float
    gen_tok_per_s: float | None
    prompt_tokens: int | None
    prompt_tok_per_s: float | None  # the server's own figure, when it sends one
    stop_reason: str
    load_s: None = None
    peak_rss_bytes: None = None
    n_ctx: None = None
    n_gpu_layers: None = None

    @classmethod
    def of(cls, done: RemoteDone) -> RemoteCellMetrics:
        m = done.metrics
        timings = m.server_timings
        return cls(
            ttft_s=m.ttft_s,
            gen_tokens=m.gen_tokens,
            gen_s=m.gen_s,
            gen_tok_per_s=m.gen_tok_per_s,
            prompt_tokens=m.prompt_tokens or (timings.prompt_n if timings else None),
            prompt_tok_per_s=timings.prompt_per_second if timings else None,
            stop_reason={"stop": "eos"}.get(m.stop_reason, m.stop_reason)[:16],
        )


@dataclass(frozen=True)
class CellOutcome:
    """What one (model, prompt) cell ended with: an answer and its figures, or the reason."""

    status: CellStatus
    output: str = ""
    metrics: p.RunMetrics | RemoteCellMetrics | None = None
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
    remotes: Callable[[str], RemoteClient] | None = None,
) -> Iterator[CompareEvent]:
    """Run every (model, prompt) cell not in ``skip``; see the module docstring.

    ``remotes`` gives the client for an endpoint's name, for models on a server
    (``ModelChoice.for_remote``); the caller closes those clients.
    """
    done = set(skip)
    for mi, model in enumerate(models):
        todo = [pi for pi in range(len(prompts)) if (mi, pi) not in done]
        if not todo:
            continue
        if token is not None and token.is_set():
            return
        if model.remote is not None:
            yield ModelStarted(mi)
            yield from _run_remote_model(remotes, mi, model, todo, prompts, settings, token)
            continue
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


def _run_remote_model(
    remotes: Callable[[str], RemoteClient] | None,
    mi: int,
    model: ModelChoice,
    todo: list[int],
    prompts: Sequence[PromptItem],
    settings: CompareSettings,
    token: CancelToken | None,
) -> Iterator[CompareEvent]:
    from wizard_app.core.remote.client import RemoteDone
    from wizard_app.core.remote.errors import RemoteError
    from wizard_app.core.remote.runtime import chat_request

    assert model.remote is not None
    endpoint, model_id = model.remote
    fatal: CellOutcome | None = None
    try:
        client = remotes(endpoint) if remotes is not None else None
    except WizardError as exc:
        client, fatal = None, CellOutcome.failure(REMOTE, exc)
    if client is None and fatal is None:
        fatal = CellOutcome.failure(REMOTE, f"No client for the endpoint {endpoint}.")
    for pi in todo:
        if token is not None and token.is_set():
            return
        if fatal is not None or client is None:
            yield CellFinished(mi, pi, fatal or CellOutcome.failure(REMOTE, endpoint))
            continue
        yield CellStarted(mi, pi)
        item = prompts[pi]
        request = chat_request(
            model_id,
            item.prompt,
            system=item.system or None,
            max_tokens=settings.max_tokens,
            temperature=settings.temperature,
            top_p=settings.top_p,
            top_k=settings.top_k,
            min_p=settings.min_p,
            seed=settings.seed,
        )
        outcome: CellOutcome | None = None
        try:
            for event in client.chat(request, token):
                if isinstance(event, RemoteDone):
                    outcome = CellOutcome(
                        status="done",
                        output=event.text,
                        metrics=RemoteCellMetrics.of(event),
                        chat_format="server",
                    )
                elif event.text:
                    yield CellToken(mi, pi, event.text)
        except RemoteError as exc:
            outcome = CellOutcome.failure(REMOTE, exc)
            if exc.code in _REMOTE_FATAL:
                fatal = outcome
        if outcome is None:  # cancelled: the cell stays to do
            return
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
