"""Trial runs with their measured and predicted figures.

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0001"  # a branch of its own: the app upgrades to "heads"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("machine_id", sa.String(32), nullable=False),
        sa.Column("app_version", sa.String(32), nullable=False),
        sa.Column("llama_cpp_version", sa.String(32), nullable=False),
        sa.Column("model_path", sa.String(2000), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=True),
        sa.Column("model_name", sa.String(300), nullable=False),
        sa.Column("arch", sa.String(64), nullable=False),
        sa.Column("quant", sa.String(32), nullable=False),
        sa.Column("weights_bytes", sa.BigInteger(), nullable=False),
        sa.Column("n_ctx", sa.Integer(), nullable=False),
        sa.Column("n_gpu_layers", sa.Integer(), nullable=False),
        sa.Column("n_threads", sa.Integer(), nullable=False),
        sa.Column("load_params", sa.JSON(), nullable=False),
        sa.Column("sampling", sa.JSON(), nullable=False),
        sa.Column("chat_format", sa.String(64), nullable=False),
        sa.Column("system", sa.Text(), nullable=True),
        sa.Column("prompt", sa.Text(), nullable=False),
        sa.Column("output", sa.Text(), nullable=False),
        sa.Column("load_s", sa.Float(), nullable=False),
        sa.Column("prompt_tokens", sa.Integer(), nullable=False),
        sa.Column("prompt_eval_tokens", sa.Integer(), nullable=False),
        sa.Column("prompt_tok_per_s", sa.Float(), nullable=True),
        sa.Column("ttft_s", sa.Float(), nullable=False),
        sa.Column("gen_tokens", sa.Integer(), nullable=False),
        sa.Column("gen_tok_per_s", sa.Float(), nullable=True),
        sa.Column("peak_rss_bytes", sa.BigInteger(), nullable=False),
        sa.Column("stop_reason", sa.String(16), nullable=False),
        sa.Column("memory", sa.JSON(), nullable=False),
        sa.Column("predicted_rss_bytes", sa.BigInteger(), nullable=False),
        sa.Column("predicted_tok_per_s", sa.Float(), nullable=True),
        sa.Column("predicted", sa.JSON(), nullable=False),
        sa.Column("notes", sa.JSON(), nullable=False),
    )
    op.create_index("ix_runs_machine_id", "runs", ["machine_id"])


def downgrade() -> None:
    op.drop_index("ix_runs_machine_id", "runs")
    op.drop_table("runs")
