"""The hardware step's figures for one machine: RAM, GPUs, cores, disk, bandwidth and, for
another machine, its address. Filled from the probe, or cleared to plan another machine."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from wizard_app.ui import labels

if TYPE_CHECKING:
    from wizard_app.core.hardware.profile import HardwareOverrides, HardwareProfile

GiB = 1024**3


def _spin(maximum: float, decimals: int, suffix: str, special: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, maximum)
    box.setDecimals(decimals)
    box.setSuffix(suffix)
    box.setSpecialValueText(special)
    box.setGroupSeparatorShown(True)
    box.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
    return box


class MachineForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        self.address = QLineEdit()
        self.address.setPlaceholderText(self.tr("optional, e.g. 192.168.1.20 or gpu-box"))
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
            self.address: self.tr("The other machine's address, for the commands to start it"),
        }
        for widget, name in names.items():
            widget.setAccessibleName(name)
        form = self.form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        rows = [
            (self.tr("&RAM:"), self.ram),
            (self.tr("&GPU:"), self.gpu),
            (self.tr("&VRAM:"), self.vram),
            (self.tr("N&umber of GPUs:"), self.gpu_count),
            (self.tr("GPU &model:"), self.gpu_name),
            (self.tr("C&PU cores:"), self.cores),
            (self.tr("Free &disk:"), self.disk),
            (self.tr("Memory band&width:"), self.bandwidth),
            (self.tr("Its addr&ess:"), self.address),
        ]
        for text, widget in rows:
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        form.addRow(self.laptop)
        self.gpu.currentIndexChanged.connect(self._on_gpu_changed)

    def show_address(self, shown: bool) -> None:
        self.form.setRowVisible(self.address, shown)

    def clear(self) -> None:
        for box in (self.ram, self.vram, self.disk, self.bandwidth):
            box.setValue(0)
        self.cores.setValue(0)
        self.gpu.setCurrentIndex(max(0, self.gpu.findData("none")))
        self.gpu_count.setValue(1)
        self.gpu_name.clear()
        self.laptop.setChecked(False)

    def fill(self, p: HardwareProfile) -> None:
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

    def _on_gpu_changed(self) -> None:
        none = self.gpu.currentData() == "none"
        self.vram.setEnabled(not none)
        self.gpu_count.setEnabled(not none and self.gpu.currentData() != "apple")
        self.gpu_name.setEnabled(not none)
        if none:
            self.vram.setValue(0)

    def overrides(self, planning: bool) -> HardwareOverrides:
        """The figures the user gave instead of the probed ones (all when planning)."""
        from wizard_app.core.hardware.profile import HardwareOverrides

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
