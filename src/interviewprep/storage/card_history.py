"""One question's review log, oldest first, for its card info."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from interviewprep.core.cards import Stage
from interviewprep.storage.models import ReviewRow


@dataclass(frozen=True)
class ReviewEntry:
    reviewed_at: datetime
    rating: int
    stage_before: Stage
    duration_ms: int
    stability: float
    difficulty: float
    due: datetime


def card_reviews(session: Session, bank_id: str, question_id: str) -> list[ReviewEntry]:
    """No index leads to one card's reviews (none other reads them by card, and every answer
    would pay to keep it): a scan, run off the GUI thread by the caller."""
    rows = session.execute(
        select(
            ReviewRow.reviewed_at,
            ReviewRow.rating,
            ReviewRow.state_before,
            ReviewRow.duration_ms,
            ReviewRow.stability,
            ReviewRow.difficulty,
            ReviewRow.due,
        )
        .where(ReviewRow.bank_id == bank_id, ReviewRow.question_id == question_id)
        .order_by(ReviewRow.reviewed_at, ReviewRow.id)
    )
    return [
        ReviewEntry(at, rating, Stage(before), duration, stability, difficulty, due)
        for at, rating, before, duration, stability, difficulty, due in rows
    ]
