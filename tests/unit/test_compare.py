"""Comparisons in the core: models x prompts through the real worker, one model at a
time; stop and resume; faults per cell; storage across restarts; exports parsed back."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import inspect

from wizard_app.core.cancel import CancelToken
from wizard_app.core.compare.export import CSV_COLUMNS, export, to_csv, to_json, to_markdown
from wizard_app.core.compare.prompt_sets import builtin_sets, find_set, read_prompts_file
from wizard_app.core.compare.repository import ComparisonRepository, PromptSetRepository
from wizard_app.core.compare.runner import (
    MISSING_FILE,
    NOT_LOADED,
    CellFinished,
    CellStarted,
    CellToken,
    ModelStarted,
    run_comparison,
)
from wizard_app.core.compare.spec import CompareSettings, ModelChoice, PromptItem, check_choices
from wizard_app.core.compare.summary import display_order, labels, summarize
from wizard_app.core.errors import InputError
from wizard_app.core.hardware.profile import HardwareOverrides, HardwareProfile
from wizard_app.core.runtime.client import RuntimeClient
from wizard_app.core.storage.database import Database
from wizard_app.core.storage.run_tables import RunRepository

HW = HardwareOverrides(ram_gb=16, gpu="none").apply(HardwareProfile())
SETTINGS = CompareSettings(max_tokens=4, seed=7, ignore_eos=True)
PROMPTS = [
    PromptItem(prompt="hello world", title="Greeting", system="Be brief."),
    PromptItem(prompt="tell a story once upon a time", title="Story"),
]


def _models(*paths: Path) -> list[ModelChoice]:
    return [ModelChoice(label=p.stem, path=p) for p in paths]


def _create(db: Database, models: list[ModelChoice], **kw: object) -> object:
    return ComparisonRepository(db).create(
        models,
        kw.pop("prompts", PROMPTS),  # type: ignore[arg-type]
        kw.pop("settings", SETTINGS),  # type: ignore[arg-type]
        machine_id="test-machine",
        hardware=HW.model_dump(mode="json"),
        app_version="test",
        **kw,  # type: ignore[arg-type]
    )


def _run_and_store(db, client, rec, token=None, stop_after=None):  # type: ignore[no-untyped-def]
    """Run what is left of ``rec`` and store each answer; ``stop_after(event)`` cancels."""
    repo = ComparisonRepository(db)
    if stop_after is not None and token is None:
        token = CancelToken()
    events = []
    for event in run_comparison(
        client, rec.models, rec.prompts, rec.settings, HW,
        skip=rec.finished_cells(), token=token,
    ):  # fmt: skip
        events.append(event)
        if isinstance(event, CellFinished):
            repo.record(rec, event, app_version="test")
            if stop_after is not None and stop_after(event):
                token.cancel()
    return events, repo.get(rec.id)


def test_two_models_run_one_after_the_other_with_the_same_settings(
    tmp_path: Path, runtime_client: RuntimeClient, tiny_llama: Path, tiny_chat: Path
) -> None:
    db = Database(tmp_path / "db.sqlite3")
    rec = _create(db, _models(tiny_llama, tiny_chat), use_case="chat")
    events, done = _run_and_store(db, runtime_client, rec)
    started = [(e.model, e.prompt) for e in events if isinstance(e, CellStarted)]
    assert started == [(0, 0), (0, 1), (1, 0), (1, 1)]  # one model at a time, same order
    assert [e.model for e in events if isinstance(e, ModelStarted)] == [0, 1]
    assert runtime_client.model is None  # unloaded after the last model
    assert done.complete
    assert len(done.finished_cells()) == 4
    for (mi, pi), cell in done.cells.items():
        assert cell.status == "done", cell.error
        assert cell.gen_tokens == 4
        assert cell.stop_reason == "length"
        assert cell.ttft_s is not None
        assert cell.ttft_s > 0
        assert cell.gen_tok_per_s
        assert cell.prompt_tok_per_s
        assert cell.peak_rss_bytes
        assert cell.predicted_rss_bytes
        assert cell.n_ctx == 4096
        streamed = "".join(
            e.text for e in events if isinstance(e, CellToken) and (e.model, e.prompt) == (mi, pi)
        )
        assert streamed == cell.output
    # each model was loaded once for its prompts
    assert done.cell(0, 0).load_s == done.cell(0, 1).load_s  # type: ignore[union-attr]
    # every answer is also a trial run (calibration), linked from its cell
    runs = RunRepository(db).recent()
    assert len(runs) == 4
    assert {c.run_id for c in done.cells.values()} == {r.id for r in runs}
    assert {r.sampling["seed"] for r in runs} == {7}
    # the same seed and settings give the same answers again
    again_rec = _create(db, _models(tiny_llama, tiny_chat))
    _, again = _run_and_store(db, runtime_client, again_rec)
    assert [again.cells[k].output for k in sorted(again.cells)] == [
        done.cells[k].output for k in sorted(done.cells)
    ]


def test_stop_and_resume_never_recomputes_a_finished_cell(
    tmp_path: Path, runtime_client: RuntimeClient, tiny_llama: Path, tiny_bpe: Path
) -> None:
    db = Database(tmp_path / "db.sqlite3")
    rec = _create(db, _models(tiny_llama, tiny_bpe))
    _, stopped = _run_and_store(
        db, runtime_client, rec, stop_after=lambda e: (e.model, e.prompt) == (0, 1)
    )
    assert stopped.finished_cells() == {(0, 0), (0, 1)}
    before = {k: (c.output, c.finished_at, c.run_id) for k, c in stopped.cells.items()}
    events, resumed = _run_and_store(db, runtime_client, stopped)
    assert [(e.model, e.prompt) for e in events if isinstance(e, CellStarted)] == [(1, 0), (1, 1)]
    assert resumed.complete
    assert {
        k: (c.output, c.finished_at, c.run_id) for k, c in resumed.cells.items() if k[0] == 0
    } == before
    # a cancel in the middle of an answer leaves that cell to do
    token = CancelToken()
    rec2 = _create(
        db, _models(tiny_llama, tiny_bpe), settings=CompareSettings(max_tokens=64, ignore_eos=True)
    )
    seen = []
    for event in run_comparison(
        runtime_client, rec2.models, rec2.prompts, rec2.settings, HW, token=token
    ):
        seen.append(event)
        if isinstance(event, CellToken):
            token.cancel()
    assert not [e for e in seen if isinstance(e, CellFinished)]


def test_a_crash_or_a_bad_file_fails_its_cells_and_the_rest_goes_on(
    tmp_path: Path, tiny_llama: Path, tiny_chat: Path
) -> None:
    corrupt = tmp_path / "corrupt.gguf"
    corrupt.write_bytes(tiny_llama.read_bytes()[: tiny_llama.stat().st_size // 2])
    db = Database(tmp_path / "db.sqlite3")
    long = CompareSettings(max_tokens=400, ignore_eos=True, n_ctx=1024)
    rec = _create(db, _models(tiny_llama, corrupt, tiny_chat), settings=long)
    repo = ComparisonRepository(db)
    killed = []
    with RuntimeClient() as client:
        for event in run_comparison(client, rec.models, rec.prompts, rec.settings, HW):
            if (
                isinstance(event, CellToken)
                and (event.model, event.prompt) == (0, 0)
                and not killed
            ):
                assert client.pid is not None
                killed.append(client.pid)
                os.kill(client.pid, signal.SIGKILL)  # as the system does when memory runs out
            if isinstance(event, CellFinished):
                repo.record(rec, event, app_version="test")
        assert client.deaths == 1
    out = repo.get(rec.id)
    assert out.complete
    crashed = out.cell(0, 0)
    assert crashed is not None
    assert crashed.status == "failed"
    assert crashed.error_kind == "worker_died"
    assert "killed" in crashed.error
    assert out.cell(0, 1).status == "done"  # type: ignore[union-attr]
    first, second = out.cell(1, 0), out.cell(1, 1)
    assert first is not None
    assert first.status == "failed"
    assert first.error
    assert first.error_kind in ("load_failed", "bad_input", "worker_died")
    assert second is not None
    assert second.error_kind == NOT_LOADED
    assert second.error == first.error
    assert out.cell(2, 0).status == out.cell(2, 1).status == "done"  # type: ignore[union-attr]
    assert not [c for c in out.cells.values() if c.status == "failed" and not c.error]
    # failed cells are tried again on resume; done ones are not
    assert out.finished_cells() == {(0, 1), (2, 0), (2, 1)}


def test_a_model_file_removed_between_runs_is_reported(
    tmp_path: Path, runtime_client: RuntimeClient, tiny_llama: Path, tiny_chat: Path
) -> None:
    copy = tmp_path / "copy.gguf"
    shutil.copy(tiny_chat, copy)
    db = Database(tmp_path / "db.sqlite3")
    rec = _create(db, _models(tiny_llama, copy))
    repo = ComparisonRepository(db)
    _run_and_store(db, runtime_client, rec, stop_after=lambda _e: True)
    copy.unlink()
    _, out = _run_and_store(db, runtime_client, repo.get(rec.id))
    assert out.cell(0, 1).status == "done"  # type: ignore[union-attr]
    gone = [out.cell(1, 0), out.cell(1, 1)]
    assert all(c is not None and c.error_kind == MISSING_FILE for c in gone)
    assert str(copy) in gone[0].error  # type: ignore[union-attr]


def _fake_finished(db: Database, rec, outputs: dict) -> object:  # type: ignore[no-untyped-def]
    """Cells stored from real-looking outcomes without running (for storage and export)."""
    from wizard_app.core.compare.runner import CellOutcome
    from wizard_app.core.runtime import protocol as p

    repo = ComparisonRepository(db)
    for (mi, pi), text in outputs.items():
        if text is None:
            outcome = CellOutcome.failure("out_of_memory", "Not enough memory to load it.")
        else:
            m = p.RunMetrics(
                load_s=0.1, prompt_tokens=10, prompt_eval_tokens=10, prompt_eval_s=0.01,
                prompt_tok_per_s=1000.0 + mi, ttft_s=0.05, ttft_worker_s=0.04, gen_tokens=4,
                gen_s=0.1, gen_tok_per_s=40.0 + 10 * mi, peak_rss_bytes=(100 + mi) * 2**20,
                rss_bytes=90 * 2**20, stop_reason="length", n_ctx=4096, n_threads=2,
                n_gpu_layers=0,
            )  # fmt: skip
            outcome = CellOutcome(
                status="done", output=text, metrics=m, predicted_rss_bytes=(95 + mi) * 2**20,
                predicted_tok_per_s=50.0,
            )  # fmt: skip
        repo.save_cell(rec.id, mi, pi, outcome)
    return repo.get(rec.id)


def test_history_survives_a_restart_and_filters(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    db = Database(path)
    a = _create(db, _models(Path("/m/qwen-q4.gguf"), Path("/m/llama-q8.gguf")), use_case="coding")
    b = _create(db, _models(Path("/m/gemma.gguf"), Path("/m/llama-q8.gguf")), use_case="chat",
                blind=True)  # fmt: skip
    _fake_finished(db, a, {(0, 0): "first", (1, 0): None})
    ComparisonRepository(db).rate(a.id, 0, 0, 4, "good")
    db.close()
    again = Database(path)  # a new engine on the same file: the app after a restart
    repo = ComparisonRepository(again)
    assert [r.id for r in repo.list()] == [b.id, a.id]
    assert [r.id for r in repo.list(model="QWEN")] == [a.id]
    assert [r.id for r in repo.list(model="llama")] == [b.id, a.id]
    assert [r.id for r in repo.list(use_case="chat")] == [b.id]
    now = datetime.now(timezone.utc)
    assert len(repo.list(since=now - timedelta(hours=1))) == 2
    assert repo.list(since=now + timedelta(hours=1)) == []
    assert repo.list(until=now - timedelta(hours=1)) == []
    got = repo.get(a.id)
    assert got.cell(0, 0).rating == 4
    assert got.cell(0, 0).note == "good"
    assert got.cell(1, 0).error_kind == "out_of_memory"  # type: ignore[union-attr]
    assert got.prompts == tuple(PROMPTS)
    assert got.settings == SETTINGS
    assert got.created_at.tzinfo is not None
    assert repo.get(b.id).blind
    assert repo.delete(a.id)
    assert [r.id for r in repo.list()] == [b.id]
    with pytest.raises(InputError, match=f"No comparison with id {a.id}"):
        repo.get(a.id)
    con = sqlite3.connect(path)
    assert con.execute("select count(*) from comparison_cells").fetchone() == (0,)
    con.close()
    again.close()


def test_the_migration_matches_the_tables(tmp_path: Path) -> None:
    from wizard_app.core.storage.base import Base

    db = Database(tmp_path / "db.sqlite3")
    insp = inspect(db.engine)
    for name in ("comparisons", "comparison_models", "comparison_cells", "prompt_sets"):
        table = Base.metadata.tables[name]
        assert {c["name"] for c in insp.get_columns(name)} == set(table.columns.keys())
        assert {i["name"] for i in insp.get_indexes(name)} == {i.name for i in table.indexes}
    with db.engine.connect() as con:
        heads = {r[0] for r in con.exec_driver_sql("select version_num from alembic_version")}
    assert "0004_comparisons" in heads
    db.close()


def test_summary_wins_and_blind_labels(tmp_path: Path) -> None:
    db = Database(tmp_path / "db.sqlite3")
    rec = _create(db, _models(Path("/m/a.gguf"), Path("/m/b.gguf"), Path("/m/c.gguf")),
                  blind=True)  # fmt: skip
    rec = _fake_finished(db, rec, {(m, p): f"answer {m}{p}" for m in range(3) for p in range(2)})
    repo = ComparisonRepository(db)
    assert rec.names_hidden
    hidden = labels(rec)
    assert sorted(hidden) == ["Model A", "Model B", "Model C"]
    assert [hidden[i] for i in display_order(rec)] == ["Model A", "Model B", "Model C"]
    for (m, p), r in {(0, 0): 5, (1, 0): 3, (2, 0): 5, (0, 1): 2, (1, 1): 4, (2, 1): 1}.items():
        repo.rate(rec.id, m, p, r)
    with pytest.raises(InputError, match="1 to 5"):
        repo.rate(rec.id, 0, 0, 6)
    rec = repo.get(rec.id)
    assert not rec.names_hidden  # every answer rated: the names show
    assert labels(rec) == ["a", "b", "c"]
    s = summarize(rec)
    assert [x.mean_rating for x in s] == [3.5, 3.5, 3.0]
    assert [(x.wins, x.ties) for x in s] == [(0, 1), (1, 0), (0, 1)]
    assert s[0].ratings == (0, 1, 0, 0, 1)
    assert s[1].gen_tok_per_s == 50.0
    assert s[2].peak_rss_bytes == 102 * 2**20


def _md_table(md: str, heading: str) -> list[dict[str, str]]:
    block = md.split(f"## {heading}\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    head = [h.strip() for h in block[0].strip("|").split("|")]
    return [
        dict(
            zip(head, (c.strip() for c in re.split(r"(?<!\\)\|", line.strip()[1:-1])), strict=True)
        )
        for line in block[2:]
    ]


def test_exports_round_trip(tmp_path: Path) -> None:
    db = Database(tmp_path / "db.sqlite3")
    rec = _create(db, _models(Path("/m/alpha.gguf"), Path("/m/beta.gguf")), use_case="coding")
    tricky = 'a | pipe, a "quote"\n```\ncode fence\n```\nünïcode'
    rec = _fake_finished(db, rec, {(0, 0): tricky, (1, 0): "plain", (0, 1): "x", (1, 1): None})
    ComparisonRepository(db).rate(rec.id, 0, 0, 5, "best, by far")
    rec = ComparisonRepository(db).get(rec.id)
    # JSON: everything, typed
    data = json.loads(to_json(rec))
    assert data["format"] == "open-model-wizard.comparison"
    assert data["id"] == rec.id
    assert data["settings"]["seed"] == 7
    assert data["settings"]["max_tokens"] == 4
    assert data["machine"]["hardware"]["ram_total_bytes"] == HW.ram_total_bytes
    assert [m["label"] for m in data["models"]] == ["alpha", "beta"]
    cells = {(c["model"], c["prompt"]): c for c in data["cells"]}
    assert cells[(0, 0)]["output"] == tricky
    assert cells[(0, 0)]["rating"] == 5
    assert cells[(0, 0)]["note"] == "best, by far"
    assert cells[(0, 0)]["metrics"]["gen_tok_per_s"] == 40.0
    assert cells[(0, 0)]["metrics"]["predicted_rss_bytes"] == 95 * 2**20
    assert cells[(1, 1)]["status"] == "failed"
    assert "memory" in cells[(1, 1)]["error"]
    assert data["summary"][0]["mean_rating"] == 5.0
    # CSV: one row per answer
    rows = list(csv.DictReader(io.StringIO(to_csv(rec))))
    assert list(rows[0]) == CSV_COLUMNS
    assert len(rows) == 4
    first = next(r for r in rows if (r["model"], r["prompt_index"]) == ("alpha", "0"))
    assert first["output"] == tricky
    assert first["rating"] == "5"
    assert first["note"] == "best, by far"
    assert float(first["gen_tok_per_s"]) == 40.0
    assert int(first["peak_rss_bytes"]) == 100 * 2**20
    assert first["seed"] == "7"
    assert "GiB RAM" in first["machine"]
    assert next(r for r in rows if r["status"] == "failed")["rating"] == ""
    # Markdown: the summary table and every answer in its own fence
    md = to_markdown(rec)
    summary = _md_table(md, "Summary")
    assert [r["Model"] for r in summary] == ["alpha", "beta"]
    assert summary[0]["Mean rating"] == "5.00"
    assert summary[1]["Failed"] == "1"
    assert summary[1]["Tokens/s"] == "50.0"
    fences = re.findall(r"^(`{3,})text\n(.*?)\n\1$", md, flags=re.S | re.M)
    assert [f[1] for f in fences] == [tricky, "plain", "x"]
    assert "Failed: Not enough memory" in md
    assert "seed 7" in md
    assert "Rating: 5/5" in md
    assert export(rec, "json") == to_json(rec)
    with pytest.raises(ValueError, match="format"):
        export(rec, "xml")


def test_blind_exports_hide_the_names(tmp_path: Path) -> None:
    db = Database(tmp_path / "db.sqlite3")
    rec = _create(db, _models(Path("/m/alpha.gguf"), Path("/m/beta.gguf")), blind=True)
    rec = _fake_finished(db, rec, {(0, 0): "one", (1, 0): "two"})
    for text in (to_json(rec), to_csv(rec), to_markdown(rec)):
        assert "alpha" not in text
        assert "beta" not in text
        assert "Model A" in text
        assert "Model B" in text


def test_prompt_sets_presets_files_and_saved(tmp_path: Path) -> None:
    sets = {s.name: s for s in builtin_sets()}
    assert {"chat", "coding", "summarize"} <= set(sets)
    assert all(p.prompt and p.title for p in sets["coding"].prompts)
    assert find_set("Coding", []).name == "coding"
    db = Database(tmp_path / "db.sqlite3")
    repo = PromptSetRepository(db)
    repo.save("mine", [PromptItem("one"), PromptItem("two", title="2")], use_case="chat")
    repo.save("mine", [PromptItem("three")])  # replaces
    saved = repo.all()
    assert [(s.name, [p.prompt for p in s.prompts], s.builtin) for s in saved] == [
        ("mine", ["three"], False)
    ]
    assert find_set("mine", saved).prompts[0].prompt == "three"
    with pytest.raises(InputError, match=r"no prompt set called 'nope'.*coding"):
        find_set("nope", saved)
    with pytest.raises(InputError, match="needs a name"):
        repo.save("  ", [PromptItem("x")])
    assert repo.delete("mine")
    assert repo.all() == []
    lines = tmp_path / "p.txt"
    lines.write_text("first prompt\n\nsecond prompt\n", encoding="utf-8")
    assert [p.prompt for p in read_prompts_file(lines)] == ["first prompt", "second prompt"]
    multi = tmp_path / "m.txt"
    multi.write_text("line one\nline two\n---\nnext\n", encoding="utf-8")
    assert [p.prompt for p in read_prompts_file(multi)] == ["line one\nline two", "next"]
    js = tmp_path / "p.json"
    js.write_text(json.dumps(["a", {"prompt": "b", "title": "B", "system": "S"}]))
    assert read_prompts_file(js)[1] == PromptItem("b", title="B", system="S")
    yml = tmp_path / "p.yaml"
    yml.write_text("prompts:\n  - hello\n  - prompt: there\n")
    assert [p.prompt for p in read_prompts_file(yml)] == ["hello", "there"]
    bad = tmp_path / "bad.json"
    bad.write_text("{nope")
    with pytest.raises(InputError, match="not valid JSON"):
        read_prompts_file(bad)
    with pytest.raises(InputError, match="No prompts file"):
        read_prompts_file(tmp_path / "missing.txt")
    empty = tmp_path / "e.txt"
    empty.write_text("\n\n")
    with pytest.raises(InputError, match="has no prompts"):
        read_prompts_file(empty)


def test_choices_are_checked(tiny_llama: Path, tiny_chat: Path) -> None:
    with pytest.raises(InputError, match="2 to 4 models; 1 given"):
        check_choices(_models(tiny_llama), PROMPTS)
    with pytest.raises(InputError, match="chosen twice"):
        check_choices(_models(tiny_llama, tiny_llama), PROMPTS)
    with pytest.raises(InputError, match="at least one prompt"):
        check_choices(_models(tiny_llama, tiny_chat), [PromptItem("  ")])
    check_choices(_models(tiny_llama, tiny_chat), PROMPTS)


def test_batched_merges_a_cells_tokens_and_keeps_the_order() -> None:
    from wizard_app.core.compare.runner import CellOutcome, batched

    done = CellFinished(0, 0, CellOutcome(status="done", output="abc"))
    events = [
        CellStarted(0, 0), CellToken(0, 0, "a"), CellToken(0, 0, "b"), CellToken(0, 0, "c"),
        done, CellToken(0, 1, "x"), CellToken(1, 1, "y"),
    ]  # fmt: skip
    merged = list(batched(iter(events), interval_s=60))
    assert merged == [
        CellStarted(0, 0), CellToken(0, 0, "abc"), done, CellToken(0, 1, "x"),
        CellToken(1, 1, "y"),
    ]  # fmt: skip
    assert list(batched(iter(events), interval_s=0)) == events
