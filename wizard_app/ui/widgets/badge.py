"""A small coloured pill: fit verdicts, licence and openness badges."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from wizard_app.ui import theme


def paint_pill(
    painter: QPainter, rect: QRectF, text: str, kind: str, widget: QWidget, solid: bool = False
) -> None:
    """A tinted pill; ``solid`` (on a selected row) draws it on the base colour instead."""
    bg, fg = theme.badge_colors(kind, widget)
    if solid:
        bg = widget.palette().color(QPalette.ColorRole.Base)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(bg)
    radius = rect.height() / 2
    painter.drawRoundedRect(rect, radius, radius)
    painter.setPen(fg)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


class Badge(QLabel):
    """A label drawn as a pill in the colour of ``kind`` (a verdict, 'open', 'neutral')."""

    def __init__(self, text: str = "", kind: str = "neutral", parent: QWidget | None = None):
        super().__init__(text, parent)
        self._kind = kind
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def set_badge(self, text: str, kind: str, tooltip: str = "") -> None:
        self._kind = kind
        self.setText(text)
        self.setToolTip(tooltip)
        self.setAccessibleDescription(tooltip or text)
        self.updateGeometry()
        self.update()

    @property
    def kind(self) -> str:
        return self._kind

    def sizeHint(self) -> QSize:
        fm = QFontMetrics(self.font())
        return QSize(fm.horizontalAdvance(self.text()) + 2 * fm.height(), fm.height() + 6)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, _event: QEvent) -> None:
        if not self.text():
            return
        painter = QPainter(self)
        paint_pill(
            painter,
            QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5),
            self.text(),
            self._kind,
            self,
        )
        painter.end()
