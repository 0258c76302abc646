"""Signed catalog updates: fetched from a real local HTTP server, verified, kept, rolled back.

Each test makes its own ed25519 key pair and hands the public key to the store, as the app
hands it the one in ``resources/``. The server is ``http.server`` on 127.0.0.1 in a thread;
it serves good, tampered, unsigned, truncated and schema-breaking bundles.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.catalog_server import Server
from tests.cli_helpers import cli
from wizard_app.core.catalog.bundle import (
    MAX_BUNDLE_BYTES,
    build_bundle,
    bundled_public_key,
    parse_bundle,
    private_key_pem,
    public_key_pem,
    sign,
    verify,
)
from wizard_app.core.catalog.loader import catalog_files, load_catalog
from wizard_app.core.catalog.update import CatalogStore, active_catalog, update_catalog
from wizard_app.core.errors import CatalogError

ROOT = Path(__file__).parents[2]
MODELS = ROOT / "models"
T0 = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture
def store(tmp_path: Path, key: Ed25519PrivateKey) -> CatalogStore:
    return CatalogStore(tmp_path / "catalog", public_key=key.public_key())


def smaller_catalog(tmp_path: Path, drop: str = "tinyllama.yaml") -> Path:
    """A copy of the bundled catalog without one file: an update we can tell apart."""
    folder = tmp_path / "newer"
    folder.mkdir(parents=True)
    for path in catalog_files(MODELS):
        if path.name != drop:
            (folder / path.name).write_bytes(path.read_bytes())
    return folder


def test_a_good_bundle_is_verified_installed_and_preferred(
    tmp_path: Path, server: Server, key: Ed25519PrivateKey, store: CatalogStore
) -> None:
    bundled = load_catalog()
    data = build_bundle(smaller_catalog(tmp_path), T0)
    url = server.publish("/catalog.json", data, sign(data, key))

    result = update_catalog(store, url)

    assert result.created == T0
    assert result.origin.startswith("update 2026-12-01")
    assert result.variants < len(bundled)
    catalog = store.catalog()
    assert catalog.origin == result.origin
    assert "tinyllama-1.1b-chat-v1.0" in bundled
    assert "tinyllama-1.1b-chat-v1.0" not in catalog
    # the app's entry point finds the same update under its data folder
    again = active_catalog(tmp_path, key.public_key())
    assert [e.id for e in again] == [e.id for e in catalog]
    # the bundled files were not touched
    assert [p.name for p in catalog_files(MODELS)] == [p.name for p in catalog_files()]


@pytest.mark.parametrize("case", ["tampered", "unsigned", "truncated", "other_key", "not_base64"])
def test_a_bad_download_changes_nothing(
    tmp_path: Path, server: Server, key: Ed25519PrivateKey, store: CatalogStore, case: str
) -> None:
    data = build_bundle(smaller_catalog(tmp_path), T0)
    signature = sign(data, key)
    if case == "tampered":  # one byte of one model file changed after signing
        data = data.replace(b"Apache-2.0", b"Apache-2.1", 1)
    elif case == "unsigned":
        signature = None
    elif case == "other_key":
        signature = sign(data, Ed25519PrivateKey.generate())
    elif case == "not_base64":
        signature = b"this is not a signature\n"
    url = server.publish("/catalog.json", data, signature)
    if case == "truncated":
        server.truncate.add("/catalog.json")

    with pytest.raises(CatalogError) as err:
        update_catalog(store, url)

    message = str(err.value)
    expected = {
        "tampered": "signature does not match",
        "unsigned": "not signed",
        "truncated": "cut off",
        "other_key": "signature does not match",
        "not_base64": "not a signature",
    }[case]
    assert expected in message
    assert "kept" in message  # says what happened to the catalog in use
    assert not store.current.exists()
    assert store.catalog().origin == "bundled"


def test_a_signed_bundle_that_breaks_the_schema_is_refused(
    tmp_path: Path, server: Server, key: Ed25519PrivateKey, store: CatalogStore
) -> None:
    folder = smaller_catalog(tmp_path)
    qwen = folder / "qwen3.yaml"
    qwen.write_text(qwen.read_text().replace("commercial: 'yes'", "commercial: 'maybe'", 1))
    data = build_bundle(folder, T0)
    url = server.publish("/catalog.json", data, sign(data, key))

    with pytest.raises(CatalogError, match=r"qwen3.yaml: variants\[0\]\(qwen3-4b\).license"):
        update_catalog(store, url)
    assert store.catalog().origin == "bundled"


def test_the_previous_catalog_is_kept_and_rollback_restores_it(
    tmp_path: Path, server: Server, key: Ed25519PrivateKey, store: CatalogStore
) -> None:
    first = build_bundle(smaller_catalog(tmp_path), T0)
    server.publish("/v1.json", first, sign(first, key))
    update_catalog(store, server.url("/v1.json"))
    second = build_bundle(MODELS, T0 + timedelta(days=1))
    server.publish("/v2.json", second, sign(second, key))

    result = update_catalog(store, server.url("/v2.json"))

    assert result.replaced == T0
    assert store.catalog().origin.startswith("update 2026-12-02")
    assert (store.previous / "catalog.json").read_bytes() == first

    back = store.rollback()
    assert back.origin.startswith("update 2026-12-01")
    assert back.replaced == T0 + timedelta(days=1)
    assert "tinyllama-1.1b-chat-v1.0" not in store.catalog()

    bundled = store.rollback()  # nothing older: back to the bundled catalog
    assert bundled.origin == "bundled"
    assert bundled.variants == len(load_catalog())
    with pytest.raises(CatalogError, match="no catalog update to roll back"):
        store.rollback()


def test_an_older_or_replayed_bundle_is_refused(
    tmp_path: Path, server: Server, key: Ed25519PrivateKey, store: CatalogStore
) -> None:
    new = build_bundle(MODELS, T0)
    old = build_bundle(smaller_catalog(tmp_path), T0 - timedelta(days=30))
    update_catalog(store, server.publish("/new.json", new, sign(new, key)))
    for url in (server.url("/new.json"), server.publish("/old.json", old, sign(old, key))):
        with pytest.raises(CatalogError, match="is not newer than the one in use"):
            update_catalog(store, url)
    assert (store.current / "catalog.json").read_bytes() == new


def test_an_installed_update_that_was_altered_on_disk_is_ignored(
    tmp_path: Path, server: Server, key: Ed25519PrivateKey, store: CatalogStore
) -> None:
    data = build_bundle(smaller_catalog(tmp_path), T0)
    update_catalog(store, server.publish("/c.json", data, sign(data, key)))
    path = store.current / "catalog.json"
    path.write_bytes(path.read_bytes().replace(b"Apache-2.0", b"MIT", 1))

    assert store.catalog().origin == "bundled"


def test_an_update_made_for_an_older_app_gives_way_to_the_new_bundled_catalog(
    tmp_path: Path, server: Server, key: Ed25519PrivateKey
) -> None:
    app_models = smaller_catalog(tmp_path)  # stands for the catalog an app version ships
    store = CatalogStore(tmp_path / "catalog", key.public_key(), bundled=app_models)
    data = build_bundle(smaller_catalog(tmp_path / "u", drop="olmo.yaml"), T0)
    update_catalog(store, server.publish("/c.json", data, sign(data, key)))
    assert store.catalog().origin.startswith("update")

    (app_models / "tinyllama.yaml").write_bytes((MODELS / "tinyllama.yaml").read_bytes())

    assert store.catalog().origin == "bundled"  # the app was upgraded since the update


def test_a_bundle_with_a_path_or_too_large_is_rejected(key: Ed25519PrivateKey) -> None:
    evil = b'{"format": "open-model-wizard-catalog", "version": 1, "created": "2026-12-01",'
    evil += b' "files": {"../../settings.yaml": "x"}}'
    with pytest.raises(CatalogError, match="not a catalog file"):
        parse_bundle(evil)
    with pytest.raises(CatalogError, match="allowed"):
        parse_bundle(b" " * (MAX_BUNDLE_BYTES + 1))
    with pytest.raises(CatalogError, match="not an Open Model Wizard catalog"):
        parse_bundle(b'{"format": "something else"}')


def test_the_shipped_public_key_loads_and_rejects_a_test_signature(
    key: Ed25519PrivateKey,
) -> None:
    data = b"anything"
    with pytest.raises(CatalogError, match="signature does not match"):
        verify(data, sign(data, key), bundled_public_key())


def test_the_signing_script_builds_a_bundle_the_store_accepts(
    tmp_path: Path, key: Ed25519PrivateKey, store: CatalogStore
) -> None:
    private = tmp_path / "signing.pem"
    private.write_bytes(private_key_pem(key))
    public = tmp_path / "signing.pub"
    public.write_bytes(public_key_pem(key))
    out = tmp_path / "dist" / "catalog.json"
    run = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "sign_catalog.py"), "--key", str(private),
         "--public-key", str(public), "--out", str(out), "--created", T0.isoformat()],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert f"{len(load_catalog())} variants" in run.stdout

    result = store.install(out.read_bytes(), (tmp_path / "dist" / "catalog.json.sig").read_bytes())
    assert result.files == len(catalog_files())

    # against the shipped key (another key pair) the script refuses to write anything
    other = tmp_path / "other.json"
    run = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "sign_catalog.py"), "--key", str(private),
         "--out", str(other)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert run.returncode == 1
    assert "signature does not match" in run.stderr
    assert not other.exists()


# ---- the command line --------------------------------------------------------------------


def test_cli_update_refuses_a_bundle_not_signed_with_the_apps_key(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, server: Server, key: Ed25519PrivateKey
) -> None:
    data = build_bundle(MODELS, T0)
    url = server.publish("/catalog.json", data, sign(data, key))

    code, _, err = cli(capsys, tmp_path, "catalog", "update", "--from", url)

    assert code != 0
    assert "signature does not match" in err
    assert "Traceback" not in err
    assert not (tmp_path / "data" / "catalog" / "current").exists()
    code, out, _ = cli(capsys, tmp_path, "catalog", "check")
    assert code == 0
    assert "catalog OK (bundled)" in out


def test_cli_update_explains_missing_address_rollback_and_bad_urls(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, server: Server
) -> None:
    code, _, err = cli(capsys, tmp_path, "catalog", "update")
    assert code != 0
    assert "No catalog update address" in err
    assert "--from URL" in err
    code, _, err = cli(capsys, tmp_path, "catalog", "update", "--rollback")
    assert code != 0
    assert "no catalog update to roll back" in err
    code, _, err = cli(capsys, tmp_path, "catalog", "update", "--from", "ftp://x/catalog.json")
    assert code != 0
    assert "not an http(s) address" in err
    code, _, err = cli(capsys, tmp_path, "catalog", "update", "--from", server.url("/none.json"))
    assert code != 0
    assert "HTTP 404" in err
    code, _, err = cli(capsys, tmp_path, "catalog", "list", "--rollback")
    assert code != 0
    assert "belong to 'catalog update'" in err
