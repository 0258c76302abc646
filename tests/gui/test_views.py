"""My models, History and Settings: what the app reopens to, and its settings."""

from __future__ import annotations

import json
import stat

from PySide6.QtWidgets import QDialog, QMessageBox, QTextBrowser

from tests.gui.dutch import in_dutch
from wizard_app.core.library.installed import Library
from wizard_app.core.recommend import history
from wizard_app.core.recommend.engine import Recommender, RecommendRequest
from wizard_app.core.settings import AppSettings
from wizard_app.ui.main_window import MainWindow
from wizard_app.ui.views.history_view import HistoryView
from wizard_app.ui.views.library_view import LibraryView
from wizard_app.ui.views.settings_dialog import SettingsDialog
from wizard_app.ui.wizard.page_ids import PageId

from .conftest import laptop


def test_settings_are_checked_and_saved_privately(qtbot, ready) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(ready)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.endpoint.setText("ftp://mirror.example")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.error.isVisible()
    assert "not an http(s) URL" in dialog.error.text()
    assert not ready.paths.settings_file.exists()
    dialog.endpoint.setText("https://hf-mirror.example")
    dialog.token.setText("hf_secret")
    dialog.threads.setValue(6)
    dialog.context.setCurrentIndex(dialog.context.findData(8192))
    with qtbot.waitSignal(ready.settings_changed):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = json.loads(ready.paths.settings_file.read_text())
    assert saved["hub_endpoint"] == "https://hf-mirror.example"
    assert saved["threads"] == 6
    assert stat.S_IMODE(ready.paths.settings_file.stat().st_mode) == 0o600
    assert AppSettings.load(ready.paths.settings_file) == ready.settings
    assert ready.settings.default_context == 8192


def test_history_lists_and_reopens_a_recommendation(qtbot, ready) -> None:  # type: ignore[no-untyped-def]
    rec = Recommender(ready.catalog).run(laptop(), RecommendRequest(use_case="creative"))
    history.save(ready.database, "Creative (balanced)", laptop(), rec)
    view = HistoryView(ready)
    qtbot.addWidget(view)
    assert view.answers.rowCount() == 1
    view.answers_view.setCurrentIndex(view.answers.index(0, 0))
    view.show_button.click()
    qtbot.waitUntil(lambda: getattr(view, "last_dialog", None) is not None, timeout=10_000)
    text = view.last_dialog.findChild(QTextBrowser).toPlainText()
    assert rec.picks[0].name in text
    view.last_dialog.close()


def test_library_lists_and_removes_a_model(qtbot, ready, tiny_chat) -> None:  # type: ignore[no-untyped-def]
    target = ready.models_dir / "org" / "repo" / "tiny.gguf"
    target.parent.mkdir(parents=True)
    target.write_bytes(tiny_chat.read_bytes())
    Library(ready.database, ready.models_dir).add_download(
        target, repo="org/repo", filename="tiny.gguf", revision="main", sha256="0" * 64,
        info=None, quant="F16",
    )  # fmt: skip
    view = LibraryView(ready)
    qtbot.addWidget(view)
    assert view.models.rowCount() == 1
    assert not view.empty.isVisibleTo(view)
    assert view.try_button.isEnabled()
    view.remove_button.click()
    box = view.findChild(QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: view.models.rowCount() == 0)
    assert not target.exists()  # downloaded by the app: its file goes too


def test_finishing_runs_the_wizard_again_from_the_library(qtbot, ready) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ready)
    qtbot.addWidget(window)
    window.show()
    window.wizard.next()
    assert window.wizard.currentId() == PageId.USE_CASE
    window.wizard.done(QDialog.DialogCode.Accepted)
    assert window.tabs.currentWidget() is window.library
    assert window.wizard.currentId() == PageId.WELCOME
    window.tabs.setCurrentWidget(window.wizard)
    assert window.wizard.isVisible()  # ready for another run
    window.wizard.page(PageId.WELCOME).history_button.click()
    assert window.tabs.currentWidget() is window.history


def test_a_damaged_database_set_aside_is_told_in_the_users_language(  # type: ignore[no-untyped-def]
    qtbot, qapp, services, catalog, paths
) -> None:
    from wizard_app.core.storage.database import Database
    from wizard_app.ui.services import Loaded, load_presets

    paths.database.write_bytes(b"")  # an empty file where the database should be
    with in_dutch(qapp):
        window = MainWindow(services)
        qtbot.addWidget(window)
        services.adopt(Loaded(catalog, Database(paths.database), load_presets()))
        box = window.notice_box
        assert box.isVisible()
        assert box.icon() == QMessageBox.Icon.Warning
        text = box.text()
        assert "beschadigd" in text  # Dutch, with what happened and where the file went
        assert "the file is empty" in text  # the technical cause, as SQLite's words
        assert str(services.database.moved_to) in text
        box.button(QMessageBox.StandardButton.Ok).click()
        assert not box.isVisible()
