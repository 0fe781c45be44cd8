"""Damage a database the way a failing disk does: garbage over one page of a table or index
that the operation under test never reads, so only a check can find it."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

UNREAD_INDEX = "ix_question_topics_topic"
"""Read by topic filters only: opening the app, answering and backing up never touch it."""


def corrupt_page(path: Path, name: str = UNREAD_INDEX) -> None:
    """Overwrite the first page of table or index ``name`` in the closed database at ``path``."""
    with closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        (root,) = db.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)
        ).fetchone()
        (page_size,) = db.execute("PRAGMA page_size").fetchone()
    with path.open("r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(b"\xff" * 64)
