"""The speed estimate against published llama.cpp measurements.

Each row of ``speed_truth.csv`` is one published ``llama-bench`` (or comparable) result:
device, model, quant, file size, prompt speed (pp512) and generation speed, with its
source. The device is given to the app by name only, as a user would: the GPU's model,
the number of cards and their memory, or the Apple chip; the app looks up the bandwidth
itself (resources/gpu_bandwidth.yaml) or says it assumed one. The model's shape comes
from the catalog, its size from the measurement.

Prints predicted / measured per row for generation and for prompt processing (pp512),
the medians, the 10th and 90th percentiles (the worst decile on either side) and the
share of rows within 25%, for every row and for the rows held out: the ``fit`` column
names the constants a row helped set (see wizard_app/core/fit.py), and a row with an
empty ``fit`` set none of them. Prompt speed needs the card's published matrix
throughput (or this CPU's measured profile); rows without one are counted apart.

The headline figures are over the rows of the llama.cpp the app predicts (2024 on, column
``llama_cpp``); the rows measured with the llama.cpp of December 2023, whose prompt
processing was about half as fast, are reported apart. GPU rows are compared at the
placement measured (llama-bench's -ngl 99, every layer on the GPU), also where the app
would keep a layer back for its safety margin. Left out of the data set: a Raspberry Pi 5
host (its one PCIe lane and CPU hold an RX 9070 XT at a third of its speed on an x86 host)
a normiebench run of an RTX 4080 SUPER at 30 tokens/s (a third of every other RTX 4080
measurement: not all of the model was on the card) and the normiebench runs of an Arc A770
with Llama 3.1 8B Q4_K_M at 5.9 and 6.1 tokens/s (brand-o/normiebench #12 and #45: a ninth
of the same card, model and quant on Vulkan under Windows in llama.cpp #17628, 53 tokens/s;
no efficiency of a backend explains a ninth, a model left in system memory does).
From llmfit's community results (github.com/AlexsJones/llmfit, llmfit-core/data/community)
the rows taken are, by one rule, the llama.cpp runs of Llama 3.2 1B and 3B, Llama 3.1 8B,
Qwen2.5 14B and 32B at Q4_K_M on the devices the bandwidth table knows, whose model fits
in the card's memory (so not the RTX 2080 with 14B, nor the GTX 1050 Ti the table lacks);
they run through llama-server, which samples and streams each token, where llama-bench
does neither.

    python tests/benchmarks/bench_speed_truth.py [--csv PATH] [--only assumed|published]
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import statistics
import sys
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.append(str(ROOT))  # after PYTHONPATH: another tree can be measured

from wizard_app.core.catalog.loader import Catalog, load_catalog  # noqa: E402
from wizard_app.core.fit import (  # noqa: E402
    ModelShape,
    kv_cache_bytes,
    place,
    prompt_tokens_per_s,
    shape_from_variant,
    tokens_per_s,
    with_weights,
)
from wizard_app.core.hardware.profile import GiB, HardwareOverrides, HardwareProfile  # noqa: E402

try:  # the app before GPU names and several cards (to measure the old model: PYTHONPATH)
    from wizard_app.core.fit import gpu_bandwidth
except ImportError:  # pragma: no cover
    gpu_bandwidth = None  # type: ignore[assignment]

DATA = Path(__file__).with_name("speed_truth.csv")
# Rows measured with the llama.cpp of December 2023 say so in ``tg_test``: its prompt
# processing on NVIDIA cards was about half as fast as 2024's on the same card.
OLD_LLAMA_CPP = "Dec 2023"
# llama-bench's generation test starts from an empty cache: a short context.
CONTEXT = 512
_UNITS = {"gib": GiB, "mib": 1024**2, "gb": 1000**3, "mb": 1000**2}


@dataclass(frozen=True)
class Row:
    device: str
    vendor: str
    backend: str
    gpus: int
    vram_gb: float | None
    ram_gb: float | None
    cpu_cores: int | None
    model: str
    shape: str
    quant: str
    size_bytes: int | None
    pp512: float | None
    tg: float | None
    tg_test: str
    source: str
    note: str
    fit: str = ""  # the constants this row helped set; empty: held out
    llama_cpp: str = ""  # the llama.cpp build or date the source gives

    @property
    def old_llama_cpp(self) -> bool:
        """Measured with the llama.cpp of December 2023, which the app does not predict."""
        return self.llama_cpp.startswith(OLD_LLAMA_CPP)


@dataclass(frozen=True)
class Result:
    row: Row
    tg_predicted: float | None
    verdict: str
    bandwidth: str  # "published", "given" or "assumed"
    pp_predicted: float | None = None

    @property
    def ratio(self) -> float | None:
        if self.tg_predicted is None or not self.row.tg:
            return None
        return self.tg_predicted / self.row.tg

    @property
    def pp_ratio(self) -> float | None:
        if self.pp_predicted is None or not self.row.pp512:
            return None
        return self.pp_predicted / self.row.pp512


def _num(text: str) -> float | None:
    return float(text) if text.strip() else None


def _size(text: str) -> int | None:
    found = re.fullmatch(r"\s*([\d.]+)\s*(GiB|MiB|GB|MB)\s*", text, re.IGNORECASE)
    return int(float(found.group(1)) * _UNITS[found.group(2).lower()]) if found else None


def load_rows(path: Path = DATA) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as f:
        return [
            Row(
                device=r["device"],
                vendor=r["vendor"],
                backend=r["backend"],
                gpus=int(r["gpus"] or 1),
                vram_gb=_num(r["vram_gb"]),
                ram_gb=_num(r["ram_gb"]),
                cpu_cores=int(r["cpu_cores"]) if r["cpu_cores"] else None,
                model=r["model"],
                shape=r["shape"],
                quant=r["quant"],
                size_bytes=_size(r["size"]),
                pp512=_num(r["pp512"]),
                tg=_num(r["tg"]),
                tg_test=r["tg_test"],
                source=r["source"],
                note=r["note"],
                fit=r.get("fit") or "",
                llama_cpp=r.get("llama_cpp") or "",
            )
            for r in csv.DictReader(f)
        ]


def machine(row: Row) -> HardwareProfile:
    """The machine as a user would describe it: names and memory, no bandwidth."""
    ram = row.ram_gb or 64
    if gpu_bandwidth is None:  # pragma: no cover - the old app: one GPU, vendor only
        vendor = "none" if row.vendor == "cpu" else row.vendor
        vram = (row.vram_gb or 24) * row.gpus if vendor not in ("none", "apple") else None
        return HardwareOverrides(
            ram_gb=ram,
            gpu=vendor,
            vram_gb=vram,
            cores=row.cpu_cores,
        ).apply(HardwareProfile())
    if row.vendor == "apple":
        return HardwareOverrides(
            ram_gb=ram, gpu="apple", gpu_name=row.device, cores=row.cpu_cores
        ).planned()
    if row.vendor == "cpu":
        chip = row.device.removesuffix(" (CPU only)")
        planned = HardwareOverrides(ram_gb=ram, gpu="none", cores=row.cpu_cores).planned()
        # an Apple chip's CPU shares the chip's memory: its published bandwidth
        apple = HardwareOverrides(ram_gb=ram, gpu="apple", gpu_name=chip).planned()
        if chip.startswith("Apple") and apple.gpus:
            bw = gpu_bandwidth(apple.gpus[0], apple)
            if not bw[2]:
                planned.ram_bandwidth_gbs = bw[0]
        return planned
    return HardwareOverrides(
        ram_gb=ram,
        gpus=f"{row.gpus}x{row.vram_gb or 24:g}",
        gpu=row.vendor,
        gpu_name=row.device,
        cores=row.cpu_cores,
    ).planned()


def predict(row: Row, catalog: Catalog) -> Result:
    variant = catalog.get(row.shape).variant
    quant = row.quant if variant.artifact(row.quant) else variant.artifacts[0].quant
    shape = shape_from_variant(variant, quant)
    if row.size_bytes is not None:
        shape = with_weights(shape, row.size_bytes)
    elif quant != row.quant:
        from wizard_app.core.catalog.quants import bits_per_weight

        size = int(variant.parameters.total_b * 1e9 * bits_per_weight(row.quant) / 8)
        shape = with_weights(shape, size)
    shape = replace(shape, quant=row.quant)  # the measured file's quant, for its bits per weight
    hw = machine(row)
    p = place(shape, hw, CONTEXT)
    tg, pp = p.tokens_per_s, getattr(p, "prompt_tokens_per_s", None)
    if row.vendor != "cpu" and p.gpu_layers and p.gpu_layers < shape.layers:
        # llama-bench offloads every layer (-ngl 99): where the app keeps a layer back for
        # its safety margin (1 GiB a card), the speed to compare is the measured run's.
        tg, pp = _full_offload_speed(shape, hw, row.gpus)
    how = "cpu"
    if gpu_bandwidth is None:  # pragma: no cover
        how = "old model"
    elif hw.offload_gpus and p.gpu_layers:
        gpu = hw.offload_gpus[0]
        _, _, assumed = gpu_bandwidth(gpu, hw)
        how = "assumed" if assumed else "published"
    elif hw.ram_bandwidth_gbs is None:
        how = "cpu, assumed RAM"
    return Result(row, tg, p.verdict, how, pp)


def _full_offload_speed(
    shape: ModelShape, hw: HardwareProfile, gpus: int
) -> tuple[float | None, float | None]:
    """The speed model with every layer on the GPUs, split evenly as on equal cards."""
    counts = tuple(shape.layers // gpus + (i < shape.layers % gpus) for i in range(gpus))
    split = counts if gpus > 1 else ()
    kv = kv_cache_bytes(shape, CONTEXT)
    tg = tokens_per_s(shape, hw, kv, shape.layers, split=split)
    return tg, prompt_tokens_per_s(shape, hw, shape.layers, split)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


@dataclass(frozen=True)
class Summary:
    rows: int
    median: float
    p10: float
    p90: float
    within_25: float


def summarize(results: list[Result], *, prompt: bool = False) -> Summary:
    ratios = [x for r in results if (x := r.pp_ratio if prompt else r.ratio) is not None]
    if not ratios:
        return Summary(0, math.nan, math.nan, math.nan, math.nan)
    within = sum(1 for x in ratios if 0.75 <= x <= 1.25) / len(ratios)
    return Summary(
        len(ratios),
        statistics.median(ratios),
        percentile(ratios, 0.1),
        percentile(ratios, 0.9),
        within,
    )


def _devices(results: list[Result], prompt: bool = False) -> int:
    """Distinct devices (a card and its count) among the rows with a ratio."""
    return len(
        {
            (r.row.device, r.row.gpus)
            for r in results
            if (r.pp_ratio if prompt else r.ratio) is not None
        }
    )


def _line(label: str, s: Summary, devices: int | None = None) -> str:
    where = f"{s.rows} rows" + (f" ({devices} devices)" if devices is not None else "")
    if not s.rows:
        return f"{label}: no rows"
    return (
        f"{label}, predicted/measured over {where}: median {s.median:.2f}, "
        f"10th percentile {s.p10:.2f}, 90th percentile {s.p90:.2f}, "
        f"{s.within_25:.0%} within 25%"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DATA)
    parser.add_argument("--only", choices=["assumed", "published", "cpu"])
    args = parser.parse_args()
    catalog = load_catalog()
    rows = load_rows(args.csv)
    results = [predict(r, catalog) for r in rows if r.shape in catalog]
    if len(results) < len(rows):
        print(f"({len(rows) - len(results)} rows left out: their model is not in this catalog)")
    if args.only:
        results = [r for r in results if r.bandwidth.startswith(args.only)]
    print(f"{'device':34} {'model':24} {'quant':6} {'tg':>6} {'pred':>6} {'ratio':>5}  "
          f"{'pp512':>7} {'pred':>7} {'ratio':>5}  bandwidth, fit")  # fmt: skip
    for r in results:
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else "-"
        pred = f"{r.tg_predicted:.1f}" if r.tg_predicted else r.verdict
        dev = r.row.device + (f" x{r.row.gpus}" if r.row.gpus > 1 else "")
        meas = f"{r.row.tg:.1f}" if r.row.tg else "-"
        pp = f"{r.row.pp512:.0f}" if r.row.pp512 else "-"
        pp_pred = f"{r.pp_predicted:.0f}" if r.pp_predicted else "-"
        pp_ratio = f"{r.pp_ratio:.2f}" if r.pp_ratio is not None else "-"
        fit = " (fit)" if r.row.fit else ""
        print(f"{dev[:34]:34} {r.row.model[:24]:24} {r.row.quant:6} {meas:>6} {pred:>6} "
              f"{ratio:>5}  {pp:>7} {pp_pred:>7} {pp_ratio:>5}  {r.bandwidth}{fit}")  # fmt: skip
    current = [r for r in results if not r.row.old_llama_cpp]
    old = [r for r in results if r.row.old_llama_cpp]
    print()
    print(f"Headline: the {len(current)} rows measured with the llama.cpp of 2024 and later")
    print(_line("generation", summarize(current), _devices(current)))
    print(_line("generation, held-out rows", summarize([r for r in current if not r.row.fit])))
    print(_line("prompt (pp512)", summarize(current, prompt=True), _devices(current, True)))
    print(_line("prompt (pp512), held-out rows",
                summarize([r for r in current if not r.row.fit], prompt=True)))  # fmt: skip
    print()
    print(f"Apart: the {len(old)} rows of the llama.cpp of {OLD_LLAMA_CPP} (slower at prompts)")
    print(_line("generation", summarize(old), _devices(old)))
    print(_line("prompt (pp512)", summarize(old, prompt=True)))
    print(_line("all rows, generation", summarize(results), _devices(results)))
    print(_line("all rows, prompt (pp512)", summarize(results, prompt=True)))
    unknown = sum(1 for r in results if r.row.pp512 and r.pp_predicted is None and r.tg_predicted)
    print(f"prompt speed not predicted on {unknown} measured rows: no published matrix "
          "throughput for the card, or no measured profile for the CPU")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
