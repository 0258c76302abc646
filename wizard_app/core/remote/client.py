"""A client for one OpenAI-compatible server: health, model list, streamed chat, metrics.

HTTP and the server-sent events come from ``httpx2`` (its ``Client.sse``); this module
turns them into the app's events: ``runtime.protocol.Token`` for each piece of the answer
and a final ``RemoteDone`` with what the client measured (time to first token, tokens/s)
and, where the server sends them, its own figures (llama-server's ``timings``). Every
failure is a ``RemoteError`` with a ``remote.*`` code; every wait is bounded by a timeout,
and a ``CancelToken`` closes the stream from a watcher thread, so nothing hangs.
"""

from __future__ import annotations

import logging
import socket
import ssl
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any

import httpx2

from wizard_app.core.cancel import CancelToken
from wizard_app.core.remote.endpoints import Endpoint
from wizard_app.core.remote.errors import RemoteError
from wizard_app.core.remote.messages import (
    ChatRequest,
    Health,
    RemoteDone,
    RemoteEvent,
    RemoteMetrics,
    RemoteModel,
    ServerTimings,
    event_json,
    parse_ollama_tags,
    parse_timings,
)
from wizard_app.core.runtime import protocol as p

__all__ = [
    "ChatRequest",
    "Health",
    "RemoteClient",
    "RemoteDone",
    "RemoteEvent",
    "RemoteMetrics",
    "RemoteModel",
    "ServerTimings",
    "parse_ollama_tags",
    "parse_timings",
]

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 60.0  # the longest silence between two pieces of an answer


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
        answer = _Answer(request.model, self.endpoint.name)
        cancelled = token.is_set if token is not None else lambda: False
        try:
            with self._http.sse(url, method="POST", json=request.body()) as source:
                response = source.response
                holder.append(response)
                if response.status_code != 200:
                    response.read()
                    raise self._status_error(response, request.model)
                for sse in source:
                    if cancelled():
                        return
                    if sse.data.strip() == "[DONE]":
                        answer.ended = True
                        break
                    yield from answer.feed(event_json(sse.data, self.endpoint.name))
        except RemoteError:
            raise
        except httpx2.SSEError as exc:
            if cancelled():
                return
            raise RemoteError.of(
                "remote.bad_response", name=self.endpoint.name, detail=str(exc)
            ) from None
        except (httpx2.TransportError, httpx2.StreamError) as exc:
            if cancelled():
                return
            raise self._transport_error(exc, answer.chunks) from exc
        if cancelled():
            return
        if not answer.ended:
            raise RemoteError.of("remote.dropped", name=self.endpoint.name, tokens=answer.chunks)
        yield answer.done()


class _Answer:
    """One streamed answer as it arrives: the pieces, their times, usage and timings."""

    def __init__(self, model: str, endpoint: str) -> None:
        self.model, self._endpoint = model, endpoint
        self.pieces: list[str] = []
        self.chunks = 0
        self.t_sent = time.perf_counter()
        self.t_first = self.t_last = 0.0
        self.usage: dict[str, Any] = {}
        self.timings: dict[str, Any] = {}
        self.finish = ""
        self.ended = False  # saw [DONE] or a finish_reason

    def feed(self, data: dict[str, Any]) -> Iterator[p.Token]:
        """One event's pieces of text, as ``Token`` events."""
        if "error" in data:
            error = data["error"]
            detail = error.get("message", "") if isinstance(error, dict) else error
            raise RemoteError.of("remote.server_error", name=self._endpoint, detail=str(detail))
        self.model = str(data.get("model") or self.model)
        if isinstance(data.get("usage"), dict):
            self.usage = data["usage"]
        if isinstance(data.get("timings"), dict):
            self.timings = data["timings"]
        for choice in data.get("choices") or ():
            text = (choice.get("delta") or {}).get("content")
            if text is not None:
                now = time.perf_counter()
                if not self.chunks:
                    self.t_first = now
                self.t_last = now
                yield p.Token(0, str(text), self.chunks)
                self.pieces.append(str(text))
                self.chunks += 1
            if choice.get("finish_reason"):
                self.finish = str(choice["finish_reason"])
                self.ended = True

    def done(self) -> RemoteDone:
        """The figures measured here (tokens from the server's usage where it sent one)."""
        t_end = time.perf_counter()
        chunks = self.chunks
        completion = self.usage.get("completion_tokens")
        counted = isinstance(completion, int) and completion > 0
        n = completion if isinstance(completion, int) and counted else chunks
        gen_s = self.t_last - self.t_first if chunks else 0.0
        prompt_tokens = self.usage.get("prompt_tokens")
        metrics = RemoteMetrics(
            ttft_s=(self.t_first if chunks else t_end) - self.t_sent,
            total_s=t_end - self.t_sent,
            gen_tokens=n,
            gen_s=gen_s,
            gen_tok_per_s=(n - 1) / gen_s if n > 1 and gen_s > 0 else None,
            prompt_tokens=int(prompt_tokens) if isinstance(prompt_tokens, int) else None,
            tokens_from="usage" if counted else "chunks",
            stop_reason=self.finish or "stop",
            server_timings=parse_timings(self.timings),
        )
        return RemoteDone(metrics, "".join(self.pieces), self.model)


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
