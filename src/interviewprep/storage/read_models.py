"""Figures and queues read from the cards and reviews tables, kept as of a write generation
(see ``Database.generation``) and carried across our own answers by applying each answer's
effect, as Anki keeps its queue, instead of reading again. Anything else that writes moves the
generation on, and what was kept is read afresh when next asked for."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime

from interviewprep.core.card_record import CardFilter, CardRecord
from interviewprep.core.cards import CardState, Stage
from interviewprep.core.review_queue import QueuedCard, ReviewQueue
from interviewprep.storage.types import to_epoch_ms

_QUEUE_SCOPES = 16


@dataclass
class DayFigures:
    """Figures by stage of the current study day as of a write generation."""

    generation: int
    day_start: datetime
    day_end: datetime
    by_stage: dict[Stage, int]

    def fresh(self, generation: int, now: datetime) -> bool:
        return self.generation == generation and self.day_start <= now < self.day_end


def _counted(state: CardState, day_end: datetime) -> bool:
    """Whether a card in ``state`` is in today's counts (new, or due before the day ends)."""
    return state.stage == Stage.NEW or (state.due is not None and state.due < day_end)


def _active(card: CardRecord) -> bool:
    return not (card.suspended or card.buried or card.retired)


class TodayCounts:
    """Today's answers by the stage the card was in, per question type (for the daily limits),
    and the cards available today by stage, per (filter, question type)."""

    def __init__(self) -> None:
        self._answered: dict[str, DayFigures] = {}
        self._available: dict[tuple[CardFilter, str], DayFigures] = {}
        self._lock = threading.Lock()

    def answered(
        self, question_type: str, generation: int, now: datetime
    ) -> dict[Stage, int] | None:
        with self._lock:
            figures = self._answered.get(question_type)
        return figures.by_stage if figures and figures.fresh(generation, now) else None

    def keep_answered(self, question_type: str, figures: DayFigures) -> None:
        with self._lock:
            self._answered[question_type] = figures

    def available(
        self, card_filter: CardFilter, question_type: str, generation: int, now: datetime
    ) -> dict[Stage, int] | None:
        with self._lock:
            figures = self._available.get((card_filter, question_type))
        return figures.by_stage if figures and figures.fresh(generation, now) else None

    def keep_available(
        self, card_filter: CardFilter, question_type: str, figures: DayFigures
    ) -> None:
        with self._lock:
            self._available[(card_filter, question_type)] = figures

    def carry_over(self, generation: int | None, before: CardRecord, after: CardState) -> None:
        """Apply our answer to ``before``, committing ``generation``, to the figures that were
        current just before it; forget any others."""
        with self._lock:
            for qtype, today in list(self._answered.items()):
                if generation is None or today.generation != generation - 1:
                    del self._answered[qtype]
                    continue
                if qtype == before.type:
                    today.by_stage[before.state.stage] += 1
                today.generation = generation
            for key, today in list(self._available.items()):
                if generation is None or today.generation != generation - 1:
                    del self._available[key]
                    continue
                card_filter, qtype = key
                if _active(before) and card_filter.with_type(qtype).covers(before):
                    if _counted(before.state, today.day_end):
                        today.by_stage[before.state.stage] -= 1
                    if _counted(after, today.day_end):
                        today.by_stage[after.stage] += 1
                today.generation = generation

    def forget(self) -> None:
        with self._lock:
            self._answered.clear()
            self._available.clear()


class TodayQueues:
    """Today's upcoming cards per scope (``core.review_queue``). Use them only holding
    ``lock``: picking a card takes cards off a queue and may read more into it."""

    def __init__(self) -> None:
        self._queues: dict[CardFilter, ReviewQueue] = {}
        self.lock = threading.Lock()

    def fresh(self, scope: CardFilter, generation: int, now_ms: int) -> ReviewQueue | None:
        """The queue kept for ``scope``, if it is that of ``generation``; holding ``lock``."""
        queue = self._queues.get(scope)
        return queue if queue is not None and queue.fresh(generation, now_ms) else None

    def keep(self, scope: CardFilter, queue: ReviewQueue) -> None:
        """Keep ``queue``; holding ``lock``. A database too old to count writes cannot tell
        when a queue is out of date: nothing is kept then."""
        if queue.generation < 0:
            return
        if len(self._queues) >= _QUEUE_SCOPES:
            self._queues.clear()
        self._queues[scope] = queue

    def carry_over(self, generation: int | None, before: CardRecord, after: CardState) -> None:
        """``TodayCounts.carry_over`` for the queues: the card leaves them, and comes back
        where its new due time puts it."""
        with self.lock:
            for scope, queue in list(self._queues.items()):
                carried = generation is not None and queue.generation == generation - 1
                place = None
                if carried and _active(before) and after.due is not None and scope.covers(before):
                    place = QueuedCard(
                        to_epoch_ms(after.due), int(after.stage), before.key, before.pk
                    )
                if not carried or not queue.answered(
                    before.key, before.state.stage, place, generation or 0
                ):
                    del self._queues[scope]

    def forget(self) -> None:
        with self.lock:
            self._queues.clear()
