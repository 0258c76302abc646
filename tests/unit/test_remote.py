"""The remote runtime against real servers on loopback.

The main one is llama-cpp-python's OpenAI-compatible server started by our serve code
(``core.serve``) with a generated GGUF: listing, streaming, metrics, a wrong API key, a
model it does not have, the server killed mid-stream. Small Python servers stand in only
for what cannot run here (tests/remote_servers.py): Ollama and the C++ llama-server
(recorded answers), and a server that goes silent (timeouts, cancel).
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

import gguf
import pytest

from tests import remote_servers
from tests.remote_servers import (
    OLLAMA_MODELS,
    OLLAMA_TAGS,
    SERVED_KEY,
    llama_server_stream,
    replay,
)
from wizard_app.core.cancel import CancelToken
from wizard_app.core.remote.client import ChatRequest, RemoteClient, RemoteDone
from wizard_app.core.remote.endpoints import Endpoint, EndpointStore
from wizard_app.core.remote.errors import RemoteError
from wizard_app.core.runtime import protocol as p
from wizard_app.core.serve.server import LocalServer, ServeSettings, free_port, snippets

KEY = SERVED_KEY
served = remote_servers.served  # the fixture: the real server `serve` starts
HELLO = (p.ChatMessage("user", "Hello"),)


def _eos(path: Path) -> int:
    field = gguf.GGUFReader(path).fields["tokenizer.ggml.eos_token_id"]
    return int(field.parts[field.data[0]][0])


def _endpoint(server: LocalServer, key: str = KEY) -> Endpoint:
    return Endpoint("local", f"http://127.0.0.1:{server.port}", key)


def _chat(
    client: RemoteClient, request: ChatRequest, token: CancelToken | None = None
) -> tuple[list[p.Token], RemoteDone | None]:
    tokens: list[p.Token] = []
    done: RemoteDone | None = None
    for event in client.chat(request, token):
        if isinstance(event, p.Token):
            tokens.append(event)
        else:
            done = event
    return tokens, done


def test_lists_and_checks_the_served_model(served: LocalServer) -> None:
    with RemoteClient(_endpoint(served)) as client:
        health = client.check()
    assert [m.id for m in health.models] == ["tiny-chat"]
    assert health.latency_s > 0
    assert health.server == "uvicorn"
    assert not health.ollama  # no /api/tags there


def test_streams_tokens_and_measures_them(served: LocalServer, tiny_chat: Path) -> None:
    request = ChatRequest(
        "tiny-chat",
        HELLO,
        max_tokens=24,
        seed=1,
        extra={"logit_bias": {str(_eos(tiny_chat)): -100}},
    )
    with RemoteClient(_endpoint(served)) as client:
        tokens, done = _chat(client, request)
    assert isinstance(done, RemoteDone)
    m = done.metrics
    # llama-cpp-python's server sends no usage: one chunk per token, an empty one too
    assert m.tokens_from == "chunks"
    assert m.gen_tokens == len(tokens) == 24
    assert [t.index for t in tokens] == list(range(24))
    assert m.stop_reason == "length"
    assert 0 < m.ttft_s <= m.total_s
    assert m.gen_tok_per_s is not None
    assert m.gen_tok_per_s > 0
    assert m.gen_s <= m.total_s - m.ttft_s + 1e-6
    assert done.text == "".join(t.text for t in tokens)
    assert m.server_timings is None


@pytest.mark.parametrize(
    ("key", "code"), [("wrong", "remote.unauthorized"), ("", "remote.unauthorized.no_key")]
)
def test_a_wrong_or_missing_key_is_refused(served: LocalServer, key: str, code: str) -> None:
    with RemoteClient(_endpoint(served, key)) as client, pytest.raises(RemoteError) as err:
        client.models()
    assert err.value.code == code
    assert err.value.params["status"] == 401
    assert KEY not in str(err.value)
    assert not key or key not in str(err.value)


def test_a_model_the_server_does_not_have(served: LocalServer) -> None:
    with RemoteClient(_endpoint(served)) as client, pytest.raises(RemoteError) as err:
        list(client.chat(ChatRequest("llama-70b", HELLO, max_tokens=4)))
    assert err.value.code == "remote.model_not_found"
    assert "tiny-chat" in err.value.message  # says what it does serve


def test_the_snippets_work(served: LocalServer) -> None:
    """The openai-client snippet shown to the user runs against the server as printed."""
    code = snippets(served.url, "tiny-chat", KEY)["python"].replace(
        "print(reply.choices[0].message.content)", "RESULT.append(reply)"
    )
    result: list[Any] = []
    exec(compile(code, "snippet", "exec"), {"RESULT": result})
    assert result
    assert result[0].model == "tiny-chat"


def test_server_killed_mid_stream(tiny_chat: Path, tmp_path: Path) -> None:
    server = LocalServer(ServeSettings(tiny_chat, "tiny-chat", n_ctx=4096, n_threads=1), tmp_path)
    server.start(timeout_s=120)
    try:
        request = ChatRequest(
            "tiny-chat", HELLO, max_tokens=3500, extra={"logit_bias": {str(_eos(tiny_chat)): -100}}
        )
        seen = 0

        def stream_and_kill() -> None:
            nonlocal seen
            with RemoteClient(_endpoint(server, "")) as client:
                for _event in client.chat(request):
                    seen += 1
                    if seen == 3:
                        assert server.pid is not None
                        os.kill(server.pid, signal.SIGKILL)

        with pytest.raises(RemoteError) as err:
            stream_and_kill()
        assert err.value.code == "remote.dropped", err.value
        assert int(err.value.params["tokens"]) >= 3
    finally:
        server.stop()


def test_the_serve_port_must_be_free(served: LocalServer, tiny_chat: Path, tmp_path: Path) -> None:
    from wizard_app.core.serve.server import ServeError

    with pytest.raises(ServeError, match="already in use"):
        LocalServer(ServeSettings(tiny_chat, "x", port=served.port), tmp_path).start()


def test_a_file_that_is_not_a_model_stops_the_server_with_its_words(tmp_path: Path) -> None:
    from wizard_app.core.serve.server import ServeError

    bad = tmp_path / "bad.gguf"
    bad.write_bytes(b"GGUF" + b"\0" * 64)
    with pytest.raises(ServeError, match="stopped while starting") as err:
        LocalServer(ServeSettings(bad, "bad"), tmp_path).start(timeout_s=60)
    assert "log" in err.value.remedy


# --- servers that cannot run here: recorded answers -------------------------------------
def test_ollama_listing_from_a_recorded_answer() -> None:
    """Ollama cannot be installed here: its /api/tags and /v1/models are replayed."""
    with (
        replay(models=OLLAMA_MODELS, tags=OLLAMA_TAGS) as server,
        RemoteClient(Endpoint("ollama", server.url + "/v1")) as client,
    ):
        health = client.check()
    assert health.ollama
    llama, qwen = health.models
    assert (llama.id, llama.size_bytes, llama.parameter_size, llama.quantization) == (
        "llama3.2:3b",
        2019393189,
        "3.2B",
        "Q4_K_M",
    )
    assert qwen.family == "qwen2"


def test_llama_server_usage_and_timings_from_a_recorded_stream() -> None:
    pieces = ["The", " sky", " is", " blue", "."]
    with replay(stream=llama_server_stream(pieces), event_delay_s=0.01) as server:
        with RemoteClient(Endpoint("gpu-box", server.url, "k")) as client:
            tokens, done = _chat(client, ChatRequest("gemma-3-27b", HELLO, max_tokens=5))
        sent = server.requests[-1][2]["body"]
        auth = next(h for m, _path, h in server.requests if m == "GET")
    assert isinstance(done, RemoteDone)
    assert done.text == "The sky is blue."
    m = done.metrics
    assert (m.tokens_from, m.gen_tokens, m.prompt_tokens, m.stop_reason) == (
        "usage",
        5,
        12,
        "length",
    )
    assert m.server_timings is not None
    assert m.server_timings.predicted_per_second == 25.0
    assert m.server_timings.prompt_n == 12
    assert m.gen_tok_per_s is not None
    assert 4 / m.gen_s == pytest.approx(m.gen_tok_per_s)
    body = json.loads(sent)
    assert body["stream"] is True
    assert body["stream_options"] == {"include_usage": True}
    assert auth["Authorization"] == "Bearer k"
    assert len(tokens) == 5


def test_a_silent_server_times_out() -> None:
    stream = llama_server_stream(["a", "b", "c"])
    with replay(stream=stream, stall_after=2) as server:
        client = RemoteClient(Endpoint("slow", server.url), read_timeout_s=0.5)
        t0 = time.monotonic()
        with client, pytest.raises(RemoteError) as err:
            list(client.chat(ChatRequest("gemma-3-27b", HELLO)))
    assert err.value.code == "remote.timeout.after"
    assert "after 2 token(s)" in err.value.message
    assert time.monotonic() - t0 < 5


def test_cancel_while_the_server_is_silent_returns_at_once() -> None:
    with replay(stream=llama_server_stream(["a", "b"]), stall_after=1) as server:
        token = CancelToken()
        threading.Timer(0.3, token.cancel).start()
        t0 = time.monotonic()
        with RemoteClient(Endpoint("slow", server.url), read_timeout_s=30) as client:
            events = list(client.chat(ChatRequest("gemma-3-27b", HELLO), token))
    assert time.monotonic() - t0 < 3
    assert [type(e) for e in events] == [p.Token]  # no RemoteDone: it was cancelled


def test_a_stream_that_ends_without_finishing_is_dropped() -> None:
    events = llama_server_stream(["a", "b"])[:2]  # no finish_reason
    with (
        replay(stream=events, send_done=False) as server,
        RemoteClient(Endpoint("cut", server.url)) as client,
        pytest.raises(RemoteError) as err,
    ):
        list(client.chat(ChatRequest("gemma-3-27b", HELLO)))
    assert err.value.code == "remote.dropped"
    assert err.value.params["tokens"] == 2


def test_nothing_listening() -> None:
    port = free_port()
    with (
        RemoteClient(Endpoint("none", f"http://127.0.0.1:{port}")) as client,
        pytest.raises(RemoteError) as err,
    ):
        client.models()
    assert err.value.code == "remote.unreachable"


# --- endpoints --------------------------------------------------------------------------
def test_endpoints_are_kept_private_and_never_shown(tmp_path: Path) -> None:
    store = EndpointStore(tmp_path / "endpoints.json")
    store.add(Endpoint("gpu-box", " http://10.0.0.5:8080/ ", "secret-key"))
    store.add(Endpoint("lab", "https://lab.example/v1", verify_tls=False))
    assert (tmp_path / "endpoints.json").stat().st_mode & 0o777 == 0o600
    box = store.get("gpu-box")
    assert (box.base_url, box.api_key, box.api_base) == (
        "http://10.0.0.5:8080",
        "secret-key",
        "http://10.0.0.5:8080/v1",
    )
    assert "secret-key" not in repr(box)
    assert "secret-key" not in str(box.public())
    assert store.get("lab").root == "https://lab.example"
    assert store.get("lab").verify_tls is False
    store.remove("gpu-box")
    assert [e.name for e in store.all()] == ["lab"]
    with pytest.raises(RemoteError, match="no endpoint named 'gpu-box'"):
        store.get("gpu-box")


@pytest.mark.parametrize("url", ["10.0.0.5:8080", "ftp://x", "http://", ""])
def test_bad_urls_are_refused(tmp_path: Path, url: str) -> None:
    with pytest.raises(RemoteError) as err:
        EndpointStore(tmp_path / "e.json").add(Endpoint("x", url))
    assert err.value.code == "remote.bad_url"


def test_a_server_stops_when_the_app_dies_without_stopping_it(
    tiny_chat: Path, tmp_path: Path
) -> None:
    """The app killed or crashed: its (not kept) server notices and exits by itself."""
    import subprocess
    import sys

    from wizard_app.core.runtime.launch import worker_env

    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from wizard_app.core.serve.server import LocalServer, ServeSettings\n"
        f"s = LocalServer(ServeSettings(Path({str(tiny_chat)!r}), 'x', n_ctx=512, n_threads=1),"
        f" Path({str(tmp_path)!r}))\n"
        "s.start(timeout_s=120)\n"
        "print(s.pid, s.port, flush=True)\n"
        "os._exit(0)\n"  # no stop(): as if the app were killed
    )
    out = subprocess.run(
        [sys.executable, "-c", script], env=worker_env(), capture_output=True, text=True,
        timeout=180, check=True,
    ).stdout  # fmt: skip
    pid, port = (int(x) for x in out.split())
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.2)
    else:
        os.kill(pid, signal.SIGKILL)
        raise AssertionError("the server outlived the app")
    assert "the app is gone" in (tmp_path / f"serve-{port}.log").read_text()
