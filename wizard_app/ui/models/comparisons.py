"""Comparisons in the history, and a comparison's summary per model."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from wizard_app.ui import format as fmt
from wizard_app.ui.labels import use_case_label
from wizard_app.ui.models.table import RowsModel

_TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)


class ComparisonsModel(RowsModel):
    """Rows are ``core.compare.records.ComparisonRecord`` snapshots."""

    def headers(self) -> list[str]:
        return [self.tr("When"), self.tr("Models"), self.tr("Use case"), self.tr("Answers")]

    def cell(self, rec: Any, column: int, role: int) -> Any:
        if role not in _TEXT_ROLES:
            return None
        if column == 0:
            return fmt.when(rec.created_at)
        if column == 1:
            from wizard_app.core.compare.summary import labels

            return self.tr(" vs ").join(labels(rec))
        if column == 2:
            return use_case_label(rec.use_case) if rec.use_case else "–"
        failed = sum(1 for c in rec.cells.values() if not c.done)
        text = self.tr("%1 of %2").replace("%1", str(len(rec.finished_cells())))
        text = text.replace("%2", str(rec.total))
        return text + (self.tr(", %1 failed").replace("%1", str(failed)) if failed else "")


class SummaryModel(RowsModel):
    """Rows are ``core.compare.summary.ModelSummary`` objects, in display order."""

    def headers(self) -> list[str]:
        return [
            self.tr("Model"),
            self.tr("Mean rating"),
            self.tr("Wins"),
            self.tr("Answers"),
            self.tr("Failed"),
            self.tr("Speed (predicted)"),
            self.tr("Prompt reading"),
            self.tr("First token"),
            self.tr("Peak memory (predicted)"),
        ]

    def cell(self, s: Any, column: int, role: int) -> Any:
        if role not in _TEXT_ROLES:
            return None
        values = [
            s.label,
            fmt.number(s.mean_rating, 2) if s.mean_rating is not None else "–",
            str(s.wins) + (self.tr(" (+%1 shared)").replace("%1", str(s.ties)) if s.ties else ""),
            str(s.done),
            str(s.failed),
            f"{fmt.tokens_per_s(s.gen_tok_per_s)} ({fmt.tokens_per_s(s.predicted_tok_per_s)})",
            fmt.tokens_per_s(s.prompt_tok_per_s),
            fmt.seconds(s.ttft_s),
            f"{fmt.gib(s.peak_rss_bytes, 2)} ({fmt.gib(s.predicted_rss_bytes, 2)})",
        ]
        return values[column]
