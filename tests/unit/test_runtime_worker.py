"""The inference worker with the real llama.cpp in a real process: load, stream, cancel,
unload, reload, errors, and the worker's death."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import psutil
import pytest

from tests.gguf_models import ModelSpec, build_gguf
from wizard_app.core.cancel import CancelToken
from wizard_app.core.runtime import protocol as p
from wizard_app.core.runtime.client import RuntimeClient
from wizard_app.core.runtime.deaths import RunError, WorkerDied

CHAT = (p.ChatMessage("user", "hello, tell me a story"),)


def load(client: RuntimeClient, path: Path, **kw: object) -> p.ModelInfo:
    events = list(client.load(p.Load(path=str(path), **kw)))  # type: ignore[arg-type]
    assert isinstance(events[-1], p.Loaded)
    return events[-1].info


def generate(client: RuntimeClient, token: CancelToken | None = None, **kw: object):
    kw.setdefault("messages", CHAT)
    events = list(client.generate(p.Generate(**kw), token))  # type: ignore[arg-type]
    done = events[-1]
    assert isinstance(done, p.Done)
    tokens = [e for e in events[:-1] if isinstance(e, p.Token)]
    return tokens, done


@pytest.fixture(scope="module")
def mid_model(gguf_dir: Path) -> Path:
    """50 MB: a 1,500-token prompt takes a couple of seconds to evaluate on 2 cores."""
    spec = ModelSpec(
        name="mid", embedding=512, heads=8, kv_heads=2, feed_forward=1408, layers=6,
        vocab_size=8000, tile_random=True,
    )  # fmt: skip
    return build_gguf(gguf_dir / "mid.gguf", spec)


def test_hello_reports_the_build(runtime_client: RuntimeClient) -> None:
    hello = runtime_client.start()
    assert hello.pid == runtime_client.pid != os.getpid()
    assert "llama" in hello.architectures
    assert hello.supports_gpu_offload is False  # this machine's CPU-only build
    assert any(d.kind == "cpu" and d.total_bytes > 0 for d in hello.devices)
    assert "AVX" in hello.system_info or "NEON" in hello.system_info


@pytest.mark.parametrize("fixture", ["tiny_llama", "tiny_bpe", "tiny_gqa", "tiny_q8", "tiny_chat"])
def test_every_test_model_loads_and_streams(
    runtime_client: RuntimeClient, fixture: str, request: pytest.FixtureRequest
) -> None:
    path: Path = request.getfixturevalue(fixture)
    events = list(runtime_client.load(p.Load(path=str(path), n_ctx=300)))
    progress = [e for e in events if isinstance(e, p.LoadProgress)]
    assert progress[0].stage == "opening"
    fractions = [e.fraction for e in progress]
    assert fractions == sorted(fractions)
    assert fractions[-1] == 1.0
    info = events[-1].info  # type: ignore[union-attr]
    assert info.n_ctx == 512  # llama.cpp rounds the context up to a multiple of 256
    assert info.n_layers == 2
    assert info.memory.kv_bytes > 0
    assert info.memory.compute_bytes > 0
    tokens, done = generate(runtime_client, max_tokens=12, ignore_eos=True, seed=7)
    m = done.metrics
    assert len(tokens) == m.gen_tokens == 12
    assert [t.index for t in tokens] == list(range(12))
    assert "".join(t.text for t in tokens) + done.tail == done.text
    assert m.stop_reason == "length"
    assert m.prompt_tokens > 5
    assert m.prompt_eval_tokens == m.prompt_tokens
    assert m.ttft_s >= m.ttft_worker_s > 0
    assert m.gen_tok_per_s
    assert m.gen_tok_per_s > 0
    assert m.prompt_tok_per_s
    assert m.prompt_tok_per_s > 0
    assert m.peak_rss_bytes >= info.memory.rss_after_load_bytes > info.memory.rss_before_load_bytes


def test_chat_template_from_the_file_or_a_fallback(
    runtime_client: RuntimeClient, tiny_chat: Path, tiny_llama: Path
) -> None:
    assert load(runtime_client, tiny_chat).chat_format == "gguf-template"
    _, with_system = generate(runtime_client, system="Be brief.", max_tokens=1, seed=1)
    _, without = generate(runtime_client, max_tokens=1, seed=1)
    # <|im_start|>system\nBe brief.<|im_end|>\n adds tokens to the prompt
    assert with_system.metrics.prompt_tokens > without.metrics.prompt_tokens + 3
    info = load(runtime_client, tiny_llama)
    # A SentencePiece Llama vocabulary without chat markers: Llama 2's [INST] turns
    assert info.chat_format == "fallback:mistral-instruct"
    assert any("no chat template" in n for n in info.notes)
    assert info.note_codes == (("runtime.chat_fallback", (("format", "mistral-instruct"),)),)
    _, plain = generate(runtime_client, messages=(), prompt="hello", max_tokens=1)
    assert plain.metrics.prompt_tokens < without.metrics.prompt_tokens


def test_same_seed_same_text_and_stop_strings(
    runtime_client: RuntimeClient, tiny_gqa: Path
) -> None:
    load(runtime_client, tiny_gqa, n_ctx=512)
    _, a = generate(runtime_client, max_tokens=40, seed=42, ignore_eos=True)
    _, b = generate(runtime_client, max_tokens=40, seed=42, ignore_eos=True)
    assert a.text == b.text
    assert len(a.text) > 5
    stop = a.text[len(a.text) // 2 : len(a.text) // 2 + 2]
    tokens, c = generate(runtime_client, max_tokens=40, seed=42, ignore_eos=True, stop=(stop,))
    assert c.metrics.stop_reason == "stop"
    assert c.text == a.text[: a.text.index(stop)]
    assert stop not in "".join(t.text for t in tokens)


def test_cancel_during_generation_keeps_the_model_usable(
    runtime_client: RuntimeClient, tiny_llama: Path
) -> None:
    load(runtime_client, tiny_llama, n_ctx=2048)
    token = CancelToken()
    seen = 0
    done = None
    for event in runtime_client.generate(
        p.Generate(messages=CHAT, max_tokens=1500, ignore_eos=True), token
    ):
        if isinstance(event, p.Token):
            seen += 1
            if seen == 5:
                token.cancel()
        else:
            done = event
    assert isinstance(done, p.Done)
    assert done.metrics.stop_reason == "cancelled"
    assert 5 <= done.metrics.gen_tokens < 1500
    _, after = generate(runtime_client, max_tokens=8, ignore_eos=True)
    assert after.metrics.stop_reason == "length"
    assert after.metrics.gen_tokens == 8


def test_cancel_during_prompt_evaluation(runtime_client: RuntimeClient, mid_model: Path) -> None:
    load(runtime_client, mid_model, n_ctx=2048)
    prompt = "hello world tell me a story " * 55  # about 1,500 tokens
    token = CancelToken()
    timer = threading.Timer(0.3, token.cancel)
    t0 = time.perf_counter()
    timer.start()
    tokens, done = generate(runtime_client, token, messages=(), prompt=prompt, max_tokens=5)
    elapsed = time.perf_counter() - t0
    timer.cancel()
    assert done.metrics.stop_reason == "cancelled"
    assert tokens == []
    assert done.metrics.gen_tokens == 0
    assert done.metrics.prompt_tokens > 1000
    # the abort callback stopped llama_decode part way (a full evaluation takes seconds)
    _, full = generate(runtime_client, messages=(), prompt=prompt, max_tokens=1)
    assert full.metrics.stop_reason in ("length", "eos")
    assert full.metrics.prompt_eval_tokens == full.metrics.prompt_tokens  # nothing half-cached
    assert elapsed < full.metrics.prompt_eval_s


def test_unload_and_reload(runtime_client: RuntimeClient, tiny_q8: Path) -> None:
    load(runtime_client, tiny_q8)
    assert runtime_client.stats().model is not None
    runtime_client.unload()
    stats = runtime_client.stats()
    assert stats.model is None
    assert stats.rss_bytes > 0
    with pytest.raises(RunError, match="No model is loaded") as info:
        generate(runtime_client, max_tokens=1)
    assert info.value.kind == "not_loaded"
    load(runtime_client, tiny_q8)
    _, done = generate(runtime_client, max_tokens=3, ignore_eos=True)
    assert done.metrics.gen_tokens == 3


def test_prompt_longer_than_the_context(runtime_client: RuntimeClient, tiny_llama: Path) -> None:
    load(runtime_client, tiny_llama, n_ctx=256)
    with pytest.raises(RunError, match=r"prompt is [\d,]+ tokens but the context holds 256"):
        generate(runtime_client, messages=(), prompt="hello world " * 200, max_tokens=4)
    tokens, _done = generate(runtime_client, max_tokens=4, ignore_eos=True)
    assert len(tokens) == 4
    # a prompt that fits but leaves less room than max_tokens stops at the context
    _, full = generate(runtime_client, max_tokens=1000, ignore_eos=True)
    assert full.metrics.stop_reason == "context"
    assert full.metrics.prompt_tokens + full.metrics.gen_tokens == 256


def test_bad_files_fail_cleanly_in_the_worker(
    runtime_client: RuntimeClient, tmp_path: Path, tiny_llama: Path
) -> None:
    truncated = tmp_path / "truncated.gguf"
    truncated.write_bytes(tiny_llama.read_bytes()[:100_000])
    with pytest.raises(RunError, match=r"could not load truncated\.gguf") as info:
        load(runtime_client, truncated)
    assert info.value.kind == "load_failed"
    assert any("not within the file" in d for d in info.value.details)
    wrong_shape = build_gguf(tmp_path / "wrongshape.gguf", ModelSpec(embedding=64))
    data = wrong_shape.read_bytes().replace(b"llama.embedding_length", b"llama.embedding_lengtX")
    wrong_shape.write_bytes(data)
    with pytest.raises(RunError, match=r"could not load wrongshape\.gguf"):
        load(runtime_client, wrong_shape)
    alien = build_gguf(tmp_path / "alien.gguf", ModelSpec(arch="notanarch"))
    with pytest.raises(RunError, match="architecture 'notanarch'") as info:
        load(runtime_client, alien)
    assert info.value.kind == "unsupported_arch"
    with pytest.raises(RunError, match="No model file"):
        load(runtime_client, tmp_path / "missing.gguf")
    assert runtime_client.is_alive()
    load(runtime_client, tiny_llama)
    assert len(generate(runtime_client, max_tokens=2, ignore_eos=True)[0]) == 2


def test_llama_cpp_log_reaches_python_logging(
    tiny_llama: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # The worker forwards records at the level the app logged at when it started it.
    with caplog.at_level(logging.DEBUG), RuntimeClient() as client:
        load(client, tiny_llama)
    native = [r for r in caplog.records if r.name == "llama_cpp"]
    assert any("llama_model_loader" in r.getMessage() for r in native)
    assert any("compute buffer size" in r.getMessage() for r in native)
    assert {r.levelno for r in native} >= {logging.DEBUG, logging.INFO}
    caplog.clear()
    with caplog.at_level(logging.WARNING), RuntimeClient() as client:
        load(client, tiny_llama)
    assert not [r for r in caplog.records if r.name == "llama_cpp"]


def test_sigkill_mid_generation_then_a_new_run_works(tiny_llama: Path) -> None:
    with RuntimeClient() as client:
        load(client, tiny_llama, n_ctx=2048)
        first_pid = client.pid
        assert first_pid is not None

        def run_and_kill() -> None:
            seen = 0
            for event in client.generate(
                p.Generate(messages=CHAT, max_tokens=1500, ignore_eos=True)
            ):
                if isinstance(event, p.Token):
                    seen += 1
                    if seen == 3:
                        os.kill(first_pid, signal.SIGKILL)

        with pytest.raises(WorkerDied, match="killed") as info:
            run_and_kill()
        assert info.value.kind == "worker_died"
        assert "fresh model process" in info.value.remedy
        assert not psutil.pid_exists(first_pid) or psutil.Process(first_pid).status() == "zombie"
        assert client.is_alive()
        assert client.pid != first_pid
        assert client.model is None
        load(client, tiny_llama)
        assert len(generate(client, max_tokens=3, ignore_eos=True)[0]) == 3
        assert client.deaths == 1


def test_the_worker_exits_with_its_app(tmp_path: Path) -> None:
    """A worker whose app vanished (crash, kill) must not linger holding gigabytes."""
    script = textwrap.dedent(
        """
        import os, sys
        from wizard_app.core.runtime.client import RuntimeClient
        c = RuntimeClient()
        c.start()
        print(c.pid, flush=True)
        os._exit(0)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    pid = int(out.stdout.split()[0])
    deadline = time.monotonic() + 10
    while psutil.pid_exists(pid) and time.monotonic() < deadline:
        if psutil.Process(pid).status() == "zombie":
            break
        time.sleep(0.05)
    assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == "zombie"


def test_stop_closes_the_worker(tiny_llama: Path) -> None:
    client = RuntimeClient()
    load(client, tiny_llama)  # starts the worker on demand
    pid = client.pid
    assert pid is not None
    client.stop()
    assert not client.is_alive()
    assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == "zombie"


def test_a_cancelled_load_leaves_nothing_loaded(
    runtime_client: RuntimeClient, mid_model: Path, tiny_llama: Path
) -> None:
    token = CancelToken()
    token.cancel()  # e.g. the user pressed Stop as loading began
    events = list(runtime_client.load(p.Load(path=str(mid_model)), token))
    assert not any(isinstance(e, p.Loaded) for e in events)
    assert runtime_client.model is None
    assert runtime_client.stats().model is None
    assert load(runtime_client, tiny_llama).n_layers == 2


def test_the_frozen_app_entry_point_starts_a_worker(tiny_llama: Path) -> None:
    """A frozen build runs ``app --runtime-worker``: cli.main hands over before parsing."""
    entry = "import sys; from wizard_app.cli import main; raise SystemExit(main())"
    with RuntimeClient(command=[sys.executable, "-c", entry, "--runtime-worker"]) as client:
        load(client, tiny_llama)
        assert len(generate(client, max_tokens=2, ignore_eos=True)[0]) == 2


def test_a_worker_that_dies_before_its_hello_fails_the_start_once() -> None:
    """Connects, then exits before Hello: the start fails with one clear error; the client
    does not answer that death by starting another (which would die the same way, again
    and again), and does not claim a fresh process is ready."""
    script = textwrap.dedent(
        """
        import sys
        from wizard_app.core.runtime.worker.channel import connect
        control, events, _level = connect(sys.stdin, sys.stdout)
        print("dying before hello", flush=True)
        sys.exit(3)
        """
    )
    client = RuntimeClient(command=[sys.executable, "-c", script])
    t0 = time.monotonic()
    with pytest.raises(RunError) as failed:
        client.start()
    assert not isinstance(failed.value, WorkerDied)
    assert failed.value.message.startswith("The model process did not start.")
    assert "fresh model process is ready" not in str(failed.value)
    assert client.deaths == 1
    assert time.monotonic() - t0 < 30
    client.stop()
