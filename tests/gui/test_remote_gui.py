"""Try it on a server, the endpoints in Settings and serving a model from the app, with
the real llama-cpp-python server on loopback (tests/remote_servers.py)."""

from __future__ import annotations

from pathlib import Path

from tests import remote_servers
from tests.gui.dutch import in_dutch
from tests.remote_servers import SERVED_ID, SERVED_KEY
from wizard_app.core.remote.endpoints import Endpoint, EndpointStore
from wizard_app.core.serve.server import LocalServer
from wizard_app.ui.services import Services
from wizard_app.ui.widgets.trial_panel import TrialPanel

served = remote_servers.served  # the fixture: the real server `serve` starts


def _store(services: Services) -> EndpointStore:
    return EndpointStore.in_config(services.paths.config)


def test_try_it_on_a_server(qtbot, ready: Services, served: LocalServer) -> None:  # type: ignore[no-untyped-def]
    _store(ready).add(Endpoint("box", f"http://127.0.0.1:{served.port}", SERVED_KEY))
    panel = TrialPanel(ready)
    qtbot.addWidget(panel)
    picker = panel.runtime
    assert picker.runtime.itemText(0) == "This computer"
    assert not picker.model.isVisibleTo(panel)
    picker.runtime.setCurrentIndex(picker.runtime.findData("box"))
    qtbot.waitUntil(lambda: picker.model.count() == 1, timeout=10_000)
    assert picker.model.currentText() == SERVED_ID
    panel.prompt.setPlainText("Hello")
    panel.max_tokens.setValue(16)
    panel.seed = 5
    with qtbot.waitSignal(panel.running_changed, timeout=30_000, check_params_cb=lambda r: not r):
        panel.run.click()
    assert panel.status.text() == "Done."
    figures = panel.metrics.figures()
    assert figures["ttft"] != "–"
    assert figures["memory"] == "–"  # the server's: not known here
    assert "through the network" in panel.metrics.notes.text()
    assert panel.last_result is None  # not a local run: nothing to calibrate


def test_a_server_that_refuses_says_so(qtbot, ready: Services, served: LocalServer) -> None:  # type: ignore[no-untyped-def]
    _store(ready).add(Endpoint("box", f"http://127.0.0.1:{served.port}", "wrong"))
    panel = TrialPanel(ready)
    qtbot.addWidget(panel)
    panel.runtime.runtime.setCurrentIndex(1)
    qtbot.waitUntil(lambda: "refused the API key" in panel.runtime.state.text(), timeout=10_000)
    panel.prompt.setPlainText("Hello")
    panel.run.click()
    assert "Choose a model on the server first" in panel.status.text()
    assert not panel.running


def test_local_runs_are_unchanged(qtbot, ready: Services, tiny_chat: Path) -> None:  # type: ignore[no-untyped-def]
    panel = TrialPanel(ready)
    qtbot.addWidget(panel)
    panel.set_model(tiny_chat, None, "chat", "en")
    panel.prompt.setPlainText("Hello")
    panel.max_tokens.setValue(16)
    with qtbot.waitSignal(panel.running_changed, timeout=60_000, check_params_cb=lambda r: not r):
        panel.run.click()
    assert panel.last_result is not None


def test_settings_keep_the_servers(qtbot, ready: Services, served: LocalServer) -> None:  # type: ignore[no-untyped-def]
    from wizard_app.ui.views.settings_dialog import SettingsDialog

    dialog = SettingsDialog(ready)
    qtbot.addWidget(dialog)
    editor = dialog.endpoints
    editor.name.setText("box")
    editor.url.setText("not a url")
    editor.save.click()
    assert "is not an http:// or https:// address" in editor.result.text()
    editor.url.setText(f"http://127.0.0.1:{served.port}")
    editor.key.setText(SERVED_KEY)
    editor.save.click()
    assert editor.list.count() == 1
    assert _store(ready).get("box").api_key == SERVED_KEY
    assert editor.key.echoMode() == editor.key.EchoMode.Password
    editor.list.setCurrentRow(0)
    editor.check.click()
    qtbot.waitUntil(lambda: "answered in" in editor.result.text(), timeout=10_000)
    assert SERVED_ID in editor.result.text()
    editor.remove.click()
    assert editor.list.count() == 0
    assert _store(ready).all() == []


def _serve(qtbot, services: Services, path: Path, *, keep: bool = False):  # type: ignore[no-untyped-def]
    from wizard_app.core.serve.server import free_port
    from wizard_app.ui.views.serve_dialog import ServeDialog

    dialog = ServeDialog(services, path, n_ctx=512)
    qtbot.addWidget(dialog)
    dialog.port.setValue(free_port())
    dialog.make_key.click()
    dialog.keep.setChecked(keep)
    dialog.start.click()
    qtbot.waitUntil(lambda: dialog.url.text() != "", timeout=60_000)
    qtbot.waitUntil(lambda: dialog._task is None, timeout=10_000)
    return dialog


def test_serve_from_the_app_and_stop(qtbot, ready: Services, tiny_chat: Path) -> None:  # type: ignore[no-untyped-def]
    import httpx2

    from wizard_app.ui.views.serve_dialog import ServeDialog

    dialog = _serve(qtbot, ready, tiny_chat)
    key = dialog.key.text()
    url = dialog.url.text()
    assert url == f"http://127.0.0.1:{dialog.port.value()}/v1"
    assert url in dialog._texts["curl"].toPlainText()
    assert key in dialog._texts["python"].toPlainText()
    listed = httpx2.get(f"{url}/models", headers={"Authorization": f"Bearer {key}"}, timeout=10)
    assert listed.json()["data"][0]["id"] == "tiny-chat"
    dialog.copy.click()
    from PySide6.QtGui import QGuiApplication

    assert url in QGuiApplication.clipboard().text()
    assert not dialog.start.isEnabled()
    server = dialog.server
    assert server is not None
    again = ServeDialog(ready, tiny_chat)  # opened again: the running server, to stop
    qtbot.addWidget(again)
    assert again.url.text() == url
    assert again.stop.isEnabled()
    assert not again.start.isEnabled()
    dialog.stop.click()
    qtbot.waitUntil(lambda: dialog.server is None, timeout=15_000)
    assert not server.is_running()
    assert ready.serving.servers == []
    assert dialog.start.isEnabled()


def test_the_app_stops_its_servers_unless_asked_to_keep_them(  # type: ignore[no-untyped-def]
    qtbot, ready: Services, tiny_chat: Path, tiny_llama: Path
) -> None:
    import os
    import signal

    stopped = _serve(qtbot, ready, tiny_chat).server
    kept = _serve(qtbot, ready, tiny_llama, keep=True).server
    assert stopped is not None
    assert kept is not None
    proc = kept._proc
    assert proc is not None
    ready.serving.shutdown()
    assert not stopped.is_running()
    try:
        assert proc.poll() is None  # still serving, in its own session
    finally:
        os.kill(proc.pid, signal.SIGTERM)
        proc.wait(10)


def test_compare_a_local_model_with_one_on_a_server(  # type: ignore[no-untyped-def]
    qtbot, ready: Services, fixed_hardware, served: LocalServer, tiny_llama: Path
) -> None:
    from PySide6.QtCore import Qt

    from wizard_app.core.compare.spec import PromptItem
    from wizard_app.core.library.installed import Library
    from wizard_app.ui.views.compare_view import CompareView

    assert ready.database is not None
    Library(ready.database, ready.models_dir).import_file(tiny_llama)
    _store(ready).add(Endpoint("box", f"http://127.0.0.1:{served.port}", SERVED_KEY))
    view = CompareView(ready)
    qtbot.addWidget(view)
    view.refresh()
    setup = view.setup
    setup.set_prompts([PromptItem("hello", title="Hello")])
    setup.max_tokens.setValue(4)
    setup.models.item(0).setCheckState(Qt.CheckState.Checked)
    setup.servers.runtime.setCurrentIndex(setup.servers.runtime.findData("box"))
    qtbot.waitUntil(lambda: setup.add_remote.isEnabled(), timeout=10_000)
    setup.add_remote.click()
    setup.add_remote.click()  # the same model twice is one entry
    assert setup.models.count() == 2
    assert [c.remote for c in setup.chosen_models()] == [None, ("box", SERVED_ID)]
    view.refresh()  # the library is read again: the server's model stays
    assert setup.models.count() == 2
    setup.start.click()
    qtbot.waitUntil(lambda: not view.running, timeout=60_000)
    assert view.record is not None
    repo = view.runner.repo()
    assert repo is not None
    record = repo.get(view.record.id)
    cells = record.cells
    assert cells[(0, 0)].done
    assert cells[(1, 0)].done
    assert cells[(1, 0)].peak_rss_bytes is None  # the server's memory: not known here
    assert cells[(1, 0)].gen_tokens


def test_the_server_screens_speak_dutch(qtbot, qapp, ready: Services, tiny_chat: Path) -> None:  # type: ignore[no-untyped-def]
    from wizard_app.ui.views.serve_dialog import ServeDialog

    with in_dutch(qapp):
        panel = TrialPanel(ready)
        qtbot.addWidget(panel)
        assert panel.runtime.runtime.itemText(0) == "Deze computer"
        dialog = ServeDialog(ready, tiny_chat)
        qtbot.addWidget(dialog)
        assert dialog.start.text() == "&Starten"
        assert dialog.windowTitle() == "tiny-chat.gguf aanbieden"
        from wizard_app.core.remote.errors import RemoteError
        from wizard_app.ui.errors import exception_text

        refused = RemoteError.of("remote.unauthorized", name="box", status=401)
        assert exception_text(refused).startswith("box weigerde de API-sleutel (HTTP 401).")


def test_the_try_it_page_says_where_the_prompts_go(qtbot, ready: Services) -> None:  # type: ignore[no-untyped-def]
    from wizard_app.ui.wizard.pages.try_it import TryItPage
    from wizard_app.ui.wizard.state import WizardState

    _store(ready).add(Endpoint("box", "http://127.0.0.1:9"))
    page = TryItPage(ready, WizardState())
    qtbot.addWidget(page)
    assert "stay on this machine" in page.subTitle()
    page.panel.runtime.runtime.setCurrentIndex(1)
    assert page.subTitle() == "The model runs on the server box: your prompts are sent to it."
    qtbot.waitUntil(lambda: "Cannot connect to box" in page.panel.runtime.state.text())
