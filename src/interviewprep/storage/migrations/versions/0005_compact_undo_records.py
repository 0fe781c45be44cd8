"""Reviews record the card's state before them as a JSON array of the progress columns.

The undo record (``reviews.before``) was an object with ISO times, some 170 bytes and most of
the review log; it is now ``[stage, step, stability, difficulty, due, last_review, reps,
lapses]`` with times in epoch milliseconds (``card_rows.state_json``), some 60 bytes. Older
reviews keep their object, and this version reads both, so upgrading changes no rows. The
revision exists so that an older interviewprep, which cannot read the new records, refuses
the database with a clear message instead of failing at the first undo; the downgrade turns
the new records back into objects.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _iso(position: int) -> str:
    value = f"json_extract(before, '$[{position}]')"
    return (
        f"CASE WHEN {value} IS NULL THEN NULL ELSE "
        f"strftime('%Y-%m-%dT%H:%M:%f', {value} / 1000.0, 'unixepoch') || '+00:00' END"
    )


def upgrade() -> None:
    pass


def downgrade() -> None:
    op.execute(
        "UPDATE reviews SET before = json_object("
        "'stage', json_extract(before, '$[0]'), 'step', json_extract(before, '$[1]'), "
        "'stability', json_extract(before, '$[2]'), "
        "'difficulty', json_extract(before, '$[3]'), "
        f"'due', {_iso(4)}, 'last_review', {_iso(5)}, "
        "'reps', json_extract(before, '$[6]'), 'lapses', json_extract(before, '$[7]')) "
        "WHERE json_type(before) = 'array'"
    )
