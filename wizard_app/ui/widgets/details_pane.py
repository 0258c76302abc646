"""The right-hand pane of the recommendations: one model's facts, fit and sources."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from wizard_app.ui import format as fmt
from wizard_app.ui import labels
from wizard_app.ui.reasons import reason_texts
from wizard_app.ui.widgets.badge import Badge
from wizard_app.ui.widgets.memory_bar import MemoryBar

if TYPE_CHECKING:
    from wizard_app.core.catalog import CatalogEntry
    from wizard_app.core.catalog.schema import Variant
    from wizard_app.core.fit import FitEstimate
    from wizard_app.core.recommend.engine import Pick

_LINKS = Qt.TextInteractionFlag.TextBrowserInteraction


def _label(rich: bool = True) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    if rich:
        label.setTextInteractionFlags(_LINKS)
        label.setOpenExternalLinks(True)
    return label


def _bullets(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>"


def _link(url: str, text: str | None = None) -> str:
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(text or url)}</a>'


class DetailsPane(QScrollArea):
    """Set with ``show_pick``; ``quant_changed`` asks the page for a new estimate."""

    quant_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName(self.tr("Model details"))
        body = QWidget()
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        self.verdict = Badge()
        self.licence = Badge()
        self.openness_badge = Badge()
        badges = QHBoxLayout()
        for b in (self.verdict, self.licence, self.openness_badge):
            badges.addWidget(b)
        badges.addStretch(1)
        self.quant = QComboBox()
        self.quant.setAccessibleName(self.tr("Quantisation"))
        self.quant.setToolTip(
            self.tr("Smaller quants need less memory and run faster, at some cost in quality.")
        )
        quant_label = QLabel(self.tr("&Quant:"))
        quant_label.setBuddy(self.quant)
        quant_row = QHBoxLayout()
        quant_row.addWidget(quant_label)
        quant_row.addWidget(self.quant, 1)
        self.memory = MemoryBar()
        self.fit_text = _label(rich=False)
        self.fit_text.setAccessibleName(self.tr("Fit on this machine"))
        self.reasons = _label()
        self.facts = QFormLayout()
        self.openness = _label()
        self.caveats = _label()
        self.sources = _label()
        layout = QVBoxLayout(body)
        layout.addWidget(self.title)
        layout.addLayout(badges)
        layout.addLayout(quant_row)
        layout.addWidget(self.memory)
        layout.addWidget(self.fit_text)
        for heading, widget in (
            (self.tr("Why"), self.reasons),
            (self.tr("Model card"), None),
            (self.tr("Openness"), self.openness),
            (self.tr("Caveats"), self.caveats),
            (self.tr("Sources"), self.sources),
        ):
            layout.addWidget(self._heading(heading))
            if widget is None:
                layout.addLayout(self.facts)
            else:
                layout.addWidget(widget)
        layout.addStretch(1)
        self.setWidget(body)
        self.quant.activated.connect(self._on_quant_activated)
        self._unified = False

    def _heading(self, text: str) -> QLabel:
        label = QLabel(f"<b>{html.escape(text)}</b>")
        label.setTextFormat(Qt.TextFormat.RichText)
        return label

    # ---- filling ---------------------------------------------------------------------------
    def show_pick(
        self, pick: Pick, entry: CatalogEntry, quant: str, fit: FitEstimate, unified: bool
    ) -> None:
        v = entry.variant
        self._unified = unified
        self.title.setText(
            f"<h3>{html.escape(v.name)}</h3>{html.escape(entry.family)} · "
            f"{html.escape(entry.publisher)}"
        )
        self.licence.set_badge(
            v.license.name,
            {"yes": "gpu", "restricted": "cpu", "no": "no_fit"}[v.license.commercial],
            labels.commercial_label(v.license.commercial),
        )
        if v.openness.fully_open:
            self.openness_badge.set_badge(
                self.tr("Fully open"), "open", self.tr("All five openness criteria are public.")
            )
        else:
            self.openness_badge.set_badge(
                self.tr("Open weights"),
                "neutral",
                self.tr("Not every openness criterion is public."),
            )
        self.quant.blockSignals(True)
        self.quant.clear()
        for art in v.artifacts:
            size = art.approx_size_bytes
            text = f"{art.quant} · {fmt.gb(size)}" if size else art.quant
            self.quant.addItem(text, art.quant)
        self.quant.blockSignals(False)
        self.reasons.setText(_bullets(reason_texts(pick.reason_codes, pick.reasons)))
        self._fill_facts(v)
        self._fill_openness(v)
        self.caveats.setText(_bullets(v.caveats) if v.caveats else self.tr("None recorded."))
        self._fill_sources(v)
        self.show_fit(quant, fit)

    def show_fit(self, quant: str, fit: FitEstimate) -> None:
        self.quant.setCurrentIndex(max(0, self.quant.findData(quant)))
        self.verdict.set_badge(
            labels.verdict_label(fit.verdict), fit.verdict, labels.verdict_description(fit.verdict)
        )
        self.memory.set_fit(fit, self._unified)
        parts = [
            self.tr("Needs about %1 at %2.")
            .replace("%1", fmt.gib(fit.total_bytes))
            .replace("%2", fmt.tokens(fit.context))
        ]
        if fit.verdict == "split":
            parts.append(
                self.tr("%1 of %2 layers on the GPU.")
                .replace("%1", str(fit.gpu_layers))
                .replace("%2", str(fit.layers))
            )
        if fit.tokens_per_s:
            parts.append(
                self.tr("Expected speed: %1.").replace("%1", fmt.tokens_per_s(fit.tokens_per_s))
            )
        self.fit_text.setText(" ".join(parts))
        self.fit_text.setToolTip(fit.speed_assumption)

    def _fill_facts(self, v: Variant) -> None:
        while self.facts.rowCount():
            self.facts.removeRow(0)
        esc = html.escape
        params = fmt.number(v.parameters.total_b, 1) + " B"
        if v.parameters.active_b:
            params += self.tr(" (%1 B active)").replace("%1", fmt.number(v.parameters.active_b, 1))
        rows = [(self.tr("Parameters"), esc(params))]
        if v.architecture is not None:
            rows.append((self.tr("Architecture"), esc(v.architecture.arch)))
            rows.append((self.tr("Trained context"), esc(fmt.tokens(v.architecture.context))))
        if v.release_date is not None:
            rows.append((self.tr("Released"), esc(v.release_date.isoformat())))
        languages = ", ".join(labels.language_name(c) for c in v.languages)
        rows.append((self.tr("Languages"), esc(languages)))
        tuned = self.tr("yes") if v.instruct else self.tr("no")
        rows.append((self.tr("Instruction-tuned"), esc(tuned)))
        lic = _link(v.license.url, v.license.name)
        if v.license.gated:
            lic += " · " + esc(self.tr("gated: accept the licence on Hugging Face first"))
        rows.append((self.tr("Licence"), lic))
        if v.hub_repo:
            url = f"https://huggingface.co/{v.hub_repo}"
            rows.append((self.tr("Original"), _link(url, v.hub_repo)))
        for name, value in rows:
            label = _label()
            label.setText(value)
            label.setAccessibleName(name)
            self.facts.addRow(name + ":", label)

    def _fill_openness(self, v: Variant) -> None:
        marks = {
            True: self.tr("public"),
            False: self.tr("not public"),
            None: self.tr("not established"),
        }
        symbols = {True: "✓", False: "✗", None: "?"}
        rows = [
            f"<tr><td>{symbols[val]}</td><td>{html.escape(labels.openness_label(key))}</td>"
            f"<td>{html.escape(marks[val])}</td></tr>"
            for key, val in v.openness.criteria.items()
        ]
        self.openness.setText(
            "<table cellspacing='4'>"
            + "".join(rows)
            + "</table>"
            + _link(v.openness.source.url, self.tr("source"))
        )

    def _fill_sources(self, v: Variant) -> None:
        urls: list[str] = []
        for src in [*v.sources, v.openness.source, *(e.source for e in v.evidence)]:
            if src.url not in urls:
                urls.append(src.url)
        self.sources.setText("<br>".join(_link(u) for u in urls) or self.tr("None recorded."))

    def _on_quant_activated(self, index: int) -> None:
        self.quant_changed.emit(str(self.quant.itemData(index)))
