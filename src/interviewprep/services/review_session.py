"""A flashcard review session as a state machine, so the review screen's logic runs without Qt.

The screen shows what the session says (card, revealed or not, interval labels, progress) and
forwards key presses; everything else happens here and is tested without a window.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from interviewprep.core.card_record import CardFilter, CardRecord, QuestionType
from interviewprep.core.cards import Grade
from interviewprep.core.clock import Clock
from interviewprep.core.leech import became_leech
from interviewprep.core.scheduling import format_interval
from interviewprep.services.op_changes import OpChanges
from interviewprep.services.study import (
    ALL_CARDS,
    Answer,
    CardNotFound,
    NextCardUnreadable,
    NextStates,
    StudyService,
)


@dataclass
class SessionProgress:
    done: int = 0
    remaining: int = 0

    @property
    def total(self) -> int:
        return self.done + self.remaining

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 1.0


@dataclass
class ReviewSession:
    """One sitting of flashcard reviews under a filter."""

    study: StudyService
    clock: Clock
    card_filter: CardFilter = ALL_CARDS
    question_type: str = QuestionType.FLASHCARD
    card: CardRecord | None = None
    revealed: bool = False
    shown_at: datetime | None = None
    progress: SessionProgress = field(default_factory=SessionProgress)
    history: list[Answer] = field(default_factory=list)
    leech: Answer | None = None
    """The last answer, when it made its card a leech (see ``core.leech``); else None."""
    initiator: object | None = None
    """Who this session answers for (the review screen), named in the changes it makes."""
    _next: NextStates | None = None

    def start(self) -> CardRecord | None:
        self.progress = SessionProgress(done=0, remaining=self._remaining())
        return self._advance()

    @property
    def finished(self) -> bool:
        return self.card is None

    def reveal(self) -> None:
        if self.card is not None:
            self.revealed = True

    def interval_labels(self) -> dict[Grade, str]:
        """What each grade button shows, such as ``10m`` or ``3d``."""
        intervals = self._next.intervals() if self._next is not None else {}
        return {grade: format_interval(delta) for grade, delta in intervals.items()}

    def elapsed_ms(self) -> int:
        if self.shown_at is None:
            return 0
        return int((self.clock.now() - self.shown_at).total_seconds() * 1000)

    def grade(self, grade: Grade) -> Answer | None:
        """Answer the current card (only once its answer is shown) and move to the next."""
        if self.card is None or not self.revealed:
            return None
        try:
            after = self.study.answer_and_next(
                self.card,
                grade,
                self.elapsed_ms(),
                self._next,
                self.card_filter,
                self.question_type,
                initiator=self.initiator,
            )
        except NextCardUnreadable as err:
            # The answer is saved: the card must not stay up to be graded twice.
            self._count(err.answer, max(0, self.progress.remaining - 1))
            self._clear()
            raise
        self._count(after.answer, after.counts.total)
        lapses = (after.answer.card.state.lapses, after.answer.after.lapses)
        self.leech = after.answer if became_leech(*lapses) else None
        if after.next is None:
            self._clear()
        else:
            self._show(after.next.card, after.next)
        return after.answer

    def _count(self, answer: Answer, remaining: int) -> None:
        self.history.append(answer)
        self.progress.done += 1
        self.progress.remaining = remaining

    def _clear(self) -> None:
        self.card, self.revealed, self.shown_at, self._next = None, False, None, None

    def undo(self) -> CardRecord | None:
        """Take back the last answer of this session and show that card again."""
        if not self.history:
            return None
        self.history.pop()
        self.leech = None
        card = self.study.undo(initiator=self.initiator)
        if card is None:
            return None
        self.progress.done = max(0, self.progress.done - 1)
        self.progress.remaining = self._remaining()
        self._show(card)
        return card

    def changed_elsewhere(self, changes: OpChanges) -> None:
        """Someone else changed data (Browse, Settings, another screen) while a card is up.
        The card stays up, revealed if it was, while it can still be studied: new settings
        or a changed note or flag update it in place, and only a card taken out of study (or
        answered elsewhere) makes the session move on."""
        if self.card is None:
            return  # the finished page: the next opening starts afresh
        if not changes.settings_only():
            try:
                stored = self.study.card(self.card.bank_id, self.card.question_id)
            except CardNotFound:
                stored = None
            if stored is None or stored.suspended or stored.retired:
                self._advance()
                self.progress.remaining = self._remaining()
                return
            if stored.state != self.card.state:  # answered or reset elsewhere
                self._advance()
                self.progress.remaining = self._remaining()
                return
            self.card = stored
        if changes.settings or changes.card:
            self._next = self.study.next_states(self.card)
        self.progress.remaining = self._remaining()

    def skip_learning_wait(self) -> datetime | None:
        """When the session is done for now, when the next learning card comes due today."""
        return self.study.next_learning_due(self.card_filter, self.question_type)

    def _remaining(self) -> int:
        return self.study.counts(self.card_filter, self.question_type).total

    def _advance(self) -> CardRecord | None:
        card = self.study.next_card(self.card_filter, self.question_type)
        if card is None:
            self._clear()
            return None
        self._show(card)
        return card

    def _show(self, card: CardRecord, states: NextStates | None = None) -> None:
        self.card = card
        self.revealed = False
        self.shown_at = self.clock.now()
        self._next = states if states is not None else self.study.next_states(card)
