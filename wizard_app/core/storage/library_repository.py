"""The installed-models library's SQL, behind ``LibraryRepository`` (short sessions,
detached rows). ``core.library.installed.Library`` decides; this module reads and writes
``installed_models`` rows."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError as SQLIntegrityError

from wizard_app.core.errors import StorageError
from wizard_app.core.storage.database import Database
from wizard_app.core.storage.download_tables import InstalledModel

# what a refresh of a known path keeps from the first registration
_KEPT = ("id", "added_at", "last_used_at")


class LibraryRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def all(self) -> list[InstalledModel]:
        with self.db.session() as s:
            return list(s.scalars(select(InstalledModel).order_by(InstalledModel.id)).all())

    def get(self, model_id: int) -> InstalledModel | None:
        with self.db.session() as s:
            return s.get(InstalledModel, model_id)

    def at(self, path: Path | str) -> InstalledModel | None:
        with self.db.session() as s:
            return s.scalars(select(InstalledModel).where(InstalledModel.path == str(path))).first()

    def paths(self) -> set[str]:
        with self.db.session() as s:
            return set(s.scalars(select(InstalledModel.path)).all())

    def save(self, row: InstalledModel) -> InstalledModel:
        """Add ``row``, or refresh the row already at its path (a re-download or
        re-import). Raises ``StorageError`` when the database refuses it."""
        with self.db.session() as s:
            existing = s.scalars(
                select(InstalledModel).where(InstalledModel.path == row.path)
            ).first()
            if existing is not None:
                for col in InstalledModel.__table__.columns.keys():  # noqa: SIM118
                    if col not in _KEPT:
                        setattr(existing, col, getattr(row, col))
                row = existing
            else:
                s.add(row)
            try:
                s.commit()
            except SQLIntegrityError as exc:
                raise StorageError(f"Cannot register {row.path}: {exc.orig}.") from exc
            return row

    def touch(self, model_id: int) -> None:
        with self.db.session() as s:
            row = s.get(InstalledModel, model_id)
            if row is not None:
                row.last_used_at = datetime.now(timezone.utc)
                s.commit()

    def delete(self, model_id: int) -> None:
        with self.db.session() as s:
            row = s.get(InstalledModel, model_id)
            if row is not None:
                s.delete(row)
                s.commit()
