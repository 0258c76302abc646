"""Issue 10, downloads: mirrors with a CDN on their own host, credentials in a mirror's URL,
files without a Hub hash, revisions and repository ids, and --json errors."""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path

import pytest

from tests.cli_helpers import cli
from tests.hub_server import GOOD_TOKEN, Hub
from wizard_app.cli import main
from wizard_app.core.download.events import DownloadVerified
from wizard_app.core.download.fetcher import fetch
from wizard_app.core.download.hub import HubClient
from wizard_app.core.download.options import FetchOptions

MiB = 1 << 20
REPO = "acme/Mirror-GGUF"


def download(hub: Hub, filename: str, *more: str) -> tuple[str, ...]:
    return ("download", "--repo", REPO, "--file", filename, "--endpoint", hub.url, *more)


# ---- item 1: a CDN on the mirror's own host ------------------------------------------
def test_same_host_cdn_metadata_is_read_from_the_hubs_redirect(hub: Hub) -> None:
    hub.same_host_cdn = True
    served = hub.add_random(REPO, "x.gguf", 54321, seed=4)
    meta = HubClient(hub.url, GOOD_TOKEN).metadata(REPO, "x.gguf")
    assert meta.sha256 == served.sha256
    assert meta.commit == hub.repo(REPO).commit
    assert meta.size == 54321
    assert not hub.requests("cdn")  # the absolute redirect is not followed for metadata


def test_same_host_cdn_with_a_wrong_hub_hash_is_refused(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: the HEAD was answered by the CDN URL, no hash was read, and the file was
    accepted with "ok": true and "commit": null."""
    hub.same_host_cdn = True
    served = hub.add_random(REPO, "lied.gguf", 2 * MiB, seed=5)
    served.advertised_sha256 = "0" * 64
    code, out, _err = cli(capsys, tmp_path, *download(hub, "lied.gguf", "--json"))
    assert code == 2, out
    error = json.loads(out)
    assert error["ok"] is False
    assert error["code"] == "download.checksum"
    assert "lied.gguf is corrupt" in error["message"]
    assert not (tmp_path / "models" / REPO / "lied.gguf").exists()


def test_same_host_cdn_gets_neither_the_token_nor_a_login(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ``hub`` fixture fails the test if an Authorization header reached a CDN path."""
    hub.same_host_cdn = True
    served = hub.add_random(REPO, "gated.gguf", 3 * MiB, seed=6)
    hub.gate(REPO, GOOD_TOKEN)
    monkeypatch.setenv("HF_TOKEN", GOOD_TOKEN)
    code, out, err = cli(capsys, tmp_path, *download(hub, "gated.gguf", "--json"))
    assert code == 0, err
    result = json.loads(out)["files"][0]
    assert result["sha256"] == served.sha256
    assert result["commit"] == hub.repo(REPO).commit
    assert result["sha256_verified"] is True
    assert hub.requests("cdn")  # the body did come from the same-host CDN
    assert hub.header_count("authorization", "cdn") == 0
    assert hub.header_count("authorization", "hub") == len(hub.requests("hub"))


def test_a_renamed_repo_is_followed_with_the_token_and_its_headers_kept(hub: Hub) -> None:
    """A relative redirect is the Hub's own (a renamed repo): followed, with the token."""
    served = hub.add_random(REPO, "r.gguf", 4321, seed=7)
    hub.renamed["acme/Old-Name"] = REPO
    hub.gate(REPO, GOOD_TOKEN)
    meta = HubClient(hub.url, GOOD_TOKEN).metadata("acme/Old-Name", "r.gguf")
    assert meta.sha256 == served.sha256
    assert meta.commit == hub.repo(REPO).commit
    assert [r.status for r in hub.requests("hub")] == [307, 302]
    assert hub.header_count("authorization", "hub") == 2


def test_a_file_without_a_hub_hash_is_complete_but_not_called_verified(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: the library marked it sha256-verified though nothing was compared."""
    hub.add_file(REPO, "plain.gguf", b"GGUF" + bytes(5000), lfs=False)
    code, out, err = cli(capsys, tmp_path, *download(hub, "plain.gguf", "--json"))
    assert code == 0, err
    result = json.loads(out)["files"][0]
    assert result["sha256_verified"] is False
    code, out, err = cli(capsys, tmp_path, *download(hub, "plain.gguf"))
    assert "Not verified: neither the server nor the catalog gave a sha256" in out
    from wizard_app.commands._common import CliContext
    from wizard_app.core.library.installed import Library

    ctx = CliContext(str(tmp_path))
    try:
        entries = Library(ctx.db, ctx.models_dir).entries()
    finally:
        ctx.close()
    # the file is not a model (a bare header), so it is not in the library: check the row
    assert not any(e.sha256_verified for e in entries)


def test_an_lfs_file_from_a_catalog_less_download_is_verified_against_the_hub(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.hub_server import write_test_gguf

    gguf = write_test_gguf(tmp_path / "src" / "tiny.gguf")
    hub.add_file(REPO, "tiny.gguf", gguf)
    code, out, err = cli(capsys, tmp_path, *download(hub, "tiny.gguf", "--json"))
    assert code == 0, err
    assert json.loads(out)["files"][0]["sha256_verified"] is True
    code, out, _ = cli(capsys, tmp_path, "library", "--json")
    assert json.loads(out)[0]["sha256_verified"] is True


# ---- item 6: a user and password in the mirror's URL ---------------------------------
def test_credentials_in_a_mirror_url_are_used_but_never_stored_or_logged(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    """Before: ``http://user:password@host`` was stored in SQLite and logged with -v."""
    caplog.set_level(logging.DEBUG)
    secret = "s3cr3t-Pa55word"
    hub.basic_auth = ("mirror-user", secret)
    served = hub.add_random(REPO, "m.gguf", 2 * MiB, seed=8)
    endpoint = hub.url.replace("http://", f"http://mirror-user:{secret}@")
    args = ("download", "--repo", REPO, "--file", "m.gguf", "--endpoint", endpoint, "--json")
    code, out, err = cli(capsys, tmp_path, "-v", *args)
    assert code == 0, err
    assert json.loads(out)["files"][0]["sha256"] == served.sha256
    assert hub.header_count("authorization", "hub") == len(hub.requests("hub"))
    assert secret not in out + err
    assert secret not in caplog.text
    for f in (tmp_path / "logs").rglob("*"):
        if f.is_file():
            assert secret not in f.read_text(errors="replace"), f
    stored = list(tmp_path.rglob("*.sqlite3*"))
    assert stored
    for f in stored:
        assert secret.encode() not in f.read_bytes(), f
    con = sqlite3.connect(next(tmp_path.rglob("*.sqlite3")))
    try:
        endpoints = [r[0] for r in con.execute("SELECT endpoint FROM downloads")]
    finally:
        con.close()
    assert endpoints == [hub.url]


def test_split_credentials_and_safe_urls() -> None:
    from wizard_app.core.download.hub import safe_url, split_credentials

    clean, cred = split_credentials("https://u%40x:p%3Aw@mirror.example:8443/hf")
    assert clean == "https://mirror.example:8443/hf"
    assert cred == ("u@x", "p:w")
    assert split_credentials("https://mirror.example/hf") == ("https://mirror.example/hf", None)
    assert safe_url("http://u:pw@h:1/a/b?sig=1") == "http://h:1/a/b"
    assert "pw" not in repr(HubClient("http://u:pw@h:1"))


# ---- item 2: one file answers only its own request -----------------------------------
def test_a_downloaded_file_does_not_answer_for_another_revision(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: ``--revision v999-does-not-exist`` was answered from disk with no request."""
    from tests.hub_server import write_test_gguf

    gguf = write_test_gguf(tmp_path / "src" / "tiny.gguf")
    hub.add_file(REPO, "tiny.gguf", gguf)
    code, out, err = cli(capsys, tmp_path, *download(hub, "tiny.gguf", "--json"))
    assert code == 0, err
    model_id = json.loads(out)["files"][0]["model_id"]
    hub.reset_log()
    code, out, err = cli(capsys, tmp_path, *download(hub, "tiny.gguf", "--revision",
                                                     "v999-does-not-exist", "--json"))  # fmt: skip
    assert code == 2
    assert json.loads(out)["code"] == "download.revision_not_found"
    assert [r.revision for r in hub.requests("hub")] == ["v999-does-not-exist"]
    # the file of main is still there, verified and in the library
    code, out, err = cli(capsys, tmp_path, *download(hub, "tiny.gguf", "--json"))
    assert code == 0, err
    again = json.loads(out)["files"][0]
    assert (again["model_id"], again["revision"], again["sha256_verified"]) == (
        model_id, "main", True,
    )  # fmt: skip
    # a revision that exists and holds the same bytes is checked on disk, not fetched
    hub.add_revision(REPO, "v1")
    hub.reset_log()
    code, out, err = cli(capsys, tmp_path, *download(hub, "tiny.gguf", "--revision", "v1",
                                                     "--json"))  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["files"][0]["fetched_bytes"] == 0
    assert hub.bytes_sent("cdn") == 0
    assert [r.revision for r in hub.requests("hub")] == ["v1"]


@pytest.mark.parametrize(
    "repo", ["plain/repo/sub", "C:/x", "../up", "plain", "a--b/c", "owner/name/"]
)
def test_malformed_repo_ids_are_refused_before_any_request(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str], repo: str
) -> None:
    """Before: ``--repo plain/repo/sub --file inner.gguf`` returned plain/repo's
    ``sub/inner.gguf``."""
    hub.add_random("plain/repo", "sub/inner.gguf", 1000)
    args = ("download", "--repo", repo, "--file", "inner.gguf", "--endpoint", hub.url, "--json")
    code, out, _err = cli(capsys, tmp_path, *args)
    assert code == 2
    error = json.loads(out)
    assert error == {"ok": False, "code": "input", "message": error["message"],
                     "hint": error["hint"]}  # fmt: skip
    assert "is not a Hugging Face repository id" in error["message"]
    assert "owner/name" in error["hint"]
    assert not hub.requests()


# ---- item 13: --json errors are JSON on stdout ---------------------------------------
def test_json_errors_are_an_object_on_stdout_with_the_same_exit_code(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hub.add_random(REPO, "gated.gguf", 1000)
    hub.gate(REPO)
    code, out, err = cli(capsys, tmp_path, *download(hub, "gated.gguf", "--json"))
    assert code == 2
    error = json.loads(out)
    assert set(error) == {"ok", "code", "message", "hint"}
    assert error["ok"] is False
    assert error["code"] == "download.gated"
    assert f"{hub.url}/{REPO}" in error["hint"]
    assert err.startswith("model-wizard: ")  # the person at the terminal still sees it
    # without --json: text only
    code, out, err = cli(capsys, tmp_path, *download(hub, "gated.gguf"))
    assert (code, out) == (2, "")
    code, out, err = cli(capsys, tmp_path, "library", "remove", "99", "--json")
    assert code == 2
    assert json.loads(out)["code"] == "input"


def test_fetch_verified_event_says_which_hash_it_was_checked_against(
    hub: Hub, tmp_path: Path
) -> None:
    hub.add_file(REPO, "plain.bin", b"x" * 3000, lfs=False)
    client = HubClient(hub.url)
    remote = client.metadata(REPO, "plain.bin")
    assert remote.sha256 is None
    events = list(fetch(client, remote, tmp_path / "p.bin", options=FetchOptions(disk_margin=0)))
    done = events[-1]
    assert isinstance(done, DownloadVerified)
    assert done.expected_sha256 is None


def test_a_usage_error_with_json_is_an_object_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--data-dir", str(tmp_path), "download", "--connections", "x", "--json"])
    out, err = capsys.readouterr()
    assert exit_.value.code == 2
    error = json.loads(out)
    assert (error["ok"], error["code"]) == (False, "usage")
    assert "--connections" in error["message"]
    assert "model-wizard download --help" in error["hint"]
    assert "invalid int value" in err
