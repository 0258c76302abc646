"""Page 3: the machine. Probes run in the pool; every figure can be changed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import SIGNAL
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWizardPage,
)

from wizard_app.core.cancel import CancelToken
from wizard_app.ui import labels
from wizard_app.ui.errors import exception_text
from wizard_app.ui.services import Services
from wizard_app.ui.tasks import Task
from wizard_app.ui.wizard.state import WizardState

if TYPE_CHECKING:
    from wizard_app.core.hardware.profile import ComputeProfile, HardwareOverrides, HardwareProfile

GiB = 1024**3


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
            yield measure(client, cache, hw, token=token)

    return job


def _spin(maximum: float, decimals: int, suffix: str, special: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, maximum)
    box.setDecimals(decimals)
    box.setSuffix(suffix)
    box.setSpecialValueText(special)
    box.setGroupSeparatorShown(True)
    box.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
    return box


class HardwarePage(QWizardPage):
    def __init__(self, services: Services, state: WizardState) -> None:
        super().__init__()
        self.services, self.state = services, state
        self.setTitle(self.tr("Your hardware"))
        self.setSubTitle(
            self.tr("Read from this machine. Change any figure, or plan for another machine.")
        )
        self._task: Task | None = None
        self._probed_values: dict[str, float] = {}
        self._probed_name = ""
        unknown = self.tr("unknown")
        self.ram = _spin(16384, 1, self.tr(" GiB"), unknown)
        self.gpu = QComboBox()
        for code in labels.GPU_VENDORS:
            self.gpu.addItem(labels.gpu_label(code), code)
        self.vram = _spin(4096, 1, self.tr(" GiB"), self.tr("none"))
        self.gpu_count = QSpinBox()
        self.gpu_count.setRange(1, 16)
        self.gpu_name = QLineEdit()
        self.gpu_name.setPlaceholderText(self.tr("e.g. RTX 4090 or Apple M2 Max"))
        self.laptop = QCheckBox(self.tr("This is a &laptop"))
        self.cores = QSpinBox()
        self.cores.setRange(0, 4096)
        self.cores.setSpecialValueText(unknown)
        self.disk = _spin(10_000_000, 0, self.tr(" GiB"), unknown)
        self.bandwidth = _spin(20_000, 1, self.tr(" GB/s"), self.tr("unknown (assume 51.2 GB/s)"))
        self.planning = QCheckBox(self.tr("I'm &planning for another machine"))
        names = {
            self.ram: self.tr("System memory (RAM) in GiB"),
            self.gpu: self.tr("Graphics card"),
            self.vram: self.tr("Graphics memory (VRAM) in GiB"),
            self.gpu_count: self.tr("Number of graphics cards of this size"),
            self.gpu_name: self.tr("Graphics card model, for its memory bandwidth"),
            self.laptop: self.tr("The machine is a laptop"),
            self.cores: self.tr("Processor cores"),
            self.disk: self.tr("Free disk space in GiB"),
            self.bandwidth: self.tr("Memory bandwidth in GB/s"),
            self.planning: self.tr("Planning for another machine"),
        }
        for widget, name in names.items():
            widget.setAccessibleName(name)
        self.status = QLabel(self.tr("Reading this machine's hardware…"))
        self.status.setWordWrap(True)
        self.detected = QLabel()
        self.detected.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.reprobe = QPushButton(self.tr("&Read again"))
        self.reprobe.setAccessibleName(self.tr("Read the hardware again"))
        self._measure_task: Task | None = None
        self.measured = QLabel()
        self.measured.setWordWrap(True)
        self.measured.setAccessibleName(self.tr("llama.cpp's measured speed on this processor"))
        self.remeasure = QPushButton(self.tr("&Measure speed again"))
        self.remeasure.setAccessibleName(self.tr("Time llama.cpp on this processor again"))
        self.remeasure.setEnabled(False)
        form = QFormLayout()
        rows = [
            (self.tr("&RAM:"), self.ram),
            (self.tr("&GPU:"), self.gpu),
            (self.tr("&VRAM:"), self.vram),
            (self.tr("&Number of GPUs:"), self.gpu_count),
            (self.tr("GPU &model:"), self.gpu_name),
            (self.tr("C&PU cores:"), self.cores),
            (self.tr("Free &disk:"), self.disk),
            (self.tr("Memory &bandwidth:"), self.bandwidth),
        ]
        for text, widget in rows:
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.reprobe)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.detected)
        speed = QHBoxLayout()
        speed.addWidget(self.measured, 1)
        speed.addWidget(self.remeasure)
        layout.addLayout(speed)
        layout.addLayout(form)
        layout.addWidget(self.laptop)
        layout.addWidget(self.planning)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.registerField("planning", self.planning)
        self.registerField("ram_gb", self.ram, "value", SIGNAL("valueChanged(double)"))
        self.registerField("gpu", self.gpu, "currentData", SIGNAL("currentIndexChanged(int)"))
        self.registerField("vram_gb", self.vram, "value", SIGNAL("valueChanged(double)"))
        self.registerField("cores", self.cores)
        self.registerField("disk_gb", self.disk, "value", SIGNAL("valueChanged(double)"))
        self.registerField("ram_bandwidth", self.bandwidth, "value", SIGNAL("valueChanged(double)"))
        self.planning.toggled.connect(self.completeChanged)
        self.ram.valueChanged.connect(self.completeChanged)
        self.gpu.currentIndexChanged.connect(self._on_gpu_changed)
        self.reprobe.clicked.connect(self.start_probe)
        self.remeasure.clicked.connect(self.start_measure)

    # ---- probing -------------------------------------------------------------------------
    def initializePage(self) -> None:
        if self.state.probed is None and self._task is None:
            self.start_probe()

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
        self._fill(profile)
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
        self.measured.setText(
            self.tr("Timing llama.cpp on this processor for the speed predictions (about 20 s)…")
        )
        self.remeasure.setEnabled(False)
        self.services.runner.start(task)

    def _on_measured(self, prof: ComputeProfile) -> None:
        self._measure_task = None
        if self.state.probed is not None:
            self.state.probed = self.state.probed.model_copy(update={"compute": prof})
            self._show_measured(self.state.probed)

    def _on_measure_failed(self, message: str) -> None:
        self._measure_task = None
        self.remeasure.setEnabled(True)
        self.measured.setText(
            self.tr("The speed could not be measured: %1 Predictions use typical figures.")
            .replace("%1", message)
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

    def _fill(self, p: HardwareProfile) -> None:
        gpu = p.best_gpu
        values = {
            "ram": (p.ram_total_bytes or 0) / GiB,
            "vram": ((gpu.memory_total_bytes or 0) / GiB) if gpu else 0.0,
            "cores": float(p.cpu.physical_cores or p.cpu.logical_cores or 0),
            "disk": (p.disk_free_bytes or 0) / GiB,
            "bandwidth": p.ram_bandwidth_gbs or 0.0,
        }
        self.ram.setValue(values["ram"])
        self.gpu.setCurrentIndex(max(0, self.gpu.findData(gpu.vendor if gpu else "none")))
        self.vram.setValue(values["vram"])
        self.gpu_count.setValue(max(1, len(p.offload_gpus)))
        self.gpu_name.setText(gpu.name if gpu else "")
        self.laptop.setChecked(bool(p.laptop))
        self.cores.setValue(int(values["cores"]))
        self.disk.setValue(values["disk"])
        self.bandwidth.setValue(values["bandwidth"])
        # compare against what the boxes show, so rounding is not taken for a change
        self._probed_values = {
            "ram": self.ram.value(),
            "vram": self.vram.value(),
            "cores": float(self.cores.value()),
            "disk": self.disk.value(),
            "bandwidth": self.bandwidth.value(),
            "gpu": float(self.gpu.currentIndex()),
            "gpu_count": float(self.gpu_count.value()),
        }
        self._probed_name = self.gpu_name.text()

    def _describe(self, p: HardwareProfile) -> str:
        cpu = p.cpu.model or self.tr("unknown processor")
        gpu = p.best_gpu
        gpu_text = gpu.name if gpu else self.tr("no GPU found")
        system = " ".join(x for x in (p.os, p.os_version) if x) or self.tr("unknown system")
        text = self.tr("%1; %2; %3").replace("%1", cpu).replace("%2", gpu_text)
        return text.replace("%3", system)

    def _on_gpu_changed(self) -> None:
        none = self.gpu.currentData() == "none"
        self.vram.setEnabled(not none)
        self.gpu_count.setEnabled(not none and self.gpu.currentData() != "apple")
        self.gpu_name.setEnabled(not none)
        if none:
            self.vram.setValue(0)

    # ---- leaving ---------------------------------------------------------------------------
    def isComplete(self) -> bool:
        if self.planning.isChecked():
            return self.ram.value() > 0
        return self.state.probed is not None and self._task is None and self.ram.value() > 0

    def overrides(self) -> HardwareOverrides:
        """The figures the user gave instead of the probed ones (all when planning)."""
        from wizard_app.core.hardware.profile import HardwareOverrides

        planning = self.planning.isChecked()
        old = self._probed_values

        def changed(key: str, value: float) -> bool:
            return planning or key not in old or abs(old[key] - value) > 1e-6

        gpu = str(self.gpu.currentData())
        count = self.gpu_count.value() if self.gpu_count.isEnabled() else 1
        gpu_changed = (
            changed("gpu", float(self.gpu.currentIndex()))
            or changed("vram", self.vram.value())
            or changed("gpu_count", float(count))
        )
        several = gpu_changed and gpu not in ("none", "apple") and count > 1
        name = self.gpu_name.text().strip()
        name_changed = name != self._probed_name or (planning and bool(name))
        return HardwareOverrides(
            ram_gb=self.ram.value() if changed("ram", self.ram.value()) else None,
            gpu=gpu if gpu_changed else None,
            vram_gb=self.vram.value() if gpu_changed and gpu != "none" and not several else None,
            gpus=f"{count}x{self.vram.value():g}" if several else None,
            gpu_name=name if name and name_changed and gpu != "none" else None,
            laptop=True if self.laptop.isChecked() else None,
            cores=(self.cores.value() or None) if changed("cores", self.cores.value()) else None,
            disk_gb=(self.disk.value() or None) if changed("disk", self.disk.value()) else None,
            ram_bandwidth_gbs=(self.bandwidth.value() or None)
            if changed("bandwidth", self.bandwidth.value())
            else None,
        )

    def validatePage(self) -> bool:
        from wizard_app.core.errors import InputError
        from wizard_app.core.hardware.profile import HardwareProfile

        base = self.state.probed
        if self.planning.isChecked() or base is None:
            base = HardwareProfile()
        try:
            hardware = self.overrides().apply(base)
        except InputError as exc:
            self.error.setText(exception_text(exc))
            self.error.setVisible(True)
            return False
        self.error.setVisible(False)
        if hardware != self.state.hardware:
            self.state.hardware = hardware
            self.state.reset_after_hardware()
        return True
