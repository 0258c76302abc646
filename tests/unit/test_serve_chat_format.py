"""A served file without a chat template is prompted in the format the app's own runs use
(``runtime.chat_formats``), not llama-cpp-python's Llama 2 guess: a real Gemma 3 answers."""

from __future__ import annotations

import os
import re
import signal
from pathlib import Path

import httpx2
import llama_cpp
import pytest

from tests.cli_helpers import cli
from wizard_app.core.hardware.profile import HardwareOverrides
from wizard_app.core.serve.chat import TEMPLATE, ServedChat, choose, from_log, log_line
from wizard_app.core.serve.plan import plan_serve
from wizard_app.core.serve.server import LocalServer, free_port


def test_gemma_without_a_template_answers_through_the_server(
    real_gemma3: Path, tmp_path: Path
) -> None:
    hw = HardwareOverrides(ram_gb=16).planned()
    planned = plan_serve(real_gemma3, hw, n_ctx=512, gpu_layers=0, offload=False, n_threads=2)
    server = LocalServer(planned.settings, tmp_path)
    server.start(timeout_s=120)
    try:
        assert server.chat() == ServedChat("gemma", "its vocabulary has <start_of_turn>")
        reply = httpx2.post(
            f"{server.url}/chat/completions",
            json={
                "messages": [{"role": "user", "content": "What is the capital of France?"}],
                "max_tokens": 12,
                "temperature": 0,
            },
            timeout=120,
        ).json()
    finally:
        server.stop()
    assert reply["usage"]["completion_tokens"] > 0
    assert reply["choices"][0]["message"]["content"].strip()
    # prompted in Gemma's turns, as the app's runs are (not Llama 2's [INST])
    vocab = llama_cpp.Llama(model_path=str(real_gemma3), vocab_only=True, verbose=False)
    gemma = "<bos><start_of_turn>user\nWhat is the capital of France?<end_of_turn>\n"
    gemma += "<start_of_turn>model\n"
    expected = vocab.tokenize(gemma.encode(), add_bos=False, special=True)
    vocab.close()
    assert reply["usage"]["prompt_tokens"] == len(expected)


def test_the_choice_is_the_workers(real_smollm2: Path, real_gemma3: Path) -> None:
    assert choose(real_smollm2) == ServedChat(TEMPLATE)  # its own ChatML template
    gemma = choose(real_gemma3)
    assert gemma.name == "gemma"  # what 'run' reports as fallback:gemma
    assert from_log(f"extra buffers off\n{log_line(gemma)}\n") == gemma
    assert from_log(log_line(ServedChat(TEMPLATE))) == ServedChat(TEMPLATE)
    assert from_log("extra buffers off\n") is None


def test_serve_says_which_chat_format_it_uses(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, real_gemma3: Path
) -> None:
    port = free_port()
    code, out, _ = cli(
        capsys, tmp_path, "serve", str(real_gemma3), "--port", str(port), "--ctx", "512",
        "--threads", "2", "--keep-running",
    )  # fmt: skip
    assert code == 0
    pid = int(re.search(r"\(pid (\d+)\)", out).group(1))  # type: ignore[union-attr]
    try:
        assert "Chat format: gemma, as 'model-wizard run' uses" in out
        assert "its vocabulary has <start_of_turn>" in out
    finally:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)  # our child: reap it
