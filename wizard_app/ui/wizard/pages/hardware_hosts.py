"""The hardware step's table of machines joined by llama.cpp's RPC backend.

One row per host (address, RAM, GPUs, GiB per GPU, bandwidth or the GPU's model); the
first row is the main host, which runs ``llama-server``, the others run ``rpc-server``.
The rows become the ``HostSpec`` list the ``cluster-plan`` command parses
(``core.cluster.target.host_from_row``), so both plan with the same function.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from wizard_app.core.cluster.target import Target

MAX_HOSTS = 16


def _box(low: float, high: float, value: float, suffix: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(low, high)
    box.setDecimals(2)
    box.setValue(value)
    box.setSuffix(suffix)
    return box


class HostTable(QWidget):
    """Add, edit and remove hosts; ``target()`` reads them (raising ``InputError``)."""

    changed = Signal()
    ADDRESS, RAM, GPUS, VRAM, SPEED = range(5)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Host (address)"),
                self.tr("RAM (GiB)"),
                self.tr("GPUs"),
                self.tr("GiB per GPU"),
                self.tr("GPU model or GB/s"),
            ]
        )
        self.table.setAccessibleName(self.tr("The machines of the cluster, the main one first"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add = QPushButton(self.tr("&Add a host"))
        self.add.setAccessibleName(self.tr("Add a row for another machine"))
        self.remove = QPushButton(self.tr("Re&move the host"))
        self.remove.setAccessibleName(self.tr("Remove the selected machine"))
        # the defaults of cluster-plan: gigabit Ethernet, one switch
        self.link = _box(0.01, 800, 1.0, self.tr(" Gbit/s"))
        self.link.setAccessibleName(self.tr("Network speed between the hosts in Gbit/s"))
        self.rtt = _box(0, 100, 0.5, self.tr(" ms"))
        self.rtt.setAccessibleName(self.tr("Network round trip between the hosts in ms"))
        help_text = QLabel(
            self.tr(
                "The first host is the main one: it runs llama-server and keeps the output "
                "layer. Every other host runs rpc-server and lends its GPUs (or, with 0 GPUs, "
                "its RAM). Give the GPU's model to look up its bandwidth, or the figure in "
                "GB/s; without one the speed is left unknown."
            )
        )
        help_text.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(help_text)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addLayout(self._network_row())
        self.add.clicked.connect(self._on_add_clicked)
        self.remove.clicked.connect(self._on_remove_clicked)
        self.table.itemChanged.connect(self.changed)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        for _ in range(2):
            self.add_host()

    def _network_row(self) -> QHBoxLayout:
        network = QHBoxLayout()
        for text, widget in (
            (self.tr("Networ&k speed:"), self.link),
            (self.tr("R&ound trip:"), self.rtt),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            network.addWidget(label)
            network.addWidget(widget)
        network.addStretch(1)
        return network

    def add_host(
        self, address: str = "", ram: str = "", gpus: str = "1", vram: str = "", speed: str = ""
    ) -> int:
        """A new row (the cells as a person would type them); returns its index."""
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        for column, text in enumerate((address, ram, gpus, vram, speed)):
            self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.blockSignals(False)
        self._update_buttons()
        self.changed.emit()
        return row

    def set_cell(self, row: int, column: int, text: str) -> None:
        item = self.table.item(row, column)
        assert item is not None
        item.setText(text)

    def _on_add_clicked(self) -> None:
        row = self.add_host()
        self.table.setCurrentCell(row, self.ADDRESS)
        item = self.table.item(row, self.ADDRESS)
        if item is not None:
            self.table.editItem(item)

    def _on_remove_clicked(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else self.table.rowCount() - 1
        if row >= 0:
            self.table.removeRow(row)
        self._update_buttons()
        self.changed.emit()

    def _update_buttons(self) -> None:
        self.add.setEnabled(self.table.rowCount() < MAX_HOSTS)
        self.remove.setEnabled(self.table.rowCount() > 0)

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def filled(self) -> bool:
        """Two rows or more, each with an address and its RAM (checked on Next)."""
        rows = range(self.table.rowCount())
        return len(rows) >= 2 and all(
            self._text(r, self.ADDRESS) and self._text(r, self.RAM) for r in rows
        )

    def target(self) -> Target:
        from wizard_app.core.cluster.target import Target, check_hosts, host_from_row

        hosts = [
            host_from_row(r, *(self._text(r, c) for c in range(5)))
            for r in range(self.table.rowCount())
        ]
        check_hosts(hosts)
        return Target("cluster", tuple(hosts), link_gbps=self.link.value(), rtt_ms=self.rtt.value())
