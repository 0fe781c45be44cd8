"""Burying a card (Anki's bury): ``progress.suspended`` becomes a hold state, 0 for none, 1 for
suspended, 2 for buried until the next study day, with ``buried_on`` the study day it was
buried on (as a date ordinal). Every query that leaves out suspended cards says
``suspended = 0``, so they leave buried ones out too with no change to their carefully tuned
statements or to ix_progress_due; the small partial index finds the buried cards to release
when a new study day begins.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("progress") as batch:
        batch.alter_column(
            "suspended",
            existing_type=sa.Boolean(),
            type_=sa.Integer(),
            existing_nullable=False,
            existing_server_default=sa.text("0"),
        )
        batch.add_column(sa.Column("buried_on", sa.Integer(), nullable=True))
    op.create_index(
        "ix_progress_buried",
        "progress",
        ["buried_on"],
        sqlite_where=sa.text("suspended = 2"),
    )


def downgrade() -> None:
    op.drop_index("ix_progress_buried", table_name="progress")
    # buried cards are back in the queue: the older app knows only suspended or not
    op.execute("UPDATE progress SET suspended = 0 WHERE suspended = 2")
    with op.batch_alter_table("progress") as batch:
        batch.drop_column("buried_on")
        batch.alter_column(
            "suspended",
            existing_type=sa.Integer(),
            type_=sa.Boolean(),
            existing_nullable=False,
            existing_server_default=sa.text("0"),
        )
