"""Recommender speed: bundled catalog (target <= 20 ms median) and 10,000 variants (<= 1 s).

Run on demand: python tests/benchmarks/bench_recommend.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[2]))

from tests.catalog_factory import synthetic_catalog
from wizard_app.core.catalog import load_catalog
from wizard_app.core.hardware.profile import HardwareOverrides, HardwareProfile
from wizard_app.core.recommend.engine import Recommender, RecommendRequest


def timed(fn, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def main() -> int:
    hw = HardwareOverrides(ram_gb=16, vram_gb=8, gpu="nvidia").apply(HardwareProfile())
    req = RecommendRequest(use_case="coding", top=10)
    ok = True

    catalog = load_catalog()
    # A fresh Recommender per call: nothing is cached between requests.
    runs = timed(lambda: Recommender(catalog).run(hw, req), 50)
    med = statistics.median(runs) * 1000
    print(
        f"bundled catalog ({len(catalog)} variants): median {med:.1f} ms, "
        f"p90 {sorted(runs)[44] * 1000:.1f} ms  (target <= 20 ms)"
    )
    ok &= med <= 20

    budget = RecommendRequest(use_case="coding", top=10, budget_usd=1500)
    runs = timed(lambda: Recommender(catalog).run(hw, budget), 10)
    print(
        f"bundled catalog with a 1500 USD budget (upgrade advice): median "
        f"{statistics.median(runs) * 1000:.1f} ms"
    )

    big = synthetic_catalog(10_000, seed=1)
    runs = timed(lambda: Recommender(big).run(hw, req), 5)
    med = statistics.median(runs)
    print(f"generated catalog (10,000 variants): median {med * 1000:.0f} ms  (target <= 1000 ms)")
    ok &= med <= 1.0
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
