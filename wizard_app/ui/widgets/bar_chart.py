"""A small horizontal bar chart drawn with QPainter (PySide6-Essentials has no QtCharts).

One group of bars per model, one bar per series (speed, memory, rating...), each series
scaled to its own largest value so figures in different units can share a chart. The
same figures are in the accessible description, for screen readers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR_H = 14
GAP = 4
GROUP_GAP = 10
LEGEND_H = 20
PALETTE = ("#3b82f6", "#f59e0b", "#10b981", "#ef4444")


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]  # one per group
    text: Callable[[float | None], str]  # how a value reads: "12 tokens/s"
    maximum: float | None = None  # the scale's end (ratings: 5); default the largest value


class BarChart(QWidget):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.groups: list[str] = []
        self.series: list[Series] = []

    def set_data(self, groups: list[str], series: list[Series]) -> None:
        self.groups, self.series = list(groups), list(series)
        lines = []
        for gi, group in enumerate(self.groups):
            parts = [f"{s.name} {s.text(s.values[gi])}" for s in self.series]
            lines.append(f"{group}: " + ", ".join(parts))
        self.setAccessibleDescription("; ".join(lines))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        per_group = len(self.series) * (BAR_H + GAP) + GROUP_GAP
        return QSize(420, LEGEND_H + max(1, len(self.groups)) * per_group + GAP)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text_color = pal.color(QPalette.ColorRole.WindowText)
        metrics = painter.fontMetrics()
        label_w = min(
            self.width() // 3, max((metrics.horizontalAdvance(g) for g in self.groups), default=0)
        )
        value_w = max(
            (metrics.horizontalAdvance(s.text(v)) for s in self.series for v in s.values),
            default=0,
        )
        # legend
        x = 0.0
        for si, s in enumerate(self.series):
            painter.fillRect(QRectF(x, 4, 12, 12), QColor(PALETTE[si % len(PALETTE)]))
            painter.setPen(text_color)
            painter.drawText(
                QRectF(x + 16, 0, 400, LEGEND_H), Qt.AlignmentFlag.AlignVCenter, s.name
            )
            x += 16 + metrics.horizontalAdvance(s.name) + 16
        bar_x = label_w + 8
        bar_w = max(10, self.width() - bar_x - value_w - 8)
        y = float(LEGEND_H + GAP)
        for gi, group in enumerate(self.groups):
            block_h = len(self.series) * (BAR_H + GAP)
            painter.setPen(text_color)
            elided = metrics.elidedText(group, Qt.TextElideMode.ElideRight, label_w)
            painter.drawText(
                QRectF(0, y, label_w, block_h),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                elided,
            )
            for si, s in enumerate(self.series):
                value = s.values[gi]
                top = s.maximum or max((v for v in s.values if v is not None), default=0.0)
                length = bar_w * (value / top) if value is not None and top > 0 else 0.0
                rect = QRectF(bar_x, y, max(length, 1.0 if value else 0.0), BAR_H)
                painter.fillRect(rect, QColor(PALETTE[si % len(PALETTE)]))
                painter.setPen(text_color)
                painter.drawText(
                    QRectF(bar_x + length + 4, y, value_w + 4, BAR_H),
                    Qt.AlignmentFlag.AlignVCenter,
                    s.text(value),
                )
                y += BAR_H + GAP
            y += GROUP_GAP
        painter.end()
