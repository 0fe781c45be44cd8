"""Indexes for the study queue: new cards in queue order, a partial index of new cards, and a
covering index for the count of today's answers (daily limits).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reviews") as batch_op:
        batch_op.create_index(
            "ix_reviews_day", ["reviewed_at", "question_type", "state_before"], unique=False
        )
    with op.batch_alter_table("questions") as batch_op:
        batch_op.create_index("ix_questions_order", ["position", "bank_id"], unique=False)
    with op.batch_alter_table("progress") as batch_op:
        batch_op.create_index(
            "ix_progress_new",
            ["bank_id", "question_id"],
            unique=False,
            sqlite_where=sa.text("state = 0"),
        )


def downgrade() -> None:
    with op.batch_alter_table("reviews") as batch_op:
        batch_op.drop_index("ix_reviews_day")
    with op.batch_alter_table("progress") as batch_op:
        batch_op.drop_index("ix_progress_new")
    with op.batch_alter_table("questions") as batch_op:
        batch_op.drop_index("ix_questions_order")
