"""Moving through the wizard the way a person does: widgets' own methods, then Next."""

from __future__ import annotations

from PySide6.QtWidgets import QWizard

from wizard_app.ui.wizard.page_ids import PageId
from wizard_app.ui.wizard.wizard import ModelWizard

NEXT = QWizard.WizardButton.NextButton
BACK = QWizard.WizardButton.BackButton


def click_next(wizard: ModelWizard) -> None:
    button = wizard.button(NEXT)
    assert button.isEnabled(), f"Next is disabled on page {PageId(wizard.currentId()).name}"
    button.click()


def to_recommendations(
    qtbot,  # type: ignore[no-untyped-def]
    wizard: ModelWizard,
    *,
    use_case: str = "chat",
    language: str | None = None,
    licence: str = "any",
    fully_open: bool = False,
    budget_usd: int = 0,
    priority: int = 1,
    context: int = 0,
) -> None:
    assert wizard.currentId() == PageId.WELCOME
    click_next(wizard)
    page = wizard.currentPage()
    page.select_use_case(use_case)  # type: ignore[attr-defined]
    page.select_language(language)  # type: ignore[attr-defined]
    page.licence.setCurrentIndex(page.licence.findData(licence))  # type: ignore[attr-defined]
    page.fully_open.setChecked(fully_open)  # type: ignore[attr-defined]
    click_next(wizard)
    hw_page = wizard.currentPage()
    qtbot.waitUntil(hw_page.isComplete, timeout=10_000)
    click_next(wizard)
    budget = wizard.currentPage()
    budget.money.setValue(budget_usd)  # type: ignore[attr-defined]
    budget.priority.setValue(priority)  # type: ignore[attr-defined]
    budget.select_context(context)  # type: ignore[attr-defined]
    click_next(wizard)
    assert wizard.currentId() == PageId.RECOMMENDATIONS
    rec = wizard.currentPage()
    qtbot.waitUntil(lambda: not rec.busy, timeout=20_000)  # type: ignore[attr-defined]
