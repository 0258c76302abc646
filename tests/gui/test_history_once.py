"""The Recommendations page keeps one history entry per distinct set of answers and
hardware: going back and forth (or back to the same answers) adds none."""

from __future__ import annotations

from tests.gui.wizard_driver import BACK, click_next, to_recommendations
from wizard_app.core.recommend import history
from wizard_app.ui.wizard.page_ids import PageId
from wizard_app.ui.wizard.wizard import ModelWizard


def _entries(services) -> int:  # type: ignore[no-untyped-def]
    return len(history.history(services.database))


def _back_to(qtbot, wizard: ModelWizard, page: PageId) -> None:  # type: ignore[no-untyped-def]
    while wizard.currentId() != page:
        wizard.button(BACK).click()


def _on_to_recommendations(qtbot, wizard: ModelWizard) -> None:  # type: ignore[no-untyped-def]
    while wizard.currentId() != PageId.RECOMMENDATIONS:
        if wizard.currentId() == PageId.HARDWARE:
            qtbot.waitUntil(wizard.currentPage().isComplete, timeout=10_000)
        click_next(wizard)
    page = wizard.currentPage()
    qtbot.waitUntil(lambda: not page.busy, timeout=20_000)  # type: ignore[attr-defined]
    qtbot.wait(20)  # the entry is written in a turn of its own


def test_revisiting_the_recommendations_adds_no_entry(qtbot, ready, fixed_hardware) -> None:  # type: ignore[no-untyped-def]
    wizard = ModelWizard(ready)
    qtbot.addWidget(wizard)
    wizard.show()
    to_recommendations(qtbot, wizard, use_case="chat")
    qtbot.waitUntil(lambda: _entries(ready) == 1, timeout=5_000)
    first = wizard.state.history_id
    for page in (PageId.BUDGET, PageId.HARDWARE, PageId.USE_CASE):
        _back_to(qtbot, wizard, page)
        _on_to_recommendations(qtbot, wizard)
        assert _entries(ready) == 1, page.name
        assert wizard.state.history_id == first

    # other answers are another entry; going back to the first answers is not
    _back_to(qtbot, wizard, PageId.BUDGET)
    budget = wizard.currentPage()
    before = budget.priority.value()  # type: ignore[attr-defined]
    budget.priority.setValue(before + 1)  # type: ignore[attr-defined]
    _on_to_recommendations(qtbot, wizard)
    assert _entries(ready) == 2
    second = wizard.state.history_id
    assert second != first
    _back_to(qtbot, wizard, PageId.BUDGET)
    budget.priority.setValue(before)  # type: ignore[attr-defined]
    _on_to_recommendations(qtbot, wizard)
    assert _entries(ready) == 2
    assert wizard.state.history_id == first


def test_a_speed_timed_meanwhile_is_the_same_machine(qtbot, ready, fixed_hardware) -> None:  # type: ignore[no-untyped-def]
    from wizard_app.core.hardware.profile import ComputeProfile

    wizard = ModelWizard(ready)
    qtbot.addWidget(wizard)
    wizard.show()
    to_recommendations(qtbot, wizard, use_case="chat")
    qtbot.waitUntil(lambda: _entries(ready) == 1, timeout=5_000)
    _back_to(qtbot, wizard, PageId.HARDWARE)
    timed = ComputeProfile(
        threads=8, bandwidth_gbs=40.0, weights_per_s=2e10, weights_per_s_f16=1e10,
        seconds_per_layer=1e-5, seconds_per_vocab=1e-9, seconds_per_token=1e-4,
        matmul_gflops=200.0,
    )  # fmt: skip
    wizard.currentPage()._on_measured(timed)  # type: ignore[attr-defined]
    _on_to_recommendations(qtbot, wizard)
    assert wizard.state.hardware is not None
    assert wizard.state.hardware.compute == timed  # ranked with the timed speed
    assert _entries(ready) == 1
