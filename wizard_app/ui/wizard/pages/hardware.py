"""Page 3: the machine. Probes run in the pool; every figure can be changed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import SIGNAL
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from wizard_app.core.cancel import CancelToken
from wizard_app.ui.errors import exception_text
from wizard_app.ui.services import Services
from wizard_app.ui.tasks import Task
from wizard_app.ui.wizard.pages.hardware_form import MachineForm
from wizard_app.ui.wizard.pages.hardware_hosts import HostTable
from wizard_app.ui.wizard.state import WizardState

if TYPE_CHECKING:
    from wizard_app.core.cluster.target import Target
    from wizard_app.core.hardware.profile import ComputeProfile, HardwareOverrides, HardwareProfile

GiB = 1024**3
MODE_THIS, MODE_OTHER, MODE_CLUSTER = range(3)


def probe_job(models_dir: Path, cache: Path | None = None):  # type: ignore[no-untyped-def]
    def job(_token: CancelToken) -> Iterator[object]:
        from wizard_app.core.hardware.probe import detect
        from wizard_app.core.runtime.machine_profile import attach

        hw = detect(models_dir)
        yield attach(hw, cache) if cache is not None else hw

    return job


def measure_job(hw: HardwareProfile, cache: Path, safety: Path):  # type: ignore[no-untyped-def]
    """Time llama.cpp on this CPU in a model process of its own (machine_profile)."""

    def job(token: CancelToken) -> Iterator[object]:
        from wizard_app.core.runtime.client import RuntimeClient
        from wizard_app.core.runtime.cpu_policy import SafetyMemory
        from wizard_app.core.runtime.machine_profile import measure

        with RuntimeClient(safety=SafetyMemory(safety)) as client:
            try:
                yield measure(client, cache, hw, token=token)
            except InterruptedError:
                if not token.is_set():
                    raise  # stopped by the user: the task ends as cancelled

    return job


class HardwarePage(QWizardPage):
    """Three ways to plan: this machine (probed, every figure changeable), another machine
    (only the figures typed, as the CLI's --ram-gb/--gpus flags plan), or several machines
    joined by llama.cpp's RPC backend (a table of hosts, planned by ``plan_cluster``)."""

    def __init__(self, services: Services, state: WizardState) -> None:
        super().__init__()
        self.services, self.state = services, state
        self.setTitle(self.tr("Your hardware"))
        self.setSubTitle(
            self.tr(
                "Read from this machine: change any figure. Or plan for another machine, or "
                "for several joined with llama.cpp's RPC backend."
            )
        )
        self._task: Task | None = None
        self._measure_task: Task | None = None
        f = self.machine = MachineForm()
        # the figures' widgets, by the names the tests and the fields use
        self.ram, self.gpu, self.vram, self.gpu_count = f.ram, f.gpu, f.vram, f.gpu_count
        self.gpu_name, self.laptop, self.cores, self.disk = f.gpu_name, f.laptop, f.cores, f.disk
        self.bandwidth, self.address = f.bandwidth, f.address
        self._build_labels()
        self._build_mode()
        self.hosts = HostTable()
        self._build_layout()
        self._register()

    def _build_labels(self) -> None:
        self.status = QLabel(self.tr("Reading this machine's hardware…"))
        self.detected = QLabel()
        self.error = QLabel()
        self.measured = QLabel()
        for label in (self.status, self.detected, self.error, self.measured):
            label.setWordWrap(True)
        self.error.setVisible(False)
        self.other_help = QLabel(
            self.tr(
                "Give the other machine's figures, at least its RAM. Nothing of this machine "
                "is used; what you leave unknown is assumed, and the recommendation says so."
            )
        )
        self.other_help.setWordWrap(True)
        self.reprobe = QPushButton(self.tr("&Read again"))
        self.remeasure = QPushButton(self.tr("&Measure speed again"))
        self.remeasure.setEnabled(False)
        names = {
            self.reprobe: self.tr("Read the hardware again"),
            self.measured: self.tr("llama.cpp's measured speed on this processor"),
            self.remeasure: self.tr("Time llama.cpp on this processor again"),
        }
        for widget, name in names.items():
            widget.setAccessibleName(name)

    def _build_mode(self) -> None:
        self.this_machine = QRadioButton(self.tr("&This machine"))
        self.planning = QRadioButton(self.tr("Anot&her machine"))
        self.cluster = QRadioButton(self.tr("&Several machines (llama.cpp RPC)"))
        self.this_machine.setAccessibleName(self.tr("Plan for this machine"))
        self.planning.setAccessibleName(self.tr("Planning for another machine"))
        self.cluster.setAccessibleName(
            self.tr("Plan for several machines joined by llama.cpp's RPC backend")
        )
        self.mode = QButtonGroup(self)
        for i, button in enumerate((self.this_machine, self.planning, self.cluster)):
            self.mode.addButton(button, i)
        self.this_machine.setChecked(True)

    def _build_layout(self) -> None:
        modes = QHBoxLayout()
        modes.addWidget(QLabel(self.tr("Plan for:")))
        for button in (self.this_machine, self.planning, self.cluster):
            modes.addWidget(button)
        modes.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.reprobe)
        speed = QHBoxLayout()
        speed.addWidget(self.measured, 1)
        speed.addWidget(self.remeasure)
        single = QWidget()
        inner = QVBoxLayout(single)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(top)
        inner.addWidget(self.other_help)
        inner.addWidget(self.detected)
        inner.addLayout(speed)
        inner.addWidget(self.machine)
        inner.addStretch(1)
        self.pages = QStackedWidget()
        self.pages.addWidget(single)
        self.pages.addWidget(self.hosts)
        layout = QVBoxLayout(self)
        layout.addLayout(modes)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.error)

    def _register(self) -> None:
        self.registerField("planning", self.planning)
        self.registerField("ram_gb", self.ram, "value", SIGNAL("valueChanged(double)"))
        self.registerField("gpu", self.gpu, "currentData", SIGNAL("currentIndexChanged(int)"))
        self.registerField("vram_gb", self.vram, "value", SIGNAL("valueChanged(double)"))
        self.registerField("cores", self.cores)
        self.registerField("disk_gb", self.disk, "value", SIGNAL("valueChanged(double)"))
        self.registerField("ram_bandwidth", self.bandwidth, "value", SIGNAL("valueChanged(double)"))
        self.mode.idToggled.connect(self._on_mode_toggled)
        self.ram.valueChanged.connect(self.completeChanged)
        self.hosts.changed.connect(self.completeChanged)
        self.reprobe.clicked.connect(self.start_probe)
        self.remeasure.clicked.connect(self._on_remeasure_clicked)
        self._show_mode()

    # ---- the three ways to plan ------------------------------------------------------------
    def _on_mode_toggled(self, mode: int, checked: bool) -> None:
        if not checked:
            return
        if mode == MODE_OTHER:
            self.machine.clear()  # nothing of this machine goes into the other one's figures
        elif mode == MODE_THIS and self.state.probed is not None:
            self.machine.fill(self.state.probed)
        self._show_mode()
        self.completeChanged.emit()

    def _show_mode(self) -> None:
        mode = self.mode.checkedId()
        self.pages.setCurrentIndex(1 if mode == MODE_CLUSTER else 0)
        here = mode == MODE_THIS
        for widget in (self.status, self.reprobe, self.detected, self.measured, self.remeasure):
            widget.setVisible(here)
        self.machine.show_address(mode == MODE_OTHER)
        self.other_help.setVisible(mode == MODE_OTHER)

    # ---- probing -------------------------------------------------------------------------
    def initializePage(self) -> None:
        if self.state.probed is None and self._task is None:
            self.start_probe()

    def cleanupPage(self) -> None:
        """Keep the figures on Back: QWizard would reset them to zero, and as the probe
        runs once, Next would stay disabled on the way forward again."""

    @property
    def probing(self) -> bool:
        return self._task is not None

    def start_probe(self) -> None:
        self._task = Task(
            probe_job(self.services.models_dir, self.services.paths.cache), "hardware probe"
        )
        self._task.signals.progress.connect(self._on_probe_result)
        self._task.signals.failed.connect(self._on_probe_failed)
        self.status.setText(self.tr("Reading this machine's hardware…"))
        self.reprobe.setEnabled(False)
        self.services.runner.start(self._task)
        self.completeChanged.emit()

    def _on_probe_result(self, profile: HardwareProfile) -> None:
        self._task = None
        self.state.probed = profile
        self.reprobe.setEnabled(True)
        self.status.setText(self.tr("Read from this machine:"))
        self.detected.setText(self._describe(profile))
        if self.mode.checkedId() == MODE_THIS:
            self.machine.fill(profile)
        self.completeChanged.emit()
        if profile.compute is None and self.services.measure_speed and not profile.planned:
            self.start_measure()  # once per machine: the speed predictions need it
        else:
            self._show_measured(profile)

    # ---- timing llama.cpp on this CPU ----------------------------------------------------
    @property
    def measuring(self) -> bool:
        return self._measure_task is not None

    def start_measure(self) -> None:
        probed = self.state.probed
        if probed is None or self._measure_task is not None:
            return
        paths = self.services.paths
        task = self._measure_task = Task(
            measure_job(probed, paths.cache, paths.runtime_safety), "machine profile"
        )
        task.signals.progress.connect(self._on_measured)
        task.signals.failed.connect(self._on_measure_failed)
        task.signals.cancelled.connect(self._on_measure_cancelled)
        self.measured.setText(
            self.tr("Timing llama.cpp on this processor for the speed predictions (about 20 s)…")
        )
        self.remeasure.setText(self.tr("S&top timing"))  # the one button starts and stops it
        self.remeasure.setEnabled(True)
        self.services.runner.start(task)

    def _on_remeasure_clicked(self) -> None:
        if self._measure_task is not None:
            self._measure_task.cancel()
            self.remeasure.setEnabled(False)  # until the model process has stopped
        else:
            self.start_measure()

    def _measure_ended(self) -> None:
        self._measure_task = None
        self.remeasure.setText(self.tr("&Measure speed again"))
        self.remeasure.setEnabled(True)

    def _on_measure_cancelled(self) -> None:
        self._measure_ended()
        self.measured.setText(self.tr("Timing stopped. Predictions use typical figures."))

    def _on_measured(self, prof: ComputeProfile) -> None:
        self._measure_ended()
        if self.state.probed is not None:
            self.state.probed = self.state.probed.model_copy(update={"compute": prof})
            self._show_measured(self.state.probed)

    def _on_measure_failed(self, message: str) -> None:
        self._measure_ended()
        self.measured.setText(
            self.tr("The speed could not be measured: %1 Predictions use typical figures.").replace(
                "%1", message
            )
        )

    def _show_measured(self, p: HardwareProfile) -> None:
        c = p.compute
        self.remeasure.setEnabled(True)
        if c is None:
            return
        text = self.tr(
            "Measured with llama.cpp on %1 threads: %2 GB/s reading weights, %3 µs per layer, "
            "%4 GFLOP/s on prompts (%5)."
        )
        for key, value in (
            ("%1", str(c.threads)),
            ("%2", f"{c.bandwidth_gbs:g}"),
            ("%3", f"{c.seconds_per_layer * 1e6:.0f}"),
            ("%4", f"{c.matmul_gflops:g}"),
            ("%5", c.measured_at[:10]),
        ):
            text = text.replace(key, value)
        self.measured.setText(text)

    def _on_probe_failed(self, message: str) -> None:
        self._task = None
        self.reprobe.setEnabled(True)
        self.status.setText(
            self.tr("The hardware could not be read: %1 Enter the figures yourself.").replace(
                "%1", message
            )
        )
        self.planning.setChecked(True)
        self.completeChanged.emit()

    def _describe(self, p: HardwareProfile) -> str:
        cpu = p.cpu.model or self.tr("unknown processor")
        gpu = p.best_gpu
        gpu_text = gpu.name if gpu else self.tr("no GPU found")
        system = " ".join(x for x in (p.os, p.os_version) if x) or self.tr("unknown system")
        text = self.tr("%1; %2; %3").replace("%1", cpu).replace("%2", gpu_text)
        return text.replace("%3", system)

    # ---- leaving ---------------------------------------------------------------------------
    def isComplete(self) -> bool:
        mode = self.mode.checkedId()
        if mode == MODE_CLUSTER:
            return self.hosts.filled()
        if mode == MODE_OTHER:
            return self.ram.value() > 0
        return self.state.probed is not None and self._task is None and self.ram.value() > 0

    def overrides(self) -> HardwareOverrides:
        """The figures the user gave instead of the probed ones (all when planning)."""
        return self.machine.overrides(self.mode.checkedId() != MODE_THIS)

    def validatePage(self) -> bool:
        """The machine the recommendation is for (and where it will run, if elsewhere)."""
        from wizard_app.core.errors import WizardError

        try:
            hardware, target = self._planned()
        except WizardError as exc:
            self.error.setText(exception_text(exc))
            self.error.setVisible(True)
            return False
        self.error.setVisible(False)
        self.state.target = target
        if hardware != self.state.hardware:
            self.state.hardware = hardware
            self.state.reset_after_hardware()
        return True

    def _planned(self) -> tuple[HardwareProfile, Target | None]:
        from wizard_app.core.cluster.recommend import cluster_hardware
        from wizard_app.core.cluster.target import machine_target
        from wizard_app.core.hardware.profile import HardwareProfile

        mode = self.mode.checkedId()
        if mode == MODE_CLUSTER:
            target = self.hosts.target()
            return cluster_hardware(list(target.hosts)), target
        if mode == MODE_OTHER:  # only what was typed, as the CLI plans another machine
            return self.overrides().planned(), machine_target(self.address.text())
        return self.overrides().apply(self.state.probed or HardwareProfile()), None
