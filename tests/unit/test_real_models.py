"""Real models with real tokenizers, through the worker and the CLI (tests/real_models.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from wizard_app.core.fit import estimate
from wizard_app.core.gguf.header import shape_of
from wizard_app.core.gguf.reader import read_header
from wizard_app.core.hardware.profile import HardwareProfile
from wizard_app.core.runtime import protocol as p
from wizard_app.core.runtime.client import RuntimeClient

pytestmark = pytest.mark.slow

QUESTION = "What is the capital of France?"
# SmolLM2-135M answers the bare question with a poem about Paris that never names it; asked
# for one word it says "The capital of France is Paris." (greedy, llama.cpp 0.3.36)
ONE_WORD = f"{QUESTION} Answer in one word."


def load(client: RuntimeClient, path: Path, n_ctx: int = 2048) -> p.ModelInfo:
    events = list(client.load(p.Load(path=str(path), n_ctx=n_ctx)))
    assert isinstance(events[-1], p.Loaded)
    return events[-1].info


def answer(client: RuntimeClient, **kw: object) -> p.Done:
    kw.setdefault("max_tokens", 32)
    req = p.Generate(temperature=0.0, seed=1, **kw)  # type: ignore[arg-type]
    done = [e for e in client.generate(req) if isinstance(e, p.Done)]
    assert done
    return done[-1]


def test_smollm2_answers_with_its_own_chat_template(
    runtime_client: RuntimeClient, real_smollm2: Path
) -> None:
    info = load(runtime_client, real_smollm2)
    assert info.arch == "llama"
    assert info.chat_format == "gguf-template"
    assert not info.extra_buffers or "AMX_INT8 = 1" not in runtime_client.hello.system_info  # type: ignore[union-attr]
    done = answer(runtime_client, messages=(p.ChatMessage("user", ONE_WORD),))
    assert "Paris" in done.text
    assert done.metrics.stop_reason == "eos"
    assert done.metrics.gen_tok_per_s


def test_gemma3_without_a_template_gets_gemma_turns_and_knows_paris(
    runtime_client: RuntimeClient, real_gemma3: Path
) -> None:
    info = load(runtime_client, real_gemma3)
    assert info.arch == "gemma3"
    assert info.chat_format == "fallback:gemma"
    assert info.note_codes == (("runtime.chat_fallback", (("format", "gemma"),)),)
    chat = answer(runtime_client, messages=(p.ChatMessage("user", QUESTION),), max_tokens=1)
    plain = answer(runtime_client, prompt=QUESTION, max_tokens=1)
    # <bos><start_of_turn>user\n ... <end_of_turn>\n<start_of_turn>model\n: the turn markers
    # are single tokens of Gemma's vocabulary, so the turns add 8 tokens (spelled out as
    # text they would add over 20)
    assert chat.metrics.prompt_tokens - plain.metrics.prompt_tokens == 8
    # a base model: the plain completion answers the question
    done = answer(runtime_client, prompt=f"Question: {QUESTION}\nAnswer:", max_tokens=8)
    assert "Paris" in done.text


def test_the_small_sliding_window_cache_is_what_the_estimate_expects(
    runtime_client: RuntimeClient, real_gemma3: Path
) -> None:
    header = read_header(real_gemma3)
    hw = HardwareProfile(ram_total_bytes=64 * 1024**3, ram_available_bytes=60 * 1024**3)
    for ctx in (2048, 8192, 32768):
        info = load(runtime_client, real_gemma3, n_ctx=ctx)
        assert info.swa_full is False
        e = estimate(shape_of(header), hw, ctx, with_curve=False)
        assert e.kv_bytes == info.memory.kv_bytes, ctx


def test_cli_run_answers_in_json(real_smollm2: Path, tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "wizard_app", "--data-dir", str(tmp_path), "run",
         str(real_smollm2), "--prompt", ONE_WORD, "--temperature", "0", "--seed", "1",
         "--max-tokens", "32", "--json"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert "Paris" in result["output"]
    assert result["chat_format"] == "gguf-template"
