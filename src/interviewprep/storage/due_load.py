"""How many cards are already due on each of a run of study days: the load that load
balancing and Easy Days weigh when they place an answer's next review."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from functools import lru_cache

from interviewprep.core.cards import Stage

_SEEN = ", ".join(str(int(s)) for s in (Stage.LEARNING, Stage.REVIEW, Stage.RELEARNING))


@lru_cache(maxsize=128)
def _due_per_day_sql(days: int) -> str:
    # A card's day is how many of the later days' starts its due time has reached: exact
    # whatever each day's length (a daylight-saving change makes one 23 or 25 hours).
    day = " + ".join(["(p.due >= ?)"] * (days - 1)) or "0"
    return (
        f"SELECT {day} AS day, count(*) FROM progress AS p JOIN questions AS q "
        "ON q.bank_id = p.bank_id AND q.question_id = p.question_id "
        f"WHERE p.state IN ({_SEEN}) AND p.due >= ? AND p.due < ? AND p.suspended = 0 "
        "AND q.retired_at IS NULL AND q.type = ? "
        "AND NOT (p.bank_id = ? AND p.question_id = ?) GROUP BY day"
    )


def due_per_day(
    connection: sqlite3.Connection,
    question_type: str,
    day_starts_ms: Sequence[int],
    leaving_out: tuple[str, str],
) -> list[int]:
    """Studied cards of ``question_type`` (active, not suspended) due on each study day.

    ``day_starts_ms`` are the days' starts in epoch milliseconds, with the end of the last day
    after them: n + 1 bounds give n counts. ``leaving_out`` is the (bank id, question id) of
    the card being placed, which is not load on the days it may move to."""
    days = len(day_starts_ms) - 1
    if days <= 0:
        return []
    bounds = list(day_starts_ms)
    rows = connection.execute(
        _due_per_day_sql(days),
        (*bounds[1:-1], bounds[0], bounds[-1], question_type, *leaving_out),
    )
    counts = [0] * days
    for day, count in rows:
        counts[int(day)] = int(count)
    return counts
