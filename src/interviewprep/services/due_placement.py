"""Choosing the day of an answer's next review: load balancing and Easy Days.

The scheduler gives each answer a due date drawn at random from a fuzz range of a few days;
here that day is chosen again among the same days, weighing how many cards are already due on
each and the user's Easy Days (``core.load_balance``, ``core.easy_days``).

The review screen works out the next card's grade states while the answer before it commits
(``StudyService.answer_and_next``), on a snapshot that may not show that answer yet. So each
answer is noted here until it is committed, and a snapshot from before its commit counts it as
a cold read after the commit would: the buttons show what a fresh start would show."""

from __future__ import annotations

import bisect
import random
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from interviewprep.core.cards import CardState, Grade, Stage
from interviewprep.core.clock import StudyDay
from interviewprep.core.load_balance import DayOption, Planned, place, window
from interviewprep.core.scheduling import Scheduled, fuzz_seed
from interviewprep.services.settings import SettingsService
from interviewprep.storage.card_store import CardRecord
from interviewprep.storage.database import READ_GENERATION, Database
from interviewprep.storage.due_load import due_per_day
from interviewprep.storage.types import to_epoch_ms

_PENDING_KEPT = 8
"""Answers noted at most: only the one committing matters, the rest are there for safety."""


@dataclass(frozen=True)
class _Pending:
    """An answer being committed: where its card counted as load before, and after."""

    card: tuple[str, str]
    question_type: str
    was_ms: int | None
    now_ms: int | None


class DuePlacement:
    def __init__(self, db: Database, settings: SettingsService, study_day: StudyDay) -> None:
        self._db = db
        self._settings = settings
        self._day = study_day
        self._pending: dict[int, _Pending] = {}
        self._lock = threading.Lock()

    def answered(self, generation: int | None, before: CardRecord, after: CardState) -> None:
        """Note an answer whose write will commit ``generation`` (see the module's note)."""
        if generation is None:
            return
        active = not (before.suspended or before.retired)
        pending = _Pending(
            before.key,
            before.type,
            _load_ms(before.state) if active else None,
            _load_ms(after) if active else None,
        )
        with self._lock:
            self._pending[generation] = pending
            for old in sorted(self._pending)[:-_PENDING_KEPT]:
                del self._pending[old]

    def forget(self) -> None:
        """Drop the notes: an answer's commit failed, so it will never show."""
        with self._lock:
            self._pending.clear()

    def place(
        self,
        card: tuple[str, str],
        question_type: str,
        before: CardState,
        scheduled: Mapping[Grade, Scheduled],
        now: datetime,
        interview: date | None = None,
    ) -> dict[Grade, CardState]:
        """The states of ``scheduled`` (one card's answers at ``now``), each due on the day
        of its fuzz range that load balancing and Easy Days choose; on or before the day
        before ``interview`` where its range allows. Same card, same review, same loads: same
        days, so the grade buttons show what the answer then stores."""
        balance, easy_days = self._settings.load_balancing, self._settings.easy_days
        states = {grade: result.state for grade, result in scheduled.items()}
        if not balance and easy_days.plain:
            return states
        grades = sorted(scheduled)
        planned = [_planned(scheduled[grade], now) for grade in grades]
        today = self._day.day_of(now)
        last_allowed = None if interview is None else (interview - today).days - 1
        days = window(planned, last_allowed)
        if not days:
            return states
        option = self._options(card, question_type, now, days)
        key = f"{card[0]}/{card[1]}"
        rng = random.Random(f"due-day:{fuzz_seed(key, before.reps)}")
        chosen = place(planned, option.__getitem__, easy_days, balance, rng, last_allowed)
        for grade, interval in zip(grades, chosen, strict=True):
            if interval is not None:
                states[grade] = states[grade].with_(due=now + timedelta(days=interval))
        return states

    def _options(
        self, card: tuple[str, str], question_type: str, now: datetime, days: range
    ) -> dict[int, DayOption]:
        """Each interval of ``days`` with its study day's weekday and load."""
        dates = {n: self._day.day_of(now + timedelta(days=n)) for n in days}
        first, last = min(dates.values()), max(dates.values())
        span = [first + timedelta(days=i) for i in range((last - first).days + 2)]
        bounds = [to_epoch_ms(self._day.start_of(d)) for d in span]
        with self._db.raw_read() as connection:
            loads = due_per_day(connection, question_type, bounds, card)
            rows = connection.execute(READ_GENERATION).fetchall()
        seen = int(rows[0][0]) if rows else None
        for pending in self._not_yet_seen(seen):
            if pending.question_type == question_type and pending.card != card:
                _move(loads, bounds, pending.was_ms, -1)
                _move(loads, bounds, pending.now_ms, +1)
        return {
            n: DayOption(n, when.weekday(), loads[(when - first).days]) for n, when in dates.items()
        }

    def _not_yet_seen(self, generation: int | None) -> list[_Pending]:
        """The noted answers a snapshot at write ``generation`` does not show yet."""
        with self._lock:
            if generation is None:
                return []
            for old in [g for g in self._pending if g <= generation]:
                del self._pending[old]
            return list(self._pending.values())


def _load_ms(state: CardState) -> int | None:
    """When a card in ``state`` counts as load: its due time, unless it is new."""
    if state.stage == Stage.NEW or state.due is None:
        return None
    return to_epoch_ms(state.due)


def _move(loads: list[int], bounds: list[int], due_ms: int | None, by: int) -> None:
    if due_ms is not None and bounds[0] <= due_ms < bounds[-1]:
        loads[bisect.bisect_right(bounds, due_ms) - 1] += by


def _planned(result: Scheduled, now: datetime) -> Planned | None:
    due = result.state.due
    if result.fuzz_range is None or due is None:
        return None
    return Planned(result.fuzz_range, (due - now).days)
