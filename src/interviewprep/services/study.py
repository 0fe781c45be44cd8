"""Studying: the use cases behind the review screen and `interviewprep stats`, one service
over the parts that hold each idea: today's counts (``study_counts``), the queue
(``study_queue``), the daily limits with the interview plan (``daily_limits``), and answering
with undo (``answering``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from interviewprep.core.card_record import CardFilter, CardRecord, QuestionType
from interviewprep.core.cards import Grade
from interviewprep.core.clock import Clock, StudyDay
from interviewprep.core.key_points import CriterionResult
from interviewprep.core.planning import InterviewPlan
from interviewprep.core.scheduling import Scheduler
from interviewprep.services.answering import Answering
from interviewprep.services.burying import BuriedRelease
from interviewprep.services.daily_limits import DailyLimits
from interviewprep.services.op_changes import PROGRESS_CHANGED, ChangeListener, OpChanges
from interviewprep.services.settings import SettingsService
from interviewprep.services.study_counts import StudyCounts
from interviewprep.services.study_queue import StudyQueue
from interviewprep.services.study_types import (
    AfterAnswer,
    Answer,
    CardNotFound,
    Counts,
    NextCardUnreadable,
    NextStates,
    card_key,
)
from interviewprep.storage.card_store import CardStore, QueueStore
from interviewprep.storage.database import Database, DatabaseProblem
from interviewprep.storage.models import ACTIVE, BURIED, SUSPENDED
from interviewprep.storage.read_models import TodayCounts, TodayQueues

__all__ = [
    "ALL_CARDS",
    "AfterAnswer",
    "Answer",
    "CardNotFound",
    "Counts",
    "NextCardUnreadable",
    "NextStates",
    "StudyService",
    "card_key",
]

ALL_CARDS = CardFilter()


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
        self._day = study_day or StudyDay()
        self._listeners: list[ChangeListener] = []
        figures, queues = TodayCounts(), TodayQueues()
        self._limits = DailyLimits(db, clock, settings, self._day, figures)
        self._counts = StudyCounts(db, clock, self._day, figures, self._limits)
        self._queue = StudyQueue(db, clock, self._day, queues, self._limits)
        self._buried = BuriedRelease(db, clock, self._day)
        self._answering = Answering(
            db,
            clock,
            settings,
            self._day,
            (figures, queues),
            self._counts,
            self._queue,
            self.notify_changed,
        )

    def close(self) -> None:
        self._answering.close()

    @property
    def study_day(self) -> StudyDay:
        return self._day

    # -- change notification: screens refresh when told, never by polling ---------------------

    def subscribe(self, listener: ChangeListener) -> None:
        """Call ``listener`` with every change made through this service (or reported to it),
        on the thread that made it."""
        self._listeners.append(listener)

    def notify_changed(self, changes: OpChanges = PROGRESS_CHANGED) -> None:
        """Tell the screens what changed: answers, suspensions, resets, settings."""
        for listener in list(self._listeners):
            listener(changes)

    # -- counts, limits and the queue -----------------------------------------------------------

    def scheduler(self, question_type: str) -> Scheduler:
        return self._answering.scheduler(question_type)

    def counts(
        self, card_filter: CardFilter = ALL_CARDS, question_type: str = QuestionType.FLASHCARD
    ) -> Counts:
        """Today's new (within the daily limit), learning and due cards."""
        self._buried.release()
        return self._counts.counts(card_filter, question_type)

    def plan(self) -> InterviewPlan | None:
        """The interview-date plan for the target roles' flashcards, if a date is set."""
        return self._limits.plan()

    def next_card(
        self,
        card_filter: CardFilter = ALL_CARDS,
        question_type: str = QuestionType.FLASHCARD,
        exclude: Sequence[tuple[str, str]] = (),
    ) -> CardRecord | None:
        """Learning cards that are due, then due reviews, then new cards within the daily limits,
        then learning cards due within the next 20 minutes rather than making the user wait."""
        self._buried.release()
        return self._queue.next_card(card_filter.with_type(question_type), question_type, exclude)

    def matching(
        self, card_filter: CardFilter = ALL_CARDS, question_type: str = QuestionType.FLASHCARD
    ) -> int:
        """Cards ``card_filter`` covers at all, due or not (suspended ones aside): none means
        the filters lead nowhere, which is not the same as being done for today."""
        self._buried.release()
        whenever = self._clock.now() + timedelta(days=365_000)
        with self._db.read() as session:
            by_stage = CardStore(session).count_by_stage(
                card_filter.with_type(question_type), whenever
            )
        return sum(by_stage.values())

    def next_learning_due(
        self, card_filter: CardFilter = ALL_CARDS, question_type: str = QuestionType.FLASHCARD
    ) -> datetime | None:
        """When the next learning card later today becomes due, if any."""
        return self._queue.next_learning_due(card_filter.with_type(question_type))

    def card(self, bank_id: str, question_id: str) -> CardRecord:
        with self._db.raw_read() as connection:
            card = QueueStore(connection).card(bank_id, question_id)
        if card is None:
            raise CardNotFound(f"question {card_key(bank_id, question_id)} is not installed")
        return card

    # -- answering ------------------------------------------------------------------------------

    def next_states(self, card: CardRecord) -> NextStates:
        """What each grade would make of ``card`` now; pass it to ``answer``."""
        return self._answering.next_states(card)

    def preview(self, card: CardRecord) -> dict[Grade, timedelta]:
        """The interval each grade would give this card now (what answer() will schedule)."""
        return self.next_states(card).intervals()

    def answer(
        self,
        card: CardRecord,
        grade: Grade,
        duration_ms: int,
        shown: NextStates | None = None,
        *,
        initiator: object | None = None,
        results: Sequence[CriterionResult] = (),
    ) -> Answer:
        """Grade a card. Committed in its own transaction before this returns; ``shown``: the
        grade states it was shown with (see ``Answering.answer``); ``initiator``: who is
        answering, named in the change the screens are told of; ``results``: how the card's
        key points came out, stored with the answer."""
        return self._answering.answer(
            card, grade, duration_ms, shown, initiator=initiator, results=results
        )[0]

    def answer_and_next(
        self,
        card: CardRecord,
        grade: Grade,
        duration_ms: int,
        shown: NextStates | None = None,
        card_filter: CardFilter = ALL_CARDS,
        question_type: str = QuestionType.FLASHCARD,
        *,
        initiator: object | None = None,
        results: Sequence[CriterionResult] = (),
    ) -> AfterAnswer:
        """``answer``, then ``next_card`` under ``card_filter`` with its ``next_states``, and
        the ``counts``: what the review screen does on every grade key, as one step. The
        next card and the counts come from the figures and the queue carried across the
        answer, the card's row is read inside the answer's transaction, and its grade states
        are worked out while the commit waits on the disk. Like ``answer``, it returns only
        once the answer is durable."""
        self._buried.release()  # a session across the rollover: the next card is today's
        answer, upcoming = self._answering.answer(
            card, grade, duration_ms, shown, (card_filter, question_type), initiator, results
        )
        if upcoming is not None:
            return AfterAnswer(answer, upcoming.states, upcoming.counts)
        # The kept figures could not say (another process wrote meanwhile, the queue needs
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

    def undo(self, *, initiator: object | None = None) -> CardRecord | None:
        """Undo the most recent answer; return that card as it is again, or None."""
        return self._answering.undo(initiator)

    # -- per-card actions -----------------------------------------------------------------------

    def set_note(self, card: CardRecord, note: str, *, initiator: object | None = None) -> None:
        self._set(card, OpChanges(card=True, initiator=initiator), note=note)

    def set_suspended(
        self, card: CardRecord, suspended: bool, *, initiator: object | None = None
    ) -> None:
        """Suspend ``card``, or put it back in study (a buried one too)."""
        self._set(
            card,
            OpChanges(queues=True, card=True, initiator=initiator),
            suspended=SUSPENDED if suspended else ACTIVE,
            buried_on=None,
        )

    def set_buried(self, card: CardRecord, *, initiator: object | None = None) -> None:
        """Take ``card`` out of today's study until the next study day (Anki's bury), its
        schedule unchanged; ``set_suspended(card, False)`` puts it back sooner."""
        self._set(
            card,
            OpChanges(queues=True, card=True, initiator=initiator),
            suspended=BURIED,
            buried_on=self._buried.today().toordinal(),
        )

    def set_flagged(
        self, card: CardRecord, flagged: bool, *, initiator: object | None = None
    ) -> None:
        self._set(card, OpChanges(card=True, initiator=initiator), flagged=flagged)

    def _set(self, card: CardRecord, changes: OpChanges, **values: object) -> None:
        with self._db.transaction() as session:
            CardStore(session).set_flags(card.bank_id, card.question_id, **values)
        self.notify_changed(changes)
