"""Studying: today's queue, the next card, answers, undo and counts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from interviewprep.core.card_record import CardFilter, CardRecord
from interviewprep.core.cards import CardState, Grade, Stage
from interviewprep.core.clock import Clock, StudyDay
from interviewprep.core.errors import UserFacingError
from interviewprep.core.planning import InterviewPlan, cap_before, plan_for
from interviewprep.core.review_queue import (
    LEARNING_STAGES,
    QueuedCard,
    Refill,
    ReviewQueue,
    first_of_stages,
)
from interviewprep.core.scheduling import Preset, Scheduler
from interviewprep.services.helper_thread import HelperThread, Pending
from interviewprep.services.settings import SettingsService
from interviewprep.storage.card_rows import state_json
from interviewprep.storage.card_store import CardStore, QueueStore
from interviewprep.storage.database import (
    Database,
    DatabaseProblem,
    RawTransaction,
    driver_connection,
)
from interviewprep.storage.read_models import DayFigures, TodayCounts, TodayQueues
from interviewprep.storage.review_log import ReviewLog
from interviewprep.storage.types import to_epoch_ms

LEARN_AHEAD = timedelta(minutes=20)
"""Learning cards due this soon are shown now rather than leaving the user waiting (as Anki)."""

QUEUE_HEAD = 64
"""Cards of each kind (learning, review, new) a queue reads ahead at a time."""

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


@dataclass(frozen=True)
class AfterAnswer:
    """An answer, and what the review screen shows after it."""

    answer: Answer
    next: NextStates | None
    """The next card with its grade states; None when nothing is left to study now."""
    counts: Counts


class CardNotFound(UserFacingError):
    pass


class NextCardUnreadable(UserFacingError):
    """An answer was saved, but the card to show after it could not be read."""

    def __init__(self, answer: Answer, cause: DatabaseProblem) -> None:
        super().__init__(f"Your answer was saved, but the next card could not be read: {cause}")
        self.answer = answer


@dataclass(frozen=True)
class NextStates:
    """What each grade would make of a card, computed once when the card is shown (as Anki's
    review screen does): the intervals on the grade buttons, and what ``answer`` stores if the
    card is unchanged by then, with every due time moved on by the time spent looking at it."""

    card: CardRecord
    computed_at: datetime
    states: dict[Grade, CardState]
    before_json: str
    """The card's state as the answer's review records it for undo: encoded when the card is
    shown (on the helper thread after an answer), not on the next answer's path."""

    def intervals(self) -> dict[Grade, timedelta]:
        return {g: s.due - self.computed_at for g, s in self.states.items() if s.due is not None}

    def at(self, grade: Grade, now: datetime) -> CardState:
        """The state ``grade`` gives when answered at ``now``."""
        s = self.states[grade]
        assert s.due is not None
        # built directly: dataclasses.replace costs several times as much, on every answer
        due = s.due + (now - self.computed_at)
        return CardState(s.stage, s.step, s.stability, s.difficulty, due, now, s.reps, s.lapses)


def _learning_refill(store: QueueStore, scoped: CardFilter, until_ms: int) -> Refill:
    """Reads the first learning and relearning cards due before ``until_ms``, together."""

    def first(n: int) -> list[QueuedCard]:
        return first_of_stages(
            [store.queued(scoped, stage, until_ms, n) for stage in LEARNING_STAGES], n
        )

    return first


@lru_cache(maxsize=16)
def _scheduler(preset: Preset) -> Scheduler:
    """Schedulers are pure and a preset is immutable: one per preset, not one per answer."""
    return Scheduler(preset)


def _counts(by_stage: dict[Stage, int], new_left: int, reviews_left: int) -> Counts:
    return Counts(
        new=max(0, min(by_stage[Stage.NEW], new_left)),
        learning=max(0, by_stage[Stage.LEARNING] + by_stage[Stage.RELEARNING]),
        review=max(0, min(by_stage[Stage.REVIEW], reviews_left)),
    )


_GRADES = tuple(Grade)
_Upcoming = tuple[NextStates | None, Counts]
_Following = tuple[CardRecord | None, Counts]


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
        self._counts = TodayCounts()
        self._queues = TodayQueues()
        self._helper = HelperThread("interviewprep-next-card")

    def close(self) -> None:
        self._helper.close()

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
        return _scheduler(self._settings.preset(question_type))

    def _remaining(
        self,
        store: CardStore | None,
        preset: Preset,
        question_type: str,
        now: datetime,
        generation: int | None = None,
    ) -> tuple[int, int]:
        """Today's (new, review) limits left. ``generation``: the write generation current for
        the caller, when it knows it (inside its own write transaction)."""
        done = self._answered_today(store, question_type, now, generation)
        return self._left(done, store, preset, question_type, now)

    def _left(
        self,
        done: dict[Stage, int],
        store: CardStore | None,
        preset: Preset,
        question_type: str,
        now: datetime,
    ) -> tuple[int, int]:
        """The (new, review) limits left after today's answers ``done``, by the card's stage."""
        new_per_day = preset.new_per_day
        if question_type == "flashcard":
            plan = self._plan(store, now, done[Stage.NEW], new_per_day)
            if plan is not None:
                new_per_day = plan.new_per_day
        new_left = max(0, new_per_day - done[Stage.NEW])
        reviews_left = max(0, preset.reviews_per_day - done[Stage.REVIEW])
        return new_left, reviews_left

    def _answered_today(
        self,
        store: CardStore | None,
        question_type: str,
        now: datetime,
        generation: int | None = None,
    ) -> dict[Stage, int]:
        """Answers given today by the stage the card was in: cached per write generation."""
        current = self._db.generation() if generation is None else generation
        cached = self._counts.answered(question_type, current, now)
        if cached is not None:
            return cached
        if store is None:
            with self._db.read() as session:
                return self._answered_today(CardStore(session), question_type, now)
        day_start, day_end = self._day.bounds(now)
        generation = store.generation()
        done = ReviewLog(driver_connection(store.session)).answered_since(day_start, question_type)
        self._counts.keep_answered(question_type, DayFigures(generation, day_start, day_end, done))
        return done

    def counts(
        self, card_filter: CardFilter = ALL_CARDS, question_type: str = "flashcard"
    ) -> Counts:
        """Today's new (within the daily limit), learning and due cards. Counted once per write
        generation and study day, from index ranges bounded by the daily limits, then kept
        current across answers: a dictionary lookup while nothing else writes."""
        now = self._clock.now()
        known = self._cached_counts(card_filter, question_type, now, self._db.generation())
        if known is not None:
            return known
        preset = self._settings.preset(question_type)
        day_start, day_end = self._day.bounds(now)
        with self._db.read() as session:
            store = CardStore(session)
            generation = store.generation()
            new_left, reviews_left = self._remaining(store, preset, question_type, now)
            by_stage = store.count_today(
                card_filter.with_type(question_type), day_end, new_left, reviews_left
            )
        self._counts.keep_available(
            card_filter, question_type, DayFigures(generation, day_start, day_end, by_stage)
        )
        return _counts(by_stage, new_left, reviews_left)

    def _cached_counts(
        self, card_filter: CardFilter, question_type: str, now: datetime, generation: int
    ) -> Counts | None:
        """``counts`` from the cached figures, if they are those of ``generation``."""
        available = self._cached_available(card_filter, question_type, now, generation)
        limits = self._cached_limits(question_type, now, generation)
        return None if available is None or limits is None else _counts(available, *limits)

    def _cached_available(
        self, card_filter: CardFilter, question_type: str, now: datetime, generation: int
    ) -> dict[Stage, int] | None:
        return self._counts.available(card_filter, question_type, generation, now)

    def _cached_limits(
        self, question_type: str, now: datetime, generation: int
    ) -> tuple[int, int] | None:
        """``_remaining`` from the cached figures, if they are those of ``generation``."""
        answered = self._counts.answered(question_type, generation, now)
        if answered is None:
            return None
        preset = self._settings.preset(question_type)
        if question_type == "flashcard" and not self._plan_cached(now, preset.new_per_day):
            return None
        return self._left(answered, None, preset, question_type, now)

    def _carry_over(self, generation: int | None, before: CardRecord, after: CardState) -> None:
        """Apply one answer to the cached figures that were current just before it; anything
        else cached is out of date and is counted afresh when next asked for."""
        self._counts.carry_over(generation, before, after)
        self._queues.carry_over(generation, before, after)

    def plan(self) -> InterviewPlan | None:
        """The interview-date plan for the target roles' flashcards, if a date is set."""
        now = self._clock.now()
        preset = self._settings.preset("flashcard")
        day_start, _ = self._day.bounds(now)
        with self._db.read() as session:
            store = CardStore(session)
            introduced = ReviewLog(driver_connection(session)).answered_since(
                day_start, "flashcard"
            )[Stage.NEW]
            return self._plan(store, now, introduced, preset.new_per_day)

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
        roles = tuple(self._settings.target_roles)
        key = self._plan_key(now, preset_new)
        if self._plan_cache is None or self._plan_cache[0] != key:
            scope = CardFilter(roles=roles, question_type="flashcard")
            if store is None:
                with self._db.read() as session:
                    unseen = CardStore(session).count_by_stage(scope, now)[Stage.NEW]
            else:
                unseen = store.count_by_stage(scope, now)[Stage.NEW]
            unseen += introduced_today
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
        preset = self._settings.preset(question_type)
        # The daily limits first, from the cached counts: the card lookups below then run on a
        # bare connection, with no ORM session to open (most of an answer's cost otherwise).
        limits = self._remaining(None, preset, question_type, now)
        with self._db.raw_read() as connection:
            return self._pick(
                QueueStore(connection), card_filter.with_type(question_type), limits, now, exclude
            )

    def _pick(
        self,
        store: QueueStore,
        scoped: CardFilter,
        limits: tuple[int, int],
        now: datetime,
        exclude: Sequence[tuple[str, str]] = (),
    ) -> CardRecord | None:
        """``next_card`` as of ``store``'s snapshot, under daily limits (new, reviews) left."""
        _, day_end = self._day.bounds(now)
        now_ms, day_end_ms = to_epoch_ms(now), to_epoch_ms(day_end)
        with self._queues.using():
            queue = self._queue(store, scoped, now_ms, day_end_ms)
            learning = _learning_refill(store, scoped, queue.learning_until_ms)
            new_left, reviews_left = limits
            skip = set(exclude)
            chosen = queue.learning_due(now_ms, skip, learning)
            if chosen is None and reviews_left > 0:
                chosen = queue.review(
                    skip, lambda n: store.queued(scoped, Stage.REVIEW, day_end_ms, n)
                )
            if chosen is None and new_left > 0:
                chosen = queue.new_card(skip, lambda n: store.queued_new(scoped, n))
            if chosen is None:
                chosen = queue.learning_due(to_epoch_ms(now + LEARN_AHEAD), skip, learning)
            return None if chosen is None else store.card_by_pk(chosen.pk)

    def _queue(
        self, store: QueueStore, scoped: CardFilter, now_ms: int, day_end_ms: int
    ) -> ReviewQueue:
        """Today's queue for ``scoped`` as of this snapshot: the cached one while no one else
        has written since (our own answers carry it over), else read afresh."""
        generation = store.generation()
        queue = self._queues.fresh(scoped, generation, now_ms)
        if queue is not None:
            return queue
        learning_until = day_end_ms + int(LEARN_AHEAD.total_seconds() * 1000)
        queue = ReviewQueue.build(
            generation,
            day_end_ms,
            learning_until,
            _learning_refill(store, scoped, learning_until)(QUEUE_HEAD),
            store.queued(scoped, Stage.REVIEW, day_end_ms, QUEUE_HEAD),
            store.queued_new(scoped, QUEUE_HEAD),
            QUEUE_HEAD,
        )
        self._queues.keep(scoped, queue)
        return queue

    def next_learning_due(
        self, card_filter: CardFilter = ALL_CARDS, question_type: str = "flashcard"
    ) -> datetime | None:
        """When the next learning card later today becomes due, if any."""
        now = self._clock.now()
        _, day_end = self._day.bounds(now)
        with self._db.raw_read() as connection:
            card = QueueStore(connection).first_due(
                card_filter.with_type(question_type), (Stage.LEARNING, Stage.RELEARNING), day_end
            )
        return card.state.due if card is not None else None

    def card(self, bank_id: str, question_id: str) -> CardRecord:
        with self._db.raw_read() as connection:
            card = QueueStore(connection).card(bank_id, question_id)
        if card is None:
            raise CardNotFound(f"question {card_key(bank_id, question_id)} is not installed")
        return card

    # -- answering ------------------------------------------------------------------------------

    def next_states(self, card: CardRecord) -> NextStates:
        """What each grade would make of ``card`` now; pass it to ``answer``."""
        now = self._clock.now()
        states = self.scheduler(card.type).answers(
            card.state, _GRADES, now, card_key(card.bank_id, card.question_id)
        )
        start = self._interview_start()  # once for the four grades
        if start is not None:
            for grade, state in states.items():
                if (
                    state.due is not None
                    and (capped := cap_before(state.due, start, now)) != state.due
                ):
                    states[grade] = state.with_(due=capped)
        return NextStates(card, now, states, state_json(card.state))

    def preview(self, card: CardRecord) -> dict[Grade, timedelta]:
        """The interval each grade would give this card now (what answer() will schedule)."""
        return self.next_states(card).intervals()

    def _interview_start(self) -> datetime | None:
        interview = self._settings.interview_date
        return None if interview is None else self._day.start_of(interview)

    def _before_interview(self, due: datetime, now: datetime) -> datetime:
        start = self._interview_start()
        return due if start is None else cap_before(due, start, now)

    def answer(
        self,
        card: CardRecord,
        grade: Grade,
        duration_ms: int,
        shown: NextStates | None = None,
    ) -> Answer:
        """Grade a card. Committed in its own transaction before this returns.

        ``shown``, the card's next states from when it was shown, is what gets stored while the
        card is unchanged since: no read and no scheduling inside the write transaction. If the
        card changed meanwhile (another window, the command line), or without ``shown``, the
        answer is scheduled afresh from the stored card."""
        return self._answer(card, grade, duration_ms, shown, None)[0]

    def answer_and_next(
        self,
        card: CardRecord,
        grade: Grade,
        duration_ms: int,
        shown: NextStates | None = None,
        card_filter: CardFilter = ALL_CARDS,
        question_type: str = "flashcard",
    ) -> AfterAnswer:
        """``answer``, then ``next_card`` under ``card_filter`` with its ``next_states``, and
        the ``counts``: what the review screen does on every grade key, as one step. The
        next card and the counts come from the figures and the queue carried across the
        answer, the card's row is read inside the answer's transaction, and its grade states
        are worked out while the commit waits on the disk. Like ``answer``, it returns only
        once the answer is durable."""
        answer, upcoming = self._answer(
            card, grade, duration_ms, shown, (card_filter, question_type)
        )
        if upcoming is not None:
            return AfterAnswer(answer, *upcoming)
        # The cached figures could not say (another process wrote meanwhile, the queue needs
        # reading, a read failed): look afresh, now that the answer is committed.
        try:
            nxt = self.next_card(card_filter, question_type)
            return AfterAnswer(
                answer,
                None if nxt is None else self.next_states(nxt),
                self.counts(card_filter, question_type),
            )
        except DatabaseProblem as err:
            # not the answer's error: it is on disk, and grading again would record it twice
            raise NextCardUnreadable(answer, err) from err

    def _answer(
        self,
        card: CardRecord,
        grade: Grade,
        duration_ms: int,
        shown: NextStates | None,
        then: tuple[CardFilter, str] | None,
    ) -> tuple[Answer, _Upcoming | None]:
        now = self._clock.now()
        duration = max(0, int(duration_ms))
        planned, before_json = None, None
        if shown is not None and shown.card.key == card.key and shown.card.state == card.state:
            planned, before_json = shown.at(grade, now), shown.before_json
            if (
                planned.due is not None
                and (capped := self._before_interview(planned.due, now)) != planned.due
            ):
                planned = planned.with_(due=capped)
        write = self._db.begin_raw_write()
        try:
            with write.rolled_back_on_error():
                store = QueueStore(write.connection)
                current, after, review_id = self._record(
                    ReviewLog(write.connection),
                    store,
                    card,
                    grade,
                    now,
                    duration,
                    planned,
                    before_json,
                )
                # carried over before the commit, so the next card can be chosen from them;
                # forgotten below if the commit fails
                self._carry_over(write.generation, current, after)
                chosen = None
                if then is not None and write.generation is not None:
                    chosen = self._following(write, store, *then, write.generation, now)
            # The commit waits on the disk with the GIL let go: the helper thread works out
            # the next card's grade states meanwhile.
            upcoming = self._states_meanwhile(chosen)
            try:
                write.commit()
            except BaseException:
                upcoming.wait()  # nothing left running on the failed answer's behalf
                raise
            following = upcoming.result()
        except BaseException:
            self._forget_cached()
            raise
        self.notify_changed()
        return Answer(review_id=review_id, card=current, grade=grade, after=after), following

    def _record(
        self,
        log: ReviewLog,
        store: QueueStore,
        card: CardRecord,
        grade: Grade,
        now: datetime,
        duration: int,
        planned: CardState | None,
        before_json: str | None = None,
    ) -> tuple[CardRecord, CardState, int]:
        """Store the answer; the card as it was, its new state, and the review's id."""
        if planned is not None:
            review_id = log.record_answer(
                card,
                planned,
                int(grade),
                now,
                duration,
                only_if_unchanged=True,
                before_json=before_json,
            )
            if review_id is not None:
                return card, planned, review_id
        fresh = store.card(card.bank_id, card.question_id)
        if fresh is None:
            raise CardNotFound(f"question {card_key(card.bank_id, card.question_id)} is gone")
        after = self._schedule(fresh, grade, now)
        review_id = log.record_answer(fresh, after, int(grade), now, duration)
        assert review_id is not None
        return fresh, after, review_id

    def _following(
        self,
        write: RawTransaction,
        store: QueueStore,
        card_filter: CardFilter,
        question_type: str,
        generation: int,
        now: datetime,
    ) -> _Following | None:
        """The card after an answer that commits ``generation``, and the counts: the counts
        from the cached figures carried across the answer, the card picked from today's queue
        inside the answer's transaction, which sees the answer. There the pages are in the
        writer's cache; a second connection would read them afresh after every write (some
        100 µs of the GIL, which outlasted the commit). None when the cached figures are not
        those of ``generation``, or a read fails: then the caller reads afresh once the
        commit is through."""
        available = self._cached_available(card_filter, question_type, now, generation)
        limits = self._cached_limits(question_type, now, generation)
        if available is None or limits is None:
            return None
        counts = _counts(available, *limits)
        scoped = card_filter.with_type(question_type)
        return write.optional(lambda: (self._pick(store, scoped, limits, now), counts))

    def _states_meanwhile(self, following: _Following | None) -> Pending[_Upcoming | None]:
        """The next card's grade states, on the helper thread (py-fsrs, some 100 µs)."""
        if following is None:
            return Pending.done(None)
        card, counts = following
        if card is None:
            return Pending.done((None, counts))
        return self._helper.submit(lambda: (self.next_states(card), counts))

    def _forget_cached(self) -> None:
        self._counts.forget()
        self._queues.forget()

    def _schedule(self, card: CardRecord, grade: Grade, now: datetime) -> CardState:
        key = card_key(card.bank_id, card.question_id)
        after = self.scheduler(card.type).answer(card.state, grade, now, key)
        if after.due is not None:
            after = after.with_(due=self._before_interview(after.due, now))
        return after

    def undo(self) -> CardRecord | None:
        """Undo the most recent answer; return that card as it is again, or None."""
        with self._db.transaction() as session:
            connection = driver_connection(session)
            key = ReviewLog(connection).undo_last()
            if key is None:
                return None
            card = QueueStore(connection).card(*key)
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
