"""A trial run end to end: preflight, plan, load, stream, result; stored and calibrated;
and ``model-wizard run``."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect

from tests.cli_helpers import cli
from tests.gguf_models import ModelSpec, build_gguf
from wizard_app.core.errors import InputError
from wizard_app.core.hardware.profile import HardwareOverrides, HardwareProfile
from wizard_app.core.runtime import protocol as p
from wizard_app.core.runtime.calibration import corrected
from wizard_app.core.runtime.client import RuntimeClient
from wizard_app.core.runtime.records import measurements, run_fields
from wizard_app.core.runtime.trial import Planned, TrialResult, TrialSettings, trial_run
from wizard_app.core.storage.database import Database
from wizard_app.core.storage.run_tables import RunRepository

HW = HardwareOverrides(ram_gb=16, gpu="none").apply(HardwareProfile())
RUN_KEYS = {
    "load_s", "ttft_s", "prompt_tokens", "prompt_tok_per_s", "gen_tokens", "gen_tok_per_s",
    "peak_rss_bytes", "stop_reason",
}  # fmt: skip


def test_trial_run_plans_loads_streams_and_reports(
    runtime_client: RuntimeClient, tiny_chat: Path
) -> None:
    settings = TrialSettings(
        path=tiny_chat, prompt="hello", system="Be brief.", max_tokens=6, ignore_eos=True, seed=3
    )
    events = list(trial_run(runtime_client, settings, HW))
    kinds = [type(e).__name__ for e in events]
    assert kinds[0] == "Planned"
    assert kinds.index("Loaded") < kinds.index("Token") < kinds.index("Done")
    assert kinds[-1] == "TrialResult"
    assert kinds.count("Token") == 6
    planned, result = events[0], events[-1]
    assert isinstance(planned, Planned)
    assert isinstance(result, TrialResult)
    assert planned.plan.n_gpu_layers == 0
    assert planned.plan.n_ctx == 4096  # the default, within the trained context
    assert result.model.chat_format == "gguf-template"
    assert result.metrics.gen_tokens == 6
    assert result.predicted_rss_bytes == planned.plan.estimate.cpu_bytes > 0
    assert result.header.arch == "llama"
    # the same settings again: no second load
    again = list(trial_run(runtime_client, settings, HW))
    assert not any(isinstance(e, p.Loaded | p.LoadProgress) for e in again)
    assert isinstance(again[-1], TrialResult)
    assert again[-1].metrics.load_s == result.metrics.load_s
    # another context: loaded again
    other = list(
        trial_run(runtime_client, TrialSettings(**{**settings.__dict__, "n_ctx": 1024}), HW)
    )
    assert any(isinstance(e, p.Loaded) for e in other)
    assert isinstance(other[-1], TrialResult)
    assert other[-1].metrics.n_ctx == 1024


def test_preflight_errors_come_before_any_load(
    runtime_client: RuntimeClient, tmp_path: Path, tiny_llama: Path
) -> None:
    html = tmp_path / "page.gguf"
    html.write_text("<html>404</html>")
    with pytest.raises(InputError, match="web page"):
        list(trial_run(runtime_client, TrialSettings(path=html, prompt="x"), HW))
    alien = build_gguf(tmp_path / "alien.gguf", ModelSpec(arch="notanarch"))
    with pytest.raises(InputError, match=r"'notanarch', which the installed llama\.cpp"):
        list(trial_run(runtime_client, TrialSettings(path=alien, prompt="x"), HW))
    small = HardwareOverrides(ram_gb=1, gpu="none").apply(HardwareProfile())
    huge_ctx = TrialSettings(path=tiny_llama, prompt="x", n_ctx=4_000_000)
    with pytest.raises(InputError, match=r"needs about .* GiB of memory; this machine has 1\.0"):
        list(trial_run(runtime_client, huge_ctx, small))


def test_runs_are_stored_and_correct_later_estimates(
    runtime_client: RuntimeClient, tiny_gqa: Path, tmp_path: Path
) -> None:
    db = Database(tmp_path / "w.sqlite3")
    assert "runs" in inspect(db.engine).get_table_names()
    heads = sqlite3.connect(tmp_path / "w.sqlite3").execute("select * from alembic_version")
    assert heads.fetchall()  # migrated (the runs table comes from 0003)
    repo = RunRepository(db)
    settings = TrialSettings(path=tiny_gqa, prompt="hi", max_tokens=4, ignore_eos=True)
    results = [e for e in trial_run(runtime_client, settings, HW) if isinstance(e, TrialResult)]
    result = results[0]
    run_id = repo.add_run(run_fields(result, machine_id="m1", app_version="t", model_id=7))
    row = repo.recent(machine_id="m1")[0]
    assert row.id == run_id
    assert row.model_id == 7
    assert row.gen_tokens == 4
    assert row.prompt == "hi"
    assert row.quant == "F16"
    assert row.peak_rss_bytes == result.metrics.peak_rss_bytes
    assert row.predicted_rss_bytes == result.predicted_rss_bytes
    assert row.memory["kv_bytes"] == result.model.memory.kv_bytes
    assert measurements(repo, "other-machine") == []
    ms = measurements(repo, "m1")
    assert len(ms) == 1
    fixed = corrected(result.plan.estimate, ms)
    assert fixed.based_on == 1
    assert fixed.cpu_bytes == pytest.approx(result.metrics.peak_rss_bytes, rel=0.01)
    assert "measured" in fixed.lines[0]
    db.close()


def test_cli_run_json_is_one_object(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tiny_chat: Path
) -> None:
    code, out, _ = cli(capsys, tmp_path, "run", str(tiny_chat), "--prompt", "hello",
                       "--max-tokens", "5", "--seed", "1", "--ctx", "512", "--json")  # fmt: skip
    assert code == 0
    report = json.loads(out)  # stdout is the JSON object and nothing else
    assert out.count("\n") == 1
    assert set(report) >= RUN_KEYS
    assert report["stop_reason"] in ("length", "eos")
    assert 0 < report["gen_tokens"] <= 5
    assert report["peak_rss_bytes"] > 10_000_000
    assert report["ttft_s"] > 0
    assert report["load_s"] > 0
    assert report["n_ctx"] == 512
    assert report["output"]  # the answer is in the object, not streamed before it
    # stored: a second run is corrected by the first
    code, out, _ = cli(capsys, tmp_path, "run", str(tiny_chat), "--prompt", "hello",
                       "--max-tokens", "5", "--ctx", "512", "--json")  # fmt: skip
    second = json.loads(out.rstrip("\n").splitlines()[-1])
    assert second["run_id"] == report["run_id"] + 1


def test_cli_run_text_and_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tiny_llama: Path
) -> None:
    code, _out, err = cli(capsys, tmp_path, "run", str(tiny_llama), "--prompt", "hi",
                         "--max-tokens", "3", "--gpu-layers", "4", "--plain")  # fmt: skip
    assert code == 0
    assert "cannot offload" in err
    assert "peak memory" in err
    assert "predicted" in err
    assert "first token" in err
    code, _, err = cli(capsys, tmp_path, "run", "42", "--prompt", "hi")
    assert code == 2
    assert "No model with id 42" in err
    code, _, err = cli(capsys, tmp_path, "run", str(tmp_path / "no.gguf"), "--prompt", "hi")
    assert code == 2
    assert "No file at" in err
    code, _, err = cli(capsys, tmp_path, "run", str(tiny_llama), "--prompt", "hi",
                       "--gpu-layers", "many")  # fmt: skip
    assert code == 2
    assert "--gpu-layers" in err
