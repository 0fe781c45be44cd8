"""Statistics: the aggregates of the Today and Progress screens over ``reviews``, ``progress``
and ``questions`` (read only), counted by SQLite over covering indexes.

A year of answers is a million rows for a heavy user: these queries never bring a row into
Python. Time ranges (study days, weeks) come from the caller, already converted from local
study days to UTC, so every figure follows the 4 AM local rollover exactly; each range is one
index range count, O(log n) to find plus the rows it counts, read from the index alone.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from interviewprep.core.cards import Grade, Stage
from interviewprep.storage.database import driver_connection
from interviewprep.storage.types import to_epoch_ms

Range = tuple[datetime, datetime]
"""[start, end) in UTC."""

_ANSWERS = "SELECT count(*) FROM reviews WHERE reviewed_at >= ? AND reviewed_at < ?"
_ANY_ANSWER = "SELECT 1 FROM reviews WHERE reviewed_at >= ? AND reviewed_at < ? LIMIT 1"
_RETENTION = (
    f"SELECT count(*), coalesce(sum(rating = {int(Grade.AGAIN)}), 0) FROM reviews "
    f"WHERE state_before = {int(Stage.REVIEW)} AND reviewed_at >= ? AND reviewed_at < ?"
)
_DUE = (
    "SELECT count(*) FROM progress AS p JOIN questions AS q "
    "ON q.bank_id = p.bank_id AND q.question_id = p.question_id "
    "WHERE p.state IN (1, 2, 3) AND p.due >= ? AND p.due < ? AND p.suspended = 0 "
    "AND q.retired_at IS NULL"
)


def _ms(ranges: Sequence[Range]) -> list[tuple[int, int]]:
    return [(to_epoch_ms(start), to_epoch_ms(end)) for start, end in ranges]


@dataclass(frozen=True)
class Curve:
    """FSRS's forgetting curve R = (1 + factor * days / stability) ** decay, days whole."""

    factor: float
    decay: float


@dataclass(frozen=True)
class RecallGroup:
    """Active questions sharing a role, a type and a set of topics, with their recall summed."""

    role: str
    type: str
    topics: list[str]
    questions: int
    seen: int
    recall: float
    """Sum over the questions of the predicted recall at ``now`` (0 for unseen ones)."""
    recall_later: float
    """The same at ``later``, if given (else 0)."""


def _recall_sql(curve_by_type: dict[str, Curve], moment: str) -> str:
    """SQL for one card's predicted recall at the bound parameter ``moment`` (epoch ms):
    what ``Scheduler.retrievability`` computes, per question type."""
    cases = " ".join(
        f"WHEN '{qtype}' THEN pow(1 + {curve.factor!r} * "
        f"max(0, (:{moment} - p.last_review) / 86400000) / p.stability, {curve.decay!r})"
        for qtype, curve in curve_by_type.items()
        if qtype.replace("-", "").isalnum()
    )
    return (
        "CASE WHEN p.state = 0 OR p.stability IS NULL OR p.last_review IS NULL THEN 0 "
        f"ELSE CASE q.type {cases} ELSE 0 END END"
    )


class StatisticsRepository:
    """Read-only figures over the answer log and the cards, on the sqlite3 connection under a
    session's snapshot: hundreds of tiny indexed statements cost microseconds each there."""

    def __init__(self, session: Session) -> None:
        self._sql: sqlite3.Connection = driver_connection(session)

    def answers_in(self, ranges: Sequence[Range]) -> list[int]:
        """How many answers fall in each range."""
        cursor = self._sql.cursor()
        return [int(cursor.execute(_ANSWERS, bounds).fetchall()[0][0]) for bounds in _ms(ranges)]

    def answered_in(self, ranges: Sequence[Range]) -> list[bool]:
        """Whether any answer falls in each range (cheaper than a count: stops at the first)."""
        cursor = self._sql.cursor()
        return [bool(cursor.execute(_ANY_ANSWER, bounds).fetchall()) for bounds in _ms(ranges)]

    def retention_in(self, ranges: Sequence[Range]) -> list[tuple[int, int]]:
        """Per range: answers to cards that were in review, and how many of those were Again."""
        cursor = self._sql.cursor()
        counts = []
        for bounds in _ms(ranges):
            total, forgotten = cursor.execute(_RETENTION, bounds).fetchall()[0]
            counts.append((int(total), int(forgotten)))
        return counts

    def total_answers(self) -> int:
        return int(self._sql.execute("SELECT count(*) FROM reviews").fetchall()[0][0])

    def due_in(self, ranges: Sequence[Range]) -> list[int]:
        """Active, seen cards (learning or review, not suspended or retired) due in each range."""
        cursor = self._sql.cursor()
        return [int(cursor.execute(_DUE, bounds).fetchall()[0][0]) for bounds in _ms(ranges)]

    def recall_groups(
        self,
        curve_by_type: dict[str, Curve],
        now: datetime,
        later: datetime | None = None,
    ) -> list[RecallGroup]:
        """Readiness and mastery in one pass over the active questions: SQLite sums the forgetting
        curve per (role, type, topic set); the caller spreads each group over its topics."""
        # the second curve only when asked for: each is a pow() per question
        at_later = f"sum({_recall_sql(curve_by_type, 'later')})" if later is not None else "0"
        sql = (
            "SELECT q.role, q.type, q.topics, count(*), sum(p.state != 0), "
            f"sum({_recall_sql(curve_by_type, 'now')}), {at_later} "
            "FROM questions AS q JOIN progress AS p "
            "ON p.bank_id = q.bank_id AND p.question_id = q.question_id "
            "WHERE q.retired_at IS NULL GROUP BY q.role, q.type, q.topics"
        )
        parameters = {"now": to_epoch_ms(now), "later": to_epoch_ms(later or now)}
        groups = []
        for role, qtype, topics, questions, seen, recall, recall_later in self._sql.execute(
            sql, parameters
        ):
            groups.append(
                RecallGroup(
                    role=role,
                    type=qtype,
                    topics=list(json.loads(topics)),
                    questions=int(questions),
                    seen=int(seen or 0),
                    recall=float(recall or 0.0),
                    recall_later=float(recall_later or 0.0) if later is not None else 0.0,
                )
            )
        return groups
