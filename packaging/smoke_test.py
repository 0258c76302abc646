"""Smoke-test a packaged build: the frozen CLI, catalog, database, a real model run
through the frozen inference worker, and `serve` (llama-cpp-python's server, frozen too)
answering on 127.0.0.1.

    python packaging/smoke_test.py dist/OpenModelWizard/model-wizard
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(exe: Path, data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(exe), "--data-dir", str(data), *args],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def serve(exe: Path, data: Path, model: Path, timeout_s: float = 90.0) -> str | None:
    """`model-wizard serve MODEL`: wait for its OpenAI-compatible API, ask for 4 tokens,
    stop it with Ctrl-C (SIGINT; on Windows terminate). What went wrong, or None."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = data.parent / "serve.log"  # a file, not a pipe: the server's log never blocks it
    with log.open("w") as out:
        proc = subprocess.Popen(
            [str(exe), "--data-dir", str(data), "serve", str(model), "--port", str(port),
             "--ctx", "256"],
            stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}/v1"
    t = time.perf_counter()
    try:
        while True:
            if proc.poll() is not None:
                return f"exited with {proc.returncode}: {log.read_text()[-500:]}"
            try:
                with urllib.request.urlopen(f"{base}/models", timeout=5) as r:
                    json.load(r)
                break
            except OSError:
                if time.perf_counter() - t > timeout_s:
                    return f"no answer on port {port} in {timeout_s:.0f} s"
                time.sleep(0.5)
        body = json.dumps({"prompt": "Hello", "max_tokens": 4}).encode()
        request = urllib.request.Request(
            f"{base}/completions", body, {"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=60) as r:
            answer = json.load(r)
        tokens = answer["usage"]["completion_tokens"]
        print(f"serve: {tokens} tokens from {base} ({time.perf_counter() - t:.1f} s)")
        return None if tokens == 4 else f"{tokens} tokens instead of 4"
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT if sys.platform != "win32" else signal.SIGTERM)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def main() -> int:
    exe = Path(sys.argv[1]).resolve()
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        t = time.perf_counter()
        r = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=False)
        print(f"--version: {r.stdout.strip()} ({time.perf_counter() - t:.2f} s)")
        if r.returncode:
            failures.append("--version")
        r = run(exe, data, "catalog", "check")
        print(f"catalog check: {r.stdout.strip() or r.stderr.strip()}")
        if r.returncode:
            failures.append("catalog check")
        r = run(exe, data, "recommend", "--use-case", "coding", "--ram-gb", "16", "--json")
        if r.returncode:
            failures.append(f"recommend: {r.stderr.strip()}")
        else:
            picks = json.loads(r.stdout)["picks"]
            print(f"recommend: {len(picks)} picks, first {picks[0]['id']}")
        # A real model through the frozen worker: a small GGUF generated with the gguf package.
        sys.path.insert(0, str(ROOT))
        from tests.gguf_models import TINY_CHAT, build_gguf

        model = build_gguf(Path(tmp) / "tiny.gguf", TINY_CHAT)
        r = run(exe, data, "run", str(model), "--prompt", "Hello", "--max-tokens", "8", "--json")
        if r.returncode:
            failures.append(f"run: {r.stderr.strip()}")
        else:
            metrics = json.loads(r.stdout.strip().splitlines()[-1])
            print(f"run: {metrics['gen_tokens']} tokens at {metrics['gen_tok_per_s']:.0f} tok/s, "
                  f"load {metrics['load_s']:.2f} s")  # fmt: skip
        failure = serve(exe, data, model)
        if failure:
            failures.append(f"serve: {failure}")
    for f in failures:
        print(f"FAILED: {f}")
    print("smoke test " + ("FAILED" if failures else "passed"))
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
