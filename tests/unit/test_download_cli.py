"""``model-wizard download`` and ``model-wizard library``, in process and as a real process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.cli_helpers import cli
from tests.hub_server import GOOD_TOKEN, Hub, write_test_gguf
from wizard_app.commands._common import CliContext
from wizard_app.core.catalog import load_catalog
from wizard_app.core.download.partfile import part_paths
from wizard_app.core.gguf.reader import shape_from_gguf

ROOT = Path(__file__).parents[2]
MiB = 1 << 20
REPO = "acme/Example-GGUF"


def test_download_by_repo_and_file_is_verified(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    served = hub.add_model(REPO, "small.gguf", 3 * MiB, seed=1)
    code, out, err = cli(capsys, tmp_path, "download", "--repo", REPO, "--file", "small.gguf",
                         "--endpoint", hub.url, "--json")  # fmt: skip
    assert code == 0, err
    result = json.loads(out)["files"][0]
    assert result["sha256"] == served.sha256
    assert Path(result["path"]) == tmp_path / "models" / REPO / "small.gguf"
    assert Path(result["path"]).read_bytes() == served.path.read_bytes()
    assert result["model_id"] == 1
    assert "small.gguf: verifying 100.0% 3.0 MiB of 3.0 MiB" in err
    code, out, _ = cli(capsys, tmp_path, "library", "--json")
    assert json.loads(out)[0]["sha256"] == served.sha256
    code, out, _ = cli(capsys, tmp_path, "download", "--repo", REPO, "--file", "small.gguf",
                       "--endpoint", hub.url)  # fmt: skip
    assert code == 0
    assert out.startswith("Already downloaded:")


def test_gated_download_without_token_is_one_clear_line(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    hub.add_random(REPO, "gated.gguf", 1000)
    hub.gate(REPO)
    args = ("download", "--repo", REPO, "--file", "gated.gguf", "--endpoint", hub.url)
    code, out, err = cli(capsys, tmp_path, *args)
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("model-wizard: acme/Example-GGUF is a gated model")
    assert f"{hub.url}/{REPO}" in lines[0]
    assert "HF_TOKEN" in lines[0]
    monkeypatch.setenv("MY_HF", GOOD_TOKEN)
    code, _, err = cli(capsys, tmp_path, *args, "--token-env", "MY_HF")
    assert code == 0, err
    code, _, err = cli(capsys, tmp_path, *args, "--token-env", "UNSET_VAR_XYZ")
    assert code == 2
    assert "UNSET_VAR_XYZ (--token-env) is not set" in err


def test_a_missing_file_and_no_space_are_exit_2(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    hub.add_random(REPO, "big.gguf", 2 * MiB)
    code, _, err = cli(capsys, tmp_path, "download", "--repo", REPO, "--file", "nope.gguf",
                       "--endpoint", hub.url)  # fmt: skip
    assert code == 2
    assert "The file nope.gguf was not found in acme/Example-GGUF" in err
    import shutil

    real = shutil.disk_usage
    monkeypatch.setattr(
        shutil, "disk_usage", lambda p: real(p)._replace(free=64 * MiB)
    )  # less than 2 MiB + the 128 MiB margin
    code, _, err = cli(capsys, tmp_path, "download", "--repo", REPO, "--file", "big.gguf",
                       "--endpoint", hub.url)  # fmt: skip
    assert code == 2
    assert "Not enough free space" in err
    assert "Free at least 66.0 MiB" in err
    assert not hub.requests("cdn", "GET")


def _catalog_dir(tmp_path: Path, hub: Hub) -> Path:
    """The example catalog file, its artifacts pointing at files the local Hub serves."""
    q4 = hub.add_model(REPO, "example-7b.Q4_K_M.gguf", 2 * MiB + 5, seed=3)
    q8 = hub.add_model(REPO, "example-7b.Q8_0.gguf", MiB, seed=4)
    family = yaml.safe_load((ROOT / "tests" / "data" / "catalog_example.yaml").read_text())
    source = family["variants"][0]["artifacts"][0]["source"]
    family["variants"][0]["artifacts"] = [
        {"repo": REPO, "file": q8.filename, "quant": "Q8_0", "source": source},
        {"repo": REPO, "file": q4.filename, "quant": "Q4_K_M", "size_bytes": q4.size,
         "sha256": q4.sha256, "revision": hub.repo(REPO).commit, "source": source},
    ]  # fmt: skip
    folder = tmp_path / "catalog"
    folder.mkdir()
    (folder / "example.yaml").write_text(yaml.safe_dump(family))
    return folder


def test_download_by_catalog_id_takes_q4_k_m_pinned_and_checked(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog = load_catalog(_catalog_dir(tmp_path, hub))
    monkeypatch.setattr(CliContext, "catalog", property(lambda self: catalog))
    data = tmp_path / "data"
    code, out, err = cli(capsys, data, "download", "example-7b-instruct", "--endpoint", hub.url,
                         "--json")  # fmt: skip
    assert code == 0, err
    result = json.loads(out)["files"][0]
    assert result["file"] == "example-7b.Q4_K_M.gguf"
    assert result["revision"] == hub.repo(REPO).commit  # the catalog's pinned revision
    assert f"/resolve/{hub.repo(REPO).commit}/" in hub.requests("hub", "GET")[0].path
    code, out, _ = cli(capsys, data, "download", "example-7b-instruct:q8_0", "--endpoint",
                       hub.url, "--json")  # fmt: skip
    assert code == 0
    assert json.loads(out)["files"][0]["file"] == "example-7b.Q8_0.gguf"
    code, out, _ = cli(capsys, data, "library", "--json")
    entries = json.loads(out)
    assert {e["catalog_id"] for e in entries} == {"example-7b-instruct"}
    assert {e["quant"] for e in entries} == {"Q4_K_M", "Q8_0"}
    code, _, err = cli(capsys, data, "download", "example-7b-instruct:Q2_K", "--endpoint", hub.url)
    assert code == 2
    assert "has no Q2_K file. Available: Q8_0, Q4_K_M." in err
    code, _, err = cli(capsys, data, "download", "no-such-model", "--endpoint", hub.url)
    assert code == 2
    assert "No model with id 'no-such-model'" in err


def test_a_pinned_checksum_guards_against_a_changed_repo(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pinned catalog artifact whose Hub file now has another hash is refused."""
    catalog = load_catalog(_catalog_dir(tmp_path, hub))
    model_id = "example-7b-instruct"
    art = catalog.get(model_id).variant.artifact("Q4_K_M")
    assert art is not None
    assert art.file
    assert art.sha256
    assert art.revision
    # the repository changed after the catalog was written: other bytes at the pinned commit
    changed = hub.add_random(art.repo, art.file, 4096, seed=9)
    assert changed.sha256 != art.sha256
    hub.repo(art.repo).commit = art.revision
    monkeypatch.setattr(CliContext, "catalog", property(lambda self: catalog))
    code, _, err = cli(capsys, tmp_path / "data", "download", model_id, "--endpoint", hub.url)
    assert code == 2
    assert "repository changed since the catalog was written" in err
    assert not hub.requests("cdn", "GET")


def test_library_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    gguf = write_test_gguf(tmp_path / "elsewhere" / "mine.gguf")
    lms = home / ".lmstudio" / "models" / "pub" / "Tiny-GGUF"
    lms.mkdir(parents=True)
    (lms / "tiny.gguf").write_bytes(gguf.read_bytes())
    monkeypatch.setenv("HOME", str(home))
    for var in ("HF_HUB_CACHE", "HF_HOME", "OLLAMA_MODELS", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        monkeypatch.delenv(var, raising=False)
    data = tmp_path / "data"
    code, out, _ = cli(capsys, data, "library")
    assert code == 0
    assert "No models yet" in out
    code, out, _ = cli(capsys, data, "library", "import", str(gguf), "--json")
    assert code == 0
    assert json.loads(out)["architecture"] == "llama"
    code, out, _ = cli(capsys, data, "library", "scan", "--json")
    assert code == 0
    scanned = json.loads(out)
    assert [e["source"] for e in scanned["added"]] == ["lmstudio"]
    assert scanned["added"][0]["repo"] == "pub/Tiny-GGUF"
    code, out, _ = cli(capsys, data, "library")
    assert "Tiny Test Model" in out
    assert "lmstudio" in out
    code, out, _ = cli(capsys, data, "library", "remove", "1")
    assert code == 0
    assert "from the library" in out
    assert gguf.exists()
    code, _, err = cli(capsys, data, "library", "remove", "1")
    assert code == 2
    assert "No model with id 1" in err
    code, _, err = cli(capsys, data, "library", "import", str(tmp_path / "none.gguf"))
    assert code == 2
    assert "is not a file" in err


def test_peek_prints_the_remote_header(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hub.add_file(REPO, "tiny.gguf", write_test_gguf(tmp_path / "tiny.gguf"))
    code, out, _ = cli(capsys, tmp_path / "d", "download", "--repo", REPO, "--file", "tiny.gguf",
                       "--endpoint", hub.url, "--peek", "--json")  # fmt: skip
    assert code == 0
    info = json.loads(out)
    assert (info["architecture"], info["block_count"], info["context_length"]) == (
        "llama", 2, 4096)  # fmt: skip
    assert not (tmp_path / "d" / "models" / REPO / "tiny.gguf").exists()
    # the header gives the exact fit before any weights are fetched
    shape = shape_from_gguf(tmp_path / "tiny.gguf")
    assert info["fit"]["source"] == "gguf-header"
    assert (info["fit"]["weights_bytes"], info["fit"]["layers"]) == (
        shape.weights_bytes, shape.layers)  # fmt: skip
    # the text form prints the estimate too, here for an overridden machine
    code, out, _ = cli(capsys, tmp_path / "d", "download", "--repo", REPO, "--file", "tiny.gguf",
                       "--endpoint", hub.url, "--peek", "--ram-gb", "16",
                       "--vram-gb", "0")  # fmt: skip
    assert code == 0
    assert "tiny.gguf at 4096 tokens" in out
    assert "from gguf-header" in out


def _start(data: Path, hub: Hub, filename: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "wizard_app", "--data-dir", str(data), "download", "--repo", REPO,
         "--file", filename, "--endpoint", hub.url, "--json"],
        env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def test_a_download_killed_with_sigkill_resumes_and_verifies(hub: Hub, tmp_path: Path) -> None:
    served = hub.add_random(REPO, "killed.gguf", 12 * MiB, seed=11)
    hub.per_connection_rate = 3 * MiB
    data = tmp_path / "data"
    dest = data / "models" / REPO / "killed.gguf"
    part = part_paths(dest)[0]
    proc = _start(data, hub, "killed.gguf")
    deadline = time.monotonic() + 30
    while not (part.exists() and part.stat().st_size >= 3 * MiB):
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the download never got going"
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    kept = part.stat().st_size
    assert 3 * MiB <= kept < served.size
    assert not dest.exists()
    hub.per_connection_rate = 0
    hub.reset_log()
    proc = _start(data, hub, "killed.gguf")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert json.loads(out)["files"][0]["sha256"] == served.sha256
    assert dest.read_bytes() == served.path.read_bytes()
    assert not part.exists()
    assert hub.requests("cdn", "GET")[0].headers["range"] == f"bytes={kept}-"
    assert hub.bytes_sent() == served.size - kept  # not a byte fetched twice


def test_ctrl_c_stops_cleanly_and_the_next_run_resumes(hub: Hub, tmp_path: Path) -> None:
    served = hub.add_random(REPO, "interrupted.gguf", 8 * MiB, seed=12)
    hub.per_connection_rate = 2 * MiB
    data = tmp_path / "data"
    part = part_paths(data / "models" / REPO / "interrupted.gguf")[0]
    proc = _start(data, hub, "interrupted.gguf")
    deadline = time.monotonic() + 30
    while not (part.exists() and part.stat().st_size >= MiB):
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the download never got going"
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert out == ""
    assert err.strip().splitlines()[-1] == (
        "model-wizard: interrupted; run the same command again to resume."
    )
    kept = part.stat().st_size
    assert kept >= MiB
    hub.per_connection_rate = 0
    hub.reset_log()
    proc = _start(data, hub, "interrupted.gguf")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert json.loads(out)["files"][0]["sha256"] == served.sha256
    assert hub.requests("cdn", "GET")[0].headers["range"] == f"bytes={kept}-"


def test_saved_settings_choose_the_endpoint_token_and_models_folder(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What the desktop app saved applies to the CLI too; the token is never printed."""
    served = hub.add_random(REPO, "gated.gguf", 64 * 1024, seed=3)
    hub.gate(REPO)
    models = tmp_path / "elsewhere"
    data = tmp_path / "data"
    for key, value in (("hub_endpoint", hub.url), ("hub_token", GOOD_TOKEN),
                       ("models_dir", str(models))):  # fmt: skip
        code, out, err = cli(capsys, data, "settings", "set", key, value)
        assert code == 0, err
    assert GOOD_TOKEN not in out
    code, out, err = cli(capsys, data, "download", "--repo", REPO, "--file", "gated.gguf")
    assert code == 0, err
    assert (models / REPO / "gated.gguf").read_bytes() == served.path.read_bytes()
    code, _, err = cli(capsys, data, "settings", "set", "hub_endpoint", "ftp://nope")
    assert code == 2
    assert "not an http(s) URL" in err


def test_a_file_that_is_no_model_is_downloaded_but_not_added_to_the_library(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hub.add_file(REPO, "README.md", b"# Example\n", lfs=False)
    args = ("download", "--repo", REPO, "--file", "README.md", "--endpoint", hub.url)
    code, out, err = cli(capsys, tmp_path, *args, "--json")
    assert code == 0, err
    [result] = json.loads(out)["files"]
    assert (result["model"], result["model_id"]) == (False, None)
    assert Path(result["path"]).read_bytes() == b"# Example\n"
    code, out, _ = cli(capsys, tmp_path, "library", "--json")
    assert json.loads(out) == []
    code, out, _ = cli(capsys, tmp_path, *args)
    assert code == 0
    assert "Not a model: README.md is not a GGUF model file" in out
    served = hub.add_model(REPO, "real.gguf", MiB)
    code, out, _ = cli(capsys, tmp_path, "download", "--repo", REPO, "--file", "real.gguf",
                       "--endpoint", hub.url, "--json")  # fmt: skip
    assert json.loads(out)["files"][0]["model"] is True
    code, out, _ = cli(capsys, tmp_path, "library", "--json")
    assert [e["sha256"] for e in json.loads(out)] == [served.sha256]
