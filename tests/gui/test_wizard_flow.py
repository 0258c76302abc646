"""Pages 1-5 end to end on the real catalog and a given machine."""

from __future__ import annotations

import itertools
import json
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog

from tests.gui.wizard_driver import NEXT, click_next, to_recommendations
from wizard_app.core.hardware.profile import GiB
from wizard_app.ui.wizard.page_ids import PageId
from wizard_app.ui.wizard.wizard import ModelWizard


@pytest.fixture
def wizard(qtbot, ready):  # type: ignore[no-untyped-def]
    w = ModelWizard(ready)
    qtbot.addWidget(w)
    w.resize(1000, 700)
    w.show()
    return w


def test_use_case_is_required_before_next(qtbot, wizard) -> None:  # type: ignore[no-untyped-def]
    click_next(wizard)
    assert wizard.currentId() == PageId.USE_CASE
    assert not wizard.button(NEXT).isEnabled()
    wizard.currentPage().select_use_case("coding")
    assert wizard.button(NEXT).isEnabled()
    assert wizard.field("use_case") == "coding"


def test_flow_to_ranked_recommendations(qtbot, wizard, fixed_hardware, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    to_recommendations(qtbot, wizard, use_case="coding", licence="commercial", budget_usd=1500)
    page = wizard.currentPage()
    rec = wizard.state.recommendation
    assert rec is not None
    assert rec.request.use_case == "coding"
    assert rec.request.license == "commercial"
    assert rec.request.budget_usd == 1500
    assert page.picks.rowCount() == len(rec.picks) > 0
    assert [p.commercial for p in rec.picks if p.commercial == "no"] == []
    # the probed machine was used as it is (nothing overridden)
    assert wizard.state.hardware.overridden == []
    assert wizard.state.hardware.gpu_bytes == 7 * GiB
    # the first pick is selected and fits: Next leads to the download
    assert page.current_row() == 0
    assert wizard.state.choice is not None
    assert wizard.state.choice.id == rec.picks[0].id
    assert wizard.button(NEXT).isEnabled()
    assert page.nextId() == PageId.DOWNLOAD
    # the details pane tells why, with the five openness criteria and sources
    assert rec.picks[0].name in page.details.title.text()
    assert page.details.openness.text().count("<tr>") == 5
    assert "href" in page.details.sources.text()
    # left out with reasons; upgrade advice for the budget
    assert page.excluded.rowCount() == len(rec.excluded) > 0
    assert all(page.excluded.index(r, 1).data() for r in range(page.excluded.rowCount()))
    assert page.tabs.isTabVisible(2)
    assert page.upgrades.rowCount() == len(rec.upgrades)
    for model in (page.picks, page.excluded, page.upgrades):
        qtmodeltester.check(model)
    # saved in the history, on the GUI thread
    qtbot.waitUntil(lambda: wizard.state.history_id is not None)


def test_quant_picker_updates_the_fit_live(qtbot, wizard, fixed_hardware) -> None:  # type: ignore[no-untyped-def]
    to_recommendations(qtbot, wizard, use_case="chat")
    page = wizard.currentPage()
    row = page.current_row()
    quants = [page.details.quant.itemData(i) for i in range(page.details.quant.count())]
    assert len(quants) > 1
    before = page.picks.row_at(row)
    other = next(q for q in quants if q != before.quant)
    page.details.quant.setCurrentIndex(page.details.quant.findData(other))
    page.details.quant.activated.emit(page.details.quant.currentIndex())
    after = page.picks.row_at(row)
    assert after.quant == other
    assert after.fit.total_bytes != before.pick.fit.total_bytes
    assert wizard.state.choice.quant == other
    assert other in page.picks.index(row, page.picks.QUANT).data()
    assert page.details.memory.rows  # the bar shows the new need


def test_planning_for_another_machine(qtbot, wizard, fixed_hardware) -> None:  # type: ignore[no-untyped-def]
    click_next(wizard)
    wizard.currentPage().select_use_case("chat")
    click_next(wizard)
    hw = wizard.currentPage()
    qtbot.waitUntil(hw.isComplete)
    hw.planning.setChecked(True)
    hw.ram.setValue(64)
    hw.gpu.setCurrentIndex(hw.gpu.findData("apple"))
    hw.vram.setValue(48)
    click_next(wizard)
    machine = wizard.state.hardware
    assert machine.ram_total_bytes == 64 * GiB
    assert machine.ram_available_bytes is None
    assert machine.unified_memory
    assert machine.gpu_bytes == 48 * GiB
    assert "ram" in machine.overridden
    assert "gpu" in machine.overridden


def test_an_edited_figure_overrides_the_probe(qtbot, wizard, fixed_hardware) -> None:  # type: ignore[no-untyped-def]
    click_next(wizard)
    wizard.currentPage().select_use_case("chat")
    click_next(wizard)
    hw = wizard.currentPage()
    qtbot.waitUntil(hw.isComplete)
    assert hw.ram.value() == 16
    assert hw.vram.value() == 8
    assert hw.cores.value() == 8
    hw.gpu.setCurrentIndex(hw.gpu.findData("none"))
    click_next(wizard)
    assert wizard.state.hardware.gpus == []
    assert wizard.state.hardware.overridden == ["gpu"]
    assert wizard.state.hardware.ram_available_bytes == 12 * GiB  # the probe's, untouched


def test_nothing_fits_shows_why(qtbot, wizard, fixed_hardware) -> None:  # type: ignore[no-untyped-def]
    fixed_hardware.ram_available_bytes = fixed_hardware.ram_total_bytes = int(0.5 * GiB)
    fixed_hardware.gpus = []
    to_recommendations(qtbot, wizard, use_case="medical", fully_open=True)
    page = wizard.currentPage()
    assert page.picks.rowCount() == 0
    assert page.tabs.currentIndex() == 1
    assert page.excluded.rowCount() > 0
    assert not wizard.button(NEXT).isEnabled()


def test_export_markdown_and_json(qtbot, wizard, fixed_hardware, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    to_recommendations(qtbot, wizard, use_case="math", budget_usd=800)
    page = wizard.currentPage()
    rec = wizard.state.recommendation
    md_path = tmp_path / "out" / "rec.md"
    md_path.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(md_path), ""))
    )
    page.export_md.click()
    text = md_path.read_text(encoding="utf-8")
    assert text.startswith("# ")
    table = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(table) == 1 + len(rec.picks)  # header and one row per pick
    assert all(line.count("|") == table[0].count("|") for line in table)
    for pick in rec.picks:
        assert f"## {pick.rank}. {pick.name}" in text
    json_path = tmp_path / "out" / "rec"  # no suffix: the chosen format's is added
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(json_path), ""))
    )
    page.export_json.click()
    data = json.loads((tmp_path / "out" / "rec.json").read_text(encoding="utf-8"))
    assert [p["id"] for p in data["picks"]] == [p.id for p in rec.picks]
    assert data["request"]["budget_usd"] == 800
    assert "hardware" in data
    assert "curve" not in data["picks"][0]["fit"]


def test_export_to_an_unwritable_place_says_so(qtbot, wizard, fixed_hardware, tmp_path) -> None:  # type: ignore[no-untyped-def]
    to_recommendations(qtbot, wizard)
    page = wizard.currentPage()
    page.export_to(tmp_path / "missing" / "folder" / "x.md")
    assert "Could not write" in page.status.text()


def test_the_window_keeps_running_while_the_probe_works(  # type: ignore[no-untyped-def]
    qtbot, wizard, monkeypatch
) -> None:
    import time

    import wizard_app.core.hardware.probe as probe
    from tests.gui.conftest import laptop

    threads: list[str] = []

    def slow_detect(*_a, **_k):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        time.sleep(0.6)
        return laptop()

    monkeypatch.setattr(probe, "detect", slow_detect)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(10)
    click_next(wizard)
    wizard.currentPage().select_use_case("chat")
    click_next(wizard)
    hw = wizard.currentPage()
    assert hw.probing
    assert not hw.isComplete()
    qtbot.waitUntil(hw.isComplete, timeout=5000)
    timer.stop()
    assert threads
    assert threads[0] != threading.main_thread().name
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert len(ticks) > 20
    assert max(gaps) < 0.2
