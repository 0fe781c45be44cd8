"""Tables for the desktop screens: design attempts, mock interviews, readiness history, and
full-text search over questions (FTS5, kept in sync by triggers).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import interviewprep.storage.types

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_FTS_TRIGGERS = """
CREATE TRIGGER questions_fts_insert AFTER INSERT ON questions BEGIN
  INSERT INTO questions_fts(rowid, prompt, answer, question_id)
  VALUES (new.pk, new.prompt, new.answer, new.question_id);
END;
CREATE TRIGGER questions_fts_delete AFTER DELETE ON questions BEGIN
  INSERT INTO questions_fts(questions_fts, rowid, prompt, answer, question_id)
  VALUES ('delete', old.pk, old.prompt, old.answer, old.question_id);
END;
CREATE TRIGGER questions_fts_update AFTER UPDATE OF prompt, answer, question_id ON questions BEGIN
  INSERT INTO questions_fts(questions_fts, rowid, prompt, answer, question_id)
  VALUES ('delete', old.pk, old.prompt, old.answer, old.question_id);
  INSERT INTO questions_fts(rowid, prompt, answer, question_id)
  VALUES (new.pk, new.prompt, new.answer, new.question_id);
END;
"""


def upgrade() -> None:
    op.create_table(
        "design_attempts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("bank_id", sa.String(), nullable=False),
        sa.Column("question_id", sa.String(), nullable=False),
        sa.Column("mode", sa.String(), nullable=False),
        sa.Column("started_at", interviewprep.storage.types.UTCDateTime(), nullable=False),
        sa.Column("updated_at", interviewprep.storage.types.UTCDateTime(), nullable=False),
        sa.Column("finished_at", interviewprep.storage.types.UTCDateTime(), nullable=True),
        sa.Column("elapsed_seconds", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("checked", interviewprep.storage.types.JSONText(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("grade", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("design_attempts") as batch_op:
        batch_op.create_index("ix_design_attempts_key", ["bank_id", "question_id"], unique=False)
    op.create_table(
        "mock_interviews",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("length_minutes", sa.Integer(), nullable=False),
        sa.Column("started_at", interviewprep.storage.types.UTCDateTime(), nullable=False),
        sa.Column("finished_at", interviewprep.storage.types.UTCDateTime(), nullable=True),
        sa.Column("plan", interviewprep.storage.types.JSONText(), nullable=False),
        sa.Column("results", interviewprep.storage.types.JSONText(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "readiness_history",
        sa.Column("day", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("readiness", sa.Float(), nullable=False),
        sa.Column("coverage", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("day", "role"),
    )
    op.execute(
        "CREATE VIRTUAL TABLE questions_fts USING fts5("
        "prompt, answer, question_id, content='questions', content_rowid='pk', "
        "tokenize='porter unicode61')"
    )
    for statement in _FTS_TRIGGERS.split("END;"):
        if statement.strip():
            op.execute(statement + "END;")
    op.execute("INSERT INTO questions_fts(questions_fts) VALUES ('rebuild')")


def downgrade() -> None:
    for name in ("questions_fts_insert", "questions_fts_delete", "questions_fts_update"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS questions_fts")
    op.drop_table("readiness_history")
    op.drop_table("mock_interviews")
    with op.batch_alter_table("design_attempts") as batch_op:
        batch_op.drop_index("ix_design_attempts_key")
    op.drop_table("design_attempts")
