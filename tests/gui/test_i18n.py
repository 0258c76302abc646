"""Every user-facing string goes through Qt's translation; the Dutch one is complete."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from wizard_app.ui.i18n import install_translators
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
    sources = sorted(str(p) for p in (ROOT / "wizard_app" / "ui").rglob("*.py"))
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
    before = QLocale()
    translators = install_translators(qapp, "nl")
    yield
    for t in translators:
        QCoreApplication.removeTranslator(t)
    QLocale.setDefault(before)


def test_the_wizard_speaks_dutch(qtbot, ready, dutch) -> None:  # type: ignore[no-untyped-def]
    wizard = ModelWizard(ready)
    qtbot.addWidget(wizard)
    assert wizard.page(PageId.HARDWARE).title() == "Uw hardware"
    assert wizard.page(PageId.USE_CASE).list.item(1).text().startswith("Programmeren\n")
    assert wizard.buttonText(wizard.WizardButton.NextButton) == "&Volgende >"
    from wizard_app.ui import format as fmt

    assert fmt.gib(1.5 * 1024**3) == "1,5 GiB"  # the Dutch decimal comma
