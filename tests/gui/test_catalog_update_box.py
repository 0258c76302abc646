"""The Settings dialog's catalog box against a real local server, in English and Dutch."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from wizard_app.core.catalog.bundle import build_bundle, sign
from wizard_app.core.catalog.update import CatalogStore
from wizard_app.ui.views.catalog_update import CatalogUpdateBox
from wizard_app.ui.views.settings_dialog import SettingsDialog

MODELS = Path(__file__).parents[2] / "models"
T0 = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)


def _wait_done(qtbot, box: CatalogUpdateBox) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: box.update_button.isEnabled(), timeout=30_000)


def test_a_signed_update_installs_and_rolls_back(qtbot, ready, server, tmp_path) -> None:  # type: ignore[no-untyped-def]
    key = Ed25519PrivateKey.generate()
    store = CatalogStore(tmp_path / "catalog", public_key=key.public_key())
    box = CatalogUpdateBox(ready, store=store)
    qtbot.addWidget(box)
    assert "came with the app" in box.status.text()
    data = build_bundle(MODELS, T0)
    box.url.setText(server.publish("/catalog.json", data, sign(data, key)))

    box.update_button.click()
    assert not box.update_button.isEnabled()  # busy while the task runs
    _wait_done(qtbot, box)

    assert "2026-12-01 12:00 UTC" in box.status.text()
    assert store.catalog().origin.startswith("update")
    box.rollback_button.click()
    _wait_done(qtbot, box)
    assert "came with the app" in box.status.text()
    assert store.catalog().origin == "bundled"


def test_the_dialog_refuses_a_bundle_signed_with_another_key(qtbot, ready, server) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(ready)
    qtbot.addWidget(dialog)
    data = build_bundle(MODELS, T0)
    url = server.publish("/catalog.json", data, sign(data, Ed25519PrivateKey.generate()))
    box = dialog.catalog_box
    box.url.setText(url)

    box.update_button.click()
    _wait_done(qtbot, box)

    assert "not changed" in box.status.text()
    assert "signature does not match" in box.status.text()
    assert not (ready.paths.data / "catalog" / "current").exists()
    assert dialog.values().catalog_url == url  # saved with the other settings


def test_an_empty_address_or_a_bad_one_is_explained(qtbot, ready) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(ready)
    qtbot.addWidget(dialog)
    dialog.catalog_box.update_button.click()
    assert "address of a catalog update first" in dialog.catalog_box.status.text()
    dialog.catalog_box.url.setText("ftp://example.org/catalog.json")
    dialog.accept()
    assert dialog.error.isVisibleTo(dialog)
    assert "not an http(s) address" in dialog.error.text()
