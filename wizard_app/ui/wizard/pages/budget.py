"""Page 4: money for hardware, disk space, speed against quality, context length."""

from __future__ import annotations

from PySide6.QtCore import SIGNAL, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from wizard_app.core.settings import CONTEXT_CHOICES
from wizard_app.ui import format as fmt
from wizard_app.ui import labels
from wizard_app.ui.services import Services

PRIORITY_BY_POSITION = ("speed", "balanced", "quality")


class BudgetPage(QWizardPage):
    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.setTitle(self.tr("Budget and preferences"))
        self.setSubTitle(self.tr("What you can spend, and what matters more to you."))
        self._make_fields()
        self._lay_out()
        self.registerField("budget_usd", self.money)
        self.registerField("disk_budget_gb", self.disk, "value", SIGNAL("valueChanged(double)"))
        self.registerField("priority_position", self.priority)
        self.registerField(
            "context", self.context, "currentData", SIGNAL("currentIndexChanged(int)")
        )
        self.priority.valueChanged.connect(self._on_priority_value_changed)
        self._on_priority_value_changed(self.priority.value())
        self.select_context(services.settings.default_context)

    def _make_fields(self) -> None:
        self.money = QSpinBox()
        self.money.setRange(0, 1_000_000)
        self.money.setSingleStep(100)
        self.money.setSuffix(self.tr(" USD"))
        self.money.setGroupSeparatorShown(True)
        self.money.setSpecialValueText(self.tr("Nothing: this machine as it is"))
        self.money.setAccessibleName(self.tr("Money for hardware upgrades in US dollars"))
        self.disk = QDoubleSpinBox()
        self.disk.setRange(0, 100_000)
        self.disk.setDecimals(0)
        self.disk.setSingleStep(5)
        self.disk.setSuffix(self.tr(" GB"))
        self.disk.setSpecialValueText(self.tr("No limit (free space)"))
        self.disk.setAccessibleName(self.tr("Disk space for models in GB"))
        self.priority = QSlider(Qt.Orientation.Horizontal)
        self.priority.setRange(0, 2)
        self.priority.setPageStep(1)
        self.priority.setValue(1)
        self.priority.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.priority.setAccessibleName(self.tr("Speed against quality"))
        self.priority_text = QLabel()
        self.context = QComboBox()
        self.context.setAccessibleName(self.tr("Context length"))
        self.context.addItem(self.tr("Automatic (what the use case needs)"), 0)
        for n in CONTEXT_CHOICES:
            self.context.addItem(fmt.tokens(n), n)

    def _lay_out(self) -> None:
        slider_row = QWidget()
        row = QHBoxLayout(slider_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(labels.priority_label("speed")))
        row.addWidget(self.priority, 1)
        row.addWidget(QLabel(labels.priority_label("quality")))
        form = QFormLayout()
        for text, widget in (
            (self.tr("&Money for hardware:"), self.money),
            (self.tr("&Disk space for models:"), self.disk),
            (self.tr("&Speed or quality:"), slider_row),
            ("", self.priority_text),
            (self.tr("&Context length:"), self.context),
        ):
            label = QLabel(text)
            label.setBuddy(self.priority if widget is slider_row else widget)
            form.addRow(label, widget)
        hint = QLabel(
            self.tr(
                "The context is how much text the model keeps in view: a long document or "
                "conversation needs more, and more memory."
            )
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addStretch(1)

    def select_context(self, tokens: int) -> None:
        self.context.setCurrentIndex(max(0, self.context.findData(tokens)))

    def _on_priority_value_changed(self, value: int) -> None:
        text = {
            0: self.tr("Faster answers: smaller models or stronger compression."),
            1: self.tr("A balance of answer quality and speed."),
            2: self.tr("The best answers that fit, even if they come slowly."),
        }[value]
        self.priority_text.setText(text)
        self.priority.setAccessibleDescription(text)
