"""The answers side by side: one column per model for the prompt chosen above them.

Each column shows the answer (streaming while it runs), its figures against the
prediction, a 1-5 rating and a note. Models are in the comparison's display order, so
in blind mode a column's place does not give its model away either.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from wizard_app.ui import format as fmt

if TYPE_CHECKING:
    from wizard_app.core.compare.records import CellRecord, ComparisonRecord

translate = QCoreApplication.translate  # lupdate reads translate("Context", "literal")


class AnswerColumn(QFrame):
    rated = Signal(int, int, object, str)  # model, prompt, rating (int or None), note

    def __init__(self, model: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.prompt = 0
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.answer = QPlainTextEdit()
        self.answer.setReadOnly(True)
        self.answer.setTabChangesFocus(True)
        self.figures = QLabel()
        self.figures.setWordWrap(True)
        self.rating = QComboBox()
        self.rating.addItem(self.tr("Not rated"), None)
        for value, text in (
            (1, self.tr("1 – poor")),
            (2, self.tr("2 – weak")),
            (3, self.tr("3 – fair")),
            (4, self.tr("4 – good")),
            (5, self.tr("5 – excellent")),
        ):
            self.rating.addItem(text, value)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("A note on this answer (optional)"))
        rating_label = QLabel(self.tr("&Rating:"))
        rating_label.setBuddy(self.rating)
        row = QHBoxLayout()
        row.addWidget(rating_label)
        row.addWidget(self.rating, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addWidget(self.answer, 1)
        layout.addWidget(self.figures)
        layout.addLayout(row)
        layout.addWidget(self.note)
        self.rating.activated.connect(self._on_rating_activated)
        self.note.editingFinished.connect(self._on_note_editing_finished)
        self.set_label("")

    def set_label(self, label: str) -> None:
        self.title.setText(f"<b>{label}</b>")
        self.answer.setAccessibleName(self.tr("Answer of %1").replace("%1", label))
        self.rating.setAccessibleName(self.tr("Rating of the answer of %1").replace("%1", label))
        self.note.setAccessibleName(self.tr("Note on the answer of %1").replace("%1", label))
        self.figures.setAccessibleName(self.tr("Figures of %1").replace("%1", label))

    def show_cell(self, prompt: int, cell: CellRecord | None, live: str | None) -> None:
        self.prompt = prompt
        done = cell is not None and cell.done
        self.rating.setEnabled(done)
        self.note.setEnabled(done)
        self.rating.setCurrentIndex(cell.rating if done and cell and cell.rating else 0)
        self.note.setText(cell.note if done and cell else "")
        if cell is None:
            self.answer.setPlainText(live or "")
            self.status.setText(self.tr("Answering…") if live is not None else self.tr("To do"))
            self.figures.setText("")
        elif done:
            self.answer.setPlainText(cell.output)
            self.status.setText("")
            self.figures.setText(self.figures_text(cell))
        else:
            self.answer.setPlainText("")
            self.status.setText(self.tr("Failed: %1").replace("%1", failure_text(cell)))
            self.figures.setText("")

    def append(self, text: str) -> None:
        cursor = self.answer.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text)
        self.answer.setTextCursor(cursor)
        self.answer.ensureCursorVisible()

    def figures_text(self, c: CellRecord) -> str:
        return "<br>".join(
            [
                self.tr("First token %1 · %2 (predicted %3)")
                .replace("%1", fmt.seconds(c.ttft_s))
                .replace("%2", fmt.tokens_per_s(c.gen_tok_per_s))
                .replace("%3", fmt.tokens_per_s(c.predicted_tok_per_s)),
                self.tr("Prompt %1 · peak memory %2 (predicted %3)")
                .replace("%1", fmt.tokens_per_s(c.prompt_tok_per_s))
                .replace("%2", fmt.gib(c.peak_rss_bytes, 2))
                .replace("%3", fmt.gib(c.predicted_rss_bytes, 2)),
                self.tr("Stopped because: %1").replace("%1", stop_reason_text(c.stop_reason)),
            ]
        )

    def _on_rating_activated(self, _index: int) -> None:
        self.rated.emit(self.model, self.prompt, self.rating.currentData(), self.note.text())

    def _on_note_editing_finished(self) -> None:
        if self.note.isEnabled():
            self.rated.emit(self.model, self.prompt, self.rating.currentData(), self.note.text())


def stop_reason_text(reason: str) -> str:
    return {
        "eos": translate("AnswerColumn", "the model finished"),
        "length": translate("AnswerColumn", "the longest answer was reached"),
        "stop": translate("AnswerColumn", "a stop word"),
        "context": translate("AnswerColumn", "the context was full"),
        "cancelled": translate("AnswerColumn", "stopped"),
    }.get(reason, reason)


def failure_text(c: CellRecord) -> str:
    """Why a cell failed, in the user's language (by the error's kind and code)."""
    from wizard_app.ui.errors import error_text

    if c.error_kind == "missing_file":
        return translate("AnswerColumn", "the model file is gone; download or import it again.")
    if c.error_kind == "not_loaded":
        return translate("AnswerColumn", "the model did not load: %1").replace(
            "%1", error_text(c.error_code or None, c.error_params, c.error)
        )
    return error_text(c.error_code or None, c.error_params, c.error)


class CompareGrid(QWidget):
    rated = Signal(int, int, object, str)  # model, prompt, rating, note
    prompt_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record: ComparisonRecord | None = None
        self.columns: dict[int, AnswerColumn] = {}
        self._live: dict[tuple[int, int], str] = {}
        self.prompt = QComboBox()
        self.prompt.setAccessibleName(self.tr("Prompt to show"))
        self.prompt_text = QLabel()
        self.prompt_text.setWordWrap(True)
        self.prompt_text.setAccessibleName(self.tr("The prompt"))
        label = QLabel(self.tr("&Prompt:"))
        label.setBuddy(self.prompt)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.prompt, 1)
        self.row = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.prompt_text)
        layout.addLayout(self.row, 1)
        self.prompt.currentIndexChanged.connect(self._on_prompt_current_index_changed)

    def set_comparison(self, rec: ComparisonRecord) -> None:
        from wizard_app.core.compare.summary import display_order, labels

        same = self.record is not None and self.record.id == rec.id
        self.record = rec
        if not same:
            self._live.clear()
            for column in self.columns.values():
                column.setParent(None)
                column.deleteLater()
            self.columns = {}
            for mi in display_order(rec):
                column = AnswerColumn(mi, self)
                column.rated.connect(self.rated)
                self.columns[mi] = column
                self.row.addWidget(column, 1)
            self.prompt.blockSignals(True)
            self.prompt.clear()
            for pi, item in enumerate(rec.prompts, 1):
                title = item.title or item.prompt.splitlines()[0][:80]
                self.prompt.addItem(f"{pi}. {title}", pi - 1)
            self.prompt.blockSignals(False)
        for mi, name in enumerate(labels(rec)):
            self.columns[mi].set_label(name)
        self.show_prompt(max(0, self.prompt.currentIndex()))

    @property
    def shown_prompt(self) -> int:
        return max(0, self.prompt.currentIndex())

    def show_prompt(self, prompt: int) -> None:
        if self.record is None or not self.record.prompts:
            return
        if self.prompt.currentIndex() != prompt:
            self.prompt.setCurrentIndex(prompt)  # comes back here through the signal
            return
        item = self.record.prompts[prompt]
        self.prompt_text.setText(item.prompt)
        self.prompt_text.setToolTip(item.note)
        for mi, column in self.columns.items():
            column.show_cell(prompt, self.record.cell(mi, prompt), self._live.get((mi, prompt)))

    def start_cell(self, model: int, prompt: int) -> None:
        self._live[(model, prompt)] = ""
        if prompt == self.shown_prompt and model in self.columns:
            self.columns[model].show_cell(prompt, None, "")

    def append(self, model: int, prompt: int, text: str) -> None:
        self._live[(model, prompt)] = self._live.get((model, prompt), "") + text
        if prompt == self.shown_prompt and model in self.columns:
            self.columns[model].append(text)

    def stop_live(self) -> None:
        """A stopped run: what had streamed of an answer is not kept."""
        self._live.clear()
        self.show_prompt(self.shown_prompt)

    def update_record(self, rec: ComparisonRecord, model: int, prompt: int) -> None:
        self._live.pop((model, prompt), None)
        self.set_comparison(rec)

    def _on_prompt_current_index_changed(self, index: int) -> None:
        if index >= 0:
            self.show_prompt(index)
            self.prompt_changed.emit(index)
