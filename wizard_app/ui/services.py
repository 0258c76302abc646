"""What the windows need, built once by ``app.main`` and passed to their constructors.

The catalog (about a second of YAML and validation) and the database (alembic) are
opened by a background task after the first window is shown, so start-up stays fast;
``when_ready`` runs a callback once they are there.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThreadPool, Signal

from wizard_app.core.cancel import CancelToken
from wizard_app.core.paths import AppPaths
from wizard_app.core.settings import AppSettings
from wizard_app.ui.downloads import Downloads
from wizard_app.ui.presets import Preset, load_presets
from wizard_app.ui.serving import Serving
from wizard_app.ui.tasks import Task, TaskRunner

if TYPE_CHECKING:
    from wizard_app.core.catalog import Catalog
    from wizard_app.core.recommend.engine import Recommender
    from wizard_app.core.runtime.client import RuntimeClient
    from wizard_app.core.storage.database import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Loaded:
    """What the start-up task hands to the GUI thread."""

    catalog: Catalog
    database: Database
    presets: list[Preset] = field(default_factory=list)


def warm_imports() -> None:
    """Import what the pages use later, here in the pool, so the GUI thread never waits
    on an import (some take 50-100 ms)."""
    import importlib

    for name in (
        "wizard_app.core.fit",
        "wizard_app.core.recommend.engine",
        "wizard_app.core.recommend.history",
        "wizard_app.core.storage.tables",
        "wizard_app.core.storage.run_tables",
        "wizard_app.core.hardware.probe",
        "wizard_app.core.download.hub",
        "wizard_app.core.download.fetcher",
        "wizard_app.core.library.installed",
        "wizard_app.core.download.queue",
        "wizard_app.core.runtime.client",
        "wizard_app.core.runtime.trial",
        "wizard_app.core.runtime.calibration",
        "wizard_app.ui.export",
        "wizard_app.core.recommend.history",
    ):
        importlib.import_module(name)


def load_everything(paths: AppPaths) -> Callable[[CancelToken], Iterator[object]]:
    def job(token: CancelToken) -> Iterator[object]:
        from wizard_app.core.catalog.update import active_catalog
        from wizard_app.core.storage.database import Database

        catalog = active_catalog(paths.data)  # a verified update, else the bundled one
        if token.is_set():
            return
        warm_imports()

        # Opening runs the schema migrations; this is the database's only use off the
        # GUI thread, and it happens before anything else can use it.
        database = Database(paths.database)
        yield Loaded(catalog, database, load_presets())

    return job


class Services(QObject):
    """Paths, settings, the pool and, once loaded, the catalog and the database."""

    ready = Signal()
    failed = Signal(str)
    settings_changed = Signal()

    def __init__(
        self,
        paths: AppPaths,
        pool: QThreadPool,
        settings: AppSettings | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.pool = pool
        # time llama.cpp on this CPU when the hardware page finds no measurement yet
        self.measure_speed = True
        self.runner = TaskRunner(pool, self)
        self.settings = settings or AppSettings.load(paths.settings_file)
        self.catalog: Catalog | None = None
        self.database: Database | None = None
        self.presets: list[Preset] = []
        self.error: str | None = None
        self._recommender: Recommender | None = None
        self._waiting: list[Callable[[], None]] = []
        self._task: Task | None = None
        self._runtime: RuntimeClient | None = None
        self._closed = False
        self.downloads = Downloads(self, self)
        self.serving = Serving(paths, self.runner, self)  # model servers started from the app

    # ---- start-up ------------------------------------------------------------------------
    def start(self) -> None:
        if self._task is not None or self._closed:
            return  # started already, or the window closed before the loading began
        self._task = Task(load_everything(self.paths), "startup")
        self._task.signals.progress.connect(self.adopt)
        self._task.signals.failed.connect(self._on_startup_failed)
        self.runner.start(self._task)

    @property
    def is_ready(self) -> bool:
        return self.catalog is not None and self.database is not None

    def when_ready(self, callback: Callable[[], None]) -> None:
        if self.is_ready:
            callback()
        else:
            self._waiting.append(callback)

    def adopt(self, loaded: object) -> None:
        """Take what the start-up task loaded (tests hand in a catalog loaded once)."""
        assert isinstance(loaded, Loaded)
        self.catalog, self.database, self.presets = loaded.catalog, loaded.database, loaded.presets
        # The catalog lives as long as the app: keep its objects out of the collector's
        # full passes, which would otherwise stall the GUI thread for tens of milliseconds.
        # (No gc.collect() first: that full pass is itself such a stall.)
        gc.freeze()
        waiting, self._waiting = self._waiting, []
        self.ready.emit()
        for callback in waiting:
            callback()

    def _on_startup_failed(self, message: str) -> None:
        self.error = message
        self.failed.emit(message)

    # ---- derived -------------------------------------------------------------------------
    def recommender(self) -> Recommender:
        """One recommender per catalog: it caches shapes and evidence between runs."""
        from wizard_app.core.recommend.engine import Recommender

        assert self.catalog is not None
        if self._recommender is None:
            self._recommender = Recommender(self.catalog)
        return self._recommender

    def runtime(self) -> RuntimeClient:
        """The inference worker's client; its process starts on first use, in a task."""
        from wizard_app.core.runtime.client import RuntimeClient

        if self._runtime is None:
            from wizard_app.core.runtime.cpu_policy import SafetyMemory

            self._runtime = RuntimeClient(safety=SafetyMemory(self.paths.runtime_safety))
        return self._runtime

    def machine_id(self, hw: object) -> str:
        from wizard_app.core.runtime.calibration import machine_fingerprint

        return machine_fingerprint(hw)  # type: ignore[arg-type]

    @property
    def models_dir(self) -> Path:
        return self.settings.models_path(self.paths.models)

    def save_settings(self, settings: AppSettings) -> None:
        self.settings = settings
        settings.save(self.paths.settings_file)
        self.downloads.reset()
        self.settings_changed.emit()

    # ---- the end -------------------------------------------------------------------------
    def shutdown(self) -> bool:
        """Cancel every task, stop downloads (they resume next time) and the worker."""
        if self._closed:
            return True
        self._closed = True
        if self._runtime is not None:
            self._runtime.cancel()
        stopped = self.runner.shutdown()
        self.downloads.shutdown()
        self.serving.shutdown()
        if self._runtime is not None:
            self._runtime.stop()
        if self.database is not None:
            self.database.close()
        return stopped
