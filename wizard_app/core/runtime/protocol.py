"""The typed messages between the app and its inference worker process.

Requests go one way (app -> worker), events the other. Every message is a small frozen
dataclass sent pickled over a local authenticated connection; every request carries an id
and every event answers one, so the app can drop events of a request it has given up on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

CacheType = Literal["f32", "f16", "bf16", "q8_0", "q5_1", "q5_0", "q4_1", "q4_0"]
StopReason = Literal["eos", "length", "stop", "context", "cancelled"]
ErrorKind = Literal[
    "bad_request",
    "not_loaded",
    "load_failed",
    "unsupported_arch",
    "out_of_memory",
    "prompt_too_long",
    "generation_failed",
    "cancelled",
    "worker_died",
]
Role = Literal["system", "user", "assistant"]

# The worker's first line on stdout starts with this, followed by its address as JSON.
ADDRESS_PREFIX = "WIZARD-RUNTIME-WORKER "


# --- requests -------------------------------------------------------------------------
@dataclass(frozen=True)
class Load:
    """Load one GGUF model (closing any loaded one first)."""

    path: str
    n_ctx: int = 4096
    n_gpu_layers: int = 0
    n_threads: int | None = None  # None: physical cores
    n_batch: int = 512
    n_ubatch: int = 512
    flash_attn: bool = False
    cache_type_k: CacheType = "f16"
    cache_type_v: CacheType = "f16"
    use_mmap: bool = True
    retry_fewer_gpu_layers: bool = True
    # None: the client decides from this machine's CPU and what it learned (cpu_policy)
    extra_buffers: bool | None = None
    swa_full: bool = False  # False: sliding-window layers keep a window-sized cache
    # llama.cpp's shares over several GPUs (the plan's slots per GPU); (): its own split
    tensor_split: tuple[int, ...] = ()
    warmup: bool = True  # one small decode at load, so a crashing kernel shows up there
    request_id: int = 0


@dataclass(frozen=True)
class ChatMessage:
    role: Role
    content: str


@dataclass(frozen=True)
class Generate:
    """Generate from chat messages (rendered with the model's template) or a plain prompt."""

    messages: tuple[ChatMessage, ...] = ()
    prompt: str | None = None
    system: str | None = None
    temperature: float = 0.8
    top_p: float = 0.95
    top_k: int = 40
    min_p: float = 0.05
    repeat_penalty: float = 1.1
    max_tokens: int = 256
    seed: int | None = None
    stop: tuple[str, ...] = ()
    ignore_eos: bool = False  # keep going past end-of-generation tokens (benchmarks)
    reuse_cache: bool = True  # skip the prompt prefix the last run already evaluated
    request_id: int = 0


@dataclass(frozen=True)
class Cancel:
    """Stop the request with this id (generation or load); harmless if it has finished."""

    target_id: int
    request_id: int = 0


@dataclass(frozen=True)
class Unload:
    request_id: int = 0


@dataclass(frozen=True)
class Stats:
    request_id: int = 0


@dataclass(frozen=True)
class Shutdown:
    request_id: int = 0


Request = Load | Generate | Cancel | Unload | Stats | Shutdown


# --- events ---------------------------------------------------------------------------
@dataclass(frozen=True)
class DeviceInfo:
    """One ggml backend device and its memory, as llama.cpp sees it."""

    name: str
    description: str
    kind: Literal["cpu", "gpu", "igpu", "accel", "other"]
    free_bytes: int
    total_bytes: int


@dataclass(frozen=True)
class Hello:
    """Sent once when the worker is ready."""

    pid: int
    llama_cpp_version: str
    supports_gpu_offload: bool
    devices: tuple[DeviceInfo, ...]
    architectures: tuple[str, ...]
    system_info: str
    request_id: int = 0


@dataclass(frozen=True)
class LogLine:
    """A log record from the worker (llama.cpp's own log included), for the app's log."""

    level: int
    logger: str
    message: str
    request_id: int = 0


@dataclass(frozen=True)
class LoadProgress:
    request_id: int
    fraction: float
    stage: str


@dataclass(frozen=True)
class MemoryBreakdown:
    """Buffer sizes llama.cpp reported while loading (bytes, summed over devices)."""

    weights_bytes: int = 0  # model buffers (mapped or copied), all devices
    weights_gpu_bytes: int = 0
    kv_bytes: int = 0
    compute_bytes: int = 0
    output_bytes: int = 0  # logits/embeddings output buffer
    rss_before_load_bytes: int = 0  # the worker's own footprint, before the model
    rss_after_load_bytes: int = 0


@dataclass(frozen=True)
class ModelInfo:
    path: str
    arch: str
    n_ctx: int
    n_ctx_train: int
    n_gpu_layers: int
    n_layers: int
    n_threads: int
    n_vocab: int
    n_params: int
    size_bytes: int
    chat_format: str  # "gguf-template", or "fallback:<name>" when the file has none
    load_s: float
    memory: MemoryBreakdown
    notes: tuple[str, ...] = ()
    extra_buffers: bool = False  # llama.cpp was allowed extra (repacked) weight buffers
    swa_full: bool = False
    note_codes: tuple[tuple[str, tuple[tuple[str, str | int | float], ...]], ...] = ()

    def with_note(self, code: str, params: Mapping[str, str | int | float]) -> ModelInfo:
        """This info with one more coded note (its English from the error templates)."""
        from wizard_app.core.errors import render

        return replace(
            self,
            notes=(*self.notes, render(code, params)[0]),
            note_codes=(*self.note_codes, (code, tuple(params.items()))),
        )


@dataclass(frozen=True)
class Loaded:
    request_id: int
    info: ModelInfo


@dataclass(frozen=True)
class Token:
    request_id: int
    text: str  # may be empty: bytes held back until they form whole characters
    index: int  # 0-based; exactly one Token event per generated token


@dataclass(frozen=True)
class RunMetrics:
    """What one generation measured. Times in seconds, memory in bytes."""

    load_s: float
    prompt_tokens: int
    prompt_eval_tokens: int  # evaluated now; the rest came from the cache of the last run
    prompt_eval_s: float
    prompt_tok_per_s: float | None
    ttft_s: float  # request sent -> first token received (the app's view)
    ttft_worker_s: float  # request received -> first token sampled (inside the worker)
    gen_tokens: int
    gen_s: float
    gen_tok_per_s: float | None
    peak_rss_bytes: int
    rss_bytes: int
    stop_reason: StopReason
    n_ctx: int
    n_threads: int
    n_gpu_layers: int


@dataclass(frozen=True)
class Done:
    request_id: int
    metrics: RunMetrics
    text: str = ""  # the whole answer
    tail: str = ""  # text held back at the end and not sent in a Token: show it too


@dataclass(frozen=True)
class Heartbeat:
    """The worker is busy on a request (a long prompt evaluation): sent about once a second."""

    request_id: int


@dataclass(frozen=True)
class Unloaded:
    request_id: int


@dataclass(frozen=True)
class StatsReport:
    request_id: int
    rss_bytes: int
    peak_rss_bytes: int
    model: ModelInfo | None


@dataclass(frozen=True)
class Error:
    request_id: int
    kind: ErrorKind
    message: str
    remedy: str = ""
    details: tuple[str, ...] = field(default=())  # llama.cpp's last error log lines
    code: str = ""  # a wizard_app.core.errors code when message and remedy come from it
    params: dict[str, str | int | float] = field(default_factory=dict)


Event = (
    Hello | LogLine | LoadProgress | Loaded | Token | Done | Heartbeat | Unloaded | StatsReport
) | Error
