"""Time on a card counts only while it is in sight."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from interviewprep.core.clock import FixedClock
from interviewprep.core.stopwatch import Stopwatch


def test_paused_time_does_not_count() -> None:
    clock = FixedClock(datetime(2026, 3, 2, 9, tzinfo=UTC))
    watch = Stopwatch(clock)
    watch.restart()
    clock.advance(timedelta(seconds=5))
    watch.pause()
    clock.advance(timedelta(minutes=12))
    assert watch.elapsed() == timedelta(seconds=5)
    watch.resume()
    clock.advance(timedelta(seconds=3))
    assert watch.elapsed() == timedelta(seconds=8)


def test_a_card_shown_while_paused_starts_counting_on_resume() -> None:
    clock = FixedClock(datetime(2026, 3, 2, 9, tzinfo=UTC))
    watch = Stopwatch(clock)
    watch.pause()
    watch.restart()
    clock.advance(timedelta(minutes=5))
    assert watch.elapsed() == timedelta(0)
    watch.resume()
    watch.resume()  # twice is once
    clock.advance(timedelta(seconds=2))
    assert watch.elapsed() == timedelta(seconds=2)


def test_stopped_counts_nothing_even_when_resumed() -> None:
    clock = FixedClock(datetime(2026, 3, 2, 9, tzinfo=UTC))
    watch = Stopwatch(clock)
    watch.restart()
    clock.advance(timedelta(seconds=9))
    watch.stop()
    watch.pause()
    watch.resume()
    clock.advance(timedelta(seconds=9))
    assert watch.elapsed() == timedelta(0)
