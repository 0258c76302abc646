"""The CLI: --version, --data-dir, JSON output, and bad input as one clear line, exit 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_helpers import cli
from wizard_app import __version__
from wizard_app.cli import main

ROOT = Path(__file__).parents[2]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_recommend_json_gives_explained_sourced_picks(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = cli(capsys, tmp_path, "recommend", "--use-case", "coding", "--ram-gb", "16",
                       "--json")  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert data["picks"], "a 16 GB machine runs some coding model"
    for pick in data["picks"]:
        assert pick["reasons"]
        assert pick["verdict"] in ("gpu", "split", "cpu")
        assert pick["tokens_per_s"] > 0
        assert pick["memory_bytes"] > pick["size_bytes"]
        assert all(e["source"].startswith("http") for e in pick["evidence"])
    assert all(e["reasons"] for e in data["excluded"])
    # everything stays under --data-dir: the answers were kept there, in the outbox
    assert list((tmp_path / "data" / "outbox").glob("*.json"))
    code, out, _ = cli(capsys, tmp_path, "history", "--json")
    assert json.loads(out)[0]["answers"]["use_case"] == "coding"


def test_fit_text_shows_the_breakdown_and_curve(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = cli(capsys, tmp_path, "fit", "llama-3.1-8b-instruct", "--quant", "Q4_K_M",
                       "--ctx", "8192", "--ram-gb", "16")  # fmt: skip
    assert code == 0
    for word in ("weights", "KV cache", "compute buffer", "verdict", "memory by context"):
        assert word in out


def test_catalog_check(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = cli(capsys, tmp_path, "catalog", "check")
    assert code == 0
    assert out.startswith("catalog OK")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["recommend", "--use-case", "astrology"], "Unknown use case 'astrology'"),
        (["recommend", "--ram-gb", "-4"], "--ram-gb -4 is out of range"),
        (["recommend", "--ram-gb", "99999999"], "out of range"),
        (["recommend", "--context", "5"], "context of 5 tokens"),
        (["fit", "no-such-model"], "No model with id 'no-such-model'"),
        (["fit", "llama-3.1-8b-instruct", "--quant", "Q9_X"], "no Q9_X file"),
        (["fit", "/nonexistent/model.gguf"], "No such file"),
        (["run", "llama-3.1-8b-instruct", "--prompt", "hi"], "not downloaded yet"),
        (["run", "no-such-thing", "--prompt", "hi"], "is not installed"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], fragment: str
) -> None:
    code, _out, err = cli(capsys, tmp_path, *args)
    assert code == 2
    assert fragment in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_unreadable_data_folder_is_explained(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("precious")
    code = main(["--data-dir", str(blocker), "recommend"])
    err = capsys.readouterr().err
    assert code == 2
    assert "Cannot create the folder" in err
    assert "--data-dir" in err
    assert blocker.read_text() == "precious"


def test_a_broken_catalog_file_is_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    models = tmp_path / "models"
    models.mkdir()
    (models / "bad.yaml").write_text("family: X\npublisher: Y\nvariants: []\n")
    import wizard_app.core.catalog.loader as loader

    monkeypatch.setattr(loader, "bundled_dir", lambda name: models)
    code, _, err = cli(capsys, tmp_path / "d", "catalog", "check")
    assert code == 2
    assert "bad.yaml: variants" in err


def test_the_installed_command_runs_headless(tmp_path: Path) -> None:
    """The console script, as a user runs it, on a fresh data folder."""
    env = {**os.environ, "MODEL_WIZARD_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "wizard_app", "recommend", "--use-case", "coding",
         "--ram-gb", "16", "--json"],
        capture_output=True, text=True, env=env, timeout=120, check=False, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["picks"]
    assert list((tmp_path / "data" / "outbox").glob("*.json"))  # the answers, kept
