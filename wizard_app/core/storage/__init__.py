"""SQLite storage through SQLAlchemy 2.0, schema managed by alembic."""
