"""Choosing the day of an answer's next review: load balancing and Easy Days.

The scheduler gives each answer a due date drawn at random from a fuzz range of a few days;
here that day is chosen again among the same days, weighing how many cards are already due on
each and the user's Easy Days (``core.load_balance``, ``core.easy_days``).

The loads, cards due on each of the next ``HORIZON_DAYS`` study days, are counted once and
then carried across our own answers, as Anki keeps its load balancer: counting them per card
took 40 to 80 ms at 20,000 cards. Each answer is noted with the write generation it commits
(``Database.generation``); while every write since the count is a noted answer, the count is
brought up to date from the notes, and anything else (another window, a suspension, undo, a
new study day) has it counted afresh. The review screen works out the next card's grade states
while the answer before it commits (``StudyService.answer_and_next``), on a snapshot that may
not show that answer yet: its note is added on top, so the buttons show what a cold start
after the commit would."""

from __future__ import annotations

import bisect
import random
import sqlite3
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
from interviewprep.storage.database import Database, read_generation
from interviewprep.storage.due_load import due_per_day
from interviewprep.storage.types import to_epoch_ms

HORIZON_DAYS = 120
"""Study days counted ahead: past the longest range placed by weight (an interval of 90 days
with its fuzz), as Anki counts 99."""
_NOTES_KEPT = 64


@dataclass(frozen=True)
class _Note:
    """One of our answers: where its card counted as load before it, and after."""

    card: tuple[str, str]
    question_type: str
    was_ms: int | None
    now_ms: int | None


@dataclass
class _Loads:
    """Cards of one kind due on each study day from ``today``, as of write ``generation``."""

    generation: int
    today: date
    bounds: list[int]
    """The days' starts in epoch ms, and the end of the last."""
    counts: list[int]

    def apply(self, note: _Note, sign: int = 1) -> None:
        _move(self.counts, self.bounds, note.was_ms, -sign)
        _move(self.counts, self.bounds, note.now_ms, sign)


class DuePlacement:
    def __init__(self, db: Database, settings: SettingsService, study_day: StudyDay) -> None:
        self._db = db
        self._settings = settings
        self._day = study_day
        self._notes: dict[int, _Note] = {}
        self._loads: dict[str, _Loads] = {}
        self._lock = threading.Lock()

    def answered(self, generation: int | None, before: CardRecord, after: CardState) -> None:
        """Note an answer whose write will commit ``generation``."""
        if generation is None:
            return
        active = not (before.suspended or before.buried or before.retired)
        note = _Note(
            before.key,
            before.type,
            _load_ms(before.state) if active else None,
            _load_ms(after) if active else None,
        )
        with self._lock:
            self._notes[generation] = note
            for old in sorted(self._notes)[:-_NOTES_KEPT]:
                del self._notes[old]

    def forget(self) -> None:
        """Drop the notes and counts: an answer's commit failed, so it will never show."""
        with self._lock:
            self._notes.clear()
            self._loads.clear()

    def place(
        self,
        card: CardRecord,
        scheduled: Mapping[Grade, Scheduled],
        now: datetime,
        interview: date | None = None,
    ) -> dict[Grade, CardState]:
        """The states of ``scheduled`` (``card``'s answers at ``now``), each due on the day
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
        option = self._options(card, now, today, days)
        key = f"{card.bank_id}/{card.question_id}"
        rng = random.Random(f"due-day:{fuzz_seed(key, card.state.reps)}")
        chosen = place(planned, option.__getitem__, easy_days, balance, rng, last_allowed)
        for grade, interval in zip(grades, chosen, strict=True):
            if interval is not None:
                states[grade] = states[grade].with_(due=now + timedelta(days=interval))
        return states

    def _options(
        self, card: CardRecord, now: datetime, today: date, days: range
    ) -> dict[int, DayOption]:
        """Each interval of ``days`` with its study day's weekday and load."""
        loads = self._loads_now(card.type, today)
        if not (
            card.suspended or card.buried or card.retired
        ):  # the card is not load where it may move to
            loads.apply(_Note(card.key, card.type, _load_ms(card.state), None))
        options = {}
        for n, when in self._dates(now, today, days).items():
            index = (when - today).days
            load = loads.counts[index] if 0 <= index < len(loads.counts) else 0
            options[n] = DayOption(n, when.weekday(), load)
        return options

    def _dates(self, now: datetime, today: date, days: range) -> dict[int, date]:
        """The study day each interval of ``days`` falls on: ``today + n`` unless a daylight-
        saving change moves a due time across the day's rollover, which the two ends show
        (a window is shorter than the months between two changes)."""
        ends = (days[0], days[-1])
        if all(
            self._day.day_of(now + timedelta(days=n)) == today + timedelta(days=n) for n in ends
        ):
            return {n: today + timedelta(days=n) for n in days}
        return {n: self._day.day_of(now + timedelta(days=n)) for n in days}

    def _loads_now(self, question_type: str, today: date) -> _Loads:
        """A copy of the loads as a cold read after every noted answer would count them."""
        with self._db.raw_read() as connection:
            generation = read_generation(connection)
            with self._lock:
                loads = self._carried(question_type, today, generation)
                if loads is None:
                    loads = self._count(connection, question_type, today, generation)
                    if generation >= 0:
                        self._loads[question_type] = loads
                copy = _Loads(generation, today, loads.bounds, list(loads.counts))
                # answers committing now, which this snapshot does not show yet
                for committing in sorted(g for g in self._notes if g > generation):
                    note = self._notes[committing]
                    if note.question_type == question_type:
                        copy.apply(note)
        return copy

    def _carried(self, question_type: str, today: date, generation: int) -> _Loads | None:
        """The counted loads brought up to ``generation`` by our notes; None if some write
        since was not one of our answers."""
        loads = self._loads.get(question_type)
        if loads is None or loads.today != today or generation < loads.generation:
            return None
        since = range(loads.generation + 1, generation + 1)
        if any(g not in self._notes for g in since):
            return None
        for g in since:
            note = self._notes[g]
            if note.question_type == question_type:
                loads.apply(note)
        loads.generation = generation
        return loads

    def _count(
        self, connection: sqlite3.Connection, question_type: str, today: date, generation: int
    ) -> _Loads:
        bounds = [
            to_epoch_ms(self._day.start_of(today + timedelta(days=i)))
            for i in range(HORIZON_DAYS + 1)
        ]
        counts = due_per_day(connection, question_type, bounds)
        return _Loads(generation, today, bounds, counts)


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
