"""Settings say which llama.cpp backends this installation runs models with."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from wizard_app import __version__
from wizard_app.core.runtime.build_info import compiled_backends
from wizard_app.ui.i18n import i18n_dir
from wizard_app.ui.views.settings_dialog import SettingsDialog


def test_settings_name_the_version_and_the_backends(qtbot, ready) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(ready)
    qtbot.addWidget(dialog)
    dialog.show()
    text = dialog.build.text()
    assert __version__ in text
    assert text.endswith("llama.cpp backends: " + " + ".join(compiled_backends()))
    assert "CPU" in text


def test_the_backends_line_is_in_dutch_too(qtbot, ready) -> None:  # type: ignore[no-untyped-def]
    translator = QTranslator()
    assert translator.load(QLocale(QLocale.Language.Dutch), "wizard", "_", i18n_dir())
    app = QApplication.instance()
    app.installTranslator(translator)
    try:
        dialog = SettingsDialog(ready)
        qtbot.addWidget(dialog)
        assert "llama.cpp-backends: " in dialog.build.text()
        assert dialog.build.accessibleName() == "Versie en llama.cpp-backends"
    finally:
        app.removeTranslator(translator)
