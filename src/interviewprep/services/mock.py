"""Mock interviews: a timed loop of short questions and one system-design round sized to the
time left, each question hidden until it is asked and the answers until the report, where the
user grades what was asked and the grades feed the scheduler."""

from __future__ import annotations

import heapq
import random
from collections import Counter, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from interviewprep.core import mock_plan
from interviewprep.core.cards import Grade, Stage
from interviewprep.core.clock import Clock
from interviewprep.core.errors import UserFacingError
from interviewprep.core.mock_plan import FLASHCARD_MINUTES, DesignBox, Outline
from interviewprep.core.review_queue import LEARNING_STAGES
from interviewprep.services.design import (
    SYSTEM_DESIGN,
    DesignService,
    Phase,
    RubricItem,
    phases_of,
    reference_markdown,
    rubric_of,
)
from interviewprep.services.study import CardNotFound, StudyService
from interviewprep.storage.bank_repository import BankRepository
from interviewprep.storage.card_store import CardFilter, CardRecord, RoleCard, role_cards
from interviewprep.storage.database import Database
from interviewprep.storage.design_boxes import design_boxes, flashcard_count
from interviewprep.storage.mock_interview_repository import (
    MockInterviewRepository,
    StoredMockInterview,
)
from interviewprep.storage.types import to_epoch_ms
from interviewprep.wording import count

LENGTHS = (30, 45, 60)
WEAK_TOPIC_SCORE = 2 / 3
"""A topic below the score of all-Good answers is one to drill."""
DRILL_TOPICS = 3
WEAK_RETRIEVABILITY = 0.9
WEAK_DIFFICULTY = 7.0
"""FSRS difficulty (1-10) from which a seen question counts as one the user struggles with."""


class MockProblem(UserFacingError):
    pass


@dataclass(frozen=True)
class MockItem:
    index: int
    bank_id: str
    question_id: str
    type: str
    topics: tuple[str, ...]
    difficulty: str
    minutes: float
    curveball: str = ""
    """For the design round: the constraint the interviewer adds, from the prompt's list."""
    curveball_minute: int | None = None
    """Minutes into the round at which the interviewer adds it."""

    @property
    def key(self) -> tuple[str, str]:
        return (self.bank_id, self.question_id)

    @property
    def is_design(self) -> bool:
        return self.type == SYSTEM_DESIGN

    @property
    def topic(self) -> str:
        return self.topics[0] if self.topics else "other"

    def as_json(self) -> dict[str, Any]:
        return {
            "bank_id": self.bank_id,
            "question_id": self.question_id,
            "type": self.type,
            "topics": list(self.topics),
            "difficulty": self.difficulty,
            "minutes": self.minutes,
            **(
                {"curveball": self.curveball, "curveball_minute": self.curveball_minute}
                if self.curveball
                else {}
            ),
        }


@dataclass(frozen=True)
class MockInterview:
    id: int
    role: str
    length_minutes: int
    started_at: datetime
    finished_at: datetime | None
    items: tuple[MockItem, ...]
    answers: dict[int, str]
    seconds: dict[int, int]
    design_attempt: int | None
    grades: dict[int, Grade]

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    @property
    def flashcards(self) -> int:
        return sum(not item.is_design for item in self.items)

    @property
    def design(self) -> MockItem | None:
        return next((item for item in self.items if item.is_design), None)

    @property
    def asked(self) -> tuple[int, ...]:
        """The questions put to the user: each shown one leaves its time (and text) behind when
        the user moves on or ends; grades saved by older versions count too."""
        shown = set(self.seconds) | set(self.answers) | set(self.grades)
        return tuple(sorted(i for i in shown if 0 <= i < len(self.items)))

    def summary(self) -> str:
        """What was planned, in words: '8 short questions, then a 20-minute design round'."""
        text = count(self.flashcards, "short question")
        design = self.design
        if design is not None:
            text += f", then a {design.minutes:g}-minute system-design round"
        return text


@dataclass(frozen=True)
class ReportItem:
    item: MockItem
    prompt: str
    title: str
    reference: str
    typed: str
    grade: Grade | None
    available: bool
    rubric: tuple[RubricItem, ...] = ()
    checked: tuple[int, ...] = ()
    """For the design round: the rubric items the user ticked as covered."""


@dataclass(frozen=True)
class TopicScore:
    topic: str
    name: str
    indices: tuple[int, ...]
    graded: int
    score: float | None
    """Mean of the grades on a 0..1 scale (Again 0, Hard ⅓, Good ⅔, Easy 1); None if ungraded."""


@dataclass(frozen=True)
class Drill:
    """What to drill next: the weakest topics (worst first), the design rubric items left
    unticked (heaviest first), and the review filter that studies exactly those topics."""

    topics: tuple[TopicScore, ...]
    missed_rubric: tuple[RubricItem, ...]
    card_filter: CardFilter | None

    @property
    def empty(self) -> bool:
        return not self.topics and not self.missed_rubric


@dataclass(frozen=True)
class MockReport:
    interview: MockInterview
    items: tuple[ReportItem, ...]
    """The questions that were asked, in the order they were asked; never the unseen ones."""
    topics: tuple[TopicScore, ...]
    grades: dict[int, Grade] = field(default_factory=dict)

    @property
    def ungraded(self) -> list[int]:
        return [r.item.index for r in self.items if r.available and r.item.index not in self.grades]

    @property
    def score(self) -> float | None:
        return grade_score(self.grades.values())

    @property
    def not_asked(self) -> int:
        """Planned questions the interview ended before: left to the scheduler as they were."""
        return len(self.interview.items) - len(self.items)

    def entry(self, index: int) -> ReportItem | None:
        return next((r for r in self.items if r.item.index == index), None)

    def drill(self) -> Drill:
        weak = sorted(
            (t for t in self.topics if t.score is not None and t.score < WEAK_TOPIC_SCORE),
            key=lambda t: (t.score, t.name.lower()),
        )[:DRILL_TOPICS]
        missed: list[RubricItem] = []
        for entry in self.items:
            if entry.item.is_design and entry.rubric and entry.item.index in self.grades:
                missed += [r for i, r in enumerate(entry.rubric) if i not in entry.checked]
        missed.sort(key=lambda r: -r.weight)
        card_filter = (
            CardFilter(roles=(self.interview.role,), topics=tuple(t.topic for t in weak))
            if weak
            else None
        )
        return Drill(tuple(weak), tuple(missed), card_filter)


_SMALL_WORDS = {"vs", "and", "of", "to", "in", "on", "for", "the", "a"}


def topic_name(tag: str) -> str:
    """A readable name for a topic tag no role profile names: ``llm-fundamentals`` reads
    ``LLM fundamentals``; short words are taken for acronyms (RAG, MCP)."""
    words = [w.upper() if len(w) <= 3 and w not in _SMALL_WORDS else w for w in tag.split("-") if w]
    if words and not words[0].isupper():
        words[0] = words[0].capitalize()
    return " ".join(words) or tag


def grade_score(grades: Sequence[Grade] | Any) -> float | None:
    values = [(int(g) - 1) / 3 for g in grades]
    return sum(values) / len(values) if values else None


@dataclass(frozen=True)
class _Candidate:
    bank_id: str
    question_id: str
    type: str
    topics: tuple[str, ...]
    difficulty: str
    time_box: int
    preferred: bool  # weak or unseen
    weak: bool
    rank: float

    @property
    def topic(self) -> str:
        return self.topics[0] if self.topics else "other"


def _interview(row: StoredMockInterview) -> MockInterview:
    results = row.results
    items = tuple(
        MockItem(
            index=i,
            bank_id=str(p["bank_id"]),
            question_id=str(p["question_id"]),
            type=str(p["type"]),
            topics=tuple(p.get("topics") or ()),
            difficulty=str(p.get("difficulty", "")),
            minutes=float(p.get("minutes", FLASHCARD_MINUTES)),
            curveball=str(p.get("curveball") or ""),
            curveball_minute=(
                int(p["curveball_minute"]) if p.get("curveball_minute") is not None else None
            ),
        )
        for i, p in enumerate(row.plan)
    )
    return MockInterview(
        id=row.id,
        role=row.role,
        length_minutes=row.length_minutes,
        started_at=row.started_at,
        finished_at=row.finished_at,
        items=items,
        answers={int(k): str(v) for k, v in (results.get("answers") or {}).items()},
        seconds={int(k): int(v) for k, v in (results.get("seconds") or {}).items()},
        design_attempt=results.get("design_attempt"),
        grades={int(k): Grade(v) for k, v in (results.get("grades") or {}).items()},
    )


class MockInterviewService:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        study: StudyService,
        design: DesignService,
        rng: random.Random | None = None,
    ) -> None:
        self._db = db
        self._clock = clock
        self._study = study
        self._design = design
        self._rng = rng

    # -- planning -------------------------------------------------------------------------------

    def roles(self) -> list[tuple[str, str]]:
        """(id, title) of every role with installed questions or a profile."""
        with self._db.read() as session:
            repository = BankRepository(session)
            titles = {r.id: r.title for r in repository.roles()}
            with_banks = repository.roles_with_banks()
        return sorted(
            ((role, titles.get(role) or topic_name(role)) for role in set(titles) | with_banks),
            key=lambda pair: pair[1].lower(),
        )

    def outline(self, role: str, minutes: int) -> Outline:
        """What a ``minutes``-long mock of ``role`` will contain, for the setup page to say
        truthfully before anything is planned; a few indexed counts, no question text."""
        with self._db.raw_read() as connection:
            boxes = design_boxes(connection, role)
            flashcards = flashcard_count(connection, role)
        designs = [DesignBox(int(b.time_box or 45), b.mock_time_box, b.curveballs) for b in boxes]
        return mock_plan.outline(minutes, flashcards, designs)

    def plan(self, role: str, minutes: int) -> MockInterview:
        """Build and store a loop: short questions (weak and unseen first, topics and
        difficulties mixed), then one design round sized to the time left, with one of its
        curveballs for the interviewer to add halfway."""
        if minutes <= 0:
            raise ValueError("a mock interview needs some minutes")
        now = self._clock.now()
        rng = self._rng or random.Random(int(now.timestamp()))
        candidates = self._candidates(role, now, rng)
        flashcards = [c for c in candidates if c.type != SYSTEM_DESIGN]
        designs = [c for c in candidates if c.type == SYSTEM_DESIGN]
        if not candidates:
            raise MockProblem(f"no questions are installed for the role '{role}'")
        rounds = self._design_rounds(role, minutes, designs, len(flashcards))
        # weak or unseen prompts first; a prompt that fits as written before one squeezed
        best = min(
            rounds, key=lambda r: (not r[0].preferred, not r[0].weak, r[2], r[0].rank), default=None
        )
        round_minutes = best[1] if best is not None else 0
        chosen = _mix(flashcards, mock_plan.flashcards_that_fit(minutes - round_minutes))
        items = [
            MockItem(i, c.bank_id, c.question_id, c.type, c.topics, c.difficulty, FLASHCARD_MINUTES)
            for i, c in enumerate(chosen)
        ]
        if best is not None:
            design = best[0]
            curveballs = self._study.card(design.bank_id, design.question_id).extra.get(
                "curveballs"
            )
            curveball = str(rng.choice(curveballs)) if curveballs else ""
            items.append(
                MockItem(
                    len(items),
                    design.bank_id,
                    design.question_id,
                    design.type,
                    design.topics,
                    design.difficulty,
                    float(round_minutes),
                    curveball=curveball,
                    curveball_minute=(
                        mock_plan.curveball_minute(round_minutes) if curveball else None
                    ),
                )
            )
        if not items:
            raise MockProblem(f"no question of the role '{role}' fits in {minutes} minutes")
        with self._db.transaction() as session:
            stored = MockInterviewRepository(session).add(
                role, minutes, now, [item.as_json() for item in items]
            )
        return _interview(stored)

    def _design_rounds(
        self, role: str, minutes: int, designs: Sequence[_Candidate], flashcards: int
    ) -> list[tuple[_Candidate, int, bool]]:
        """Each design prompt that fits with the minutes it would get, and whether that is
        less than the prompt's own (mock) time box."""
        if not designs:
            return []
        with self._db.raw_read() as connection:
            mock_boxes = {
                (b.bank_id, b.question_id): b.mock_time_box for b in design_boxes(connection, role)
            }
        rounds = []
        for design in designs:
            box = mock_boxes.get((design.bank_id, design.question_id))
            got = mock_plan.design_round_minutes(minutes, design.time_box, box, flashcards)
            if got is not None:
                rounds.append((design, got, got not in (design.time_box, box)))
        return rounds

    def _candidates(self, role: str, now: datetime, rng: random.Random) -> list[_Candidate]:
        with self._db.raw_read() as connection:
            cards = role_cards(connection, role)
        curves = {
            t: self._study.scheduler(t).forgetting_curve() for t in ("flashcard", SYSTEM_DESIGN)
        }
        now_ms = to_epoch_ms(now)
        # Sorted first so the shuffle, and so the plan, depend only on the seed.
        cards.sort(key=lambda c: (c.bank_id, c.question_id))
        ranks = list(range(len(cards)))
        rng.shuffle(ranks)
        found: list[_Candidate] = []
        for card, rank in zip(cards, ranks, strict=True):
            unseen = card.stage == Stage.NEW
            weak = not unseen and (
                card.stage in LEARNING_STAGES
                or card.lapses > 0
                or (card.fsrs_difficulty or 0.0) >= WEAK_DIFFICULTY
                or _recall(card, curves.get(card.type, curves["flashcard"]), now_ms)
                < WEAK_RETRIEVABILITY
            )
            found.append(
                _Candidate(
                    bank_id=card.bank_id,
                    question_id=card.question_id,
                    type=card.type,
                    topics=card.topics,
                    difficulty=card.difficulty,
                    time_box=int(card.time_box or 45),
                    preferred=unseen or weak,
                    weak=weak,
                    rank=float(rank),
                )
            )
        return found

    # -- during the interview -------------------------------------------------------------------

    def interview(self, mock_id: int) -> MockInterview:
        with self._db.read() as session:
            stored = MockInterviewRepository(session).get(mock_id)
        if stored is None:
            raise MockProblem(f"mock interview {mock_id} no longer exists")
        return _interview(stored)

    def card(self, item: MockItem) -> CardRecord:
        return self._study.card(item.bank_id, item.question_id)

    def save_answer(self, mock_id: int, index: int, text: str, seconds: int) -> None:
        """Keep what the user typed (for the design prompt: its notes) and the time spent."""
        interview = self.interview(mock_id)
        if interview.finished:
            return
        item = interview.items[index]
        if item.is_design:
            attempt_id = self._design_attempt(interview)
            self._design.save_notes(attempt_id, text, seconds)
        with self._db.transaction() as session:
            repository = MockInterviewRepository(session)
            stored = repository.get(mock_id)
            assert stored is not None
            results = dict(stored.results)
            answers = dict(results.get("answers") or {})
            spent = dict(results.get("seconds") or {})
            answers[str(index)] = text
            spent[str(index)] = max(0, int(seconds))
            results["answers"], results["seconds"] = answers, spent
            repository.save_results(mock_id, results)

    def _design_attempt(self, interview: MockInterview) -> int:
        if interview.design_attempt is not None:
            return interview.design_attempt
        design = interview.design
        assert design is not None
        attempt = self._design.start(self.card(design), mode="mock")
        with self._db.transaction() as session:
            repository = MockInterviewRepository(session)
            stored = repository.get(interview.id)
            assert stored is not None
            repository.save_results(interview.id, {**stored.results, "design_attempt": attempt.id})
        return attempt.id

    # -- the report -----------------------------------------------------------------------------

    def report(self, mock_id: int, grades: Mapping[int, Grade] | None = None) -> MockReport:
        """Each question's reference answer beside what was typed, scored by topic with
        ``grades`` (the grades given so far on screen) or the saved ones."""
        interview = self.interview(mock_id)
        given = dict(interview.grades if grades is None else grades)
        items: list[ReportItem] = []
        for index in interview.asked:
            item = interview.items[index]
            try:
                card: CardRecord | None = self.card(item)
            except CardNotFound:
                card = None
            typed = interview.answers.get(item.index, "")
            checked: tuple[int, ...] = ()
            if item.is_design and interview.design_attempt is not None:
                attempt = self._design.attempt(interview.design_attempt)
                typed, checked = attempt.notes, attempt.checked
            items.append(
                ReportItem(
                    item=item,
                    prompt=card.prompt if card is not None else "",
                    title=card.title if card is not None else "(removed from its bank)",
                    reference=_reference(card),
                    typed=typed,
                    grade=given.get(item.index),
                    available=card is not None,
                    rubric=tuple(rubric_of(card)) if item.is_design and card is not None else (),
                    checked=checked,
                )
            )
        gradable = {r.item.index for r in items if r.available}
        given = {i: g for i, g in given.items() if i in gradable}
        return MockReport(
            interview=interview,
            items=tuple(items),
            topics=self._topics(interview, given),
            grades=given,
        )

    def check_rubric(self, mock_id: int, checked: Iterable[int]) -> float:
        """Tick the design round's rubric items the user covered; returns the rubric score."""
        interview = self.interview(mock_id)
        if interview.finished or interview.design_attempt is None:
            raise MockProblem("this interview has no design round left to check")
        return self._design.finish(interview.design_attempt, checked).score

    def _topics(
        self, interview: MockInterview, grades: Mapping[int, Grade]
    ) -> tuple[TopicScore, ...]:
        with self._db.read() as session:
            profile = BankRepository(session).role(interview.role)
            names = dict(profile.topics) if profile is not None else {}
        groups: dict[str, list[int]] = {}
        for index in interview.asked:
            item = interview.items[index]
            groups.setdefault(item.topic, []).append(item.index)
        scores = []
        for topic, indices in groups.items():
            marks = [grades[i] for i in indices if i in grades]
            scores.append(
                TopicScore(
                    topic=topic,
                    name=names.get(topic) or topic_name(topic),
                    indices=tuple(indices),
                    graded=len(marks),
                    score=grade_score(marks),
                )
            )
        return tuple(scores)

    def finish(self, mock_id: int, grades: Mapping[int, Grade]) -> MockReport:
        """Give every graded question its scheduler review and store the results."""
        interview = self.interview(mock_id)
        if interview.finished:
            raise MockProblem("this mock interview was already saved")
        report = self.report(mock_id, grades)
        for index, grade in sorted(report.grades.items()):
            item = interview.items[index]
            if item.is_design:
                attempt_id = self._design_attempt(self.interview(mock_id))
                self._design.grade(attempt_id, grade)
            else:
                duration = interview.seconds.get(index, int(item.minutes * 60)) * 1000
                self._study.answer(self.card(item), grade, duration)
        with self._db.transaction() as session:
            repository = MockInterviewRepository(session)
            stored = repository.get(mock_id)
            assert stored is not None
            results = {
                **stored.results,
                "grades": {str(i): int(g) for i, g in report.grades.items()},
                "topics": {t.topic: t.score for t in report.topics},
                "score": report.score,
            }
            repository.save_results(mock_id, results, finished_at=self._clock.now())
        return self.report(mock_id)

    def history(self, limit: int = 10) -> list[MockInterview]:
        with self._db.read() as session:
            stored = MockInterviewRepository(session).recent(limit)
        return [_interview(row) for row in stored]


def round_phases(card: CardRecord, minutes: float) -> list[Phase]:
    """The prompt's phases scaled to a round of ``minutes``, starts included."""
    written = phases_of(card)
    scaled = mock_plan.scale_phases([p.minutes for p in written], int(minutes))
    phases, start = [], 0
    for phase, length in zip(written, scaled, strict=True):
        phases.append(Phase(phase.name, length, start))
        start += length
    return phases


def _reference(card: CardRecord | None) -> str:
    if card is None:
        return "_This question was removed from its bank._"
    if card.type == SYSTEM_DESIGN:
        return reference_markdown(card)
    return card.answer


_DAY_MS = 86_400_000


def _recall(card: RoleCard, curve: tuple[float, float], now_ms: int) -> float:
    """``Scheduler.retrievability`` from the stored figures: FSRS's forgetting curve over the
    whole days since the last review, 0 for a card without them."""
    if card.stability is None or card.last_review_ms is None:
        return 0.0
    factor, decay = curve
    days = max(0, (now_ms - card.last_review_ms) // _DAY_MS)
    return float((1 + factor * days / card.stability) ** decay)


def _mix(candidates: Sequence[_Candidate], count: int) -> list[_Candidate]:
    """Pick ``count`` questions: weak and unseen ones before ones the user knows, spreading
    topics and difficulties so two neighbours rarely share either.

    Candidates alike in all this weighs but their rank (same kind) go best rank first, so each
    pick is made among the kinds' first candidates: a few hundred kinds, where a role at
    100,000 questions has 33,000 candidates (0.5 s -> 70 ms, most of it sorting them into
    kinds)."""
    kinds: dict[_Kind, list[_Candidate]] = {}
    for candidate in candidates:
        kind = _Kind(candidate.preferred, candidate.weak, candidate.topic, candidate.difficulty)
        kinds.setdefault(kind, []).append(candidate)
    queues = {
        kind: deque(heapq.nsmallest(count, alike, key=_rank)) for kind, alike in kinds.items()
    }
    chosen: list[_Candidate] = []
    topics: Counter[str] = Counter()
    levels: Counter[str] = Counter()
    last_topic = last_level = ""
    while queues and len(chosen) < count:
        kind = min(
            queues,
            key=lambda k: (
                not k.preferred,
                topics[k.topic],
                k.topic == last_topic,
                levels[k.difficulty],
                k.difficulty == last_level,
                not k.weak,
                queues[k][0].rank,
            ),
        )
        best = queues[kind].popleft()
        if not queues[kind]:
            del queues[kind]
        chosen.append(best)
        topics[best.topic] += 1
        levels[best.difficulty] += 1
        last_topic, last_level = best.topic, best.difficulty
    return chosen


class _Kind(NamedTuple):
    preferred: bool
    weak: bool
    topic: str
    difficulty: str


def _rank(candidate: _Candidate) -> float:
    return candidate.rank


# -- the interview on screen -------------------------------------------------------------------


@dataclass
class MockSession:
    """A mock interview as the screen runs it: one question at a time against an overall clock,
    then the report where each question gets a self-grade."""

    service: MockInterviewService
    clock: Clock
    interview: MockInterview
    index: int = 0
    shown_at: datetime | None = None
    ended: bool = False
    grades: dict[int, Grade] = field(default_factory=dict)
    saved: MockReport | None = None
    _saved_text: str | None = None

    @classmethod
    def start(
        cls, service: MockInterviewService, clock: Clock, role: str, minutes: int
    ) -> MockSession:
        interview = service.plan(role, minutes)
        return cls(service, clock, interview, shown_at=clock.now())

    # -- during the interview -------------------------------------------------------------------

    @property
    def total(self) -> int:
        return len(self.interview.items)

    @property
    def item(self) -> MockItem | None:
        if self.ended or self.index >= self.total:
            return None
        return self.interview.items[self.index]

    @property
    def is_last(self) -> bool:
        return self.index >= self.total - 1

    def card(self) -> CardRecord | None:
        item = self.item
        return self.service.card(item) if item is not None else None

    def elapsed_seconds(self) -> int:
        return int((self.clock.now() - self.interview.started_at).total_seconds())

    def phases(self) -> list[Phase]:
        """The design round's phases, scaled to the minutes it has in this interview."""
        item, card = self.item, self.card()
        if item is None or card is None or not item.is_design:
            return []
        return round_phases(card, item.minutes)

    def round_seconds_left(self) -> int:
        """Time left in the current question's own slot (the design round's, mostly)."""
        item = self.item
        return int(item.minutes * 60) - self.item_seconds() if item is not None else 0

    def curveball(self) -> str:
        """The constraint the interviewer adds to the design round, once its minute has come;
        empty before that and for every other question."""
        item = self.item
        if item is None or not item.curveball or item.curveball_minute is None:
            return ""
        return item.curveball if self.item_seconds() >= item.curveball_minute * 60 else ""

    def remaining_seconds(self) -> int:
        return self.interview.length_minutes * 60 - self.elapsed_seconds()

    def clock_state(self) -> str:
        remaining = self.remaining_seconds()
        if remaining < 0:
            return "over"
        return "warning" if remaining <= 5 * 60 else "normal"

    def item_seconds(self) -> int:
        if self.shown_at is None:
            return 0
        return int((self.clock.now() - self.shown_at).total_seconds())

    def save(self, text: str) -> bool:
        """Keep what was typed for the current question; True when something was written."""
        item = self.item
        if item is None or text == self._saved_text:
            return False
        self.service.save_answer(self.interview.id, item.index, text, self.item_seconds())
        self._saved_text = text
        self.interview = self.service.interview(self.interview.id)
        return True

    def next(self, text: str) -> MockItem | None:
        """Keep the answer and move on; None once the last question is done."""
        item = self.item
        if item is None:
            return None
        self.service.save_answer(self.interview.id, item.index, text, self.item_seconds())
        self._saved_text = None
        self.index += 1
        self.shown_at = self.clock.now()
        if self.index >= self.total:
            self.ended = True
        self.interview = self.service.interview(self.interview.id)
        return self.item

    def end(self, text: str) -> None:
        """Stop early: the current answer is kept, unanswered questions can still be graded."""
        if self.item is not None:
            self.service.save_answer(self.interview.id, self.index, text, self.item_seconds())
        self.ended = True
        self.interview = self.service.interview(self.interview.id)

    # -- the report -----------------------------------------------------------------------------

    def report(self) -> MockReport:
        if self.saved is not None:
            return self.saved
        return self.service.report(self.interview.id, self.grades)

    def grade(self, index: int, grade: Grade) -> int | None:
        """Grade one question that was asked; returns the next one still to grade, if any."""
        if self.saved is not None or index not in self.interview.asked:
            return None
        self.grades[index] = grade
        ungraded = self.report().ungraded
        later = [i for i in ungraded if i > index]
        return (later or ungraded)[0] if ungraded else None

    def check_rubric(self, checked: Iterable[int]) -> float | None:
        """Tick the design round's rubric items covered; None once the grades are saved."""
        if self.saved is not None:
            return None
        return self.service.check_rubric(self.interview.id, checked)

    def finish(self) -> MockReport:
        """Feed the grades of the questions asked to the scheduler; once only."""
        if self.saved is None:
            self.saved = self.service.finish(self.interview.id, self.grades)
        return self.saved
