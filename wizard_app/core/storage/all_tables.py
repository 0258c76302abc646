"""Imports every table module so Base.metadata knows them all (alembic, tests)."""

import wizard_app.core.storage.compare_schema
import wizard_app.core.storage.download_tables  # noqa: F401
import wizard_app.core.storage.run_tables as _run_tables  # noqa: F401
from wizard_app.core.storage import tables  # noqa: F401
