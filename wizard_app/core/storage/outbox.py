"""History entries kept as files by a short command, added on the next database open.

``model-wizard recommend`` ranks in tens of milliseconds, while importing SQLAlchemy and
opening the database takes several hundred. So the command writes its history entry as
one JSON file in ``<data>/outbox/`` (atomically: a temporary file, then a rename) and
exits; the next ``Database`` open, by any command or the desktop app, adds the files
oldest first, under the lock that guards migrations. Each file's name is its entry's key
(``profiles.entry_key``), so an entry the database already has (a crash between the
insert and the file's removal) is not added twice. Nothing here imports SQLAlchemy.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard_app.core.errors import StorageError

if TYPE_CHECKING:
    from wizard_app.core.storage.database import Database

log = logging.getLogger(__name__)

SUFFIX = ".json"
FIELDS = ("name", "answers", "hardware", "result", "catalog_digest", "app_version")


def outbox_dir(database: Path) -> Path:
    """The outbox beside the database file."""
    return database.parent / "outbox"


def put(database: Path, entry: dict[str, Any]) -> Path:
    """Keep ``entry`` (the ``FIELDS``) for the database at ``database``; returns its file."""
    folder = outbox_dir(database)
    key = f"{time.time_ns():020d}-{uuid.uuid4().hex[:12]}"
    record = {f: entry[f] for f in FIELDS}
    record["created_at"] = datetime.now(timezone.utc).isoformat()  # as tables.utcnow
    target = folder / f"{key}{SUFFIX}"
    tmp = folder / f".{key}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(record), encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):  # the folder itself may be what failed
            tmp.unlink(missing_ok=True)
        raise StorageError(
            f"Cannot save the answers in {folder}: {exc.strerror or exc}.",
            "Make the data folder writable, choose another with --data-dir, or add --no-save.",
        ) from exc
    return target


def pending(database: Path) -> list[Path]:
    """The entries not yet in the database, oldest first."""
    folder = outbox_dir(database)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix == SUFFIX and p.is_file())


def drain(db: Database) -> int:
    """Add the pending entries to ``db`` (its caller holds the open lock); returns how many.

    A file that cannot be read as an entry is renamed to ``.bad`` and left for a person
    to look at: it never blocks the entries after it.
    """
    files = pending(db.path)
    if not files:
        return 0
    from wizard_app.core.storage.recommend_history import RecommendationHistory

    history = RecommendationHistory(db)
    added = 0
    for path in files:
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            fields = {f: record[f] for f in FIELDS}
            created = datetime.fromisoformat(record["created_at"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("outbox entry %s cannot be read (%s); renamed to .bad", path.name, exc)
            path.replace(path.with_suffix(".bad"))
            continue
        if history.add_once(entry_key=path.stem, created_at=created, **fields):
            added += 1
        path.unlink(missing_ok=True)
    return added
