"""Reading the notes of an Anki collection: the SQLite file inside an ``.apkg``, opened
read-only, never one of ours."""

from __future__ import annotations

import sqlite3
from pathlib import Path

_NOTES = (
    "SELECT length(flds), CASE WHEN length(flds) <= ? THEN flds END, "
    "substr(tags, 1, 10000) FROM notes ORDER BY id"
)


class AnkiCollectionProblem(Exception):
    """Why the collection's notes cannot be taken; the message says it to a user."""


def read_notes(collection: Path, max_fields_bytes: int, max_notes: int) -> list[tuple[str, str]]:
    """Each note's fields (Anki's ``flds``, separated by 0x1f) and tags, in the order the
    notes were made. A note's fields longer than ``max_fields_bytes`` are never loaded, and
    no more than ``max_notes`` notes are."""
    try:
        connection = sqlite3.connect(f"file:{collection}?mode=ro", uri=True)
        try:
            return _notes(connection, max_fields_bytes, max_notes)
        finally:
            connection.close()
    except sqlite3.DatabaseError as err:
        raise AnkiCollectionProblem(f"the Anki collection is unreadable ({err})") from err


def _notes(
    connection: sqlite3.Connection, max_fields_bytes: int, max_notes: int
) -> list[tuple[str, str]]:
    notes: list[tuple[str, str]] = []
    rows = connection.execute(_NOTES, (max_fields_bytes,))
    for number, (size, fields, tags) in enumerate(rows, start=1):
        if number > max_notes:
            raise AnkiCollectionProblem(f"more than {max_notes:,} notes")
        if fields is None:
            raise AnkiCollectionProblem(
                f"note {number} is {int(size) / 2**20:.0f} MB, over "
                f"the {max_fields_bytes // 2**20} MB limit of a bank"
            )
        notes.append((str(fields), str(tags or "")))
    return notes
