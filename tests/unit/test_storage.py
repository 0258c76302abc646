"""The database: WAL mode, migrations on start, and what a damaged or foreign file, a full
disk, a read-only file and two first starts at once do (issue 10, items 8-10)."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, inspect, select, text

from wizard_app.core.errors import StorageError
from wizard_app.core.storage.database import Database, DatabaseProblem
from wizard_app.core.storage.download_tables import DownloadRow, InstalledModel

ROOT = Path(__file__).parents[2]


def _row(db: Database, **kw: Any) -> int:
    with db.session() as s:
        row = DownloadRow(repo="a/b", filename="f.gguf", endpoint="http://h", dest_path="/x/f",
                          **kw)  # fmt: skip
        s.add(row)
        s.commit()
        return row.id


def _aside(tmp_path: Path) -> list[Path]:
    return sorted(p for p in tmp_path.iterdir() if ".damaged-" in p.name)


def test_migrations_create_the_tables_in_wal_mode(tmp_path: Path) -> None:
    db = Database(tmp_path / "w.sqlite3")
    assert db.created
    assert db.notice is None
    tables = set(inspect(db.engine).get_table_names())
    assert {"profiles", "recommendations", "alembic_version"} <= tables
    _row(db)
    db.close()
    con = sqlite3.connect(tmp_path / "w.sqlite3")
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()
    again = Database(tmp_path / "w.sqlite3")  # reopening migrates nothing and keeps data
    assert not again.created
    assert not again.needs_library_rebuild
    with again.session() as s:
        assert len(s.scalars(select(DownloadRow)).all()) == 1
    again.close()


def test_a_file_that_is_not_a_database_is_moved_aside_never_overwritten(tmp_path: Path) -> None:
    """Before: a traceback-free refusal, and every later start refused too."""
    bad = tmp_path / "w.sqlite3"
    junk = b"this is not a database" * 100
    bad.write_bytes(junk)
    db = Database(bad)
    try:
        (aside,) = _aside(tmp_path)
        assert aside.read_bytes() == junk  # kept, byte for byte
        assert db.created
        assert db.needs_library_rebuild
        assert db.moved_to == aside
        assert db.notice is not None
        assert "was damaged (file is not a database)" in db.notice
        assert str(aside) in db.notice
        assert "added back to the library" in db.notice
        _row(db)  # and the new one works
    finally:
        db.close()


def _garble(path: Path, first: int, every: int) -> bytes:
    """Overwrite the start of every ``every``-th page from page ``first`` (seeded)."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    raw = bytearray(path.read_bytes())
    rng = random.Random(10)
    for n in range(first, len(raw) // page, every):
        raw[n * page : n * page + 64] = rng.randbytes(64)
    path.write_bytes(raw)
    return bytes(raw)


def _filled(path: Path, n: int = 400) -> set[str]:
    db = Database(path)
    reasons = {f"{'x' * 200}{i}" for i in range(n)}
    for reason in sorted(reasons):
        _row(db, reason=reason)
    db.close()
    return reasons


def test_garbage_pages_are_found_by_sqlites_check(tmp_path: Path) -> None:
    """A database whose inner pages were overwritten: moved aside, a new one started."""
    path = tmp_path / "w.sqlite3"
    _filled(path)
    raw = _garble(path, 3, 3)
    db = Database(path)
    try:
        (aside,) = _aside(tmp_path)
        assert aside.read_bytes() == raw
        assert db.created
        assert db.notice is not None
        assert "damaged (database disk image is malformed)" in db.notice
        assert "stays in the old file" in db.notice
    finally:
        db.close()


def test_the_rows_that_can_still_be_read_are_copied_into_the_new_database(
    tmp_path: Path,
) -> None:
    """Nothing silently dropped: what the damaged file still holds comes along, exactly."""
    path = tmp_path / "w.sqlite3"
    reasons = _filled(path)
    con = sqlite3.connect(path)
    (root,) = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'downloads'").fetchone()
    con.close()
    _garble(path, root + 2, 10)  # pages of rows (from 0: the root's page is root - 1), not its root
    db = Database(path)
    try:
        with db.session() as s:
            kept = [r.reason for r in s.scalars(select(DownloadRow)).all()]
        assert len(kept) >= 300  # most of 400, around the pages that were damaged
        assert set(kept) <= reasons  # and nothing made up
        assert db.salvaged == {"downloads": len(kept)}
        assert db.notice is not None
        assert f"{len(kept)} saved rows could still be read" in db.notice
        _row(db)  # the new database takes new rows next to the copied ones
    finally:
        db.close()


def test_an_empty_file_is_kept_aside_and_says_the_library_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite3"
    path.write_bytes(b"")
    db = Database(path)
    try:
        assert len(_aside(tmp_path)) == 1
        assert db.needs_library_rebuild
        assert db.notice is not None
        assert "the file is empty" in db.notice
    finally:
        db.close()


def test_a_deleted_database_is_a_new_one_whose_library_must_be_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite3"
    Database(path).close()
    for p in tmp_path.glob("w.sqlite3*"):
        p.unlink()
    db = Database(path)
    try:
        assert db.created
        assert db.needs_library_rebuild
    finally:
        db.close()


def test_an_unknown_schema_version_is_left_alone_with_a_clear_message(tmp_path: Path) -> None:
    """Before: alembic's "Can't locate revision" traceback."""
    path = tmp_path / "w.sqlite3"
    db = Database(path)
    _row(db)
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO alembic_version VALUES ('0099_future')"))
    db.close()
    before = path.read_bytes()
    with pytest.raises(StorageError) as err:
        Database(path)
    assert "0099_future" in err.value.message
    assert "newer version" in err.value.message
    assert "--data-dir" in err.value.remedy
    assert path.read_bytes() == before
    assert not _aside(tmp_path)


def test_a_foreign_database_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO photos (name) VALUES ('holiday')")
    con.commit()
    con.close()
    db = Database(path)
    try:
        (aside,) = _aside(tmp_path)
        assert db.notice is not None
        assert "not an Open Model Wizard database" in db.notice
        kept = sqlite3.connect(aside)
        assert kept.execute("SELECT name FROM photos").fetchall() == [("holiday",)]
        kept.close()
    finally:
        db.close()


def test_a_dropped_table_is_created_again_after_a_copy_is_kept(tmp_path: Path) -> None:
    """Before: "no such table" tracebacks in library, history, download."""
    path = tmp_path / "w.sqlite3"
    db = Database(path)
    download_id = _row(db)
    with db.engine.begin() as conn:
        conn.execute(text("DROP TABLE installed_models"))
    db.close()
    db = Database(path)
    try:
        assert db.recreated_tables == ["installed_models"]
        assert db.needs_library_rebuild
        assert not db.created
        assert db.notice is not None
        assert "installed_models" in db.notice
        (copy,) = _aside(tmp_path)
        kept = sqlite3.connect(copy)
        assert kept.execute("SELECT count(*) FROM downloads").fetchone() == (1,)
        kept.close()
        with db.session() as s:  # the other tables are untouched
            assert s.get(DownloadRow, download_id) is not None
            assert s.scalars(select(InstalledModel)).all() == []
    finally:
        db.close()


def test_a_table_dropped_while_running_is_a_clear_storage_error(tmp_path: Path) -> None:
    db = Database(tmp_path / "w.sqlite3")
    try:
        with db.engine.begin() as conn:
            conn.execute(text("DROP TABLE downloads"))
        with pytest.raises(DatabaseProblem) as err, db.session() as s:
            s.scalars(select(DownloadRow)).all()
        assert err.value.kind == "damaged"
        assert "is damaged (no such table: downloads)" in err.value.message
        assert "moved aside" in err.value.remedy
    finally:
        db.close()


def test_a_full_disk_is_a_clear_storage_error(tmp_path: Path) -> None:
    """Before: ``OperationalError: database or disk is full`` as a traceback. SQLite's own
    page limit gives the very same SQLITE_FULL error a full disk does."""
    db = Database(tmp_path / "w.sqlite3")
    try:
        with db.engine.connect() as conn:
            pages = conn.execute(text("PRAGMA page_count")).scalar_one()
        db.engine.dispose()

        def limit(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

        event.listen(db.engine, "connect", limit)
        for _ in range(200):  # the first few fill the pages the file has
            try:
                _row(db, reason="x" * 4000)
            except DatabaseProblem as exc:
                problem = exc
                break
        else:
            pytest.fail("the page limit was never reached")
        assert problem.kind == "full"
        assert f"The disk holding the data folder {tmp_path} is full" in problem.message
        assert "Free some space" in problem.remedy
    finally:
        db.close()


def test_a_read_only_database_is_a_clear_storage_error(tmp_path: Path) -> None:
    """SQLite's query_only gives the SQLITE_READONLY error of a read-only file (this
    suite may run as root, for whom file modes do not stop writes)."""
    db = Database(tmp_path / "w.sqlite3")
    try:
        db.engine.dispose()

        def read_only(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.execute("PRAGMA query_only = ON")

        event.listen(db.engine, "connect", read_only)
        with pytest.raises(DatabaseProblem) as err:
            _row(db)
        assert err.value.kind == "readonly"
        assert "cannot be written" in err.value.message
        assert "--data-dir" in err.value.remedy
    finally:
        db.close()


_OPEN_AT = """
import sys, time
from pathlib import Path
from wizard_app.core.storage.database import Database
at = float(sys.argv[2])
time.sleep(max(0.0, at - time.time()))
Database(Path(sys.argv[1])).close()
print("ok")
"""


def test_two_first_starts_at_once_both_succeed(tmp_path: Path) -> None:
    """Before: one of them failed with "table profiles already exists" (8 of 8 tries)."""
    for attempt in range(2):
        path = tmp_path / f"fresh{attempt}" / "w.sqlite3"
        at = time.time() + 3.0  # both are past their imports by then
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", _OPEN_AT, str(path), str(at)],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        results = [p.communicate(timeout=120) for p in procs]
        for p, (out, err) in zip(procs, results, strict=True):
            assert p.returncode == 0, err[-2000:]
            assert out.strip() == "ok"
        db = Database(path)
        assert not db.created
        db.close()


def test_a_start_that_waits_too_long_for_another_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from filelock import FileLock

    import wizard_app.core.storage.database as database

    path = tmp_path / "w.sqlite3"
    monkeypatch.setattr(database, "LOCK_TIMEOUT_S", 0.3)
    other = subprocess.Popen(  # another process holds the lock: a migration in progress
        [sys.executable, "-c", "import sys, time\nfrom filelock import FileLock\n"
         "with FileLock(sys.argv[1]):\n    print('held', flush=True)\n    time.sleep(30)",
         str(path) + ".lock"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert other.stdout is not None
        assert other.stdout.readline().strip() == "held"
        with pytest.raises(StorageError) as err:
            Database(path)
        assert "Another Open Model Wizard process has been opening" in err.value.message
    finally:
        other.kill()
        other.communicate()
    probe = FileLock(str(path) + ".lock", timeout=5)
    probe.acquire()  # the dead process's lock was released by the system
    probe.release()
    Database(path).close()
