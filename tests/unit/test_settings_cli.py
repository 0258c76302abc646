"""``model-wizard settings set`` refuses what the app cannot use later, and a models folder
that became unusable is one clear error with the way back, not a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import cli


@pytest.mark.parametrize("where", ["/proc/nope", "file/sub"])
def test_a_models_folder_that_cannot_be_made_is_refused(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    folder = where if where.startswith("/") else str(tmp_path / where)
    code, _, err = cli(capsys, tmp_path / "data", "settings", "set", "models_dir", folder)
    assert code == 2
    [line] = err.strip().splitlines()
    assert f"The folder {folder} cannot be created or written to" in line
    code, out, _ = cli(capsys, tmp_path / "data", "settings", "--json")
    assert json.loads(out)["models_dir"] == ""  # not saved


def test_a_models_folder_is_kept_whole_and_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = cli(
        capsys, tmp_path / "data", "settings", "set", "models_dir", "mine", "--json"
    )
    assert code == 0, err
    assert json.loads(out)["models_dir"] == str(tmp_path / "mine")  # not relative to a cwd
    assert (tmp_path / "mine").is_dir()


def test_a_models_folder_that_became_unusable_says_how_to_go_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    assert cli(capsys, data, "settings", "show")[0] == 0
    settings = next(data.rglob("settings.json"), None) or _settings_file(data)
    settings.write_text(json.dumps({"models_dir": "/proc/nope"}), encoding="utf-8")
    for args in (("hardware",), ("library", "list")):
        code, out, err = cli(capsys, data, *args)
        assert code == 2, (args, out, err)
        assert "Traceback" not in err
        [line] = err.strip().splitlines()
        assert "The models folder /proc/nope cannot be used" in line
        assert 'settings set models_dir ""' in line
    code, out, err = cli(capsys, data, "settings", "set", "models_dir", "")
    assert code == 0, err
    assert cli(capsys, data, "library", "list")[0] == 0


def _settings_file(data: Path) -> Path:
    from wizard_app.core.paths import AppPaths

    return AppPaths.resolve(str(data)).settings_file


@pytest.mark.parametrize(
    ("key", "bad", "good", "says"),
    [
        ("default_context", "10", "8192", "out of range"),
        ("default_context", "20000000", "0", "out of range"),
        ("language", "xx", "nl", "not translated into 'xx'"),
        ("language", "de", "", "Choose one of: en, nl"),
    ],
)
def test_settings_the_app_cannot_use_are_refused(
    key: str, bad: str, good: str, says: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(capsys, tmp_path, "settings", "set", key, bad)
    assert code == 2
    assert says in err
    code, out, err = cli(capsys, tmp_path, "settings", "set", key, good, "--json")
    assert code == 0, err
    assert json.loads(out)[key] == (int(good) if key == "default_context" else good)
