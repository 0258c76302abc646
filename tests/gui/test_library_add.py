"""My models: adding a GGUF file from disk, and what a search of other apps reports."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from wizard_app.core.library.installed import Library
from wizard_app.core.library.scan import ScanRoots
from wizard_app.ui.views.library_view import LibraryView


def test_a_gguf_file_is_added_from_disk(qtbot, ready, tiny_chat, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    view = LibraryView(ready)
    qtbot.addWidget(view)
    assert view.models.rowCount() == 0
    view.add_button.click()
    assert isinstance(view.file_dialog, QFileDialog)
    assert "*.gguf" in view.file_dialog.nameFilters()[0]
    view.file_dialog.reject()
    view.import_file(tiny_chat)
    qtbot.waitUntil(lambda: view.models.rowCount() == 1, timeout=10_000)
    assert view.add_button.isEnabled()
    selected = view.selected()
    assert selected is not None
    assert Path(selected.path) == tiny_chat.resolve()  # used where it is, not copied
    assert view.status.text().startswith("Added ")
    entry = Library(ready.database, ready.models_dir).find_path(tiny_chat.resolve())
    assert entry is not None
    assert entry.source == "import"


def test_a_file_that_is_not_a_model_says_so(qtbot, ready, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    notes = tmp_path / "notes.gguf"
    notes.write_text("<html>404 Not Found</html>")
    view = LibraryView(ready)
    qtbot.addWidget(view)
    view.import_file(notes)
    qtbot.waitUntil(lambda: view.message is not None, timeout=10_000)
    assert view.message is not None
    assert view.message.text() == "notes.gguf was not added to My models."
    assert "not a GGUF" in view.message.informativeText()
    assert "not added" in view.status.text()
    assert view.models.rowCount() == 0
    assert view.add_button.isEnabled()
    view.message.close()


def test_a_search_that_finds_nothing_says_where_it_looked(qtbot, ready, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    view = LibraryView(ready)
    qtbot.addWidget(view)
    empty = tmp_path / "lmstudio"
    empty.mkdir()
    view.scan_roots = ScanRoots(lmstudio=(empty,), ollama=(tmp_path / "ollama",))
    view.scan_button.click()
    qtbot.waitUntil(view.scan_button.isEnabled, timeout=10_000)
    text = view.status.text()
    assert "No models from other apps were found" in text
    assert str(empty) in text
    assert str(tmp_path / "ollama") in text


def test_a_search_counts_what_it_found(qtbot, ready, tiny_chat, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    gpt4all = tmp_path / "gpt4all"
    gpt4all.mkdir()
    (gpt4all / "tiny.gguf").write_bytes(tiny_chat.read_bytes())
    view = LibraryView(ready)
    qtbot.addWidget(view)
    view.scan_roots = ScanRoots(gpt4all=(gpt4all,))
    view.scan_button.click()
    qtbot.waitUntil(view.scan_button.isEnabled, timeout=10_000)
    assert view.status.text().startswith("Models found in other apps: 1.")
    assert view.models.rowCount() == 1
