"""Page 2: what the model is for, in which language, under which constraints."""

from __future__ import annotations

from PySide6.QtCore import SIGNAL, Property, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from wizard_app.ui import labels

_KEY = 256  # Qt.UserRole


class UseCasePage(QWizardPage):
    use_case_changed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("What will you use the model for?"))
        self.setSubTitle(self.tr("The recommendation weighs published results for this use."))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Use case"))
        self.list.setSpacing(3)
        self.list.setAlternatingRowColors(True)
        for key in labels.USE_CASES:
            # two lines: the name, and what it covers
            text = f"{labels.use_case_label(key)}\n{labels.use_case_description(key)}"
            item = QListWidgetItem(text)
            item.setData(_KEY, key)
            item.setToolTip(labels.use_case_description(key))
            self.list.addItem(item)
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language the model must speak"))
        self.language.addItem(self.tr("Any (English is fine)"), None)
        for code in labels.LANGUAGES:
            self.language.addItem(labels.language_name(code), code)
        self.licence = QComboBox()
        self.licence.setAccessibleName(self.tr("Licence"))
        for code in labels.LICENCE_CHOICES:
            self.licence.addItem(labels.licence_choice_label(code), code)
        self.fully_open = QCheckBox(self.tr("Only &fully open models"))
        self.fully_open.setAccessibleName(self.tr("Only fully open models"))
        self.fully_open.setToolTip(
            self.tr(
                "Training data, weights, evaluation code, fine-tuning code and training "
                "metrics all public."
            )
        )
        form = QFormLayout()
        lang_label = QLabel(self.tr("&Language:"))
        lang_label.setBuddy(self.language)
        lic_label = QLabel(self.tr("Li&cence:"))
        lic_label.setBuddy(self.licence)
        form.addRow(lang_label, self.language)
        form.addRow(lic_label, self.licence)
        form.addRow("", self.fully_open)
        layout = QVBoxLayout(self)
        use_label = QLabel(self.tr("&Use case:"))
        use_label.setBuddy(self.list)
        layout.addWidget(use_label)
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        # the selected item, not the current one: focus makes an item current by itself
        self.list.itemSelectionChanged.connect(self._on_list_selection_changed)
        self.registerField("use_case*", self, "use_case", SIGNAL("use_case_changed(QString)"))
        self.registerField(
            "language", self.language, "currentData", SIGNAL("currentIndexChanged(int)")
        )
        self.registerField(
            "license", self.licence, "currentData", SIGNAL("currentIndexChanged(int)")
        )
        self.registerField("fully_open", self.fully_open)

    def _get_use_case(self) -> str:
        items = self.list.selectedItems()
        return str(items[0].data(_KEY)) if items else ""

    use_case = Property(str, _get_use_case, notify=use_case_changed)

    def select_use_case(self, key: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(_KEY) == key:
                self.list.setCurrentRow(row)
                return
        raise KeyError(key)

    def select_language(self, code: str | None) -> None:
        index = self.language.findData(code) if code else 0
        self.language.setCurrentIndex(max(0, index))

    def _on_list_selection_changed(self) -> None:
        key = self._get_use_case()
        self.use_case_changed.emit(key)
