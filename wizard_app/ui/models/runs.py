"""Trial runs: what each model measured here, next to what was predicted."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from wizard_app.ui import format as fmt
from wizard_app.ui.models.table import RowsModel


class RunsModel(RowsModel):
    """Rows are ``core.storage.run_tables.TrialRun`` objects, detached from their session."""

    def headers(self) -> list[str]:
        return [
            self.tr("When"),
            self.tr("Model"),
            self.tr("Quant"),
            self.tr("First token"),
            self.tr("Speed (predicted)"),
            self.tr("Peak memory (predicted)"),
        ]

    def cell(self, run: Any, column: int, role: int) -> Any:
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return run.prompt[:300]
        if column == 0:
            return fmt.when(run.created_at)
        if column == 1:
            return run.model_name
        if column == 2:
            return run.quant
        if column == 3:
            return fmt.seconds(run.ttft_s)
        if column == 4:
            return (
                f"{fmt.tokens_per_s(run.gen_tok_per_s)} "
                f"({fmt.tokens_per_s(run.predicted_tok_per_s)})"
            )
        return f"{fmt.gib(run.peak_rss_bytes)} ({fmt.gib(run.predicted_rss_bytes)})"
