"""Generating in the worker: render the chat, stream tokens as events, measure the run.

One ``Token`` event per sampled token, text or not (held back by a stop string or not yet
valid UTF-8), so the app counts tokens and times the first one from the events alone.
"""

from __future__ import annotations

import ctypes
import logging
import os
import time
from dataclasses import dataclass

from wizard_app.core.runtime import protocol as p
from wizard_app.core.runtime.metrics import peak_rss_bytes, rss_bytes
from wizard_app.core.runtime.textstream import TextStream
from wizard_app.core.runtime.worker.channel import error_lines
from wizard_app.core.runtime.worker.state import Context, Loaded, coded

log = logging.getLogger("wizard_app.worker")


@dataclass
class _Plan:
    tokens: list[int]
    stop: list[str]
    max_new: int
    limit_reason: p.StopReason
    reuse: int  # prompt tokens already in the KV cache


@dataclass
class _Run:
    sampled: int = 0
    emitted: int = 0
    t_first: float = 0.0
    t_last: float = 0.0
    reason: p.StopReason = "length"


def generate(ctx: Context, model: Loaded | None, req: p.Generate) -> None:
    """Answer one Generate request with Token events and a Done (or an Error)."""
    rid = req.request_id
    t_start = time.perf_counter()
    if model is None:
        ctx.send(p.Error(rid, "not_loaded", "No model is loaded.", "Load a model first."))
        return
    if not req.messages and req.prompt is None:
        ctx.send(p.Error(rid, "bad_request", "Nothing to generate from: no prompt."))
        return
    plan = _plan(model, req)
    if isinstance(plan, p.Error):
        ctx.send(plan)
        return
    stream = TextStream(plan.stop)
    run = _stream_tokens(ctx, model, req, plan, stream)
    if run is None:
        return
    tail = stream.flush()
    if run.sampled == 0:
        run.t_first = run.t_last = time.perf_counter()
    metrics = _metrics(model, plan, run, t_start)
    ctx.send(p.Done(rid, metrics, stream.text, tail.text))


def _plan(model: Loaded, req: p.Generate) -> _Plan | p.Error:
    llm = model.llm
    tokens, stop = render(model, req)
    n_ctx = model.info.n_ctx
    if len(tokens) >= n_ctx:
        return coded(
            req.request_id,
            "prompt_too_long",
            "runtime.prompt_too_long",
            tokens=len(tokens),
            context=n_ctx,
        )
    max_new = min(req.max_tokens, n_ctx - len(tokens)) if req.max_tokens > 0 else 0
    limit_reason: p.StopReason = "length" if max_new == req.max_tokens else "context"
    reuse = 0
    if not req.reuse_cache or not model.reuse_ok:
        llm.reset()
    if llm.n_tokens > 0:
        for a, b in zip(llm.input_ids[: llm.n_tokens], tokens, strict=False):
            if a != b:
                break
            reuse += 1
        reuse = min(reuse, len(tokens) - 1)
    return _Plan(tokens, stop, max_new, limit_reason, reuse)


def _stream_tokens(
    ctx: Context, model: Loaded, req: p.Generate, plan: _Plan, stream: TextStream
) -> _Run | None:
    """Sample until a stop, sending each token; None when an Error was sent instead."""
    llm, rid, cancel = model.llm, req.request_id, ctx.cancel.event
    llm.set_seed(req.seed if req.seed is not None else int.from_bytes(os.urandom(4), "little"))
    buf = ctypes.create_string_buffer(64)
    is_eog = ctx.cpp.end_of_generation(llm)
    run = _Run(reason=plan.limit_reason if plan.max_new else "length")
    gen = llm.generate(
        plan.tokens,
        top_k=req.top_k,
        top_p=req.top_p,
        min_p=req.min_p,
        temp=req.temperature,
        repeat_penalty=req.repeat_penalty,
        reset=True,
    )
    try:
        for token in gen if plan.max_new else ():
            run.t_last = time.perf_counter()
            run.sampled += 1
            if run.sampled == 1:
                run.t_first = run.t_last
            if cancel.is_set():
                run.reason = "cancelled"
                break
            if is_eog(token) and not req.ignore_eos:
                run.reason = "eos"
                break
            chunk = stream.push(ctx.cpp.token_piece(llm, token, buf))
            run.emitted += 1
            ctx.send(p.Token(rid, chunk.text, run.emitted - 1))
            if chunk.stopped:
                run.reason = "stop"
                break
            if run.emitted >= plan.max_new:
                break
    except RuntimeError as exc:
        llm.reset()  # the aborted batch left the cache behind the token list
        if not cancel.is_set():
            log.error("generation failed: %s", exc)
            ctx.send(_generation_error(ctx, rid, exc))
            return None
        run.reason = "cancelled"
        if run.sampled == 0:
            run.t_first = run.t_last = time.perf_counter()
    finally:
        gen.close()
    return run


def _generation_error(ctx: Context, rid: int, exc: Exception) -> p.Error:
    return p.Error(
        rid,
        "generation_failed",
        f"llama.cpp failed while generating: {exc}.",
        "Try a smaller context or prompt; if it persists, reload the model.",
        error_lines(list(ctx.native.recent)),
    )


def _metrics(model: Loaded, plan: _Plan, run: _Run, t_start: float) -> p.RunMetrics:
    sampled = run.sampled
    prompt_eval_tokens = len(plan.tokens) - plan.reuse
    prompt_eval_s = run.t_first - t_start
    gen_s = run.t_last - run.t_first
    return p.RunMetrics(
        load_s=model.info.load_s,
        prompt_tokens=len(plan.tokens),
        prompt_eval_tokens=prompt_eval_tokens if sampled else 0,
        prompt_eval_s=prompt_eval_s,
        prompt_tok_per_s=(prompt_eval_tokens / prompt_eval_s)
        if sampled and prompt_eval_s > 0
        else None,
        ttft_s=prompt_eval_s,
        ttft_worker_s=prompt_eval_s,
        gen_tokens=run.emitted,
        gen_s=gen_s,
        gen_tok_per_s=((sampled - 1) / gen_s) if sampled > 1 and gen_s > 0 else None,
        peak_rss_bytes=peak_rss_bytes(),
        rss_bytes=rss_bytes(),
        stop_reason=run.reason,
        n_ctx=model.info.n_ctx,
        n_threads=model.info.n_threads,
        n_gpu_layers=model.info.n_gpu_layers,
    )


def render(model: Loaded, req: p.Generate) -> tuple[list[int], list[str]]:
    """The prompt's tokens (chat template applied) and the stop strings to watch for."""
    from llama_cpp import llama_chat_format

    llm = model.llm
    stop = list(req.stop)
    if req.prompt is not None and not req.messages:
        text = f"{req.system}\n\n{req.prompt}" if req.system else req.prompt
        return llm.tokenize(text.encode("utf-8"), add_bos=True, special=False), stop
    messages: list[dict[str, str]] = [{"role": m.role, "content": m.content} for m in req.messages]
    if req.system and not any(m["role"] == "system" for m in messages):
        messages.insert(0, {"role": "system", "content": req.system})
    result = None
    if model.formatter is not None:
        for attempt in (messages, _merge_system(messages)):
            try:
                result = model.formatter(messages=attempt)
                break
            except Exception as exc:  # e.g. a template that refuses a system role
                log.info("chat template failed (%s); trying without a system role", exc)
    if result is None:
        result = llama_chat_format.format_chatml(messages=messages)
    extra = result.stop if isinstance(result.stop, list) else [result.stop]
    stop += [s for s in extra if s]
    tokens = llm.tokenize(
        result.prompt.encode("utf-8"), add_bos=not result.added_special, special=True
    )
    return tokens, stop


def _merge_system(messages: list[dict[str, str]]) -> list[dict[str, str]]:
    """The system prompt folded into the first user message (for templates without one)."""
    system = "\n\n".join(m["content"] for m in messages if m["role"] == "system")
    rest = [dict(m) for m in messages if m["role"] != "system"]
    if system:
        for m in rest:
            if m["role"] == "user":
                m["content"] = f"{system}\n\n{m['content']}"
                break
        else:
            rest.insert(0, {"role": "user", "content": system})
    return rest
