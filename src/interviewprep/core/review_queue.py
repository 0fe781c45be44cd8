"""Today's upcoming cards of one scope, held as keys and carried across answers (as Anki keeps
its queues), so finding the next card needs no search of the database while nothing else
writes. Pure Python: the study service fills it from storage and says what each answer did."""

from __future__ import annotations

from bisect import insort
from collections.abc import Callable, Collection
from dataclasses import dataclass
from heapq import merge
from typing import NamedTuple

from interviewprep.core.cards import Stage

Key = tuple[str, str]
"""(bank id, question id)"""


class QueuedCard(NamedTuple):
    """A card's place in a queue. Ordered as the queue serves: by due time, then stage, then
    key (the order of the due index the queue was read from). A tuple, so that sorting and
    searching compare in C."""

    due_ms: int
    stage: int
    key: Key
    pk: int


Refill = Callable[[int], list[QueuedCard]]
"""Reads the first ``n`` cards of a stage afresh, in queue order."""

LEARNING_STAGES = (Stage.LEARNING, Stage.RELEARNING)


def first_of_stages(lists: Collection[list[QueuedCard]], n: int) -> list[QueuedCard]:
    """The first ``n`` cards of several stages together, in queue order, from the first ``n``
    of each: the first ``n`` of their union. All of them, when no stage had ``n``."""
    merged = list(merge(*lists))
    return merged if all(len(cards) < n for cards in lists) else merged[:n]


@dataclass
class _Head:
    """The first cards of one stage in queue order, read ``size`` at a time: every card there
    is when ``complete``, else a prefix (any card not held comes after the last one held)."""

    cards: list[QueuedCard]
    complete: bool
    size: int

    @classmethod
    def read(cls, cards: list[QueuedCard], size: int) -> _Head:
        return cls(cards, len(cards) < size, size)

    def first(self, skip: Collection[Key], refill: Refill) -> QueuedCard | None:
        card = self._held(skip)
        if card is None and not self.complete:
            wanted = self.size + len(skip)
            self.cards = refill(wanted)
            self.complete = len(self.cards) < wanted
            card = self._held(skip)
        return card

    def _held(self, skip: Collection[Key]) -> QueuedCard | None:
        return next((c for c in self.cards if c.key not in skip), None)

    def remove(self, key: Key) -> bool:
        """Whether ``key`` was held (and is no longer)."""
        # the card answered is nearly always the first
        for index, card in enumerate(self.cards):
            if card.key == key:
                del self.cards[index]
                return True
        return False

    def add(self, card: QueuedCard) -> None:
        """Hold ``card`` if it falls within what is held; beyond a prefix's end it waits, like
        every other card there, for the next read."""
        if self.complete or (self.cards and card <= self.cards[-1]):
            insort(self.cards, card)


@dataclass
class ReviewQueue:
    """Keys of the cards a study day can still serve in one scope, as of a write generation:
    the first few learning (and relearning) cards due before the day's end plus the learn-ahead
    window, the first few due reviews and the first few new cards, each read again when used
    up. Building one is a few index ranges, O(log n), however many cards there are.

    Valid while the generation is unchanged and the day has not ended; our own answers move it
    to the next generation through ``answered``."""

    generation: int
    day_end_ms: int
    learning_until_ms: int
    learning: _Head
    reviews: _Head
    new: _Head

    @classmethod
    def build(
        cls,
        generation: int,
        day_end_ms: int,
        learning_until_ms: int,
        learning: list[QueuedCard],
        reviews: list[QueuedCard],
        new: list[QueuedCard],
        head_size: int,
    ) -> ReviewQueue:
        return cls(
            generation,
            day_end_ms,
            learning_until_ms,
            _Head.read(learning, head_size),
            _Head.read(reviews, head_size),
            _Head.read(new, head_size),
        )

    def fresh(self, generation: int, now_ms: int) -> bool:
        return self.generation == generation and now_ms < self.day_end_ms

    def learning_due(
        self, before_ms: int, skip: Collection[Key], refill: Refill
    ) -> QueuedCard | None:
        """The learning card due first, if it is due before ``before_ms``."""
        card = self.learning.first(skip, refill)
        return card if card is not None and card.due_ms < before_ms else None

    def review(self, skip: Collection[Key], refill: Refill) -> QueuedCard | None:
        return self.reviews.first(skip, refill)

    def new_card(self, skip: Collection[Key], refill: Refill) -> QueuedCard | None:
        return self.new.first(skip, refill)

    def answered(self, key: Key, stage: Stage, after: QueuedCard | None, generation: int) -> bool:
        """Our own answer to ``key``, a card that was in ``stage``, committed ``generation``:
        the card leaves the queue, and comes back as ``after`` if that is a learning step still
        due within it. False when the queue cannot say where the card goes (a review due again
        today, which happens only when an interview date caps its interval): then it must be
        read afresh."""
        if after is not None and after.stage == Stage.REVIEW and after.due_ms < self.day_end_ms:
            return False
        # A card is held only under the stage it was in: look there first, not through every
        # card held (most of the time spent carrying the queue across an answer).
        first = {Stage.NEW: self.new, Stage.REVIEW: self.reviews}.get(stage, self.learning)
        if not first.remove(key):
            for head in (self.learning, self.reviews, self.new):
                if head is not first:
                    head.remove(key)
        if (
            after is not None
            and after.stage in LEARNING_STAGES
            and after.due_ms < self.learning_until_ms
        ):
            self.learning.add(after)
        self.generation = generation
        return True
