"""Saved profiles and the recommendations they produced.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "profiles",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("hardware", sa.JSON(), nullable=False),
    )
    op.create_table(
        "recommendations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "profile_id",
            sa.Integer(),
            sa.ForeignKey(
                "profiles.id",
                ondelete="CASCADE",
                name="fk_recommendations_profile_id_profiles",
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("catalog_digest", sa.String(64), nullable=False),
        sa.Column("app_version", sa.String(32), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
    )
    op.create_index("ix_recommendations_profile_id", "recommendations", ["profile_id"])


def downgrade() -> None:
    op.drop_index("ix_recommendations_profile_id", "recommendations")
    op.drop_table("recommendations")
    op.drop_table("profiles")
