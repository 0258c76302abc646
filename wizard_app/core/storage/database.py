"""The SQLite database: opened in WAL mode and migrated with alembic on start.

Opening never loses what the user had. Migrations run under a file lock, so two first
starts at once do not both create the tables. A file that is damaged (not a database,
failing SQLite's own check, or not one of ours) is moved aside under a new name, never
overwritten, and a new database is started; a missing table is created again after a
copy of the file is kept. ``Database.notice`` then says what happened and where the old
file is, and ``needs_library_rebuild`` tells the caller to add the models folder's files
back (``Library.adopt_models_folder``). What the user can fix (a read-only file or
folder, a full disk, a database of a newer version) raises ``StorageError`` with what to
do, and leaves the file alone. Every SQLite error later on becomes a ``StorageError``
with one clear line too (the engine's ``handle_error`` event), never a traceback.
"""

from __future__ import annotations

import ast
import logging
import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from wizard_app.core.errors import Param, StorageError, render
from wizard_app.core.storage.salvage import aside_name, salvage

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
LOCK_TIMEOUT_S = 120.0


class DatabaseProblem(StorageError):
    """A SQLite error, classified: ``kind`` is full, readonly, locked, damaged or other."""

    def __init__(
        self, message: str, remedy: str = "", *, kind: str = "other", detail: str = ""
    ) -> None:
        super().__init__(message, remedy)
        self.kind = kind
        self.detail = detail  # SQLite's own words


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def classify(exc: BaseException, path: Path) -> DatabaseProblem:
    """One clear line for a SQLite error on the database at ``path``."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    name = str(getattr(orig, "sqlite_errorname", "") or "")
    text_ = str(orig).lower()
    folder = path.parent
    if name == "SQLITE_FULL" or "disk is full" in text_ or "disk full" in text_:
        return DatabaseProblem(
            f"The disk holding the data folder {folder} is full: the database "
            f"{path.name} cannot be written.",
            "Free some space on that disk and run the command again; nothing saved so far is lost.",
            kind="full",
        )
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")) or (
        "readonly" in text_ or "unable to open" in text_
    ):
        return DatabaseProblem(
            f"The database {path} cannot be written: the file or its folder is read-only ({orig}).",
            "Make both writable (check the permissions and that the disk is not mounted "
            "read-only), or choose another data folder with --data-dir.",
            kind="readonly",
        )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text_:
        return DatabaseProblem(
            f"The database {path} is locked by another program.",
            "Close other Open Model Wizard windows or commands using this data folder and "
            "try again.",
            kind="locked",
        )
    if (
        name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
        or "malformed" in text_
        or "not a database" in text_
        or "no such table" in text_
        or "no such column" in text_
    ):
        return DatabaseProblem(
            f"The database {path} is damaged ({orig}).",
            "Run the command again: on start the damaged file is moved aside, a new one is "
            "started and the library is rebuilt from the models folder.",
            kind="damaged",
            detail=str(orig),
        )
    return DatabaseProblem(
        f"The database {path} cannot be used: {orig}.",
        "Check the disk and the data folder, or choose another with --data-dir.",
    )


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _on_connect)

    def on_error(context: ExceptionContext) -> None:
        orig = context.original_exception
        if isinstance(orig, sqlite3.Error):
            raise classify(orig, path) from orig

    event.listen(engine, "handle_error", on_error)
    return engine


def _revision_graph() -> dict[str, tuple[str, ...]]:
    """Each migration's revision and the ones it follows, read from the migration files.

    Read with ``ast`` rather than alembic: importing alembic costs every command 0.1 s of
    its start, and a database already at the heads needs nothing else from it.
    """
    graph: dict[str, tuple[str, ...]] = {}
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        values: dict[str, Any] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign):
                target, value = node.targets[0], node.value
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                target, value = node.target, node.value
            else:
                continue
            if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
                values[target.id] = ast.literal_eval(value)
        if "revision" in values:
            down = values.get("down_revision")
            graph[values["revision"]] = (down,) if isinstance(down, str) else tuple(down or ())
    return graph


def _known_revisions() -> set[str]:
    return set(_revision_graph())


def schema_heads() -> set[str]:
    """The newest schema versions (one per branch): what a database up to date holds."""
    graph = _revision_graph()
    return set(graph) - {down for downs in graph.values() for down in downs}


def migrate(engine: Engine) -> None:
    """Bring the schema up to date (every head: feature branches migrate independently)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "heads")


class _Damaged(Exception):
    """The file is not a usable database of ours; the message says why."""


class Database:
    """Owns the engine and hands out short-lived sessions."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.created = False  # a new, empty database was started (first start, or moved)
        self.moved_to: Path | None = None  # where a damaged file was put aside
        self.recreated_tables: list[str] = []
        self.salvaged: dict[str, int] = {}  # rows copied from a damaged file, per table
        self.notice: str | None = None  # what happened on opening, for the user
        self.notice_codes: list[tuple[str, dict[str, Param]]] = []  # the same, coded
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(
                f"Cannot create the data folder {path.parent}: {exc.strerror or exc}.",
                "Choose a writable data folder with --data-dir.",
            ) from exc
        lock = self._lock()
        try:
            self.engine = self._open(lock)
            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
            from wizard_app.core.storage import outbox

            self.from_outbox = outbox.drain(self)  # entries kept by short commands
        finally:
            lock.release()

    @property
    def needs_library_rebuild(self) -> bool:
        """The library's table is new: the models folder's files should be added back."""
        return self.created or "installed_models" in self.recreated_tables

    def session(self) -> Session:
        return self._sessions()

    def close(self) -> None:
        self.engine.dispose()

    # ---- opening -----------------------------------------------------------------------
    def _lock(self) -> Any:
        """A lock file next to the database: one process at a time checks and migrates."""
        from filelock import FileLock

        return FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT_S)

    def _open(self, lock: Any) -> Engine:
        from filelock import Timeout

        try:
            lock.acquire()
        except Timeout as exc:
            raise StorageError(
                f"Another Open Model Wizard process has been opening {self.path} for "
                f"{lock.timeout:.0f} s.",
                "Wait for it to finish, or stop it, then try again.",
            ) from exc
        except OSError as exc:
            raise StorageError(
                f"Cannot write in the data folder {self.path.parent}: {exc.strerror or exc}.",
                "Make it writable, or choose another data folder with --data-dir.",
            ) from exc
        return self._open_checked()

    def _open_checked(self) -> Engine:
        path = self.path
        fresh = not path.exists()
        damage: str | None = None
        if not fresh and path.stat().st_size == 0 and not _has_wal(path):
            damage = "the file is empty"
        engine = make_engine(path)
        try:
            if damage is None:
                try:
                    if self._check(engine) != schema_heads():  # alembic only when needed
                        migrate(engine)
                    self._repair_tables(engine)
                    self.created = fresh
                    if fresh:
                        log.info("started a new database at %s", path)
                    return engine
                except _Damaged as exc:
                    damage = str(exc)
                except (DatabaseProblem, SQLAlchemyError, sqlite3.Error) as exc:
                    problem = exc if isinstance(exc, DatabaseProblem) else classify(exc, path)
                    if problem.kind != "damaged":
                        raise problem from exc
                    damage = problem.detail
            engine.dispose()
            self.moved_to = self._move_aside()
            self.created = True
            engine = make_engine(path)
            migrate(engine)
            saved, lost = salvage(self.moved_to, path)
            self.salvaged = saved
            self.notice_codes = _damage_notice(path.name, damage, self.moved_to, saved, lost)
            self.notice = notice_text(self.notice_codes)
            log.warning("%s", self.notice)
            return engine
        except (SQLAlchemyError, sqlite3.Error) as exc:
            engine.dispose()
            raise classify(exc, path) from exc
        except OSError as exc:
            engine.dispose()
            raise StorageError(
                f"Cannot open the database {path}: {exc.strerror or exc}.",
                "Check that the data folder is writable and not on a read-only disk, "
                "or choose another with --data-dir.",
            ) from exc
        except BaseException:
            engine.dispose()
            raise

    def _check(self, engine: Engine) -> set[str]:
        """The schema versions the file has; raise ``_Damaged`` for a file that is not a
        sound database of ours, ``StorageError`` for one of a newer version (nothing is
        touched)."""
        with engine.connect() as conn:
            result = [r[0] for r in conn.execute(text("PRAGMA quick_check"))]
            if result != ["ok"]:
                raise _Damaged(f"SQLite's check found: {'; '.join(map(str, result[:3]))}")
            tables = set(inspect(conn).get_table_names())
            if not tables:
                return set()
            if "alembic_version" not in tables:
                raise _Damaged(
                    f"it has tables ({', '.join(sorted(tables)[:4])}) but no schema version: "
                    "it is not an Open Model Wizard database"
                )
            stored = {r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))}
        unknown = stored - _known_revisions()
        if unknown:
            raise StorageError(
                f"The database {self.path} has the schema version "
                f"{', '.join(sorted(unknown))}, which this version of Open Model Wizard does "
                "not know: a newer version of the app (or another program) wrote it. "
                "It was left as it is.",
                "Run the newer version of the app, or give this one another data folder "
                "with --data-dir. To start afresh here, rename the file; the library will "
                "be rebuilt from the models folder.",
            )
        return stored

    def _repair_tables(self, engine: Engine) -> None:
        """Create again a table that is missing after the migrations (dropped by hand or
        lost), once a copy of the file is kept aside."""
        from wizard_app.core.storage import all_tables  # noqa: F401  (registers every table)
        from wizard_app.core.storage.base import Base

        present = set(inspect(engine).get_table_names())
        missing = [t for t in Base.metadata.sorted_tables if t.name not in present]
        if not missing:
            return
        names = [t.name for t in missing]
        copy = aside_name(self.path)
        with engine.connect() as conn:  # a consistent copy, WAL included
            conn.exec_driver_sql(f"VACUUM INTO '{_sql_str(copy)}'")
        Base.metadata.create_all(engine, tables=missing)
        self.recreated_tables = names
        self.moved_to = copy
        self.notice = (
            f"The database {self.path.name} had lost its table(s) {', '.join(names)}; they "
            f"were created again, empty. A copy of the file as it was is in {copy}."
            + (
                " The models in the models folder are added back to the library."
                if "installed_models" in names
                else ""
            )
        )
        log.warning("%s", self.notice)

    def _move_aside(self) -> Path:
        target = aside_name(self.path)
        for suffix in ("", "-wal", "-shm", "-journal"):
            src = self.path.with_name(self.path.name + suffix)
            if src.exists():
                os.replace(src, target.with_name(target.name + suffix))
        return target


def _damage_notice(
    name: str, damage: str | None, moved_to: Path, saved: dict[str, int], lost: list[str]
) -> list[tuple[str, dict[str, Param]]]:
    """What the user is told, as coded sentences (``render`` gives the English)."""
    parts: list[tuple[str, dict[str, Param]]] = [
        ("storage.damaged_moved", {"name": name, "damage": damage or "", "moved_to": str(moved_to)})
    ]
    if saved:
        tables = ", ".join(f"{n} {t}" for t, n in saved.items())
        parts.append(("storage.damaged_kept", {"rows": sum(saved.values()), "tables": tables}))
    if lost:
        parts.append(("storage.damaged_unread", {"parts": ", ".join(lost)}))
    return parts


def notice_text(parts: list[tuple[str, dict[str, Param]]]) -> str:
    """The coded sentences of a notice in English, the last remedy at the end."""
    rendered = [render(code, params) for code, params in parts]
    sentences = [message for message, _ in rendered] + [r for _, r in rendered if r]
    return " ".join(sentences)


def _has_wal(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    return wal.exists() and wal.stat().st_size > 0


def _sql_str(path: Path) -> str:
    return str(path).replace("'", "''")
