"""Command start-up: wall time from spawn to exit of ``model-wizard`` commands.

Run on demand: python tests/benchmarks/bench_startup.py [runs]

Targets (issue 15): ``--version`` under 150 ms, ``recommend --json`` under 400 ms, both as
the median of warm runs (the data folder exists, the OS file cache is warm). The first
window has its own benchmark, ``bench_gui_startup.py``. Also printed: how long the
ranking itself takes inside the process, and which heavy modules each command imports, so
a regression shows where it came from. Load average and CPU are printed with the figures:
on a busy machine the times mean little.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).parents[2]
COMMANDS = {
    "--version": (["--version"], 0.150),
    "recommend --json": (["recommend", "--use-case", "chat", "--ram-gb", "16", "--json"], 0.400),
    "fit --json": (["fit", "qwen2.5-7b-instruct", "--quant", "Q4_K_M", "--json"], None),
    "catalog --json": (["catalog", "--json"], None),
}
HEAVY = ("alembic", "numpy", "gguf", "llama_cpp", "PySide6", "sqlalchemy", "pydantic", "httpx")
PROBE = (
    "import runpy, sys, json, atexit\n"
    "atexit.register(lambda: print('MODULES ' + json.dumps(sorted({m.split('.')[0] "
    "for m in sys.modules})), file=sys.stderr))\n"
    "sys.argv = ['model-wizard', *sys.argv[1:]]\n"
    "runpy.run_module('wizard_app', run_name='__main__')\n"
)


def _run(args: list[str], data: str) -> float:
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "wizard_app", "--data-dir", data, *args],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - t0


def _heavy_imports(args: list[str], data: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, "--data-dir", data, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stderr
    line = next((x for x in out.splitlines() if x.startswith("MODULES ")), "MODULES []")
    return [m for m in json.loads(line[8:]) if m in HEAVY]


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    sys.path.insert(0, str(ROOT))
    from tests.benchmarks._machine import machine_line

    print(machine_line())
    failed = 0
    with tempfile.TemporaryDirectory() as data:
        _run(["recommend", "--use-case", "chat", "--json"], data)  # database and caches made
        for name, (args, target) in COMMANDS.items():
            times = sorted(_run(args, data) for _ in range(runs))
            median = statistics.median(times)
            verdict = ""
            if target is not None:
                ok = median <= target
                failed += not ok
                verdict = f"target {target * 1000:.0f} ms: {'met' if ok else 'NOT met'}"
            print(
                f"{name:18} median {median * 1000:6.0f} ms  (best {times[0] * 1000:.0f}, "
                f"worst {times[-1] * 1000:.0f})  {verdict}"
            )
            print(f"{'':18} imports: {', '.join(_heavy_imports(args, data)) or 'none heavy'}")
    sys.path.insert(0, str(ROOT))
    from wizard_app.core.catalog.loader import load_catalog
    from wizard_app.core.hardware.probe import detect
    from wizard_app.core.recommend.engine import RecommendRequest, recommend

    cat = load_catalog()
    hw = detect()
    t0 = time.perf_counter()
    recommend(cat, hw, RecommendRequest(use_case="chat"))
    print(f"ranking itself, in process: {(time.perf_counter() - t0) * 1000:.1f} ms")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
