"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23 09:53:26.371061
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import interviewprep.storage.types

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "banks",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("version", sa.String(), nullable=False),
        sa.Column("license", sa.String(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("authors", interviewprep.storage.types.JSONText(), nullable=False),
        sa.Column("source_path", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(), nullable=False),
        sa.Column("installed_at", interviewprep.storage.types.UTCDateTime(), nullable=False),
        sa.Column("updated_at", interviewprep.storage.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("banks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_banks_role"), ["role"], unique=False)

    op.create_table(
        "progress",
        sa.Column("bank_id", sa.String(), nullable=False),
        sa.Column("question_id", sa.String(), nullable=False),
        sa.Column("state", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("step", sa.Integer(), nullable=True),
        sa.Column("stability", sa.Float(), nullable=True),
        sa.Column("difficulty", sa.Float(), nullable=True),
        sa.Column("due", interviewprep.storage.types.UTCDateTime(), nullable=True),
        sa.Column("last_review", interviewprep.storage.types.UTCDateTime(), nullable=True),
        sa.Column("reps", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("lapses", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("suspended", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("flagged", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("note", sa.Text(), server_default=sa.text("('')"), nullable=False),
        sa.PrimaryKeyConstraint("bank_id", "question_id"),
    )
    with op.batch_alter_table("progress", schema=None) as batch_op:
        batch_op.create_index("ix_progress_due", ["state", "due"], unique=False)

    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("bank_id", sa.String(), nullable=False),
        sa.Column("question_id", sa.String(), nullable=False),
        sa.Column("question_type", sa.String(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("reviewed_at", interviewprep.storage.types.UTCDateTime(), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("state_before", sa.Integer(), nullable=False),
        sa.Column("state_after", sa.Integer(), nullable=False),
        sa.Column("stability", sa.Float(), nullable=False),
        sa.Column("difficulty", sa.Float(), nullable=False),
        sa.Column("due", interviewprep.storage.types.UTCDateTime(), nullable=False),
        sa.Column("before", interviewprep.storage.types.JSONText(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.create_index("ix_reviews_key", ["bank_id", "question_id"], unique=False)
        batch_op.create_index("ix_reviews_time", ["reviewed_at"], unique=False)

    op.create_table(
        "roles",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("topics", interviewprep.storage.types.JSONText(), nullable=False),
        sa.Column("source_path", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("value", interviewprep.storage.types.JSONText(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "source_files",
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("mtime_ns", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("bank_id", sa.String(), nullable=True),
        sa.Column("problems", interviewprep.storage.types.JSONText(), nullable=False),
        sa.Column("scanned_at", interviewprep.storage.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("path"),
    )
    op.create_table(
        "questions",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("bank_id", sa.String(), nullable=False),
        sa.Column("question_id", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("difficulty", sa.String(), nullable=False),
        sa.Column("topics", interviewprep.storage.types.JSONText(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("prompt", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("extra", interviewprep.storage.types.JSONText(), nullable=False),
        sa.Column("content_hash", sa.String(), nullable=False),
        sa.Column("retired_at", interviewprep.storage.types.UTCDateTime(), nullable=True),
        sa.Column("changed_at", interviewprep.storage.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["bank_id"],
            ["banks.id"],
        ),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.create_index("ix_questions_key", ["bank_id", "question_id"], unique=True)
        batch_op.create_index("ix_questions_role_type", ["role", "type"], unique=False)

    op.create_table(
        "question_topics",
        sa.Column("question_pk", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["question_pk"], ["questions.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("question_pk", "topic"),
    )
    with op.batch_alter_table("question_topics", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_question_topics_topic"), ["topic"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("question_topics", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_question_topics_topic"))

    op.drop_table("question_topics")
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.drop_index("ix_questions_role_type")
        batch_op.drop_index("ix_questions_key")

    op.drop_table("questions")
    op.drop_table("source_files")
    op.drop_table("settings")
    op.drop_table("roles")
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_index("ix_reviews_time")
        batch_op.drop_index("ix_reviews_key")

    op.drop_table("reviews")
    with op.batch_alter_table("progress", schema=None) as batch_op:
        batch_op.drop_index("ix_progress_due")

    op.drop_table("progress")
    with op.batch_alter_table("banks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_banks_role"))

    op.drop_table("banks")
