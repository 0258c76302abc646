"""A model served from the app stays in sight after the Serve dialog closes: My models
says where it is served and its Serve button stops it (a real llama-cpp-python server)."""

from __future__ import annotations

from pathlib import Path

from wizard_app.core.library.installed import Library
from wizard_app.core.serve.server import free_port, port_in_use
from wizard_app.ui.views.library_view import LibraryView


def test_a_server_outlives_its_dialog_in_sight_and_stops_from_my_models(  # type: ignore[no-untyped-def]
    qtbot, ready, tiny_chat: Path
) -> None:
    Library(ready.database, ready.models_dir).import_file(tiny_chat)
    view = LibraryView(ready)
    qtbot.addWidget(view)
    view.refresh()
    assert view.selected() is not None
    assert view.serve_button.text() == "Ser&ve…"
    view.serve_button.click()
    dialog = view.serve_dialog
    port = free_port()
    dialog.port.setValue(port)
    dialog.start.click()
    qtbot.waitUntil(lambda: dialog.url.text() != "", timeout=60_000)
    qtbot.waitUntil(lambda: dialog._task is None, timeout=10_000)
    dialog.close()
    assert port_in_use(port)  # closing the dialog leaves it serving...
    url = f"http://127.0.0.1:{port}/v1"
    assert f"serving on {url}" in view.serving.text()  # ...and My models says so
    assert not view.serving.isHidden()
    assert view.serve_button.text() == "Stop ser&ving"
    view.serve_button.click()
    qtbot.waitUntil(lambda: not port_in_use(port), timeout=15_000)
    qtbot.waitUntil(lambda: view.serve_button.text() == "Ser&ve…", timeout=5_000)
    assert view.serving.text() == ""
    assert view.serving.isHidden()
    assert ready.serving.servers == []


def test_a_server_that_dies_leaves_my_models(qtbot, ready, tiny_chat: Path) -> None:  # type: ignore[no-untyped-def]
    import os
    import signal

    from wizard_app.ui.views.serve_dialog import ServeDialog

    Library(ready.database, ready.models_dir).import_file(tiny_chat)
    view = LibraryView(ready)
    qtbot.addWidget(view)
    view.refresh()
    dialog = ServeDialog(ready, tiny_chat, n_ctx=512)
    qtbot.addWidget(dialog)
    dialog.port.setValue(free_port())
    dialog.start.click()
    qtbot.waitUntil(lambda: dialog.url.text() != "", timeout=60_000)
    dialog.close()
    qtbot.waitUntil(lambda: view.serve_button.text() == "Stop ser&ving", timeout=5_000)
    server = dialog.server
    assert server is not None
    assert server.pid is not None
    os.kill(server.pid, signal.SIGKILL)  # it crashes, out of the app's hands
    qtbot.waitUntil(lambda: view.serve_button.text() == "Ser&ve…", timeout=10_000)
    assert view.serving.isHidden()
    assert ready.serving.servers == []


def test_the_dialog_says_which_chat_format_a_file_without_a_template_gets(  # type: ignore[no-untyped-def]
    qtbot, ready, real_gemma3: Path, tiny_chat: Path
) -> None:
    from wizard_app.ui.views.serve_dialog import ServeDialog

    dialog = ServeDialog(ready, real_gemma3, n_ctx=512)
    qtbot.addWidget(dialog)
    dialog.port.setValue(free_port())
    dialog.start.click()
    qtbot.waitUntil(lambda: dialog.url.text() != "", timeout=120_000)
    qtbot.waitUntil(lambda: dialog._task is None, timeout=10_000)
    assert "prompted in the gemma format, as Try it does" in dialog.status.text()
    dialog.stop.click()
    qtbot.waitUntil(lambda: dialog.server is None, timeout=15_000)
