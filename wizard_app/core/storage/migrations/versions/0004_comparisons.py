"""Comparisons of models on the same prompts, their cells and ratings; saved prompt sets.

Revision ID: 0004_comparisons
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_comparisons"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Long only because it declares four tables, a column a line, as alembic writes them.
    op.create_table(
        "comparisons",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("use_case", sa.String(64), nullable=True),
        sa.Column("blind", sa.Boolean(), nullable=False),
        sa.Column("revealed", sa.Boolean(), nullable=False),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.Column("prompts", sa.JSON(), nullable=False),
        sa.Column("machine_id", sa.String(32), nullable=False),
        sa.Column("hardware", sa.JSON(), nullable=False),
        sa.Column("app_version", sa.String(32), nullable=False),
        sa.Column("rerun_of", sa.Integer(), nullable=True),
    )
    op.create_index("ix_comparisons_use_case", "comparisons", ["use_case"])
    op.create_table(
        "comparison_models",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "comparison_id",
            sa.Integer(),
            sa.ForeignKey(
                "comparisons.id",
                ondelete="CASCADE",
                name="fk_comparison_models_comparison_id_comparisons",
            ),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(300), nullable=False),
        sa.Column("path", sa.String(2000), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=True),
        sa.Column("catalog_id", sa.String(200), nullable=True),
        sa.Column("quant", sa.String(32), nullable=True),
        sa.UniqueConstraint("comparison_id", "position", name="uq_comparison_models_comparison_id"),
    )
    op.create_index("ix_comparison_models_comparison_id", "comparison_models", ["comparison_id"])
    op.create_index("ix_comparison_models_label", "comparison_models", ["label"])
    op.create_table(
        "comparison_cells",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "comparison_id",
            sa.Integer(),
            sa.ForeignKey(
                "comparisons.id",
                ondelete="CASCADE",
                name="fk_comparison_cells_comparison_id_comparisons",
            ),
            nullable=False,
        ),
        sa.Column("model_position", sa.Integer(), nullable=False),
        sa.Column("prompt_position", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("output", sa.Text(), nullable=False),
        sa.Column("error_kind", sa.String(32), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("error_code", sa.String(64), nullable=False),
        sa.Column("error_params", sa.JSON(), nullable=False),
        sa.Column("chat_format", sa.String(64), nullable=False),
        sa.Column("llama_cpp_version", sa.String(32), nullable=False),
        sa.Column("load_s", sa.Float(), nullable=True),
        sa.Column("ttft_s", sa.Float(), nullable=True),
        sa.Column("prompt_tokens", sa.Integer(), nullable=True),
        sa.Column("prompt_tok_per_s", sa.Float(), nullable=True),
        sa.Column("gen_tokens", sa.Integer(), nullable=True),
        sa.Column("gen_s", sa.Float(), nullable=True),
        sa.Column("gen_tok_per_s", sa.Float(), nullable=True),
        sa.Column("peak_rss_bytes", sa.BigInteger(), nullable=True),
        sa.Column("stop_reason", sa.String(16), nullable=False),
        sa.Column("n_ctx", sa.Integer(), nullable=True),
        sa.Column("n_gpu_layers", sa.Integer(), nullable=True),
        sa.Column("predicted_rss_bytes", sa.BigInteger(), nullable=True),
        sa.Column("predicted_tok_per_s", sa.Float(), nullable=True),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.UniqueConstraint(
            "comparison_id",
            "model_position",
            "prompt_position",
            name="uq_comparison_cells_comparison_id",
        ),
    )
    op.create_index("ix_comparison_cells_comparison_id", "comparison_cells", ["comparison_id"])
    op.create_table(
        "prompt_sets",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("use_case", sa.String(64), nullable=True),
        sa.Column("prompts", sa.JSON(), nullable=False),
        sa.UniqueConstraint("name", name="uq_prompt_sets_name"),
    )


def downgrade() -> None:
    op.drop_table("prompt_sets")
    op.drop_index("ix_comparison_cells_comparison_id", "comparison_cells")
    op.drop_table("comparison_cells")
    op.drop_index("ix_comparison_models_label", "comparison_models")
    op.drop_index("ix_comparison_models_comparison_id", "comparison_models")
    op.drop_table("comparison_models")
    op.drop_index("ix_comparisons_use_case", "comparisons")
    op.drop_table("comparisons")
