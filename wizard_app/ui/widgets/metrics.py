"""Predicted against measured: time to first token, speed, memory."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QWidget

from wizard_app.ui import format as fmt

if TYPE_CHECKING:
    from wizard_app.core.runtime.placement import LoadPlan
    from wizard_app.core.runtime.trial import TrialResult


class MetricsView(QGroupBox):
    ROWS = ("load", "ttft", "gen", "prompt", "memory", "setup")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Figures"))
        self.setAccessibleName(self.tr("Measured figures"))
        grid = QGridLayout(self)
        names = {
            "load": self.tr("Load time"),
            "ttft": self.tr("Time to first token"),
            "gen": self.tr("Generation speed"),
            "prompt": self.tr("Prompt reading"),
            "memory": self.tr("Peak memory"),
            "setup": self.tr("Context, GPU layers, threads"),
        }
        grid.addWidget(self._head(self.tr("Predicted")), 0, 1)
        grid.addWidget(self._head(self.tr("Measured")), 0, 2)
        self.predicted: dict[str, QLabel] = {}
        self.measured: dict[str, QLabel] = {}
        for row, key in enumerate(self.ROWS, 1):
            grid.addWidget(QLabel(names[key]), row, 0)
            for col, table in ((1, self.predicted), (2, self.measured)):
                label = QLabel("–")
                label.setAccessibleName(
                    f"{names[key]}: " + (self.tr("predicted") if col == 1 else self.tr("measured"))
                )
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(label, row, col)
                table[key] = label
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        grid.addWidget(self.notes, len(self.ROWS) + 1, 0, 1, 3)
        grid.setRowStretch(len(self.ROWS) + 2, 1)

    def _head(self, text: str) -> QLabel:
        label = QLabel(f"<b>{text}</b>")
        label.setTextFormat(Qt.TextFormat.RichText)
        return label

    def clear(self) -> None:
        for label in (*self.predicted.values(), *self.measured.values()):
            label.setText("–")
        self.notes.setText("")

    def show_plan(self, plan: LoadPlan) -> None:
        e = plan.estimate
        self.predicted["gen"].setText(fmt.tokens_per_s(e.tokens_per_s))
        self.predicted["memory"].setText(fmt.gib(e.cpu_bytes))
        self.predicted["setup"].setText(f"{plan.n_ctx} · {plan.n_gpu_layers}")
        self.notes.setText(" ".join(_translated(plan.notes, plan.note_codes)))

    def show_live(self, tokens: int, elapsed: float) -> None:
        if elapsed > 0.2:
            self.measured["gen"].setText(fmt.tokens_per_s(tokens / elapsed))

    def show_result(self, r: TrialResult) -> None:
        m = r.metrics
        self.measured["load"].setText(fmt.seconds(r.model.load_s))
        self.measured["ttft"].setText(fmt.seconds(m.ttft_s))
        self.measured["gen"].setText(fmt.tokens_per_s(m.gen_tok_per_s))
        self.measured["prompt"].setText(fmt.tokens_per_s(m.prompt_tok_per_s))
        self.measured["memory"].setText(fmt.gib(m.peak_rss_bytes))
        self.measured["setup"].setText(f"{m.n_ctx} · {m.n_gpu_layers} · {m.n_threads}")
        self.predicted["memory"].setText(fmt.gib(r.predicted_rss_bytes))
        self.predicted["gen"].setText(fmt.tokens_per_s(r.predicted_tok_per_s))
        if r.notes:
            coded = (*r.plan.note_codes, *r.model.note_codes)
            self.notes.setText(" ".join(_translated(r.notes, coded)))

    def figures(self) -> dict[str, str]:
        """What the labels show (for the finish page and tests)."""
        return {k: self.measured[k].text() for k in self.ROWS}


def _translated(
    notes: tuple[str, ...], codes: tuple[tuple[str, tuple[tuple[str, object], ...]], ...]
) -> list[str]:
    """Each note in the UI's language when it carries a code; English otherwise."""
    from wizard_app.core.errors import TEMPLATES, render
    from wizard_app.ui.errors import error_text

    by_text = {}
    for code, params in codes:
        if code in TEMPLATES:
            values = dict(params)
            by_text[render(code, values)[0]] = error_text(code, values, "")  # type: ignore[arg-type]
    return [by_text.get(n) or n for n in notes]
