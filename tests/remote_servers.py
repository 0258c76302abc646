"""Small real HTTP servers on loopback for the remote-runtime tests.

``ReplayServer`` answers from recorded responses: Ollama's listing (Ollama itself cannot
be installed here) and a llama-server stream with its ``timings`` and ``usage`` (the C++
llama-server is not built here either). With ``stall_after`` it sends that many events
and then goes silent while keeping the connection open: a slow server for the timeouts.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from wizard_app.core.serve.server import LocalServer, ServeSettings

SERVED_KEY = "sk-test-0123456789"
SERVED_ID = "tiny-chat"


@pytest.fixture(scope="module")
def served(tiny_chat: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """The real server ``model-wizard serve`` starts (llama-cpp-python's), with an API key,
    serving the generated chat model as ``tiny-chat``."""
    server = LocalServer(
        ServeSettings(tiny_chat, SERVED_ID, api_key=SERVED_KEY, n_ctx=1024, n_threads=1),
        tmp_path_factory.mktemp("serve-logs"),
    )
    server.start(timeout_s=120)
    yield server
    server.stop()


# GET /api/tags of Ollama, in the format of its API reference (docs/api.md, "List Local
# Models"): name, model, modified_at, size in bytes, digest, details.
OLLAMA_TAGS: dict[str, Any] = {
    "models": [
        {
            "name": "llama3.2:3b",
            "model": "llama3.2:3b",
            "modified_at": "2025-06-11T11:40:22.160371116+02:00",
            "size": 2019393189,
            "digest": "a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72",
            "details": {
                "parent_model": "",
                "format": "gguf",
                "family": "llama",
                "families": ["llama"],
                "parameter_size": "3.2B",
                "quantization_level": "Q4_K_M",
            },
        },
        {
            "name": "qwen2.5:7b",
            "model": "qwen2.5:7b",
            "modified_at": "2025-05-02T09:12:01.000000000+02:00",
            "size": 4683087332,
            "digest": "845dbda0ea48ed749caafd9e6037047aa19acfcfd82e704d7ca97d631a0b697e",
            "details": {
                "parent_model": "",
                "format": "gguf",
                "family": "qwen2",
                "families": ["qwen2"],
                "parameter_size": "7.6B",
                "quantization_level": "Q4_K_M",
            },
        },
    ]
}
# Ollama's OpenAI-compatible GET /v1/models for the same two models.
OLLAMA_MODELS: dict[str, Any] = {
    "object": "list",
    "data": [
        {"id": "llama3.2:3b", "object": "model", "created": 1749634822, "owned_by": "library"},
        {"id": "qwen2.5:7b", "object": "model", "created": 1746169921, "owned_by": "library"},
    ],
}


def llama_server_stream(pieces: list[str]) -> list[dict[str, Any]]:
    """A llama-server chat stream: one chunk per token, then finish_reason, then a chunk
    with ``usage`` and ``timings`` (tools/server/README.md: prompt_n, prompt_ms,
    prompt_per_token_ms, prompt_per_second, predicted_n, predicted_ms, ...)."""
    base: dict[str, Any] = {
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "model": "gemma-3-27b",
    }
    events: list[dict[str, Any]] = [
        {**base, "choices": [{"index": 0, "delta": {"content": text}, "finish_reason": None}]}
        for text in pieces
    ]
    events.append({**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "length"}]})
    events.append(
        {
            **base,
            "choices": [],
            "usage": {
                "completion_tokens": len(pieces),
                "prompt_tokens": 12,
                "total_tokens": 12 + len(pieces),
            },
            "timings": {
                "cache_n": 0,
                "prompt_n": 12,
                "prompt_ms": 30.5,
                "prompt_per_token_ms": 2.54,
                "prompt_per_second": 393.4,
                "predicted_n": len(pieces),
                "predicted_ms": 400.0,
                "predicted_per_token_ms": 40.0,
                "predicted_per_second": 25.0,
            },
        }
    )
    return events


class ReplayServer:
    def __init__(
        self,
        models: dict[str, Any],
        tags: dict[str, Any] | None = None,
        stream: list[dict[str, Any]] | None = None,
        *,
        stall_after: int | None = None,
        event_delay_s: float = 0.0,
        send_done: bool = True,
    ) -> None:
        self.models, self.tags, self.stream = models, tags, stream or []
        self.stall_after, self.event_delay_s = stall_after, event_delay_s
        self.send_done = send_done
        self.release = threading.Event()  # ends a stall
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args: object) -> None:
                pass

            def _json(self, status: int, body: object) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                owner.requests.append(("GET", self.path, dict(self.headers)))
                if self.path == "/v1/models":
                    self._json(200, owner.models)
                elif self.path == "/api/tags" and owner.tags is not None:
                    self._json(200, owner.tags)
                else:
                    self._json(404, {"error": "not found"})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode()
                owner.requests.append(("POST", self.path, {"body": body}))
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.send_header("Connection", "close")
                self.end_headers()
                for i, event in enumerate(owner.stream):
                    if owner.stall_after is not None and i == owner.stall_after:
                        owner.release.wait(30)
                        return
                    self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
                    self.wfile.flush()
                    if owner.event_delay_s:
                        time.sleep(owner.event_delay_s)
                if owner.send_done:
                    self.wfile.write(b"data: [DONE]\n\n")
                    self.wfile.flush()

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> ReplayServer:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)


@contextmanager
def replay(**kw: Any) -> Iterator[ReplayServer]:
    models = kw.pop("models", {"object": "list", "data": [{"id": "gemma-3-27b"}]})
    with ReplayServer(models, **kw) as server:
        yield server
