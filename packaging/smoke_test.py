"""Smoke-test a packaged build: the frozen CLI, catalog, database, and a real model run
through the frozen inference worker.

    python packaging/smoke_test.py dist/OpenModelWizard/model-wizard
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(exe: Path, data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(exe), "--data-dir", str(data), *args],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


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
    for f in failures:
        print(f"FAILED: {f}")
    print("smoke test " + ("FAILED" if failures else "passed"))
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
