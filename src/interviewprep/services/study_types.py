"""The values studying hands to sessions and screens: today's counts, an answer, a card's
grade states, the card to show next, and what can go wrong."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from interviewprep.core.card_record import CardRecord
from interviewprep.core.cards import CardState, Grade, Stage
from interviewprep.core.errors import UserFacingError
from interviewprep.storage.database import DatabaseProblem


@dataclass(frozen=True)
class Counts:
    """Cards available today: new (within the daily limit), learning, and due reviews."""

    new: int
    learning: int
    review: int

    @property
    def total(self) -> int:
        return self.new + self.learning + self.review

    @classmethod
    def within(cls, by_stage: dict[Stage, int], new_left: int, reviews_left: int) -> Counts:
        """The counts of cards available ``by_stage``, under today's limits left."""
        return cls(
            new=max(0, min(by_stage[Stage.NEW], new_left)),
            learning=max(0, by_stage[Stage.LEARNING] + by_stage[Stage.RELEARNING]),
            review=max(0, min(by_stage[Stage.REVIEW], reviews_left)),
        )


@dataclass(frozen=True)
class Answer:
    review_id: int
    card: CardRecord
    grade: Grade
    after: CardState


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


@dataclass(frozen=True)
class NextCard:
    """The card to show after an answer (None when nothing is left to study now) with today's
    counts, and its grade states once they are worked out."""

    card: CardRecord | None
    counts: Counts
    states: NextStates | None = None


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


def card_key(bank_id: str, question_id: str) -> str:
    return f"{bank_id}/{question_id}"
