"""The criterion results repository: which key points an answer raised and which rubric items
a design attempt covered, and the tallies the weakest-criteria report is made of."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from interviewprep.core.key_points import Coverage, CriterionKind, CriterionResult
from interviewprep.storage.types import from_epoch_ms, to_epoch_ms

_ADD = (
    "INSERT INTO criterion_results (review_id, attempt_id, bank_id, question_id, kind, position,"
    " text, weight, coverage, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_FORGET_REVIEW = "DELETE FROM criterion_results WHERE review_id = ?"
_FORGET_ATTEMPT = "DELETE FROM criterion_results WHERE attempt_id = ?"
_OF_REVIEW = (
    "SELECT position, text, weight, coverage FROM criterion_results WHERE review_id = ?"
    " ORDER BY position"
)
_OF_ATTEMPT = (
    "SELECT position, text, weight, coverage FROM criterion_results WHERE attempt_id = ?"
    " ORDER BY position"
)
_LOST = "CASE c.coverage WHEN 'missed' THEN 1.0 WHEN 'partly' THEN 0.5 ELSE 0.0 END"
# One row per criterion (a question's point or item, by its words: a reworded point is a new
# one) over a window of results, with the part of the window since ``recent`` apart for the
# trend, and what its latest check lost; questions no longer installed or retired are left
# out. One pass: a window function finds each criterion's latest check.
_TALLIES = f"""
WITH windowed AS (
    SELECT c.bank_id, c.question_id, c.kind, c.text, c.position, c.recorded_at,
           {_LOST} AS lost,
           row_number() OVER (
               PARTITION BY c.bank_id, c.question_id, c.kind, c.text
               ORDER BY c.recorded_at DESC, c.id DESC
           ) AS newest
    FROM criterion_results AS c
    WHERE c.recorded_at >= :since
)
SELECT w.bank_id, w.question_id, w.kind, w.text, min(w.position),
       count(*), sum(w.lost),
       sum(CASE WHEN w.recorded_at >= :recent THEN 1 ELSE 0 END),
       sum(CASE WHEN w.recorded_at >= :recent THEN w.lost ELSE 0.0 END),
       max(w.recorded_at),
       q.role, q.topics, json_extract(q.extra, '$.title'), q.prompt,
       sum(CASE WHEN w.newest = 1 THEN w.lost ELSE 0.0 END)
FROM windowed AS w
JOIN questions AS q ON q.bank_id = w.bank_id AND q.question_id = w.question_id
WHERE q.retired_at IS NULL
GROUP BY w.bank_id, w.question_id, w.kind, w.text
"""


@dataclass(frozen=True)
class CriterionTally:
    """How one criterion fared over a window: how often it was checked and how much of it
    was lost (a miss counts 1, a partial 0.5), overall and in the window's recent part."""

    bank_id: str
    question_id: str
    kind: CriterionKind
    text: str
    position: int
    checked: int
    lost: float
    recent_checked: int
    recent_lost: float
    last_checked_at: datetime
    role: str
    topics: tuple[str, ...]
    title: str | None
    prompt: str
    last_lost: float
    """What the most recent check lost: 0 once the point was last raised in full."""


class CriterionLog:
    """The criterion_results table, on a sqlite3 connection inside its owner's transaction."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._cursor = connection.cursor()

    def record(
        self,
        key: tuple[str, str],
        kind: CriterionKind,
        results: Sequence[CriterionResult],
        at: datetime,
        *,
        review_id: int | None = None,
        attempt_id: int | None = None,
    ) -> None:
        """Store ``results`` for one answer (``review_id``) or one design attempt
        (``attempt_id``, whose earlier results are replaced: an attempt is checked once, but
        may be re-scored)."""
        if attempt_id is not None:
            self._cursor.execute(_FORGET_ATTEMPT, (attempt_id,))
        at_ms = to_epoch_ms(at)
        self._cursor.executemany(
            _ADD,
            [
                (
                    review_id,
                    attempt_id,
                    *key,
                    str(kind),
                    r.position,
                    r.text,
                    r.weight,
                    str(r.coverage),
                    at_ms,
                )
                for r in results
            ],
        )

    def forget_review(self, review_id: int) -> None:
        """An answer taken back takes its results with it."""
        self._cursor.execute(_FORGET_REVIEW, (review_id,))

    def forget_attempt(self, attempt_id: int) -> None:
        """A design attempt whose rubric check no longer stands (walked away from, or gone)."""
        self._cursor.execute(_FORGET_ATTEMPT, (attempt_id,))

    def of_review(self, review_id: int) -> list[CriterionResult]:
        return self._results(_OF_REVIEW, review_id)

    def of_attempt(self, attempt_id: int) -> list[CriterionResult]:
        return self._results(_OF_ATTEMPT, attempt_id)

    def tallies(self, since: datetime, recent: datetime) -> list[CriterionTally]:
        """Every criterion checked since ``since``, with its tally, recent part from
        ``recent`` on."""
        rows = self._cursor.execute(
            _TALLIES, {"since": to_epoch_ms(since), "recent": to_epoch_ms(recent)}
        ).fetchall()
        return [self._tally(row) for row in rows]

    def _tally(self, row: tuple[object, ...]) -> CriterionTally:
        (bank_id, question_id, kind, text, position, checked, lost, recent_checked,
         recent_lost, last_at, role, topics, title, prompt, last_lost) = row  # fmt: skip
        return CriterionTally(
            bank_id=str(bank_id),
            question_id=str(question_id),
            kind=CriterionKind(str(kind)),
            text=str(text),
            position=int(str(position)),
            checked=int(str(checked)),
            lost=float(str(lost)),
            recent_checked=int(str(recent_checked)),
            recent_lost=float(str(recent_lost)),
            last_checked_at=from_epoch_ms(int(str(last_at))),
            role=str(role),
            topics=tuple(json.loads(str(topics))),
            title=None if title is None else str(title),
            prompt=str(prompt),
            last_lost=float(str(last_lost)),
        )

    def _results(self, statement: str, owner: int) -> list[CriterionResult]:
        return [
            CriterionResult(int(position), str(text), int(weight), Coverage(coverage))
            for position, text, weight, coverage in self._cursor.execute(
                statement, (owner,)
            ).fetchall()
        ]
