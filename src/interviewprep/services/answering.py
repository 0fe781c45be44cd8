"""Answering a card and taking the answer back: the grade states a card is shown with, the
write of an answer with the card to show after it, and undo."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from functools import lru_cache

from interviewprep.core.card_record import CardFilter, CardRecord
from interviewprep.core.cards import CardState, Grade
from interviewprep.core.clock import Clock, StudyDay
from interviewprep.core.key_points import CriterionKind, CriterionResult
from interviewprep.core.planning import cap_before
from interviewprep.core.scheduling import Preset, Scheduler
from interviewprep.services.due_placement import DuePlacement
from interviewprep.services.helper_thread import HelperThread, Pending
from interviewprep.services.op_changes import OpChanges, answered
from interviewprep.services.settings import SettingsService
from interviewprep.services.study_counts import StudyCounts
from interviewprep.services.study_queue import StudyQueue
from interviewprep.services.study_types import Answer, CardNotFound, NextCard, NextStates, card_key
from interviewprep.storage.card_rows import state_json
from interviewprep.storage.card_store import QueueStore
from interviewprep.storage.criterion_log import CriterionLog
from interviewprep.storage.database import Database, RawTransaction, driver_connection
from interviewprep.storage.read_models import TodayCounts, TodayQueues
from interviewprep.storage.review_log import ReviewLog

_GRADES = tuple(Grade)


def _before(state: CardState, interview_start: datetime, now: datetime) -> CardState:
    """``state``, due before the interview starting at ``interview_start``."""
    if state.due is None:
        return state
    capped = cap_before(state.due, interview_start, now)
    return state if capped == state.due else state.with_(due=capped)


@lru_cache(maxsize=16)
def scheduler_for(preset: Preset) -> Scheduler:
    """Schedulers are pure and a preset is immutable: one per preset, not one per answer."""
    return Scheduler(preset)


class Answering:
    """Answers are written on a pooled sqlite3 connection, each in its own transaction,
    committed before ``answer`` returns; today's counts and queues are carried across them."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        settings: SettingsService,
        day: StudyDay,
        read_models: tuple[TodayCounts, TodayQueues],
        counts: StudyCounts,
        queue: StudyQueue,
        changed: Callable[[OpChanges], None],
    ) -> None:
        self._db = db
        self._clock = clock
        self._settings = settings
        self._day = day
        self._figures, self._queues = read_models
        self._counts = counts
        self._queue = queue
        self._changed = changed
        self._helper = HelperThread("interviewprep-next-card")
        self._due_days = DuePlacement(db, settings, day)

    def close(self) -> None:
        self._helper.close()

    def scheduler(self, question_type: str) -> Scheduler:
        return scheduler_for(self._settings.preset(question_type))

    def next_states(self, card: CardRecord) -> NextStates:
        """What each grade would make of ``card`` now; pass it to ``answer``."""
        now = self._clock.now()
        return NextStates(card, now, self._choose_due(card, now), state_json(card.state))

    def answer(
        self,
        card: CardRecord,
        grade: Grade,
        duration_ms: int,
        shown: NextStates | None = None,
        then: tuple[CardFilter, str] | None = None,
        initiator: object | None = None,
        results: Sequence[CriterionResult] = (),
    ) -> tuple[Answer, NextCard | None]:
        """Grade a card, committed in its own transaction before this returns; with ``then``
        (a filter and question type), the card to show next under it, when today's kept
        figures can say (None when they cannot: the caller reads afresh). ``results``: how
        the card's key points came out in this answer, stored with it (and undone with it).

        ``shown``, the card's next states from when it was shown, is what gets stored while the
        card is unchanged since: no read and no scheduling inside the write transaction. If the
        card changed meanwhile (another window, the command line), or without ``shown``, the
        answer is scheduled afresh from the stored card."""
        now = self._clock.now()
        duration = max(0, int(duration_ms))
        planned = self._planned(card, grade, shown, now)
        write = self._db.begin_raw_write()
        try:
            with write.rolled_back_on_error():
                log, store = ReviewLog(write.connection), QueueStore(write.connection)
                current, after, review_id = card, planned, None
                if planned is not None and shown is not None:
                    review_id = log.record_answer(
                        card,
                        planned,
                        int(grade),
                        now,
                        duration,
                        only_if_unchanged=True,
                        before_json=shown.before_json,
                    )
                if review_id is None:  # changed since it was shown, or shown without states
                    current, after = self._rescheduled(store, card, grade, now)
                    review_id = log.record_answer(current, after, int(grade), now, duration)
                assert after is not None and review_id is not None
                if results:
                    CriterionLog(write.connection).record(
                        card.key, CriterionKind.KEY_POINT, results, now, review_id=review_id
                    )
                # carried over before the commit, so the next card can be chosen from them;
                # forgotten below if the commit fails
                self._figures.carry_over(write.generation, current, after)
                self._queues.carry_over(write.generation, current, after)
                self._due_days.answered(write.generation, current, after)
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
            self._figures.forget()
            self._queues.forget()
            self._due_days.forget()
            raise
        self._changed(answered(initiator))
        return Answer(review_id=review_id, card=current, grade=grade, after=after), following

    def undo(self, initiator: object | None = None) -> CardRecord | None:
        """Undo the most recent answer; return that card as it is again, or None."""
        with self._db.transaction() as session:
            connection = driver_connection(session)
            key = ReviewLog(connection).undo_last()
            if key is None:
                return None
            card = QueueStore(connection).card(*key)
        self._changed(answered(initiator))
        return card

    def _choose_due(self, card: CardRecord, now: datetime) -> dict[Grade, CardState]:
        """The one step that chooses the due dates of ``card``'s answers at ``now``: the
        scheduler's states, due on the day load balancing and Easy Days pick within each one's
        fuzz range, then kept before the interview. Every grade at once, whichever is asked
        for: a better grade's day is chosen after a worse one's, so the same card always gets
        the same days."""
        interview = self._settings.interview_date
        scheduled = self.scheduler(card.type).scheduled(
            card.state, _GRADES, now, card_key(card.bank_id, card.question_id)
        )
        states = self._due_days.place(card, scheduled, now, interview)
        if interview is not None:
            start = self._day.start_of(interview)
            for grade, state in states.items():
                states[grade] = _before(state, start, now)
        return states

    def _interview_start(self) -> datetime | None:
        interview = self._settings.interview_date
        return None if interview is None else self._day.start_of(interview)

    def _planned(
        self, card: CardRecord, grade: Grade, shown: NextStates | None, now: datetime
    ) -> CardState | None:
        """What ``grade`` makes of ``card`` from the states it was shown with, if they are its
        own and it is unchanged since; None if it must be scheduled afresh."""
        if shown is None or shown.card.key != card.key or shown.card.state != card.state:
            return None
        planned = shown.at(grade, now)  # its day chosen when shown, moved on by the wait
        start = self._interview_start()
        return planned if start is None else _before(planned, start, now)

    def _rescheduled(
        self, store: QueueStore, card: CardRecord, grade: Grade, now: datetime
    ) -> tuple[CardRecord, CardState]:
        """The card as stored now, and what ``grade`` makes of it."""
        fresh = store.card(card.bank_id, card.question_id)
        if fresh is None:
            raise CardNotFound(f"question {card_key(card.bank_id, card.question_id)} is gone")
        return fresh, self._choose_due(fresh, now)[grade]

    def _following(
        self,
        write: RawTransaction,
        store: QueueStore,
        card_filter: CardFilter,
        question_type: str,
        generation: int,
        now: datetime,
    ) -> NextCard | None:
        """The card after an answer that commits ``generation``, and the counts: the counts
        from the figures carried across the answer, the card picked from today's queue inside
        the answer's transaction, which sees the answer. There the pages are in the writer's
        cache; a second connection would read them afresh after every write (some 100 µs of
        the GIL, which outlasted the commit). None when the kept figures are not those of
        ``generation``, or a read fails: then the caller reads afresh once the commit is
        through."""
        kept = self._counts.cached(card_filter, question_type, now, generation)
        if kept is None:
            return None
        counts, limits = kept
        scoped = card_filter.with_type(question_type)
        return write.optional(
            lambda: NextCard(self._queue.pick(store, scoped, limits, now), counts)
        )

    def _states_meanwhile(self, following: NextCard | None) -> Pending[NextCard | None]:
        """The next card's grade states, on the helper thread (py-fsrs, some 100 µs)."""
        if following is None or following.card is None:
            return Pending.done(following)
        card, counts = following.card, following.counts
        return self._helper.submit(lambda: NextCard(card, counts, self.next_states(card)))
