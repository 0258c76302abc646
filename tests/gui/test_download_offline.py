"""The download page when the Hub cannot be reached: a coded error with its remedy, in
English and Dutch, Settings offered, and a way on (Next finishes without the file) or back."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from tests.gui.dutch import in_dutch
from tests.gui.wizard_driver import BACK, NEXT, click_next, to_recommendations
from wizard_app.core.settings import AppSettings
from wizard_app.ui.wizard.page_ids import PageId
from wizard_app.ui.wizard.wizard import ModelWizard


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # nothing listens here once the socket closes


@pytest.fixture
def wizard(qtbot, ready, fixed_hardware) -> Iterator[ModelWizard]:  # type: ignore[no-untyped-def]
    ready.settings = AppSettings(hub_endpoint=f"http://127.0.0.1:{_closed_port()}")
    w = ModelWizard(ready)
    qtbot.addWidget(w)
    w.show()
    to_recommendations(qtbot, w, use_case="chat")
    assert not w.state.installed_before
    yield w
    ready.downloads.cancel([e.id for e in ready.downloads.entries()])


def test_an_unreachable_hub_says_what_to_do_and_is_no_dead_end(qtbot, wizard) -> None:  # type: ignore[no-untyped-def]
    click_next(wizard)
    assert wizard.currentId() == PageId.DOWNLOAD
    page = wizard.currentPage()
    qtbot.waitUntil(page.error.isVisible, timeout=60_000)
    text = page.error.text()
    assert "Cannot reach http://127.0.0.1:" in text
    assert "Check the internet connection" in text
    assert "Hub mirror in Settings" in text
    assert page.settings.isVisible()
    assert page.way_out.isVisible()
    assert wizard.button(BACK).isEnabled()
    click_next(wizard)
    assert wizard.currentId() == PageId.FINISH  # nothing to try without the file
    assert "not downloaded yet" in wizard.currentPage().summary.text()
    assert not wizard.currentPage().open_folder.isEnabled()


def test_the_unreachable_error_is_dutch(qtbot, qapp, wizard) -> None:  # type: ignore[no-untyped-def]
    with in_dutch(qapp):  # after the English wizard driver
        click_next(wizard)
        page = wizard.currentPage()
        qtbot.waitUntil(page.error.isVisible, timeout=60_000)
        text = page.error.text()
    assert text.startswith("De download is gestopt: ")
    assert "Kan http://127.0.0.1:" in text
    assert "Cannot reach" not in text
    assert "internetverbinding" in text
    assert wizard.button(NEXT).isEnabled()
