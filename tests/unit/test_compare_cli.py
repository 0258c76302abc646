"""``model-wizard compare``, ``export`` and ``history`` with comparisons, through the real
worker and the CLI's own entry point."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.cli_helpers import cli
from tests.unit.test_compare import _md_table
from wizard_app.core.catalog import load_catalog
from wizard_app.core.compare.repository import ComparisonRepository, PromptSetRepository
from wizard_app.core.compare.runner import CellFinished, run_comparison
from wizard_app.core.compare.spec import CompareSettings, ModelChoice, PromptItem
from wizard_app.core.hardware.profile import HardwareOverrides, HardwareProfile
from wizard_app.core.paths import AppPaths
from wizard_app.core.runtime.client import RuntimeClient
from wizard_app.core.storage.database import Database


def test_compare_two_files_then_history_and_export(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tiny_llama: Path, tiny_chat: Path
) -> None:
    code, out, err = cli(capsys, tmp_path, "compare", str(tiny_llama), str(tiny_chat),
                         "--prompt", "hello world", "--prompt", "tell a story",
                         "--max-tokens", "5", "--seed", "11", "--json")  # fmt: skip
    assert code == 0, err
    data = json.loads(out.strip().splitlines()[-1])
    assert [m["label"] for m in data["models"]] == ["tiny-llama", "tiny-chat"]
    assert data["settings"]["seed"] == 11
    assert data["settings"]["max_tokens"] == 5
    assert len(data["cells"]) == 4
    assert {c["status"] for c in data["cells"]} == {"done"}
    assert all(1 <= c["metrics"]["gen_tokens"] <= 5 for c in data["cells"])
    cid = data["id"]
    # text mode streams the answers to stdout and the figures to stderr
    code, out, err = cli(capsys, tmp_path, "compare", str(tiny_chat), str(tiny_llama),
                         "--prompt", "hello", "--max-tokens", "3")  # fmt: skip
    assert code == 0, err
    assert "== tiny-chat | prompt 1/1" in err
    assert err.count("-- first token") == 2
    assert "tok/s" in err
    assert f"model-wizard export {cid + 1}" in err
    # history lists both comparisons, newest first; filters narrow it
    code, out, _ = cli(capsys, tmp_path, "history")
    assert code == 0
    assert "Comparisons:" in out
    assert "tiny-chat vs tiny-llama" in out
    assert "tiny-llama vs tiny-chat" in out
    code, out, _ = cli(capsys, tmp_path, "history", "--comparisons", "--json")
    rows = json.loads(out)
    assert [r["id"] for r in rows] == [cid + 1, cid]
    assert rows[1]["answers"] == rows[1]["cells"] == 4
    code, out, _ = cli(capsys, tmp_path, "history", "--model", "CHAT", "--since", "2000-01-01",
                       "--json")  # fmt: skip
    assert len(json.loads(out)) == 2
    code, out, _ = cli(capsys, tmp_path, "history", "--use-case", "coding", "--json")
    assert json.loads(out) == []
    # exports, parsed back
    code, out, _ = cli(capsys, tmp_path, "export", str(cid), "--format", "json")
    assert json.loads(out) == data
    code, out, _ = cli(capsys, tmp_path, "export", str(cid), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    outputs = {(r["model"], r["prompt"]): r["output"] for r in rows}
    assert outputs == {
        (m["label"], p["prompt"]): c["output"]
        for c in data["cells"]
        for m in data["models"]
        if m["index"] == c["model"]
        for p in [data["prompts"][c["prompt"]]]
    }
    target = tmp_path / "out.md"
    code, _, err = cli(capsys, tmp_path, "export", str(cid), "--format", "md", "-o", str(target))
    assert code == 0
    summary = _md_table(target.read_text(encoding="utf-8"), "Summary")
    assert [r["Model"] for r in summary] == ["tiny-llama", "tiny-chat"]
    assert [r["Answers"] for r in summary] == ["2", "2"]


def test_library_ids_catalog_quants_prompt_sets_and_resume(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tiny_llama: Path, tiny_bpe: Path
) -> None:
    from wizard_app.core.library.installed import Library

    paths = AppPaths.under(tmp_path).ensure()
    db = Database(paths.database)
    library = Library(db, paths.models)
    first = library.import_file(tiny_llama)
    catalog_id = load_catalog().entries[0].id
    library.add_download(
        tiny_bpe, repo="test/repo", filename=tiny_bpe.name, revision="main", sha256="0" * 64,
        info=None, catalog_id=catalog_id, quant="Q4_K_M",
    )  # fmt: skip
    PromptSetRepository(db).save("mine", [PromptItem("hello"), PromptItem("again")], "chat")
    db.close()
    code, out, err = cli(capsys, tmp_path, "compare", str(first.id), f"{catalog_id}:q4_k_m",
                         "--prompt-set", "mine", "--max-tokens", "3", "--blind",
                         "--json")  # fmt: skip
    assert code == 0, err
    data = json.loads(out.strip().splitlines()[-1])
    assert data["use_case"] == "chat"
    assert data["names_hidden"]
    assert sorted(m["label"] for m in data["models"]) == ["Model A", "Model B"]
    assert len(data["cells"]) == 4
    # a use case's presets as the prompt set; stopped after one answer, then resumed
    db = Database(paths.database)
    repo = ComparisonRepository(db)
    from wizard_app.core.compare.prompt_sets import find_set

    coding = find_set("coding", [])
    rec = repo.create(
        [ModelChoice("a", tiny_llama), ModelChoice("b", tiny_bpe)], list(coding.prompts)[:2],
        CompareSettings(max_tokens=3), machine_id="m", hardware={}, app_version="t",
        use_case="coding",
    )  # fmt: skip
    hw = HardwareOverrides(ram_gb=16, gpu="none").apply(HardwareProfile())
    with RuntimeClient() as client:
        for event in run_comparison(client, rec.models, rec.prompts, rec.settings, hw):
            if isinstance(event, CellFinished):
                repo.record(rec, event, app_version="t")
                break
    kept = repo.get(rec.id).cell(0, 0)
    db.close()
    code, out, err = cli(capsys, tmp_path, "compare", "--resume", str(rec.id))
    assert code == 0, err
    assert f"resuming comparison {rec.id}: 1 of 4 answers kept" in err
    assert err.count("-- first token") == 3  # the kept answer was not run again
    db = Database(paths.database)
    again = ComparisonRepository(db).get(rec.id)
    assert again.complete
    assert again.cell(0, 0) == kept
    db.close()


def test_a_corrupt_model_fails_its_cells_and_the_others_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tiny_llama: Path, tiny_chat: Path
) -> None:
    corrupt = tmp_path / "broken.gguf"
    corrupt.write_bytes(tiny_chat.read_bytes()[:5000])
    code, _out, err = cli(capsys, tmp_path / "d", "compare", str(corrupt), str(tiny_llama),
                         "--prompt", "hi", "--prompt", "there", "--max-tokens", "3")  # fmt: skip
    assert code == 1
    assert err.count("FAILED") == 2
    assert err.count("-- first token") == 2
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["{a}", "--prompt", "x"], "2 to 4 models; 1 given"),
        (["{a}", "{a}", "--prompt", "x"], "chosen twice"),
        (["{a}", "{b}"], "No prompts given"),
        (["{a}", "{b}", "--prompt-set", "nope"], "no prompt set called 'nope'"),
        (["{a}", "/nowhere/x.gguf", "--prompt", "x"], "No file at /nowhere/x.gguf"),
        (["{a}", "not-a-model", "--prompt", "x"], "'not-a-model' is not a .gguf file"),
        (["{a}", "{b}", "--prompts-file", "/nowhere.txt"], "No prompts file"),
        (["--resume", "77"], "No comparison with id 77"),
        (["--resume", "77", "{a}"], "--resume takes no models"),
    ],
)
def test_bad_input_is_one_clear_line(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    tiny_llama: Path,
    tiny_chat: Path,
    args: list[str],
    fragment: str,
) -> None:
    args = [a.format(a=tiny_llama, b=tiny_chat) for a in args]
    code, _out, err = cli(capsys, tmp_path, "compare", *args)
    assert code == 2
    assert fragment in err
    assert "Traceback" not in err


def test_export_of_an_unknown_id(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = cli(capsys, tmp_path, "export", "5", "--format", "csv")
    assert code == 2
    assert "No comparison with id 5" in err


def test_a_catalog_model_not_downloaded_says_how_to_get_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tiny_llama: Path
) -> None:
    catalog_id = load_catalog().entries[0].id
    code, _, err = cli(capsys, tmp_path, "compare", str(tiny_llama), f"{catalog_id}:Q4_K_M",
                       "--prompt", "x")  # fmt: skip
    assert code == 2
    assert f"model-wizard download {catalog_id}:Q4_K_M" in err
