"""Page 7: try the model on this machine, with presets for the use case."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWizardPage

from wizard_app.ui.services import Services
from wizard_app.ui.widgets.trial_panel import TrialPanel
from wizard_app.ui.wizard.state import WizardState


class TryItPage(QWizardPage):
    def __init__(self, services: Services, state: WizardState) -> None:
        super().__init__()
        self.services, self.state = services, state
        self.setTitle(self.tr("Try it"))
        self.panel = TrialPanel(services)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        self.panel.run_finished.connect(self._on_panel_run_finished)
        self.panel.runtime.changed.connect(self._on_runtime_changed)
        self._on_runtime_changed()

    def _on_runtime_changed(self) -> None:
        """Where the prompts go: this machine, or the server chosen as the runtime."""
        endpoint = self.panel.runtime.endpoint()
        if endpoint is None:
            self.setSubTitle(
                self.tr(
                    "The model runs here, in its own process. Your prompts stay on this machine."
                )
            )
        else:
            self.setSubTitle(
                self.tr("The model runs on the server %1: your prompts are sent to it.").replace(
                    "%1", endpoint.name
                )
            )

    def initializePage(self) -> None:
        path, choice = self.state.model_path, self.state.choice
        assert path is not None
        model_id = None
        if self.services.database is not None:
            from wizard_app.core.library.installed import Library

            entry = Library(self.services.database, self.services.models_dir).find_path(path)
            model_id = entry.id if entry is not None else None
        self.panel.set_model(
            path,
            self.state.probed or self.state.hardware,
            str(self.field("use_case") or "chat"),
            self.field("language") or None,
            model_id=model_id,
            name=choice.name if choice is not None else None,
        )

    def _on_panel_run_finished(self, result: object) -> None:
        self.state.trial = {"result": result, "figures": self.panel.metrics.figures()}

    def validatePage(self) -> bool:
        self.panel.cancel()  # leaving stops a running answer; it does not wait for it
        return True
