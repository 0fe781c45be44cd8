"""A write generation for caches, and covering indexes for the queue, counts and statistics.

* ``data_generation``: one row, bumped by every write transaction, so cached counts know
  when any process has written since.
* ``ix_questions_active``: the join from progress to questions reads this index, never the
  large question rows.
* ``ix_questions_inactive``: the few questions (retired, or not flashcards) that today's
  counts take off a count of progress rows, instead of joining every card.
* ``ix_progress_due`` also carries the suspended flag and the key, so ranging over due cards
  and joining them reads no progress rows either.
* ``ix_reviews_day`` also carries the rating, so answers per day and true retention per week
  are counted without reading review rows; ``ix_reviews_time`` goes, as ``ix_reviews_day``
  starts with the same column.
* Full-text indexing can be deferred to the end of a bulk import: while
  ``questions_fts_deferred`` holds a row, questions added after its ``first_pk`` are left to
  ``BankStore.deferred_search_index``, which indexes them in one statement. Row by row, each
  file's savepoint made FTS5 flush a segment and merge (a third of a 10,000-question import).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

_NOT_DEFERRED = "NOT EXISTS (SELECT 1 FROM questions_fts_deferred WHERE first_pk < {row}.pk)"
_FTS_TRIGGERS = f"""
CREATE TRIGGER questions_fts_insert AFTER INSERT ON questions
WHEN {_NOT_DEFERRED.format(row="new")} BEGIN
  INSERT INTO questions_fts(rowid, prompt, answer, question_id)
  VALUES (new.pk, new.prompt, new.answer, new.question_id);
END;
CREATE TRIGGER questions_fts_delete AFTER DELETE ON questions
WHEN {_NOT_DEFERRED.format(row="old")} BEGIN
  INSERT INTO questions_fts(questions_fts, rowid, prompt, answer, question_id)
  VALUES ('delete', old.pk, old.prompt, old.answer, old.question_id);
END;
CREATE TRIGGER questions_fts_update AFTER UPDATE OF prompt, answer, question_id ON questions
WHEN {_NOT_DEFERRED.format(row="old")} BEGIN
  INSERT INTO questions_fts(questions_fts, rowid, prompt, answer, question_id)
  VALUES ('delete', old.pk, old.prompt, old.answer, old.question_id);
  INSERT INTO questions_fts(rowid, prompt, answer, question_id)
  VALUES (new.pk, new.prompt, new.answer, new.question_id);
END;
"""
_OLD_FTS_TRIGGERS = """
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
_TRIGGER_NAMES = ("questions_fts_insert", "questions_fts_delete", "questions_fts_update")


def _replace_triggers(sql: str) -> None:
    for name in _TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for statement in sql.split("END;"):
        if statement.strip():
            op.execute(statement + "END;")


revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "data_generation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("n", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute("INSERT INTO data_generation (id, n) VALUES (1, 0)")
    op.create_index(
        "ix_questions_active",
        "questions",
        ["bank_id", "question_id", "retired_at", "type", "role", "difficulty", "position"],
        unique=False,
    )
    op.create_index(
        "ix_questions_inactive",
        "questions",
        ["bank_id", "question_id"],
        unique=False,
        sqlite_where=sa.text("retired_at IS NOT NULL OR type != 'flashcard'"),
    )
    op.drop_index("ix_progress_due", table_name="progress")
    op.create_index(
        "ix_progress_due",
        "progress",
        ["state", "due", "suspended", "bank_id", "question_id"],
        unique=False,
    )
    op.drop_index("ix_reviews_time", table_name="reviews")
    op.drop_index("ix_reviews_day", table_name="reviews")
    op.create_index(
        "ix_reviews_day",
        "reviews",
        ["reviewed_at", "question_type", "state_before", "rating"],
        unique=False,
    )
    # not a model: an internal switch of the full-text triggers, like questions_fts itself
    op.execute("CREATE TABLE questions_fts_deferred (first_pk INTEGER NOT NULL)")
    _replace_triggers(_FTS_TRIGGERS)


def downgrade() -> None:
    _replace_triggers(_OLD_FTS_TRIGGERS)
    op.execute("DROP TABLE questions_fts_deferred")
    op.drop_index("ix_reviews_day", table_name="reviews")
    op.create_index(
        "ix_reviews_day", "reviews", ["reviewed_at", "question_type", "state_before"], unique=False
    )
    op.create_index("ix_reviews_time", "reviews", ["reviewed_at"], unique=False)
    op.drop_index("ix_progress_due", table_name="progress")
    op.create_index("ix_progress_due", "progress", ["state", "due"], unique=False)
    op.drop_index("ix_questions_inactive", table_name="questions")
    op.drop_index("ix_questions_active", table_name="questions")
    op.drop_table("data_generation")
