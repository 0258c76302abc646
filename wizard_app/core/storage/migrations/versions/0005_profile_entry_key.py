"""A key per saved profile, so an entry from the outbox is never added twice.

Revision ID: 0005_profile_entry_key
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_profile_entry_key"
down_revision = "0001"  # a branch of its own: the app upgrades to "heads"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("profiles", sa.Column("entry_key", sa.String(64), nullable=True))
    op.create_index("ix_profiles_entry_key", "profiles", ["entry_key"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_profiles_entry_key", table_name="profiles")
    op.drop_column("profiles", "entry_key")
