"""Today's upcoming cards of one scope, held as keys and carried across answers (as Anki keeps
its queues), so finding the next card needs no search of the database while nothing else
writes. Pure Python: the study service fills it from storage and says what each answer did."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable, Collection
from dataclasses import dataclass
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


@dataclass
class _Head:
    """The first cards of one stage in queue order: all of them when ``complete``."""

    cards: list[QueuedCard]
    complete: bool
    size: int

    def first(self, skip: Collection[Key]) -> QueuedCard | None:
        return next((c for c in self.cards if c.key not in skip), None)

    def remove(self, key: Key) -> None:
        # the card answered is nearly always the first
        for index, card in enumerate(self.cards):
            if card.key == key:
                del self.cards[index]
                return


@dataclass
class ReviewQueue:
    """Keys of the cards a study day can still serve in one scope, as of a write generation.

    ``learning`` holds every learning and relearning card due before the day's end plus the
    learn-ahead window; ``reviews`` and ``new`` hold the first few of each, and are read again
    when used up. Valid while the generation is unchanged and the day has not ended; our own
    answers move it to the next generation through ``answered``."""

    generation: int
    day_end_ms: int
    learning_until_ms: int
    learning: list[QueuedCard]
    learning_by_key: dict[Key, QueuedCard]
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
            sorted(learning),
            {card.key: card for card in learning},
            _Head(reviews, len(reviews) < head_size, head_size),
            _Head(new, len(new) < head_size, head_size),
        )

    def fresh(self, generation: int, now_ms: int) -> bool:
        return self.generation == generation and now_ms < self.day_end_ms

    def learning_due(self, before_ms: int, skip: Collection[Key]) -> QueuedCard | None:
        """The learning card due first, if it is due before ``before_ms``."""
        for card in self.learning:
            if card.due_ms >= before_ms:
                return None
            if card.key not in skip:
                return card
        return None

    def review(self, skip: Collection[Key], refill: Refill) -> QueuedCard | None:
        return self._first(self.reviews, skip, refill)

    def new_card(self, skip: Collection[Key], refill: Refill) -> QueuedCard | None:
        return self._first(self.new, skip, refill)

    @staticmethod
    def _first(head: _Head, skip: Collection[Key], refill: Refill) -> QueuedCard | None:
        card = head.first(skip)
        if card is None and not head.complete:
            wanted = head.size + len(skip)
            head.cards = refill(wanted)
            head.complete = len(head.cards) < wanted
            card = head.first(skip)
        return card

    def answered(self, key: Key, after: QueuedCard | None, generation: int) -> bool:
        """Our own answer to ``key`` committed ``generation``: the card leaves the queue, and
        comes back as ``after`` if that is a learning step still due within it. False when the
        queue cannot say where the card goes (a review due again today, which happens only when
        an interview date caps its interval): then it must be read afresh."""
        if after is not None and after.stage == Stage.REVIEW and after.due_ms < self.day_end_ms:
            return False
        was = self.learning_by_key.pop(key, None)
        if was is not None:
            del self.learning[bisect_left(self.learning, was)]
        self.reviews.remove(key)
        self.new.remove(key)
        if (
            after is not None
            and after.stage in LEARNING_STAGES
            and after.due_ms < self.learning_until_ms
        ):
            insort(self.learning, after)
            self.learning_by_key[key] = after
        self.generation = generation
        return True
