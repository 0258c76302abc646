"""The ranked picks, the models left out and the upgrade advice of a recommendation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt

from wizard_app.ui import format as fmt
from wizard_app.ui import labels
from wizard_app.ui.models.table import RowsModel
from wizard_app.ui.reasons import reason_or, reason_texts
from wizard_app.ui.widgets.delegates import FRACTION_ROLE, KIND_ROLE
from wizard_app.ui.widgets.memory_bar import usages

if TYPE_CHECKING:
    from wizard_app.core.fit import FitEstimate
    from wizard_app.core.recommend.engine import Exclusion, Pick, Upgrade

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass
class PickRow:
    """A pick, and the quant the user chose for it (initially the recommended one)."""

    pick: Pick
    quant: str
    size_bytes: int
    fit: FitEstimate


class PickTableModel(RowsModel):
    RANK, MODEL, QUANT, FIT, MEMORY, SPEED, LICENCE, OPEN = range(8)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.unified = False

    def headers(self) -> list[str]:
        return [
            self.tr("#"),
            self.tr("Model"),
            self.tr("Quant"),
            self.tr("Fit"),
            self.tr("Memory"),
            self.tr("Speed"),
            self.tr("Licence"),
            self.tr("Openness"),
        ]

    def set_picks(self, picks: list[Pick], unified: bool) -> None:
        self.unified = unified
        self.set_rows([PickRow(p, p.quant, p.size_bytes, p.fit) for p in picks])

    def set_quant(self, row: int, quant: str, size_bytes: int, fit: FitEstimate) -> None:
        r: PickRow = self.row_at(row)
        r.quant, r.size_bytes, r.fit = quant, size_bytes, fit
        self.refresh_row(row)

    def _fraction(self, r: PickRow) -> float:
        rows = usages(r.fit, self.unified, "", "")
        return max((u.fraction for u in rows), default=0.0)

    def cell(self, r: PickRow, column: int, role: int) -> Any:
        p = r.pick
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.FIT:
                return labels.verdict_description(r.fit.verdict)
            if column == self.MEMORY:
                return (
                    self.tr("Needs about %1 at %2")
                    .replace("%1", fmt.gib(r.fit.total_bytes))
                    .replace("%2", fmt.tokens(r.fit.context))
                )
            if column == self.LICENCE:
                return labels.commercial_label(p.commercial)
            return (
                " ".join(reason_texts(p.reason_codes, p.reasons)[:1])
                if column == self.MODEL
                else None
            )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(r, column)
        if role == KIND_ROLE:
            if column == self.FIT:
                return r.fit.verdict
            if column == self.MEMORY:
                return r.fit.verdict
            if column == self.OPEN:
                return "open" if p.fully_open else "neutral"
            if column == self.LICENCE:
                return {"yes": "gpu", "restricted": "cpu", "no": "no_fit"}.get(p.commercial)
            return None
        if role == FRACTION_ROLE and column == self.MEMORY:
            return self._fraction(r)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.RANK, self.SPEED):
            return int(_RIGHT.value)
        return None

    def _display(self, r: PickRow, column: int) -> str | None:
        p = r.pick
        if column == self.RANK:
            return str(p.rank)
        if column == self.MODEL:
            return p.name
        if column == self.QUANT:
            return r.quant
        if column == self.FIT:
            return labels.verdict_label(r.fit.verdict)
        if column == self.MEMORY:
            return fmt.gib(r.fit.total_bytes)
        if column == self.SPEED:
            return fmt.tokens_per_s(r.fit.tokens_per_s)
        if column == self.LICENCE:
            return p.license
        if column == self.OPEN:
            return self.tr("Fully open") if p.fully_open else self.tr("Open weights")
        return None


class ExclusionModel(RowsModel):
    """Models left out, each with the reasons."""

    def headers(self) -> list[str]:
        return [self.tr("Model"), self.tr("Why it was left out")]

    def cell(self, e: Exclusion, column: int, role: int) -> Any:
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return e.name if column == 0 else " ".join(reason_texts(e.reason_codes, e.reasons))
        return None


class UpgradeModel(RowsModel):
    """Hardware within the budget and the better model it would run."""

    def headers(self) -> list[str]:
        return [
            self.tr("Upgrade"),
            self.tr("Price"),
            self.tr("Best model then"),
            self.tr("Speed"),
            self.tr("Why"),
        ]

    def cell(self, u: Upgrade, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return [
                u.name,
                self.tr("%1 USD").replace("%1", fmt.number(u.price_usd, 0)),
                f"{u.top_pick_name} ({u.quant})",
                fmt.tokens_per_s(u.tokens_per_s),
                reason_or(u.reason_code, u.reason),
            ][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return u.price_note or reason_or(u.reason_code, u.reason)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (1, 3):
            return int(_RIGHT.value)
        return None
