"""Error codes: every code has an English template, and the text is rendered from it."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from wizard_app.core.download.errors import AccessError, DiskSpaceError
from wizard_app.core.errors import TEMPLATES, WizardError, render
from wizard_app.core.runtime.deaths import RunError

ROOT = Path(__file__).parents[2] / "wizard_app"


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_code_used_in_the_core_has_a_template() -> None:
    used: set[str] = set()
    for path in ROOT.joinpath("core").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"from_code\(\s*\"([a-z_.]+)\"", text))
        used |= set(re.findall(r"_coded\(\s*rid,\s*\"[a-z_]+\",\s*\"([a-z_.]+)\"", text))
        used |= set(re.findall(r"\"(runtime\.worker_killed[a-z_.]*)\"", text))
        used |= set(re.findall(r"\"(download\.[a-z_.]+)\" if", text))
        used |= set(re.findall(r"else \"(download\.[a-z_.]+)\"", text))
    assert len(used) >= 15
    assert used <= set(TEMPLATES), sorted(used - set(TEMPLATES))


@pytest.mark.parametrize("code", sorted(TEMPLATES))
def test_rendering_equals_the_english_message(code: str) -> None:
    message, remedy = TEMPLATES[code]
    params = {name: 1234 for name in _fields(message) | _fields(remedy)}
    exc = WizardError.from_code(code, **params)
    assert exc.code == code
    assert exc.params == params
    assert (exc.message, exc.remedy) == render(code, params)
    assert str(exc) == f"{exc.message} {exc.remedy}".strip()


def test_subclasses_keep_their_type_and_an_uncoded_error_is_unchanged() -> None:
    gated = AccessError.from_code("download.gated", repo="o/m", status=401, page="https://h/o/m")
    assert isinstance(gated, AccessError)
    assert str(gated).startswith("o/m is a gated model: it needs a Hugging Face account")
    disk = DiskSpaceError.from_code(
        "download.no_space", folder="/d", filename="f.gguf", need="2 GB", margin="1 GB",
        free="1 GB", missing="1 GB",
    )  # fmt: skip
    assert disk.remedy == "Free at least 1 GB or choose another data folder with --data-dir."
    plain = WizardError("Something.", "Do this.")
    assert (plain.code, plain.params, str(plain)) == (None, {}, "Something. Do this.")
    run = RunError("Boom.", "", "load_failed", ("x",), code="runtime.load_failed", params={})
    assert (run.kind, run.details, run.code) == ("load_failed", ("x",), "runtime.load_failed")
