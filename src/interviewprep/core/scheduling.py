"""FSRS scheduling through the ``fsrs`` package, made deterministic and clock-free.

py-fsrs reads ``now()`` and a global random generator for interval fuzz. Here the caller passes the
time, and fuzz is seeded from the card's identity and review count, so the interval shown on a
grade button is exactly the interval the answer then gives.
"""

from __future__ import annotations

import random
import threading
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import fsrs
import fsrs.scheduler as fsrs_scheduler

from interviewprep.core.card_record import QuestionType
from interviewprep.core.cards import CardState, Grade, Stage

DEFAULT_PARAMETERS: tuple[float, ...] = tuple(fsrs_scheduler.DEFAULT_PARAMETERS)

_STAGE_TO_FSRS = {
    Stage.LEARNING: fsrs.State.Learning,
    Stage.REVIEW: fsrs.State.Review,
    Stage.RELEARNING: fsrs.State.Relearning,
}
_FSRS_TO_STAGE = {v: k for k, v in _STAGE_TO_FSRS.items()}
_fuzz_lock = threading.Lock()


@dataclass(frozen=True)
class Preset:
    """Scheduling options for one kind of question (flashcards, or system-design prompts)."""

    name: str
    desired_retention: float = 0.90
    learning_steps: tuple[timedelta, ...] = (timedelta(minutes=1), timedelta(minutes=10))
    relearning_steps: tuple[timedelta, ...] = (timedelta(minutes=10),)
    maximum_interval_days: int = 36500
    new_per_day: int = 20
    reviews_per_day: int = 200
    parameters: tuple[float, ...] = field(default=DEFAULT_PARAMETERS)
    fuzz: bool = True


FLASHCARD_PRESET = Preset(name=QuestionType.FLASHCARD)
# A design prompt takes 45 minutes: minute-scale learning steps make no sense for it.
SYSTEM_DESIGN_PRESET = Preset(
    name=QuestionType.SYSTEM_DESIGN,
    learning_steps=(),
    relearning_steps=(),
    new_per_day=1,
    reviews_per_day=3,
)


@dataclass(frozen=True)
class FuzzRange:
    """The intervals, in whole days after the review, that py-fsrs's fuzz can give an answer:
    it picks one of them at random. A card can go on any of them without changing what the
    scheduler promises, which is what load balancing and Easy Days choose among."""

    earliest: int
    latest: int

    def __contains__(self, days: object) -> bool:
        return isinstance(days, int) and self.earliest <= days <= self.latest

    def days(self) -> range:
        return range(self.earliest, self.latest + 1)


@dataclass(frozen=True)
class Scheduled:
    """An answer's next state, with the days its due date could have fallen on instead."""

    state: CardState
    fuzz_range: FuzzRange | None
    """None when there was no choice: learning steps, intervals too short to fuzz, fuzz off."""


class _RangeNotingFSRS(fsrs.Scheduler):
    """py-fsrs's scheduler, noting the range of each interval it fuzzes. The range is py-fsrs's
    own: its fuzz run with the lowest and the highest draw, so nothing here re-derives its
    arithmetic (which rounds, so its last day is one past the ``max_ivl`` it computes)."""

    noted: FuzzRange | None = None

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._ranges: dict[int, FuzzRange] = {}

    def _get_fuzzed_interval(self, *, interval: timedelta) -> timedelta:
        # runs inside _fuzz_draw, which holds _fuzz_lock: the note and the probes are safe
        days = interval.days
        noted = self._ranges.get(days)
        if noted is None:
            noted = self._ranges[days] = FuzzRange(
                self._probe(interval, 0.0), self._probe(interval, _HIGHEST_DRAW)
            )
        self.noted = noted if noted.latest > noted.earliest else None
        return super()._get_fuzzed_interval(interval=interval)

    def _probe(self, interval: timedelta, draw: float) -> int:
        current = getattr(fsrs_scheduler, "random")  # noqa: B009 - module global we swap
        setattr(fsrs_scheduler, "random", lambda: draw)  # noqa: B010
        try:
            return super()._get_fuzzed_interval(interval=interval).days
        finally:
            setattr(fsrs_scheduler, "random", current)  # noqa: B010


_HIGHEST_DRAW = 1.0 - 2.0**-53
"""The largest float ``random()`` returns."""


@contextmanager
def _fuzz_draw(seed: int) -> Iterator[None]:
    """While the block runs, py-fsrs's fuzz draws the first number of a generator seeded with
    ``seed``, so the same card, reviews and grade always get the same interval. py-fsrs draws
    once per review, so that one number serves every grade: seeding a generator costs more
    than a review itself, and seeding once per grade gave the same draws four times over."""
    draw = random.Random(seed).random()
    with _fuzz_lock:
        original = getattr(fsrs_scheduler, "random")  # noqa: B009 - module global we swap
        setattr(fsrs_scheduler, "random", lambda: draw)  # noqa: B010
        try:
            yield
        finally:
            setattr(fsrs_scheduler, "random", original)  # noqa: B010


def fuzz_seed(card_key: str, reps: int) -> int:
    return zlib.crc32(f"{card_key}:{reps}".encode())


class Scheduler:
    """Computes next states for a preset. Pure: it never reads the clock or global state."""

    def __init__(self, preset: Preset) -> None:
        self.preset = preset
        self._fsrs = _RangeNotingFSRS(
            parameters=preset.parameters,
            desired_retention=preset.desired_retention,
            learning_steps=preset.learning_steps,
            relearning_steps=preset.relearning_steps,
            maximum_interval=preset.maximum_interval_days,
            enable_fuzzing=preset.fuzz,
        )

    def answer(self, card: CardState, grade: Grade, now: datetime, card_key: str) -> CardState:
        """The card's state after answering ``grade`` at ``now``."""
        return self.answers(card, (grade,), now, card_key)[grade]

    def answers(
        self, card: CardState, grades: Sequence[Grade], now: datetime, card_key: str
    ) -> dict[Grade, CardState]:
        """The card's state after each of ``grades``; each exactly what ``answer`` gives.
        One conversion and one fuzz set-up for all of them: the review screen asks for every
        grade's interval once per card."""
        scheduled = self.scheduled(card, grades, now, card_key)
        return {grade: result.state for grade, result in scheduled.items()}

    def scheduled(
        self, card: CardState, grades: Sequence[Grade], now: datetime, card_key: str
    ) -> dict[Grade, Scheduled]:
        """``answers``, each with the fuzz range its due date was drawn from."""
        _check_utc(now)
        before = _to_fsrs(card, now)
        seed = fuzz_seed(card_key, card.reps)
        states: dict[Grade, Scheduled] = {}
        with _fuzz_draw(seed):
            for grade in grades:
                self._fsrs.noted = None
                updated, _log = self._fsrs.review_card(before, fsrs.Rating(int(grade)), now)
                lapse = card.stage == Stage.REVIEW and grade == Grade.AGAIN
                state = CardState(
                    stage=_FSRS_TO_STAGE[updated.state],
                    step=updated.step,
                    stability=updated.stability,
                    difficulty=updated.difficulty,
                    due=updated.due,
                    last_review=now,
                    reps=card.reps + 1,
                    lapses=card.lapses + (1 if lapse else 0),
                )
                states[grade] = Scheduled(state, self._fsrs.noted)
        return states

    def preview(self, card: CardState, now: datetime, card_key: str) -> dict[Grade, timedelta]:
        """The interval each grade would give, as shown on the grade buttons."""
        states = self.answers(card, tuple(Grade), now, card_key)
        return {grade: state.due - now for grade, state in states.items()}  # type: ignore[operator]

    def retrievability(self, card: CardState, now: datetime) -> float:
        """Predicted probability of recall at ``now``; 0 for a question never seen."""
        if card.stage == Stage.NEW or card.stability is None:
            return 0.0
        return float(self._fsrs.get_card_retrievability(_to_fsrs(card, now), now))

    def forgetting_curve(self) -> tuple[float, float]:
        """``(factor, decay)`` such that ``retrievability`` is
        ``(1 + factor * whole_days_since_last_review / stability) ** decay``: for summing it
        over many cards in SQL."""
        decay = -self.preset.parameters[20]
        return 0.9 ** (1 / decay) - 1, decay


def _check_utc(now: datetime) -> None:
    if now.tzinfo is None or now.utcoffset() != timedelta(0):
        raise ValueError("pass an aware UTC datetime")


def _to_fsrs(card: CardState, now: datetime) -> fsrs.Card:
    if card.stage == Stage.NEW:
        return fsrs.Card(card_id=0, state=fsrs.State.Learning, step=0, due=now)
    return fsrs.Card(
        card_id=0,
        state=_STAGE_TO_FSRS[card.stage],
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=(card.due or now).astimezone(UTC),
        last_review=card.last_review.astimezone(UTC) if card.last_review else None,
    )


def format_interval(delta: timedelta) -> str:
    """Short interval label for a grade button: 1m, 10m, 3h, 4d, 2.5mo, 1.2y."""
    seconds = max(0.0, delta.total_seconds())
    minutes = seconds / 60
    if minutes < 60:
        return f"{max(1, round(minutes))}m"
    hours = minutes / 60
    if hours < 24:
        return f"{round(hours)}h"
    days = hours / 24
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        months = days / 30
        return f"{months:.1f}mo".replace(".0mo", "mo")
    years = days / 365
    return f"{years:.1f}y".replace(".0y", "y")


def parameters_valid(parameters: Sequence[float]) -> bool:
    try:
        fsrs.Scheduler(parameters=parameters)
    except ValueError:
        return False
    return True
