"""A flashcard review session as a state machine, so the review screen's logic runs without Qt.

The screen shows what the session says (card, revealed or not, interval labels, progress) and
forwards key presses; everything else happens here and is tested without a window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from interviewprep.core.card_record import CardFilter, CardRecord, QuestionType
from interviewprep.core.cards import Grade
from interviewprep.core.clock import Clock
from interviewprep.core.key_points import CriterionResult
from interviewprep.core.leech import became_leech
from interviewprep.core.scheduling import format_interval
from interviewprep.core.stopwatch import Stopwatch
from interviewprep.services.op_changes import OpChanges
from interviewprep.services.study import (
    ALL_CARDS,
    Answer,
    CardNotFound,
    Counts,
    NextCardUnreadable,
    NextStates,
    StudyService,
)


@dataclass
class SessionProgress:
    done: int = 0
    remaining: int = 0
    counts: Counts = field(default_factory=lambda: Counts(new=0, learning=0, review=0))
    """What ``remaining`` is made of: new, learning and due cards left today."""

    @property
    def total(self) -> int:
        return self.done + self.remaining

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 1.0


@dataclass(frozen=True)
class CardChange:
    """A change to a card other than an answer, kept so that undo can take it back: ``what``
    is "suspend", "bury", "flag" or "note", ``before`` the card as it was."""

    what: str
    before: CardRecord


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
    undoable: list[Answer | CardChange] = field(default_factory=list)
    """Everything done this session that undo takes back, the last last (as Anki's undo)."""
    undone: str | None = None
    """What the last ``undo`` took back: "answer", or a ``CardChange.what``."""
    leech: Answer | None = None
    """The last answer, when it made its card a leech (see ``core.leech``); else None."""
    initiator: object | None = None
    """Who this session answers for (the review screen), named in the changes it makes."""
    answer_cap_ms: int | None = None
    """The most time one answer records (Anki's "maximum answer seconds"); None: no cap."""
    _next: NextStates | None = None
    stopwatch: Stopwatch = field(init=False)

    def __post_init__(self) -> None:
        self.stopwatch = Stopwatch(self.clock)

    def start(self) -> CardRecord | None:
        counts = self._counts()
        self.progress = SessionProgress(done=0, remaining=counts.total, counts=counts)
        return self._advance()

    def move_on(self) -> CardRecord | None:
        """The next card after the shown one left the queue unanswered (suspended or buried):
        what was done this session stays done."""
        counts = self._counts()
        self.progress.remaining, self.progress.counts = counts.total, counts
        return self._advance()

    def suspend(self, card: CardRecord) -> None:
        """Suspend ``card`` (the shown one, or a leech just answered), undoably."""
        self.study.set_suspended(card, True, initiator=self.initiator)
        self.undoable.append(CardChange("suspend", card))
        if self.card is not None and self.card.key == card.key:
            self.move_on()

    def bury(self, card: CardRecord) -> None:
        """Bury the shown ``card`` until the next study day, undoably, and move on."""
        self.study.set_buried(card, initiator=self.initiator)
        self.undoable.append(CardChange("bury", card))
        if self.card is not None and self.card.key == card.key:
            self.move_on()

    def set_flagged(self, card: CardRecord, flagged: bool) -> None:
        self.study.set_flagged(card, flagged, initiator=self.initiator)
        self.undoable.append(CardChange("flag", card))
        self._refresh(card)

    def set_note(self, card: CardRecord, note: str) -> None:
        self.study.set_note(card, note, initiator=self.initiator)
        self.undoable.append(CardChange("note", card))
        self._refresh(card)

    def _refresh(self, card: CardRecord) -> CardRecord:
        """``card`` read again; the shown card updated if it is that one (still revealed)."""
        fresh = self.study.card(card.bank_id, card.question_id)
        if self.card is not None and self.card.key == card.key:
            self.card = fresh
        return fresh

    def pause(self) -> None:
        """The card is out of sight: its time stops counting."""
        self.stopwatch.pause()

    def resume(self) -> None:
        self.stopwatch.resume()

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
        """Time on the shown card while it was in sight, up to ``answer_cap_ms``."""
        if self.shown_at is None:
            return 0
        elapsed = int(self.stopwatch.elapsed().total_seconds() * 1000)
        return elapsed if self.answer_cap_ms is None else min(elapsed, self.answer_cap_ms)

    @property
    def capped(self) -> bool:
        """Whether the shown card's time has reached the cap (the timer stops there)."""
        return self.answer_cap_ms is not None and self.elapsed_ms() >= self.answer_cap_ms

    def grade(self, grade: Grade, results: Sequence[CriterionResult] = ()) -> Answer | None:
        """Answer the current card (only once its answer is shown) and move to the next;
        ``results``, how its key points came out, are stored with the answer."""
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
                results=results,
            )
        except NextCardUnreadable as err:
            # The answer is saved: the card must not stay up to be graded twice.
            self._count(err.answer, max(0, self.progress.remaining - 1))
            self._clear()
            raise
        self._count(after.answer, after.counts.total)
        self.progress.counts = after.counts
        lapses = (after.answer.card.state.lapses, after.answer.after.lapses)
        self.leech = after.answer if became_leech(*lapses) else None
        if after.next is None:
            self._clear()
        else:
            self._show(after.next.card, after.next)
        return after.answer

    def _count(self, answer: Answer, remaining: int) -> None:
        self.history.append(answer)
        self.undoable.append(answer)
        self.progress.done += 1
        self.progress.remaining = remaining

    def _clear(self) -> None:
        self.card, self.revealed, self.shown_at, self._next = None, False, None, None
        self.stopwatch.stop()

    def undo(self) -> CardRecord | None:
        """Take back the last thing done this session, an answer or a change to a card, and
        show that card again; ``undone`` says which it was."""
        if not self.undoable:
            return None
        last = self.undoable.pop()
        self.undone = "answer" if isinstance(last, Answer) else last.what
        if isinstance(last, CardChange):
            return self._revert(last)
        self.history.pop()
        self.leech = None
        card = self.study.undo(initiator=self.initiator)
        if card is None:
            return None
        self.progress.done = max(0, self.progress.done - 1)
        counts = self._counts()
        self.progress.remaining, self.progress.counts = counts.total, counts
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
            if stored is None or stored.suspended or stored.buried or stored.retired:
                self._advance()
                self._recount()
                return
            if stored.state != self.card.state:  # answered or reset elsewhere
                self._advance()
                self._recount()
                return
            self.card = stored
        if changes.settings or changes.card:
            self._next = self.study.next_states(self.card)
        self._recount()

    def _revert(self, change: CardChange) -> CardRecord:
        before = change.before
        if change.what in ("suspend", "bury"):
            self.study.set_suspended(before, False, initiator=self.initiator)
            card = self.study.card(before.bank_id, before.question_id)
            counts = self._counts()
            self.progress.remaining, self.progress.counts = counts.total, counts
            self._show(card)
            return card
        if change.what == "flag":
            self.study.set_flagged(before, before.flagged, initiator=self.initiator)
        else:
            self.study.set_note(before, before.note, initiator=self.initiator)
        return self._refresh(before)

    def skip_learning_wait(self) -> datetime | None:
        """When the session is done for now, when the next learning card comes due today."""
        return self.study.next_learning_due(self.card_filter, self.question_type)

    def _recount(self) -> None:
        counts = self._counts()
        self.progress.remaining, self.progress.counts = counts.total, counts

    def _counts(self) -> Counts:
        return self.study.counts(self.card_filter, self.question_type)

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
        self.stopwatch.restart()
        self._next = states if states is not None else self.study.next_states(card)
