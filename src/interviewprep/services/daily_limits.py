"""Today's daily limits: how many new cards and reviews are left, after today's answers, and
with an interview date the plan that raises the new-card count so every question is seen in
time."""

from __future__ import annotations

from datetime import datetime

from interviewprep.core.card_record import CardFilter, QuestionType
from interviewprep.core.cards import Stage
from interviewprep.core.clock import Clock, StudyDay
from interviewprep.core.planning import InterviewPlan, plan_for
from interviewprep.core.scheduling import Preset
from interviewprep.services.settings import SettingsService
from interviewprep.storage.card_store import CardStore
from interviewprep.storage.database import Database, driver_connection
from interviewprep.storage.read_models import DayFigures, TodayCounts
from interviewprep.storage.review_log import ReviewLog

Limits = tuple[int, int]
"""(new cards, reviews) left today."""


class DailyLimits:
    """Today's limits left per question type, from the answers given today: counted once per
    write generation and study day (``TodayCounts``), then carried across our answers."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        settings: SettingsService,
        day: StudyDay,
        figures: TodayCounts,
    ) -> None:
        self._db = db
        self._clock = clock
        self._settings = settings
        self._day = day
        self._figures = figures
        self._plan_cache: tuple[tuple[object, ...], int] | None = None

    def left(self, store: CardStore | None, question_type: str, now: datetime) -> Limits:
        """Today's (new, review) limits left, read in ``store``'s transaction if need be (in
        one of its own without)."""
        done = self._answered_today(store, question_type, now)
        return self._after(done, store, self._settings.preset(question_type), question_type, now)

    def cached(self, question_type: str, now: datetime, generation: int) -> Limits | None:
        """``left`` from the kept figures, if they are those of ``generation``; None if it
        would need a read."""
        answered = self._figures.answered(question_type, generation, now)
        if answered is None:
            return None
        preset = self._settings.preset(question_type)
        if question_type == QuestionType.FLASHCARD and not self._plan_cached(
            now, preset.new_per_day
        ):
            return None
        return self._after(answered, None, preset, question_type, now)

    def plan(self) -> InterviewPlan | None:
        """The interview-date plan for the target roles' flashcards, if a date is set."""
        now = self._clock.now()
        preset = self._settings.preset(QuestionType.FLASHCARD)
        day_start, _ = self._day.bounds(now)
        with self._db.read() as session:
            store = CardStore(session)
            introduced = store.introduced_since(day_start, self._plan_scope())
            return self._plan(store, now, introduced, preset.new_per_day)

    def _after(
        self,
        done: dict[Stage, int],
        store: CardStore | None,
        preset: Preset,
        question_type: str,
        now: datetime,
    ) -> Limits:
        """The (new, review) limits left after today's answers ``done``, by the card's stage."""
        new_per_day = preset.new_per_day
        if question_type == QuestionType.FLASHCARD:
            # the plan's daily figure, from what was unseen as the day began
            plan = self._plan(store, now, 0, new_per_day)
            if plan is not None:
                new_per_day = plan.new_per_day
        new_left = max(0, new_per_day - done[Stage.NEW])
        reviews_left = max(0, preset.reviews_per_day - done[Stage.REVIEW])
        return new_left, reviews_left

    def _answered_today(
        self, store: CardStore | None, question_type: str, now: datetime
    ) -> dict[Stage, int]:
        """Answers given today by the stage the card was in: kept per write generation."""
        generation = self._db.generation() if store is None else store.generation()
        kept = self._figures.answered(question_type, generation, now)
        if kept is not None:
            return kept
        if store is None:
            with self._db.read() as session:
                return self._answered_today(CardStore(session), question_type, now)
        day_start, day_end = self._day.bounds(now)
        done = ReviewLog(driver_connection(store.session)).answered_since(day_start, question_type)
        self._figures.keep_answered(question_type, DayFigures(generation, day_start, day_end, done))
        return done

    def _plan_scope(self) -> CardFilter:
        return CardFilter(
            roles=tuple(self._settings.target_roles), question_type=QuestionType.FLASHCARD
        )

    def _plan_key(self, now: datetime, preset_new: int) -> tuple[object, ...]:
        roles = tuple(self._settings.target_roles)
        return (self._day.day_of(now), self._settings.interview_date, roles, preset_new)

    def _plan_cached(self, now: datetime, preset_new: int) -> bool:
        """Whether the plan needs no read: no interview date, or planned already today."""
        if self._settings.interview_date is None:
            return True
        return self._plan_cache is not None and self._plan_cache[0] == self._plan_key(
            now, preset_new
        )

    def _plan(
        self, store: CardStore | None, now: datetime, introduced_today: int, preset_new: int
    ) -> InterviewPlan | None:
        interview = self._settings.interview_date
        if interview is None:
            return None
        key = self._plan_key(now, preset_new)
        if self._plan_cache is None or self._plan_cache[0] != key:
            # Planned once per study day, from what was unseen when the day began: unseen
            # now plus the plan's own roles' introductions today. (Counting every role's
            # introductions made the figure jump on a relaunch after studying another role.)
            scope = self._plan_scope()
            day_start, _ = self._day.bounds(now)
            if store is None:
                with self._db.read() as session:
                    unseen = _unseen_at_start(CardStore(session), scope, now, day_start)
            else:
                unseen = _unseen_at_start(store, scope, now, day_start)
            self._plan_cache = (key, unseen)
        unseen_at_start = self._plan_cache[1]
        return plan_for(
            interview,
            self._day.day_of(now),
            max(0, unseen_at_start - introduced_today),
            introduced_today,
            preset_new,
        )


def _unseen_at_start(
    store: CardStore, scope: CardFilter, now: datetime, day_start: datetime
) -> int:
    unseen = store.count_by_stage(scope, now)[Stage.NEW]
    return unseen + store.introduced_since(day_start, scope)
