"""The download queue: what is waiting, running, paused or failed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt

from wizard_app.ui import format as fmt
from wizard_app.ui.models.table import RowsModel

STATES: dict[str, Any] = {
    "queued": QT_TRANSLATE_NOOP("DownloadState", "waiting"),
    "downloading": QT_TRANSLATE_NOOP("DownloadState", "downloading"),
    "paused": QT_TRANSLATE_NOOP("DownloadState", "paused"),
    "failed": QT_TRANSLATE_NOOP("DownloadState", "failed"),
    "verified": QT_TRANSLATE_NOOP("DownloadState", "done"),
}


class DownloadsModel(RowsModel):
    """Rows are ``core.download.queue.DownloadInfo``; live progress is kept beside them."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._done: dict[int, int] = {}

    def headers(self) -> list[str]:
        return [self.tr("File"), self.tr("State"), self.tr("Progress")]

    def set_progress(self, download_id: int, done: int) -> None:
        self._done[download_id] = done
        for row, info in enumerate(self._rows):
            if info.id == download_id:
                self.refresh_row(row)

    def cell(self, info: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return info.reason or str(info.dest_path)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        if column == 0:
            return f"{info.repo}/{info.filename}"
        if column == 1:
            return QCoreApplication.translate(
                "DownloadState", str(STATES.get(info.state, info.state))
            )
        done = self._done.get(info.id, info.bytes_done)
        return f"{fmt.gb(done)} / {fmt.gb(info.size_bytes)}"
