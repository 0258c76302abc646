"""The download queue's SQL, behind ``DownloadRepository`` (short sessions, detached rows).

The download manager (``core.download.queue``) decides; this module only reads and
writes ``downloads`` rows, each call one short session on the caller's thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from wizard_app.core.storage.database import Database
from wizard_app.core.storage.download_tables import DownloadRow


class DownloadRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    # ---- reading -----------------------------------------------------------------------
    def get(self, download_id: int) -> DownloadRow | None:
        with self.db.session() as s:
            return s.get(DownloadRow, download_id)

    def all(self) -> list[DownloadRow]:
        """Every row, in queue order."""
        with self.db.session() as s:
            return list(s.scalars(select(DownloadRow).order_by(DownloadRow.position)).all())

    def latest_for(self, dest: Path) -> DownloadRow | None:
        """The newest row that downloads to ``dest``."""
        with self.db.session() as s:
            return s.scalars(
                select(DownloadRow)
                .where(DownloadRow.dest_path == str(dest))
                .order_by(DownloadRow.id.desc())
            ).first()

    def verified_at(self, dest: Path) -> DownloadRow | None:
        """A verified row for ``dest``, if there is one."""
        with self.db.session() as s:
            return s.scalars(
                select(DownloadRow).where(
                    DownloadRow.dest_path == str(dest), DownloadRow.state == "verified"
                )
            ).first()

    def verified_by_dest(self) -> dict[str, DownloadRow]:
        """The verified rows by destination (the newest wins)."""
        with self.db.session() as s:
            rows = s.scalars(
                select(DownloadRow).where(DownloadRow.state == "verified").order_by(DownloadRow.id)
            ).all()
            return {r.dest_path: r for r in rows}

    def count_queued(self, ids: Sequence[int] | None = None) -> int:
        with self.db.session() as s:
            q = select(func.count()).select_from(DownloadRow).where(DownloadRow.state == "queued")
            if ids is not None:
                q = q.where(DownloadRow.id.in_(list(ids)))
            return int(s.scalar(q) or 0)

    # ---- writing -----------------------------------------------------------------------
    def add(self, dest: Path, **fields: Any) -> int:
        """A new row for ``dest`` at the end of the queue."""
        with self.db.session() as s:
            last = s.scalar(select(func.max(DownloadRow.position))) or 0
            row = DownloadRow(dest_path=str(dest), position=last + 1, bytes_done=0, **fields)
            s.add(row)
            s.commit()
            return row.id

    def update(self, download_id: int, **fields: Any) -> DownloadRow | None:
        """Set ``fields`` on the row; the row as written, or None when there is none."""
        with self.db.session() as s:
            row = s.get(DownloadRow, download_id)
            if row is None:
                return None
            for name, value in fields.items():
                setattr(row, name, value)
            if fields.get("state") in ("verified", "failed"):
                row.finished_at = datetime.now(timezone.utc)
            s.commit()
            return row

    def set_state(
        self,
        download_id: int,
        state: str,
        reason: str | None = None,
        only_from: tuple[str, ...] | None = None,
    ) -> bool | None:
        """Move the row to ``state`` (only from ``only_from`` when given): True when
        moved, False when its state did not allow it, None when there is no row."""
        with self.db.session() as s:
            row = s.get(DownloadRow, download_id)
            if row is None:
                return None
            if only_from is not None and row.state not in only_from:
                return False
            row.state, row.reason = state, reason
            if state in ("verified", "failed"):
                row.finished_at = datetime.now(timezone.utc)
            s.commit()
            return True

    def delete(self, download_id: int) -> None:
        with self.db.session() as s:
            row = s.get(DownloadRow, download_id)
            if row is not None:
                s.delete(row)
                s.commit()

    def claim_queued(
        self, limit: int, *, running: Sequence[int], only: Sequence[int] | None
    ) -> list[DownloadRow]:
        """Up to ``limit`` queued rows (not ``running``, within ``only``), in queue order,
        moved to ``downloading`` in one commit."""
        with self.db.session() as s:
            q = select(DownloadRow).where(DownloadRow.state == "queued")
            if running:  # another process may have queued one of ours again on its start
                q = q.where(DownloadRow.id.not_in(list(running)))
            if only is not None:
                q = q.where(DownloadRow.id.in_(list(only)))
            rows = list(s.scalars(q.order_by(DownloadRow.position).limit(limit)).all())
            for row in rows:
                row.state, row.reason = "downloading", None
            s.commit()
            return rows

    def requeue_interrupted(self, busy: Callable[[Path], bool]) -> None:
        """Rows left ``downloading`` by a stop go back to ``queued``, unless ``busy`` says
        another live process is running them."""
        with self.db.session() as s:
            for row in s.scalars(select(DownloadRow).where(DownloadRow.state == "downloading")):
                if not busy(Path(row.dest_path)):
                    row.state = "queued"
            s.commit()
