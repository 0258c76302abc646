"""Comparisons of the two real small models (tests/real_models.py): core and CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wizard_app.cli import main
from wizard_app.core.compare.runner import CellFinished, run_comparison
from wizard_app.core.compare.spec import CompareSettings, ModelChoice, PromptItem
from wizard_app.core.hardware.profile import HardwareOverrides, HardwareProfile
from wizard_app.core.runtime.client import RuntimeClient

pytestmark = pytest.mark.slow
# SmolLM2-135M says "The capital of France is Paris." to this, greedy (test_real_models.py)
ONE_WORD = "What is the capital of France? Answer in one word."
HW = HardwareOverrides(ram_gb=16, gpu="none").apply(HardwareProfile())


def test_two_real_models_answer_the_same_prompts(
    runtime_client: RuntimeClient, real_smollm2: Path, real_gemma3: Path
) -> None:
    models = [ModelChoice("SmolLM2", real_smollm2), ModelChoice("Gemma 3", real_gemma3)]
    prompts = [PromptItem(ONE_WORD), PromptItem("Name one colour of the rainbow.")]
    settings = CompareSettings(max_tokens=24, temperature=0.0, seed=1, n_ctx=2048)
    cells = {
        (e.model, e.prompt): e.outcome
        for e in run_comparison(runtime_client, models, prompts, settings, HW)
        if isinstance(e, CellFinished)
    }
    assert sorted(cells) == [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert all(o.status == "done" for o in cells.values()), [o.error for o in cells.values()]
    assert "Paris" in cells[(0, 0)].output
    for (mi, _pi), outcome in cells.items():
        m = outcome.metrics
        assert m is not None
        assert m.n_ctx == 2048
        assert m.gen_tokens >= 1
        assert outcome.predicted_rss_bytes
        # the peak belongs to the model loaded (the worker resets it before each load)
        assert m.peak_rss_bytes > models[mi].path.stat().st_size
    smol_peak = max(cells[(0, p)].metrics.peak_rss_bytes for p in (0, 1))  # type: ignore[union-attr]
    gemma_peak = max(cells[(1, p)].metrics.peak_rss_bytes for p in (0, 1))  # type: ignore[union-attr]
    assert smol_peak < gemma_peak  # 98 MB against 242 MB of weights


def test_cli_compares_two_real_models(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, real_smollm2: Path, real_gemma3: Path
) -> None:
    code = main(["--data-dir", str(tmp_path), "compare", str(real_smollm2), str(real_gemma3),
                 "--prompt", ONE_WORD, "--max-tokens", "16", "--temperature", "0",
                 "--seed", "1", "--json"])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out.strip().splitlines()[-1])
    assert [c["status"] for c in data["cells"]] == ["done", "done"]
    assert "Paris" in data["cells"][0]["output"]
    assert data["settings"]["temperature"] == 0.0
