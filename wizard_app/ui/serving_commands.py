"""The commands that start the chosen model on another machine or a cluster (llama.cpp's
``rpc-server`` and ``llama-server``), each with a copy button, the cluster plan they
follow and the warning that the RPC backend belongs on a trusted network only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wizard_app.ui import format as fmt

if TYPE_CHECKING:
    from wizard_app.core.catalog import Catalog
    from wizard_app.core.cluster.commands import Step
    from wizard_app.core.cluster.plan import ClusterPlan
    from wizard_app.core.cluster.target import Target
    from wizard_app.ui.wizard.state import Choice


class StartCommands(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("The plan the commands follow"))
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName(self.tr("Warning about llama.cpp's RPC backend"))
        self.copy_all = QPushButton(self.tr("Copy &all commands"))
        self.copy_all.setAccessibleName(self.tr("Copy all the commands to the clipboard"))
        self._grid = QGridLayout()
        self._grid.setColumnStretch(0, 1)  # the command takes the width, the button its own
        self.commands: list[QLabel] = []
        self.copy_buttons: list[QPushButton] = []
        self._steps: list[Step] = []
        row = QHBoxLayout()
        row.addWidget(self.copy_all)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addSpacing(8)
        layout.addLayout(self._grid)
        layout.addLayout(row)
        layout.addWidget(self.warning)
        layout.addStretch(1)
        self.copy_all.clicked.connect(self._on_copy_all_clicked)

    def show_choice(self, catalog: Catalog, choice: Choice, target: Target) -> None:
        """Plan the chosen model and quant for the target and show how to start it."""
        from wizard_app.core.cluster.target import start_steps
        from wizard_app.core.errors import WizardError
        from wizard_app.core.fit import shape_from_variant
        from wizard_app.core.runtime.offload import llama_cpp_gpu_layers
        from wizard_app.core.serve.server import new_api_key
        from wizard_app.ui.errors import exception_text

        self.api_key = getattr(self, "api_key", "") or new_api_key()  # one key per visit
        fit = choice.fit
        try:
            plan, steps = start_steps(
                target,
                label=f"{choice.name} {choice.quant}",
                shape=shape_from_variant(catalog.get(choice.id).variant, choice.quant),
                repo=choice.repo,
                files=choice.files,
                context=fit.context,
                # the blocks and the output head, as llama.cpp counts them (runtime/offload)
                gpu_layers=llama_cpp_gpu_layers(fit.gpu_layers),
                api_key=self.api_key,
                tensor_split=tuple(fit.tensor_split),
            )
        except WizardError as exc:
            self.show_steps([], None, exception_text(exc))
            return
        if plan is not None:
            summary = self.plan_text(plan)
        else:
            summary = (
                self.tr(
                    "Start it on the other machine with %1 of context and %2 of %3 layers on "
                    "its GPU, as estimated for the figures you gave."
                )
                .replace("%1", fmt.tokens(fit.context))
                .replace("%2", str(fit.gpu_layers))
                .replace("%3", str(fit.layers))
            )
        self.show_steps(steps, plan, summary)

    def what(self, step: Step, cluster: bool) -> str:
        if step.kind == "download":
            if cluster:
                return self.tr("Get the model file (only the main host needs it)")
            return self.tr("Get the model file")
        if step.kind == "rpc":
            return self.tr(
                "Start rpc-server (llama.cpp built with -DGGML_RPC=ON), listening on this "
                "host's own address only"
            )
        if step.kind == "server":
            if cluster:
                return self.tr("Start llama-server with the other hosts' devices")
            return self.tr("Start llama-server")
        return self.tr("Use it from this app (Try it, Compare) and the command line")

    def show_steps(self, steps: list[Step], plan: ClusterPlan | None, summary: str) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.commands, self.copy_buttons, self._steps = [], [], list(steps)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        cluster = plan is not None
        for i, step in enumerate(steps):
            where = self.tr("this computer") if step.host == "this computer" else step.host
            label = QLabel(
                self.tr("%1. On %2: %3")
                .replace("%1", str(i + 1))
                .replace("%2", where)
                .replace("%3", self.what(step, cluster))
            )
            label.setWordWrap(True)
            line = QLabel(step.command)  # wrapped, so a long command shows whole
            line.setTextFormat(Qt.TextFormat.PlainText)
            line.setWordWrap(True)
            line.setFont(mono)
            line.setFrameShape(QFrame.Shape.StyledPanel)
            line.setMargin(4)
            line.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            line.setAccessibleName(self.tr("Command %1").replace("%1", str(i + 1)))
            copy = QPushButton(self.tr("Copy"))
            copy.setAccessibleName(self.tr("Copy command %1").replace("%1", str(i + 1)))
            copy.clicked.connect(lambda _=False, text=step.command: self._copy(text))
            self._grid.addWidget(label, 2 * i, 0, 1, 2)
            self._grid.addWidget(line, 2 * i + 1, 0)
            self._grid.addWidget(copy, 2 * i + 1, 1)
            self.commands.append(line)
            self.copy_buttons.append(copy)
        self.summary.setText(summary)
        self.warning.setVisible(cluster)
        self.warning.setText(
            self.tr(
                "Warning: llama.cpp's RPC backend is a proof of concept and insecure. "
                "rpc-server accepts any connection and runs what it is sent, with no "
                "authentication: run it only on a trusted network, never on an address "
                "reachable from the internet. The API key protects llama-server only."
            )
        )

    def all_text(self) -> str:
        """Every command, each after a comment saying where to type it."""
        cluster = any(s.kind == "rpc" for s in self._steps)
        lines = []
        for i, step in enumerate(self._steps, 1):
            lines.append(f"# {i}. {step.host}: {self.what(step, cluster)}")
            lines.append(step.command)
        return "\n".join(lines) + "\n"

    def _copy(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)

    def _on_copy_all_clicked(self) -> None:
        self._copy(self.all_text())

    def plan_text(self, plan: ClusterPlan) -> str:
        """The split, memory and speed of a cluster plan, with its assumption."""
        lines = [
            self.tr("%1 at %2 of context over %3 hosts: %4 needed on the devices, %5 usable.")
            .replace("%1", plan.model)
            .replace("%2", fmt.tokens(plan.context))
            .replace("%3", str(len(plan.hosts)))
            .replace("%4", fmt.gib(plan.needed_bytes))
            .replace("%5", fmt.gib(plan.usable_bytes))
        ]
        for d in plan.devices:
            first, last = d.layers
            span = f"{first}–{last - 1}" if last > first else "–"
            text = self.tr("%1 on %2: layers %3%4, %5 of %6 free%7")
            for key, value in (
                ("%1", d.name),
                ("%2", plan.hosts[d.host].address),
                ("%3", span),
                ("%4", self.tr(" and the output") if d.output_head else ""),
                ("%5", fmt.gib(d.used_bytes)),
                ("%6", fmt.gib(d.free_bytes)),
                ("%7", "" if d.fits else self.tr(" (does not fit)")),
            ):
                text = text.replace(key, value)
            lines.append(text)
        lines.extend(self._notes(plan))
        return "<br>".join(lines)

    def _notes(self, plan: ClusterPlan) -> list[str]:
        notes = []
        if not plan.fits:
            notes.append(
                self.tr("<b>Does not fit</b>: choose a smaller context or quant, or add a host.")
            )
        if plan.tokens_per_s:
            notes.append(
                self.tr("About %1 tokens/s; the slowest part is %2; the network adds %3 ms.")
                .replace("%1", fmt.number(plan.tokens_per_s))
                .replace("%2", plan.bottleneck)
                .replace("%3", fmt.number(plan.network_seconds_per_token * 1000))
            )
        else:
            notes.append(self.tr("Speed unknown: give each host's GPU model or bandwidth."))
        ram = plan.hosts[0].ram_bytes
        if ram is not None and plan.main_ram_bytes > ram:
            notes.append(
                self.tr(
                    "The main host needs %1 of RAM (the token embeddings and the process)."
                ).replace("%1", fmt.gib(plan.main_ram_bytes))
            )
        link, rtt = plan.link_gbps, plan.rtt_ms
        notes.append(
            self.tr(
                "Assumed: one request at a time; each device reads its layers' weights at its "
                "memory bandwidth and the devices run in turn; each remote host adds a %1 ms "
                "round trip and the hidden state there and back over a %2 Gbit/s link."
            )
            .replace("%1", fmt.number(rtt, 1 if rtt >= 0.1 else 2))
            .replace("%2", fmt.number(link, 0 if link >= 10 else 1))
        )
        return notes
