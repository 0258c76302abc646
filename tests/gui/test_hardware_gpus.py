"""The hardware page takes several GPUs, the card's model and a laptop."""

from __future__ import annotations

import pytest

from tests.gui.wizard_driver import click_next
from wizard_app.core.hardware.profile import GiB
from wizard_app.ui.wizard.wizard import ModelWizard


@pytest.fixture
def hw_page(qtbot, ready, fixed_hardware):  # type: ignore[no-untyped-def]
    wizard = ModelWizard(ready)
    qtbot.addWidget(wizard)
    wizard.show()
    click_next(wizard)
    wizard.currentPage().select_use_case("chat")
    click_next(wizard)
    page = wizard.currentPage()
    qtbot.waitUntil(page.isComplete)
    return wizard, page


def test_two_named_cards_on_a_planned_laptop(qtbot, hw_page) -> None:  # type: ignore[no-untyped-def]
    wizard, page = hw_page
    page.planning.setChecked(True)
    page.ram.setValue(64)
    page.gpu.setCurrentIndex(page.gpu.findData("nvidia"))
    page.vram.setValue(24)
    page.gpu_count.setValue(2)
    page.gpu_name.setText("RTX 4090")
    page.laptop.setChecked(True)
    click_next(wizard)
    machine = wizard.state.hardware
    assert [g.usable_bytes for g in machine.offload_gpus] == [24 * GiB, 24 * GiB]
    assert {g.name for g in machine.gpus} == {"RTX 4090"}
    assert machine.gpu_bytes == 48 * GiB
    assert machine.laptop is True
    assert {"gpu", "laptop"} <= set(machine.overridden)


def test_apple_has_one_gpu(qtbot, hw_page) -> None:  # type: ignore[no-untyped-def]
    _, page = hw_page
    page.gpu.setCurrentIndex(page.gpu.findData("apple"))
    assert not page.gpu_count.isEnabled()
    page.gpu.setCurrentIndex(page.gpu.findData("none"))
    assert not page.gpu_name.isEnabled()
