"""The download queue and the library of installed models.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "downloads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("repo", sa.String(200), nullable=False),
        sa.Column("filename", sa.String(500), nullable=False),
        sa.Column("revision", sa.String(100), nullable=False),
        sa.Column("commit", sa.String(64), nullable=True),
        sa.Column("endpoint", sa.String(500), nullable=False),
        sa.Column("catalog_id", sa.String(200), nullable=True),
        sa.Column("quant", sa.String(32), nullable=True),
        sa.Column("dest_path", sa.String(2000), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=True),
        sa.Column("expected_sha256", sa.String(64), nullable=True),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("bytes_done", sa.BigInteger(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "state IN ('queued', 'downloading', 'paused', 'failed', 'verified')",
            name="ck_downloads_state",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_downloads"),
    )
    op.create_index("ix_downloads_dest_path", "downloads", ["dest_path"])
    op.create_index("ix_downloads_state", "downloads", ["state"])
    op.create_table(
        "installed_models",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(2000), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("owned", sa.Boolean(), nullable=False),
        sa.Column("display_name", sa.String(300), nullable=False),
        sa.Column("repo", sa.String(200), nullable=True),
        sa.Column("filename", sa.String(500), nullable=True),
        sa.Column("revision", sa.String(100), nullable=True),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("sha256_verified", sa.Boolean(), nullable=False),
        sa.Column("catalog_id", sa.String(200), nullable=True),
        sa.Column("quant", sa.String(32), nullable=True),
        sa.Column("architecture", sa.String(64), nullable=True),
        sa.Column("header", sa.JSON(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("download_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["download_id"],
            ["downloads.id"],
            ondelete="SET NULL",
            name="fk_installed_models_download_id_downloads",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_installed_models"),
        sa.UniqueConstraint("path", name="uq_installed_models_path"),
    )
    op.create_index("ix_installed_models_download_id", "installed_models", ["download_id"])


def downgrade() -> None:
    op.drop_index("ix_installed_models_download_id", "installed_models")
    op.drop_table("installed_models")
    op.drop_index("ix_downloads_state", "downloads")
    op.drop_index("ix_downloads_dest_path", "downloads")
    op.drop_table("downloads")
