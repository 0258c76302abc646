"""The model servers this app started (``core.serve``): started and stopped in tasks,
and stopped with the app, except those asked to keep running."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from wizard_app.ui.tasks import Task, TaskRunner

if TYPE_CHECKING:
    from wizard_app.core.cancel import CancelToken
    from wizard_app.core.paths import AppPaths
    from wizard_app.core.serve.plan import ServePlan
    from wizard_app.core.serve.server import LocalServer

log = logging.getLogger(__name__)


WATCH_MS = 2000  # how often the running servers are checked for one that stopped by itself


class Serving(QObject):
    changed = Signal()

    def __init__(self, paths: AppPaths, runner: TaskRunner, parent: QObject) -> None:
        super().__init__(parent)
        self._paths = paths
        self._runner = runner
        self.servers: list[LocalServer] = []
        self._watch = QTimer(self)  # a server that exits by itself (crashed, killed) is dropped
        self._watch.setInterval(WATCH_MS)
        self._watch.timeout.connect(self._drop_stopped)

    def start_job(self, plan: ServePlan):  # type: ignore[no-untyped-def]
        """A job for a Task: start the server, yield it once it answers."""
        from wizard_app.core.serve.server import LocalServer

        paths = self._paths
        server = LocalServer(plan.settings, paths.logs, paths.runtime_safety)

        def job(token: CancelToken) -> Iterator[object]:
            server.start(token)
            if server.is_running():
                yield server

        return job

    def server_for(self, path: Path | str) -> LocalServer | None:
        """The running server this app started for the model file at ``path``."""
        wanted = Path(path).resolve()
        for server in self.servers:
            if server.settings.path == wanted and server.is_running():
                return server
        return None

    def summary(self) -> str:
        """One line per running server, for My models ("" when none runs)."""
        return "\n".join(
            self.tr("%1: serving on %2")
            .replace("%1", server.settings.model_id)
            .replace("%2", server.url)
            for server in self.servers
            if server.is_running()
        )

    def adopt(self, server: LocalServer) -> None:
        self.servers.append(server)
        self._watch.start()
        self.changed.emit()

    def _drop_stopped(self) -> None:
        gone = [server for server in self.servers if not server.is_running()]
        for server in gone:
            log.warning("the model server on port %d stopped by itself", server.port)
            self.servers.remove(server)
        if not self.servers:
            self._watch.stop()
        if gone:
            self.changed.emit()

    def stop(self, server: LocalServer) -> Task:
        """Stop one server in a task (it may take a few seconds to exit)."""
        if server in self.servers:
            self.servers.remove(server)

        def job(_token: CancelToken) -> Iterator[object]:
            server.stop()
            yield server

        task = Task(job, "serve-stop")
        task.signals.ended.connect(self.changed)
        self._runner.start(task)
        return task

    def shutdown(self) -> None:
        """On quit: stop every server that was not asked to keep running."""
        for server in self.servers:
            if server.settings.keep_running:
                log.info("leaving the model server on port %d running", server.port)
                server.detach()
            else:
                server.stop()
        self.servers = []
        self._watch.stop()
