"""A client for one OpenAI-compatible server: health, model list, streamed chat, metrics.

HTTP and the server-sent events come from ``httpx2`` (its ``Client.sse``); this module
turns them into the app's events: ``runtime.protocol.Token`` for each piece of the answer
and a final ``RemoteDone`` with what the client measured (time to first token, tokens/s)
and, where the server sends them, its own figures (llama-server's ``timings``). Every
failure is a ``RemoteError`` with a ``remote.*`` code; every wait is bounded by a timeout,
and a ``CancelToken`` closes the stream from a watcher thread, so nothing hangs.
"""

from __future__ import annotations

import json
import logging
import socket
import ssl
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import httpx2

from wizard_app.core.cancel import CancelToken
from wizard_app.core.remote.endpoints import Endpoint
from wizard_app.core.remote.errors import RemoteError
from wizard_app.core.runtime import protocol as p

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 60.0  # the longest silence between two pieces of an answer


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


def _detail(response: httpx2.Response) -> str:
    """The server's own error message, short."""
    try:
        data = response.json()
    except (ValueError, httpx2.ResponseNotRead):
        return ""
    error = data.get("error", data.get("detail", "")) if isinstance(data, dict) else ""
    if isinstance(error, dict):
        error = error.get("message", "")
    return str(error)[:300]


class RemoteClient:
    """One connection pool to one endpoint; close it (or use ``with``) when done."""

    def __init__(
        self,
        endpoint: Endpoint,
        *,
        connect_timeout_s: float = CONNECT_TIMEOUT_S,
        read_timeout_s: float = READ_TIMEOUT_S,
    ) -> None:
        self.endpoint = endpoint
        self.read_timeout_s = read_timeout_s
        self.connect_timeout_s = connect_timeout_s
        headers = {"Authorization": f"Bearer {endpoint.api_key}"} if endpoint.api_key else {}
        self._http = httpx2.Client(
            headers=headers,
            verify=endpoint.verify_tls,
            timeout=httpx2.Timeout(read_timeout_s, connect=connect_timeout_s),
            follow_redirects=True,
        )
        self._models: tuple[RemoteModel, ...] | None = None
        self.server = ""  # the Server header of the last model list

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> RemoteClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- errors -------------------------------------------------------------------------
    def _transport_error(self, exc: Exception, tokens: int = -1) -> RemoteError:
        """``tokens``: how many pieces of an answer had come (-1: not streaming)."""
        name, url = self.endpoint.name, self.endpoint.base_url
        if isinstance(exc, httpx2.ConnectTimeout):
            return RemoteError.of(
                "remote.connect_timeout", name=name, url=url, seconds=self.connect_timeout_s
            )
        if isinstance(exc, httpx2.TimeoutException):
            seconds = f"{self.read_timeout_s:g}"
            if tokens > 0:
                return RemoteError.of(
                    "remote.timeout.after", name=name, seconds=seconds, tokens=tokens
                )
            return RemoteError.of("remote.timeout", name=name, seconds=seconds)
        if tokens >= 0 and isinstance(exc, httpx2.RemoteProtocolError | httpx2.ReadError):
            return RemoteError.of("remote.dropped", name=name, tokens=tokens)
        cause: BaseException = exc
        while cause.__cause__ is not None or cause.__context__ is not None:
            nxt = cause.__cause__ or cause.__context__
            assert nxt is not None
            cause = nxt
        text = str(exc) or type(exc).__name__
        if isinstance(cause, ssl.SSLError) or "CERTIFICATE_VERIFY_FAILED" in text:
            return RemoteError.of("remote.tls", name=name, url=url, cause=text)
        return RemoteError.of("remote.unreachable", name=name, url=url, cause=text)

    def _status_error(self, response: httpx2.Response, model: str = "") -> RemoteError:
        name, status = self.endpoint.name, response.status_code
        if status in (401, 403):
            code = "remote.unauthorized" if self.endpoint.api_key else "remote.unauthorized.no_key"
            return RemoteError.of(code, name=name, status=status)
        detail = _detail(response)
        if status == 404 and model:
            available = ", ".join(m.id for m in self._models or ()) or "(unknown)"
            return RemoteError.of(
                "remote.model_not_found", name=name, model=model, available=available
            )
        return RemoteError.of("remote.http_error", name=name, status=status, detail=detail)

    def _get(self, path: str) -> httpx2.Response:
        try:
            response = self._http.get(self.endpoint.root + path)
        except httpx2.TransportError as exc:
            raise self._transport_error(exc) from exc
        return response

    # --- listing ------------------------------------------------------------------------
    def models(self, *, refresh: bool = False) -> tuple[RemoteModel, ...]:
        """``GET /v1/models``, with Ollama's details merged in where it answers."""
        if self._models is not None and not refresh:
            return self._models
        response = self._get("/v1/models")
        if response.status_code != 200:
            raise self._status_error(response)
        self.server = response.headers.get("server", "")
        try:
            data = response.json()["data"]
            listed = [RemoteModel(str(m["id"]), str(m.get("owned_by") or "")) for m in data]
        except (ValueError, KeyError, TypeError) as exc:
            raise RemoteError.of(
                "remote.bad_response", name=self.endpoint.name, detail=f"GET /v1/models: {exc}"
            ) from None
        tags = {m.id: m for m in self.ollama_tags() or ()}
        self._models = tuple(tags.get(m.id, m) for m in listed)
        return self._models

    def ollama_tags(self) -> tuple[RemoteModel, ...] | None:
        """Ollama's ``GET /api/tags``; None from a server that does not have it."""
        try:
            response = self._http.get(self.endpoint.root + "/api/tags")
        except httpx2.TransportError:
            return None
        if response.status_code != 200:
            return None
        try:
            return parse_ollama_tags(response.json())
        except ValueError:
            return None

    def check(self) -> Health:
        """Reachable, key accepted, and which models it serves."""
        t0 = time.perf_counter()
        models = self.models(refresh=True)
        latency = time.perf_counter() - t0
        ollama = any(m.size_bytes is not None for m in models)
        return Health(
            self.endpoint.name, self.endpoint.base_url, latency, models, self.server, ollama
        )

    def require_model(self, model: str) -> None:
        """A clear error now, rather than a server that quietly answers with another model
        (llama-cpp-python's server falls back to its default one)."""
        models = self.models()
        if not models:
            raise RemoteError.of("remote.no_models", name=self.endpoint.name)
        if model not in {m.id for m in models}:
            raise RemoteError.of(
                "remote.model_not_found",
                name=self.endpoint.name,
                model=model,
                available=", ".join(m.id for m in models),
            )

    # --- chat ---------------------------------------------------------------------------
    def chat(
        self, request: ChatRequest, token: CancelToken | None = None, *, check_model: bool = True
    ) -> Iterator[RemoteEvent]:
        """Stream one chat completion: ``Token`` events, then ``RemoteDone``.

        Cancelling the token ends the stream (the generator just returns, without
        ``RemoteDone``), also while the server is silent.
        """
        if check_model:
            self.require_model(request.model)
        done = threading.Event()
        holder: list[httpx2.Response] = []
        if token is not None:
            threading.Thread(
                target=_close_on_cancel, args=(token, done, holder), daemon=True
            ).start()
        try:
            yield from self._stream(request, token, holder)
        finally:
            done.set()

    def _stream(
        self, request: ChatRequest, token: CancelToken | None, holder: list[httpx2.Response]
    ) -> Iterator[RemoteEvent]:
        url = self.endpoint.api_base + "/chat/completions"
        pieces: list[str] = []
        chunks = 0
        t_first = t_last = 0.0
        usage: dict[str, Any] = {}
        timings: dict[str, Any] = {}
        finish = ""
        model = request.model
        ended = False  # saw [DONE] or a finish_reason
        t_sent = time.perf_counter()
        try:
            with self._http.sse(url, method="POST", json=request.body()) as source:
                response = source.response
                holder.append(response)
                if response.status_code != 200:
                    response.read()
                    raise self._status_error(response, request.model)
                for sse in source:
                    if token is not None and token.is_set():
                        return
                    if sse.data.strip() == "[DONE]":
                        ended = True
                        break
                    data = _event_json(sse.data, self.endpoint.name)
                    if "error" in data:
                        error = data["error"]
                        detail = error.get("message", "") if isinstance(error, dict) else error
                        raise RemoteError.of(
                            "remote.server_error", name=self.endpoint.name, detail=str(detail)
                        )
                    model = str(data.get("model") or model)
                    if isinstance(data.get("usage"), dict):
                        usage = data["usage"]
                    if isinstance(data.get("timings"), dict):
                        timings = data["timings"]
                    for choice in data.get("choices") or ():
                        delta = choice.get("delta") or {}
                        text = delta.get("content")
                        if text is not None:
                            now = time.perf_counter()
                            if not chunks:
                                t_first = now
                            t_last = now
                            yield p.Token(0, str(text), chunks)
                            pieces.append(str(text))
                            chunks += 1
                        if choice.get("finish_reason"):
                            finish = str(choice["finish_reason"])
                            ended = True
        except RemoteError:
            raise
        except httpx2.SSEError as exc:
            if token is not None and token.is_set():
                return
            raise RemoteError.of(
                "remote.bad_response", name=self.endpoint.name, detail=str(exc)
            ) from None
        except (httpx2.TransportError, httpx2.StreamError) as exc:
            if token is not None and token.is_set():
                return
            raise self._transport_error(exc, chunks) from exc
        if token is not None and token.is_set():
            return
        if not ended:
            raise RemoteError.of("remote.dropped", name=self.endpoint.name, tokens=chunks)
        t_end = time.perf_counter()
        completion = usage.get("completion_tokens")
        counted = isinstance(completion, int) and completion > 0
        n = completion if isinstance(completion, int) and counted else chunks
        gen_s = t_last - t_first if chunks else 0.0
        prompt_tokens = usage.get("prompt_tokens")
        yield RemoteDone(
            RemoteMetrics(
                ttft_s=(t_first if chunks else t_end) - t_sent,
                total_s=t_end - t_sent,
                gen_tokens=n,
                gen_s=gen_s,
                gen_tok_per_s=(n - 1) / gen_s if n > 1 and gen_s > 0 else None,
                prompt_tokens=int(prompt_tokens) if isinstance(prompt_tokens, int) else None,
                tokens_from="usage" if counted else "chunks",
                stop_reason=finish or "stop",
                server_timings=parse_timings(timings),
            ),
            "".join(pieces),
            model,
        )


def _close_on_cancel(
    token: CancelToken, done: threading.Event, holder: Sequence[httpx2.Response]
) -> None:
    """On cancel, shut the stream's socket down: a read blocked on a silent server
    returns at once (closing the response alone waits for that read)."""
    while not done.is_set():
        if token.wait(0.05):
            for response in holder:
                stream = response.extensions.get("network_stream")
                sock = stream.get_extra_info("socket") if stream is not None else None
                try:
                    if isinstance(sock, socket.socket):
                        sock.shutdown(socket.SHUT_RDWR)
                    else:
                        response.close()
                except OSError as exc:  # already closed by the reader: nothing to do
                    log.debug("closing a cancelled stream: %s", exc)
            return


def _event_json(data: str, name: str) -> dict[str, Any]:
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
