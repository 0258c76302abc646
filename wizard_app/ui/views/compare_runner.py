"""Running a comparison from the Compare screen: one Task, each finished cell stored.

``core.compare.runner.run_comparison`` runs in the Task (inference in the worker
process); its events come back here, in the GUI thread, where the comparison is created
once the machine is known and every finished cell is written through the repository.
Streamed text is collected and handed on every 40 ms, not token by token.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from wizard_app.core.cancel import CancelToken
from wizard_app.ui.tasks import Task

if TYPE_CHECKING:
    from wizard_app.core.compare.records import ComparisonRecord
    from wizard_app.core.compare.repository import ComparisonRepository
    from wizard_app.core.compare.spec import CompareSettings, ModelChoice, PromptItem
    from wizard_app.core.hardware.profile import HardwareProfile
    from wizard_app.core.remote.client import RemoteClient
    from wizard_app.ui.services import Services

PAINT_MS = 40
translate = QCoreApplication.translate  # the Compare screen's strings: context CompareView


class CompareRunner(QObject):
    record_changed = Signal(object)  # the ComparisonRecord, once created and after each cell
    cell_started = Signal(int, int)  # model, prompt
    text_arrived = Signal(int, int, str)  # model, prompt, text streamed since the last paint
    status_changed = Signal(str)
    running_changed = Signal(bool)
    ended = Signal(str)  # "finished", "cancelled" or "failed"

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.record: ComparisonRecord | None = None
        self.hw: HardwareProfile | None = None  # this machine, read once per session
        self.rerun_of: int | None = None
        self._task: Task | None = None
        self._new: (
            tuple[list[ModelChoice], list[PromptItem], CompareSettings, str | None, bool] | None
        ) = None
        self._pending: list[tuple[int, int, str]] = []
        self._paint = QTimer(self)
        self._paint.setInterval(PAINT_MS)
        self._paint.timeout.connect(self._on_paint_timeout)

    @property
    def running(self) -> bool:
        return self._task is not None

    def repo(self) -> ComparisonRepository | None:
        from wizard_app.core.compare.repository import ComparisonRepository

        db = self.services.database
        return ComparisonRepository(db) if db is not None else None

    def start(
        self,
        models: list[ModelChoice],
        prompts: list[PromptItem],
        settings: CompareSettings,
        use_case: str | None,
        blind: bool,
    ) -> None:
        """A new comparison: stored once the machine is read, then run."""
        if self.running:
            return
        self._new = (models, prompts, settings, use_case, blind)
        self._launch(models, prompts, settings, set())

    def resume(self, rec: ComparisonRecord) -> None:
        """Run what ``rec`` has still to do (and its failed cells); done ones are kept."""
        if self.running:
            return
        self._new, self.record = None, rec
        self._launch(list(rec.models), list(rec.prompts), rec.settings, rec.finished_cells())

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.status_changed.emit(translate("CompareView", "Stopping…"))

    def _launch(
        self,
        models: list[ModelChoice],
        prompts: list[PromptItem],
        settings: CompareSettings,
        skip: set[tuple[int, int]],
    ) -> None:
        from wizard_app.core.compare.runner import batched, run_comparison

        client, hw, models_dir = self.services.runtime(), self.hw, self.services.models_dir
        cache, config = self.services.paths.cache, self.services.paths.config

        def job(token: CancelToken) -> Iterator[object]:
            from wizard_app.core.hardware.probe import detect
            from wizard_app.core.runtime.machine_profile import attach

            remotes: dict[str, RemoteClient] = {}

            def remote(name: str) -> RemoteClient:  # models on the user's endpoints
                from wizard_app.core.remote.client import RemoteClient
                from wizard_app.core.remote.endpoints import EndpointStore

                if name not in remotes:
                    remotes[name] = RemoteClient(EndpointStore.in_config(config).get(name))
                return remotes[name]

            probed = hw or attach(detect(models_dir), cache)  # with the measured speed
            yield probed  # first: a new comparison is stored with this machine
            try:
                yield from batched(
                    run_comparison(
                        client, models, prompts, settings, probed,
                        skip=skip, token=token, remotes=remote,
                    ),
                    PAINT_MS / 1000,
                )  # fmt: skip
            finally:
                for r in remotes.values():
                    r.close()

        self._pending = []
        self.status_changed.emit(translate("CompareView", "Starting…"))
        task = self._task = Task(job, "compare")
        task.signals.progress.connect(self._on_task_progress)
        task.signals.failed.connect(self._on_task_failed)
        task.signals.finished.connect(self._on_task_finished)
        task.signals.cancelled.connect(self._on_task_cancelled)
        self._paint.start()
        self.running_changed.emit(True)
        self.services.runner.start(task)

    def _name(self, model: int) -> str:
        from wizard_app.core.compare.summary import labels

        return labels(self.record)[model] if self.record is not None else ""

    def _on_task_progress(self, event: object) -> None:
        from wizard_app.core.compare import runner as r
        from wizard_app.core.hardware.profile import HardwareProfile

        if isinstance(event, r.CellToken):
            self._pending.append((event.model, event.prompt, event.text))
        elif isinstance(event, HardwareProfile):
            self.hw = event
            self._create(event)
        elif isinstance(event, r.CellStarted):
            self._on_paint_timeout()
            self.cell_started.emit(event.model, event.prompt)
            self.status_changed.emit(
                translate("CompareView", "%1 is answering prompt %2…")
                .replace("%1", self._name(event.model))
                .replace("%2", str(event.prompt + 1))
            )
        elif isinstance(event, r.ModelStarted | r.ModelLoading):
            percent = int(event.fraction * 100) if isinstance(event, r.ModelLoading) else 0
            self.status_changed.emit(
                translate("CompareView", "Loading %1… %2%")
                .replace("%1", self._name(event.model))
                .replace("%2", str(percent))
            )
        elif isinstance(event, r.CellFinished):
            self._on_paint_timeout()
            self._store(event)

    def _create(self, hw: HardwareProfile) -> None:
        repo = self.repo()
        if self._new is None or repo is None:
            return
        from wizard_app import __version__

        models, prompts, settings, use_case, blind = self._new
        self.record = repo.create(
            models,
            prompts,
            settings,
            machine_id=self.services.machine_id(hw),
            hardware=hw.model_dump(mode="json"),
            app_version=__version__,
            use_case=use_case,
            blind=blind,
            rerun_of=self.rerun_of,
        )
        self._new, self.rerun_of = None, None
        self.record_changed.emit(self.record)

    def _store(self, event: object) -> None:
        from wizard_app import __version__
        from wizard_app.core.compare.runner import CellFinished

        repo = self.repo()
        assert isinstance(event, CellFinished)
        if repo is None or self.record is None:
            return
        repo.record(self.record, event, app_version=__version__)
        self.record = repo.get(self.record.id)
        self.record_changed.emit(self.record)

    def _on_paint_timeout(self) -> None:
        if not self._pending:
            return
        merged: dict[tuple[int, int], list[str]] = {}
        for model, prompt, text in self._pending:
            merged.setdefault((model, prompt), []).append(text)
        self._pending = []
        for (model, prompt), parts in merged.items():
            self.text_arrived.emit(model, prompt, "".join(parts))

    def _end(self, how: str, status: str) -> None:
        self._paint.stop()
        self._on_paint_timeout()
        self._task = None
        self.status_changed.emit(status)
        self.running_changed.emit(False)
        self.ended.emit(how)

    def _on_task_failed(self, message: str) -> None:
        self._end(
            "failed", translate("CompareView", "The comparison stopped: %1").replace("%1", message)
        )

    def _on_task_finished(self) -> None:
        self._end(
            "finished", translate("CompareView", "Done. Rate the answers, then see the summary.")
        )

    def _on_task_cancelled(self) -> None:
        self._end(
            "cancelled",
            translate("CompareView", "Stopped. Resume runs only the answers still to do."),
        )
