"""The reviews and undo repository: an answer (the card's new progress and its review, with
the state before it), taking the last answer back, and reading the review log."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import Table, bindparam, exists, insert, update

from interviewprep.core.card_record import CardRecord
from interviewprep.core.cards import CardState, Stage
from interviewprep.storage.card_rows import PROGRESS_FIELDS, progress_row, state_before, state_json
from interviewprep.storage.compiled import compile_once
from interviewprep.storage.criterion_log import CriterionLog
from interviewprep.storage.models import ProgressRow, QuestionRow, ReviewRow
from interviewprep.storage.types import from_epoch_ms, to_epoch_ms

_progress = cast(Table, ProgressRow.__table__)
_reviews = cast(Table, ReviewRow.__table__)
_questions = cast(Table, QuestionRow.__table__)
_SAVE_PROGRESS_STATEMENT = (
    update(_progress)
    .where(
        _progress.c.bank_id == bindparam("key_bank_id", None),
        _progress.c.question_id == bindparam("key_question_id", None),
    )
    .values({name: bindparam(name, None) for name in PROGRESS_FIELDS})
)
_SAVE_PROGRESS = compile_once(_SAVE_PROGRESS_STATEMENT)
# The same write, made only while the stored progress is still the state the answer was
# computed from and the question is still installed: an answer planned when the card was shown
# needs no read of the card first. Anything else (another window answered it, a reset, a
# re-import that removed it) matches no row, and the answer is computed again from a fresh read.
_SAVE_PROGRESS_IF_UNCHANGED = compile_once(
    _SAVE_PROGRESS_STATEMENT.where(
        *(_progress.c[name].is_(bindparam(f"was_{name}", None)) for name in PROGRESS_FIELDS),
        exists()
        .where(
            _questions.c.bank_id == _progress.c.bank_id,
            _questions.c.question_id == _progress.c.question_id,
        )
        .correlate(_progress),
    )
)
_REVIEW_FIELDS = ("bank_id", "question_id", "question_type", "rating", "reviewed_at",
                  "duration_ms", "state_before", "state_after", "stability", "difficulty", "due",
                  "before")  # fmt: skip
_ADD_REVIEW = compile_once(
    insert(_reviews).values({name: bindparam(name, None) for name in _REVIEW_FIELDS})
)
_WAS_FIELDS = tuple(f"was_{name}" for name in PROGRESS_FIELDS)
_KEY_FIELDS = ("key_bank_id", "key_question_id")
# ReviewLog.record_answer passes these statements' parameters by position
if (
    _SAVE_PROGRESS.names != PROGRESS_FIELDS + _KEY_FIELDS
    or _SAVE_PROGRESS_IF_UNCHANGED.names != PROGRESS_FIELDS + _KEY_FIELDS + _WAS_FIELDS
    or _ADD_REVIEW.names != _REVIEW_FIELDS
):
    raise RuntimeError("the answer statements' parameters are not in the order expected")

# plain SQL over ix_reviews_day: it runs on every opening
_ANSWERED_SINCE = (
    "SELECT state_before, count(*) FROM reviews WHERE reviewed_at >= ? AND question_type = ? "
    "GROUP BY state_before"
)
_LAST_REVIEW = "SELECT id, bank_id, question_id, before FROM reviews ORDER BY id DESC LIMIT 1"
_RESTORE_PROGRESS = (
    f"UPDATE progress SET {', '.join(f'{name} = ?' for name in PROGRESS_FIELDS)} "
    "WHERE bank_id = ? AND question_id = ?"
)
_FORGET_REVIEW = "DELETE FROM reviews WHERE id = ?"
# No index leads to one card's reviews (none other reads them by card, and every answer would
# pay to keep it): a scan, run off the GUI thread by the caller.
_CARD_REVIEWS = (
    "SELECT reviewed_at, rating, state_before, duration_ms, stability, difficulty, due "
    "FROM reviews WHERE bank_id = ? AND question_id = ? ORDER BY reviewed_at, id"
)


@dataclass(frozen=True)
class ReviewEntry:
    """One answer in a card's review log."""

    reviewed_at: datetime
    rating: int
    stage_before: Stage
    duration_ms: int
    stability: float
    difficulty: float
    due: datetime


class ReviewLog:
    """The reviews table, and the progress rows answers and undo write, on a sqlite3
    connection inside whatever transaction its owner began (``Database.raw_transaction``, or
    an ORM session's through ``driver_connection``)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._cursor = connection.cursor()

    def record_answer(
        self,
        card: CardRecord,
        after: CardState,
        rating: int,
        reviewed_at: datetime,
        duration_ms: int,
        *,
        only_if_unchanged: bool = False,
        before_json: str | None = None,
    ) -> int | None:
        """Store ``after`` as the card's progress and log the answer; the review's id. With
        ``only_if_unchanged``, nothing is written, and None returned, unless the stored progress
        is still ``card.state`` and the question still installed. ``before_json``: what
        ``state_json`` gives for ``card.state``, if the caller has it already."""
        assert after.stability is not None and after.difficulty is not None and after.due
        # Parameters as plain tuples in the statements' order (checked where they are
        # compiled): building them by name was most of this method's cost.
        stored = progress_row(after)
        key = (card.bank_id, card.question_id)
        if only_if_unchanged:
            changed = self._cursor.execute(
                _SAVE_PROGRESS_IF_UNCHANGED.sql, stored + key + progress_row(card.state)
            )
            if changed.rowcount != 1:
                return None
        else:
            self._cursor.execute(_SAVE_PROGRESS.sql, stored + key)
        cursor = self._cursor.execute(
            _ADD_REVIEW.sql,
            (
                *key,
                card.type,
                rating,
                to_epoch_ms(reviewed_at),
                duration_ms,
                int(card.state.stage),
                int(after.stage),
                after.stability,
                after.difficulty,
                stored[4],
                state_json(card.state) if before_json is None else before_json,
            ),
        )
        review_id = cursor.lastrowid
        assert review_id is not None
        return int(review_id)

    def answered_since(self, since: datetime, question_type: str) -> dict[Stage, int]:
        """Answers given since ``since`` by the stage the card was in, for daily limits."""
        counts = dict.fromkeys(Stage, 0)
        for state, n in self._cursor.execute(
            _ANSWERED_SINCE, (to_epoch_ms(since), question_type)
        ).fetchall():
            counts[Stage(state)] = int(n)
        return counts

    def undo_last(self) -> tuple[str, str] | None:
        """Take back the most recent answer: the card's progress as it was before it, and the
        review gone, with the key points it recorded. The card's key, or None when there is no answer to take back."""
        row = self._cursor.execute(_LAST_REVIEW).fetchone()
        if row is None:
            return None
        review_id, bank_id, question_id, before = row
        before_state = progress_row(state_before(json.loads(before)))
        self._cursor.execute(_RESTORE_PROGRESS, (*before_state, bank_id, question_id))
        self._cursor.execute(_FORGET_REVIEW, (review_id,))
        CriterionLog(self._cursor.connection).forget_review(review_id)
        return (bank_id, question_id)

    def card_reviews(self, bank_id: str, question_id: str) -> list[ReviewEntry]:
        """One card's answers, oldest first, for its card info."""
        return [
            ReviewEntry(
                from_epoch_ms(at),
                rating,
                Stage(before),
                duration,
                stability,
                difficulty,
                from_epoch_ms(due),
            )
            for at, rating, before, duration, stability, difficulty, due in self._cursor.execute(
                _CARD_REVIEWS, (bank_id, question_id)
            ).fetchall()
        ]
