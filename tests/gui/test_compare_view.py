"""The Compare screen end to end: models from the library, the real worker, streaming
side by side, ratings, blind mode, stop and resume, a crash, history, export, Dutch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.gui.dutch import in_dutch
from wizard_app.core.compare.repository import ComparisonRepository
from wizard_app.core.compare.spec import CompareSettings, PromptItem
from wizard_app.core.library.installed import Library
from wizard_app.core.storage.database import Database
from wizard_app.ui.services import Services
from wizard_app.ui.views.compare_view import CompareView

pytestmark = pytest.mark.slow
PROMPTS = [PromptItem("hello world", title="Hello"), PromptItem("tell a story", title="Story")]


def add_models(services: Services, *paths: Path) -> None:
    assert services.database is not None
    library = Library(services.database, services.models_dir)
    for path in paths:
        library.import_file(path)


def make_view(qtbot, services: Services, max_tokens: int = 4) -> CompareView:  # type: ignore[no-untyped-def]
    view = CompareView(services)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    view.setup.set_prompts(PROMPTS)
    view.setup.base_settings = CompareSettings(ignore_eos=True)
    view.setup.max_tokens.setValue(max_tokens)
    return view


def check_all(view: CompareView) -> None:
    for i in range(view.setup.models.count()):
        item = view.setup.models.item(i)
        if item.flags() & Qt.ItemFlag.ItemIsEnabled:
            item.setCheckState(Qt.CheckState.Checked)


def run_to_end(qtbot, view: CompareView) -> None:  # type: ignore[no-untyped-def]
    view.setup.start.click()
    assert view.running
    qtbot.waitUntil(lambda: not view.running, timeout=60_000)


def rate(view: CompareView, model: int, rating: int, note: str = "") -> None:
    column = view.grid.columns[model]
    column.note.setText(note)
    column.rating.setCurrentIndex(rating)
    column.rating.activated.emit(rating)


def test_two_models_side_by_side_rated_summarised_and_exported(  # type: ignore[no-untyped-def]
    qtbot, qtmodeltester, ready, fixed_hardware, tiny_llama, tiny_chat, tmp_path
) -> None:
    add_models(ready, tiny_llama, tiny_chat)
    view = make_view(qtbot, ready)
    assert view.setup.models.count() == 2
    view.setup.start.click()
    assert not view.running
    assert "two to four" in view.setup.status.text()
    check_all(view)
    shown: list[str] = []
    painted: dict[tuple[int, int], str] = {}
    paint = view.grid.append

    def spy(model: int, prompt: int, text: str) -> None:  # what reached the columns live
        painted[(model, prompt)] = painted.get((model, prompt), "") + text
        paint(model, prompt, text)

    view.grid.append = spy  # type: ignore[method-assign]
    run_to_end(qtbot, view)
    rec = view.record
    assert rec is not None
    assert rec.complete
    assert {c.status for c in rec.cells.values()} == {"done"}
    assert {c.gen_tokens for c in rec.cells.values()} == {4}
    assert "Done" in view.status.text()
    assert view.progress.text() == "4 of 4 answers"
    from tests.gui.test_accessibility import unnamed

    assert unnamed(view) == []  # the answer columns too, with the model in their names
    assert painted == {k: c.output for k, c in rec.cells.items() if c.output}
    # the answers side by side, with their figures; both prompts
    for prompt in (0, 1):
        view.grid.show_prompt(prompt)
        for mi, column in view.grid.columns.items():
            cell = rec.cell(mi, prompt)
            assert cell is not None
            assert column.answer.toPlainText() == plain(cell.output)
            assert "First token" in column.figures.text()
            assert column.rating.isEnabled()
        shown.append(view.grid.prompt_text.text())
    assert shown == ["hello world", "tell a story"]
    # ratings and notes; the summary and its charts
    view.grid.show_prompt(0)
    rate(view, 0, 5, "clear")
    rate(view, 1, 2)
    rec = view.record
    assert rec is not None
    assert rec.cell(0, 0).rating == 5  # type: ignore[union-attr]
    assert rec.cell(0, 0).note == "clear"  # type: ignore[union-attr]
    rows = view.summary.model.rows()
    assert [r.label for r in rows] == ["tiny-llama", "tiny-chat"]
    assert [r.wins for r in rows] == [1, 0]
    qtmodeltester.check(view.summary.model)
    qtmodeltester.check(view.history.model)
    assert view.summary.speed_chart.groups == ["tiny-llama", "tiny-chat"]
    assert "tiny-llama: Tokens/s" in view.summary.speed_chart.accessibleDescription()
    assert view.summary.ratings_chart.series[0].values == (5.0, 2.0)
    for chart in (view.summary.speed_chart, view.summary.ratings_chart):
        view.tabs.setCurrentWidget(view.summary)
        assert not chart.grab().isNull()  # paints
    # export through the view, parsed back
    target = tmp_path / "c.json"
    assert view.export_to(target, "json")
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["cells"][0]["rating"] == 5
    assert data["cells"][0]["note"] == "clear"
    # the history lists it; after a restart (a new engine on the same file) too
    view.history.refresh()
    assert view.history.model.rowCount() == 1
    assert ready.database is not None
    again = Database(ready.database.path)
    later = ComparisonRepository(again).list()
    assert [r.id for r in later] == [rec.id]
    assert later[0].cell(0, 0).rating == 5  # type: ignore[union-attr]
    again.close()


def plain(text: str) -> str:
    for old in ("\r\n", "\r", "\u2028", "\u2029"):
        text = text.replace(old, "\n")
    return text.replace("\u00a0", " ")


def test_blind_mode_hides_the_names_until_rated(  # type: ignore[no-untyped-def]
    qtbot, ready, fixed_hardware, tiny_llama, tiny_chat
) -> None:
    add_models(ready, tiny_llama, tiny_chat)
    view = make_view(qtbot, ready, max_tokens=2)
    view.setup.set_prompts(PROMPTS[:1])
    view.setup.blind.setChecked(True)
    check_all(view)
    run_to_end(qtbot, view)
    titles = sorted(c.title.text() for c in view.grid.columns.values())
    assert titles == ["<b>Model A</b>", "<b>Model B</b>"]
    assert view.summary.reveal.isVisibleTo(view.summary)
    assert "tiny" not in view.summary.speed_chart.accessibleDescription()
    first = next(iter(view.grid.columns))
    rate(view, first, 3)
    assert "tiny" not in "".join(c.title.text() for c in view.grid.columns.values())
    second = next(m for m in view.grid.columns if m != first)
    rate(view, second, 4)
    names = sorted(c.title.text() for c in view.grid.columns.values())
    assert names == ["<b>tiny-chat</b>", "<b>tiny-llama</b>"]
    assert not view.summary.reveal.isVisibleTo(view.summary)


def test_stop_resume_and_a_crash(  # type: ignore[no-untyped-def]
    qtbot, ready, fixed_hardware, tiny_llama, tiny_chat, tmp_path
) -> None:
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(tiny_chat.read_bytes()[:4000])
    add_models(ready, tiny_llama, tiny_chat)
    assert ready.database is not None
    Library(ready.database, ready.models_dir).add_download(
        broken, repo="t/r", filename=broken.name, revision=None, sha256="0" * 64, info=None
    )
    view = make_view(qtbot, ready, max_tokens=48)
    view.refresh()
    check_all(view)
    view.setup.start.click()
    qtbot.waitUntil(lambda: view.record is not None and len(view.record.cells) >= 1, timeout=60_000)
    view.stop.click()
    qtbot.waitUntil(lambda: not view.running, timeout=30_000)
    rec = view.record
    assert rec is not None
    assert not rec.complete
    assert "Stopped" in view.status.text()
    assert view.resume.isEnabled()
    kept = {k: c.finished_at for k, c in rec.cells.items() if c.done}
    assert kept
    view.resume.click()
    qtbot.waitUntil(lambda: not view.running, timeout=60_000)
    rec = view.record
    assert rec is not None
    assert rec.complete
    assert {k: c.finished_at for k, c in rec.cells.items() if k in kept} == kept
    failed = [c for c in rec.cells.values() if not c.done]
    assert len(failed) == 2  # the broken file's two prompts; the others ran
    assert {c.model for c in failed} == {2}
    view.grid.show_prompt(0)
    assert view.grid.columns[2].status.text().startswith("Failed: ")
    assert "2 failed" in view.progress.text()


def test_history_filters_open_rerun_delete(  # type: ignore[no-untyped-def]
    qtbot, ready, fixed_hardware, tiny_llama, tiny_chat, tiny_bpe
) -> None:
    add_models(ready, tiny_llama, tiny_chat, tiny_bpe)
    view = make_view(qtbot, ready, max_tokens=2)
    view.setup.set_prompts(PROMPTS[:1])
    view.setup.check_models({tiny_llama, tiny_chat})
    run_to_end(qtbot, view)
    first = view.record
    assert first is not None
    # re-run the same prompts on other models
    view.history.refresh()
    view.history.rerun.click()
    assert view.tabs.currentWidget() is view.setup
    assert [p.prompt for p in view.setup.prompt_items()] == ["hello world"]
    view.setup.check_models({tiny_chat, tiny_bpe})
    run_to_end(qtbot, view)
    second = view.record
    assert second is not None
    assert second.rerun_of == first.id
    h = view.history
    h.refresh()
    assert h.model.rowCount() == 2
    h.model_filter.setText("bpe")
    assert [r.id for r in h.model.rows()] == [second.id]
    h.model_filter.setText("")
    h.use_case.setCurrentIndex(h.use_case.findData("coding"))
    assert h.model.rowCount() == 0
    h.use_case.setCurrentIndex(0)
    h.period.setCurrentIndex(1)  # today
    assert h.model.rowCount() == 2
    h.view.selectRow(1)
    h.open.click()
    assert view.record.id == first.id  # type: ignore[union-attr]
    assert view.tabs.currentIndex() == 1
    h.view.selectRow(0)
    h.delete.click()
    box = view.confirm_box
    box.button(QMessageBox.StandardButton.Yes).click()
    assert [r.id for r in h.model.rows()] == [first.id]


def test_the_wizard_leads_to_the_compare_screen_and_it_speaks_dutch(  # type: ignore[no-untyped-def]
    qtbot, qapp, ready, tiny_llama
) -> None:
    from wizard_app.ui.main_window import MainWindow
    from wizard_app.ui.wizard.page_ids import PageId

    add_models(ready, tiny_llama)
    window = MainWindow(ready)
    qtbot.addWidget(window)
    finish = window.wizard.page(PageId.FINISH)
    window.wizard.state.model_path = tiny_llama
    finish.compare_requested.emit("coding", tiny_llama)  # type: ignore[attr-defined]
    assert window.tabs.currentWidget() is window.compare
    setup = window.compare.setup
    assert setup.use_case == "coding"
    assert setup.source.currentText().startswith("Presets: ")
    assert len(setup.prompt_items()) == 3
    assert [setup.models.item(i).checkState() for i in range(setup.models.count())] == [
        Qt.CheckState.Checked
    ]
    with in_dutch(qapp):
        view = CompareView(ready)
        qtbot.addWidget(view)
        assert view.tabs.tabText(0) == "&Instellen"
        assert view.setup.start.text() == "Vergelijking star&ten"
        assert view.summary.reveal.text() == "Namen &tonen"


def test_loaded_services_without_models_say_what_to_do(qtbot, ready) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, ready)
    assert "No models yet" in view.setup.status.text()
    assert view.setup.models.count() == 0


def test_two_real_models_side_by_side(  # type: ignore[no-untyped-def]
    qtbot, ready, fixed_hardware, real_smollm2, real_gemma3
) -> None:
    add_models(ready, real_smollm2, real_gemma3)
    view = make_view(qtbot, ready, max_tokens=16)
    view.setup.set_prompts([PromptItem("What is the capital of France? Answer in one word.")])
    view.setup.base_settings = CompareSettings(temperature=0.0, n_ctx=2048)
    view.setup.seed.setValue(1)
    check_all(view)
    run_to_end(qtbot, view)
    rec = view.record
    assert rec is not None
    assert [c.status for c in rec.cells.values()] == ["done", "done"]
    smol = next(i for i, m in enumerate(rec.models) if m.path == real_smollm2)
    assert "Paris" in view.grid.columns[smol].answer.toPlainText()
    assert all("First token" in c.figures.text() for c in view.grid.columns.values())


def test_prompts_are_added_edited_reordered_and_saved_as_a_set(qtbot, ready) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, ready)
    setup = view.setup
    setup.source.setCurrentIndex(setup.source.findText("Presets: Coding"))
    assert len(setup.prompt_items()) == 3
    assert setup.use_case == "coding"
    setup.editor.setPlainText("  ")
    setup.add.click()
    assert setup.status.text() == "Type the prompt first."
    setup.editor.setPlainText("What is 2 + 2?")
    setup.add.click()
    assert setup.source.currentIndex() == 0  # an edited list is the user's own
    assert [p.prompt for p in setup.prompt_items()][-1] == "What is 2 + 2?"
    setup.prompts.setCurrentRow(3)
    setup.up.click()
    assert setup.prompt_items()[2].prompt == "What is 2 + 2?"
    setup.editor.setPlainText("What is 3 + 3?")
    setup.update_button.click()
    assert setup.prompt_items()[2].prompt == "What is 3 + 3?"
    setup.prompts.setCurrentRow(0)
    setup.remove.click()
    assert len(setup.prompt_items()) == 3
    assert setup.prompt_items()[1].prompt == "What is 3 + 3?"
    setup.prompts.setCurrentRow(1)
    setup.down.click()
    assert setup.prompt_items()[2].prompt == "What is 3 + 3?"
    setup.down.click()  # already the last: nothing moves
    assert setup.prompt_items()[2].prompt == "What is 3 + 3?"
    wanted = [p.prompt for p in setup.prompt_items()]
    setup.save_set.click()
    assert view.setup.status.text() == "Type a name for the set first."
    setup.set_name.setText("My maths")
    setup.save_set.click()
    assert "My maths" in setup.status.text()
    index = setup.source.findText("Saved: My maths")
    assert index > 0
    setup.set_prompts([])
    setup.source.setCurrentIndex(index)
    assert [p.prompt for p in setup.prompt_items()] == wanted
    assert setup.use_case == "coding"


def test_a_model_file_gone_is_shown_and_cannot_be_chosen(  # type: ignore[no-untyped-def]
    qtbot, ready, tiny_llama, tmp_path
) -> None:
    import shutil

    copy = tmp_path / "gone.gguf"
    shutil.copy(tiny_llama, copy)
    add_models(ready, copy, tiny_llama)
    copy.unlink()
    view = make_view(qtbot, ready)
    view.refresh()
    gone = view.setup.models.item(0)
    assert gone.text().endswith("(file missing)")
    assert not gone.flags() & Qt.ItemFlag.ItemIsEnabled
    check_all(view)
    assert [m.path for m in view.setup.chosen_models()] == [tiny_llama]
    view.setup.start.click()
    assert view.setup.status.text() == "Choose two to four models."


def test_the_compare_tab_is_built_on_its_first_visit(qtbot, ready) -> None:  # type: ignore[no-untyped-def]
    from wizard_app.ui.main_window import MainWindow
    from wizard_app.ui.views.compare_view import CompareView

    window = MainWindow(ready)
    qtbot.addWidget(window)
    labels = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert not window._compare.built  # the first window shows without it
    assert not window._history.built
    assert not window.findChildren(CompareView)
    window.tabs.setCurrentIndex(labels.index("&Compare"))  # as a click on the tab does
    assert isinstance(window.tabs.currentWidget(), CompareView)
    assert window.tabs.currentWidget() is window.compare
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == labels
    window.tabs.setCurrentWidget(window.library)
    window.tabs.setCurrentWidget(window.compare)
    assert len(window.findChildren(CompareView)) == 1  # built once
    window.tabs.setCurrentIndex(labels.index("Hi&story"))
    assert window.tabs.currentWidget() is window.history
    assert window._history.built
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == labels
