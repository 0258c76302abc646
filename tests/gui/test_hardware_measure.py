"""The hardware page times llama.cpp on the real machine once and shows the figures."""

from __future__ import annotations

import pytest

from tests.gui.wizard_driver import click_next
from wizard_app.core.runtime.machine_profile import load_cached
from wizard_app.ui.wizard.page_ids import PageId
from wizard_app.ui.wizard.wizard import ModelWizard

pytestmark = pytest.mark.slow


def test_first_visit_measures_then_the_cache_is_used(qtbot, ready) -> None:  # type: ignore[no-untyped-def]
    ready.measure_speed = True
    w = ModelWizard(ready)
    qtbot.addWidget(w)
    w.show()
    click_next(w)  # welcome -> what do you need
    w.currentPage().select_use_case("chat")
    click_next(w)
    assert w.currentId() == PageId.HARDWARE
    page = w.currentPage()
    qtbot.waitUntil(lambda: page.state.probed is not None, timeout=30_000)
    qtbot.waitUntil(lambda: page.measuring, timeout=5_000)
    assert page.isComplete()  # the user may go on while it measures
    qtbot.waitUntil(lambda: not page.measuring, timeout=240_000)
    prof = page.state.probed.compute
    assert prof is not None
    assert prof.bandwidth_gbs > 0
    assert f"{prof.bandwidth_gbs:g} GB/s" in page.measured.text()
    assert page.remeasure.isEnabled()
    assert load_cached(ready.paths.cache, page.state.probed) == prof
    # read again: the saved profile comes with the probe, nothing is measured
    page.start_probe()
    qtbot.waitUntil(lambda: not page.probing, timeout=30_000)
    assert not page.measuring
    assert page.state.probed.compute == prof


def test_the_timing_can_be_stopped_and_keeps_nothing(qtbot, ready) -> None:  # type: ignore[no-untyped-def]
    ready.measure_speed = True
    w = ModelWizard(ready)
    qtbot.addWidget(w)
    w.show()
    click_next(w)
    w.currentPage().select_use_case("chat")
    click_next(w)
    page = w.currentPage()
    qtbot.waitUntil(lambda: page.measuring, timeout=30_000)
    assert page.remeasure.text() == "S&top timing"
    assert page.remeasure.isEnabled()
    page.remeasure.click()
    qtbot.waitUntil(lambda: not page.measuring, timeout=60_000)
    assert "Timing stopped" in page.measured.text()
    assert page.remeasure.text() == "&Measure speed again"
    assert page.remeasure.isEnabled()
    assert page.state.probed.compute is None
    assert load_cached(ready.paths.cache, page.state.probed) is None
