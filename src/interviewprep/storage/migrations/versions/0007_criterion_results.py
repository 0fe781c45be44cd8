"""Per-criterion results: which of a flashcard's key points an answer raised, and which rubric
items a design attempt covered, kept so the weakest ones can be reported and drilled.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "criterion_results",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("review_id", sa.Integer(), nullable=True),
        sa.Column("attempt_id", sa.Integer(), nullable=True),
        sa.Column("bank_id", sa.String(), nullable=False),
        sa.Column("question_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.Column("coverage", sa.String(), nullable=False),
        sa.Column("recorded_at", sa.Integer(), nullable=False),
    )
    op.create_index("ix_criterion_results_at", "criterion_results", ["recorded_at"])
    op.create_index("ix_criterion_results_review", "criterion_results", ["review_id"])


def downgrade() -> None:
    op.drop_index("ix_criterion_results_review", table_name="criterion_results")
    op.drop_index("ix_criterion_results_at", table_name="criterion_results")
    op.drop_table("criterion_results")
