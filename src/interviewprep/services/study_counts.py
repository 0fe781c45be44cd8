"""Today's counts: new cards within the daily limit, learning cards and due reviews, per
filter and question type."""

from __future__ import annotations

from datetime import datetime

from interviewprep.core.card_record import CardFilter
from interviewprep.core.cards import Stage
from interviewprep.core.clock import Clock, StudyDay
from interviewprep.services.daily_limits import DailyLimits, Limits
from interviewprep.services.study_types import Counts
from interviewprep.storage.card_store import CardStore
from interviewprep.storage.database import Database
from interviewprep.storage.read_models import DayFigures, TodayCounts


class StudyCounts:
    """Counted once per write generation and study day, from index ranges bounded by the daily
    limits (``CardStore.count_today``), then kept current across our answers
    (``TodayCounts.carry_over``): a dictionary lookup while nothing else writes."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        day: StudyDay,
        figures: TodayCounts,
        limits: DailyLimits,
    ) -> None:
        self._db = db
        self._clock = clock
        self._day = day
        self._figures = figures
        self._limits = limits

    def counts(self, card_filter: CardFilter, question_type: str) -> Counts:
        now = self._clock.now()
        if card_filter.is_drill:
            return self._drill_counts(card_filter.with_type(question_type), now)
        kept = self.cached(card_filter, question_type, now, self._db.generation())
        if kept is not None:
            return kept[0]
        day_start, day_end = self._day.bounds(now)
        with self._db.read() as session:
            store = CardStore(session)
            generation = store.generation()
            new_left, reviews_left = self._limits.left(store, question_type, now)
            by_stage = store.count_today(
                card_filter.with_type(question_type), day_end, new_left, reviews_left
            )
        self._figures.keep_available(
            card_filter, question_type, DayFigures(generation, day_start, day_end, by_stage)
        )
        return Counts.within(by_stage, new_left, reviews_left)

    def _drill_counts(self, scoped: CardFilter, now: datetime) -> Counts:
        """A drill's cards left, counted afresh each time (a few dozen keys): its figures are
        not kept, as carrying them across an answer would need the drill's own rule."""
        _, day_end = self._day.bounds(now)
        with self._db.read() as session:
            by_stage = CardStore(session).count_drill(scoped, day_end)
        return Counts.within(by_stage, by_stage[Stage.NEW], by_stage[Stage.REVIEW])

    def cached(
        self, card_filter: CardFilter, question_type: str, now: datetime, generation: int
    ) -> tuple[Counts, Limits] | None:
        """The counts and the limits they are under, from the kept figures, if they are those
        of ``generation``; None if they need a read."""
        available = self._figures.available(card_filter, question_type, generation, now)
        if available is None:
            return None
        limits = self._limits.cached(question_type, now, generation)
        return None if limits is None else (Counts.within(available, *limits), limits)
