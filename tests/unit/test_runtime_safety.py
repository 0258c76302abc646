"""Safe llama.cpp settings per machine, the crash retry, chat formats, crash messages."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest

from wizard_app.core.fit.repack import repacked_types
from wizard_app.core.runtime import chat_formats
from wizard_app.core.runtime import protocol as p
from wizard_app.core.runtime.client import RuntimeClient
from wizard_app.core.runtime.cpu_policy import (
    SafetyMemory,
    build_has_amx,
    build_key,
    default_extra_buffers,
)
from wizard_app.core.runtime.deaths import crash_name, death_message
from wizard_app.core.runtime.launch import worker_env
from wizard_app.core.runtime.worker import FAULT_ENV

# llama.cpp's system info on the Xeon of this project's machines (llama-cpp-python 0.3.36)
XEON_AMX = (
    "CPU : SSE3 = 1 | SSSE3 = 1 | AVX = 1 | AVX_VNNI = 1 | AVX2 = 1 | F16C = 1 | FMA = 1 | "
    "BMI2 = 1 | AVX512 = 1 | AVX512_VBMI = 1 | AVX512_VNNI = 1 | AVX512_BF16 = 1 | "
    "AMX_INT8 = 1 | LLAMAFILE = 1 | OPENMP = 1 | REPACK = 1 |"
)
X86_AVX2 = "CPU : SSE3 = 1 | SSSE3 = 1 | AVX = 1 | AVX2 = 1 | F16C = 1 | FMA = 1 | REPACK = 1 |"
ARM = "CPU : NEON = 1 | ARM_FMA = 1 | FP16_VA = 1 | DOTPROD = 1 | REPACK = 1 |"


def test_extra_buffers_off_with_amx_and_on_x86_kept_on_arm() -> None:
    assert build_has_amx(XEON_AMX)
    assert not build_has_amx(X86_AVX2)
    assert not build_has_amx("AMX_INT8 = 0")
    assert default_extra_buffers(XEON_AMX, "x86_64") == p_extra(False, "amx")
    assert default_extra_buffers(X86_AVX2, "x86_64") == p_extra(False, "x86_copy")
    assert default_extra_buffers(ARM, "aarch64") == p_extra(True, "arm_repack")
    assert default_extra_buffers(ARM, "arm64") == p_extra(True, "arm_repack")
    assert "Q4_0" in repacked_types(True, "aarch64")
    assert repacked_types(False, "aarch64") == frozenset()
    assert repacked_types(True, "x86_64") == frozenset()


def p_extra(enabled: bool, reason: str) -> object:
    from wizard_app.core.runtime.cpu_policy import ExtraBuffers

    return ExtraBuffers(enabled, reason)


def test_safety_memory_survives_a_restart_and_ignores_a_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "state" / "runtime-safety.json"
    key = build_key("0.3.36", XEON_AMX)
    assert key != build_key("0.3.37", XEON_AMX)
    memory = SafetyMemory(path)
    assert memory.extra_buffers(key) is None
    memory.remember_crash(key, "model.gguf", "SIGSEGV")
    again = SafetyMemory(path)
    assert again.extra_buffers(key) is False
    assert again.extra_buffers(build_key("0.3.36", X86_AVX2)) is None
    entry = json.loads(path.read_text())[key]
    assert entry["reason"] == "model.gguf crashed (SIGSEGV) in its first decode"
    path.write_text("{not json")
    assert SafetyMemory(path).extra_buffers(key) is None  # unreadable: nothing learned


def test_chat_format_chosen_from_vocabulary_then_architecture() -> None:
    def vocab(*tokens: str):  # type: ignore[no-untyped-def]
        return lambda text: text in tokens

    gemma = chat_formats.choose("gemma3", "llama", vocab("<start_of_turn>", "<end_of_turn>"))
    assert gemma.name == "gemma"
    llama3 = chat_formats.choose("llama", "gpt2", vocab("<|start_header_id|>", "<|eot_id|>"))
    assert llama3.name == "llama-3"
    smol = chat_formats.choose("llama", "gpt2", vocab("<|im_start|>", "<|im_end|>"))
    assert smol.name == "chatml"
    assert chat_formats.choose("phi3", "llama", vocab()).name == "phi-3"
    assert chat_formats.choose("qwen2", "gpt2", vocab()).name == "chatml"
    assert chat_formats.choose("llama", "llama", vocab()).name == "mistral-instruct"
    assert chat_formats.choose("mystery", "gpt2", vocab()).name == "chatml"


def test_gemma_fallback_renders_turns_and_folds_the_system_prompt() -> None:
    from llama_cpp import llama_chat_format

    fmt = llama_chat_format.Jinja2ChatFormatter(
        template=chat_formats.TEMPLATES["gemma"], eos_token="<eos>", bos_token="<bos>"
    )
    out = fmt(
        messages=[
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": "Capital of France?"},
        ]
    )
    assert out.prompt == (
        "<bos><start_of_turn>user\nBe brief.\n\nCapital of France?<end_of_turn>\n"
        "<start_of_turn>model\n"
    )


def test_a_native_crash_is_one_plain_sentence_without_python_frames() -> None:
    output = [
        "Fatal Python error: Segmentation fault",
        "Current thread 0x00007f7 (most recent call first):",
        '  File "/x/llama_cpp/_internals.py", line 312 in decode',
        '  File "/x/wizard_app/__main__.py", line 7 in <module>',
        "Extension modules: numpy, psutil (total: 2)",
    ]
    message, remedy = death_message(-11, output)
    assert message == "The model process crashed (SIGSEGV) inside llama.cpp."
    assert "File" not in message
    assert "fresh model process" in remedy
    assert crash_name(-11) == "SIGSEGV"
    assert crash_name(-9) is None  # killed, likely out of memory: not a kernel crash
    assert crash_name(0xC0000005) == "access violation"
    killed, _ = death_message(-9, output)
    assert "File" not in killed


def test_a_crash_with_extra_buffers_is_retried_once_and_remembered(
    tiny_q8: Path, tmp_path: Path
) -> None:
    """The worker crashes in its warm-up decode (injected here, real on an AMX Xeon)."""
    memory = SafetyMemory(tmp_path / "safety.json")
    env = worker_env({FAULT_ENV: "crash-with-extra-buffers"})
    with RuntimeClient(env=env, safety=memory) as client:
        hello = client.start()
        events = list(client.load(p.Load(path=str(tiny_q8), n_ctx=512, extra_buffers=True)))
        info = events[-1].info  # type: ignore[union-attr]
        assert isinstance(events[-1], p.Loaded)
        assert info.extra_buffers is False
        assert client.deaths == 1
        assert info.note_codes[-1][0] == "runtime.safe_retry"
        assert "SIGSEGV" in info.notes[-1]
        assert "File" not in info.notes[-1]
        key = build_key(hello.llama_cpp_version, hello.system_info)
        assert SafetyMemory(tmp_path / "safety.json").extra_buffers(key) is False
        # From now on this machine loads without extra buffers: no second crash.
        events = list(client.load(p.Load(path=str(tiny_q8), n_ctx=512)))
        assert isinstance(events[-1], p.Loaded)
        assert events[-1].info.extra_buffers is False
        assert client.deaths == 1


def test_a_crash_without_extra_buffers_is_reported_not_retried(
    tiny_q8: Path, tmp_path: Path
) -> None:
    from wizard_app.core.runtime.deaths import WorkerDied

    env = worker_env({FAULT_ENV: "crash-with-extra-buffers"})
    with RuntimeClient(env=env, safety=SafetyMemory(tmp_path / "s.json")) as client:
        client.start()
        # extra buffers off: the fault never fires, the model loads
        events = list(client.load(p.Load(path=str(tiny_q8), n_ctx=512, extra_buffers=False)))
        assert isinstance(events[-1], p.Loaded)
    # a crash on a path the retry cannot fix surfaces as WorkerDied, once
    with RuntimeClient(env=env, safety=SafetyMemory(), restart_on_death=False) as client:
        with pytest.raises(WorkerDied) as died:
            list(client.load(p.Load(path=str(tiny_q8), n_ctx=512, extra_buffers=True)))
        assert str(died.value).startswith("The model process crashed (SIGSEGV) inside llama.cpp.")


def test_a_frozen_worker_is_declared_hung_killed_and_replaced(tiny_gqa: Path) -> None:
    """SIGSTOP mid-answer: the watchdog ends the wait with a plain message, not a hang."""
    import os
    import signal
    import time

    from wizard_app.core.runtime.deaths import WorkerDied

    with RuntimeClient(watchdog_s=2.0) as client:
        list(client.load(p.Load(path=str(tiny_gqa), n_ctx=4096)))
        stopped_pid = client.pid
        assert stopped_pid is not None
        req = p.Generate(prompt="hello", max_tokens=4000, ignore_eos=True)
        stopped_at: list[float] = []

        def stream() -> None:
            for event in client.generate(req):
                if isinstance(event, p.Token) and event.index == 3:
                    os.kill(stopped_pid, signal.SIGSTOP)
                    stopped_at.append(time.monotonic())

        with pytest.raises(WorkerDied) as died:
            stream()
        waited = time.monotonic() - stopped_at[0]
        assert 2.0 <= waited < 6.0
        assert died.value.code == "runtime.worker_hung"
        assert str(died.value).startswith("The model process stopped answering for 2 s")
        assert client.pid != stopped_pid  # a fresh worker is ready
        events = list(client.load(p.Load(path=str(tiny_gqa), n_ctx=512)))
        assert isinstance(events[-1], p.Loaded)
    with contextlib.suppress(ProcessLookupError):
        os.kill(stopped_pid, signal.SIGKILL)


def test_a_long_prompt_evaluation_sends_heartbeats_and_is_not_hung(tiny_gqa: Path) -> None:
    with RuntimeClient(watchdog_s=1.5) as client:
        list(client.load(p.Load(path=str(tiny_gqa), n_ctx=12288, n_batch=12288)))
        # ~10k tokens: seconds of attention without a token, but with heartbeats
        prompt = "the model wrote a story about the water " * 270
        done = [e for e in client.generate(p.Generate(prompt=prompt, max_tokens=2))
                if isinstance(e, p.Done)]  # fmt: skip
        assert done
        assert done[-1].metrics.prompt_eval_s > client.watchdog_s  # silence would have killed it
        assert client.deaths == 0
