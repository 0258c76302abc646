"""The comparison's own overhead against running the same prompts one by one; prints its
figures. Run on demand (not while another benchmark runs):

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_compare.py [--max-tokens N]

Two real small models (SmolLM2-135M Q4_1 and Gemma 3 270M Q4_K_M from tests/real_models.py)
answer three prompts with the same settings and seed, three ways:

* cli: ``model-wizard compare A B --prompt ...`` against ``model-wizard run`` once per
  (model, prompt), each in its own process as a user would type them; the answers must be
  the same, and the comparison must take at most 105 % of the runs' total (the time
  outside the model, start-up included, is printed for both).
* core: ``run_comparison`` with every cell stored (a comparison cell and a trial run)
  against a loop of ``trial_run`` with each result stored as ``run`` does, in one process
  and one worker. This isolates what the comparison adds: switching models, the
  bookkeeping per cell, storing. The figure is the time spent outside the model (wall
  time less each load, first-token and generation time the runs measured), compared
  between the two, as a share of the loop's quickest pass: on a shared machine the model's
  own time varies far more than 5 % from pass to pass. Target <= +5 %.
* gui: the Compare screen (offscreen) from Start to the end, answers painted every 40 ms,
  against the same loop; the same figure and target.

Each timed pass runs after a warm-up, the modes alternate, and the median of --repeat
passes is kept. Exit status 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.benchmarks._machine import machine_line  # noqa: E402
from tests.real_models import GEMMA3_270M, SMOLLM2, fetch  # noqa: E402
from wizard_app.core.compare.repository import ComparisonRepository  # noqa: E402
from wizard_app.core.compare.runner import CellFinished, run_comparison  # noqa: E402
from wizard_app.core.compare.spec import CompareSettings, ModelChoice, PromptItem  # noqa: E402
from wizard_app.core.hardware.probe import detect  # noqa: E402
from wizard_app.core.runtime.client import RuntimeClient  # noqa: E402
from wizard_app.core.runtime.records import run_fields  # noqa: E402
from wizard_app.core.runtime.trial import TrialResult, trial_run  # noqa: E402
from wizard_app.core.storage.database import Database  # noqa: E402
from wizard_app.core.storage.run_tables import RunRepository  # noqa: E402

TARGET = 1.05
PROMPTS = [
    "What is the capital of France? Answer in one word.",
    "Write two sentences about the sea.",
    "List three fruits.",
]
SEED = 42


def cli(data: Path, *args: str) -> tuple[float, dict]:  # type: ignore[type-arg]
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "wizard_app", "--data-dir", str(data), *args, "--json"],
        capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    wall = time.perf_counter() - t0
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(args[:2])} failed: {out.stderr[-2000:]}")
    return wall, json.loads(out.stdout.strip().splitlines()[-1])


def bench_cli(
    models: list[Path], max_tokens: int, work: Path
) -> tuple[float, float, float, float, bool]:
    """Walls and time outside the model of the comparison and of the runs; same answers?"""
    common = ["--max-tokens", str(max_tokens), "--seed", str(SEED)]
    runs_wall = runs_model = 0.0
    run_outputs = {}
    for mi, m in enumerate(models):
        for pi, prompt in enumerate(PROMPTS):
            wall, data = cli(work / "runs", "run", str(m), "--prompt", prompt, *common)
            runs_wall += wall
            runs_model += data["load_s"] + data["ttft_s"] + data["gen_s"]
            run_outputs[(mi, pi)] = data["output"]
    prompts = [a for p in PROMPTS for a in ("--prompt", p)]
    compare_wall, data = cli(work / "compare", "compare", *map(str, models), *prompts, *common)
    same = all(run_outputs[(c["model"], c["prompt"])] == c["output"] for c in data["cells"])
    model = compute_s(
        [(c["model"], c["metrics"]["load_s"], c["metrics"]["ttft_s"], c["metrics"]["gen_s"])
         for c in data["cells"]]
    )  # fmt: skip
    return compare_wall, compare_wall - model, runs_wall, runs_wall - runs_model, same


def compute_s(cells: list[tuple[int, float, float, float]]) -> float:
    """Time the model itself took: each load once, then first token and generation."""
    loads = {model: load for model, load, _t, _g in cells}
    return sum(loads.values()) + sum(t + g for _m, _l, t, g in cells)


def one_by_one(client, db, models, settings, hw) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """What ``model-wizard run`` does per prompt, in one process: run, store the result."""
    runs = RunRepository(db)
    cells = []
    t0 = time.perf_counter()
    for mi, m in enumerate(models):
        for prompt in PROMPTS:
            for event in trial_run(client, settings.trial(m.path, PromptItem(prompt)), hw):
                if isinstance(event, TrialResult):
                    runs.add_run(run_fields(event, machine_id="bench", app_version="bench"))
                    r = event.metrics
                    cells.append((mi, event.model.load_s, r.ttft_s, r.gen_s))
        client.unload()
    return time.perf_counter() - t0, compute_s(cells)


def record_compute(rec) -> float:  # type: ignore[no-untyped-def]
    return compute_s(
        [(c.model, c.load_s or 0.0, c.ttft_s or 0.0, c.gen_s or 0.0) for c in rec.cells.values()]
    )


def compared(client, db, models, settings, hw) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    repo = ComparisonRepository(db)
    t0 = time.perf_counter()
    rec = repo.create(models, [PromptItem(p) for p in PROMPTS], settings, machine_id="bench",
                      hardware={}, app_version="bench")  # fmt: skip
    for event in run_comparison(client, rec.models, rec.prompts, settings, hw):
        if isinstance(event, CellFinished):
            repo.record(rec, event, app_version="bench")
    wall = time.perf_counter() - t0
    done = repo.get(rec.id)
    assert done.complete
    return wall, record_compute(done)


class Gui:
    """The Compare screen on a fresh data folder, driven through its own widgets."""

    def __init__(self, work: Path, models: list[Path], settings: CompareSettings, hw) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QThreadPool
        from PySide6.QtWidgets import QApplication

        from wizard_app.core.catalog import load_catalog
        from wizard_app.core.library.installed import Library
        from wizard_app.core.paths import AppPaths
        from wizard_app.core.settings import AppSettings
        from wizard_app.ui.presets import load_presets
        from wizard_app.ui.services import Loaded, Services
        from wizard_app.ui.views.compare_view import CompareView

        self.app = QApplication.instance() or QApplication([])
        paths = AppPaths.under(work / "gui").ensure()
        self.services = Services(paths, QThreadPool(), AppSettings())
        db = Database(paths.database)
        self.services.adopt(Loaded(load_catalog(), db, load_presets()))
        for m in models:
            Library(db, paths.models).import_file(m)
        self.view = CompareView(self.services)
        self.view.runner.hw = hw  # the machine as the other modes read it (detect once)
        self.view.resize(1200, 800)
        self.view.show()
        self.settings = settings

    def run(self) -> tuple[float, float]:
        from PySide6.QtCore import QEventLoop, Qt

        view = self.view
        view.refresh()
        for i in range(view.setup.models.count()):
            view.setup.models.item(i).setCheckState(Qt.CheckState.Checked)
        view.setup.set_prompts([PromptItem(p) for p in PROMPTS])
        view.setup.base_settings = self.settings
        view.setup.max_tokens.setValue(self.settings.max_tokens)
        view.setup.seed.setValue(self.settings.seed)
        loop = QEventLoop()
        view.runner.ended.connect(loop.quit)
        t0 = time.perf_counter()
        view.setup.start.click()
        loop.exec()
        wall = time.perf_counter() - t0
        view.runner.ended.disconnect(loop.quit)
        assert view.record is not None
        assert view.record.complete, view.status.text()
        return wall, record_compute(view.record)

    def close(self) -> None:
        self.services.shutdown()


def fmt(passes: list[tuple[float, float]]) -> str:
    return ", ".join(f"{w:.2f}" for w, _c in passes)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max-tokens", type=int, default=48)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", default="cli,core,gui")
    args = ap.parse_args()
    only = set(args.only.split(","))
    paths = [fetch(SMOLLM2), fetch(GEMMA3_270M)]
    models = [ModelChoice(p.stem, p) for p in paths]
    print(f"{machine_line()}; {len(models)} models x {len(PROMPTS)} "
          f"prompts, {args.max_tokens} tokens each")  # fmt: skip
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if "cli" in only:
            c, c_out, r, r_out, same = bench_cli(paths, args.max_tokens, work)
            ratio = c / r
            ok &= ratio <= TARGET and same
            print(f"cli : compare {c:6.2f} s ({c_out:5.2f} s outside the model) | "
                  f"{len(paths) * len(PROMPTS)} runs {r:6.2f} s ({r_out:5.2f} s) | "
                  f"{ratio:6.1%} of the runs (target <= {TARGET:.0%}) | "
                  f"same answers: {same}")  # fmt: skip
        if only & {"core", "gui"}:
            hw = detect(work)
            settings = CompareSettings(max_tokens=args.max_tokens, seed=SEED, ignore_eos=True)
            db = Database(work / "core.sqlite3")
            gui = Gui(work, paths, settings, hw) if "gui" in only else None
            base, comp, shown = [], [], []
            with RuntimeClient() as client:
                one_by_one(client, db, models, settings, hw)  # warm-up: page cache, worker
                for _ in range(args.repeat):
                    base.append(one_by_one(client, db, models, settings, hw))
                    if "core" in only:
                        comp.append(compared(client, db, models, settings, hw))
                    if gui is not None:
                        shown.append(gui.run())
            b = statistics.median(w for w, _c in base)
            quiet = min(w for w, _c in base)  # the share of the quickest pass: conservative
            b_over = statistics.median(w - c for w, c in base)
            for name, times in (("core", comp), ("gui ", shown)):
                if not times:
                    continue
                t = statistics.median(w for w, _c in times)
                over = statistics.median(w - c for w, c in times)
                added = (over - b_over) / quiet
                ok &= added <= TARGET - 1
                print(f"{name}: comparison {t:6.2f} s | one by one {b:6.2f} s | outside the "
                      f"model {over:5.2f} s vs {b_over:5.2f} s: {added:+6.1%} of the quickest run "
                      f"(target <= {TARGET - 1:+.0%}) | walls {fmt(times)} vs "
                      f"{fmt(base)}")  # fmt: skip
            if gui is not None:
                gui.close()
            db.close()
    print("targets met" if ok else "a target was missed")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
