"""``endpoints``, ``run --endpoint`` and ``serve`` from the command line, against the real
llama-cpp-python server on loopback (tests/remote_servers.py)."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import httpx2
import pytest

from tests import remote_servers
from tests.cli_helpers import cli
from tests.remote_servers import SERVED_ID, SERVED_KEY
from wizard_app.core.serve.server import LocalServer, free_port

served = remote_servers.served  # the fixture: the real server `serve` starts


def _add(capsys: pytest.CaptureFixture[str], data: Path, server: LocalServer, key: str) -> None:
    code, out, _ = cli(
        capsys, data, "endpoints", "add", "box", f"http://127.0.0.1:{server.port}",
        "--api-key", key, "--json",
    )  # fmt: skip
    assert code == 0
    assert json.loads(out)["endpoints"][0]["api_key"] == "set (hidden)"


def test_endpoints_add_check_list_remove(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, served: LocalServer
) -> None:
    _add(capsys, tmp_path, served, SERVED_KEY)
    code, out, _ = cli(capsys, tmp_path, "endpoints", "check", "box", "--json")
    assert code == 0
    health = json.loads(out)
    assert [m["id"] for m in health["models"]] == [SERVED_ID]
    code, out, _ = cli(capsys, tmp_path, "endpoints", "list")
    assert code == 0
    assert "box" in out
    assert "key set" in out
    assert SERVED_KEY not in out
    code, out, _ = cli(capsys, tmp_path, "endpoints", "remove", "box", "--json")
    assert code == 0
    assert json.loads(out)["endpoints"] == []


def test_run_on_an_endpoint(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, served: LocalServer
) -> None:
    _add(capsys, tmp_path, served, SERVED_KEY)
    code, out, _ = cli(
        capsys, tmp_path, "run", "--endpoint", "box", "--model", SERVED_ID,
        "--prompt", "Hello", "--max-tokens", "8", "--seed", "3", "--json",
    )  # fmt: skip
    assert code == 0
    report = json.loads(out.strip().splitlines()[-1])
    assert report["runtime"] == "remote"
    assert report["model"] == SERVED_ID
    assert 0 < report["gen_tokens"] <= 8
    assert report["ttft_s"] > 0
    code, _, err = cli(
        capsys, tmp_path, "run", "--endpoint", "box", "--model", SERVED_ID,
        "--prompt", "Hello", "--max-tokens", "4",
    )  # fmt: skip
    assert code == 0
    assert "first token" in err


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--endpoint", "nowhere", "--model", "x"], "remote.unknown_endpoint"),
        (["--endpoint", "box", "--model", "llama-70b"], "remote.model_not_found"),
        (["--endpoint", "box"], "input"),
    ],
)
def test_run_on_an_endpoint_refuses_clearly(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    served: LocalServer,
    args: list[str],
    code: str,
) -> None:
    _add(capsys, tmp_path, served, SERVED_KEY)
    status, out, err = cli(capsys, tmp_path, "run", *args, "--prompt", "Hi", "--json")
    assert status == 2
    assert json.loads(out)["code"] == code
    assert "Traceback" not in err


def test_a_wrong_key_is_one_clear_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, served: LocalServer
) -> None:
    _add(capsys, tmp_path, served, "not-the-key")
    status, _, err = cli(capsys, tmp_path, "endpoints", "check", "box")
    assert status == 2
    assert "refused the API key (HTTP 401)" in err
    assert "not-the-key" not in err


def test_bad_endpoint_urls(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, _ = cli(capsys, tmp_path, "endpoints", "add", "x", "localhost:8080", "--json")
    assert status == 2
    assert json.loads(out)["code"] == "remote.bad_url"


def test_serve_keep_running(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tiny_chat: Path
) -> None:
    port = free_port()
    code, out, _ = cli(
        capsys, tmp_path, "serve", str(tiny_chat), "--port", str(port), "--ctx", "512",
        "--threads", "1", "--api-key", "auto", "--keep-running", "--json",
    )  # fmt: skip
    assert code == 0
    info = json.loads(out)
    try:
        assert info["url"] == f"http://127.0.0.1:{port}/v1"
        assert info["n_ctx"] == 512
        assert info["api_key"].startswith("sk-local-")
        assert info["api_key"] in info["snippets"]["curl"]
        headers = {"Authorization": f"Bearer {info['api_key']}"}
        listed = httpx2.get(f"{info['url']}/models", headers=headers, timeout=10).json()
        assert [m["id"] for m in listed["data"]] == [tiny_chat.stem]
        assert httpx2.get(f"{info['url']}/models", timeout=10).status_code == 401
    finally:
        os.kill(info["pid"], signal.SIGTERM)
        os.waitpid(info["pid"], 0)  # our child: reap it


@pytest.mark.parametrize("port", ["0", "70000", "http"])
def test_serve_refuses_a_bad_port(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tiny_chat: Path, port: str
) -> None:
    status, _, err = cli_exit(capsys, tmp_path, "serve", str(tiny_chat), "--port", port)
    assert status == 2
    assert "not a port number" in err


def cli_exit(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    """``cli`` for argument errors, which argparse ends with SystemExit."""
    with pytest.raises(SystemExit) as exc:
        cli(capsys, data, *args)
    out, err = capsys.readouterr()
    return int(exc.value.code or 0), out, err


def test_compare_a_local_model_with_one_on_a_server(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, served: LocalServer, tiny_llama: Path
) -> None:
    _add(capsys, tmp_path, served, SERVED_KEY)
    code, out, err = cli(
        capsys, tmp_path, "compare", str(tiny_llama), f"@box/{SERVED_ID}",
        "--prompt", "hello", "--prompt", "a story", "--max-tokens", "4", "--json",
    )  # fmt: skip
    assert code == 0, err
    data = json.loads(out.strip().splitlines()[-1])
    assert [m["label"] for m in data["models"]] == ["tiny-llama", f"{SERVED_ID} @ box"]
    assert {c["status"] for c in data["cells"]} == {"done"}
    remote = [c for c in data["cells"] if c["model"] == 1]
    assert len(remote) == 2
    for cell in remote:
        assert 1 <= cell["metrics"]["gen_tokens"] <= 4
        assert cell["metrics"]["ttft_s"] > 0
        assert cell["metrics"]["peak_rss_bytes"] is None  # the server's memory: unknown
    code, _, err = cli(
        capsys, tmp_path, "compare", str(tiny_llama), f"@box/{SERVED_ID}",
        "--prompt", "hello", "--max-tokens", "3",
    )  # fmt: skip
    assert code == 0
    assert "on a server" in err


def test_compare_with_a_server_that_is_down(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tiny_llama: Path
) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    assert cli(capsys, tmp_path, "endpoints", "add", "down", url)[0] == 0
    code, out, _ = cli(
        capsys, tmp_path, "compare", str(tiny_llama), "@down/some-model",
        "--prompt", "a", "--prompt", "b", "--max-tokens", "3", "--json",
    )  # fmt: skip
    assert code == 1  # some cells failed
    cells = json.loads(out.strip().splitlines()[-1])["cells"]
    local = [c for c in cells if c["model"] == 0]
    remote = [c for c in cells if c["model"] == 1]
    assert {c["status"] for c in local} == {"done"}
    assert {c["status"] for c in remote} == {"failed"}
    status, out, _ = cli(
        capsys, tmp_path, "compare", str(tiny_llama), "@nowhere/x", "--prompt", "a", "--json"
    )
    assert status == 2
    assert json.loads(out)["code"] == "remote.unknown_endpoint"


def test_serve_in_the_foreground_stops_on_ctrl_c(tmp_path: Path, tiny_chat: Path) -> None:
    """As a user runs it: the URL is printed once the model answers; Ctrl-C stops both."""
    import platform
    import subprocess
    import sys
    import time

    from wizard_app.core.runtime.launch import worker_env

    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "wizard_app", "--data-dir", str(tmp_path), "serve",
         str(tiny_chat), "--port", str(port), "--ctx", "512", "--threads", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=worker_env(), text=True,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first.startswith(f"Serving tiny-chat at http://127.0.0.1:{port}/v1"), first
        assert httpx2.get(f"http://127.0.0.1:{port}/v1/models", timeout=10).status_code == 200
        proc.send_signal(signal.SIGINT)
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    _, err = proc.communicate()
    assert "the server was stopped" in err
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            httpx2.get(f"http://127.0.0.1:{port}/v1/models", timeout=1)
        except httpx2.TransportError:
            break
        time.sleep(0.2)
    else:
        raise AssertionError("the server still answers after Ctrl-C")
    log = (tmp_path / "logs" / f"serve-{port}.log").read_text()
    if platform.machine().lower() in ("x86_64", "amd64"):
        assert "extra buffers off" in log  # the CPU policy reached llama-cpp-python's server
