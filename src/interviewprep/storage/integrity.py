"""SQLite's own consistency checks, on a connection of their own so they never hold up the app.

``quick_check`` walks every b-tree page (O(N), a fraction of a second to a few seconds at
100,000 questions); ``integrity_check`` also compares every index with its table (slower)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from interviewprep.storage.database import BUSY_TIMEOUT_MS

MAX_PROBLEMS = 20
"""SQLite stops after this many problems: the first few say enough, and a badly damaged file
could list one per page."""


def run_check(path: Path, *, full: bool = False) -> list[str]:
    """SQLite's problems with the database at ``path``; empty when it is intact.

    A page so damaged that SQLite cannot walk past it raises instead of returning rows: that
    is reported as the one problem found."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)) as connection:
            rows = connection.execute(f"PRAGMA {pragma}({MAX_PROBLEMS})").fetchall()
    except sqlite3.DatabaseError as err:
        return [str(err)]
    problems = [line for (text,) in rows for line in str(text).splitlines()]
    return [] if problems == ["ok"] else problems
