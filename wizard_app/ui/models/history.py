"""Earlier wizard runs: the answers and the top picks they produced."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt

from wizard_app.ui import format as fmt
from wizard_app.ui import labels
from wizard_app.ui.models.table import RowsModel


def _when(iso: str) -> str:
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return fmt.when(moment)


class HistoryModel(RowsModel):
    """Rows are the dicts ``wizard_app.core.recommend.history.history`` returns."""

    def headers(self) -> list[str]:
        return [self.tr("When"), self.tr("Use case"), self.tr("Name"), self.tr("Top picks")]

    def cell(self, row: dict[str, Any], column: int, role: int) -> Any:
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        answers = row.get("answers") or {}
        if column == 0:
            return _when(str(row.get("created_at", "")))
        if column == 1:
            return labels.use_case_label(str(answers.get("use_case", "")))
        if column == 2:
            return str(row.get("name", ""))
        return ", ".join(p.replace(":", " ") for p in row.get("top_picks", []))
