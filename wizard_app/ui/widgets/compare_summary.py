"""A comparison's summary: a table per model, a speed and memory chart, a ratings chart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from wizard_app.ui import format as fmt
from wizard_app.ui.models.comparisons import SummaryModel
from wizard_app.ui.views.library_view import table
from wizard_app.ui.widgets.bar_chart import BarChart, Series

if TYPE_CHECKING:
    from wizard_app.core.compare.records import ComparisonRecord

MiB = 1024**2


class CompareSummary(QWidget):
    reveal_requested = Signal()
    export_requested = Signal(str)  # "md", "csv" or "json"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SummaryModel(self)
        self.table = table(self.tr("Summary per model"))
        self.table.setModel(self.model)
        self.speed_chart = BarChart(self.tr("Speed and memory per model"))
        self.ratings_chart = BarChart(self.tr("Ratings per model"))
        self.hidden_note = QLabel()
        self.hidden_note.setWordWrap(True)
        self.reveal = QPushButton(self.tr("Re&veal the names"))
        self.reveal.setAccessibleName(self.tr("Reveal the model names"))
        self.export_md = QPushButton(self.tr("Export Mar&kdown…"))
        self.export_md.setAccessibleName(self.tr("Export as Markdown"))
        self.export_csv = QPushButton(self.tr("E&xport CSV…"))
        self.export_csv.setAccessibleName(self.tr("Export as CSV"))
        self.export_json = QPushButton(self.tr("Export &JSON…"))
        self.export_json.setAccessibleName(self.tr("Export as JSON"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.hidden_note, 1)
        for b in (self.reveal, self.export_md, self.export_csv, self.export_json):
            buttons.addWidget(b)
        charts = QHBoxLayout()
        for title, chart in (
            (self.tr("<b>Speed and memory</b>"), self.speed_chart),
            (self.tr("<b>Ratings</b>"), self.ratings_chart),
        ):
            box = QVBoxLayout()
            box.addWidget(QLabel(title))
            box.addWidget(chart, 1)
            charts.addLayout(box, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(charts, 1)
        layout.addLayout(buttons)
        self.reveal.clicked.connect(self.reveal_requested)
        self.export_md.clicked.connect(lambda: self.export_requested.emit("md"))
        self.export_csv.clicked.connect(lambda: self.export_requested.emit("csv"))
        self.export_json.clicked.connect(lambda: self.export_requested.emit("json"))
        self.set_comparison(None)

    def set_comparison(self, rec: ComparisonRecord | None) -> None:
        for b in (self.export_md, self.export_csv, self.export_json):
            b.setEnabled(rec is not None)
        if rec is None:
            self.model.set_rows([])
            self.speed_chart.set_data([], [])
            self.ratings_chart.set_data([], [])
            self.reveal.setVisible(False)
            self.hidden_note.setText("")
            return
        from wizard_app.core.compare.summary import display_order, summarize

        by_model = summarize(rec)
        rows = [by_model[mi] for mi in display_order(rec)]
        self.model.set_rows(rows)
        groups = [s.label for s in rows]
        self.speed_chart.set_data(
            groups,
            [
                Series(
                    self.tr("Tokens/s"),
                    tuple(s.gen_tok_per_s for s in rows),
                    lambda v: fmt.tokens_per_s(v) if v else "–",
                ),
                Series(
                    self.tr("Peak memory"),
                    tuple(s.peak_rss_bytes for s in rows),
                    lambda v: fmt.gib(v, 2) if v else "–",
                ),
                Series(
                    self.tr("Predicted memory"),
                    tuple(s.predicted_rss_bytes for s in rows),
                    lambda v: fmt.gib(v, 2) if v else "–",
                ),
            ],
        )
        self.ratings_chart.set_data(
            groups,
            [
                Series(
                    self.tr("Mean rating"),
                    tuple(s.mean_rating for s in rows),
                    lambda v: fmt.number(v, 1) + " / 5" if v is not None else "–",
                    maximum=5.0,
                ),
                Series(
                    self.tr("Wins"),
                    tuple(float(s.wins) for s in rows),
                    lambda v: fmt.number(v or 0, 0),
                    maximum=float(max(1, len(rec.prompts))),
                ),
            ],
        )
        hidden = rec.names_hidden
        self.reveal.setVisible(hidden)
        self.hidden_note.setText(
            self.tr("Blind mode: the names show once every answer is rated.") if hidden else ""
        )
