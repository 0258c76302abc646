"""Text that used to be cut off: the Hub dialog's fit column and the Settings dialog's
server fields show their whole text."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QTableWidget

from tests.hub_server import Hub
from wizard_app.core.runtime.synthetic import ModelSpec, build_gguf
from wizard_app.ui.views.hub_search import _FIT, HubSearchDialog

REPO = "acme/Tiny-Chat-GGUF"


@pytest.fixture
def served(hub: Hub, tmp_path: Path) -> Hub:
    q8 = build_gguf(tmp_path / "src" / "q8.gguf", ModelSpec(layers=3, weights="q8_0"))
    hub.add_file(REPO, "Tiny-Chat-With-A-Rather-Long-File-Name-Q8_0.gguf", q8)
    return hub


def _whole(table: QTableWidget, row: int, col: int) -> bool:
    item = table.item(row, col)
    assert item is not None
    fm = table.fontMetrics()
    return table.columnWidth(col) >= fm.horizontalAdvance(item.text())


def show_fit(qtbot, ready, served) -> HubSearchDialog:  # type: ignore[no-untyped-def]
    ready.settings.hub_endpoint = served.url
    dialog = HubSearchDialog(ready)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.query.setText("tiny chat")
    dialog.search_button.click()
    qtbot.waitUntil(dialog.search_button.isEnabled, timeout=30_000)
    dialog.repos.setCurrentRow(0)
    qtbot.waitUntil(lambda: dialog.fit_button.isEnabled(), timeout=30_000)
    dialog.fit_button.click()
    qtbot.waitUntil(
        lambda: bool(dialog.reports) and dialog.search_button.isEnabled(), timeout=30_000
    )
    return dialog


def test_the_fit_column_shows_its_header_and_values_whole(  # type: ignore[no-untyped-def]
    qtbot, ready, served, fixed_hardware
) -> None:
    dialog = show_fit(qtbot, ready, served)
    table = dialog.files
    header = table.horizontalHeader()
    title, fit = table.horizontalHeaderItem(_FIT), table.item(0, _FIT)
    assert title is not None
    assert fit is not None
    assert table.columnWidth(_FIT) >= header.fontMetrics().horizontalAdvance(title.text())
    assert "needs" in fit.text()
    assert _whole(table, 0, _FIT)
    assert table.horizontalScrollBar().maximum() == 0  # all of it in view, no scrolling


def test_the_server_fields_keep_their_height_on_a_short_screen(qtbot, ready) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLineEdit

    from wizard_app.ui.views.settings_dialog import SettingsDialog

    dialog = SettingsDialog(ready)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.resize(620, 540)  # a laptop screen under the panel and title bar
    qtbot.wait(20)
    assert dialog.height() < 620
    fields = dialog.endpoints.findChildren(QLineEdit)
    assert len(fields) == 3  # name, address, API key
    for field in [*fields, dialog.endpoint, dialog.token]:
        assert field.height() >= field.minimumSizeHint().height(), field.accessibleName()
    assert dialog.buttons.isVisible()
    # the rest is a scroll away
    dialog.body_scroll.ensureWidgetVisible(dialog.endpoints.key)
    qtbot.waitUntil(lambda: not dialog.endpoints.key.visibleRegion().isEmpty())
