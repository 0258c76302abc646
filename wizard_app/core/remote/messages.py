"""What a remote server sends and the app keeps of it: the model list, the health check,
the request, the measured figures, and the parsers of llama-server's ``timings``, Ollama's
``/api/tags`` and one server-sent event."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

from wizard_app.core.remote.errors import RemoteError
from wizard_app.core.runtime import protocol as p


@dataclass(frozen=True)
class RemoteModel:
    """One model a server lists; the details come from Ollama's ``/api/tags``."""

    id: str
    owned_by: str = ""
    size_bytes: int | None = None
    family: str = ""
    parameter_size: str = ""
    quantization: str = ""


@dataclass(frozen=True)
class Health:
    endpoint: str
    url: str
    latency_s: float  # the model list's round trip
    models: tuple[RemoteModel, ...]
    server: str  # the HTTP Server header (uvicorn, llama.cpp, ...), "" when not sent
    ollama: bool  # the server also answers Ollama's /api/tags


@dataclass(frozen=True)
class ServerTimings:
    """llama-server's own ``timings`` object (milliseconds and tokens/s, as it sends them)."""

    prompt_n: int
    prompt_ms: float
    prompt_per_second: float | None
    predicted_n: int
    predicted_ms: float
    predicted_per_second: float | None
    cache_n: int | None = None


@dataclass(frozen=True)
class RemoteMetrics:
    """Measured on this side of the network, except ``server_timings``."""

    ttft_s: float  # request sent -> first piece of the answer received
    total_s: float  # request sent -> stream ended
    gen_tokens: int
    gen_s: float  # first piece -> last piece
    gen_tok_per_s: float | None  # (tokens - 1) / gen_s, as the local worker counts
    prompt_tokens: int | None  # from the server's usage, when sent
    tokens_from: Literal["usage", "chunks"]  # where gen_tokens comes from
    stop_reason: str  # the server's finish_reason (stop, length, ...)
    server_timings: ServerTimings | None = None


@dataclass(frozen=True)
class RemoteDone:
    metrics: RemoteMetrics
    text: str
    model: str  # the model id the server answered with


@dataclass(frozen=True)
class ChatRequest:
    model: str
    messages: tuple[p.ChatMessage, ...]
    system: str | None = None
    max_tokens: int = 256
    temperature: float = 0.8
    top_p: float = 0.95
    seed: int | None = None
    stop: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)  # top_k, min_p, ... where accepted

    def body(self) -> dict[str, Any]:
        messages = [{"role": "system", "content": self.system}] if self.system else []
        messages += [{"role": m.role, "content": m.content} for m in self.messages]
        body: dict[str, Any] = {
            "model": self.model,
            "messages": messages,
            "max_tokens": self.max_tokens,
            "temperature": self.temperature,
            "top_p": self.top_p,
            "stream": True,
            # usage in the last chunk (llama-server, vLLM, Ollama); others ignore it
            "stream_options": {"include_usage": True},
            **self.extra,
        }
        if self.seed is not None:
            body["seed"] = self.seed
        if self.stop:
            body["stop"] = list(self.stop)
        return body


RemoteEvent = p.Token | RemoteDone


def event_json(data: str, name: str) -> dict[str, Any]:
    try:
        value = json.loads(data)
    except ValueError:
        raise RemoteError.of(
            "remote.bad_response", name=name, detail=f"an event is not JSON: {data[:80]!r}"
        ) from None
    if not isinstance(value, dict):
        raise RemoteError.of("remote.bad_response", name=name, detail="an event is not an object")
    return value


def parse_timings(data: dict[str, Any]) -> ServerTimings | None:
    """llama-server's ``timings`` (tools/server/README.md), or None when absent."""
    if not data or "predicted_n" not in data:
        return None

    def num(key: str) -> float | None:
        value = data.get(key)
        return float(value) if isinstance(value, int | float) else None

    cache = data.get("cache_n")
    return ServerTimings(
        prompt_n=int(num("prompt_n") or 0),
        prompt_ms=num("prompt_ms") or 0.0,
        prompt_per_second=num("prompt_per_second"),
        predicted_n=int(num("predicted_n") or 0),
        predicted_ms=num("predicted_ms") or 0.0,
        predicted_per_second=num("predicted_per_second"),
        cache_n=int(cache) if isinstance(cache, int) else None,
    )


def parse_ollama_tags(data: object) -> tuple[RemoteModel, ...]:
    """Ollama's ``GET /api/tags`` answer: ``{"models": [{"name", "size", "details"}]}``."""
    if not isinstance(data, dict) or not isinstance(data.get("models"), list):
        raise ValueError("not an Ollama model list")
    found = []
    for item in data["models"]:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            continue
        details = item.get("details") if isinstance(item.get("details"), dict) else {}
        assert isinstance(details, dict)
        size = item.get("size")
        found.append(
            RemoteModel(
                id=str(item["name"]),
                owned_by="ollama",
                size_bytes=size if isinstance(size, int) else None,
                family=str(details.get("family") or ""),
                parameter_size=str(details.get("parameter_size") or ""),
                quantization=str(details.get("quantization_level") or ""),
            )
        )
    return tuple(found)
