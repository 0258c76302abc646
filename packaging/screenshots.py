"""Screenshots of every page of the app, taken under a virtual X display (Xvfb).

    python packaging/screenshots.py [--out docs/screenshots] [--lang nl] [--dark]

Runs the real app in this process against a throw-away data folder, a fixed example
machine (16 GiB RAM, 8 GiB NVIDIA GPU) for the recommendation pages, and the local Hub
look-alike from the tests serving a real model, SmolLM2-135M-Instruct Q4_1 (from PyPI,
``tests/real_models.py``). "Try it" runs that model on the machine taking the pictures,
with its measured speed profile, so its predicted and measured figures are real.
Needs Xvfb (``apt-get install xvfb``, plus the xcb libraries the README names) unless a
display is already there.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def start_xvfb() -> subprocess.Popen[bytes] | None:
    platform = os.environ.get("QT_QPA_PLATFORM")
    if platform == "offscreen" and not os.environ.get("DISPLAY"):
        return None  # asked for Qt's offscreen rendering (the test of this script)
    if os.environ.get("DISPLAY") and platform != "offscreen":
        return None
    if shutil.which("Xvfb") is None:
        sys.exit("Xvfb is not installed: apt-get install xvfb (or run with a display).")
    n = next(i for i in range(91, 200) if not Path(f"/tmp/.X11-unix/X{i}").exists())
    proc = subprocess.Popen(
        ["Xvfb", f":{n}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp", "-dpi", "96"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{n}").exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            sys.exit("Xvfb did not start.")
        time.sleep(0.05)
    os.environ["DISPLAY"] = f":{n}"
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    return proc


def example_machine():  # type: ignore[no-untyped-def]
    from wizard_app.core.hardware.profile import CpuInfo, GiB, GpuInfo, HardwareProfile

    return HardwareProfile(
        os="Linux", os_version="Debian GNU/Linux 12", arch="x86_64",
        ram_total_bytes=16 * GiB, ram_available_bytes=13 * GiB,
        cpu=CpuInfo(model="AMD Ryzen 7 7840U", physical_cores=8, logical_cores=16),
        gpus=[GpuInfo(vendor="nvidia", name="NVIDIA GeForce RTX 4060 Laptop GPU",
                      memory_total_bytes=8 * GiB, memory_free_bytes=7 * GiB, source="example")],
        disk_free_bytes=412 * GiB, disk_path="/home",
    )  # fmt: skip


def dark_palette():  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor, QPalette

    p = QPalette()
    roles = QPalette.ColorRole
    for role, color in (
        (roles.Window, "#2b2b2b"), (roles.WindowText, "#e8e8e8"), (roles.Base, "#1e1e1e"),
        (roles.AlternateBase, "#262626"), (roles.Text, "#e8e8e8"), (roles.Button, "#353535"),
        (roles.ButtonText, "#e8e8e8"), (roles.Highlight, "#2f65ca"),
        (roles.HighlightedText, "#ffffff"), (roles.Link, "#8ab4f8"), (roles.Mid, "#5a5a5a"),
        (roles.ToolTipBase, "#353535"), (roles.ToolTipText, "#e8e8e8"),
        (roles.PlaceholderText, "#9a9a9a"),
    ):  # fmt: skip
        p.setColor(role, QColor(color))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return p


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", default="en", help="en or nl")
    parser.add_argument("--dark", action="store_true", help="ask Qt for the dark colour scheme")
    args = parser.parse_args()
    xvfb = start_xvfb()
    try:
        return shoot(args.out, args.lang, args.dark)
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(10)


def shoot(out: Path, lang: str, dark: bool) -> int:
    from PySide6.QtCore import QCoreApplication, Qt, QThreadPool
    from PySide6.QtWidgets import QApplication

    import wizard_app.core.hardware.probe as probe
    from tests.hub_server import Hub
    from tests.real_models import SMOLLM2, fetch
    from wizard_app.core.paths import AppPaths
    from wizard_app.core.runtime.client import RuntimeClient
    from wizard_app.core.runtime.machine_profile import attach, load_cached, measure
    from wizard_app.core.settings import AppSettings
    from wizard_app.ui.i18n import install_translators
    from wizard_app.ui.main_window import MainWindow
    from wizard_app.ui.services import Services
    from wizard_app.ui.wizard.page_ids import PageId

    out.mkdir(parents=True, exist_ok=True)
    suffix = ("" if lang == "en" else f"-{lang}") + ("-dark" if dark else "")
    tmp = Path(tempfile.mkdtemp(prefix="wizard-shots-"))
    app = QApplication([sys.argv[0]])
    app.setStyle("Fusion")
    if dark:  # what a dark desktop theme hands the app
        app.styleHints().setColorScheme(Qt.ColorScheme.Dark)
        app.setPalette(dark_palette())
    keep = install_translators(app, lang)
    model = fetch(SMOLLM2)
    # This machine, with llama.cpp's measured speed on it (kept between runs of the script)
    profile_cache = Path(tempfile.gettempdir()) / "wizard-shots-profile"
    this_machine = probe.detect(tmp)
    if load_cached(profile_cache, this_machine) is None:
        with RuntimeClient() as client:
            measure(client, profile_cache, this_machine)
    this_machine = attach(this_machine, profile_cache)
    real_detect = probe.detect
    machine = example_machine()
    probe.detect = lambda *_a, **_k: machine.model_copy(deep=True)  # type: ignore[assignment]
    hub = Hub(tmp / "hub")
    paths = AppPaths.under(tmp / "app").ensure()
    services = Services(paths, QThreadPool(), AppSettings(hub_endpoint=hub.url, language=lang))
    services.measure_speed = False  # the example machine is not the one running the script
    window = MainWindow(services)
    window.resize(1280, 800)
    window.show()
    services.start()
    wizard = window.wizard
    shots: list[str] = []

    def wait(cond: Callable[[], bool], timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not cond():
            if time.monotonic() > deadline:
                raise TimeoutError("the app did not get there in time")
            app.processEvents()
            time.sleep(0.01)

    def settle(seconds: float = 0.3) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)

    def snap(name: str, widget=None) -> None:  # type: ignore[no-untyped-def]
        settle()
        path = out / f"{name}{suffix}.png"
        (widget or window).grab().save(str(path))
        shots.append(path.name)

    def next_page() -> None:
        wizard.button(wizard.WizardButton.NextButton).click()
        settle(0.1)

    wait(lambda: services.is_ready)
    snap("1-welcome")
    next_page()
    page = wizard.currentPage()
    page.select_use_case("coding")  # type: ignore[attr-defined]
    snap("2-use-case")
    next_page()
    wait(wizard.currentPage().isComplete)
    snap("3-hardware")
    next_page()
    wizard.currentPage().money.setValue(1000)  # type: ignore[attr-defined]
    snap("4-budget")
    next_page()
    rec = wizard.currentPage()
    wait(lambda: not rec.busy)  # type: ignore[attr-defined]
    snap("5-recommendations")
    rec.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
    snap("5b-left-out")
    rec.tabs.setCurrentIndex(2)  # type: ignore[attr-defined]
    snap("5c-upgrades")
    rec.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
    choice = wizard.state.choice
    assert choice is not None
    served = hub.add_file(choice.repo, choice.files[0], model)
    choice.artifact = choice.artifact.model_copy(
        update={"sha256": served.sha256, "revision": None, "size_bytes": served.size}
    )
    choice.size_bytes = served.size
    hub.per_connection_rate = served.size // 6  # about six seconds: caught mid-way
    next_page()
    dl = wizard.currentPage()
    wait(lambda: dl.bar.value() > 300)  # type: ignore[attr-defined]
    snap("6-download")
    wait(dl.isComplete, 120)
    wizard.state.probed = this_machine  # the model runs here, not on the example laptop
    next_page()
    panel = wizard.currentPage().panel  # type: ignore[attr-defined]
    # English in every language: a 135M model answers English best
    panel.prompt.setPlainText("What is the capital of France? Answer in one word.")
    panel.max_tokens.setValue(48)
    panel.temperature, panel.seed = 0.0, 1
    panel.run.click()
    wait(lambda: panel.last_result is not None and not panel.running, 120)
    snap("7-try-it")
    next_page()
    snap("8-finish")
    wizard.button(wizard.WizardButton.FinishButton).click()
    settle()
    window.tabs.setCurrentWidget(window.library)
    snap("9-my-models")
    # Compare: the downloaded SmolLM2 beside Gemma 3 270M (imported into My models)
    from PySide6.QtCore import Qt as _Qt

    from tests.real_models import GEMMA3_270M
    from wizard_app.core.compare.spec import CompareSettings, PromptItem
    from wizard_app.core.library.installed import Library

    assert services.database is not None
    Library(services.database, services.models_dir).import_file(fetch(GEMMA3_270M))
    probe.detect = real_detect  # the models run here: predictions for this machine
    import shutil as _shutil

    _shutil.copy(profile_cache / "machine-profile.json", paths.cache / "machine-profile.json")
    window.tabs.setCurrentWidget(window.compare)
    view = window.compare
    view.refresh()
    view.setup.set_prompts(
        [
            PromptItem("What is the capital of France? Answer in one word.", title="Capital"),
            PromptItem("Name three primary colours.", title="Colours"),
        ]
    )
    view.setup.base_settings = CompareSettings(temperature=0.0)
    view.setup.max_tokens.setValue(32)
    for i in range(view.setup.models.count()):
        item = view.setup.models.item(i)
        if item.flags() & _Qt.ItemFlag.ItemIsEnabled:
            item.setCheckState(_Qt.CheckState.Checked)
    snap("12-compare-setup")
    view.setup.start.click()
    wait(lambda: not view.running, 300)
    for n, model in enumerate(view.grid.columns):
        column = view.grid.columns[model]
        column.rating.setCurrentIndex(4 - n)
        column.rating.activated.emit(4 - n)
    snap("12b-compare-answers")
    view.tabs.setCurrentIndex(2)
    snap("12c-compare-summary")
    window.tabs.setCurrentWidget(window.history)
    snap("10-history")
    window.open_settings()
    snap("11-settings", window.settings_dialog)
    window.settings_dialog.reject()
    assert wizard.currentId() == PageId.WELCOME
    window.close()
    hub.close()
    del keep
    QCoreApplication.processEvents()
    print("\n".join(f"{out / s}" for s in shots))
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
