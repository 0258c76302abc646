"""Every user-facing string goes through Qt's translation; the Dutch one is complete."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.gui.dutch import in_dutch
from wizard_app.ui.wizard.page_ids import PageId
from wizard_app.ui.wizard.wizard import ModelWizard

ROOT = Path(__file__).parents[2]
TS = ROOT / "resources" / "i18n" / "wizard_nl.ts"
QM = TS.with_suffix(".qm")
BIN = Path(sys.executable).parent


def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    out = {}
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.findall("message"):
            out[(name, m.findtext("source") or "")] = m
    return out


def test_every_string_in_the_code_has_a_dutch_translation(tmp_path: Path) -> None:
    from wizard_app.core.translatable import TRANSLATED_CORE_FILES

    sources = sorted(str(p) for p in (ROOT / "wizard_app" / "ui").rglob("*.py"))
    sources += [str(ROOT / "wizard_app" / name) for name in TRANSLATED_CORE_FILES]
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [BIN / "pyside6-lupdate", *sources, "-ts", str(fresh)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    wanted = _messages(fresh)
    shipped = _messages(TS)
    assert len(wanted) > 300
    missing = [key for key in wanted if key not in shipped]
    assert missing == [], "run pyside6-lupdate and translate these"
    unfinished = [k for k, m in shipped.items() if m.find("translation").get("type")]  # type: ignore[union-attr]
    assert unfinished == []


def test_the_compiled_translation_is_current(tmp_path: Path) -> None:
    out = tmp_path / "nl.qm"
    subprocess.run([BIN / "pyside6-lrelease", str(TS), "-qm", str(out)], check=True,
                   capture_output=True, timeout=60)  # fmt: skip
    assert out.read_bytes() == QM.read_bytes(), "run pyside6-lrelease on wizard_nl.ts"


@pytest.fixture
def dutch(qapp):  # type: ignore[no-untyped-def]
    with in_dutch(qapp):
        yield


def test_the_wizard_speaks_dutch(qtbot, ready, dutch) -> None:  # type: ignore[no-untyped-def]
    wizard = ModelWizard(ready)
    qtbot.addWidget(wizard)
    assert wizard.page(PageId.HARDWARE).title() == "Uw hardware"
    assert wizard.page(PageId.USE_CASE).list.item(1).text().startswith("Programmeren\n")
    assert wizard.buttonText(wizard.WizardButton.NextButton) == "&Volgende >"
    from wizard_app.ui import format as fmt

    assert fmt.gib(1.5 * 1024**3) == "1,5 GiB"  # the Dutch decimal comma


def test_the_recommenders_reasons_are_translated(qapp, catalog, dutch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from wizard_app.core.hardware.profile import HardwareOverrides, HardwareProfile
    from wizard_app.core.recommend.engine import Recommender, RecommendRequest
    from wizard_app.ui.models.recommendations import ExclusionModel
    from wizard_app.ui.reasons import reason_text, reason_texts

    hw = HardwareOverrides(ram_gb=16, vram_gb=8, gpu="nvidia").apply(HardwareProfile())
    rec = Recommender(catalog).run(
        hw, RecommendRequest(use_case="coding", language="nl", license="commercial", top=3)
    )
    assert rec.picks
    assert rec.excluded
    pick = rec.picks[0]
    shown = reason_texts(pick.reason_codes, pick.reasons)
    assert len(shown) == len(pick.reasons)
    assert all(nl != en for nl, en in zip(shown, pick.reasons, strict=True))
    assert shown[0].startswith(("Gepubliceerde resultaten voor programmeren", "Geen gepubliceerde"))
    assert "Noemt Nederlands bij zijn talen." in shown
    assert any(s.startswith("Licentie ") for s in shown)
    excluded = rec.excluded[0]
    model = ExclusionModel()
    model.set_rows(rec.excluded)
    text = model.data(model.index(0, 1), Qt.ItemDataRole.DisplayRole)
    assert text == " ".join(reason_text(r) for r in excluded.reason_codes)
    assert text != " ".join(excluded.reasons)
    notes = reason_texts(rec.assumption_codes, rec.assumptions)
    assert notes[0].startswith("Het geheugen is geschat bij")


def test_an_unknown_reason_code_falls_back_to_its_english_text(qapp) -> None:  # type: ignore[no-untyped-def]
    from wizard_app.core.recommend.reasons import TEMPLATES, Reason
    from wizard_app.ui import reasons as ui_reasons

    shipped = _messages(TS)
    assert all(("Reason", t) in shipped for t in TEMPLATES.values())  # lupdate read the core
    unknown = Reason(code="future.code", params={"x": 1}, text="Something new.")
    assert ui_reasons.reason_text(unknown) == "Something new."
    assert ui_reasons.reason_texts([], ["Old saved text."]) == ["Old saved text."]


def test_error_codes_are_translated_with_an_english_fallback(qapp, dutch) -> None:  # type: ignore[no-untyped-def]
    from wizard_app.core.download.errors import AccessError
    from wizard_app.core.errors import TEMPLATES, WizardError
    from wizard_app.ui import errors as ui_errors

    shipped = _messages(TS)
    assert all(("Error", t) in shipped for pair in TEMPLATES.values() for t in pair if t)
    gated = AccessError.from_code("download.gated", repo="o/m", status=401, page="https://h/o/m")
    shown = ui_errors.exception_text(gated)
    assert shown.startswith("o/m is een afgeschermd model")
    assert "https://h/o/m" in shown
    long = WizardError.from_code("runtime.prompt_too_long", tokens=5000, context=4096)
    assert ui_errors.exception_text(long).startswith("De prompt is 5000 tokens lang")
    assert ui_errors.exception_text(WizardError("Plain.", "Fix.")) == "Plain. Fix."
    assert ui_errors.error_text("future.code", {}, "Something new.") == "Something new."
    assert ui_errors.exception_text(ValueError()) == "ValueError"
