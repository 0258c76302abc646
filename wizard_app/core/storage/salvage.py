"""What is left of a damaged database: the rows that can still be read, copied into a
new one, and a name for the damaged file beside it that no file has yet."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from wizard_app.core.errors import StorageError

log = logging.getLogger(__name__)


def salvage(damaged: Path, new_path: Path) -> tuple[dict[str, int], list[str]]:
    """Copy every row that can still be read from the damaged file of ours into the new
    database, table by table; returns the rows copied per table, and the tables (or
    parts) that could not be read. A file that is not ours gives nothing."""
    from wizard_app.core.storage import all_tables  # noqa: F401  (registers every table)
    from wizard_app.core.storage.base import Base

    saved: dict[str, int] = {}
    lost: list[str] = []
    try:
        old = sqlite3.connect(f"file:{damaged}?mode=ro&immutable=1", uri=True)
        new = sqlite3.connect(new_path)  # foreign keys off: a parent row may be lost
    except sqlite3.Error:
        return saved, lost
    try:
        try:
            present = {r[0] for r in old.execute("SELECT name FROM sqlite_master")}
        except sqlite3.Error:
            return saved, ["every table"]
        if "alembic_version" not in present:
            return saved, lost
        with new:  # one transaction: every table copied, or none
            for table in Base.metadata.sorted_tables:
                if table.name not in present:
                    continue
                try:
                    have = {r[1] for r in old.execute(f'PRAGMA table_info("{table.name}")')}
                except sqlite3.Error:
                    lost.append(table.name)
                    continue
                cols = [c.name for c in table.columns if c.name in have]
                names = ", ".join(f'"{c}"' for c in cols)
                rows, whole = _readable_rows(old, table.name, names)
                if not whole:
                    lost.append(f"part of {table.name}")
                if not rows:
                    continue
                marks = ", ".join("?" for _ in cols)
                new.executemany(
                    f'INSERT OR IGNORE INTO "{table.name}" ({names}) VALUES ({marks})', rows
                )
                saved[table.name] = len(rows)
    except sqlite3.Error as exc:  # the new file stays empty, not broken
        log.warning("could not copy rows from %s: %s", damaged, exc)
        return {}, ["every table"]
    finally:
        old.close()
        new.close()
    return saved, lost


def _readable_rows(
    old: sqlite3.Connection, table: str, names: str
) -> tuple[list[tuple[Any, ...]], bool]:
    """The rows of ``table`` that can be read, in rowid order, stepping over damaged
    pages (a failed scan resumes further on); and whether the whole table was read."""
    rows: list[tuple[Any, ...]] = []
    whole = True
    last, skip = -(1 << 62), 0
    while skip <= 1 << 40:
        try:
            for row in old.execute(
                f'SELECT rowid, {names} FROM "{table}" WHERE rowid > ? ORDER BY rowid',
                (last + skip,),
            ):
                last, skip = row[0], 0
                rows.append(tuple(row[1:]))
            return rows, whole
        except sqlite3.Error:
            whole = False
            skip = max(1, skip * 4)
    return rows, whole


def aside_name(path: Path) -> Path:
    """A name next to ``path`` that no file has yet (a damaged copy is never overwritten)."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    for n in range(1000):
        tail = f".damaged-{stamp}" + (f"-{n}" if n else "")
        candidate = path.with_name(path.name + tail)
        if not any(candidate.with_name(candidate.name + s).exists() for s in ("", "-wal", "-shm")):
            return candidate
    raise StorageError(f"Too many damaged copies of {path.name} in {path.parent}.")
