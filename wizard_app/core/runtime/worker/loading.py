"""Loading a model in the worker: check the request, open with retries, warm up, describe.

A load that runs out of GPU memory is retried with fewer GPU layers; a crash in a kernel
shows in the warm-up decode, while the app still knows it was a load (``cpu_policy``).
"""

from __future__ import annotations

import gc
import logging
import os
import re
import signal
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from wizard_app.core.errors import Param, render
from wizard_app.core.runtime import chat_formats
from wizard_app.core.runtime import protocol as p
from wizard_app.core.runtime.cpu_policy import default_extra_buffers
from wizard_app.core.runtime.metrics import reset_peak_rss, rss_bytes
from wizard_app.core.runtime.offload import llama_cpp_gpu_layers
from wizard_app.core.runtime.retry import gpu_layer_attempts, looks_out_of_memory
from wizard_app.core.runtime.worker.channel import error_lines
from wizard_app.core.runtime.worker.llama import CACHE_TYPES, memory_from_log
from wizard_app.core.runtime.worker.state import Context, Loaded, coded

log = logging.getLogger("wizard_app.worker")

# Fault injection for the tests of the crash retry on CPUs where llama.cpp does not crash.
FAULT_ENV = "MODEL_WIZARD_WORKER_FAULT"
FALLBACK_CHAT_FORMAT = "chatml"  # what llama.cpp's server assumes without a template
_FULL_CACHE_TYPES = ("f32", "f16", "bf16")  # V caches that work without flash attention


@dataclass
class _Opened:
    llm: Any
    n_gpu: int
    lines: list[tuple[int, str]]
    load_s: float
    notes: list[str]


class _Progress:
    """Load progress to the app every 5%; returns False (abort) once cancelled."""

    def __init__(self, ctx: Context, request_id: int) -> None:
        self._ctx = ctx
        self._rid = request_id
        self._sent = -1.0

    def __call__(self, fraction: float) -> bool:
        if fraction - self._sent >= 0.05 or fraction >= 1.0 > self._sent:
            self._sent = fraction
            self._ctx.send.quietly(p.LoadProgress(self._rid, fraction, "loading weights"))
        return not self._ctx.cancel.event.is_set()


def check(req: p.Load) -> p.Error | None:
    """What is wrong with a load request before anything is unloaded or opened."""
    rid = req.request_id
    path = Path(req.path)
    if not path.is_file():
        return p.Error(rid, "bad_request", f"No model file at {path}.")
    for which, cache in (("K", req.cache_type_k), ("V", req.cache_type_v)):
        if cache not in CACHE_TYPES:
            return p.Error(rid, "bad_request", f"Unknown {which} cache type {cache!r}.")
    if req.cache_type_v not in _FULL_CACHE_TYPES and not req.flash_attn:
        return p.Error(
            rid,
            "bad_request",
            f"A {req.cache_type_v} V cache needs flash attention in llama.cpp.",
            "Turn flash attention on, or use an f16 V cache.",
        )
    return None


def load(ctx: Context, req: p.Load) -> Loaded | None:
    """Open the model of a checked request; send Loaded (or an Error) and return it."""
    rid = req.request_id
    ctx.send(p.LoadProgress(rid, 0.0, "opening"))
    reset_peak_rss()
    rss_before = rss_bytes()
    threads = req.n_threads or _physical_cores()
    extra = (
        req.extra_buffers
        if req.extra_buffers is not None
        else default_extra_buffers(ctx.cpp.system_info).enabled
    )
    opened = _open(ctx, req, threads, extra)
    if isinstance(opened, p.Error):
        ctx.send(opened)
        return None
    model = _describe(ctx, req, opened, threads, extra, rss_before)
    log.info(
        "loaded %s in %.2f s (ctx %d, %d threads)",
        Path(req.path).name,
        opened.load_s,
        model.info.n_ctx,
        threads,
    )
    ctx.send(p.LoadProgress(rid, 1.0, "ready"))
    ctx.send(p.Loaded(rid, model.info))
    return model


def _open(ctx: Context, req: p.Load, threads: int, extra: bool) -> _Opened | p.Error:
    """``Llama()`` with the request's settings, retried with fewer GPU layers on OOM."""
    rid = req.request_id
    offload = ctx.cpp.supports_gpu_offload and req.n_gpu_layers != 0
    attempts = (
        gpu_layer_attempts(req.n_gpu_layers)
        if offload and req.retry_fewer_gpu_layers
        else [req.n_gpu_layers if offload else 0]
    )
    notes: list[str] = []
    if req.n_gpu_layers and not ctx.cpp.supports_gpu_offload:
        notes.append("This llama.cpp build cannot offload to a GPU; every layer runs on the CPU.")
    for i, n_gpu in enumerate(attempts):
        load_error = ""
        llm: Any = None
        with ctx.native.capture() as lines, ctx.cpp.load_params(_Progress(ctx, rid), extra):
            t0 = time.perf_counter()
            try:
                llm = ctx.cpp.open(
                    req.path,
                    n_ctx=req.n_ctx,
                    n_gpu_layers=llama_cpp_gpu_layers(n_gpu),  # blocks -> llama.cpp's count
                    n_threads=threads,
                    n_threads_batch=threads,
                    n_batch=req.n_batch,
                    n_ubatch=req.n_ubatch,
                    flash_attn=req.flash_attn,
                    type_k=CACHE_TYPES[req.cache_type_k],
                    type_v=CACHE_TYPES[req.cache_type_v],
                    use_mmap=req.use_mmap,
                    swa_full=req.swa_full,
                    **_split_param(req),
                )
                if req.warmup:
                    _warmup(llm, extra)
            except (ValueError, RuntimeError, OSError) as exc:
                load_error = str(exc)
        if llm is not None:
            return _Opened(llm, n_gpu, lines, time.perf_counter() - t0, notes)
        gc.collect()  # free what the failed attempt allocated before the next one
        if ctx.cancel.event.is_set():
            return p.Error(rid, "cancelled", "Loading was cancelled.")
        text = "\n".join(line for _lvl, line in lines)
        if not (looks_out_of_memory(text) and i + 1 < len(attempts)):
            return _load_error(req, load_error, text, error_lines(lines))
        note = (
            f"Not enough memory with {n_gpu if n_gpu >= 0 else 'all'} GPU layers; "
            f"retrying with {attempts[i + 1]}."
        )
        notes.append(note)
        log.warning("%s", note)
        ctx.send(p.LoadProgress(rid, 0.0, note))
    raise AssertionError("gpu_layer_attempts() gave no attempt")


def _split_param(req: p.Load) -> dict[str, Any]:
    """The plan's shares over several GPUs; none: llama.cpp splits by free memory."""
    return {"tensor_split": [float(x) for x in req.tensor_split]} if req.tensor_split else {}


def _describe(
    ctx: Context, req: p.Load, opened: _Opened, threads: int, extra: bool, rss_before: int
) -> Loaded:
    """The loaded model as the app sees it: its facts, memory, chat format and notes."""
    llm, notes = opened.llm, opened.notes
    memory = memory_from_log(opened.lines)
    memory = replace(memory, rss_before_load_bytes=rss_before, rss_after_load_bytes=rss_bytes())
    abort_cb = ctx.cpp.set_abort_callback(llm, ctx.between_nodes)
    formatter, chat_format, chat_note = _chat_formatter(ctx, llm)
    note_codes: tuple[tuple[str, tuple[tuple[str, Param], ...]], ...] = ()
    if chat_note:
        notes.append(chat_note)
        if chat_format.startswith("fallback:") and "chat template does not" not in chat_note:
            note_codes = (("runtime.chat_fallback", (("format", chat_format[9:]),)),)
    facts = ctx.cpp.facts(llm)
    info = p.ModelInfo(
        path=str(Path(req.path)),
        arch=facts.arch,
        n_ctx=facts.n_ctx,
        n_ctx_train=facts.n_ctx_train,
        n_gpu_layers=facts.n_layers if opened.n_gpu < 0 else min(opened.n_gpu, facts.n_layers),
        n_layers=facts.n_layers,
        n_threads=threads,
        n_vocab=facts.n_vocab,
        n_params=facts.n_params,
        size_bytes=facts.size_bytes,
        chat_format=chat_format,
        load_s=opened.load_s,
        memory=memory,
        notes=tuple(notes),
        extra_buffers=extra,
        swa_full=req.swa_full,
        note_codes=note_codes,
    )
    # A window-sized cache has dropped old cells: a cached prefix cannot be trusted.
    reuse_ok = req.swa_full or not facts.sliding_window
    return Loaded(llm, info, formatter, abort_cb, reuse_ok)


def _load_error(req: p.Load, error: str, text: str, details: tuple[str, ...]) -> p.Error:
    rid, name = req.request_id, Path(req.path).name
    arch = re.search(r"unknown model architecture: '([^']*)'", text)
    if arch:
        return coded(
            rid,
            "unsupported_arch",
            "runtime.load_unsupported_arch",
            details,
            name=name,
            arch=arch.group(1),
        )
    if looks_out_of_memory(text):
        return coded(
            rid,
            "out_of_memory",
            "runtime.load_out_of_memory",
            details,
            name=name,
            context=req.n_ctx,
        )
    last = details[-1] if details else error
    return coded(rid, "load_failed", "runtime.load_failed", details, name=name, error=last)


def _chat_formatter(ctx: Context, llm: Any) -> tuple[Any, str, str]:
    """The model's own chat template, or a fallback chosen from its vocabulary."""
    from llama_cpp import llama_chat_format

    template = llm.metadata.get("tokenizer.chat_template")
    kind = "gguf-template"
    note = ""
    if not template:
        arch = str(llm.metadata.get("general.architecture", ""))
        tokenizer = str(llm.metadata.get("tokenizer.ggml.model", ""))
        chosen = chat_formats.choose(arch, tokenizer, lambda text: _single_token(llm, text))
        template, kind = chosen.template, f"fallback:{chosen.name}"
        note = render("runtime.chat_fallback", {"format": chosen.name})[0]
        log.info("no chat template: %s format, from %s", chosen.name, chosen.reason)
    eos = llm.token_eos()
    bos = llm.token_bos()
    try:
        formatter = llama_chat_format.Jinja2ChatFormatter(
            template=template,
            eos_token=ctx.cpp.token_text(llm, eos),
            bos_token=ctx.cpp.token_text(llm, bos),
            stop_token_ids=[eos] if eos >= 0 else None,
        )
    except Exception as exc:  # a template that does not compile
        log.warning("chat template does not compile: %s", exc)
        return (
            None,
            f"fallback:{FALLBACK_CHAT_FORMAT}",
            f"The model's chat template does not work here ({exc}); using {FALLBACK_CHAT_FORMAT}.",
        )
    return formatter, kind, note


def _warmup(llm: Any, extra_buffers: bool) -> None:
    """Decode a few tokens once, as llama.cpp's own tools do before the first prompt.

    A kernel that crashes on this CPU then crashes here, while the app knows it was a
    load (and can retry with safe settings), not in the middle of the user's answer.
    """
    if extra_buffers and os.environ.get(FAULT_ENV) == "crash-with-extra-buffers":
        os.kill(os.getpid(), signal.SIGSEGV)  # the tests' stand-in for a broken kernel
    tokens = llm.tokenize(b"Hello, warm-up.", add_bos=True, special=False)[:8]
    llm.eval(tokens)
    llm.reset()


def _single_token(llm: Any, text: str) -> bool:
    """The vocabulary has ``text`` as one (special) token."""
    try:
        return len(llm.tokenize(text.encode("utf-8"), add_bos=False, special=True)) == 1
    except (RuntimeError, ValueError):
        return False


def _physical_cores() -> int:
    import psutil

    return psutil.cpu_count(logical=False) or os.cpu_count() or 1
