"""The database: WAL mode, migrations applied on start, history round trip."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect

from wizard_app.core.errors import StorageError
from wizard_app.core.storage.database import Database


def test_migrations_create_the_tables_in_wal_mode(tmp_path: Path) -> None:
    db = Database(tmp_path / "w.sqlite3")
    tables = set(inspect(db.engine).get_table_names())
    assert {"profiles", "recommendations", "alembic_version"} <= tables
    db.close()
    con = sqlite3.connect(tmp_path / "w.sqlite3")
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()
    Database(tmp_path / "w.sqlite3").close()  # reopening migrates nothing and keeps data


def test_an_unusable_database_gives_a_clear_message(tmp_path: Path) -> None:
    bad = tmp_path / "w.sqlite3"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StorageError) as err:
        Database(bad)
    assert "Cannot open the database" in str(err.value)
    assert bad.read_bytes().startswith(b"this is not")  # nothing the user had is lost
