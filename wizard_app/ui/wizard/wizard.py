"""The wizard: its pages, in order, and the state they share. Nothing else."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget, QWizard

from wizard_app.ui.services import Services
from wizard_app.ui.wizard.page_ids import PageId
from wizard_app.ui.wizard.pages.budget import BudgetPage
from wizard_app.ui.wizard.pages.download import DownloadPage
from wizard_app.ui.wizard.pages.finish import FinishPage
from wizard_app.ui.wizard.pages.hardware import HardwarePage
from wizard_app.ui.wizard.pages.recommendations import RecommendationsPage
from wizard_app.ui.wizard.pages.try_it import TryItPage
from wizard_app.ui.wizard.pages.use_case import UseCasePage
from wizard_app.ui.wizard.pages.welcome import WelcomePage
from wizard_app.ui.wizard.state import WizardState


class ModelWizard(QWizard):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = WizardState()
        self.setWindowTitle(self.tr("Open Model Wizard"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setOption(QWizard.WizardOption.NoCancelButton)
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Back"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("F&inish"))
        self.setPage(PageId.WELCOME, WelcomePage())
        self.setPage(PageId.USE_CASE, UseCasePage())
        self.setPage(PageId.HARDWARE, HardwarePage(services, self.state))
        self.setPage(PageId.BUDGET, BudgetPage(services))
        self.setPage(PageId.RECOMMENDATIONS, RecommendationsPage(services, self.state))
        self.setPage(PageId.DOWNLOAD, DownloadPage(services, self.state))
        self.setPage(PageId.TRY_IT, TryItPage(services, self.state))
        self.setPage(PageId.FINISH, FinishPage(services, self.state))
        self.setStartId(PageId.WELCOME)
