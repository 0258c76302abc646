"""Alembic environment: run against the connection the app hands over."""

from __future__ import annotations

from alembic import context

from wizard_app.core.storage import all_tables  # noqa: F401  (registers every table)
from wizard_app.core.storage.base import Base

connection = context.config.attributes.get("connection")
if connection is None:  # run from the alembic command line against a file given by -x db=
    from sqlalchemy import create_engine

    url = context.get_x_argument(as_dictionary=True).get("db", "sqlite:///wizard.sqlite3")
    connection = create_engine(url).connect()

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
)
with context.begin_transaction():
    context.run_migrations()
