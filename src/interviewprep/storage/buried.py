"""Buried cards (Anki's bury) released at a new study day: ``progress.suspended = 2`` (see
``models.ProgressRow``) with the study day they were buried on, found by the partial index
ix_progress_buried, so looking costs an index probe however many cards there are."""

from __future__ import annotations

import sqlite3

_BURIED_BEFORE = "SELECT 1 FROM progress WHERE suspended = 2 AND buried_on < ? LIMIT 1"
_RELEASE = (
    "UPDATE progress SET suspended = 0, buried_on = NULL WHERE suspended = 2 AND buried_on < ?"
)


def buried_before(connection: sqlite3.Connection, day: int) -> bool:
    """Whether any card was buried on a study day before ``day`` (a date ordinal)."""
    return connection.execute(_BURIED_BEFORE, (day,)).fetchone() is not None


def release_buried(connection: sqlite3.Connection, day: int) -> int:
    """Put every card buried before ``day`` back in study; how many there were."""
    return max(0, connection.execute(_RELEASE, (day,)).rowcount)
