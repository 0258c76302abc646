"""Memory a model needs against what the machine has, per device."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from wizard_app.ui import format as fmt
from wizard_app.ui import theme

if TYPE_CHECKING:
    from wizard_app.core.fit import FitEstimate


@dataclass(frozen=True)
class Usage:
    label: str
    used: int
    available: int

    @property
    def fraction(self) -> float:
        return self.used / self.available if self.available > 0 else (1.5 if self.used else 0)


def usages(fit: FitEstimate, unified: bool, tr_gpu: str, tr_ram: str) -> list[Usage]:
    """One bar per memory pool the model uses: the GPU's and system RAM."""
    if unified:
        return [Usage(tr_ram, fit.gpu_bytes + fit.cpu_bytes, fit.ram_budget_bytes)]
    rows = []
    if fit.gpu_budget_bytes > 0:
        rows.append(Usage(tr_gpu, fit.gpu_bytes, fit.gpu_budget_bytes))
    rows.append(Usage(tr_ram, fit.cpu_bytes, fit.ram_budget_bytes))
    return rows


def paint_bar(
    painter: QPainter, rect: QRectF, fraction: float, kind: str, text: str, widget: QWidget
) -> None:
    """A rounded track, filled to ``fraction`` (capped) in the accent of ``kind``."""
    palette = widget.palette()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    radius = min(4.0, rect.height() / 2)
    painter.setPen(palette.color(QPalette.ColorRole.Mid))
    painter.setBrush(palette.color(QPalette.ColorRole.Base))
    painter.drawRoundedRect(rect, radius, radius)
    fill = QRectF(rect)
    fill.setWidth(rect.width() * max(0.0, min(1.0, fraction)))
    color = theme.accent(kind, widget)
    color.setAlphaF(0.55)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawRoundedRect(fill, radius, radius)
    painter.setPen(palette.color(QPalette.ColorRole.Text))
    painter.drawText(rect.adjusted(6, 0, -6, 0), Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


class MemoryBar(QWidget):
    """Bars for GPU memory and system RAM: what the model needs of what is usable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Usage] = []
        self._kind = "neutral"
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Memory needed against memory available"))

    def set_fit(self, fit: FitEstimate | None, unified: bool = False) -> None:
        if fit is None:
            self._rows = []
        else:
            self._rows = usages(fit, unified, self.tr("GPU memory"), self.tr("System memory"))
            self._kind = fit.verdict
        self.setAccessibleDescription("; ".join(self.row_text(r) for r in self._rows))
        self.setToolTip(self.accessibleDescription())
        self.updateGeometry()
        self.update()

    def row_text(self, row: Usage) -> str:
        return (
            self.tr("%1: %2 of %3")
            .replace("%1", row.label)
            .replace("%2", fmt.gib(row.used))
            .replace("%3", fmt.gib(row.available))
        )

    @property
    def rows(self) -> list[Usage]:
        return list(self._rows)

    def _row_height(self) -> int:
        return QFontMetrics(self.font()).height() + 8

    def sizeHint(self) -> QSize:
        return QSize(240, max(1, len(self._rows)) * (self._row_height() + 4))

    def paintEvent(self, _event: QEvent) -> None:
        painter = QPainter(self)
        h = self._row_height()
        for i, row in enumerate(self._rows):
            rect = QRectF(0.5, i * (h + 4) + 0.5, self.width() - 1.0, h - 1.0)
            kind = "no_fit" if row.fraction > 1 else self._kind
            paint_bar(painter, rect, row.fraction, kind, self.row_text(row), self)
        painter.end()
