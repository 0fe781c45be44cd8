"""Which card comes next: learning cards that are due, then due reviews, then new cards within
the daily limits, then learning cards due within the next 20 minutes rather than making the
user wait (as Anki)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from interviewprep.core.card_record import CardFilter, CardRecord
from interviewprep.core.cards import Stage
from interviewprep.core.clock import Clock, StudyDay
from interviewprep.core.review_queue import (
    LEARNING_STAGES,
    QueuedCard,
    Refill,
    ReviewQueue,
    first_of_stages,
)
from interviewprep.services.daily_limits import DailyLimits, Limits
from interviewprep.storage.card_store import QueueStore
from interviewprep.storage.database import Database
from interviewprep.storage.read_models import TodayQueues
from interviewprep.storage.types import to_epoch_ms

LEARN_AHEAD = timedelta(minutes=20)
"""Learning cards due this soon are shown now rather than leaving the user waiting (as Anki)."""

QUEUE_HEAD = 64
"""Cards of each kind (learning, review, new) a queue reads ahead at a time."""


def _learning_refill(store: QueueStore, scoped: CardFilter, until_ms: int) -> Refill:
    """Reads the first learning and relearning cards due before ``until_ms``, together."""

    def first(n: int) -> list[QueuedCard]:
        return first_of_stages(
            [store.queued(scoped, stage, until_ms, n) for stage in LEARNING_STAGES], n
        )

    return first


def _drill_pick(
    store: QueueStore,
    scoped: CardFilter,
    now: datetime,
    exclude: Sequence[tuple[str, str]],
) -> CardRecord | None:
    """The next card of a drill (``CardFilter.early_since``): learning steps due now, then
    the cards not yet answered in it whether due or not, then learning steps due soon.
    Read afresh each time, never kept as a queue: a drill is a few dozen keys, and its rule
    (answered since it began) is not what today's queues carry across an answer. The daily
    limits do not apply: the user asked for exactly these."""
    return (
        store.first_due(scoped, LEARNING_STAGES, now, exclude)
        or store.first_early(scoped, exclude)
        or store.first_due(scoped, LEARNING_STAGES, now + LEARN_AHEAD, exclude)
    )


class StudyQueue:
    """The next card of a scope, from today's queue of it (``TodayQueues``), carried across
    our answers and read afresh when anything else wrote."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        day: StudyDay,
        queues: TodayQueues,
        limits: DailyLimits,
    ) -> None:
        self._db = db
        self._clock = clock
        self._day = day
        self._queues = queues
        self._limits = limits

    def next_card(
        self, scoped: CardFilter, question_type: str, exclude: Sequence[tuple[str, str]] = ()
    ) -> CardRecord | None:
        """The next card of ``scoped`` (a filter with its question type)."""
        now = self._clock.now()
        # The daily limits first, from the cached counts: the card lookups below then run on a
        # bare connection, with no ORM session to open (most of an answer's cost otherwise).
        limits = self._limits.left(None, question_type, now)
        with self._db.raw_read() as connection:
            return self.pick(QueueStore(connection), scoped, limits, now, exclude)

    def pick(
        self,
        store: QueueStore,
        scoped: CardFilter,
        limits: Limits,
        now: datetime,
        exclude: Sequence[tuple[str, str]] = (),
    ) -> CardRecord | None:
        """``next_card`` as of ``store``'s snapshot, under daily limits (new, reviews) left."""
        if scoped.is_drill:
            return _drill_pick(store, scoped, now, exclude)
        _, day_end = self._day.bounds(now)
        now_ms, day_end_ms = to_epoch_ms(now), to_epoch_ms(day_end)
        with self._queues.lock:
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
        """Today's queue for ``scoped`` as of this snapshot: the kept one while no one else
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

    def next_learning_due(self, scoped: CardFilter) -> datetime | None:
        """When the next learning card of ``scoped`` later today becomes due, if any."""
        _, day_end = self._day.bounds(self._clock.now())
        with self._db.raw_read() as connection:
            card = QueueStore(connection).first_due(scoped, LEARNING_STAGES, day_end)
        return card.state.due if card is not None else None
