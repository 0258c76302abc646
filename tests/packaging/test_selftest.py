"""``model-wizard --self-test`` from source: the real window offscreen, catalog, database
and a generated model through the real worker process; and a failing check fails it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from wizard_app.core.runtime.build_info import compiled_backends, describe_build, has_gpu_backend

ROOT = Path(__file__).resolve().parents[2]
CHECKS = ("window", "catalog", "database", "translations", "icon", "model process", "generate")


def _run(
    *args: str, code: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "wizard_app"]
    return subprocess.run(
        [*command, *args], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, **(env or {})},
    )  # fmt: skip


def test_the_self_test_passes_and_prints_every_check() -> None:
    result = _run("--self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for name in CHECKS:
        assert any(line.startswith(f"[ok  ] {name}: ") for line in lines), name
    assert "8 tokens at" in result.stdout
    assert lines[-1].startswith("self-test passed: 7 checks")


def test_a_model_that_does_not_load_fails_the_self_test(tmp_path: Path) -> None:
    bad = tmp_path / "broken.gguf"
    bad.write_bytes(b"GGUF" + b"\0" * 64)  # a header and nothing else
    code = "from pathlib import Path; from wizard_app.selftest import main; "
    code += f"raise SystemExit(main(Path({str(bad)!r})))"
    result = _run(code=code)
    assert result.returncode == 1
    assert "[FAIL] generate: " in result.stdout
    assert "[ok  ] catalog: " in result.stdout  # the other checks still ran
    assert result.stdout.splitlines()[-1] == "self-test FAILED: generate"


def test_a_model_process_that_cannot_start_fails_at_once(tmp_path: Path) -> None:
    """No llama.cpp library where the worker looks: it dies before its hello, and the
    self-test says the process did not start (the client starts no replacement)."""
    t = time.perf_counter()
    result = _run("--self-test", env={"LLAMA_CPP_LIB_PATH": str(tmp_path)})
    assert result.returncode == 1
    assert "[FAIL] model process: RunError: The model process did not start." in result.stdout
    assert "self-test FAILED: model process, generate" in result.stdout
    assert time.perf_counter() - t < 60


def test_backends_are_read_from_the_library_names(tmp_path: Path) -> None:
    names = {
        "linux-cuda": ["libggml-base.so", "libggml-cpu.so", "libggml-cuda.so", "libllama.so"],
        "windows-vulkan": ["ggml-base.dll", "ggml-cpu.dll", "ggml-vulkan.dll", "llama.dll"],
        "macos-metal": ["libggml-blas.dylib", "libggml-cpu.dylib", "libggml-metal.dylib"],
        "cpu-variants": ["libggml-cpu-haswell.so", "libggml-cpu-skylakex.so", "libllama.so"],
    }
    found = {}
    for build, files in names.items():
        folder = tmp_path / build
        folder.mkdir()
        for name in files:
            (folder / name).write_bytes(b"")
        found[build] = compiled_backends(folder)
    assert found == {
        "linux-cuda": ("CUDA", "CPU"),
        "windows-vulkan": ("Vulkan", "CPU"),
        "macos-metal": ("Metal", "BLAS", "CPU"),
        "cpu-variants": ("CPU",),
    }
    assert has_gpu_backend(found["macos-metal"])
    assert not has_gpu_backend(found["cpu-variants"])
    assert compiled_backends(tmp_path / "missing") == ()
    assert describe_build(()) == "llama.cpp not installed"


def test_this_installation_has_the_cpu_backend_and_version_says_so() -> None:
    assert "CPU" in compiled_backends()
    result = _run("--version")
    assert result.returncode == 0
    backends = " + ".join(compiled_backends())
    assert result.stdout.strip().endswith(f"(llama.cpp with {backends})")
