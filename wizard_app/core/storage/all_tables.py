"""Imports every table module so Base.metadata knows them all (alembic, tests)."""

from wizard_app.core.storage import tables  # noqa: F401
