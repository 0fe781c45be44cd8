"""Drop two indexes that no query reads: ix_reviews_key and ix_progress_new.

Checked by running EXPLAIN QUERY PLAN on every statement the test suite and the benchmark
issue. The review log is read by day ranges and in whole scans, both over ix_reviews_day,
and the revlog export joins each review to its question through the questions' key. New
cards are counted and found through ix_progress_due, whose first column is the state; the
hint meant to send them to the partial index never reached SQLite.

Both were still written. Every answer inserted into ix_reviews_key at a random place, in a
B-tree of some 30 MB at 1,000,000 reviews: one more page to read and to write to the log per
answer, the page most likely to miss the cache at that size. Every first answer to a new
card deleted from ix_progress_new, and every import built it. The pages they held are reused
as the database grows.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_reviews_key", table_name="reviews")
    op.drop_index("ix_progress_new", table_name="progress")


def downgrade() -> None:
    op.create_index("ix_reviews_key", "reviews", ["bank_id", "question_id"], unique=False)
    op.create_index(
        "ix_progress_new",
        "progress",
        ["bank_id", "question_id"],
        unique=False,
        sqlite_where=sa.text("state = 0"),
    )
