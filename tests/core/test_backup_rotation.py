"""A year of half-hourly backups shrinks to recent + 12 daily + 10 weekly + 9 monthly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from interviewprep.core.backup_rotation import backups_to_keep

NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)


def test_a_year_of_backups_is_bounded_and_spans_the_year() -> None:
    times = [NOW - timedelta(minutes=30 * i) for i in range(365 * 48)]
    keep = backups_to_keep(times, NOW)
    recent = [t for t in keep if NOW - t <= timedelta(hours=24)]
    assert len(recent) == 49
    assert len(keep) <= 49 + 12 + 10 + 9
    assert min(keep) < NOW - timedelta(days=230)  # eight-plus months of history survive
    days = {t.date() for t in keep if NOW - t > timedelta(days=1)}
    assert len({d for d in days if NOW.date() - d <= timedelta(days=12)}) >= 10


def test_newest_backup_of_a_period_is_the_one_kept() -> None:
    day = datetime(2026, 11, 1, tzinfo=UTC)
    times = [day + timedelta(hours=h) for h in (1, 5, 9)]
    keep = backups_to_keep(times, NOW)
    assert keep == {day + timedelta(hours=9)}


def test_nothing_to_rotate() -> None:
    assert backups_to_keep([], NOW) == set()
