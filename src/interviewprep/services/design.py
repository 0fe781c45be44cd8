"""System-design practice: timed attempts with autosaved notes, a weighted rubric and a grade
that feeds the scheduler.

``DesignSession`` holds the state of the attempt on screen (clock, phase, rubric, suggested
grade) so the design screen only shows it and forwards input; it is tested without Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from interviewprep.banks.titles import question_title
from interviewprep.core.cards import Grade
from interviewprep.core.clock import Clock
from interviewprep.core.errors import UserFacingError
from interviewprep.core.key_points import Coverage, CriterionKind, CriterionResult
from interviewprep.services.study import Answer, StudyService
from interviewprep.storage.bank_repository import BankRepository
from interviewprep.storage.card_store import CardRecord
from interviewprep.storage.criterion_log import CriterionLog
from interviewprep.storage.database import Database, driver_connection

# Re-exported: the attempt as stored is what the design screen shows.
from interviewprep.storage.design_attempt_repository import DesignAttempt as DesignAttempt
from interviewprep.storage.design_attempt_repository import DesignAttemptRepository

SYSTEM_DESIGN = "system-design"
MODES = ("practice", "mock")
WARNING_SECONDS = 5 * 60
"""The countdown turns to a warning colour this long before the time box runs out."""

# Lower bounds of the rubric score for each grade; below the first bound is Again.
GRADE_THRESHOLDS: tuple[tuple[float, Grade], ...] = (
    (0.85, Grade.EASY),
    (0.65, Grade.GOOD),
    (0.40, Grade.HARD),
)


class AttemptNotFound(UserFacingError):
    pass


class AttemptClosed(UserFacingError):
    """The attempt was already graded: its notes and rubric are kept as they were."""


@dataclass(frozen=True)
class RubricItem:
    text: str
    weight: int


@dataclass(frozen=True)
class Phase:
    name: str
    minutes: int
    start_minute: int

    @property
    def end_minute(self) -> int:
        return self.start_minute + self.minutes


@dataclass(frozen=True)
class DesignPrompt:
    """A design prompt as the picker lists it."""

    bank_id: str
    question_id: str
    title: str
    bank_title: str
    difficulty: str
    time_box: int
    reps: int

    @property
    def key(self) -> tuple[str, str]:
        return (self.bank_id, self.question_id)


@dataclass(frozen=True)
class Scored:
    score: float
    suggested: Grade


# -- pure helpers ------------------------------------------------------------------------------


def rubric_of(card: CardRecord) -> list[RubricItem]:
    return [RubricItem(str(r["text"]), int(r["weight"])) for r in card.extra.get("rubric") or []]


def phases_of(card: CardRecord) -> list[Phase]:
    phases: list[Phase] = []
    start = 0
    for item in card.extra.get("phases") or []:
        minutes = int(item["minutes"])
        phases.append(Phase(str(item["name"]), minutes, start))
        start += minutes
    return phases


def time_box_of(card: CardRecord) -> int:
    """Minutes allowed; falls back to the phases' sum, then to the usual 45."""
    box = card.extra.get("time_box")
    if isinstance(box, int) and box > 0:
        return box
    return sum(p.minutes for p in phases_of(card)) or 45


def rubric_score(rubric: Sequence[RubricItem], checked: Iterable[int]) -> float:
    """Sum of the checked items' weights over the sum of all weights, 0..1."""
    total = sum(item.weight for item in rubric)
    if total <= 0:
        return 0.0
    chosen = {i for i in checked if 0 <= i < len(rubric)}
    return sum(rubric[i].weight for i in chosen) / total


def rubric_results(rubric: Sequence[RubricItem], checked: Iterable[int]) -> list[CriterionResult]:
    """Each rubric item as the weakest-criteria report counts it: covered if ticked, else
    missed (a rubric has no "partly"), with its weight."""
    chosen = set(checked)
    return [
        CriterionResult(
            index, item.text, item.weight, Coverage.COVERED if index in chosen else Coverage.MISSED
        )
        for index, item in enumerate(rubric)
    ]


def suggested_grade(score: float) -> Grade:
    for bound, grade in GRADE_THRESHOLDS:
        if score >= bound:
            return grade
    return Grade.AGAIN


def current_phase(phases: Sequence[Phase], elapsed_seconds: int) -> int | None:
    """Index of the phase the clock is in; the last phase once time has run out."""
    if not phases:
        return None
    minute = max(0, elapsed_seconds) / 60
    for index, phase in enumerate(phases):
        if minute < phase.end_minute:
            return index
    return len(phases) - 1


def format_clock(seconds: int) -> str:
    """``mm:ss``, with a minus sign once the time box is over (``-02:05``)."""
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    return f"{sign}{seconds // 60:02d}:{seconds % 60:02d}"


def reference_markdown(card: CardRecord) -> str:
    """What Finish reveals: the reference outline, pitfalls and curveballs."""
    parts = ["#### Reference outline\n\n" + card.answer]
    for key, heading in (
        ("pitfalls", "Pitfalls"),
        ("curveballs", "Curveballs an interviewer may add"),
        ("follow_ups", "Follow-ups"),
    ):
        items = card.extra.get(key) or []
        if items:
            parts.append(f"#### {heading}\n\n" + "\n".join(f"- {item}" for item in items))
    return "\n\n".join(parts)


def describe_prompt(
    card: CardRecord,
    bank_title: str,
    topic_title: Callable[[str], str],
    time_box_minutes: int,
    reps: int,
) -> str:
    """The line under the picker: bank and topic titles (never their ids), level, time box and
    how often the prompt was practised."""
    topics = ", ".join(topic_title(tag) for tag in card.topics)
    bits = [bank_title, topics, card.difficulty.capitalize(), f"{time_box_minutes} min time box"]
    bits.append("new" if reps == 0 else f"practised {reps}×")
    return " · ".join(bit for bit in bits if bit)


# -- the service -------------------------------------------------------------------------------


class DesignService:
    """Design attempts on disk. Every write is committed before the method returns."""

    def __init__(self, db: Database, clock: Clock, study: StudyService) -> None:
        self._db = db
        self._clock = clock
        self._study = study

    def prompts(self, roles: Sequence[str] = ()) -> list[DesignPrompt]:
        """Every active, unsuspended design prompt, in bank order."""
        with self._db.read() as session:
            stored = DesignAttemptRepository(session).prompts(roles)
        return [
            DesignPrompt(
                bank_id=p.bank_id,
                question_id=p.question_id,
                title=question_title(p.extra.get("title"), p.prompt),
                bank_title=p.bank_title,
                difficulty=p.difficulty,
                time_box=int(p.extra.get("time_box") or 45),
                reps=p.reps,
            )
            for p in stored
        ]

    def start(self, card: CardRecord, mode: str = "practice") -> DesignAttempt:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        now = self._clock.now()
        with self._db.transaction() as session:
            return DesignAttemptRepository(session).add(card.bank_id, card.question_id, mode, now)

    def attempt(self, attempt_id: int) -> DesignAttempt:
        with self._db.read() as session:
            attempt = DesignAttemptRepository(session).get(attempt_id)
        if attempt is None:
            raise AttemptNotFound(f"design attempt {attempt_id} no longer exists")
        return attempt

    def save_notes(self, attempt_id: int, notes: str, elapsed_seconds: int) -> DesignAttempt:
        with self._db.transaction() as session:
            attempts = DesignAttemptRepository(session)
            attempt = self._open(attempts, attempt_id)
            saved = replace(
                attempt,
                notes=notes,
                elapsed_seconds=(
                    attempt.elapsed_seconds if attempt.finished else max(0, int(elapsed_seconds))
                ),
                updated_at=self._clock.now(),
            )
            attempts.save(saved)
            return saved

    def finish(
        self, attempt_id: int, checked_indices: Iterable[int], elapsed_seconds: int | None = None
    ) -> Scored:
        """Stop the clock (the first time) and score the rubric; may be called again as the user
        ticks items, so the checks survive a restart."""
        attempt = self.attempt(attempt_id)
        rubric = rubric_of(self._study.card(attempt.bank_id, attempt.question_id))
        checked = sorted({i for i in checked_indices if 0 <= i < len(rubric)})
        score = rubric_score(rubric, checked)
        with self._db.transaction() as session:
            attempts = DesignAttemptRepository(session)
            attempt = self._open(attempts, attempt_id)
            now = self._clock.now()
            if attempt.finished_at is None:
                attempt = replace(attempt, finished_at=now)
                if elapsed_seconds is not None:
                    attempt = replace(attempt, elapsed_seconds=max(0, int(elapsed_seconds)))
            attempts.save(replace(attempt, checked=tuple(checked), score=score, updated_at=now))
            # with the score, in its transaction: a re-score replaces the earlier results
            CriterionLog(driver_connection(session)).record(
                attempt.key,
                CriterionKind.RUBRIC_ITEM,
                rubric_results(rubric, checked),
                now,
                attempt_id=attempt_id,
            )
        return Scored(score, suggested_grade(score))

    def grade(self, attempt_id: int, grade: Grade) -> Answer:
        """Record the grade (the suggested one or the user's override) and schedule the prompt."""
        attempt = self.attempt(attempt_id)
        card = self._study.card(attempt.bank_id, attempt.question_id)
        # The grade is written first: if the app dies before the scheduler has it, the attempt
        # cannot be graded (and scheduled) a second time after a restart.
        with self._db.transaction() as session:
            attempts = DesignAttemptRepository(session)
            current = self._open(attempts, attempt_id)
            now = self._clock.now()
            attempts.save(
                replace(
                    current, grade=grade, finished_at=current.finished_at or now, updated_at=now
                )
            )
        try:
            return self._study.answer(card, grade, attempt.elapsed_seconds * 1000)
        except Exception:
            with self._db.transaction() as session:
                attempts = DesignAttemptRepository(session)
                reverted = attempts.get(attempt_id)
                if reverted is not None:
                    attempts.save(replace(reverted, grade=None))
            raise

    def abandon(self, attempt_id: int) -> None:
        """Stop an attempt the user walked away from: kept if it has notes, else forgotten."""
        with self._db.transaction() as session:
            attempts = DesignAttemptRepository(session)
            attempt = attempts.get(attempt_id)
            if attempt is None or attempt.grade is not None:
                return
            # walked away from: its rubric check, if any, no longer stands (the score goes too)
            CriterionLog(driver_connection(session)).forget_attempt(attempt_id)
            if not attempt.notes.strip():
                attempts.delete(attempt_id)
                return
            attempts.save(
                replace(
                    attempt,
                    finished_at=attempt.finished_at or self._clock.now(),
                    score=None,
                    updated_at=self._clock.now(),
                )
            )

    def attempts(self, bank_id: str, question_id: str) -> list[DesignAttempt]:
        """Earlier attempts at one prompt, newest first."""
        with self._db.read() as session:
            return DesignAttemptRepository(session).of_question(bank_id, question_id)

    def resume_unfinished(self, mode: str = "practice") -> DesignAttempt | None:
        """The newest attempt left ungraded when the app closed: still running, or finished and
        waiting for its grade. Attempts the user walked away from are not resumed."""
        with self._db.read() as session:
            questions = BankRepository(session)
            for attempt in DesignAttemptRepository(session).ungraded(mode):
                if not attempt.abandoned and questions.is_active(
                    attempt.bank_id, attempt.question_id
                ):
                    return attempt
        return None

    @staticmethod
    def _open(attempts: DesignAttemptRepository, attempt_id: int) -> DesignAttempt:
        """The attempt, while it can still change."""
        attempt = attempts.get(attempt_id)
        if attempt is None:
            raise AttemptNotFound(f"design attempt {attempt_id} no longer exists")
        if attempt.grade is not None:
            raise AttemptClosed("this attempt was already graded")
        return attempt


# -- the attempt on screen ---------------------------------------------------------------------


@dataclass
class DesignSession:
    """One design prompt on screen: before the start, running, finished, then graded."""

    service: DesignService
    clock: Clock
    card: CardRecord
    mode: str = "practice"
    attempt: DesignAttempt | None = None
    checked: set[int] = field(default_factory=set)
    answer: Answer | None = None
    _base_seconds: int = 0
    _since: datetime | None = None
    _holds: set[str] = field(default_factory=set)
    """Why the clock is held while the attempt runs: "user" (paused on purpose) and "sight"
    (the screen is hidden or the window minimised). It counts only with no hold."""
    _saved_notes: str = ""
    _saved_seconds: int = 0

    @classmethod
    def resume(
        cls, service: DesignService, clock: Clock, card: CardRecord, attempt: DesignAttempt
    ) -> DesignSession:
        session = cls(service, clock, card, mode=attempt.mode, attempt=attempt)
        session.checked = set(attempt.checked)
        session._base_seconds = attempt.elapsed_seconds
        session._since = None if attempt.finished else clock.now()
        session._holds = set()
        session._saved_notes = attempt.notes
        session._saved_seconds = attempt.elapsed_seconds
        return session

    # -- state ----------------------------------------------------------------------------------

    @property
    def started(self) -> bool:
        return self.attempt is not None

    @property
    def running(self) -> bool:
        return self.attempt is not None and not self.attempt.finished

    @property
    def finished(self) -> bool:
        return self.attempt is not None and self.attempt.finished

    @property
    def graded(self) -> bool:
        return self.attempt is not None and self.attempt.grade is not None

    @property
    def notes(self) -> str:
        return self.attempt.notes if self.attempt is not None else ""

    @property
    def rubric(self) -> list[RubricItem]:
        return rubric_of(self.card)

    @property
    def phases(self) -> list[Phase]:
        return phases_of(self.card)

    @property
    def time_box_seconds(self) -> int:
        return time_box_of(self.card) * 60

    @property
    def paused(self) -> bool:
        """Running, but the clock stands still (by the user or because nobody sees it)."""
        return self.running and bool(self._holds)

    @property
    def paused_by_user(self) -> bool:
        return self.running and "user" in self._holds

    def elapsed_seconds(self) -> int:
        if self._since is None:
            return self._base_seconds
        return self._base_seconds + int((self.clock.now() - self._since).total_seconds())

    def remaining_seconds(self) -> int:
        return self.time_box_seconds - self.elapsed_seconds()

    def countdown(self) -> str:
        return format_clock(self.remaining_seconds())

    def clock_state(self) -> str:
        """ "normal", "warning" (last five minutes) or "over" (past the time box)."""
        remaining = self.remaining_seconds()
        if remaining < 0:
            return "over"
        return "warning" if remaining <= WARNING_SECONDS else "normal"

    def current_phase(self) -> int | None:
        return current_phase(self.phases, self.elapsed_seconds()) if self.started else None

    def score(self) -> float:
        return rubric_score(self.rubric, self.checked)

    def suggested(self) -> Grade:
        return suggested_grade(self.score())

    # -- actions --------------------------------------------------------------------------------

    def start(self) -> DesignAttempt:
        if self.attempt is None:
            self.attempt = self.service.start(self.card, self.mode)
            self._base_seconds = 0
            self._since = None if self._holds else self.clock.now()
        return self.attempt

    def pause(self, by: str = "user") -> None:
        """Hold the clock; ``by`` says who, so the screen coming back into view does not undo
        a pause the user chose."""
        if self._since is not None:
            self._base_seconds = self.elapsed_seconds()
            self._since = None
        self._holds.add(by)

    def unpause(self, by: str = "user") -> None:
        self._holds.discard(by)
        if not self._holds and self.running and self._since is None:
            self._since = self.clock.now()

    def dirty(self, notes: str) -> bool:
        return self.running and (
            notes != self._saved_notes or self.elapsed_seconds() != self._saved_seconds
        )

    def save(self, notes: str) -> bool:
        """Write the notes and the clock if either changed; True when something was written."""
        if self.attempt is None or self.graded or not self.dirty(notes):
            return False
        elapsed = self.elapsed_seconds()
        self.attempt = self.service.save_notes(self.attempt.id, notes, elapsed)
        self._saved_notes, self._saved_seconds = notes, elapsed
        return True

    def finish(self, notes: str) -> Scored:
        attempt = self.start()
        if not attempt.finished:
            self.save(notes)
            elapsed = self.elapsed_seconds()
            scored = self.service.finish(attempt.id, self.checked, elapsed)
            self._base_seconds, self._since = elapsed, None
            self.attempt = self.service.attempt(attempt.id)
            return scored
        return Scored(self.score(), self.suggested())

    def set_checked(self, index: int, checked: bool) -> Scored:
        if not self.finished or self.graded or self.attempt is None:
            return Scored(self.score(), self.suggested())
        if checked:
            self.checked.add(index)
        else:
            self.checked.discard(index)
        scored = self.service.finish(self.attempt.id, self.checked)
        self.attempt = self.service.attempt(self.attempt.id)
        return scored

    def grade(self, grade: Grade) -> Answer | None:
        """Grade a finished attempt once; the prompt gets its scheduler review."""
        if self.attempt is None or not self.finished or self.graded:
            return None
        self.answer = self.service.grade(self.attempt.id, grade)
        self.attempt = self.service.attempt(self.attempt.id)
        return self.answer

    def abandon(self, notes: str) -> None:
        """The user moved to another prompt: keep what was typed, stop the clock, and do not
        offer this attempt again after a restart."""
        if self.attempt is None or self.graded:
            return
        self.save(notes)
        self._base_seconds, self._since = self.elapsed_seconds(), None
        self.service.abandon(self.attempt.id)
        try:
            self.attempt = self.service.attempt(self.attempt.id)
        except AttemptNotFound:  # nothing was typed, so nothing was kept
            self.attempt = None
