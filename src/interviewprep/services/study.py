"""Studying: today's queue, the next card, answers, undo and counts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from interviewprep.core.cards import CardState, Grade, Stage
from interviewprep.core.clock import Clock, StudyDay
from interviewprep.core.errors import UserFacingError
from interviewprep.core.planning import InterviewPlan, cap_before, plan_for
from interviewprep.core.scheduling import Preset, Scheduler
from interviewprep.services.settings import SettingsService
from interviewprep.storage.card_store import CardFilter, CardRecord, CardStore
from interviewprep.storage.database import Database

LEARN_AHEAD = timedelta(minutes=20)
"""Learning cards due this soon are shown now rather than leaving the user waiting (as Anki)."""

Listener = Callable[[], None]
ALL_CARDS = CardFilter()


@dataclass(frozen=True)
class Counts:
    """Cards available today: new (within the daily limit), learning, and due reviews."""

    new: int
    learning: int
    review: int

    @property
    def total(self) -> int:
        return self.new + self.learning + self.review


@dataclass(frozen=True)
class Answer:
    review_id: int
    card: CardRecord
    grade: Grade
    after: CardState


class CardNotFound(UserFacingError):
    pass


def card_key(bank_id: str, question_id: str) -> str:
    return f"{bank_id}/{question_id}"


class StudyService:
    """The use cases behind the review screen and `interviewprep stats`."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        settings: SettingsService,
        study_day: StudyDay | None = None,
    ) -> None:
        self._db = db
        self._clock = clock
        self._settings = settings
        self._day = study_day or StudyDay()
        self._listeners: list[Listener] = []
        self._plan_cache: tuple[tuple[object, ...], int] | None = None

    @property
    def study_day(self) -> StudyDay:
        return self._day

    # -- change notification: screens refresh when told, never by polling ---------------------

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def notify_changed(self) -> None:
        """Tell the screens that progress changed (answers, suspensions, resets)."""
        for listener in list(self._listeners):
            listener()

    # -- queue ----------------------------------------------------------------------------------

    def scheduler(self, question_type: str) -> Scheduler:
        return Scheduler(self._settings.preset(question_type))

    def _remaining(
        self, store: CardStore, preset: Preset, question_type: str, now: datetime
    ) -> tuple[int, int]:
        day_start, _ = self._day.bounds(now)
        done = store.answered_since(day_start, question_type)
        new_per_day = preset.new_per_day
        if question_type == "flashcard":
            plan = self._plan(store, now, done[Stage.NEW], new_per_day)
            if plan is not None:
                new_per_day = plan.new_per_day
        new_left = max(0, new_per_day - done[Stage.NEW])
        reviews_left = max(0, preset.reviews_per_day - done[Stage.REVIEW])
        return new_left, reviews_left

    def counts(
        self, card_filter: CardFilter = ALL_CARDS, question_type: str = "flashcard"
    ) -> Counts:
        now = self._clock.now()
        _, day_end = self._day.bounds(now)
        preset = self._settings.preset(question_type)
        with self._db.read() as session:
            store = CardStore(session)
            by_stage = store.count_by_stage(card_filter.with_type(question_type), day_end)
            new_left, reviews_left = self._remaining(store, preset, question_type, now)
        return Counts(
            new=min(by_stage[Stage.NEW], new_left),
            learning=by_stage[Stage.LEARNING] + by_stage[Stage.RELEARNING],
            review=min(by_stage[Stage.REVIEW], reviews_left),
        )

    def plan(self) -> InterviewPlan | None:
        """The interview-date plan for the target roles' flashcards, if a date is set."""
        now = self._clock.now()
        preset = self._settings.preset("flashcard")
        day_start, _ = self._day.bounds(now)
        with self._db.read() as session:
            store = CardStore(session)
            introduced = store.answered_since(day_start, "flashcard")[Stage.NEW]
            return self._plan(store, now, introduced, preset.new_per_day)

    def _plan(
        self, store: CardStore, now: datetime, introduced_today: int, preset_new: int
    ) -> InterviewPlan | None:
        interview = self._settings.interview_date
        if interview is None:
            return None
        roles = tuple(self._settings.target_roles)
        key = (self._day.day_of(now), interview, roles, preset_new)
        if self._plan_cache is None or self._plan_cache[0] != key:
            scope = CardFilter(roles=roles, question_type="flashcard")
            unseen = store.count_by_stage(scope, now)[Stage.NEW] + introduced_today
            # planned once per study day, from what was unseen when the day began
            self._plan_cache = (key, unseen)
        unseen_at_start = self._plan_cache[1]
        return plan_for(
            interview,
            self._day.day_of(now),
            max(0, unseen_at_start - introduced_today),
            introduced_today,
            preset_new,
        )

    def next_card(
        self,
        card_filter: CardFilter = ALL_CARDS,
        question_type: str = "flashcard",
        exclude: Sequence[tuple[str, str]] = (),
    ) -> CardRecord | None:
        """Learning cards that are due, then due reviews, then new cards within the daily limits,
        then learning cards due within the next 20 minutes rather than making the user wait."""
        now = self._clock.now()
        _, day_end = self._day.bounds(now)
        scoped = card_filter.with_type(question_type)
        learning = (Stage.LEARNING, Stage.RELEARNING)
        preset = self._settings.preset(question_type)
        with self._db.read() as session:
            store = CardStore(session)
            card = store.first_due(scoped, learning, now, exclude)
            if card is not None:
                return card
            new_left, reviews_left = self._remaining(store, preset, question_type, now)
            if reviews_left > 0:
                card = store.first_due(scoped, (Stage.REVIEW,), day_end, exclude)
                if card is not None:
                    return card
            if new_left > 0:
                card = store.first_new(scoped, exclude)
                if card is not None:
                    return card
            return store.first_due(scoped, learning, now + LEARN_AHEAD, exclude)

    def next_learning_due(
        self, card_filter: CardFilter = ALL_CARDS, question_type: str = "flashcard"
    ) -> datetime | None:
        """When the next learning card later today becomes due, if any."""
        now = self._clock.now()
        _, day_end = self._day.bounds(now)
        with self._db.read() as session:
            card = CardStore(session).first_due(
                card_filter.with_type(question_type), (Stage.LEARNING, Stage.RELEARNING), day_end
            )
        return card.state.due if card is not None else None

    def card(self, bank_id: str, question_id: str) -> CardRecord:
        with self._db.read() as session:
            card = CardStore(session).card(bank_id, question_id)
        if card is None:
            raise CardNotFound(f"question {card_key(bank_id, question_id)} is not installed")
        return card

    # -- answering ------------------------------------------------------------------------------

    def preview(self, card: CardRecord) -> dict[Grade, timedelta]:
        """The interval each grade would give this card now (what answer() will schedule)."""
        now = self._clock.now()
        intervals = self.scheduler(card.type).preview(
            card.state, now, card_key(card.bank_id, card.question_id)
        )
        return {g: self._before_interview(now + d, now) - now for g, d in intervals.items()}

    def _before_interview(self, due: datetime, now: datetime) -> datetime:
        interview = self._settings.interview_date
        if interview is None:
            return due
        return cap_before(due, self._day.start_of(interview), now)

    def answer(self, card: CardRecord, grade: Grade, duration_ms: int) -> Answer:
        """Grade a card. Committed in its own transaction before this returns."""
        now = self._clock.now()
        scheduler = self.scheduler(card.type)
        with self._db.transaction() as session:
            store = CardStore(session)
            current = store.card(card.bank_id, card.question_id)
            if current is None:
                raise CardNotFound(f"question {card_key(card.bank_id, card.question_id)} is gone")
            after = scheduler.answer(
                current.state, grade, now, card_key(current.bank_id, current.question_id)
            )
            if after.due is not None:
                after = after.with_(due=self._before_interview(after.due, now))
            review_id = store.record_answer(
                current, after, int(grade), now, max(0, int(duration_ms))
            )
        self.notify_changed()
        return Answer(review_id=review_id, card=current, grade=grade, after=after)

    def undo(self) -> CardRecord | None:
        """Undo the most recent answer; return that card as it is again, or None."""
        with self._db.transaction() as session:
            store = CardStore(session)
            review = store.last_review()
            if review is None:
                return None
            store.undo_review(review)
            card = store.card(review.bank_id, review.question_id)
        self.notify_changed()
        return card

    # -- per-card actions -----------------------------------------------------------------------

    def set_note(self, card: CardRecord, note: str) -> None:
        self._set(card, note=note)

    def set_suspended(self, card: CardRecord, suspended: bool) -> None:
        self._set(card, suspended=suspended)

    def set_flagged(self, card: CardRecord, flagged: bool) -> None:
        self._set(card, flagged=flagged)

    def _set(self, card: CardRecord, **values: object) -> None:
        with self._db.transaction() as session:
            CardStore(session).set_flags(card.bank_id, card.question_id, **values)
        self.notify_changed()
