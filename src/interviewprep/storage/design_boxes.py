"""What a mock interview reads to size its design round: each design prompt's time boxes and
how many curveballs it has, and how many short questions the role has. No question text."""

from __future__ import annotations

import sqlite3
from typing import NamedTuple


class StoredDesignBox(NamedTuple):
    bank_id: str
    question_id: str
    time_box: int | None
    mock_time_box: int | None
    curveballs: int


_STUDYABLE = (
    "FROM questions AS q JOIN progress AS p "
    "ON p.bank_id = q.bank_id AND p.question_id = q.question_id "
    "WHERE q.role = ? AND q.retired_at IS NULL AND p.suspended = 0 "
)

_DESIGN_BOXES = (
    "SELECT q.bank_id, q.question_id, json_extract(q.extra, '$.time_box'), "
    "json_extract(q.extra, '$.mock_time_box'), "
    "coalesce(json_array_length(q.extra, '$.curveballs'), 0) "
    + _STUDYABLE
    + "AND q.type = 'system-design'"
)

_FLASHCARDS = "SELECT count(*) " + _STUDYABLE + "AND q.type != 'system-design'"


def design_boxes(connection: sqlite3.Connection, role: str) -> list[StoredDesignBox]:
    """The role's active, unsuspended design prompts."""
    return [StoredDesignBox(*row) for row in connection.execute(_DESIGN_BOXES, (role,))]


def flashcard_count(connection: sqlite3.Connection, role: str) -> int:
    """How many active, unsuspended short questions the role has."""
    row = connection.execute(_FLASHCARDS, (role,)).fetchone()
    return int(row[0]) if row is not None else 0
