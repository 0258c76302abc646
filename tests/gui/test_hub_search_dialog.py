"""Find on the Hub: search, the fit read from each file's header, Add to my models,
against the local Hub look-alike with real generated GGUF files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hub_server import Hub
from wizard_app.core.catalog.user import USER_CATALOG_NAME
from wizard_app.core.runtime.synthetic import ModelSpec, build_gguf
from wizard_app.ui.views.hub_search import HubSearchDialog

REPO = "acme/Tiny-Chat-GGUF"


@pytest.fixture
def served(hub: Hub, tmp_path: Path) -> Hub:
    q8 = build_gguf(tmp_path / "src" / "q8.gguf", ModelSpec(layers=3, weights="q8_0"))
    f16 = build_gguf(tmp_path / "src" / "f16.gguf", ModelSpec(layers=3))
    hub.add_file(REPO, "Tiny-Chat-Q8_0.gguf", q8)
    hub.add_file(REPO, "Tiny-Chat-F16.gguf", f16)
    hub.describe(REPO, downloads=10, license="apache-2.0", languages=["en"])
    return hub


def _idle(qtbot, dialog: HubSearchDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: dialog.search_button.isEnabled(), timeout=30_000)


def test_search_fit_and_add(qtbot, ready, served, fixed_hardware) -> None:  # type: ignore[no-untyped-def]
    ready.settings.hub_endpoint = served.url  # the endpoint downloads use
    dialog = HubSearchDialog(ready)
    qtbot.addWidget(dialog)
    assert not dialog.add_button.isEnabled()
    dialog.query.setText("tiny chat")
    dialog.search_button.click()
    _idle(qtbot, dialog)
    assert dialog.repos.count() == 1
    assert REPO in dialog.repos.item(0).text()

    dialog.repos.setCurrentRow(0)
    _idle(qtbot, dialog)
    assert dialog.files.rowCount() == 2
    names = {dialog.files.item(r, 0).text() for r in range(2)}
    assert names == {"Tiny-Chat-Q8_0.gguf", "Tiny-Chat-F16.gguf"}

    dialog.fit_button.click()
    _idle(qtbot, dialog)
    fits = [dialog.files.item(r, 3).text() for r in range(2)]
    assert all("needs" in f for f in fits), fits
    assert set(dialog.reports) == names

    row = next(r for r in range(2) if dialog.files.item(r, 0).text() == "Tiny-Chat-Q8_0.gguf")
    dialog.files.selectRow(row)
    assert dialog.add_button.isEnabled()
    dialog.add_button.click()
    _idle(qtbot, dialog)
    assert dialog.added_id == "hub-acme-tiny-chat-gguf", dialog.status.text()
    assert (ready.paths.data / "catalog" / USER_CATALOG_NAME).is_file()
    entry = ready.catalog.get("hub-acme-tiny-chat-gguf")  # the app's catalog now lists it
    assert entry.variant.added_by_user
    assert ready.recommender().catalog is ready.catalog


def test_hub_trouble_is_one_sentence_in_the_dialog(qtbot, ready, served) -> None:  # type: ignore[no-untyped-def]
    served.basic_auth = ("user", "pass")  # a mirror that wants a login nobody gave
    ready.settings.hub_endpoint = served.url
    dialog = HubSearchDialog(ready)
    qtbot.addWidget(dialog)
    dialog.query.setText("tiny")
    dialog.search_button.click()
    _idle(qtbot, dialog)
    assert dialog.status.text().startswith("The Hub could not be asked:")
    assert dialog.repos.count() == 0
    dialog.query.setText("   ")
    dialog.search_button.click()
    assert dialog.status.text() == "Type part of a model's name first."
