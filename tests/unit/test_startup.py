"""What keeps a command's start short: imports only where needed, YAML parsed once, alembic
only for a database that needs migrating (the times are in tests/benchmarks/bench_startup.py).
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import yaml

from wizard_app.core.catalog.loader import catalog_files, load_catalog
from wizard_app.core.storage import database
from wizard_app.core.yamlfile import load_yaml, load_yaml_cached

ROOT = Path(__file__).parents[2]

# Runs the CLI in a fresh interpreter and prints the wizard_app and heavy modules it loaded.
PROBE = """
import json, sys
from wizard_app.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
heavy = ("alembic", "numpy", "gguf", "llama_cpp", "PySide6", "sqlalchemy", "pydantic", "yaml")
mods = sorted(m for m in sys.modules if m.startswith("wizard_app.commands.") or m in heavy)
print("MODULES " + json.dumps({"code": code, "modules": mods}))
"""


def _loaded(*args: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("MODULES "))
    result: dict[str, object] = json.loads(line[len("MODULES ") :])
    return result


def test_the_c_loader_reads_every_catalog_file_as_the_python_one_does() -> None:
    for path in catalog_files():
        text = path.read_text(encoding="utf-8")
        assert load_yaml(text) == yaml.safe_load(text), path.name


def test_the_parsed_cache_gives_the_same_data_and_is_read_the_second_time(tmp_path: Path) -> None:
    text = "family: X\nreleased: 2024-05-01\nat: 2024-05-01 10:30:00\nvariants: [1, 2.5, true]\n"
    first = load_yaml_cached("x.yaml", text, tmp_path)
    assert first == yaml.safe_load(text)
    assert isinstance(first["released"], dt.date)
    (entry,) = tmp_path.glob("x.yaml.*.json")
    # the second read comes from the cache: what is written there is what is returned
    entry.write_text(json.dumps({"family": "from the cache"}), encoding="utf-8")
    assert load_yaml_cached("x.yaml", text, tmp_path) == {"family": "from the cache"}


def test_a_changed_file_is_parsed_again_and_its_old_entry_goes(tmp_path: Path) -> None:
    load_yaml_cached("x.yaml", "a: 1\n", tmp_path)
    assert load_yaml_cached("x.yaml", "a: 2\n", tmp_path) == {"a": 2}
    assert len(list(tmp_path.glob("x.yaml.*.json"))) == 1


def test_a_cache_that_cannot_be_written_is_skipped(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("", encoding="utf-8")
    assert load_yaml_cached("x.yaml", "a: [1, 2]\n", blocked) == {"a": [1, 2]}


def test_the_cached_catalog_equals_the_parsed_one(tmp_path: Path) -> None:
    parsed = load_catalog()
    load_catalog(cache=tmp_path)
    cached = load_catalog(cache=tmp_path)
    assert len(list(tmp_path.glob("*.yaml.*.json"))) == len(catalog_files())  # one a file
    assert [e.variant for e in cached] == [e.variant for e in parsed]


def test_the_schema_heads_read_from_the_files_are_alembic_s() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(database.MIGRATIONS))
    script = ScriptDirectory.from_config(cfg)
    assert database.schema_heads() == set(script.get_heads())
    assert database._known_revisions() == {r.revision for r in script.walk_revisions()}


def test_version_imports_no_command_and_nothing_heavy() -> None:
    result = _loaded("--version")
    assert result == {"code": 0, "modules": []}


def test_a_command_imports_its_own_module_only_and_alembic_only_once(tmp_path: Path) -> None:
    args = ("--data-dir", str(tmp_path), "recommend", "--use-case", "chat", "--json")
    first = _loaded(*args)
    assert first["code"] == 0
    modules = set(first["modules"])  # type: ignore[call-overload]
    commands = {m.split(".")[2] for m in modules if m.startswith("wizard_app.commands.")}
    assert {c for c in commands if not c.startswith("_")} == {"recommend"}
    # its answers go to the outbox: no database, so no SQLAlchemy and no alembic
    assert not {"alembic", "sqlalchemy", "numpy", "llama_cpp", "PySide6"} & modules
    assert "yaml" in modules  # a first start parses the catalog, rules and tables...
    warm = _loaded(*args)
    assert warm["code"] == 0
    assert "yaml" not in warm["modules"]  # ...and the next one reads them from the cache
    history = ("--data-dir", str(tmp_path), "history", "--json")
    opened = _loaded(*history)
    assert opened["code"] == 0
    assert "alembic" in opened["modules"]  # a new database is migrated
    again = _loaded(*history)
    assert again["code"] == 0
    assert "sqlalchemy" in again["modules"]
    assert "alembic" not in again["modules"]  # at its heads already


def test_the_validated_catalog_is_kept_whole_and_read_back_the_same(tmp_path: Path) -> None:
    parsed = load_catalog()
    first = load_catalog(cache=tmp_path)  # validates each file, then keeps the set whole
    (whole,) = tmp_path.glob("_validated.*.json")
    again = load_catalog(cache=tmp_path)  # read back in one pass
    assert [e.variant for e in again] == [e.variant for e in first] == [e.variant for e in parsed]
    assert [(e.family, e.publisher, e.file) for e in again] == [
        (e.family, e.publisher, e.file) for e in parsed
    ]
    whole.write_text("[not json", encoding="utf-8")  # a damaged cache is validated afresh
    assert [e.variant for e in load_catalog(cache=tmp_path)] == [e.variant for e in parsed]
    assert json.loads(next(tmp_path.glob("_validated.*.json")).read_text(encoding="utf-8"))
