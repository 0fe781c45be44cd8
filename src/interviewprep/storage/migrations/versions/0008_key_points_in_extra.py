"""Flashcards stored before their key points were kept with them get them at the next read of
their bank file: every file is read again once, and each such row is stored again from it
without counting as a change to the question (see ``bank_repository.RESTORE``).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "UPDATE questions SET content_hash = 'restore:' || content_hash "
        "WHERE type = 'flashcard' AND json_extract(extra, '$.key_points') IS NULL "
        "AND content_hash NOT LIKE 'restore:%'"
    )
    # a size no file has: the next scan parses every file instead of trusting its stamp
    op.execute("UPDATE source_files SET size = -1, sha256 = ''")


def downgrade() -> None:
    op.execute(
        "UPDATE questions SET content_hash = substr(content_hash, 9) "
        "WHERE content_hash LIKE 'restore:%'"
    )
