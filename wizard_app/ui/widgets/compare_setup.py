"""Setting up a comparison: two to four models, a prompt set to edit, the settings."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from wizard_app.core.compare.spec import (
    DEFAULT_SEED,
    MAX_MODELS,
    CompareSettings,
    ModelChoice,
    PromptItem,
)
from wizard_app.ui import format as fmt
from wizard_app.ui.labels import use_case_label

if TYPE_CHECKING:
    from wizard_app.core.compare.prompt_sets import PromptSet
    from wizard_app.core.library.installed import ModelEntry
    from wizard_app.ui.services import Services

ROLE = Qt.ItemDataRole.UserRole


class CompareSetup(QWidget):
    start_requested = Signal()
    save_set_requested = Signal(str)  # the name to save the prompts under

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.models = QListWidget()
        self.models.setAccessibleName(self.tr("Models to compare"))
        self.source = QComboBox()
        self.source.setAccessibleName(self.tr("Prompt set"))
        self.prompts = QListWidget()
        self.prompts.setAccessibleName(self.tr("Prompts"))
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName(self.tr("Prompt text"))
        self.editor.setPlaceholderText(self.tr("Type a prompt, then Add or Update."))
        self.editor.setTabChangesFocus(True)
        self.editor.setMaximumHeight(90)
        self.add = QPushButton(self.tr("&Add"))
        self.add.setAccessibleName(self.tr("Add the prompt"))
        self.update_button = QPushButton(self.tr("Up&date"))
        self.update_button.setAccessibleName(self.tr("Update the selected prompt"))
        self.remove = QPushButton(self.tr("&Remove"))
        self.remove.setAccessibleName(self.tr("Remove the selected prompt"))
        self.up = QPushButton(self.tr("Move &earlier"))
        self.up.setAccessibleName(self.tr("Move the selected prompt up"))
        self.down = QPushButton(self.tr("Move la&ter"))
        self.down.setAccessibleName(self.tr("Move the selected prompt down"))
        self.set_name = QLineEdit()
        self.set_name.setAccessibleName(self.tr("Name of the prompt set"))
        self.set_name.setPlaceholderText(self.tr("Name for this set"))
        self.save_set = QPushButton(self.tr("Sa&ve as set"))
        self.save_set.setAccessibleName(self.tr("Save the prompts as a set"))
        self.max_tokens = QSpinBox()
        self.max_tokens.setRange(1, 8192)
        self.max_tokens.setValue(256)
        self.max_tokens.setSingleStep(64)
        self.max_tokens.setSuffix(self.tr(" tokens"))
        self.max_tokens.setAccessibleName(self.tr("Longest answer in tokens"))
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setValue(DEFAULT_SEED)
        self.seed.setAccessibleName(self.tr("Seed for sampling"))
        self.blind = QCheckBox(self.tr("&Blind: hide the model names until I have rated"))
        self.blind.setAccessibleName(self.tr("Blind mode"))
        self.start = QPushButton(self.tr("Start the compar&ison"))
        self.start.setAccessibleName(self.tr("Start the comparison"))
        self.start.setDefault(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self._layout()
        self._remote: list[ModelChoice] = []  # models on servers, added by the user
        self.base_settings = CompareSettings()  # sampling beyond what the form shows
        self.use_case: str | None = None
        self.sets: list[PromptSet] = []
        self.source.currentIndexChanged.connect(self._on_source_current_index_changed)
        self.prompts.currentRowChanged.connect(self._on_prompts_current_row_changed)
        self.add.clicked.connect(self.add_prompt)
        self.update_button.clicked.connect(self.update_prompt)
        self.remove.clicked.connect(self.remove_prompt)
        self.up.clicked.connect(lambda: self.move_prompt(-1))
        self.down.clicked.connect(lambda: self.move_prompt(1))
        self.save_set.clicked.connect(self._on_save_set_clicked)
        self.models.itemChanged.connect(self._on_models_item_changed)
        self.start.clicked.connect(self.start_requested)

    def _layout(self) -> None:
        models_box = QGroupBox(self.tr("Models (two to four)"))
        ml = self._models_layout = QVBoxLayout(models_box)
        ml.addWidget(self.models)
        prompts_box = QGroupBox(self.tr("Prompts"))
        pl = QVBoxLayout(prompts_box)
        source_label = QLabel(self.tr("&Prompt set:"))
        source_label.setBuddy(self.source)
        row = QHBoxLayout()
        row.addWidget(source_label)
        row.addWidget(self.source, 1)
        pl.addLayout(row)
        pl.addWidget(self.prompts, 1)
        pl.addWidget(self.editor)
        buttons = QHBoxLayout()
        for b in (self.add, self.update_button, self.remove, self.up, self.down):
            buttons.addWidget(b)
        pl.addLayout(buttons)
        save = QHBoxLayout()
        save.addWidget(self.set_name, 1)
        save.addWidget(self.save_set)
        pl.addLayout(save)
        form = QFormLayout()
        form.addRow(self.tr("Longest ans&wer:"), self.max_tokens)
        form.addRow(self.tr("Samplin&g seed:"), self.seed)
        form.addRow(self.blind)
        top = QHBoxLayout()
        top.addWidget(models_box, 2)
        top.addWidget(prompts_box, 3)
        bottom = QHBoxLayout()
        bottom.addLayout(form)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.start)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(bottom)

    # ---- models --------------------------------------------------------------------------
    def enable_servers(self, services: Services) -> None:
        """Models on the user's endpoints can join: a runtime picker and an Add button."""
        from wizard_app.ui.widgets.runtime_picker import RuntimePicker

        self.servers = RuntimePicker(services)
        self.add_remote = QPushButton(self.tr("Add the server's &model"))
        self.add_remote.setAccessibleName(self.tr("Add the chosen model on the server"))
        self.add_remote.setEnabled(False)
        self._models_layout.addWidget(self.servers)
        self._models_layout.addWidget(self.add_remote)
        self.servers.changed.connect(self._on_servers_changed)
        self.add_remote.clicked.connect(self._on_add_remote_clicked)

    def _on_servers_changed(self) -> None:
        self.add_remote.setEnabled(self.servers.selected() is not None)

    def _on_add_remote_clicked(self) -> None:
        chosen = self.servers.selected()
        if chosen is None:
            return
        endpoint, model = chosen
        choice = ModelChoice.for_remote(endpoint.name, model)
        if any(c.path == choice.path for c in self._remote):
            return
        self._remote.append(choice)
        self._add_remote_item(choice, checked=len(self.chosen_models()) < MAX_MODELS)

    def _add_remote_item(self, choice: ModelChoice, checked: bool) -> None:
        item = QListWidgetItem(self.tr("%1 (on a server)").replace("%1", choice.label))
        item.setData(ROLE, choice)
        item.setFlags(
            Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEnabled
        )
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.models.addItem(item)

    def set_models(self, entries: list[ModelEntry], checked: set[Path] | None = None) -> None:
        keep = checked if checked is not None else {m.path for m in self.chosen_models()}
        self.models.blockSignals(True)
        self.models.clear()
        for e in entries:
            text = f"{e.display_name} · {e.quant or '?'} · {fmt.gb(e.size_bytes)}"
            item = QListWidgetItem(
                text if e.present else self.tr("%1 (file missing)").replace("%1", text)
            )
            choice = ModelChoice(e.display_name, e.path, e.id, e.catalog_id, e.quant)
            item.setData(ROLE, choice)
            flags = Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
            item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled if e.present else flags)
            item.setCheckState(
                Qt.CheckState.Checked if e.path in keep and e.present else Qt.CheckState.Unchecked
            )
            self.models.addItem(item)
        for choice in self._remote:
            self._add_remote_item(choice, checked=choice.path in keep)
        self.models.blockSignals(False)
        if not entries:
            self.status.setText(
                self.tr("No models yet: download one in the wizard or import one in My models.")
            )

    def check_models(self, paths: set[Path]) -> None:
        for i in range(self.models.count()):
            item = self.models.item(i)
            if item.flags() & Qt.ItemFlag.ItemIsEnabled:
                hit = item.data(ROLE).path in paths
                item.setCheckState(Qt.CheckState.Checked if hit else Qt.CheckState.Unchecked)

    def chosen_models(self) -> list[ModelChoice]:
        chosen = []
        for i in range(self.models.count()):
            item = self.models.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                chosen.append(item.data(ROLE))
        labels = [c.label for c in chosen]
        return [
            replace(c, label=f"{c.label} {c.quant}") if labels.count(c.label) > 1 and c.quant else c
            for c in chosen
        ]

    def _on_models_item_changed(self, item: QListWidgetItem) -> None:
        if item.checkState() == Qt.CheckState.Checked and len(self.chosen_models()) > MAX_MODELS:
            item.setCheckState(Qt.CheckState.Unchecked)
            self.status.setText(self.tr("At most four models can be compared at once."))

    # ---- prompt sets ---------------------------------------------------------------------
    def set_prompt_sets(self, sets: list[PromptSet], use_case: str | None = None) -> None:
        """The presets of each use case and the saved sets; ``use_case``'s is chosen."""
        self.sets = sets
        current = self.source.currentData()
        self.source.blockSignals(True)
        self.source.clear()
        self.source.addItem(self.tr("Your own prompts"), None)
        for i, s in enumerate(sets):
            if s.builtin:
                text = self.tr("Presets: %1").replace("%1", use_case_label(s.use_case or s.name))
            else:
                text = self.tr("Saved: %1").replace("%1", s.name)
            self.source.addItem(text, i)
        self.source.blockSignals(False)
        if use_case is not None:
            self.use_case = use_case
            wanted = next(
                (i for i, s in enumerate(sets) if s.builtin and s.use_case == use_case), None
            )
            self.source.setCurrentIndex(self.source.findData(wanted) if wanted is not None else 0)
            self._on_source_current_index_changed(self.source.currentIndex())
        elif current is not None and self.source.findData(current) >= 0:
            self.source.blockSignals(True)
            self.source.setCurrentIndex(self.source.findData(current))
            self.source.blockSignals(False)

    def _on_source_current_index_changed(self, index: int) -> None:
        position = self.source.itemData(index)
        if position is None:
            return  # "your own prompts": keep the list as it is, to edit
        chosen = self.sets[position]
        if chosen.use_case:
            self.use_case = chosen.use_case
        self.set_prompts(list(chosen.prompts))

    def set_prompts(self, prompts: list[PromptItem]) -> None:
        self.prompts.clear()
        for p in prompts:
            self.prompts.addItem(self._prompt_item(p))
        if prompts:
            self.prompts.setCurrentRow(0)

    def _prompt_item(self, p: PromptItem) -> QListWidgetItem:
        first = p.prompt.strip().splitlines()[0] if p.prompt.strip() else ""
        item = QListWidgetItem(f"{p.title}: {first}" if p.title else first)
        item.setToolTip(p.prompt)
        item.setData(ROLE, p)
        return item

    def prompt_items(self) -> list[PromptItem]:
        return [self.prompts.item(i).data(ROLE) for i in range(self.prompts.count())]

    def _on_prompts_current_row_changed(self, row: int) -> None:
        if 0 <= row < self.prompts.count():
            self.editor.setPlainText(self.prompts.item(row).data(ROLE).prompt)

    def _own(self) -> None:
        """An edit makes the list the user's own (the preset set stays as it was)."""
        self.source.blockSignals(True)
        self.source.setCurrentIndex(0)
        self.source.blockSignals(False)

    def add_prompt(self) -> None:
        text = self.editor.toPlainText().strip()
        if not text:
            self.status.setText(self.tr("Type the prompt first."))
            return
        self._own()
        self.prompts.addItem(self._prompt_item(PromptItem(prompt=text)))
        self.prompts.setCurrentRow(self.prompts.count() - 1)

    def update_prompt(self) -> None:
        row, text = self.prompts.currentRow(), self.editor.toPlainText().strip()
        if row < 0 or not text:
            return
        self._own()
        old: PromptItem = self.prompts.item(row).data(ROLE)
        self.prompts.takeItem(row)
        self.prompts.insertItem(row, self._prompt_item(replace(old, prompt=text)))
        self.prompts.setCurrentRow(row)

    def remove_prompt(self) -> None:
        row = self.prompts.currentRow()
        if row >= 0:
            self._own()
            self.prompts.takeItem(row)

    def move_prompt(self, step: int) -> None:
        row = self.prompts.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.prompts.count():
            return
        self._own()
        item = self.prompts.takeItem(row)
        self.prompts.insertItem(target, item)
        self.prompts.setCurrentRow(target)

    def _on_save_set_clicked(self) -> None:
        self.save_set_requested.emit(self.set_name.text().strip())

    # ---- settings ------------------------------------------------------------------------
    def settings(self) -> CompareSettings:
        return replace(
            self.base_settings, max_tokens=self.max_tokens.value(), seed=self.seed.value()
        )

    def load_settings(self, settings: CompareSettings, blind: bool) -> None:
        self.base_settings = settings
        self.max_tokens.setValue(settings.max_tokens)
        self.seed.setValue(settings.seed)
        self.blind.setChecked(blind)
