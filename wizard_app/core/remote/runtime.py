"""A prompt on a remote model, in the same terms as a local trial run.

``chat_request`` builds the request from the settings a trial or a comparison uses;
``remote_report`` is the JSON object ``run --endpoint`` prints: only what the client can
know (the server's memory and load time are not).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from wizard_app.core.remote.client import ChatRequest, RemoteDone
from wizard_app.core.remote.endpoints import Endpoint
from wizard_app.core.runtime import protocol as p


def chat_request(
    model: str,
    prompt: str,
    *,
    system: str | None = None,
    max_tokens: int = 256,
    temperature: float = 0.8,
    top_p: float = 0.95,
    top_k: int | None = None,
    min_p: float | None = None,
    seed: int | None = None,
    stop: tuple[str, ...] = (),
) -> ChatRequest:
    # top_k and min_p are not OpenAI's but llama-server, llama-cpp-python and vLLM take them
    extra: dict[str, Any] = {}
    if top_k is not None:
        extra["top_k"] = top_k
    if min_p is not None:
        extra["min_p"] = min_p
    return ChatRequest(
        model,
        (p.ChatMessage("user", prompt),),
        system=system,
        max_tokens=max_tokens,
        temperature=temperature,
        top_p=top_p,
        seed=seed,
        stop=stop,
        extra=extra,
    )


def remote_report(endpoint: Endpoint, done: RemoteDone) -> dict[str, Any]:
    m = done.metrics
    return {
        "ok": True,
        "runtime": "remote",
        "endpoint": endpoint.name,
        "url": endpoint.base_url,
        "model": done.model,
        "output": done.text,
        **{k: v for k, v in asdict(m).items() if k != "server_timings"},
        "server_timings": asdict(m.server_timings) if m.server_timings else None,
    }


def remote_summary(r: dict[str, Any]) -> str:
    def rate(v: float | None) -> str:
        return f"{v:.1f} tok/s" if v else "n/a"

    counted = "counted by the server" if r["tokens_from"] == "usage" else "counted as pieces"
    lines = [
        f"{r['endpoint']} / {r['model']}: first token {r['ttft_s']:.2f} s | generated "
        f"{r['gen_tokens']} tokens ({counted}) at {rate(r['gen_tok_per_s'])} | "
        f"total {r['total_s']:.2f} s | stop: {r['stop_reason']}",
    ]
    t = r["server_timings"]
    if t:
        lines.append(
            f"the server's own timings: prompt {t['prompt_n']} tokens at "
            f"{rate(t['prompt_per_second'])}, generated {t['predicted_n']} at "
            f"{rate(t['predicted_per_second'])}"
        )
    lines.append("(measured here, through the network; the server's memory is not known)")
    return "\n".join(lines)
