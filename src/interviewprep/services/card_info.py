"""Card info (Anki's Card Info): a question's memory state, recall now and on the interview
day, its review history and its forgetting curve."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from interviewprep.core.cards import CardState, Stage
from interviewprep.core.clock import Clock
from interviewprep.core.leech import is_leech
from interviewprep.services.settings import SettingsService
from interviewprep.services.study import StudyService
from interviewprep.storage.bank_repository import BankRepository
from interviewprep.storage.card_store import CardRecord
from interviewprep.storage.database import Database, driver_connection
from interviewprep.storage.review_log import ReviewEntry, ReviewLog

CURVE_POINTS = 60
_MIN_CURVE_DAYS = 7


@dataclass(frozen=True)
class CardInfo:
    card: CardRecord
    now: datetime
    recall_now: float | None
    """Predicted recall now; None for a question never answered."""
    interview: date | None
    recall_at_interview: float | None
    """Predicted recall at the start of the interview day, with no review before it."""
    reviews: list[ReviewEntry]
    curve: list[tuple[float, float]]
    """(whole days since the last review, predicted recall), from the last review on."""
    days_since_review: float | None
    bank_title: str = ""
    """The title of the card's bank, as the user knows it (never its id)."""

    @property
    def state(self) -> CardState:
        return self.card.state

    @property
    def leech(self) -> bool:
        return is_leech(self.card.state.lapses)


class CardInfoService:
    def __init__(
        self, db: Database, clock: Clock, settings: SettingsService, study: StudyService
    ) -> None:
        self._db = db
        self._clock = clock
        self._settings = settings
        self._study = study

    def info(self, bank_id: str, question_id: str) -> CardInfo:
        """Everything the card info shows; reads the review log, so call it off the GUI
        thread."""
        now = self._clock.now()
        card = self._study.card(bank_id, question_id)
        with self._db.read() as session:
            reviews = ReviewLog(driver_connection(session)).card_reviews(bank_id, question_id)
            bank = BankRepository(session).bank(bank_id)
        bank_title = bank.title if bank is not None else ""
        state = card.state
        scheduler = self._study.scheduler(card.type)
        interview = self._settings.interview_date
        seen = state.stage != Stage.NEW and state.stability is not None
        if not seen or state.last_review is None:
            return CardInfo(card, now, None, interview, None, reviews, [], None, bank_title)
        last = state.last_review
        at_interview = None
        if interview is not None:
            start = self._study.study_day.start_of(interview)
            if start >= now:
                at_interview = scheduler.retrievability(state, start)
        since = (now - last).total_seconds() / 86400
        due_days = 0.0 if state.due is None else (state.due - last).total_seconds() / 86400
        horizon = max(_MIN_CURVE_DAYS, 2 * due_days, 1.5 * since)
        if interview is not None:
            to_interview = (self._study.study_day.start_of(interview) - last).total_seconds()
            horizon = max(horizon, 1.1 * to_interview / 86400)
        # whole days, as the scheduler counts them: the curve is what scheduling assumes
        step = max(1, math.ceil(horizon / CURVE_POINTS))
        curve = [
            (float(day), scheduler.retrievability(state, last + timedelta(days=day)))
            for day in range(0, math.ceil(horizon) + step, step)
        ]
        return CardInfo(
            card,
            now,
            scheduler.retrievability(state, now),
            interview,
            at_interview,
            reviews,
            curve,
            since,
            bank_title,
        )
