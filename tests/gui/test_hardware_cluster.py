"""The hardware step plans for another machine or for several joined by llama.cpp's RPC
backend, and the finish page shows the commands that start the chosen model there."""

from __future__ import annotations

import shlex

import pytest
from PySide6.QtGui import QGuiApplication

from tests.gui.wizard_driver import click_next
from wizard_app.core.hardware.profile import GiB
from wizard_app.ui.wizard.page_ids import PageId
from wizard_app.ui.wizard.wizard import ModelWizard


@pytest.fixture
def hw_page(qtbot, ready, fixed_hardware):  # type: ignore[no-untyped-def]
    wizard = ModelWizard(ready)
    qtbot.addWidget(wizard)
    wizard.resize(1100, 760)
    wizard.show()
    click_next(wizard)
    wizard.currentPage().select_use_case("chat")
    click_next(wizard)
    page = wizard.currentPage()
    qtbot.waitUntil(page.isComplete)
    return wizard, page


def _to_finish(qtbot, wizard):  # type: ignore[no-untyped-def]
    click_next(wizard)  # hardware -> budget
    click_next(wizard)
    assert wizard.currentId() == PageId.RECOMMENDATIONS
    rec = wizard.currentPage()
    qtbot.waitUntil(lambda: not rec.busy, timeout=20_000)
    assert rec.picks.rowCount() > 0
    rec.pick_view.selectRow(0)
    click_next(wizard)  # it runs elsewhere: no download, no trial here
    assert wizard.currentId() == PageId.FINISH
    return wizard.currentPage()


def test_a_cluster_of_hosts_is_planned_and_its_commands_shown(qtbot, hw_page) -> None:  # type: ignore[no-untyped-def]
    wizard, page = hw_page
    page.cluster.click()
    table = page.hosts
    assert page.pages.currentWidget() is table
    assert table.table.rowCount() == 2
    assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()  # rows empty
    for column, text in enumerate(("10.0.0.1", "64", "1", "24", "RTX 4090")):
        table.set_cell(0, column, text)
    for column, text in enumerate(("10.0.0.2", "128", "2", "24", "936")):
        table.set_cell(1, column, text)
    table.add.click()
    assert table.table.rowCount() == 3
    table.table.selectRow(2)
    table.remove.click()
    assert table.table.rowCount() == 2
    finish = _to_finish(qtbot, wizard)
    hw = wizard.state.hardware
    assert hw.planned
    assert [g.memory_total_bytes for g in hw.gpus] == [24 * GiB] * 3  # no leak of this machine
    assert wizard.state.target.kind == "cluster"
    assert finish.start.isVisible()
    assert not finish.howto.isVisible()
    commands = [line.text() for line in finish.start.commands]
    assert commands[0].startswith("hf download ")
    assert commands[1] == "rpc-server -H 10.0.0.2 -p 50052 -c"
    server = shlex.split(commands[2])
    assert server[:2] == ["llama-server", "-m"]
    assert server[server.index("--rpc") + 1] == "10.0.0.2:50052"
    assert server[server.index("--host") + 1] == "10.0.0.1"
    assert int(server[server.index("-c") + 1]) == wizard.state.choice.fit.context
    key = server[server.index("--api-key") + 1]
    assert key.startswith("sk-local-")
    assert commands[3] == f"model-wizard endpoints add cluster http://10.0.0.1:8080 --api-key {key}"
    assert finish.start.warning.isVisible()
    assert "trusted network" in finish.start.warning.text()
    assert "RPC0 on 10.0.0.2" in finish.start.summary.text()
    assert "tokens/s" in finish.start.summary.text()  # both bandwidths are known
    finish.start.copy_buttons[1].click()
    assert QGuiApplication.clipboard().text() == commands[1]
    finish.start.copy_all.click()
    copied = QGuiApplication.clipboard().text()
    assert all(c in copied for c in commands)
    assert "# 2. 10.0.0.2: Start rpc-server" in copied


def test_a_bad_host_is_explained_and_keeps_the_page(qtbot, hw_page) -> None:  # type: ignore[no-untyped-def]
    wizard, page = hw_page
    page.cluster.click()
    for row, address in enumerate(("10.0.0.1", "not an address!")):
        for column, text in enumerate((address, "64", "1", "24", "")):
            page.hosts.set_cell(row, column, text)
    click_next(wizard)
    assert wizard.currentId() == PageId.HARDWARE
    assert page.error.isVisible()
    assert "Host 2" in page.error.text()
    page.hosts.set_cell(1, 0, "10.0.0.1")
    click_next(wizard)
    assert wizard.currentId() == PageId.HARDWARE
    assert "twice" in page.error.text()
    page.hosts.set_cell(1, 4, "no such card 9000")
    page.hosts.set_cell(1, 0, "10.0.0.2")
    click_next(wizard)
    assert "bandwidth table" in page.error.text()
    page.hosts.set_cell(1, 4, "")
    click_next(wizard)
    assert wizard.currentId() == PageId.BUDGET


def test_another_machine_takes_only_the_figures_typed(qtbot, hw_page) -> None:  # type: ignore[no-untyped-def]
    wizard, page = hw_page
    assert page.ram.value() == 16  # this machine's, from the probe
    page.planning.click()
    assert (page.ram.value(), page.cores.value(), page.disk.value(), page.vram.value()) == (
        0, 0, 0, 0,
    )  # fmt: skip
    assert page.gpu.currentData() == "none"
    assert not page.detected.isVisible()
    assert page.address.isVisible()
    assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()
    page.ram.setValue(64)
    page.gpu.setCurrentIndex(page.gpu.findData("nvidia"))
    page.vram.setValue(24)
    page.address.setText("gpu-box")
    finish = _to_finish(qtbot, wizard)
    hw = wizard.state.hardware
    assert hw.ram_total_bytes == 64 * GiB
    assert hw.cpu.physical_cores is None  # this machine's 8 cores did not leak in
    assert hw.disk_free_bytes is None
    assert hw.compute is None
    assert hw.planned
    commands = [line.text() for line in finish.start.commands]
    server = shlex.split(commands[1])
    assert server[server.index("--host") + 1] == "gpu-box"
    assert "--rpc" not in server
    assert commands[2].startswith("model-wizard endpoints add server http://gpu-box:8080 ")
    assert not finish.start.warning.isVisible()  # no RPC backend, no warning about it


def test_back_to_this_machine_reads_the_probe_again(qtbot, hw_page) -> None:  # type: ignore[no-untyped-def]
    wizard, page = hw_page
    page.planning.click()
    page.this_machine.click()
    assert (page.ram.value(), page.vram.value(), page.cores.value()) == (16, 8, 8)
    assert not page.address.isVisible()
    click_next(wizard)
    assert wizard.state.target is None
    assert not wizard.state.hardware.planned
