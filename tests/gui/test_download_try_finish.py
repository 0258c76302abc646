"""Pages 6-8 end to end: the local Hub look-alike serves a generated GGUF, the real
download manager fetches it, the real worker process runs it."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from tests.gui.dutch import in_dutch
from tests.gui.wizard_driver import NEXT, click_next, to_recommendations
from tests.hub_server import Hub
from wizard_app.core.paths import AppPaths
from wizard_app.core.settings import AppSettings
from wizard_app.core.storage.database import Database
from wizard_app.core.storage.run_tables import RunRepository
from wizard_app.ui.presets import load_presets
from wizard_app.ui.services import Loaded, Services
from wizard_app.ui.wizard.page_ids import PageId
from wizard_app.ui.wizard.wizard import ModelWizard

pytestmark = pytest.mark.slow


def plain(text: str) -> str:
    """Text as a plain-text widget gives it back (its line ends and spaces normalised)."""
    for old in ("\r\n", "\r", "\u2028", "\u2029"):
        text = text.replace(old, "\n")
    return text.replace("\u00a0", " ")


def serve_choice(hub: Hub, wizard: ModelWizard, data: Path | bytes) -> None:
    """Put ``data`` on the Hub where the chosen pick's file is expected."""
    choice = wizard.state.choice
    assert choice is not None
    assert len(choice.files) == 1
    served = hub.add_file(choice.repo, choice.files[0], data)
    # the served file, not the real one: the same catalog entry with its checksum
    choice.artifact = choice.artifact.model_copy(
        update={"sha256": served.sha256, "revision": None, "size_bytes": served.size}
    )
    choice.size_bytes = served.size


@pytest.fixture
def wizard(qtbot, ready, hub, fixed_hardware):  # type: ignore[no-untyped-def]
    ready.settings = AppSettings(hub_endpoint=hub.url)
    w = ModelWizard(ready)
    qtbot.addWidget(w)
    w.resize(1000, 700)
    w.show()
    to_recommendations(qtbot, w, use_case="chat")
    return w


def test_download_try_and_finish(qtbot, wizard, ready, hub, tiny_chat) -> None:  # type: ignore[no-untyped-def]
    serve_choice(hub, wizard, tiny_chat)
    click_next(wizard)
    assert wizard.currentId() == PageId.DOWNLOAD
    download = wizard.currentPage()
    qtbot.waitUntil(download.isComplete, timeout=30_000)
    path = wizard.state.model_path
    assert path is not None
    assert path.read_bytes() == tiny_chat.read_bytes()
    assert path.is_relative_to(ready.models_dir)
    assert "verified" in download.figures.text()
    click_next(wizard)

    assert wizard.currentId() == PageId.TRY_IT
    panel = wizard.currentPage().panel
    assert panel.presets.count() > 1
    assert panel.prompt.toPlainText()
    panel.max_tokens.setValue(24)
    with qtbot.waitSignal(panel.run_finished, timeout=90_000) as done:
        panel.run.click()
    result = done.args[0]
    assert result.metrics.gen_tokens > 0
    figures = panel.metrics.figures()
    assert figures["ttft"] != "–"
    assert "tokens/s" in figures["gen"]
    assert panel.metrics.predicted["memory"].text() != "–"
    qtbot.waitUntil(lambda: not panel.running)
    assert plain(panel.text()) == plain(result.output)  # every streamed token was painted
    runs = RunRepository(ready.database).recent()
    assert len(runs) == 1
    assert runs[0].model_path == str(path)
    click_next(wizard)

    assert wizard.currentId() == PageId.FINISH
    finish = wizard.currentPage()
    assert str(path) in finish.summary.text()
    howto = finish.howto.toPlainText()
    for tool in ("llama.cpp", "LM Studio", "Ollama", "GPT4All"):
        assert tool in howto
    assert f'llama-cli -m "{path}"' in howto


def test_an_installed_model_skips_the_download(qtbot, wizard, ready, tiny_chat) -> None:  # type: ignore[no-untyped-def]
    page = wizard.currentPage()
    choice = wizard.state.choice
    target = page.local_paths(choice)[0]
    target.parent.mkdir(parents=True)
    target.write_bytes(tiny_chat.read_bytes())
    page.pick_view.selectRow(1)
    page.pick_view.selectRow(0)  # chosen again: now it is on disk
    assert page.nextId() == PageId.TRY_IT
    click_next(wizard)
    assert wizard.currentId() == PageId.TRY_IT


def test_pause_resume_and_cancel(qtbot, wizard, ready, hub) -> None:  # type: ignore[no-untyped-def]
    hub.per_connection_rate = 1_000_000  # 1 MB/s: slow enough to act on
    serve_choice(hub, wizard, os.urandom(3_000_000))
    click_next(wizard)
    page = wizard.currentPage()
    qtbot.waitUntil(
        lambda: "MB/s" in page.figures.text() or "kB/s" in page.figures.text(), timeout=10_000
    )
    page.pause.click()
    qtbot.waitUntil(lambda: set(page.states.values()) == {"paused"}, timeout=10_000)
    assert page.resume.isEnabled()
    assert not wizard.button(NEXT).isEnabled()
    page.resume.click()
    qtbot.waitUntil(lambda: "downloading" in page.states.values(), timeout=10_000)
    page.cancel.click()
    qtbot.waitUntil(lambda: not page.states or page._ids == [], timeout=10_000)
    assert not wizard.button(NEXT).isEnabled()
    assert ready.downloads.entries() == []  # forgotten, and the part file is gone
    assert not list(ready.models_dir.rglob("*.part"))


def test_a_gated_model_says_where_to_put_the_token(qtbot, wizard, hub, tiny_chat) -> None:  # type: ignore[no-untyped-def]
    serve_choice(hub, wizard, tiny_chat)
    hub.gate(wizard.state.choice.repo)
    click_next(wizard)
    page = wizard.currentPage()
    qtbot.waitUntil(page.error.isVisible, timeout=20_000)
    text = page.error.text()
    assert "gated" in text
    assert "accept the licence" in text
    assert "HF_TOKEN" in text
    assert page.settings.isVisible()


def test_stop_and_a_killed_worker(qtbot, wizard, ready, hub, tiny_chat) -> None:  # type: ignore[no-untyped-def]
    serve_choice(hub, wizard, tiny_chat)
    click_next(wizard)
    qtbot.waitUntil(wizard.currentPage().isComplete, timeout=30_000)
    click_next(wizard)
    panel = wizard.currentPage().panel
    panel.max_tokens.setValue(4000)
    panel.ignore_eos = True
    # Stop: the answer ends early, the window goes on
    panel.run.click()
    qtbot.waitUntil(lambda: panel._tokens > 3, timeout=90_000)
    with qtbot.waitSignal(panel.running_changed, timeout=20_000):
        panel.stop.click()
    assert panel.status.text() == "Stopped."
    assert panel.run.isEnabled()
    # the worker dies mid-answer: the user reads why, and the next run works
    panel.run.click()
    qtbot.waitUntil(lambda: panel._tokens > 3, timeout=90_000)
    os.kill(ready.runtime().pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: not panel.running, timeout=30_000)
    assert "killed" in panel.status.text()
    assert "fresh model process" in panel.status.text()
    panel.max_tokens.setValue(16)
    panel.ignore_eos = False
    with qtbot.waitSignal(panel.run_finished, timeout=90_000):
        panel.run.click()


def test_a_restart_resumes_an_interrupted_download(  # type: ignore[no-untyped-def]
    qtbot, wizard, ready, hub, paths: AppPaths, pool, catalog
) -> None:
    hub.per_connection_rate = 1_000_000
    data = os.urandom(2_500_000)
    serve_choice(hub, wizard, data)
    click_next(wizard)
    page = wizard.currentPage()
    qtbot.waitUntil(
        lambda: "MB/s" in page.figures.text() or "kB/s" in page.figures.text(), timeout=10_000
    )
    ready.shutdown()  # quit: the download stays queued with its part file
    assert list(paths.models.rglob("*.part"))
    hub.per_connection_rate = 0
    again = Services(paths, pool, AppSettings(hub_endpoint=hub.url))
    try:
        again.adopt(Loaded(catalog, Database(paths.database), load_presets()))
        with qtbot.waitSignal(again.downloads.installed, timeout=30_000) as done:
            again.downloads.resume_interrupted()
        assert done.args[1].path.read_bytes() == data
        assert 0 < done.args[1].fetched < len(data)  # only the rest crossed the network
    finally:
        again.shutdown()


def test_a_gated_model_error_is_shown_in_dutch(qtbot, qapp, wizard, hub, tiny_chat) -> None:  # type: ignore[no-untyped-def]

    serve_choice(hub, wizard, tiny_chat)
    hub.gate(wizard.state.choice.repo)
    with in_dutch(qapp):  # after the English wizard driver
        click_next(wizard)
        page = wizard.currentPage()
        qtbot.waitUntil(page.error.isVisible, timeout=20_000)
        text = page.error.text()
    assert text.startswith("De download is gestopt: ")
    assert "is een afgeschermd model" in text
    assert "accepteer de licentie" in text
    assert "HF_TOKEN" in text
    assert "gated" not in text
    assert page.settings.isVisible()


def test_a_real_model_answers_on_the_try_it_page(qtbot, wizard, ready, hub, real_smollm2) -> None:  # type: ignore[no-untyped-def]
    """SmolLM2-135M-Instruct (real weights, its own chat template) through the wizard."""
    serve_choice(hub, wizard, real_smollm2)
    click_next(wizard)
    qtbot.waitUntil(wizard.currentPage().isComplete, timeout=120_000)
    click_next(wizard)
    assert wizard.currentId() == PageId.TRY_IT
    panel = wizard.currentPage().panel
    assert panel.presets.currentIndex() == 1  # the use case's first preset
    panel.prompt.setPlainText("What is the capital of France? Answer in one word.")
    assert panel.presets.currentIndex() == 0  # now the user's own prompt: no preset hint
    assert panel.note.text() == ""
    panel.temperature, panel.seed = 0.0, 1
    with qtbot.waitSignal(panel.run_finished, timeout=120_000) as done:
        panel.run.click()
    result = done.args[0]
    assert "Paris" in result.output
    assert result.model.chat_format == "gguf-template"
    qtbot.waitUntil(lambda: not panel.running)
    assert "Paris" in plain(panel.text())
    assert "tokens/s" in panel.metrics.figures()["gen"]


def test_the_token_goes_to_the_mirror_whatever_login_its_url_carries(ready) -> None:  # type: ignore[no-untyped-def]
    ready.settings = AppSettings(
        hub_endpoint="https://user:secret@mirror.example/hf", hub_token="hf_saved"
    )
    manager = ready.downloads.manager()
    # a queued row keeps the endpoint without its login; after a restart that is the URL
    assert manager.client_for("https://mirror.example/hf").has_token
    assert manager.client_for("https://user:secret@mirror.example/hf").has_token
    assert not manager.client_for("https://cdn.example/hf").has_token
