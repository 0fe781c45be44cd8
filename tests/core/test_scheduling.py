"""Scheduling follows FSRS, takes time from the caller, and previews what an answer will do."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import fsrs
import pytest

from interviewprep.core.cards import CardState, Grade, Stage
from interviewprep.core.scheduling import (
    FLASHCARD_PRESET,
    SYSTEM_DESIGN_PRESET,
    Preset,
    Scheduler,
    format_interval,
)

NOW = datetime(2026, 5, 1, 12, tzinfo=UTC)


def test_due_dates_match_the_fsrs_package_without_fuzz() -> None:
    ours = Scheduler(Preset(name="t", fuzz=False))
    reference = fsrs.Scheduler(enable_fuzzing=False)
    card, ref = CardState(), fsrs.Card(card_id=1, due=NOW)
    moment = NOW
    for grade in [Grade.GOOD, Grade.GOOD, Grade.GOOD, Grade.AGAIN, Grade.GOOD, Grade.EASY]:
        ref, _ = reference.review_card(ref, fsrs.Rating(int(grade)), moment)
        card = ours.answer(card, grade, moment, "bank/q")
        assert card.stability == pytest.approx(ref.stability)
        assert card.difficulty == pytest.approx(ref.difficulty)
        assert card.due is not None
        assert card.due == ref.due
        moment = max(card.due, moment + timedelta(minutes=1))


def test_fuzz_is_small_and_repeatable_per_card() -> None:
    fuzzed, exact = Scheduler(FLASHCARD_PRESET), Scheduler(Preset(name="t", fuzz=False))
    card = exact.answer(CardState(), Grade.EASY, NOW, "b/q")
    later = card.due or NOW
    plain = exact.answer(card, Grade.GOOD, later, "b/q").due
    first = fuzzed.answer(card, Grade.GOOD, later, "b/q").due
    again = fuzzed.answer(card, Grade.GOOD, later, "b/q").due
    assert plain is not None and first is not None
    assert first == again
    assert abs((first - plain).days) <= max(2, 0.15 * (plain - later).days)


def test_preview_equals_the_interval_the_answer_gives() -> None:
    scheduler = Scheduler(FLASHCARD_PRESET)
    card = CardState()
    moment = NOW
    for grade in [Grade.GOOD, Grade.GOOD, Grade.GOOD, Grade.HARD, Grade.GOOD]:
        preview = scheduler.preview(card, moment, "b/q")
        card = scheduler.answer(card, grade, moment, "b/q")
        assert card.due is not None
        assert card.due - moment == preview[grade]
        moment = card.due


def test_better_grades_never_give_shorter_intervals() -> None:
    scheduler = Scheduler(FLASHCARD_PRESET)
    card = scheduler.answer(CardState(), Grade.GOOD, NOW, "b/q")
    card = scheduler.answer(card, Grade.GOOD, NOW + timedelta(minutes=10), "b/q")
    preview = scheduler.preview(card, card.due or NOW, "b/q")
    intervals = [preview[g] for g in Grade]
    assert intervals == sorted(intervals)
    assert preview[Grade.AGAIN] < timedelta(hours=1) < preview[Grade.GOOD]


def test_lapse_counts_and_relearning() -> None:
    scheduler = Scheduler(FLASHCARD_PRESET)
    card = scheduler.answer(CardState(), Grade.EASY, NOW, "b/q")
    assert card.stage == Stage.REVIEW
    card = scheduler.answer(card, Grade.AGAIN, card.due or NOW, "b/q")
    assert card.stage == Stage.RELEARNING
    assert card.lapses == 1
    assert card.reps == 2


def test_design_prompts_skip_minute_steps() -> None:
    scheduler = Scheduler(SYSTEM_DESIGN_PRESET)
    card = scheduler.answer(CardState(), Grade.GOOD, NOW, "b/d")
    assert card.stage == Stage.REVIEW
    assert card.due is not None and card.due - NOW >= timedelta(days=1)


def test_retrievability_is_zero_for_new_and_falls_with_time() -> None:
    scheduler = Scheduler(FLASHCARD_PRESET)
    assert scheduler.retrievability(CardState(), NOW) == 0.0
    card = scheduler.answer(CardState(), Grade.EASY, NOW, "b/q")
    soon = scheduler.retrievability(card, NOW + timedelta(days=1))
    later = scheduler.retrievability(card, NOW + timedelta(days=30))
    assert 0.9 < soon <= 1.0
    assert later < soon


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="UTC"):
        Scheduler(FLASHCARD_PRESET).answer(CardState(), Grade.GOOD, datetime(2026, 1, 1), "b/q")


@pytest.mark.parametrize(
    ("delta", "label"),
    [
        (timedelta(seconds=30), "1m"),
        (timedelta(minutes=10), "10m"),
        (timedelta(hours=5), "5h"),
        (timedelta(days=3), "3d"),
        (timedelta(days=45), "1.5mo"),
        (timedelta(days=800), "2.2y"),
    ],
)
def test_interval_labels(delta: timedelta, label: str) -> None:
    assert format_interval(delta) == label


def test_the_fuzz_range_is_every_interval_fuzz_can_give() -> None:
    fuzzed = Scheduler(FLASHCARD_PRESET)
    card = Scheduler(Preset(name="t", fuzz=False)).answer(CardState(), Grade.EASY, NOW, "b/q")
    later = card.due or NOW
    ranges, intervals = set(), set()
    for n in range(400):  # the same card under many keys: many fuzz draws
        result = fuzzed.scheduled(card, (Grade.GOOD,), later, f"b/q{n}")[Grade.GOOD]
        assert result.state.due is not None and result.fuzz_range is not None
        ranges.add(result.fuzz_range)
        intervals.add((result.state.due - later).days)
        assert result.state == fuzzed.answer(card, Grade.GOOD, later, f"b/q{n}")
    (fuzz,) = ranges
    assert intervals == set(fuzz.days())
    assert 3 <= len(intervals) <= 12


def test_no_fuzz_range_where_there_is_no_choice() -> None:
    fuzzed = Scheduler(FLASHCARD_PRESET)
    steps = fuzzed.scheduled(CardState(), tuple(Grade), NOW, "b/q")
    assert all(steps[g].fuzz_range is None for g in (Grade.AGAIN, Grade.HARD, Grade.GOOD))
    assert steps[Grade.EASY].fuzz_range is not None  # straight to a week
    learned = steps[Grade.EASY].state
    exact = Scheduler(Preset(name="t", fuzz=False))
    assert all(
        r.fuzz_range is None for r in exact.scheduled(learned, tuple(Grade), NOW, "b/q").values()
    )
