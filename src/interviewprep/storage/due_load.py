"""How many cards are already due on each of a run of study days: the load that load
balancing and Easy Days weigh when they place an answer's next review."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

from interviewprep.core.cards import Stage

_DAY_MS = 86_400_000
_SEEN = ", ".join(str(int(s)) for s in (Stage.LEARNING, Stage.REVIEW, Stage.RELEARNING))
_FROM = (
    "FROM progress AS p JOIN questions AS q "
    "ON q.bank_id = p.bank_id AND q.question_id = p.question_id "
    f"WHERE p.state IN ({_SEEN}) AND p.due >= ? AND p.due < ? AND p.suspended = 0 "
    "AND q.retired_at IS NULL AND q.type = ? GROUP BY day"
)
# Days of 24 hours: a card's day is its offset from the first start, in days.
_EVEN_DAYS = f"SELECT (p.due - ?) / {_DAY_MS} AS day, count(*) {_FROM}"


@lru_cache(maxsize=16)
def _uneven_days(days: int) -> str:
    # A daylight-saving change makes one day 23 or 25 hours: a card's day is then how many of
    # the later days' starts its due time has reached (slower: a comparison per day per card).
    day = " + ".join(["(p.due >= ?)"] * (days - 1)) or "0"
    return f"SELECT {day} AS day, count(*) {_FROM}"


def due_per_day(
    connection: sqlite3.Connection, question_type: str, day_starts_ms: Sequence[int]
) -> list[int]:
    """Studied cards of ``question_type`` (active, not suspended) due on each study day.

    ``day_starts_ms`` are the days' starts in epoch milliseconds, with the end of the last day
    after them: n + 1 bounds give n counts."""
    days = len(day_starts_ms) - 1
    if days <= 0:
        return []
    bounds = list(day_starts_ms)
    first, end = bounds[0], bounds[-1]
    if all(b - a == _DAY_MS for a, b in pairwise(bounds)):
        rows = connection.execute(_EVEN_DAYS, (first, first, end, question_type))
    else:
        rows = connection.execute(_uneven_days(days), (*bounds[1:-1], first, end, question_type))
    counts = [0] * days
    for day, count in rows:
        counts[int(day)] = int(count)
    return counts
