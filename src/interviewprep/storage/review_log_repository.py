"""The answer log read whole, in answer order: the revlog export and the personal-parameter
fit. (One card's answers, and undo, are ``card_history``'s.)"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from interviewprep.storage.models import QuestionRow, ReviewRow

# Named tuples, not dataclasses: immutable and plain all the same, and a million of them (a
# heavy user's year) are built in a fifth of the time.


class LoggedAnswer(NamedTuple):
    """One answer as the revlog format has it: the card by its row id."""

    card_id: int
    reviewed_at: datetime
    rating: int
    duration_ms: int


class RatedAnswer(NamedTuple):
    """One answer as the memory model needs it: the card by its key."""

    bank_id: str
    question_id: str
    reviewed_at: datetime
    rating: int


class ReviewLogRepository:
    """Reads of ``reviews`` across all cards (the table's writes are the answer path's)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def count(self, question_type: str) -> int:
        """Answers to questions of ``question_type``, counted over the reviews index."""
        count = self.session.scalar(
            select(func.count())
            .select_from(ReviewRow)
            .where(ReviewRow.question_type == question_type)
        )
        return int(count or 0)

    def logged(self) -> Iterator[LoggedAnswer]:
        """Every answer to a question still known, oldest first, streamed."""
        query = (
            select(QuestionRow.pk, ReviewRow.reviewed_at, ReviewRow.rating, ReviewRow.duration_ms)
            .join(
                QuestionRow,
                (QuestionRow.bank_id == ReviewRow.bank_id)
                & (QuestionRow.question_id == ReviewRow.question_id),
            )
            .order_by(ReviewRow.reviewed_at, ReviewRow.id)
        )
        for card_id, reviewed_at, rating, duration in self.session.execute(query):
            yield LoggedAnswer(card_id, reviewed_at, rating, duration)

    def rated(self, question_type: str) -> Iterator[RatedAnswer]:
        """Every answer to a question of ``question_type``, oldest first, streamed."""
        rows = self.session.execute(
            select(
                ReviewRow.bank_id,
                ReviewRow.question_id,
                ReviewRow.reviewed_at,
                ReviewRow.rating,
            )
            .where(ReviewRow.question_type == question_type)
            .order_by(ReviewRow.reviewed_at, ReviewRow.id)
        )
        for bank_id, question_id, moment, rating in rows:
            yield RatedAnswer(bank_id, question_id, moment, rating)
