"""Page 1: what the app does, and the way to the library and the history."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from wizard_app.ui.icons import app_icon


class WelcomePage(QWizardPage):
    library_requested = Signal()
    history_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Find an open model that runs on your machine"))
        intro = QLabel(
            self.tr(
                "This wizard asks what you want to do with a language model, reads your "
                "hardware and budget, and recommends open-weight models that fit, with the "
                "reasons. It then downloads the one you choose and lets you try it here."
            )
        )
        privacy = QLabel(
            self.tr(
                "<b>Nothing leaves this machine</b> except the model downloads themselves: "
                "your answers, your hardware and your prompts stay here."
            )
        )
        for label in (intro, privacy):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
        self.library_button = QPushButton(self.tr("&My models"))
        self.library_button.setAccessibleName(self.tr("Open my models"))
        self.library_button.setToolTip(self.tr("Models already on this machine"))
        self.history_button = QPushButton(self.tr("&History"))
        self.history_button.setAccessibleName(self.tr("Open the history"))
        self.history_button.setToolTip(self.tr("Earlier answers and what they produced"))
        self.library_button.clicked.connect(self.library_requested)
        self.history_button.clicked.connect(self.history_requested)
        shortcuts = QHBoxLayout()
        shortcuts.addWidget(self.library_button)
        shortcuts.addWidget(self.history_button)
        shortcuts.addStretch(1)
        start = QLabel(self.tr("Press <b>Next</b> to start."))
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(QSize(96, 96), self.devicePixelRatioF()))
        logo.setAccessibleName(self.tr("Open Model Wizard logo"))
        layout = QVBoxLayout(self)
        layout.addWidget(logo)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addWidget(privacy)
        layout.addSpacing(16)
        layout.addLayout(shortcuts)
        layout.addStretch(1)
        layout.addWidget(start)
