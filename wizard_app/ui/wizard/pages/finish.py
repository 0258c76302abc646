"""Page 8: what was chosen, where the file is, and how to use it elsewhere."""

from __future__ import annotations

import html

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWizardPage,
)

from wizard_app.ui import format as fmt
from wizard_app.ui.services import Services
from wizard_app.ui.serving_commands import StartCommands
from wizard_app.ui.wizard.state import WizardState


class FinishPage(QWizardPage):
    compare_requested = Signal(str, object)  # use case, the model's path (or None)

    def __init__(self, services: Services, state: WizardState) -> None:
        super().__init__()
        self.services, self.state = services, state
        self.setTitle(self.tr("Done"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.open_folder = QPushButton(self.tr("Show the &folder"))
        self.open_folder.setAccessibleName(self.tr("Show the folder with the model file"))
        self.compare = QPushButton(self.tr("Compare with &other models…"))
        self.compare.setAccessibleName(self.tr("Compare this model with others on your prompts"))
        self.serve = QPushButton(self.tr("&Serve it to other programs…"))
        self.serve.setAccessibleName(
            self.tr("Serve the model on this computer with an OpenAI-compatible API")
        )
        self.howto = QTextBrowser()
        self.howto.setOpenExternalLinks(True)
        self.howto.setAccessibleName(self.tr("How to use the model in other programs"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        row = QHBoxLayout()
        row.addWidget(self.open_folder)
        row.addWidget(self.compare)
        row.addWidget(self.serve)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.howto, 1)
        self.start = StartCommands()  # another machine or a cluster: how to start it there
        layout.addWidget(self.start, 1)
        self.open_folder.clicked.connect(self._on_open_folder_clicked)
        self.compare.clicked.connect(self._on_compare_clicked)
        self.serve.clicked.connect(self._on_serve_clicked)
        self.setFinalPage(True)

    def initializePage(self) -> None:
        c, path = self.state.choice, self.state.model_path
        lines = []
        if c is not None:
            lines.append(
                self.tr("You chose <b>%1</b> (%2, %3).")
                .replace("%1", html.escape(c.name))
                .replace("%2", c.quant)
                .replace("%3", fmt.gb(c.size_bytes))
            )
        if path is not None:
            lines.append(
                self.tr("The file is at <code>%1</code>.").replace("%1", html.escape(str(path)))
            )
        elif c is not None and self.state.target is None:
            lines.append(
                self.tr(
                    "It is not downloaded yet: resume the download in My models when the "
                    "connection is back, or run the wizard again."
                )
            )
        figures = self.state.trial.get("figures") if self.state.trial else None
        if figures:
            lines.append(
                self.tr("On this machine it answered at %1, with the first token after %2.")
                .replace("%1", figures.get("gen", "–"))
                .replace("%2", figures.get("ttft", "–"))
            )
        self.summary.setText("<br>".join(lines))
        self.open_folder.setEnabled(path is not None)
        self.serve.setEnabled(path is not None)
        self.howto.setHtml(self.howto_html(str(path) if path else "model.gguf"))
        target, catalog = self.state.target, self.services.catalog
        remote = target is not None and c is not None and catalog is not None
        for widget in (self.open_folder, self.compare, self.serve, self.howto):
            widget.setVisible(not remote)
        self.start.setVisible(remote)
        if remote and target is not None and c is not None and catalog is not None:
            self.start.show_choice(catalog, c, target)

    def howto_html(self, path: str) -> str:
        p = html.escape(path)
        sections = [
            (
                self.tr("llama.cpp"),
                self.tr("Chat in a terminal, or serve an OpenAI-compatible API:"),
                f'llama-cli -m "{p}" -cnv\nllama-server -m "{p}" --port 8080',
            ),
            (
                self.tr("LM Studio"),
                self.tr("Import the file (it is linked or copied into LM Studio's models folder):"),
                f'lms import "{p}"',
            ),
            (
                self.tr("Ollama"),
                self.tr("Create a model from a Modelfile that points to the file:"),
                f"echo 'FROM {p}' > Modelfile\nollama create my-model -f Modelfile\n"
                "ollama run my-model",
            ),
            (
                self.tr("GPT4All"),
                self.tr(
                    "Copy the file into GPT4All's models folder (Settings → Application → "
                    "Download path), then choose it in the model list."
                ),
                "",
            ),
        ]
        parts = []
        for title, text, code in sections:
            parts.append(f"<h4>{html.escape(title)}</h4><p>{html.escape(text)}</p>")
            if code:
                parts.append(f"<pre>{code}</pre>")
        return "".join(parts)

    def _on_compare_clicked(self) -> None:
        self.compare_requested.emit(str(self.field("use_case") or ""), self.state.model_path)

    def _on_open_folder_clicked(self) -> None:
        if self.state.model_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.state.model_path.parent)))

    def _on_serve_clicked(self) -> None:
        if self.state.model_path is None:
            return
        from wizard_app.ui.views.serve_dialog import ServeDialog

        self.serve_dialog = ServeDialog(self.services, self.state.model_path, parent=self)
        self.serve_dialog.open()
