"""``model-wizard --self-test``: does this installation work, start to finish?

Meant for a packaged (frozen) app, where a missing module, Qt plugin or llama.cpp library
only shows when it is used. In a temporary data folder it opens the real window offscreen
(``app.run``), waits for the catalog and the database that the window loads, checks the
translations and the icon, then runs a small GGUF model through the inference worker
process. It prints each check and exits 0 only if all of them passed.

The model is the one the build put in the bundle (``_bundled/selftest``, written by the
PyInstaller spec with ``core.runtime.synthetic``); from a source checkout it is generated
in the temporary folder the same way.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BUNDLED_MODEL = Path(__file__).resolve().parent / "_bundled" / "selftest" / "selftest.gguf"
TOKENS = 8
TIMEOUT_S = 240.0


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    seconds: float


class SelfTest:
    """Runs the checks from the window's ``shown`` signal; ``checks`` holds the results."""

    def __init__(self, root: Path, model: Path | None, say: Callable[[Check], None]) -> None:
        self.root = root
        self.model = model
        self.say = say
        self.checks: list[Check] = []
        self._window: Any = None
        self._client: Any = None
        self._t = time.perf_counter()
        self._done = False

    def record(self, name: str, ok: bool, detail: str) -> None:
        now = time.perf_counter()
        check = Check(name, ok, detail, now - self._t)
        self._t = now
        self.checks.append(check)
        self.say(check)

    def attempt(self, name: str, step: Callable[[], str]) -> bool:
        """Run one check; its exception is the failure's detail (a frozen app's missing
        module or library shows up here, so the type and last frame are kept)."""
        try:
            detail = step()
        except Exception as exc:
            where = traceback.extract_tb(exc.__traceback__)[-1:]
            frame = f" (at {Path(where[0].filename).name}:{where[0].lineno})" if where else ""
            self.record(name, False, f"{type(exc).__name__}: {exc}{frame}")
            return False
        self.record(name, True, detail)
        return True

    # ---- the steps, in the order they run --------------------------------------------------
    def on_shown(self, window: Any) -> None:
        from PySide6.QtCore import QTimer
        from PySide6.QtGui import QGuiApplication

        self._window = window
        self.record(
            "window",
            True,
            f"{type(window).__name__} shown on Qt's {QGuiApplication.platformName()} platform",
        )
        services = window.services
        services.failed.connect(self._on_services_failed)
        services.when_ready(lambda: self._after_ready(services))
        QTimer.singleShot(int(TIMEOUT_S * 1000), self._on_timeout)

    def _on_services_failed(self, message: str) -> None:
        self.record("catalog and database", False, message)
        self._finish()

    def _on_timeout(self) -> None:
        if not self._done:
            self.record("time limit", False, f"the checks did not finish in {TIMEOUT_S:.0f} s")
            self._finish()

    def _after_ready(self, services: Any) -> None:
        self.attempt("catalog", lambda: self._catalog(services))
        self.attempt("database", lambda: self._database(services))
        self.attempt("translations", self._translations)
        self.attempt("icon", self._icon)
        if self.attempt("model process", lambda: self._worker(services)):
            self.attempt("generate", lambda: self._generate(services))
        self._finish()

    def _finish(self) -> None:
        if self._done:
            return
        self._done = True
        from PySide6.QtWidgets import QApplication

        if self._client is not None:
            self._client.stop()
        if self._window is not None:
            self._window.close()  # its closeEvent shuts the services down
        QApplication.quit()

    @staticmethod
    def _catalog(services: Any) -> str:
        catalog = services.catalog
        if not len(catalog):
            raise RuntimeError("the catalog has no models")
        families = {entry.family for entry in catalog}
        return f"{len(catalog)} models in {len(families)} families ({catalog.origin})"

    @staticmethod
    def _database(services: Any) -> str:
        from alembic.runtime.migration import MigrationContext
        from sqlalchemy import inspect

        database = services.database
        with database.engine.connect() as conn:
            heads = MigrationContext.configure(conn).get_current_heads()
            tables = inspect(conn).get_table_names()
        if not heads:
            raise RuntimeError("the schema migrations did not run")
        revisions = ", ".join(sorted(heads))
        return f"{database.path.name}: {len(tables)} tables, schema at {revisions}"

    @staticmethod
    def _translations() -> str:
        from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

        from wizard_app.ui.i18n import i18n_dir

        dutch = QLocale(QLocale.Language.Dutch)
        own, qt = QTranslator(), QTranslator()
        if not own.load(dutch, "wizard", "_", i18n_dir()):
            raise RuntimeError(f"wizard_nl.qm does not load from {i18n_dir()}")
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if not qt.load(dutch, "qtbase", "_", qt_dir):
            raise RuntimeError(f"Qt's own qtbase_nl.qm does not load from {qt_dir}")
        return "Dutch: the app's and Qt's own"

    @staticmethod
    def _icon() -> str:
        from wizard_app.ui.icons import app_icon

        if app_icon().pixmap(64, 64).isNull():
            raise RuntimeError("app.svg does not render (Qt's SVG plugin is missing)")
        return "app.svg renders"

    def _worker(self, services: Any) -> str:
        from wizard_app.core.runtime.build_info import describe_build
        from wizard_app.core.runtime.client import RuntimeClient
        from wizard_app.core.runtime.cpu_policy import SafetyMemory

        # The app's own command and environment, but a worker that dies is reported at
        # once instead of being replaced: here that is the failure to show.
        self._client = RuntimeClient(
            safety=SafetyMemory(services.paths.runtime_safety), restart_on_death=False
        )
        hello = self._client.start()
        devices = ", ".join(f"{d.name} ({d.kind})" for d in hello.devices) or "none listed"
        offload = "yes" if hello.supports_gpu_offload else "no"
        return (
            f"pid {hello.pid}, llama-cpp-python {hello.llama_cpp_version}, {describe_build()}, "
            f"GPU offload {offload}, devices: {devices}"
        )

    def _generate(self, services: Any) -> str:
        from wizard_app.core.runtime import protocol as p

        model = self.model
        if model is None:
            from wizard_app.core.runtime.synthetic import TINY_CHAT, build_gguf

            model = build_gguf(self.root / "selftest.gguf", TINY_CHAT)
        client = self._client
        loaded = [e for e in client.load(p.Load(path=str(model), n_ctx=256))]
        if not loaded or not isinstance(loaded[-1], p.Loaded):
            raise RuntimeError(f"{model.name} did not load")
        request = p.Generate(prompt="Hello", max_tokens=TOKENS, ignore_eos=True, seed=1)
        events = list(client.generate(request))
        done = events[-1]
        if not isinstance(done, p.Done):
            raise RuntimeError("the model process sent no end of the answer")
        client.unload()
        if done.metrics.gen_tokens != TOKENS:
            raise RuntimeError(f"{done.metrics.gen_tokens} tokens instead of {TOKENS}")
        speed = done.metrics.gen_tok_per_s or 0.0
        return (
            f"{model.name} ({model.stat().st_size // 1024} KiB): {done.metrics.gen_tokens} "
            f"tokens at {speed:.0f} tok/s, loaded in {done.metrics.load_s:.2f} s"
        )


def _print(check: Check) -> None:
    mark = "ok  " if check.ok else "FAIL"
    print(f"[{mark}] {check.name}: {check.detail} ({check.seconds:.2f} s)", flush=True)


def run(model: Path | None = None, say: Callable[[Check], None] = _print) -> list[Check]:
    """Run every check in a temporary data folder and return the results."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # never a window on the screen
    if model is None and BUNDLED_MODEL.is_file():
        model = BUNDLED_MODEL
    from wizard_app import __version__

    how = "frozen" if getattr(sys, "frozen", False) else "from source"
    print(f"Open Model Wizard {__version__} self-test ({sys.platform}, {how})", flush=True)
    with tempfile.TemporaryDirectory(prefix="model-wizard-self-test-") as tmp:
        root = Path(tmp)
        test = SelfTest(root, model, say)
        try:
            from wizard_app import app

            code = app.run(data_dir=root, argv=[sys.argv[0]], on_shown=test.on_shown)
        except Exception as exc:
            test.record("start", False, f"{type(exc).__name__}: {exc}")
        else:
            if not test.checks:
                test.record("start", False, f"the window did not open (exit code {code})")
    return test.checks


def main(model: Path | None = None) -> int:
    t = time.perf_counter()
    checks = run(model)
    failed = [c.name for c in checks if not c.ok]
    expected = {"window", "catalog", "database", "model process", "generate"}
    missing = expected - {c.name for c in checks}
    if failed or missing:
        print(f"self-test FAILED: {', '.join(failed + sorted(missing))}", flush=True)
        return 1
    print(f"self-test passed: {len(checks)} checks in {time.perf_counter() - t:.1f} s", flush=True)
    return 0
