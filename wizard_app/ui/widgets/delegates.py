"""Delegates that paint a cell as a badge or a memory bar (the models give the values)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from wizard_app.ui.widgets.badge import paint_pill
from wizard_app.ui.widgets.memory_bar import paint_bar

# Roles the item models fill for these delegates.
KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "gpu" | "split" | "cpu" | "no_fit" | "open" ...
FRACTION_ROLE = Qt.ItemDataRole.UserRole + 2  # float: share of the available memory used

Index = QModelIndex | QPersistentModelIndex


def _background(painter: QPainter, option: QStyleOptionViewItem, widget: QWidget | None) -> None:
    style = widget.style() if widget is not None else None
    if style is not None:
        opt = QStyleOptionViewItem(option)
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)


class BadgeDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        widget = option.widget
        _background(painter, option, widget)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if not text:
            return
        fm = QFontMetrics(option.font)
        rect = QRectF(option.rect).adjusted(4, 3, -4, -3)
        width = min(rect.width(), fm.horizontalAdvance(text) + fm.height())
        rect.setWidth(width)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        kind = str(index.data(KIND_ROLE) or "neutral")
        paint_pill(painter, rect, text, kind, widget, solid=selected)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        base = super().sizeHint(option, index)
        fm = QFontMetrics(option.font)
        return QSize(base.width() + fm.height() + 8, max(base.height(), fm.height() + 8))


class MemoryBarDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        widget = option.widget
        _background(painter, option, widget)
        fraction = index.data(FRACTION_ROLE)
        if fraction is None:
            return
        rect = QRectF(option.rect).adjusted(4, 3, -4, -3)
        kind = str(index.data(KIND_ROLE) or "neutral")
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        paint_bar(painter, rect, float(fraction), kind, text, widget)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        base = super().sizeHint(option, index)
        return QSize(max(base.width() + 16, 150), base.height() + 6)
