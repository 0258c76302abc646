"""Settings: models folder, Hub endpoint or mirror, token, threads, default context, and
the servers (OpenAI-compatible endpoints) Try it and Compare can use."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from wizard_app.core.settings import CONTEXT_CHOICES, AppSettings
from wizard_app.ui import format as fmt
from wizard_app.ui.errors import exception_text
from wizard_app.ui.services import Services
from wizard_app.ui.views.catalog_update import CatalogUpdateBox
from wizard_app.ui.widgets.endpoints_editor import EndpointsEditor


class SettingsDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        s = services.settings
        self.setWindowTitle(self.tr("Settings"))
        self._make_fields(s)
        form, note = self._form()
        self.catalog_box = CatalogUpdateBox(services, parent=self)
        self.endpoints = EndpointsEditor(services, parent=self)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.build = QLabel(self._build_text())
        self.build.setAccessibleName(self.tr("Version and llama.cpp backends"))
        self.build.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        # on a short screen the settings scroll: squeezed, the fields would cut their letters
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(form)
        inner.addWidget(note)
        inner.addWidget(self.catalog_box)
        inner.addWidget(self.endpoints)
        inner.addStretch(1)
        self.body_scroll = QScrollArea()
        self.body_scroll.setWidget(body)
        self.body_scroll.setWidgetResizable(True)
        self.body_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.body_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body_scroll.setMinimumHeight(min(body.sizeHint().height(), 360))
        layout = QVBoxLayout(self)
        layout.addWidget(self.body_scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.build)
        layout.addWidget(self.buttons)
        self.browse.clicked.connect(self._on_browse_clicked)
        self.setMinimumWidth(620)
        # as tall as its contents; a smaller screen clamps it and the body scrolls
        chrome = self.error.sizeHint().height() + self.build.sizeHint().height()
        self.resize(680, body.sizeHint().height() + chrome + self.buttons.sizeHint().height() + 40)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _make_fields(self, s: AppSettings) -> None:
        """The editors, filled from the saved settings ``s``."""
        self.models_dir = QLineEdit(s.models_dir)
        self.models_dir.setPlaceholderText(str(self.services.paths.models))
        self.browse = QPushButton(self.tr("&Browse…"))
        self.endpoint = QLineEdit(s.hub_endpoint)
        self.endpoint.setPlaceholderText("https://huggingface.co")
        self.token = QLineEdit(s.hub_token)
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(self.tr("empty: HF_TOKEN or huggingface-cli login"))
        self.threads = QSpinBox()
        self.threads.setRange(0, 1024)
        self.threads.setSpecialValueText(self.tr("Automatic (physical cores)"))
        self.threads.setValue(s.threads)
        self.context = QComboBox()
        self.context.addItem(self.tr("What the use case needs"), 0)
        for n in CONTEXT_CHOICES:
            self.context.addItem(fmt.tokens(n), n)
        self.context.setCurrentIndex(max(0, self.context.findData(s.default_context)))
        self.language = QComboBox()
        self.language.addItem(self.tr("The system's language"), "")
        self.language.addItem("English", "en")
        self.language.addItem("Nederlands", "nl")
        self.language.setCurrentIndex(max(0, self.language.findData(s.language)))

    def _form(self) -> tuple[QFormLayout, QLabel]:
        """The labelled form of the fields, and the note under it."""
        names = {
            self.models_dir: self.tr("Models folder"),
            self.browse: self.tr("Choose the models folder"),
            self.endpoint: self.tr("Hugging Face Hub endpoint or mirror"),
            self.token: self.tr("Hugging Face access token"),
            self.threads: self.tr("Threads for the model"),
            self.context: self.tr("Default context length"),
            self.language: self.tr("Language of the app"),
        }
        for widget, name in names.items():
            widget.setAccessibleName(name)
        folder = QHBoxLayout()
        folder.addWidget(self.models_dir, 1)
        folder.addWidget(self.browse)
        form = QFormLayout()
        for text, field in (
            (self.tr("&Models folder:"), folder),
            (self.tr("Hub &endpoint or mirror:"), self.endpoint),
            (self.tr("Access &token:"), self.token),
            (self.tr("T&hreads:"), self.threads),
            (self.tr("Default &context:"), self.context),
            (self.tr("&Language:"), self.language),
        ):
            label = QLabel(text)
            label.setBuddy(self.models_dir if field is folder else field)  # type: ignore[arg-type]
            form.addRow(label, field)
        note = QLabel(
            self.tr(
                "The token is needed for gated models (accept the licence on the model's "
                "page first). It is kept in the settings file, readable only by you, and "
                "sent only to the endpoint above. A new language applies after a restart."
            )
        )
        note.setWordWrap(True)
        return form, note

    def values(self) -> AppSettings:
        return replace(
            self.services.settings,
            models_dir=self.models_dir.text().strip(),
            hub_endpoint=self.endpoint.text().strip(),
            hub_token=self.token.text().strip(),
            threads=self.threads.value(),
            default_context=int(self.context.currentData()),
            language=str(self.language.currentData()),
            catalog_url=self.catalog_box.url.text().strip(),
        )

    def accept(self) -> None:
        from wizard_app.core.catalog.update import check_url
        from wizard_app.core.download.hub import resolve_endpoint
        from wizard_app.core.errors import WizardError

        values = self.values()
        try:
            if values.hub_endpoint:
                resolve_endpoint(values.hub_endpoint)
            if values.catalog_url:
                check_url(values.catalog_url)
            self.services.save_settings(values)
        except (WizardError, OSError) as exc:
            self.error.setText(exception_text(exc))
            self.error.setVisible(True)
            return
        super().accept()

    def _build_text(self) -> str:
        """Which llama.cpp this app runs models with (a CUDA, Metal or Vulkan build?)."""
        from wizard_app import __version__
        from wizard_app.core.runtime.build_info import compiled_backends

        backends = " + ".join(compiled_backends()) or self.tr("none (llama.cpp is missing)")
        return self.tr("Open Model Wizard {version} · llama.cpp backends: {backends}").format(
            version=__version__, backends=backends
        )

    def _on_browse_clicked(self) -> None:
        dialog = QFileDialog(
            self,
            self.tr("Models folder"),
            self.models_dir.text() or str(self.services.paths.models),
        )
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
        dialog.fileSelected.connect(self.models_dir.setText)
        dialog.open()
