"""Models on disk the app can run."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt

from wizard_app.ui import format as fmt
from wizard_app.ui.models.table import RowsModel


@dataclass(frozen=True)
class LibraryItem:
    """What the library view shows of one installed model."""

    name: str
    path: str
    size_bytes: int
    quant: str | None = None
    catalog_id: str | None = None
    repo: str | None = None
    source: str = "download"
    added_at: datetime | None = None
    last_used_at: datetime | None = None
    verified: bool = False
    row_id: int | None = None


class LibraryModel(RowsModel):
    NAME, QUANT, SIZE, ADDED, USED, PATH = range(6)

    def headers(self) -> list[str]:
        return [
            self.tr("Model"),
            self.tr("Quant"),
            self.tr("Size"),
            self.tr("Added"),
            self.tr("Last used"),
            self.tr("File"),
        ]

    def cell(self, item: LibraryItem, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return [
                item.name,
                item.quant or "",
                fmt.gb(item.size_bytes),
                fmt.when(item.added_at),
                fmt.when(item.last_used_at) or self.tr("never"),
                item.path,
            ][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.path
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.SIZE:
            return int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
        return None
