"""The Hub client: metadata, where the token goes (and where it never goes), errors."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from tests.hub_server import GOOD_TOKEN, OTHER_TOKEN, Hub
from wizard_app.core.download.errors import AccessError, NotFoundError, TransientError
from wizard_app.core.download.events import DownloadVerified
from wizard_app.core.download.fetcher import fetch
from wizard_app.core.download.hub import (
    DEFAULT_ENDPOINT,
    HubClient,
    resolve_endpoint,
    resolve_token,
)
from wizard_app.core.download.options import FetchOptions
from wizard_app.core.errors import WizardError

REPO = "meta-like/Gated-GGUF"


@pytest.fixture
def gated(hub: Hub) -> Any:
    served = hub.add_random(REPO, "model.Q4_K_M.gguf", 700_000, seed=3)
    hub.gate(REPO, GOOD_TOKEN)
    return served


def test_metadata_comes_from_the_lfs_headers(hub: Hub) -> None:
    served = hub.add_random("a/b", "x.gguf", 12345)
    meta = HubClient(hub.url).metadata("a/b", "x.gguf")
    assert meta.size == 12345
    assert meta.sha256 == served.sha256
    assert meta.commit == hub.repo("a/b").commit
    assert meta.lfs
    assert meta.url == f"{hub.url}/a/b/resolve/main/x.gguf"
    assert not hub.requests("cdn")  # HEAD stops at the redirect: the metadata is on it


def test_the_token_reaches_the_hub_and_never_the_cdn(
    hub: Hub, gated: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client = HubClient(hub.url, GOOD_TOKEN)
    remote = client.metadata(REPO, "model.Q4_K_M.gguf")
    events = list(fetch(client, remote, tmp_path / "m.gguf", options=FetchOptions(disk_margin=0)))
    assert isinstance(events[-1], DownloadVerified)
    hub_requests = hub.requests("hub")
    assert hub_requests
    assert all(r.headers.get("authorization") == f"Bearer {GOOD_TOKEN}" for r in hub_requests)
    cdn = hub.requests("cdn")
    assert cdn
    assert all("authorization" not in r.headers for r in cdn)
    assert "x-amz-signature" in cdn[0].path.lower()
    # the token appears in no log record, no repr, no event
    assert GOOD_TOKEN not in caplog.text
    assert GOOD_TOKEN not in repr(client)
    assert all(GOOD_TOKEN not in repr(e) for e in events)


def test_gated_repo_without_token_names_the_page_and_the_token_places(hub: Hub, gated: Any) -> None:
    with pytest.raises(AccessError) as err:
        HubClient(hub.url).metadata(REPO, "model.Q4_K_M.gguf")
    msg = str(err.value)
    assert f"{hub.url}/{REPO}" in msg
    assert "accept the licence" in msg
    assert "HF_TOKEN" in msg
    assert "huggingface-cli login" in msg
    assert "(401)" in msg


def test_gated_repo_with_a_token_without_access(hub: Hub, gated: Any) -> None:
    with pytest.raises(AccessError) as err:
        HubClient(hub.url, OTHER_TOKEN).metadata(REPO, "model.Q4_K_M.gguf")
    assert "the token in use has no access" in str(err.value)
    assert "(403)" in str(err.value)
    assert OTHER_TOKEN not in str(err.value)


def test_a_missing_repo_is_named(hub: Hub) -> None:
    with pytest.raises(NotFoundError) as err:
        HubClient(hub.url).metadata("nobody/nothing", "x.gguf")
    assert "The repository nobody/nothing was not found" in str(err.value)
    assert "private" in str(err.value)


def test_5xx_on_metadata_is_transient(hub: Hub) -> None:
    hub.add_random("a/b", "x.gguf", 10)
    hub.fail("status", server="hub", method="HEAD", status=503, retry_after=7)
    with pytest.raises(TransientError) as err:
        HubClient(hub.url).metadata("a/b", "x.gguf")
    assert err.value.retry_after == 7


def test_an_unreachable_endpoint_is_transient_and_names_the_host() -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once the socket closes
    with pytest.raises(TransientError, match=f"Cannot reach http://127.0.0.1:{port}"):
        HubClient(f"http://127.0.0.1:{port}", timeout=2).metadata("a/b", "x.gguf")


def test_token_precedence_explicit_env_then_stored(
    hf_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert resolve_token() is None
    (hf_env / "token").write_text("hf_stored_token_123\n")
    assert resolve_token() == "hf_stored_token_123"
    assert resolve_token(use_stored=False) is None
    monkeypatch.setenv("HF_TOKEN", "hf_from_env")
    assert resolve_token() == "hf_from_env"
    assert resolve_token("hf_explicit") == "hf_explicit"


def test_endpoint_from_setting_env_or_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HF_ENDPOINT", raising=False)
    assert resolve_endpoint() == DEFAULT_ENDPOINT
    monkeypatch.setenv("HF_ENDPOINT", "https://hf-mirror.example/")
    assert resolve_endpoint() == "https://hf-mirror.example"
    assert resolve_endpoint("http://127.0.0.1:9") == "http://127.0.0.1:9"
    with pytest.raises(WizardError, match="not an http"):
        resolve_endpoint("ftp://x")


def test_downloads_go_through_an_http_proxy_from_the_environment(
    hub: Hub, gated: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The Hub server doubles as a forward proxy for both hosts (absolute-form requests).
    monkeypatch.setenv("http_proxy", hub.url)
    monkeypatch.setenv("no_proxy", "")
    client = HubClient(hub.url, GOOD_TOKEN)
    remote = client.metadata(REPO, "model.Q4_K_M.gguf")
    done = list(fetch(client, remote, tmp_path / "m.gguf", options=FetchOptions(disk_margin=0)))
    assert isinstance(done[-1], DownloadVerified)
    assert all(r.proxied for r in hub.log)
    assert {r.server for r in hub.log} == {"hub", "cdn"}
    assert all("authorization" not in r.headers for r in hub.requests("cdn"))
